r"""What a regex can start with, so a search skips the positions where it cannot match.

A cue regex with ignore-case is an alternation of a few dozen words; the engine tries every alternative
at every position of a sentence. Two shortcuts, both read from the parsed pattern so that neither can miss a
start the pattern allows:

- ``(?=[dfnpru])`` in front (the first letters the alternatives allow) rejects a position with one class test
  instead, about halving the search (measured in docs/claims.md);
- a pattern that can only start where a word starts (after ``(?<!\w)`` or ``\b``) and with one of a known set of
  one, two or three folded characters (its heads) is tried only at the words of the text that begin with one of
  them. Each such pattern has a bit; a text's word starts are listed once, each with the bits of the patterns whose
  heads begin it, and kept while the reader asks about that text, so the dozens of cue searches of a sentence each
  cost one integer test per word and a match or two, not a regex scan (docs/decisions.md).

A pattern whose start the reader does not follow (a back-reference, a class it cannot list) keeps the plain
search; so does a text with a character whose case folds unlike its lower case ("ſ", "ı", "µ") or a decimal digit
other than 0-9, a text asked about once, and an article-length one.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
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
            if av[1] or av[2]:
                return None, False  # its own flags ("(?i:we)" in a pattern that minds case): the gate could not follow
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


# --- the heads a pattern can start with (up to three characters), and the words of a text that start with them --

# Characters the regex engine folds together under ignore-case beyond their lower case ("s", "ſ"; "в", "ᲀ"):
# its own table, so that a pattern's letters and a text's compare as the engine compares them.
_EXTRA: dict[int, tuple[int, ...]] = getattr(getattr(re, "_casefix", None), "_EXTRA_CASES", {})
# Heads kept per pattern at most; beyond, its first letters alone are kept (a wider net, never a hole).
_MAX_HEADS = 4000
# Characters of a match's head looked at: three tell most words apart ("the" from "through").
_HEAD = 3
_WORD_CHAR = re.compile(r"\w")


def _fold(ch: str) -> str | None:
    """One character as the engine compares it under ignore-case; None for one whose lower case is longer."""
    low = ch.lower()
    if len(low) != 1:
        return None
    return chr(min([ord(low), *_EXTRA.get(ord(low), ())]))


# A lower-cased text holding one of these is searched plainly: a character that is not the form its fold compares by
# ("ſ" for "s"), or a decimal digit other than 0-9 (which ``\d`` matches and the word lists below know only as 0-9).
_DIGITS = "0123456789"
_PLAIN = re.compile(
    "["
    + "".join(
        re.escape(c) for c in sorted({chr(o) for k, v in _EXTRA.items() for o in (k, *v)}) if _fold(c) not in (c, None)
    )
    + "]|(?![0-9])\\d"
    if _EXTRA
    else r"[^\x00-\x7f]"
)


def _item_chars(op: Any, av: Any) -> set[str] | None:
    """The folded characters one literal or listed class matches; None for anything else."""
    if op is _c.LITERAL:
        chars = {chr(av)}
    elif op is _c.IN:
        chars = set()
        for iop, iav in av:
            if iop is _c.LITERAL:
                chars.add(chr(iav))
            elif iop is _c.RANGE and iav[1] - iav[0] <= 256:
                chars |= {chr(o) for o in range(iav[0], iav[1] + 1)}
            elif iop is _c.CATEGORY and iav is _c.CATEGORY_DIGIT:
                chars |= set(_DIGITS)  # a text with other digits is searched plainly (``_PLAIN``)
            else:
                return None  # a category, a negation, a wide range
    else:
        return None
    folded: set[str] = set()
    for ch in chars:
        f = _fold(ch)
        if f is None:
            return None
        folded.add(f)
    return folded


def _heads(items: list[tuple[Any, Any]], k: int) -> set[str] | None:
    """The folded first ``k`` characters a match of ``items`` can begin with. A shorter string means anything may
    follow it ("" alone: the match may be empty); None that the first character is not known."""
    for i, (op, av) in enumerate(items):
        if op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
            continue  # zero width: it only narrows where a match may start
        rest = items[i + 1 :]
        chars = _item_chars(op, av)
        if chars is not None:
            tails = _heads(rest, k - 1) if k > 1 else None
            if tails is None:
                return chars
            out = {c + t for c in chars for t in tails}
            return out if len(out) <= _MAX_HEADS else chars
        if op is _c.BRANCH:
            out = set()
            for alt in av[1]:
                sub = _heads(list(alt) + rest, k)
                if sub is None:
                    return None
                out |= sub
            return out
        if op is _c.SUBPATTERN:
            return _heads(list(av[3]) + rest, k)
        if op in _REPEATS and av[0] == 0 and av[1] == 1:  # optional: either it or what follows starts
            with_it, without = _heads(list(av[2]) + rest, k), _heads(rest, k)
            return None if with_it is None or without is None else with_it | without
        if op in _REPEATS:
            first = _heads(list(av[2]), 1)
            if first is None:
                return None
            if av[0] > 0:
                return first  # what follows the first repeat is not followed: anything may
            after = _heads(rest, k)
            return None if after is None else first | after
        return None
    return {""}


def _word_boundary(op: Any, av: Any) -> bool:
    r"""``\b``, or a look-behind that no word character may precede (``(?<!\w)``, ``(?<![\w-])``)."""
    if op is _c.AT:
        return av is _c.AT_BOUNDARY
    if op is not _c.ASSERT_NOT or av[0] != -1 or len(av[1]) != 1:
        return False
    iop, iav = next(iter(av[1]))
    return iop is _c.IN and (_c.CATEGORY, _c.CATEGORY_WORD) in list(iav)


def _at_word_start(items: list[tuple[Any, Any]]) -> bool:
    """Whether a match can only start where a word starts: a word boundary before the first character consumed."""
    for op, av in items:
        if _word_boundary(op, av):
            return True
        if op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
            continue
        if op is _c.SUBPATTERN:
            return _at_word_start(list(av[3]))
        if op is _c.BRANCH:
            return all(_at_word_start(list(alt)) for alt in av[1])
        return False
    return False


def word_heads(source: str, flags: int) -> tuple[frozenset[str], frozenset[str], frozenset[str]] | None:
    """The first one, two and three characters (folded) a match of a pattern can begin with, when it can only start
    at a word start with a word character (a shorter head: anything may follow it); None for any other pattern."""
    try:
        tree = list(_p.parse(source, flags))
    except (re.error, AttributeError, TypeError, ValueError):
        return None
    if not _at_word_start(tree):
        return None
    heads = _heads(tree, _HEAD)
    if heads is None or "" in heads or any(_WORD_CHAR.match(h[0]) is None for h in heads):
        return None
    ones, twos, threes = (frozenset(h for h in heads if len(h) == n) for n in (1, 2, 3))
    return ones, twos, threes


# Texts kept: a sentence, the text before it, the article and a few clauses are asked about in turn.
_KEPT = 256
# Past this many words, the first one at or after a position is found by bisection rather than a walk.
_BISECT = 32
# Python's default end of a search ("up to the end of the string"), as a small integer.
_END = 1 << 60


# Every pattern searched at words has a bit; each word of a listed text carries the bits of the patterns that may
# start there, so that a search tests one machine integer per word. Bits come in groups of this many.
_GROUP = 60


class _Bits:
    """For each head (one, two or three folded characters), the bits of the patterns it may begin, per group."""

    def __init__(self) -> None:
        self.count = 0  # patterns registered; a text's words carry the bits of the first ``count``
        self.of_head: dict[str, list[int]] = {}
        self.lock = threading.Lock()

    def register(self, heads: Iterable[str]) -> int:
        """A new pattern's number, its bit set for each of its heads. The count goes up last: words listed before it
        is done do not claim to know the pattern, which then searches them plainly."""
        with self.lock:
            n = self.count
            group, bit = divmod(n, _GROUP)
            for head in heads:
                row = self.of_head.setdefault(head, [])
                row.extend([0] * (group + 1 - len(row)))
                row[group] |= 1 << bit
            self.count = n + 1
            _WORDS.clear()  # relisted with the new bit when next asked about
            return n


_BITS = _Bits()


class Words:
    """A text's word starts and, per group of patterns, the bits of those that may start at each word."""

    def __init__(self, starts: list[int], masks: list[list[int]], known: int) -> None:
        self.starts = starts
        self.masks = masks
        self.known = known  # the patterns numbered below this have their bits here

    def first_at(self, pos: int) -> int:
        """The index of the first word starting at or after ``pos``."""
        starts = self.starts
        if len(starts) > _BISECT:
            return bisect_left(starts, pos)
        i = 0
        while i < len(starts) and starts[i] < pos:
            i += 1
        return i


