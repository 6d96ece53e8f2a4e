"""Catalogue terms matched on words and their stems, compiled once per catalogue object.

A text is cut into words once; each word is reduced to its stem by the Snowball stemmer of its language
(PyStemmer: English, French, Russian), so a term matches every inflected form without wildcard lists:
"Российская орбитальная станция" finds "Российской орбитальной станции", "retire" finds "retired",
"exploitation" finds "exploitée". The term syntax is parsed by ``isswatch.extractors.term_syntax`` (shared with
relevance terms); here a plain word matches any word with the same stem, ignoring case; ``=word`` that form
only; ``word*`` any word starting with ``word``; a word in capitals (ISS, МКС, ROS, НЭМ) only as written; a lone
``_`` up to three words in between ("bring _ down" = "bring the station down").

Words of a term must follow each other separated by spaces only (an apostrophe also separates: "d'orbite"
is the words "d" and "orbite"). Where terms overlap, the longest match wins, leftmost first ("begin
deorbiting" is the start of the descent, not the deorbit).
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

import Stemmer  # type: ignore[import-not-found, unused-ignore]

from isswatch.extractors.claims.catalogue import LANGUAGES, Catalogue, Fact
from isswatch.extractors.claims.first_chars import runs
from isswatch.extractors.term_syntax import GAP_WORDS, TermWord, parse_term

_STEMMERS = {"en": "english", "fr": "french", "ru": "russian"}
_GAP = GAP_WORDS


@dataclass(frozen=True, slots=True)
class TermMatch:
    fact: str  # catalogue key, "" for a catalogue-wide decoy
    kind: str  # "subject" | "event" | "decoy" | "actor"
    start: int
    end: int
    text: str


class Words:
    """One text cut into words: the words, their lower-case forms and what separates them, from one split (the
    offsets and stems only when asked for: most words of a sentence start no term, and then need neither)."""

    __slots__ = ("_memo", "_parts", "_spans", "lang", "lower", "raw", "text")

    def __init__(self, text: str, lang: str) -> None:
        self.text, self.lang = text, lang
        # [separator, word, separator, word, ..., separator]: the words and the gaps between them in one C call
        self._parts: list[str] = runs(text)  # shared with the cue searches: not changed here
        self.raw: list[str] = self._parts[1::2]
        self.lower = [w.lower() for w in self.raw]
        self._spans: list[tuple[int, int]] | None = None
        self._memo = STEMS.memo(lang)

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            ends = list(accumulate(map(len, self._parts)))  # part k ends at ends[k]: a word starts where a gap ends
            self._spans = list(zip(ends[0:-1:2], ends[1::2], strict=True))
        return self._spans

    def stem(self, i: int) -> str:
        word = self.lower[i]
        hit = self._memo.get(word) if self._memo is not None else word  # the memo first: most words were seen
        return hit if hit is not None else STEMS.stem(self.lang, word)

    def joined(self, i: int) -> bool:
        """True when word ``i`` and word ``i + 1`` are separated by spaces (or an elision) only."""
        gap = self._parts[2 * i + 2]
        return gap == " " or _joins(gap)


class _Stems:
    """Stems per language, memoised: news repeats the same few thousand words."""

    def __init__(self) -> None:
        self._stemmers = {lang: Stemmer.Stemmer(name) for lang, name in _STEMMERS.items()}
        self._memo: dict[str, dict[str, str]] = {lang: {} for lang in _STEMMERS}
        self._lock = threading.Lock()

    def memo(self, lang: str) -> dict[str, str] | None:
        """The stems found so far for ``lang`` (None for a language without a stemmer: words are their own stems)."""
        return self._memo.get(lang)

    def stem(self, lang: str, word: str) -> str:
        memo = self._memo.get(lang)
        if memo is None:
            return word
        hit = memo.get(word)
        if hit is None:
            with self._lock:  # PyStemmer objects are not thread-safe
                hit = self._stemmers[lang].stemWord(word)
            if len(memo) > 200_000:
                memo.clear()
            memo[word] = hit
        return hit


STEMS = _Stems()


def words(text: str, lang: str) -> Words:
    """Cut ``text`` into words with their stems (memoised per (lang, text) for the last few texts)."""
    key = (lang, text)
    hit = _WORDS_MEMO.get(key)
    if hit is not None:
        return hit
    result = Words(text, lang)
    if len(_WORDS_MEMO) >= 64:
        _WORDS_MEMO.clear()
    _WORDS_MEMO[key] = result
    return result


_WORDS_MEMO: dict[tuple[str, str], Words] = {}


def _joins(gap: str) -> bool:
    """Spaces (or an elision) only between two words: they may belong to one term."""
    return gap == " " or (gap.strip(" \u00a0\t\n'’") == "" and gap.count("'") + gap.count("’") <= 1)


# An item of a compiled term: ("stem", s) | ("exact", w) | ("form", w) | ("prefix", p) | ("gap", "")
Item = tuple[str, str]


def compile_term(term: str, lang: str) -> tuple[Item, ...]:
    """The items of one term (the syntax of ``isswatch.extractors.term_syntax``); empty for a term with no word."""
    return tuple(_item(w, lang) for w in parse_term(term))


def _item(w: TermWord, lang: str) -> Item:
    if w.kind == "acronym":
        return ("exact_prefix" if w.prefix else "exact", w.text)
    if w.kind == "word":
        return ("stem", STEMS.stem(lang, w.text.lower()))
    return (w.kind, w.text.lower())


def _item_ok(item: Item, w: Words, i: int) -> bool:
    kind, value = item
    if kind == "stem":
        return w.stem(i) == value
    if kind == "prefix":
        return w.lower[i].startswith(value)
    if kind == "form":
        return w.lower[i] == value
    if kind == "exact_prefix":
        return w.raw[i].startswith(value)
    return w.raw[i] == value


class _Node:
    """Terms that share their first words, as a tree of words: the payloads of the terms that end here, the next
    word's ways on (by stem, written form, lower-case form; prefixes tested one by one), and the terms that go on
    with a gap (``bring _ down``), matched from here by ``TermSet._end``."""

    __slots__ = ("ends", "exact", "form", "gapped", "prefixes", "stem")

    def __init__(self) -> None:
        self.ends: list[str] = []
        self.stem: dict[str, _Node] = {}
        self.exact: dict[str, _Node] = {}
        self.form: dict[str, _Node] = {}
        self.prefixes: list[tuple[Item, _Node]] = []
        self.gapped: list[tuple[tuple[Item, ...], int, str]] = []  # (items, index of the gap, payload)

    def child(self, item: Item) -> _Node:
        kind, value = item
        if kind in ("stem", "exact", "form"):
            table = self.stem if kind == "stem" else self.exact if kind == "exact" else self.form
            node = table.get(value)
            if node is None:
                node = table[value] = _Node()
            return node
        for known, node in self.prefixes:
            if known == item:
                return node
        node = _Node()
        self.prefixes.append((item, node))
        return node

    def leads_on(self) -> bool:
        return bool(self.stem or self.exact or self.form or self.prefixes)

    def following(self, w: Words, i: int) -> list[_Node]:
        """The nodes word ``i`` leads to from here."""
        out = []
        if self.stem:
            node = self.stem.get(w.stem(i))
            if node is not None:
                out.append(node)
        if self.exact:
            node = self.exact.get(w.raw[i])
            if node is not None:
                out.append(node)
        if self.form:
            node = self.form.get(w.lower[i])
            if node is not None:
                out.append(node)
        out += [node for item, node in self.prefixes if _item_ok(item, w, i)]
        return out


class TermSet:
    """Terms (each with a payload, e.g. a fact key) matched over words, leftmost-longest.

    The terms form a tree of words (``_Node``), so a word that starts terms is followed along the words that
    come after it once, instead of once per term that starts with it ("station" starts dozens)."""

    def __init__(self, terms: Iterable[tuple[str, str]], lang: str) -> None:
        self._root = _Node()
        # the first word's prefixes, found through their first two letters (the root has many)
        self._prefixes: dict[str, list[tuple[Item, _Node]]] = {}
        self._memo: dict[str, list[_Node]] = {}  # written form -> the nodes it leads to from the root
        self._dead: set[str] = set()  # written forms known to start no term
        self.size = 0
        for term, payload in terms:
            items = compile_term(term, lang)
            if not items:
                continue
            self.size += 1
            if items[0][0] == "gap":
                continue  # nothing to start from: such a term never matches
            if items[0][0] in ("stem", "exact", "form"):
                node = self._root.child(items[0])
            else:
                node = self._first_prefix(items[0])
            for k in range(1, len(items)):
                if items[k][0] == "gap":
                    node.gapped.append((items, k, payload))
                    break
                node = node.child(items[k])
            else:
                node.ends.append(payload)

    def _first_prefix(self, item: Item) -> _Node:
        ways = self._prefixes.setdefault(item[1][:2].lower(), [])
        for known, node in ways:
            if known == item:
                return node
        node = _Node()
        ways.append((item, node))
        return node

    def _firsts(self, w: Words, i: int) -> list[_Node]:
        """The nodes word ``i`` leads to from the root, memoised per written form (news repeats its words)."""
        raw = w.raw[i]
        hit = self._memo.get(raw)
        if hit is None:
            hit = self._root.following(w, i)
            hit += [node for item, node in self._prefixes.get(w.lower[i][:2], ()) if _item_ok(item, w, i)]
            if len(self._memo) > 100_000:
                self._memo.clear()
                self._dead.clear()
            self._memo[raw] = hit
        return hit

    def _end(self, items: tuple[Item, ...], w: Words, i: int, k: int = 1) -> int | None:
        """Index after the last word of a match of ``items`` whose item ``k - 1`` matched word ``i``."""
        if k == len(items):
            return i + 1
        if i + 1 >= len(w.raw) or not w.joined(i):
            return None
        if items[k][0] == "gap":
            best = None
            for skip in range(_GAP + 1):
                j = i + 1 + skip
                if j >= len(w.raw) or (skip and not w.joined(j - 1)):
                    break
                if _item_ok(items[k + 1], w, j):
                    end = self._end(items, w, j, k + 2)
                    if end is not None and (best is None or end > best):
                        best = end
            return best
        if not _item_ok(items[k], w, i + 1):
            return None
        return self._end(items, w, i + 1, k + 1)

    def scan(self, w: Words) -> dict[str, list[tuple[int, int]]]:
        """Every match of every term, grouped by payload: payload -> [(first word, word after the last)]. Done
        once per text; the leftmost-longest choice is made per selection (``select``, which sorts)."""
        out: dict[str, list[tuple[int, int]]] = {}
        n = len(w.raw)
        memo, dead = self._memo, self._dead
        for i in [i for i, raw in enumerate(w.raw) if raw not in dead]:  # most words were seen and start no term
            firsts = memo.get(w.raw[i])
            if firsts is None:
                firsts = self._firsts(w, i)
            if not firsts:
                dead.add(w.raw[i])
                continue
            todo = [(node, i) for node in firsts]  # (node, index of the word that reached it)
            while todo:
                node, j = todo.pop()
                for payload in node.ends:
                    out.setdefault(payload, []).append((i, j + 1))
                for items, k, payload in node.gapped:
                    end = self._end(items, w, j, k)
                    if end is not None:
                        out.setdefault(payload, []).append((i, end))
                if j + 1 < n and node.leads_on() and w.joined(j):
                    todo += [(nxt, j + 1) for nxt in node.following(w, j + 1)]
        return out


def select(groups: list[tuple[str, list[tuple[int, int]]]]) -> list[tuple[int, int, list[str]]]:
    """Leftmost-longest matches over the chosen payloads' hits: (first word, word after, payloads)."""
    if not groups:
        return []
    hits = sorted((i, -end, payload) for payload, spans in groups for i, end in spans)
    out: list[tuple[int, int, list[str]]] = []
    nxt = 0
    for i, neg_end, payload in hits:
        if i < nxt:
            if out and out[-1][0] == i and out[-1][1] == -neg_end and payload not in out[-1][2]:
                out[-1][2].append(payload)  # another payload matching exactly the chosen span
            continue
        out.append((i, -neg_end, [payload]))
        nxt = -neg_end
    return out


