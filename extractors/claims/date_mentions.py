"""Date expressions in en / fr / ru with their granularity and qualifier.

A mention is a year ("2028", "2030-го"), a month and year ("March 2027", "в марте 2027 года"), a full
date ("15 March 2027", "March 15, 2027", "15 mars 2027", "2027-03-15", "15.03.2027"), or a range
("2030-31", "between 2029 and 2030", "с 2024 по 2030 год"). The words just before it give the
qualifier ("until", "by the end of", "no earlier than", "jusqu'en", "d'ici", "до", "к", "не ранее"),
and a few after it ("at the earliest", "au plus tard"). Given the publication date, a deadline named relative to
it is a mention too ("by the end of this year", "d'ici la fin de l'année", "до конца года"), and so are "the
following year" / "the following January" after a date of the same sentence. A bare "this year" or "next year"
is not: in the corpus's dev part it dated talks, orders and announcements more often than plans. Durations ("in
six years", "end of the decade") are never mentions. "since 2018" / "depuis" / "с 2018 года" get the qualifier
``since``, which the claim stage treats as a reported event, not a claim.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from isswatch.extractors.claims.first_chars import Gated, gated

QUALIFIERS = ("until", "by", "after", "no_earlier_than", "around", "range", "in")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # offsets of the date itself (plus range words) in the searched text
    end: int
    value: str  # YYYY | YYYY-MM | YYYY-MM-DD; for a range, its start
    granularity: str  # year | month | day
    qualifier: str  # one of QUALIFIERS, or "since"
    value_end: str | None = None
    form: str = ""  # "from_to" for "from 2024 to 2030" (a change or a range), "alt" for "2028 or 2030", else ""
    cue: str = ""  # the qualifier words matched, for explanations
    cue_start: int = -1  # where the qualifier words start (== start when none)
    end_start: int = -1  # for a range: offset of its second year


_YEAR = r"(?:19[5-9]\d|20\d\d|21\d\d)"
_MONTHS = {
    "en": {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "may": 5,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    },
    "fr": {
        "janv": 1,
        "févr": 2,
        "fevr": 2,
        "mars": 3,
        "avr": 4,
        "mai": 5,
        "juin": 6,
        "juil": 7,
        "août": 8,
        "aout": 8,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "déc": 12,
        "dec": 12,
    },
    "ru": {
        "янв": 1,
        "фев": 2,
        "мар": 3,
        "апр": 4,
        "ма": 5,
        "июн": 6,
        "июл": 7,
        "авг": 8,
        "сен": 9,
        "окт": 10,
        "ноя": 11,
        "дек": 12,
    },
}
_MONTH_RE = {
    "en": r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?",
    "fr": r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    r"|décembre|decembre|janv\.?|févr\.?|avr\.?|juil\.?|sept\.?|oct\.?|nov\.?|déc\.?)",
    "ru": r"(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[аеу]?"
    r"|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])",
}
# After a Russian year: "2030-го", "2030-му", "2028 года", "2027 г.", "2030-х", "2030-е" (decades: rejected later).
_RU_TAIL = r"(?:-?(?:го|му|м|й|ом|х|ых|ые|е)(?!\w))?(?:\s+(?:годах|годы|годом|году|года|год|г\.)(?!\w))?"
_DECADE = re.compile(r"\d-?(?:[хx]|ых|ые|е)(?!\w)")
# "(2021 update)", "the Army 2022 forum": a label or a name, not a date
_EDITION = re.compile(
    r"\s+(?:update|edition|version|season|forum|expo|exhibition|air\s+show|mise\s+à\s+jour|édition|salon|обновлени\w*"
    r"|верси\w*|выпуск\w*|форум\w*|выставк\w*)"
    r"(?!\w)",
    re.IGNORECASE,
)
# "les années 2030"; "fiscal 2026", "the 2026 fiscal year": a budget year, not a date
_YEAR_LABEL_BEFORE = gated(r"(?<!\w)(?:ann[ée]es|fiscal|fiscal\s+year|FY)\s+$", re.IGNORECASE)
_EN_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_MOD = {  # "the end of", "early", "mid-" between a preposition and a year
    "en": r"(?:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half|first\s+quarter"
    r"|last\s+quarter|spring|summer|autumn|fall|winter)\s+of\s+|(?:early|mid|late)[\s-]+)?",
    "fr": r"(?:(?:la\s+)?(?:fin|début|mi|milieu|courant|printemps|été|automne|hiver)[\s-]+(?:de\s+l['’]année\s+"
    r"|d['’]|de\s+|du\s+)?|l['’]année\s+|l['’]an\s+)?",
    "ru": r"(?:(?:конц[еау]|начал[еау]|середин[еуы]|перв(?:ой|ую)\s+половин[еуы]|втор(?:ой|ую)\s+половин[еуы]"
    r"|весн[еуой]|лет[ао]м?|осен[иью]|зим[еуой])\s+)?",
}
# (qualifier, words before the date), most specific first; matched against the text just before.
_PREFIXES = {
    "en": [
        ("no_earlier_than", r"no\s+earlier\s+than|not\s+earlier\s+than|not\s+before|no\s+sooner\s+than"),
        ("by", r"no\s+later\s+than|not\s+later\s+than|by|before|ahead\s+of"),
        ("until", r"until|till|through|thru|up\s+to|up\s+until|into|to|throughout"),
        ("after", r"after|beyond|past|later\s+than"),
        ("around", r"around|about|approximately|roughly|circa|c\.|some\s+time\s+around|sometime\s+around"),
        ("since", r"since|ever\s+since"),
        ("in", r"in|for|during|from|starting\s+in|starting|beginning\s+in|as\s+of|as\s+early\s+as|at|on|of|as"),
    ],
    "fr": [
        ("no_earlier_than", r"pas\s+avant|au\s+plus\s+tôt\s+en|pas\s+plus\s+tôt\s+qu['’]en|pas\s+plus\s+tôt\s+que"),
        ("by", r"d['’]ici(?:\s+à)?|avant|au\s+plus\s+tard\s+en|au\s+plus\s+tard"),
        ("until", r"jusqu['’](?:en|à|au|a)|jusque\s+(?:en|à)|jusqu['’]"),
        ("after", r"après|au-delà\s+de|au-delà\s+d['’]|au\s+delà\s+de|passé"),
        ("around", r"vers|aux\s+alentours\s+de|autour\s+de|environ\s+en|environ"),
        ("since", r"depuis"),
        ("in", r"en|pour|dès|à\s+partir\s+de|à\s+partir\s+d['’]|à\s+l['’]horizon|à|le|au|de|d['’]"),
    ],
    "ru": [
        ("no_earlier_than", r"не\s+ранее(?:\s+чем(?:\s+в)?)?|не\s+раньше(?:\s+чем(?:\s+в)?)?"),
        ("by", r"не\s+позднее(?:\s+чем(?:\s+в)?)?|не\s+позже(?:\s+чем(?:\s+в)?)?|к|(?-i:раньше|ранее)"),
        ("until", r"вплоть\s+до|до|по"),
        ("after", r"после|позднее|позже"),
        ("around", r"около|примерно(?:\s+в)?|ориентировочно(?:\s+в)?|приблизительно(?:\s+в)?"),
        ("in", r"начиная\s+с|в|во|на|с\s+начала|с\s+конца"),
        ("since", r"с|со"),
    ],
}
_SUFFIXES = {
    "en": [
        ("no_earlier_than", r"at\s+the\s+earliest|or\s+later"),
        ("by", r"at\s+the\s+latest"),
        ("around", r"or\s+so"),
    ],
    "fr": [("no_earlier_than", r"au\s+plus\s+tôt"), ("by", r"au\s+plus\s+tard"), ("around", r"environ")],
    "ru": [("no_earlier_than", r"или\s+позже")],
}
_RANGE_WORDS = {
    "en": (r"between", r"and|or|to"),
    "fr": (r"entre", r"et|ou|à"),
    "ru": (r"между", r"и|или|по|до"),
}
_FROM_TO = {
    "en": (r"from", r"to|until|through|till"),
    "fr": (r"de|d['’]", r"à|a|jusqu['’]en"),
    "ru": (r"с|со", r"по|до|на"),
}


@cache
def _patterns(lang: str) -> tuple[Gated, Gated, re.Pattern[str]]:
    """(mentions, prefix qualifiers anchored at the end, suffix qualifiers anchored at the start)."""
    month = _MONTH_RE[lang]
    tail = _RU_TAIL if lang == "ru" else r""
    y = rf"(?<![\w.,/\-–]){_YEAR}(?!\d)"
    yend = rf"(?:{_YEAR}|\d\d)(?!\d)"
    b_open, b_and = _RANGE_WORDS[lang]
    f_open, f_to = _FROM_TO[lang]
    alts = [
        rf"(?P<iso>(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d))(?!\d)",
        rf"(?P<dotted>(?<![\d.])(?P<dd>[0-3]?\d)\.(?P<dm>[01]\d)\.(?P<dy>{_YEAR}))(?!\d)" if lang != "en" else "",
        rf"(?P<between>\b(?:{b_open})\s+{_MOD[lang]}(?P<b1>{y}){tail}\s+(?:{b_and})\s+(?P<b2>{yend}){tail})",
        rf"(?P<fromto>(?<!\w)(?:{f_open})\s+(?P<f1>{y}){tail}\s*(?:{f_to})\s+(?P<f2>{y}){tail})",
        rf"(?P<dmy>(?<!\d)(?P<d1>[0-3]?\d)(?:er|st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{month})\s*,?\s+(?P<y1>{y}){tail})",
        rf"(?P<mdy>(?P<m2>{month})\s+{_EN_DAY},?\s+(?P<y2>{y}))" if lang == "en" else "",
        rf"(?P<my>(?<!\w)(?P<m3>{month})(?:\s+of)?,?\s+(?P<y3>{y}){tail})",
        rf"(?P<range>(?P<r1>{y})\s*[-–—/]\s*(?P<r2>{yend}){tail})",
        rf"(?P<alt>(?P<a1>{y}){tail}\s+(?:or|ou|или)\s+(?P<a2>{y}){tail})",
        rf"(?P<year>(?P<y4>{y}){tail})",
    ]
    flags = re.IGNORECASE
    # Gate: a mention starts at a word start with a digit, a month's or a range word's first letter; the
    # big alternation is only tried there (a few percent of positions).
    words = re.findall(r"[^\W\d_]+", month + "|" + b_open + "|" + f_open)
    firsts = "".join(sorted({re.escape(c) for w in words for c in (w[0].lower(), w[0].upper())}))
    body = "|".join(a for a in alts if a)
    mention = gated(rf"(?<!\w)(?=[\d{firsts}])(?:{body})", flags, first=True)  # lastgroup = the outer group
    pre = "|".join(rf"(?P<{q}_{i}>(?:{p}))" for i, (q, p) in enumerate(_PREFIXES[lang]))
    filler = {
        "en": r"(?:at\s+least\s+|at\s+the\s+latest\s+)?",
        "fr": r"(?:au\s+moins\s+)?",
        "ru": r"(?:как\s+минимум\s+|по\s+крайней\s+мере\s+)?",
    }[lang]
    # Every alternative starts at a word start: one look-behind up front rejects most positions at once.
    # The modifier alone must not be empty (an empty match at the end says nothing): the pattern then has first
    # letters to gate on, and a search skips most of the 60 characters before a date with one class test.
    mod_only = _MOD[lang].removesuffix("?")
    prefix = gated(rf"(?<!\w)(?:(?:{pre})\s+{filler}{_MOD[lang]}$|(?P<mod_only>{mod_only})$)", flags)
    suf = "|".join(rf"(?P<{q}_{i}>{p})" for i, (q, p) in enumerate(_SUFFIXES[lang]))
    suffix = re.compile(rf"\s*,?\s*(?:{suf})(?!\w)", flags)
    return mention, prefix, suffix


def _month_number(word: str, lang: str) -> int | None:
    w = word.lower().rstrip(".")
    table = _MONTHS[lang]
    for n in (5, 4, 3, 2):
        if w[:n] in table:
            return table[w[:n]]
    return None


def _full_year(first: str, second: str) -> str:
    """'2030', '31' -> '2031'; '2030', '2031' -> '2031'."""
    return second if len(second) == 4 else first[:2] + second


def _valid(y: int, m: int = 1, d: int = 1) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _qualifier(text: str, start: int, end: int, lang: str) -> tuple[str, str, int]:
    """(qualifier, cue words, cue start) from the words just before or after a mention."""
    _, prefix, suffix = _patterns(lang)
    s = suffix.match(text, end, min(len(text), end + 40))
    if s:  # "in 2030 at the earliest": the suffix is the stronger word
        for name, value in s.groupdict().items():
            if value is not None:
                return name.rsplit("_", 1)[0], value, start
    # the 60 characters before the mention, the pattern anchored at its end ("$" meets the end of the window)
    m = prefix.search(text, max(0, start - 60), start)
    if m and m.group(0).strip():
        for name, value in m.groupdict().items():
            if value is not None and name != "mod_only":
                return name.rsplit("_", 1)[0], m.group(0).strip(), m.start()
        if m.group("mod_only"):  # "late 2030", "fin 2030", "в конце" without a preposition
            return "in", m.group(0).strip(), m.start()
    return "in", "", start


def find_dates(
    text: str, lang: str = "en", *, limit: int | None = None, published: dt.date | None = None
) -> list[DateMention]:
    """Every date mention in ``text`` (one sentence, usually), in order of appearance; at most ``limit``.

    Steps per regex match: its value (``_mention_value``), then ``_not_a_date`` (decades, labels), then its
    qualifier (``_mention_qualifier``); with ``published``, the years named relative to it (``_relative``)."""
    if lang not in _MONTHS:
        lang = "en"
    mention, _, _ = _patterns(lang)
    out: list[DateMention] = []
    for m in mention.finditer(text):
        if limit is not None and len(out) >= limit:
            break
        parsed = _mention_value(m, lang)
        if parsed is None or _not_a_date(text, m.start(), m.end()):
            continue
        value, gran, value_end, form, end_start = parsed
        q, cue, cue_start = _mention_qualifier(text, m, lang, value_end, form)
        out.append(DateMention(m.start(), m.end(), value, gran, q, value_end, form, cue, cue_start, end_start))
    if published is not None and has_relative_year(text, lang):
        out = _relative(text, lang, published, out)[:limit]
    return _changes_from(text, out)


# Deadlines named relative to the publication date (the end of its year or of the next) or, "following", to the date
# before them.
_RELATIVE = {
    "en": r"(?P<this>(?<=end\sof\s)(?:this|the)\s+year(?!\s+\d)|(?<=close\sof\s)(?:this|the)\s+year(?!\s+\d))"
    r"|(?P<next>(?<=end\sof\s)next\s+year)"
    r"|(?P<following>the\s+following\s+year|the\s+year\s+after|the\s+next\s+year)"
    r"|the\s+following\s+(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December)",
    "fr": r"(?P<this>(?<=fin\sde\s)(?:l['’]année|cette\s+année)(?!\s+\d))"
    r"|(?P<next>(?<=fin\sde\s)l['’]année\s+prochaine)|(?P<following>l['’]année\s+suivante)",
    "ru": r"(?P<this>(?<=конца\s)(?:этого\s+|текущего\s+)?года|(?<=концу\s)(?:этого\s+|текущего\s+)?года"
    r"|(?<=конце\s)(?:этого\s+|текущего\s+)?года)|(?P<next>(?<=конца\s)следующего\s+года"
    r"|(?<=конце\s)следующего\s+года)",
}


# Words one of which every relative mention of the language holds, looked for before the regex (a plain substring
# test: most texts hold none, and the regex would be tried at every "t").
_RELATIVE_WORDS = {
    "en": ("end of", "End of", "close of", "following", "Following", "year after", "next year"),
    "fr": ("fin de l", "Fin de l", "fin de cette", "année suivante"),
    "ru": ("конца", "концу", "конце"),
}


def may_name_relative_year(text: str) -> bool:
    """Whether ``text`` holds a word of a relative year in any language (before its language is known)."""
    return any(w in text for words in _RELATIVE_WORDS.values() for w in words)


def has_relative_year(text: str, lang: str) -> bool:
    """Whether ``text`` names a year relative to the publication (a plain substring test first)."""
    words = _RELATIVE_WORDS.get(lang, _RELATIVE_WORDS["en"])
    return any(w in text for w in words) and relative_year(lang).search(text) is not None


@cache
def relative_year(lang: str) -> Gated:
    """The words that name a year relative to the publication (or to the date before them)."""
    return gated(rf"(?<!\w)(?:{_RELATIVE.get(lang, _RELATIVE['en'])})(?!\w)", re.IGNORECASE)


def _relative(text: str, lang: str, published: dt.date, found: list[DateMention]) -> list[DateMention]:
    """``found`` with the relative years of ``text`` added in order; "the following year" and "the following
    January" count from the nearest date before them (none: no mention)."""
    out = list(found)
    for m in relative_year(lang).finditer(text):
        if any(d.start <= m.start() < d.end for d in found):
            continue
        before = [d for d in found if d.end <= m.start()]
        if m.group("this") or m.group("next"):
            value, gran = str(published.year + (1 if m.group("next") else 0)), "year"
        elif not before:
            continue
        elif m.group("following"):
            value, gran = str(int(before[-1].value[:4]) + 1), "year"
        else:
            month = _month_number(m.group("month"), "en") or 1
            value, gran = f"{int(before[-1].value[:4]) + 1}-{month:02d}", "month"
        q, cue, cue_start = _qualifier(text, m.start(), m.end(), lang)
        out.append(DateMention(m.start(), m.end(), value, gran, q, None, "", cue, cue_start))
    return sorted(out, key=lambda d: d.start)