def _listed(text: str, low: str) -> Words:
    """The words of ``text`` (lower-cased as ``low``) with their patterns' bits."""
    known = _BITS.count
    of_head = _BITS.of_head
    groups = known // _GROUP + 1
    starts: list[int] = []
    masks: list[list[int]] = [[] for _ in range(groups)]
    pos = 0
    for i, part in enumerate(runs(text)):
        if i % 2 == 0:
            pos += len(part)
            continue
        for word in part.split("-") if "-" in part else [part]:  # words joined by hyphens ("mid-2030") each start
            if word:
                starts.append(pos)
                rows = [of_head.get(low[pos : pos + n]) for n in (1, 2, 3)]
                for g in range(groups):
                    bits = 0
                    for row in rows:
                        if row is not None and g < len(row):
                            bits |= row[g]
                    masks[g].append(bits)
            pos += len(word) + 1
        pos -= 1
    return Words(starts, masks, known)


# Runs of word characters and hyphens, with the text between them: [gap, run, gap, run, ..., gap]. The catalogue's
# terms read a text's words from the same split (``terms.Words``), so a sentence is split once for both.
_RUNS = re.compile(r"([\w\-]+)")
_SPLITS: dict[str, list[str]] = {}


def runs(text: str) -> list[str]:
    """``text`` split into runs of word characters and hyphens and the gaps between them (kept for the next caller;
    the list is shared, callers do not change it)."""
    parts = _SPLITS.get(text)
    if parts is None:
        parts = _RUNS.split(text)
        if len(_SPLITS) >= _KEPT:
            _SPLITS.clear()
        _SPLITS[text] = parts
    return parts


