"""A look-ahead on the characters a regex can start with, so a search skips most positions cheaply.

A cue regex with ignore-case is an alternation of a few dozen words; the engine tries every alternative
at every position of a sentence. ``(?=[dfnpru])`` in front (the first letters the alternatives allow)
rejects a position with one class test instead, about halving the search (measured in docs/claims.md).
The set is read from the parsed pattern, so it cannot miss a start the pattern allows; a pattern whose
start the reader does not follow (a look-ahead, a back-reference, a negated class) gets no gate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {_c.CATEGORY_SPACE: r"\s", _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_WORD: r"\w"}
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))


def _class_items(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    out = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is _c.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            return None
    return out


def _starts(items: Sequence[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """(class items the sequence may start with, whether it may match the empty string); None: unknown."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            return out | {re.escape(chr(av))}, False
        if op is _c.IN:
            chars = _class_items(av)
            return (None if chars is None else out | chars), False
        if op is _c.AT or op is _c.ASSERT_NOT or (op is _c.ASSERT and av[0] < 0):
            continue  # zero width (a boundary, a look-behind, a negative look-ahead): the next item starts
        if op is _c.BRANCH:
            subs = [_starts(list(alt)) for alt in av[1]]
        elif op is _c.SUBPATTERN:
            subs = [_starts(list(av[3]))]
        elif op in _REPEATS:
            first, empty = _starts(list(av[2]))
            subs = [(first, empty or av[0] == 0)]
        else:
            return None, False
        for chars, _ in subs:
            if chars is None:
                return None, False
            out |= chars
        if not any(empty for _, empty in subs):
            return out, False
    return out, True


def gated(source: str, flags: int) -> re.Pattern[str]:
    """``source`` compiled with ``flags``, behind a look-ahead on its possible first characters when that
    helps: not for a pattern that may match empty, may start with any word character, or starts with one
    literal character (the engine already scans for that one)."""
    try:
        chars, empty = _starts(list(_p.parse(source, flags)))
    except (re.error, AttributeError, TypeError, ValueError):
        chars, empty = None, True
    if chars is None or empty or len(chars) < 2 or r"\w" in chars:
        return re.compile(source, flags)
    return re.compile(f"(?=[{''.join(sorted(chars))}])(?:{source})", flags)
