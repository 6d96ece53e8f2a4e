"""Who says it: the agency or official a claim is attributed to, when the sentence says.

Known speakers come from the catalogue (``[speakers]``: a canonical name and its aliases in the three
languages, including Russian case forms). An attribution ("said Bakanov", "according to NASA", "по
словам Баканова", "selon Roscosmos", "— сказал он" is not enough) wins over a mere mention; otherwise
the first known name in the sentence (usually the grammatical subject: "NASA and Roscosmos agreed")
is taken, with a coordinated second one ("NASA and Roscosmos" -> "NASA, Roscosmos"). Unknown people
are taken only from an explicit attribution with a capitalised name.
"""

from __future__ import annotations

import re

from isswatch.extractors.claims.first_chars import gated
from isswatch.extractors.claims.terms import CompiledCatalogue

_SPEECH = {
    "en": r"(?:said|says|say|told|tells|announced|announces|stated|states|confirmed|confirms|added|noted"
    r"|explained|declared|according\s+to|wrote|argued|insisted|predicted|revealed)",
    "fr": r"(?:a\s+déclaré|a\s+annoncé|a\s+indiqué|a\s+affirmé|a\s+confirmé|a\s+précisé|a\s+expliqué|a\s+assuré"
    r"|déclare|annonce|indique|affirme|confirme|précise|explique|selon|d['’]après|estime|a\s+estimé)",
    "ru": r"(?:заявил[аи]?|сообщил[аи]?|сказал[аи]?|отметил[аи]?|рассказал[аи]?|подтвердил[аи]?|объявил[аи]?"
    r"|уточнил[аи]?|пояснил[аи]?|по\s+словам|по\s+данным|по\s+мнению|заявляет|сообщает|считает)",
}
# A verb of saying just before a name (searched in the 40 characters before it, "$" meeting the name) or just after
# it (matched at its end).
_AFTER_SPEECH = {
    lang: gated(rf"(?<!\w){rx}\s*[,:]?\s*(?:the\s+|le\s+|la\s+|l['’])?$", re.IGNORECASE) for lang, rx in _SPEECH.items()
}
_BEFORE_SPEECH = {
    lang: re.compile(rf"\s*,?\s*(?:[—–-]\s*)?(?:has\s+|had\s+|a\s+)?{rx}(?!\w)", re.IGNORECASE)
    for lang, rx in _SPEECH.items()
}
_NAME = r"[A-ZА-ЯЁ][\w'’\-]+(?:\s+[A-ZА-ЯЁ][\w'’\-]+){1,2}"
_UNKNOWN = {
    "en": re.compile(rf"(?:said|told\s+\w+|according\s+to)\s+(?P<a>{_NAME})|(?P<b>{_NAME})\s+(?:said|told|says)\b"),
    "fr": re.compile(rf"(?:selon|a\s+déclaré|a\s+annoncé|a\s+indiqué)\s+(?P<a>{_NAME})"),
    "ru": re.compile(rf"(?:по\s+словам|заявил[аи]?|сообщил[аи]?|сказал[аи]?)\s+(?P<a>{_NAME})"),
}
_COORD = re.compile(r"^\s*(?:and|et|и|&|,)\s*$", re.IGNORECASE)


def find_speaker(text: str, lang: str, comp: CompiledCatalogue) -> tuple[str | None, str]:
    """(speaker name or None, explanation) for one sentence."""
    lang = lang if lang in _SPEECH else "en"
    mentions = [] if comp.speakers is None else list(comp.speakers.finditer(text))
    for m in mentions:
        before = _AFTER_SPEECH[lang].search(text, max(0, m.start() - 40), m.start())
        if before or _BEFORE_SPEECH[lang].match(text, m.end(), m.end() + 40):
            return comp.speaker_names[m.group(0)], f"speaker '{m.group(0)}' attributed"
    unknown = _UNKNOWN[lang].search(text)
    if unknown:
        name = unknown.group("a") or unknown.group("b")
        if name and name not in comp.speaker_names and name.split()[0] not in ("The", "It", "He", "She"):
            return name, f"speaker '{name}' attributed"
    if not mentions:
        return None, ""
    first = mentions[0]
    name = comp.speaker_names[first.group(0)]
    if len(mentions) > 1 and _COORD.match(text[first.end() : mentions[1].start()]):
        other = comp.speaker_names[mentions[1].group(0)]
        if other != name:
            name = f"{name}, {other}"
    return name, f"speaker '{first.group(0)}' mentioned"
