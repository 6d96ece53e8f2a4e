"""Sentence splitting with character offsets, for messy news text.

Why not a library: we need exact offsets into the original text (claims quote ``text[start:end]``),
three languages, and tolerance for what extraction leaves behind: run-together sentences
("until 2028.The station"), abbreviations ("U.S.", "Dr.", "г."), quotes that contain full stops,
boilerplate lines. Every line break ends a sentence (trafilatura gives one paragraph per line), a full
stop inside a quotation closed on the same line does not, and very long runs without punctuation are
cut at a space so that no later stage ever sees more than ``max_len`` characters at once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


# Words after which a full stop does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset(
    str.split("""
mr mrs ms dr prof st gen sen rep gov lt col capt cmdr sgt jr sr inc ltd co corp no vs etc approx est
jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k u.n a.m p.m fig vol ca cf
m mm mme mlle dr pr av apr. env. cf p
г гг т.е т.д т.п им ул млн млрд тыс руб см др пр стр т н.э в вв акад проф
""")
)

# Punctuation then a space, or run together with the next sentence ("2028.The", "года.МКС"). One alternation after
# the punctuation, not two whole alternatives: the engine then skips to the next punctuation mark in one scan.
_BOUNDARY = re.compile(r"[.!?…]+[\"»”’'\)\]]*(?=\s|[\"«“„A-ZА-ЯЁÀ-Ý])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_DOTTED = re.compile(r"(?:\w\.)+\w")
_QUOTED = re.compile(r"«[^«»\n]{0,600}»|“[^“”\n]{0,600}”|„[^„“”\n]{0,600}[“”]|\"[^\"\n]{0,600}\"")


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial, not a sentence."""
    m = _WORD_BEFORE.search(line, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "J.", "U.S.", "S.P."; but not a year or a long word.
    return (len(word) == 1 and word.isalpha()) or bool(_DOTTED.fullmatch(word))


def _quoted_spans(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(line)]


def _cut_long(text: str, start: int, end: int, max_len: int) -> list[tuple[int, int]]:
    """Split [start, end) into pieces of at most ``max_len`` characters, at a space when there is one."""
    pieces = []
    while end - start > max_len:
        cut = text.rfind(" ", start + max_len // 2, start + max_len)
        cut = cut if cut > start else start + max_len
        pieces.append((start, cut))
        start = cut + 1 if text[cut] == " " else cut
    pieces.append((start, end))
    return pieces


def _line_sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    line = text[lo:hi]
    spans = _quoted_spans(line) if ('"' in line or "«" in line or "“" in line or "„" in line) else []
    starts = [s for s, _ in spans]
    cuts = [0]
    for m in _BOUNDARY.finditer(line):
        end = m.end()
        first = m.start()
        if line[first] == "." and _is_abbreviation(line, first):
            continue
        if spans:
            i = bisect_right(starts, end - 1) - 1
            if i >= 0 and spans[i][0] < end < spans[i][1]:
                continue
        # A decimal or a version ("2.5", "v1.2") never matches: the boundary needs a space or capital.
        cuts.append(end)
    cuts.append(len(line))
    return [(lo + a, lo + b) for a, b in pairwise(cuts) if b > a]


def split_sentences(text: str, *, max_len: int = 1500) -> list[Sentence]:
    """Sentences of ``text`` with offsets such that ``text[s.start:s.end] == s.text``, stripped of
    surrounding white space; empty ones dropped."""
    return split_span(text, 0, len(text), max_len=max_len)


def split_span(text: str, lo: int, hi: int, *, max_len: int = 1500) -> list[Sentence]:
    """The sentences of the lines of ``text`` that overlap ``[lo, hi)`` (whole lines, offsets in ``text``);
    lets the claim stage split only the paragraphs that hold a year."""
    out: list[Sentence] = []
    n = len(text)
    pos = text.rfind("\n", 0, lo) + 1
    while pos < n and pos <= hi:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if end > pos:
            for a, b in _line_sentences(text, pos, end):
                while a < b and text[a].isspace():
                    a += 1
                while b > a and text[b - 1].isspace():
                    b -= 1
                if b <= a:
                    continue
                for x, y in _cut_long(text, a, b, max_len):
                    out.append(Sentence(x, y, text[x:y]))
        if nl < 0:
            break
        pos = end + 1
    return out