_TO_NEXT = re.compile(r"\s*(?:,\s*)?(?:на|до|to|à|au|en)\s", re.IGNORECASE)


def _changes_from(text: str, dates: list[DateMention]) -> list[DateMention]:
    """ "с августа 2025 на май 2026": a "с" date right before another date is the old value of a change, not a
    "since" (the claim stage reads it as "from")."""
    out = list(dates)
    for i, d in enumerate(out[:-1]):
        nxt = out[i + 1]
        if d.qualifier == "since" and d.cue.lower() in ("с", "со") and _TO_NEXT.match(text, d.end, nxt.start):
            out[i] = replace(d, qualifier="in")
    return out


_Value = tuple[str, str, str | None, str, int]  # value, granularity, value_end, form, end_start
_PAIRS = {"between": ("b1", "b2"), "range": ("r1", "r2"), "alt": ("a1", "a2"), "fromto": ("f1", "f2")}


def _group(m: re.Match[str], name: str) -> str:
    return m.group(name) or ""


def _mention_value(m: re.Match[str], lang: str) -> _Value | None:
    """The value a mention names (None when it names no real date: "2027-02-30", "may 2030" the verb)."""
    kind = m.lastgroup or ""
    if kind in ("iso", "dotted", "dmy", "mdy"):
        return _day_value(m, kind, lang)
    if kind == "my":
        word = _group(m, "m3")
        mo = _month_number(word, lang)
        if mo is None or (lang == "en" and word.lower() in ("may", "mar") and word[0].islower()):
            return None  # "may 2030" in lower case is the verb; "mar" too short to trust in lower case
        return f"{_group(m, 'y3')}-{mo:02d}", "month", None, "", -1
    if kind in _PAIRS:
        return _range_value(m, kind)
    return _group(m, "y4"), "year", None, "", -1


