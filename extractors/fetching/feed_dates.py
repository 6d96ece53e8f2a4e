"""Strict reading of the dates that feeds give their entries.

feedparser "corrects" what it cannot read: 2024-02-30 becomes 2024-03-01, hour 25 the next day, an unknown
time zone UTC. A news monitor must not date a story by a guess, so the raw string is parsed again here
with strict field checks (RFC 822 and ISO 8601 / W3C-DTF, with English, French and Russian month names)
and the outcome is flagged:

    None                  the date is fine
    "invalid"             a date nobody could read, or with impossible fields that feedparser also refused
    "corrected_by_parser" impossible fields (day 30 of February, hour 25, offset +99:99) that feedparser
                          silently turned into another date
    "year_out_of_range"   before 1990 or after next year (year 0, 9999, 99999, negative years)
    "future"              more than a day ahead of now
    "unknown_timezone"    a time zone name that is not a known abbreviation
    "unrecognised_format" a format only feedparser claims to read (ISO weeks, 12/11/10, Greek names)

Only an unflagged date is trusted (``published`` is None otherwise); the raw string is always kept.
"""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

MIN_YEAR = 1990
FUTURE_TOLERANCE = timedelta(days=1)

_MONTHS = {
    # English
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    # French (abbreviations and full names, with and without accents)
    "janv": 1,
    "fév": 2,
    "fev": 2,
    "févr": 2,
    "fevr": 2,
    "mars": 3,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juil": 7,
    "aoû": 8,
    "aou": 8,
    "août": 8,
    "aout": 8,
    "déc": 12,
    # Russian (nominative and genitive share these prefixes)
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "мая": 5,
    "май": 5,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}
_ZONES = {
    "ut": 0,
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "wet": 0,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
    "akst": -9,
    "akdt": -8,
    "hst": -10,
    "bst": 1,
    "west": 1,
    "cet": 1,
    "cest": 2,
    "met": 1,
    "mest": 2,
    "eet": 2,
    "eest": 3,
    "msk": 3,
    "msd": 4,
    "ist": 5.5,
    "hkt": 8,
    "sgt": 8,
    "awst": 8,
    "jst": 9,
    "kst": 9,
    "aest": 10,
    "aedt": 11,
    "nzst": 12,
    "nzdt": 13,
}
_RFC822 = re.compile(
    r"""^\s*(?:[^\W\d_]+\.?,?\s+)?                    # weekday, any language, ignored
    (?P<day>\d{1,2})\s+(?P<mon>[^\W\d_]+)\.?,?\s+(?P<year>[+-]?\d{1,6})
    (?:(?:\s+|\s*T\s*|,\s*)(?P<h>\d{1,2}):(?P<mi>\d{1,2})(?::(?P<s>\d{1,2}))?(?:[.,]\d+)?
       \s*(?P<tz>[+-]\d{1,2}:?\d{2}|\(?[A-Za-z]{1,5}\)?)?)?\s*$""",
    re.VERBOSE,
)
_ISO = re.compile(
    r"""^\s*(?P<year>[+-]?\d{4,6})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})
    (?:[T\s](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?
       \s*(?P<tz>Z|z|[+-]\d{2}(?::?\d{2})?)?)?\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class CheckedDate:
    value: datetime | None  # aware UTC, only when flag is None
    flag: str | None


def _month(name: str) -> int | None:
    token = name.lower().rstrip(".")
    for key in (token, token[:4], token[:3]):
        if key in _MONTHS:
            return _MONTHS[key]
    return None


def _offset(tz: str | None) -> timedelta | str | None:
    """The UTC offset of a zone field; None when absent; "invalid" or "unknown" strings on trouble."""
    if not tz:
        return None
    tz = tz.strip("()")
    if tz[0] in "+-":
        digits = tz[1:].replace(":", "")
        if len(digits) <= 2:
            hours, minutes = int(digits), 0
        else:
            hours, minutes = int(digits[:-2]), int(digits[-2:])
        if hours > 14 or minutes > 59:
            return "invalid"
        delta = timedelta(hours=hours, minutes=minutes)
        return -delta if tz[0] == "-" else delta
    zone_hours = _ZONES.get(tz.lower())
    if zone_hours is None:
        return "unknown"
    return timedelta(hours=zone_hours)


def check_date(
    raw: str | None, parser_value: time.struct_time | None = None, *, now: datetime | None = None
) -> CheckedDate:
    """Validate a raw feed date; ``parser_value`` is feedparser's ``*_parsed`` for the same string."""
    if raw is None or not raw.strip():
        return CheckedDate(None, None)
    raw = raw.strip()
    now = now or datetime.now(UTC)
    match = _ISO.match(raw) or _RFC822.match(raw)
    if match is None:
        return CheckedDate(None, "unrecognised_format" if parser_value is not None else "invalid")
    fields = match.groupdict()
    broken = "corrected_by_parser" if parser_value is not None else "invalid"
    year = int(fields["year"])
    if match.re is _RFC822 and len(fields["year"].lstrip("+-")) == 2:
        year += 2000 if year < 50 else 1900
    month = int(fields["mon"]) if fields["mon"].isdigit() else _month(fields["mon"])
    if month is None:
        return CheckedDate(None, "unrecognised_format" if parser_value is not None else "invalid")
    if not MIN_YEAR <= year <= now.year + 1:
        return CheckedDate(None, "year_out_of_range")
    day = int(fields["day"])
    hour = int(fields["h"] or 0)
    minute = int(fields["mi"] or 0)
    second = int(fields["s"] or 0)
    if not (
        1 <= month <= 12
        and 1 <= day <= calendar.monthrange(year, month)[1]
        and hour <= 23
        and minute <= 59
        and second <= 60
    ):
        return CheckedDate(None, broken)
    offset = _offset(fields["tz"])
    if offset == "invalid":
        return CheckedDate(None, broken)
    if offset == "unknown":
        return CheckedDate(None, "unknown_timezone")
    assert offset is None or isinstance(offset, timedelta)
    value = datetime(
        year, month, day, hour, minute, min(second, 59), tzinfo=timezone(offset) if offset is not None else UTC
    ).astimezone(UTC)
    if value > now + FUTURE_TOLERANCE:
        return CheckedDate(None, "future")
    return CheckedDate(value, None)
