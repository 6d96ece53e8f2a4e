"""The facts catalogue: the dated quantities isswatch follows, with the words that name them.

The catalogue is a TOML file users edit (see ``extractors/claims/data/facts.toml``); adding a fact is a
catalogue edit, never a code change. Loading validates everything up front so that a typo gives one
clear error naming the file and the fact, not a failure in the middle of a round.

Schema (per fact ``[facts."<key>"]``): ``description``, ``baseline = {value, as_of, source}``,
``superseded = [{value, since}]`` (a value that news published on or after ``since`` can only mean as
history), ``years = [min, max]`` (plausible values; a date outside is never read as this fact),
``terms.<lang> = {subject, event, decoy, actor, kind}`` and ``borrows`` (keys of facts whose events this fact
takes when one of its actors does them: "Roscosmos will operate its segment until 2028" is Russia's
participation, not the station's operations), ``voices`` (``[speakers]`` names whose "we" is that actor). Top level:
``[decoys]`` (terms per language that make a nearby date about something else: crew swaps, budgets)
and ``[speakers]`` (canonical name = list of aliases in any language). A plain word matches its
inflected forms (same stem), ``word*`` any ending, a word of at most four capitals (ISS, МКС) only as written.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, field_validator

from isswatch.extractors.errors import CatalogueError

LANGUAGES = ("en", "fr", "ru")
DEFAULT_CATALOGUE = Path(__file__).parent / "data" / "facts.toml"
_KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Baseline:
    """The value known before any news is read, with where it comes from."""

    value: str
    as_of: dt.date
    source: str


@dataclass(frozen=True)
class Terms:
    """Words of one language naming a fact's subject (the ISS) and its event (deorbit)."""

    subject: tuple[str, ...] = ()
    event: tuple[str, ...] = ()
    #: Words that, near a date, say the date is about something else (a crew-swap deal, a budget).
    decoy: tuple[str, ...] = ()
    #: Who does this fact's event ("Russia", "Roscosmos", "the Russian segment"): see ``Fact.borrows``.
    actor: tuple[str, ...] = ()
    #: What the subject is ("commercial station" for Haven-1): where the subject is named, these words are the
    #: fact's own and not another station of ``[others]``.
    kind: tuple[str, ...] = ()


@dataclass(frozen=True)
class Superseded:
    """A value that news published on or after ``since`` can only mention as a former plan."""

    value: str
    since: dt.date


@dataclass(frozen=True)
class Fact:
    key: str
    description: str
    baseline: Baseline
    terms: dict[str, Terms] = field(default_factory=dict)
    #: Values that news published after a date can only mention as history (a superseded plan).
    superseded: tuple[Superseded, ...] = ()
    #: Plausible years for a value; dates outside (1998, 2011) are never read as this fact.
    years: tuple[int, int] = (2000, 2100)
    #: Facts whose event terms become this fact's when this fact's actor does them.
    borrows: tuple[str, ...] = ()
    #: The event is the first of a series (first module, first flight): a date added with "then" ("first flight in
    #: 2022, then in 2023 and 2024 more test flights") is a later step of the series, not another value.
    first_of_series: bool = False
    #: Speakers (``[speakers]`` names) who speak for this fact's actor: their "we" does the event ("We plan to use
    #: the ISS only until 2020," Rogozin said: Russia's participation).
    voices: tuple[str, ...] = ()

    def superseded_at(self, value: str, published: dt.date | None) -> Superseded | None:
        """The supersession that makes ``value`` history in an article published on ``published``."""
        if published is None:
            return None
        return next(
            (
                s
                for s in self.superseded
                if (value == s.value or value.startswith(s.value + "-")) and published >= s.since
            ),
            None,
        )


