"""The term matcher (``isswatch.extractors.claims.terms``): a text is cut into words once and the terms are
followed as a tree of words; every match must be the one a plain reading of each term alone finds."""

from __future__ import annotations

import re

import pytest

from isswatch.extractors.claims.terms import GAP_WORDS, TermSet, compile_term, words

TERMS = [
    ("station", "subject|a"),
    ("space station", "subject|a"),
    ("international space station", "subject|b"),
    ("space", "other|"),
    ("Russian orbital station", "other|"),
    ("ISS", "subject|a"),
    ("ROS*", "other|"),
    ("deorbit*", "event|a"),
    ("begin deorbit*", "event|b"),
    ("bring _ down", "event|a"),
    ("bring _ down _ ocean", "event|b"),
    ("=operated", "event|c"),
    ("retire", "event|a"),
    ("d'orbite", "event|d"),
]
TEXTS = [
    "The International Space Station will be retired; NASA will begin deorbiting the space station in 2030.",
    "They will bring the old station down into the ocean, then bring it down.",
    "The ISS-2 and the ISS, operated until 2030, operate still; ROSS and ROS-1 are the Russian Orbital Station.",
    "space-station space\nstation space  station space, station space'station",
    "la sortie d'orbite, la sortie d’orbite — retired retires retiring",
    "",
    "bring down bring a b c down bring a b c d down",
]


def reference(terms: list[tuple[str, str]], text: str) -> dict[str, list[tuple[int, int]]]:
    """Each term read alone at each word: the definition the tree of words must reproduce."""
    w = words(text, "en")
    n = len(w.raw)

    def ok(item: tuple[str, str], i: int) -> bool:
        kind, value = item
        return {
            "stem": lambda: w.stem(i) == value,
            "prefix": lambda: w.lower[i].startswith(value),
            "form": lambda: w.lower[i] == value,
            "exact_prefix": lambda: w.raw[i].startswith(value),
            "exact": lambda: w.raw[i] == value,
        }[kind]()

    def joined_run(i: int, k: int) -> bool:
        return all(w.joined(j) for j in range(i, i + k))

    def ends(items: tuple[tuple[str, str], ...], i: int) -> set[int]:
        """Indexes after a match of ``items`` from word ``i`` on (the words before it matched and join it)."""
        if i >= n:
            return set()
        if items[0][0] == "gap":  # up to GAP_WORDS words skipped, each joined to the next
            return {
                e
                for skip in range(GAP_WORDS + 1)
                if i + skip < n and joined_run(i, skip)
                for e in ends(items[1:], i + skip)
            }
        if not ok(items[0], i):
            return set()
        if len(items) == 1:
            return {i + 1}
        return ends(items[1:], i + 1) if i + 1 < n and w.joined(i) else set()

    out: dict[str, list[tuple[int, int]]] = {}
    for term, payload in terms:
        items = compile_term(term, "en")
        for i in range(n):
            found = ends(items, i)
            if found:
                # a term with a gap is one match, its longest; the others are one match per way they end
                for e in [max(found)] if ("gap", "") in items else sorted(found):
                    out.setdefault(payload, []).append((i, e))
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_the_tree_of_words_finds_what_each_term_alone_finds(text):
    got = TermSet(TERMS, "en").scan(words(text, "en"))
    want = reference(TERMS, text)
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in want.items()}


def test_the_matches_found_are_the_expected_ones():
    w = words(TEXTS[0], "en")
    hits = TermSet(TERMS, "en").scan(w)
    assert [w.raw[i] for i, _ in hits["subject|b"]] == ["International"]
    begin, space = w.raw.index("begin"), w.raw.index("space")
    assert hits["event|b"] == [(begin, begin + 2)]  # "begin deorbiting"
    assert (space, space + 2) in hits["subject|a"]  # "space station"
    w = words(TEXTS[1], "en")
    bring = TermSet(TERMS, "en").scan(w)["event|a"]
    assert bring == [(2, 7), (11, 14)]  # "bring the old station down", "bring it down": the longest way across the gap


@pytest.mark.parametrize("text", [*TEXTS, "a-b c", "  x ", "l'ISS, l’ISS. МКС-2 до 2030 г.", "—\n\n— x"])
def test_words_offsets_and_joins_agree_with_the_text(text):
    w = words(text, "en")
    assert w.raw == re.findall(r"[\w\-]+", text)
    assert w.spans == [m.span() for m in re.finditer(r"[\w\-]+", text)]
    assert [text[a:b] for a, b in w.spans] == w.raw
    for i in range(len(w.raw) - 1):
        gap = text[w.spans[i][1] : w.spans[i + 1][0]]
        assert w.joined(i) == (gap.strip(" \u00a0\t\n'’") == "" and gap.count("'") + gap.count("’") <= 1)
