"""The facts catalogue: the dated quantities isswatch follows, with the words that name them.

The catalogue is a TOML file users edit (see ``extractors/claims/data/facts.toml``); adding a fact is a
catalogue edit, never a code change. Loading validates everything up front so that a typo gives one
clear error naming the file and the fact, not a failure in the middle of a round.

Schema (per fact ``[facts."<key>"]``): ``description``, ``baseline = {value, as_of, source}``,
``superseded = [{value, since}]`` (a value that news published on or after ``since`` can only mean as
history), ``years = [min, max]`` (plausible values; a date outside is never read as this fact),
``terms.<lang> = {subject, event, decoy, actor}`` and ``borrows`` (keys of facts whose events this fact
takes when one of its actors does them: "Roscosmos will operate its segment until 2028" is Russia's
participation, not the station's operations). Top level:
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

    def superseded_at(self, value: str, published: dt.date | None) -> Superseded | None:
        """The supersession that makes ``value`` history in an article published on ``published``."""
        if published is None:
            return None
        return next((s for s in self.superseded if s.value == value and published >= s.since), None)


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
    text = str(value)
    if not _VALUE.match(text):
        raise CatalogueError(f"{where}: value {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        raise CatalogueError(f"{where}: value {text!r} is not a real date ({err})") from None
    return text


def _str_list(raw: object, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise CatalogueError(f"{where} must be a list of non-empty strings")
    return tuple(x.strip() for x in raw)


def _parse_fact(key: str, raw: object) -> Fact:
    where = f"fact {key!r}"
    if not _KEY.match(key):
        raise CatalogueError(f"{where}: keys are dotted lower-case names such as 'iss.deorbit'")
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where} must be a table")
    base = raw.get("baseline")
    if not isinstance(base, dict):
        raise CatalogueError(f"{where}: missing [baseline] table with value, as_of and source")
    as_of = base.get("as_of")
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise CatalogueError(f"{where}: baseline.as_of {as_of!r} is not a date") from None
    if not isinstance(as_of, dt.date):
        raise CatalogueError(f"{where}: baseline.as_of must be a date such as 2025-07-31")
    source = base.get("source")
    if not isinstance(source, str) or not source.strip():
        raise CatalogueError(f"{where}: baseline.source must say where the value comes from")
    baseline = Baseline(check_value(base.get("value"), where), as_of, source.strip())
    terms: dict[str, Terms] = {}
    raw_terms = raw.get("terms", {})
    if not isinstance(raw_terms, dict):
        raise CatalogueError(f"{where}: terms must be a table per language")
    for lang, t in raw_terms.items():
        if lang not in LANGUAGES:
            raise CatalogueError(f"{where}: unknown language {lang!r} (expected one of {LANGUAGES})")
        if not isinstance(t, dict):
            raise CatalogueError(f"{where}: terms.{lang} must be a table with subject and event")
        unknown = set(t) - {"subject", "event", "decoy", "actor"}
        if unknown:
            raise CatalogueError(f"{where}: terms.{lang} has unknown entries {sorted(unknown)}")
        terms[lang] = Terms(
            _str_list(t.get("subject", []), f"{where}: terms.{lang}.subject"),
            _str_list(t.get("event", []), f"{where}: terms.{lang}.event"),
            _str_list(t.get("decoy", []), f"{where}: terms.{lang}.decoy"),
            _str_list(t.get("actor", []), f"{where}: terms.{lang}.actor"),
        )
    superseded = _parse_superseded(raw.get("superseded", []), where)
    borrows = raw.get("borrows", [])
    if not isinstance(borrows, list) or not all(isinstance(b, str) and _KEY.match(b) for b in borrows):
        raise CatalogueError(f"{where}: borrows must be a list of fact keys such as ['iss.operations_end']")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise CatalogueError(f"{where}: description must be a string")
    years = raw.get("years", [2000, 2100])
    if (
        not isinstance(years, list)
        or len(years) != 2
        or not all(type(y) is int for y in years)
        or not 1900 <= years[0] <= years[1] <= 2200
    ):
        raise CatalogueError(f"{where}: years must be [min, max], two years such as [2020, 2045]")
    return Fact(key, description.strip(), baseline, terms, superseded, (years[0], years[1]), tuple(borrows))


def _parse_superseded(raw: object, where: str) -> tuple[Superseded, ...]:
    """``[{value = "2024", since = 2023-04-25}]``; a bare value is refused: status depends on the article's date."""
    if not isinstance(raw, list):
        raise CatalogueError(f"{where}: superseded must be a list of {{value, since}} tables")
    out = []
    for item in raw:
        if not isinstance(item, dict) or set(item) != {"value", "since"}:
            raise CatalogueError(
                f'{where}: superseded entries are tables {{ value = "2024", since = 2023-04-25 }} '
                f"(the date from which the value is only history), not {item!r}"
            )
        since = item["since"]
        if isinstance(since, str):
            try:
                since = dt.date.fromisoformat(since)
            except ValueError:
                since = None
        if not isinstance(since, dt.date):
            raise CatalogueError(f"{where}: superseded.since must be a date such as 2023-04-25")
        out.append(Superseded(check_value(item["value"], where), since))
    return tuple(out)


def _parse_decoys(raw: object, where: str, table: str) -> dict[str, tuple[str, ...]]:
    """A table of term lists per language ([decoys], [others])."""
    if not isinstance(raw, dict):
        raise CatalogueError(f"[{table}] must be a table of term lists per language", source=where)
    out: dict[str, tuple[str, ...]] = {}
    for lang, terms in raw.items():
        if lang not in LANGUAGES:
            raise CatalogueError(f"[{table}]: unknown language {lang!r} (expected one of {LANGUAGES})", source=where)
        try:
            out[lang] = _str_list(terms, f"{table}.{lang}")
        except CatalogueError as err:
            raise CatalogueError(str(err), source=where) from None
    return out


def _parse_speakers(raw: object, where: str) -> tuple[Speaker, ...]:
    if not isinstance(raw, dict):
        raise CatalogueError("[speakers] must be a table: name = [aliases]", source=where)
    try:
        return tuple(Speaker(name, _str_list(aliases, f"speakers.{name!r}")) for name, aliases in raw.items())
    except CatalogueError as err:
        raise CatalogueError(str(err), source=where) from None


def parse_catalogue(text: str, path: Path | None = None) -> Catalogue:
    """Parse catalogue TOML text; errors name the file and the fact."""
    where = str(path or "catalogue")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CatalogueError(f"not valid TOML: {err}", source=where) from None
    facts_raw = data.get("facts")
    if not isinstance(facts_raw, dict) or not facts_raw:
        raise CatalogueError("no [facts.<key>] tables found", source=where)
    try:
        facts = tuple(_parse_fact(k, v) for k, v in facts_raw.items())
    except CatalogueError as err:
        raise CatalogueError(str(err), source=where) from None
    keys = {f.key for f in facts}
    for f in facts:
        unknown_keys = [b for b in f.borrows if b not in keys or b == f.key]
        if unknown_keys:
            raise CatalogueError(f"fact {f.key!r}: borrows names no other fact: {unknown_keys}", source=where)
    unknown = set(data) - {"facts", "decoys", "speakers", "others"}
    if unknown:
        raise CatalogueError(
            f"unknown top-level tables {sorted(unknown)} (expected facts, decoys, speakers, others)", source=where
        )
    return Catalogue(
        facts,
        path,
        _parse_decoys(data.get("decoys", {}), where, "decoys"),
        _parse_speakers(data.get("speakers", {}), where),
        _parse_decoys(data.get("others", {}), where, "others"),
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