@dataclass(frozen=True)
class Speaker:
    """Who a claim can be attributed to, with the names the news uses for them."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    facts: tuple[Fact, ...]
    path: Path | None = None
    #: Decoy terms per language for every fact (crew-swap agreements, budgets, crew launches).
    decoys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    speakers: tuple[Speaker, ...] = ()
    #: Names of other stations and programmes per language ("Tiangong", "Russian station").
    others: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, key: str) -> Fact:
        for fact in self.facts:
            if fact.key == key:
                return fact
        raise CatalogueError(f"no fact named {key!r}", source=str(self.path or "catalogue"))

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.facts)


def check_value(value: object, where: str) -> str:
    """A fact value is 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (a valid calendar date)."""
    problem = _value_problem(value)
    if problem is not None:
        raise CatalogueError(f"{where}: {problem}")
    return str(value)


def _value_problem(value: object) -> str | None:
    text = str(value)
    if not _VALUE.match(text):
        return f"value {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        return f"value {text!r} is not a real date ({err})"
    return None


def _fact_value(raw: object) -> str:
    problem = _value_problem(raw)
    if problem is not None:
        raise ValueError(problem)
    return str(raw)


def _terms_list(raw: object) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise ValueError("must be a list of non-empty strings")
    return [x.strip() for x in raw]


def _as_date(raw: object) -> object:
    """TOML dates arrive as dates; an ISO string is accepted too."""
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return raw
    return raw


_TermList = Annotated[list[str], BeforeValidator(_terms_list)]
_Date = Annotated[dt.date, BeforeValidator(_as_date)]
_Value = Annotated[str, BeforeValidator(_fact_value)]


class _Entry(BaseModel):
    """Every table of the catalogue refuses keys it does not know (a typo is an error, not a silent default)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class _TermsEntry(_Entry):
    subject: _TermList = []
    event: _TermList = []
    decoy: _TermList = []
    actor: _TermList = []
    kind: _TermList = []


class _BaselineEntry(_Entry):
    value: _Value
    as_of: _Date
    source: str

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, raw: object) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise ValueError("must say where the value comes from")
        return raw.strip()


class _SupersededEntry(_Entry):
    value: _Value
    since: _Date


class _FactEntry(_Entry):
    description: str = ""
    baseline: _BaselineEntry
    terms: dict[str, _TermsEntry] = {}
    superseded: list[_SupersededEntry] = []
    years: tuple[int, int] = (2000, 2100)
    borrows: list[str] = []
    first_of_series: bool = False
    voices: list[str] = []

    @field_validator("terms", mode="before")
    @classmethod
    def _languages(cls, raw: object) -> object:
        unknown = [lang for lang in raw if lang not in LANGUAGES] if isinstance(raw, dict) else []
        if unknown:
            raise ValueError(f"unknown language {unknown[0]!r} (expected one of {LANGUAGES})")
        return raw

    @field_validator("superseded", mode="before")
    @classmethod
    def _superseded(cls, raw: object) -> object:
        """``[{value = "2024", since = 2023-04-25}]``; a bare value is refused: status depends on the article's
        date."""
        for item in raw if isinstance(raw, list) else []:
            if not isinstance(item, dict) or set(item) != {"value", "since"}:
                raise ValueError(
                    'entries are tables { value = "2024", since = 2023-04-25 } '
                    f"(the date from which the value is only history), not {item!r}"
                )
        return raw

    @field_validator("years", mode="before")
    @classmethod
    def _years(cls, raw: object) -> object:
        if (
            not isinstance(raw, list)
            or len(raw) != 2
            or not all(type(y) is int for y in raw)
            or not 1900 <= raw[0] <= raw[1] <= 2200
        ):
            raise ValueError("must be [min, max], two years such as [2020, 2045]")
        return tuple(raw)

    @field_validator("borrows")
    @classmethod
    def _borrows(cls, raw: list[str]) -> list[str]:
        if not all(_KEY.match(b) for b in raw):
            raise ValueError("must be a list of fact keys such as ['iss.operations_end']")
        return raw

    def fact(self, key: str) -> Fact:
        b = self.baseline
        return Fact(
            key,
            self.description.strip(),
            Baseline(b.value, b.as_of, b.source),
            {lang: Terms(*(tuple(getattr(t, k)) for k in _TERM_KINDS)) for lang, t in self.terms.items()},
            tuple(Superseded(s.value, s.since) for s in self.superseded),
            self.years,
            tuple(self.borrows),
            self.first_of_series,
            tuple(self.voices),
        )


_TERM_KINDS = ("subject", "event", "decoy", "actor", "kind")
_Lang = Literal["en", "fr", "ru"]


class _CatalogueFile(_Entry):
    facts: dict[str, _FactEntry]
    decoys: dict[_Lang, _TermList] = {}
    speakers: dict[str, _TermList] = {}
    others: dict[_Lang, _TermList] = {}