_WORDS: dict[str, Words] = {}
_ONCE: set[str] = set()
_UNLISTED = Words([], [], 0)  # kept for a text that must be searched plainly
# A text longer than this (an article rather than a sentence or the text just before it) is searched plainly.
_LONG = 1000


def words(text: str, *, first: bool = False) -> Words | None:
    """The word starts of ``text``, listed the second time it is asked about (or the first, for a question that
    comes before many others) and kept for the next questions; None for a text asked about once so far (listing its
    words would cost more than one search), a long one (an article, asked about once or twice), or one that must be
    searched plainly."""
    kept = _WORDS.get(text)
    if kept is not None:
        return None if kept is _UNLISTED else kept
    if len(text) > _LONG:
        return None
    if not first and text not in _ONCE:
        if len(_ONCE) >= _KEPT:
            _ONCE.clear()
        _ONCE.add(text)
        return None
    low = text.lower()
    found = _UNLISTED
    if len(low) == len(text) and (low.isascii() or _PLAIN.search(low) is None):
        found = _listed(text, low)
    if len(_WORDS) >= _KEPT:
        _WORDS.clear()
    _WORDS[text] = found
    return None if found is _UNLISTED else found


class Gated:
    """A compiled pattern that, when it can only start at a word with known first letters, is tried at those words
    only; otherwise the plain search. Finds exactly what the plain pattern finds."""

    def __init__(
        self,
        regex: re.Pattern[str],
        heads: tuple[frozenset[str], frozenset[str], frozenset[str]] | None,
        first: bool = False,
        source: str = "",
    ) -> None:
        self.regex = regex
        self.source = source or regex.pattern  # as written, before the gate
        self.first = first
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.indexed = heads is not None
        self.number = _BITS.register(h for part in heads for h in part) if heads is not None else -1
        self.group, self.bit = self.number // _GROUP, 1 << (self.number % _GROUP)

    def _words(self, string: str) -> Words | None:
        """The listed words of ``string`` when this pattern is searched at words there; None: search it plainly."""
        if not self.indexed:
            return None
        w = words(string, first=self.first)
        return w if w is not None and self.number < w.known else None

    def _candidates(self, w: Words, pos: int, endpos: int) -> list[int]:
        """The word starts in [pos, endpos) where this pattern may start (its bit is set there)."""
        starts, bits, bit = w.starts, w.masks[self.group], self.bit
        out: list[int] = []
        for i in range(w.first_at(pos), len(starts)):
            if starts[i] >= endpos:
                break
            if bits[i] & bit:
                out.append(starts[i])
        return out

    def search(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        w = self._words(string)
        if w is None:
            return self.regex.search(string, pos, endpos)
        endpos = min(endpos, len(string))
        for p in self._candidates(w, pos, endpos):
            m = self.regex.match(string, p, endpos)
            if m is not None:
                return m
        return None

    def finditer(self, string: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        w = self._words(string)
        if w is None:
            return self.regex.finditer(string, pos, endpos)
        endpos = min(endpos, len(string))
        out: list[re.Match[str]] = []
        after = pos  # where the next match may start: no match is empty, so at the end of the last one
        for p in self._candidates(w, pos, endpos):
            if p >= after:
                m = self.regex.match(string, p, endpos)
                if m is not None:
                    out.append(m)
                    after = m.end()
        return iter(out)

    def match(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return self.regex.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return self.regex.fullmatch(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        return self.regex.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.regex.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.regex.split(string, maxsplit)


def gated(source: str, flags: int, *, first: bool = False) -> Gated:
    """``source`` compiled with ``flags``, behind a look-ahead on its possible first characters when that
    helps: not for a pattern that may match empty, may start with any word character, or starts with one
    literal character (the engine already scans for that one). Searched at its words' starts when it can only
    start at a word (``word_heads``); ``first`` for a question asked before many others about the same text (the date
    pattern, before everything asked about a dated sentence), which lists the text's words at once."""
    return Gated(_gate(source, flags), word_heads(source, flags), first, source)


def _gate(source: str, flags: int) -> re.Pattern[str]:
    try:
        chars, empty = _starts(list(_p.parse(source, flags)))
    except (re.error, AttributeError, TypeError, ValueError):
        chars, empty = None, True
    if chars is None or empty or len(chars) < 2 or r"\w" in chars:
        return re.compile(source, flags)
    return re.compile(f"(?=[{''.join(sorted(chars))}])(?:{source})", flags)