def _day_value(m: re.Match[str], kind: str, lang: str) -> _Value | None:
    """A full date: ISO, dotted, day-month-year or month-day-year."""
    if kind in ("iso", "dotted"):
        y, mo, d = (int(_group(m, k)) for k in (("iy", "im", "id") if kind == "iso" else ("dy", "dm", "dd")))
    else:
        day, mon, yr = (m.group(k) for k in (("d1", "m1", "y1") if kind == "dmy" else ("d", "m2", "y2")))
        month = _month_number(mon, lang)
        if month is None:
            return None
        y, mo, d = int(yr), month, int(day)
    if not _valid(y, mo, d):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}", "day", None, "", -1


def _range_value(m: re.Match[str], kind: str) -> _Value | None:
    """Two years: a range ("2030-31", "between 2029 and 2030"), alternatives, or "from 2024 to 2030"."""
    a, b = _PAIRS[kind]
    first, last = _group(m, a), _full_year(_group(m, a), _group(m, b))
    if not int(first) < int(last) <= int(first) + 15:
        # "2024/2030" or "2030-2024": not a range, keep the first year
        return (first, "year", None, "", -1) if kind == "range" else None
    form = {"fromto": "from_to", "alt": "alt", "range": "span"}.get(kind, "")
    return first, "year", last, form, m.start(b)


def _not_a_date(text: str, start: int, end: int) -> bool:
    """ "2030s", "2030th", "2030-х годах", "в 2030-е годы", "les années 2030", "(2021 update)": a decade or a label."""
    tail = text[end : end + 1]
    return bool(
        (tail.isalpha() and tail.lower() != "г")
        or _DECADE.search(text, start, end)
        or _YEAR_LABEL_BEFORE.search(text, max(0, start - 12), start)
        or _EDITION.match(text, end)
    )


def _mention_qualifier(
    text: str, m: re.Match[str], lang: str, value_end: str | None, form: str
) -> tuple[str, str, int]:
    """(qualifier, cue words, cue start): "range" for a range, else from the words around the mention."""
    start, end = m.start(), m.end()
    if value_end and form != "from_to":
        kind = m.lastgroup or ""
        cue, cue_start = _group(m, kind)[: m.start(_PAIRS[kind][0]) - start].strip(), start
        if kind != "between":
            _, pcue, pstart = _qualifier(text, start, end, lang)
            cue, cue_start = (pcue, pstart) if pcue else (cue, start)
        return "range", cue, cue_start
    if value_end:
        return "range", "", start
    return _qualifier(text, start, end, lang)