_HINTS = {  # what a missing or mistyped entry must be, said the catalogue's way
    "baseline": "missing [baseline] table with value, as_of and source",
    "as_of": "baseline.as_of must be a date such as 2025-07-31",
    "since": "superseded.since must be a date such as 2023-04-25",
    "description": "description must be a string",
    "facts": "no [facts.<key>] tables found",
}


def _message(err: ValidationError) -> str:
    """The first error of a validation, naming the fact and the key: "fact 'x.y': terms.en.event must be..."."""
    first = err.errors()[0]
    loc = [str(p) for p in first["loc"]]
    where = ""
    if len(loc) >= 2 and loc[0] == "facts":
        where, loc = f"fact {loc[1]!r}: ", loc[2:]
    loc = [p for p in loc if not p.isdigit()]  # list positions say nothing a user can find
    if first["type"] == "extra_forbidden":
        extra = sorted({str(e["loc"][-1]) for e in err.errors() if e["type"] == "extra_forbidden"})
        parent = ".".join(loc[:-1])
        if not parent and not where:
            return f"unknown top-level tables {extra} (expected facts, decoys, speakers, others)"
        return f"{where}{parent + ' has ' if parent else ''}unknown entries {extra}"
    if loc and loc[-1] in _HINTS and first["type"] != "value_error":
        return where + _HINTS[loc[-1]]
    if loc and loc[0] in ("decoys", "others") and first["type"] == "literal_error":
        return f"[{loc[0]}]: unknown language {loc[1]!r} (expected one of {LANGUAGES})"
    msg = str(first["msg"]).removeprefix("Value error, ")
    path = ".".join(loc)
    return f"{where}{path} {msg}" if msg.startswith("must") else f"{where}{path}: {msg}"


def parse_catalogue(text: str, path: Path | str | None = None) -> Catalogue:
    """Parse catalogue TOML text; errors name the file, the fact and the key."""
    where = str(path or "catalogue")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CatalogueError(f"not valid TOML: {err}", source=where) from None
    if not isinstance(data.get("facts"), dict) or not data["facts"]:
        raise CatalogueError("no [facts.<key>] tables found", source=where)
    for key in data["facts"]:
        if not _KEY.match(key):
            raise CatalogueError(f"fact {key!r}: keys are dotted lower-case names such as 'iss.deorbit'", source=where)
    try:
        raw = _CatalogueFile.model_validate(data)
    except ValidationError as err:
        raise CatalogueError(_message(err), source=where) from None
    facts = tuple(entry.fact(key) for key, entry in raw.facts.items())
    keys = {f.key for f in facts}
    for f in facts:
        unknown_keys = [b for b in f.borrows if b not in keys or b == f.key]
        if unknown_keys:
            raise CatalogueError(f"fact {f.key!r}: borrows names no other fact: {unknown_keys}", source=where)
        unknown_voices = [v for v in f.voices if v not in raw.speakers]
        if unknown_voices:
            raise CatalogueError(f"fact {f.key!r}: voices names no [speakers] entry: {unknown_voices}", source=where)
    return Catalogue(
        facts,
        Path(path) if path is not None else None,
        {lang: tuple(t) for lang, t in raw.decoys.items()},
        tuple(Speaker(name, tuple(aliases)) for name, aliases in raw.speakers.items()),
        {lang: tuple(t) for lang, t in raw.others.items()},
    )


#: (resolved path, mtime_ns, size) -> Catalogue: pages of one round reuse one parsed catalogue (and so
#: the regexes compiled for it) instead of re-reading the file for every article.
_LOADED: dict[tuple[str, int, int], Catalogue] = {}


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Load the catalogue at ``path``, or the bundled one (cached while the file is unchanged)."""
    p = Path(path) if path else DEFAULT_CATALOGUE
    try:
        st = p.stat()
        key = (str(p.resolve()), st.st_mtime_ns, st.st_size)
        if key in _LOADED:
            return _LOADED[key]
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CatalogueError(f"cannot read facts catalogue: {err.__class__.__name__}: {err}", source=str(p)) from None
    catalogue = parse_catalogue(text, p)
    if len(_LOADED) > 16:
        _LOADED.clear()
    _LOADED[key] = catalogue
    return catalogue