_Hits = dict[str, list[tuple[int, int]]]  # payload -> spans of words


@dataclass
class _Scan:
    """One text scanned once: its words, every term's hits (also grouped by kind: most selections want every fact's
    terms of one kind), and the selections made from them so far."""

    words: Words
    hits: _Hits
    selected: dict[tuple[str, str | None], list[TermMatch]] = field(default_factory=dict)
    by_kind: dict[str, list[tuple[str, list[tuple[int, int]]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for payload, spans in self.hits.items():
            self.by_kind.setdefault(payload.partition("|")[0], []).append((payload, spans))


@dataclass(frozen=True)
class CompiledCatalogue:
    catalogue: Catalogue
    #: lang -> every term of every kind and fact; payload "kind|fact" ("decoy|" and "other|" catalogue-wide)
    terms: dict[str, TermSet]
    #: lang -> the subject terms and other stations' names alone, for the text before a sentence
    subject_terms: dict[str, TermSet]
    speakers: re.Pattern[str] | None
    speaker_names: dict[str, str]  # alias -> canonical name
    facts: dict[str, Fact]  # key -> fact
    #: key -> the keys of the facts that borrow its events (Russia's participation borrows the operations')
    borrowers: dict[str, tuple[str, ...]]
    _scans: dict[tuple[str, str, bool], _Scan] = field(default_factory=dict, compare=False, repr=False)

    def _hits(self, lang: str, text: str, only_subjects: bool = False) -> _Scan:
        key = (lang, text, only_subjects)
        hit = self._scans.get(key)
        if hit is None:
            w = words(text, lang)
            ts = (self.subject_terms if only_subjects else self.terms).get(lang)
            hit = _Scan(w, ts.scan(w) if ts else {})
            if len(self._scans) >= 64:
                self._scans.clear()
            self._scans[key] = hit
        return hit

    def _matches(
        self, lang: str, text: str, kind: str, fact: str | None = None, only_subjects: bool = False
    ) -> list[TermMatch]:
        """The leftmost-longest matches of one kind (and fact) in ``text``, selected once per text and kept: the
        returned list is shared, callers do not change it."""
        scan = self._hits(lang, text, only_subjects)
        chosen = scan.selected.get((kind, fact))
        if chosen is not None:
            return chosen
        w, hits = scan.words, scan.hits
        if fact is None:
            groups = scan.by_kind.get(kind, [])
        else:
            whole = f"{kind}|{fact}"
            groups = [(whole, hits[whole])] if whole in hits else []
        out = []
        spans = w.spans if groups else []
        for i, j, payloads in select(groups):
            start, end = spans[i][0], spans[j - 1][1]
            out += [TermMatch(p.partition("|")[2], kind, start, end, text[start:end]) for p in payloads]
        scan.selected[(kind, fact)] = out
        return out

    def events(self, lang: str, text: str) -> list[TermMatch]:
        """Event terms of every fact; a span matched by the terms of two facts ("operate": ISS operations and
        Russia's segment) gives one match per fact."""
        return self._matches(lang, text, "event")

    def subjects(self, lang: str, fact: str, text: str, *, context: bool = False) -> list[TermMatch]:
        """Every subject term of ``fact`` in ``text``; ``context`` for text where nothing else is looked for (the
        lines before a sentence): scanned with the subject terms alone, at a fraction of the cost."""
        return self._matches(lang, text, "subject", fact, only_subjects=context)

    def actors(self, lang: str, text: str) -> list[TermMatch]:
        """Actor terms of every fact (who does what: "Roscosmos", "the Russian segment")."""
        return self._matches(lang, text, "actor")

    def kinds(self, lang: str, fact: str, text: str) -> list[TermMatch]:
        """Words saying what the fact's subject is ("commercial station" for Haven-1)."""
        return self._matches(lang, text, "kind", fact)

    def first_of_series(self, fact: str) -> bool:
        """The fact's event is the first of a series (catalogue ``first_of_series``)."""
        f = self.facts.get(fact)
        return f is not None and f.first_of_series

    def related(self, a: str, b: str) -> bool:
        """One of the two facts borrows the other's events."""
        return a in self.borrowers[b] or b in self.borrowers[a]

    def others(self, lang: str, text: str, *, context: bool = False) -> list[TermMatch]:
        """Names of other stations and programmes (catalogue ``[others]``); ``context`` as for ``subjects``."""
        return self._matches(lang, text, "other", "", only_subjects=context)

    def decoy_matches(self, lang: str, fact: str, text: str) -> list[TermMatch]:
        """Catalogue-wide decoys and the fact's own."""
        return self._matches(lang, text, "decoy", "") + self._matches(lang, text, "decoy", fact)


def _compile(catalogue: Catalogue) -> CompiledCatalogue:
    terms: dict[str, TermSet] = {}
    subject_terms: dict[str, TermSet] = {}
    for lang in LANGUAGES:
        pairs = [
            (t, f"{kind}|{f.key}")
            for f in catalogue.facts
            if lang in f.terms
            for kind in ("subject", "event", "decoy", "actor", "kind")
            for t in getattr(f.terms[lang], kind)
        ]
        pairs += [(t, "decoy|") for t in catalogue.decoys.get(lang, ())]
        pairs += [(t, "other|") for t in catalogue.others.get(lang, ())]
        if pairs:
            terms[lang] = TermSet(pairs, lang)
            subject_terms[lang] = TermSet([p for p in pairs if p[1].startswith(("subject|", "other|"))], lang)
    names = {alias: s.name for s in catalogue.speakers for alias in (s.name, *s.aliases)}
    speakers = None
    if names:
        firsts = "".join(sorted({re.escape(a[0]) for a in names}))
        alts = [re.escape(a) + r"(?!\w)" for a in sorted(names, key=len, reverse=True)]
        speakers = re.compile(rf"(?<![\w\-])(?=[{firsts}])(?:{'|'.join(alts)})")
    facts = {f.key: f for f in catalogue.facts}
    borrowers = {k: tuple(f.key for f in catalogue.facts if k in f.borrows) for k in facts}
    return CompiledCatalogue(catalogue, terms, subject_terms, speakers, names, facts, borrowers)


_CACHE: dict[int, tuple[weakref.ref[Catalogue], CompiledCatalogue]] = {}
_LOCK = threading.Lock()


def compiled(catalogue: Catalogue) -> CompiledCatalogue:
    """The compiled form of ``catalogue``, built once per catalogue object."""
    key = id(catalogue)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is catalogue:
        return hit[1]
    result = _compile(catalogue)
    with _LOCK:
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = (weakref.ref(catalogue), result)
    return result
