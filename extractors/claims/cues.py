"""Language cues that decide what a dated phrase means: history, negation, condition, modality.

These are grammar, not catalogue: they hold for any fact. Each is a compiled regex per language so the
claim stage can ask "is there a negation between this event and this date?" with one search. Lists
are deliberately specific: "ранее" alone is not history in Russian news ("Ранее Баканов заявил" is a
recent statement), "earlier" alone is not either ("earlier this week"), but "ранее планировалось",
"initially", "was scheduled for" and "had intended" are.
"""

from __future__ import annotations

import re
from functools import cache

from isswatch.extractors.claims.first_chars import Gated, gated

_F = re.IGNORECASE

# A past or superseded plan governs the next date in its clause.
_HISTORICAL = {
    "en": r"\b(?:(?:was|were|had\s+been)\s+(?:originally\s+|initially\s+|previously\s+|once\s+|then\s+|first\s+)?"
    r"(?:scheduled|planned|expected|supposed|due|set|slated|meant|intended|designed|certified|approved"
    r"|authori[sz]ed|envisioned|envisaged|guaranteed|assumed"
    r"|to\s+be|to|going\s+to|targeted|projected|foreseen)"
    r"|had\s+(?:originally\s+|initially\s+|previously\s+|once\s+|long\s+|earlier\s+)?(?:planned|intended|expected|scheduled"
    r"|said|announced|set|agreed|hoped|decided|approved|targeted|promised|stated|aimed|considered|wanted"
    r"|threatened|warned|envisaged|envisioned|assumed|been\s+working\s+toward|been\s+aiming)"
    r"|originally|initially|previously|formerly|at\s+first|at\s+the\s+time|back\s+then|in\s+the\s+past"
    r"|earlier\s+(?:\w+ed|said|set|put|gave|spoke|told)"
    r"|until\s+now|up\s+to\s+now|hitherto"
    r"|(?:earlier|previous|prior|original|old|former|initial|outdated|abandoned|superseded)\s+"
    r"(?:plans?|targets?|dates?|deadlines?|schedules?|timelines?|goals?|agreements?|horizons?|end\s+dates?"
    r"|lines?|positions?|stances?|pledges?|promises?|commitments?|intentions?|projections?|estimates?)"
    r"|then-(?:planned|scheduled|expected|current)|once\s+(?:planned|scheduled|expected|slated)|used\s+to"
    r"|would\s+have\s+(?:ended|been|retired))\b",
    "fr": r"(?<!\w)(?:initialement|(?<!doit\s)(?<!devra\s)(?<!devait\s)auparavant|prévoyait|prévoyaient"
    r"|longtemps\s+(?:attendue?s?|prévue?s?|annoncée?s?|promise?s?)(?!\s*[,;.])"
    r"|tablait|tablaient|envisageait|envisageaient|parlait|parlaient|évoquait|évoquaient|plus\s+tôt|précédemment|jusqu['’]ici|jusqu['’]alors|jusqu['’]à\s+présent|jusqu['’]à\s+maintenant|à\s+l['’]origine"
    r"|originellement|autrefois|naguère|dans\s+un\s+premier\s+temps|à\s+l['’]époque"
    r"|devait|devaient|aurait\s+dû|auraient\s+dû"
    r"|(?:était|étaient|avait\s+été|avaient\s+été)\s+(?:initialement\s+|alors\s+|d['’]abord\s+)?"
    r"(?:prévue?s?|censée?s?|programmée?s?|planifiée?s?|attendue?s?|fixée?s?|envisagée?s?)"
    r"|avai(?:t|ent)\s+(?:initialement\s+|d['’]abord\s+)?(?:prévu|envisagé|annoncé|fixé|décidé|promis|déclaré"
    r"|porté|planifié|programmé"
    r"|indiqué|planifié|espéré|menacé)"
    r"|(?:ancien(?:ne)?s?|précédente?s?|initiale?s?|premier|première)\s+(?:calendrier|échéance|date|objectif"
    r"|plan|accord|horizon|projet)"
    r"|(?:date|échéance|plan|calendrier|objectif)\s+(?:initiale?|précédente?|d['’]origine))(?!\w)",
    "ru": r"(?<![\w-])(?:изначально|первоначально|поначалу|прежде(?!\s+(?:всего|чем|того))"
    r"|в\s+сво[её]\s+время|в\s+то\s+время"
    r"|(?:ранее|раньше)\s+(?:планировал\w*|предполагал\w*|рассчитывал\w*|намечал\w*|собирал\w*|намеревал\w*"
    r"|ожидал\w*|заявлял\w*|говорил\w*|сообщал\w*)"
    r"|(?:заявлял|говорил|обещал|утверждал|уверял|называл|ориентировал|относил|фигурировал)[аи]?(?:сь)?"
    r"|тогдашн\w+|до\s+сих\s+пор|ещ[её]\s+недавно"
    r"|планировалось|предполагалось|намечалось|рассчитывали|рассчитывалось|ожидалось"
    r"|должн[аоы]?\s+был[аио]?|должен\s+был|планировал[аио]?|планировал(?:ся|ась|ось|ись)|намечал(?:ся|ась|ось|ись)"
    r"|ожидал(?:ся|ась|ось|ись)|собирал(?:ся|ась|ось|ись)|намеревал(?:ся|ась|ось|ись)|хотел[аио]?"
    r"|рассматривал[аио]?\s+(?:возможность|вариант)"
    r"|прежн\w+|предыдущ\w+|первоначальн\w+|стар\w+\s+(?:план|срок|график)\w*|был[аио]?\s+рассчитан\w*"
    r"|был[аио]?\s+запланирован\w*|был[аио]?\s+намечен\w*|был[аио]?\s+продлен\w*\s+до"
    r"|(?:ранее|раньше)\s+(?:[\w-]+\s+){1,5}(?:говорил\w*|заявлял\w*|сообщал\w*|обещал\w*|планировал\w*"
    r"|называл\w*|предполагал\w*|рассчитывал\w*|ожидал\w*|намечал\w*|исходил\w*|был[аио]?\s+продл[её]н\w*"
    r"|был[аио]?\s+утвержд[её]н\w*"
    r"|был[аио]?\s+одобрен\w*)"
    r"|ранее\s+(?:запланированн\w*|намеченн\w*|объявленн\w*|установленн\w*|ожидавш\w*|предполагавш\w*))(?!\w)",
}
# "instead of 2028", "rather than 2028", "au lieu de 2028", "вместо 2028": the very next date is replaced.
_DISPLACED = {
    "en": r"\b(?:not\s+(?:the\s+)?(?:\w+\s+)?|(?:instead\s+of|rather\s+than|replacing|years?\s+beyond"
    r"|(?<!no\s)(?<!not\s)(?:longer|later|earlier|sooner)\s+than)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}|(?:old|former|original|previous|earlier|initial|prior|then-current)\s+)$",
    "fr": r"(?<!\w)(?:au\s+lieu\s+d['’]|au\s+lieu\s+de|plutôt\s+qu['’]|plutôt\s+que|et\s+non|non\s+plus"
    r"|(?:ans|années)\s+de\s+plus\s+qu(?:e|['’]))"
    r"\s*(?:[\w'’-]+\s+){0,4}$",
    "ru": r"(?<!\w)(?:(?:вместо|а\s+не|взамен)\s+(?:[\w-]+\s+){0,4}"
    r"|(?:прежн|первоначальн|изначальн)\w*\s+(?:срок\w*\s+)?)$",
}
# Words that make what follows current again ("but now", "désormais", "теперь").
_RESET = {
    "en": r"\b(?:now|but|however|instead|currently|today|latest|revised|new|still|remains?|as\s+before"
    r"|later\s+(?:extended|moved|pushed)"
    r"|since\s+then|subsequently|has\s+since|have\s+since|was\s+extended|were\s+extended|has\s+been|will)\b",
    "fr": r"(?<!\w)(?:désormais|maintenant|mais|cependant|toutefois|aujourd['’]hui|toujours|reste|restent"
    r"|nouvel(?:le)?|nouveau|actuellement"
    r"|depuis|a\s+été\s+prolong\w*|a\s+été\s+repouss\w*|sera|seront|va|vont)(?!\w)",
    "ru": r"(?<![\w-])(?:теперь|сейчас|но|однако|по-прежнему|оста[её]тся|остаются|нов\w+|в\s+настоящее\s+время"
    r"|продлен\w*|продлили|продлят|продлить"
    r"|перенесен\w*|перенесли|будет|будут|отныне|пока)(?!\w)",
}
# Future auxiliaries among the resets: inside a reported plan ("it was planned that the station will work until
# 2028", "планировалось, что станция будет работать до 2028 года") they belong to the old plan, not a new one.
_FUTURE = {
    "en": r"will|would|shall",
    "fr": r"sera|seront|va|vont|serait|seraient",
    "ru": r"будет|будут|станет|станут",
}
# The start of a complement clause right after a history cue: "was planned that", "планировалось, что".
_COMPLEMENT = {
    "en": r"\s*,?\s*(?:that|it)\b",
    "fr": r"\s*,?\s*(?:que|qu['’])",
    "ru": r"\s*,?\s*(?:что|чтобы)(?!\w)",
}
# A history word after "as" confirms the current plan: "as previously announced", "comme prévu initialement",
# "как и прежде", "как и планировалось ранее".
_CONFIRMING = {
    "en": r"\bas\s+(?:\w+\s+)?$",
    "fr": r"(?<!\w)comme\s+(?:\w+\s+)?$",
    "ru": r"(?<!\w)как\s+(?:и\s+)?(?:\w+\s+)?$",
}
# "remains planned for 2030", "reste prévue", "остаётся в силе": a copula, not the event "remain"/"rester".
_COPULA = {
    "en": r"(?:remain|remains|remained|stay|stays)\s+(?:\w+\s+)?(?:planned|scheduled|set|slated|expected|targeted"
    r"|on\s+track|in\s+place|unchanged|the\s+same|valid|pencilled|penciled|foreseen|due|on\s+the\s+books)\b"
    r"|(?:remain|remains|remained|stays|stayed)\s+(?:at\s+)?(?=(?:19|20)\d\d\b)",  # "the end date remains 2024"
    "fr": r"(?:reste|restent|restera|resteront|resterait)\s+(?:\w+\s+)?(?:prévue?s?|programmée?s?|fixée?s?|planifiée?s?"
    r"|inchangée?s?|d['’]actualité|valable|attendue?s?|envisagée?s?)(?!\w)"
    r"|(?:reste|restait|restera)\s+(?:fixée?\s+à\s+)?(?=(?:19|20)\d\d(?!\d))",
    "ru": r"(?:оста[её]тся|остаются|останется|останутся|оставался|оставалась|оставалось)\s+(?:\w+\s+)?"
    r"(?:запланированн\w*|намеченн\w*|прежн\w*|в\s+силе|неизменн\w*|актуальн\w*|ожидаем\w*|прежним)(?!\w)"
    r"|(?:оста[её]тся|оставался|оставалась|оставалось)\s+(?=(?:19|20)\d\d(?!\d))",
}
# Pluperfect reporting or agreeing ("had agreed", "had announced", "avait annoncé"): often just the tense of a
# narrative ("after the meeting they announced that the agencies had agreed to operate it until 2028"), so history
# only when the sentence also tells of a change or a contrast ("avait annoncé 2027, mais il a été reporté").
_WEAK_HISTORY = {
    "en": r"had\s+(?:\w+\s+)?(?:said|announced|agreed|stated|decided|approved)"
    r"|(?:earlier|previously)\s+(?:said|agreed|decided|confirmed|announced)",
    "fr": r"avai(?:t|ent)\s+(?:\w+\s+)?(?:annoncé|déclaré|indiqué|décidé)|précédemment|plus\s+tôt",
    "ru": r"(?:(?:ранее|раньше)\s+(?:[\w-]+\s+){0,5})?(?:говорил\w*|заявлял\w*|сообщал\w*)",
}
_CONTRAST = {
    "en": r"\b(?:but|however|yet|although|instead|now|since\s+then|later)\b",
    "fr": r"(?<!\w)(?:mais|cependant|toutefois|pourtant|désormais|depuis|finalement)(?!\w)",
    "ru": r"(?<!\w)(?:но|однако|теперь|затем|впоследствии)(?!\w)",
}
# A plain year right after an agreement or decision word is when it was made, not a claim: "than was agreed in
# summer 2025", "la date fixée en 2025", "решение было принято ещё в 2023 году".
_AGREED_AT = {
    "en": r"\b(?:(?:agreed|settled\s+on|reached|concluded|signed|adopted|approved|decided|made|taken|accepted)"
    r"\s+(?:\w+\s+)?|(?:approved|signed|adopted|agreed|announced|endorsed|decided)\s+by\s+(?:[\w'’.-]+\s+){1,4}"
    r"|decision\s+(?:on|about)\s+(?:[\w'’-]+\s+){0,4})$",
    "fr": r"(?<!\w)(?:convenue?s?|conclue?s?|fixée?s?|signée?s?|décidée?s?|adoptée?s?|approuvée?s?|prise?s?|arrêtée?s?)"
    r"\s+(?:\w+\s+)?(?:à\s+l['’]|à\s+la\s+|au\s+)?$",
    "ru": r"(?<!\w)(?:(?:согласован\w*|принят\w*|достигнут\w*|заключ[её]н\w*|подписан\w*|утвержд[её]н\w*)"
    r"\s+(?:\w+\s+)?|решени\w*\s+о\s+(?:[\w-]+\s+){0,3})$",
}
# Verbs that put a date later: on a condition, a risk ("If the Kazakh side delays its work, the launch will move to
# 2024"); they are also verbs of change (below).
_DELAY_WORDS = {
    "en": r"postpon\w*|push\w*\s+(?:back|out)|pushed|delay\w*|mov\w+|shift\w*|slip\w*|slid\w*",
    "fr": r"repouss\w*|report\w*|décal\w*|gliss\w*",
    "ru": r"перенес\w*|перенос\w*|сдвин\w*|сдвиг\w*|отодвин\w*|отлож\w*|передвин\w*",
}
_DELAY = {
    "en": rf"\b(?:{_DELAY_WORDS['en']})\b",
    "fr": rf"(?<!\w)(?:{_DELAY_WORDS['fr']})(?!\w)",
    "ru": rf"(?<!\w)(?:{_DELAY_WORDS['ru']})(?!\w)",
}
# Verbs that move a date: "extended from 2024 to 2030" reads as 2024 history and 2030 current.
_CHANGE = {
    "en": rf"\b(?:extend\w*|extension|prolong\w*|{_DELAY_WORDS['en']}|brought\s+forward|bring\w*\s+forward|chang\w+"
    r"|revis\w+|advanc\w+|lengthen\w*|stretch(?:ed|es|ing)?(?!\s+of\b))\b",
    "fr": rf"(?<!\w)(?:prolong\w*|{_DELAY_WORDS['fr']}|avanc\w*|modifi\w*|étend\w*|étendu\w*|allong\w*|passe\w*"
    r"|pass[ée]\w*)(?!\w)",
    "ru": rf"(?<!\w)(?:продл\w*|{_DELAY_WORDS['ru']}|измен\w*)(?!\w)",
}
_NEGATION = {
    "en": r"\b(?:not(?!\s+(?:only|before|earlier|later|sooner|least))|never|no\s+longer|won['’]t|wouldn['’]t"
    r"|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|doesn['’]t|don['’]t|didn['’]t|cannot|can['’]t|hasn['’]t"
    r"|haven['’]t|ruled\s+out|rejected|denied|denies|deny|dismissed|refuted|no\s+plans?\s+to|nor|none"
    r"|no\s+intentions?|nobody|no\s+one|no\s+way|no(?=\s+(?:19|20)\d\d\b))\b",
    # "pas à pas" (step by step) negates nothing
    "fr": r"(?<!\w)(?:(?<!pas\sà\s)pas(?!\s+avant|\s+plus\s+tôt|\s+plus\s+tard|\s+seulement|\s+de\s+tir|\s+à\s+pas)"
    r"|jamais|aucune?|guère|personne\s+ne|personne\s+n['’]"
    r"|démenti\w*|exclu\w*|rejet\w*|ne\s+\w+\s+plus|n['’]\w+\s+plus|ni)(?!\w)",
    "ru": r"(?<!\w)(?:не(?!\s+(?:ранее|раньше|позднее|позже|только|менее|более|так\s+давно))|нет|ни|никогда|никто"
    r"|опроверг\w*|отверг\w*|отказал\w*|отказ\w*\s+от)(?!\w)",
}
_CONDITIONAL = {
    "en": r"\b(?:if|unless|whether|in\s+case|provided\s+that|assuming|in\s+the\s+event|should\s+(?:the|it|they)"
    r"|in\s+the\s+absence\s+of|absent\s+a|in\s+(?:that|this|such\s+a)\s+(?:scenario|case)"
    r"|(?:had|were)\s+(?:it|they|this|that|the\s+(?:bill|law|measure|act))\s+(?:become|been|passed|gone))\b",
    "fr": r"(?<!\w)(?:si|s['’]ils?|à\s+moins\s+que|à\s+moins\s+qu['’]|au\s+cas\s+où|dans\s+le\s+cas\s+où"
    r"|à\s+condition\s+que|pourvu\s+que|dans\s+l['’]hypothèse|en\s+cas\s+de|en\s+l['’]absence\s+d\w*"
    r"|dans\s+(?:ce|cette|un\s+tel|une\s+telle)\s+(?:scénario|hypothèse|cas))(?!\w)",
    "ru": r"(?<!\w)(?:если|ежели|в\s+случае|при\s+условии|при\s+отсутствии|(?<!вряд\s)(?<!едва\s)ли|коли"
    r"|в\s+(?:таком|этом)\s+сценарии|при\s+таком\s+сценарии)(?!\w)",
}
# Hard clause boundaries: a date is not governed across them.
# A full stop inside a sentence ends a clause, not the one of an initialism ("the U.S. commitment").
_STOP = r";|\s?:\s|(?<!\.[A-Z])[.!?…]\s|\s[—–·•|]\s|\s--\s"
_CLAUSE = {
    "en": _STOP + r"|\b(?:but|while|whereas|however|although|though|meanwhile)\b",
    "fr": _STOP
    + r"|(?<!\w)(?:mais|tandis\s+qu\w*|alors\s+qu\w*|cependant|toutefois|bien\s+qu\w*|pendant\s+qu\w*)(?!\w)",
    "ru": _STOP + r"|,\s*(?:но|а|однако|хотя|тогда\s+как|в\s+то\s+время\s+как)(?!\w)",
}
# Words that date a reported event rather than a plan ("met on", "signed on", "встреча 31 июля").
_EVENT_DATE = {
    "en": r"\b(?:meeting|met|meet|talks|visit\w*|summit|conference|council|ministerial|session|hearing|vote"
    r"|signed|announced|interview|briefing|statement"
    r"|press|told|said|launched|docked|landed|returned|arrived|happened|occurred|took\s+place)\b",
    "fr": r"(?<!\w)(?:réunion|rencontre|rencontré\w*|entretien|visite|sommet|conférence|conseil|ministérielle"
    r"|signé\w*|annoncé\w*"
    r"|déclaré|déclaration|indiqué|lancé\w*|amarré\w*|revenu\w*)(?!\w)",
    "ru": r"(?<!\w)(?:встреч\w*|переговор\w*|визит\w*|саммит\w*|конференци\w*|подписа\w*|заявил\w*|сообщил\w*"
    r"|говорил\w*|заявлял\w*|совет\w*|заседани\w*"
    r"|брифинг\w*|интервью|запущен\w*|стартовал\w*|пристыковал\w*|вернул\w*)(?!\w)",
}
# After a negated date: the date denied is the former plan ("ne décollera pas en août 2025 comme prévu", "а не в
# 2022-м, как планировалось"), history rather than no claim.
_AS_PLANNED = {
    "en": r"[\s,]*(?:as|like)\s+"
    r"(?:(?:was|had\s+been|it\s+had|they\s+had|[A-Z][\w.'’-]*(?:\s+[A-Z][\w'’-]*)?\s+had)\s+)?"
    r"(?:previously\s+|originally\s+|once\s+|initially\s+|first\s+)?"
    r"(?:planned|scheduled|announced|intended|promised|envisaged|foreseen)\b",
    "fr": r"[\s,]*comme\s+(?:(?:c['’]était|cela\s+était|il\s+était|initialement|prévu\s+initialement|précédemment"
    r"|auparavant|jusqu['’]ici|l['’]avai(?:en)?t)\s+)?(?:prévu|annoncé|programmé|planifié|envisagé|promis)(?!\w)",
    "ru": r"[\s,]*как\s+(?:(?:это\s+)?(?:и\s+)?(?:ранее|раньше|прежде|изначально|первоначально)\s+)?(?:планировал\w*"
    r"|предполагал\w*|намечал\w*|объявлял\w*|обещал\w*|было\s+объявлено|было\s+запланировано|было\s+в\s+плане"
    r"|было\s+в\s+планах|значилось\s+в\s+плане)(?!\w)",
}
# An agreement or decision made now: a value the catalogue had seen replaced is set again ("agreed to operate the
# ISS until 2030"), not mentioned as history.
_AGREED_NOW = {
    "en": r"\b(?:agree[sd]?|agreeing|decide[sd]?|approve[sd]?|sign(?:s|ed)?|commit(?:s|ted)?|announc\w*|confirm\w*"
    r"|new\s+plan|revised)\b",
    "fr": r"(?<!\w)(?:convien\w*|convenu\w*|accord\w*|décid\w*|approuv\w*|sign\w*|s['’]engag\w*|annonc\w*|confirm\w*"
    r"|nouveau\s+plan|révisé\w*)(?!\w)",
    "ru": r"(?<!\w)(?:договорил\w*|договорят\w*|соглас\w*|решил\w*|решени\w*|утвердил\w*|подписал\w*|объявил\w*"
    r"|подтвердил\w*|нов\w+\s+план\w*)(?!\w)",
}
# Denials and refutations govern their whole clause: "The agency rejected claims that the outpost would be
# abandoned in 2026" asserts nothing about 2026; so does a correction of what was written before ("we earlier wrote
# that all modules would fly in 2027").
_DENIAL = {
    "en": r"\b(?:reject\w*|den(?:y|ies|ied|ying)|dismiss\w*|refut\w*|debunk\w*|ruled\s+out|dispute[sd]?|played\s+down"
    r"|no\s+(?:plans?|intentions?)\s+(?:to|of)|false|untrue|rumou?rs?|viral|hoax\w*|fake|misinformation|conspiracy"
    r"|TikTok|we\s+(?:had\s+)?(?:wrongly|mistakenly|incorrectly|erroneously)\s+(?:wrote|reported|said|stated|gave)"
    r"|we\s+(?:had\s+)?(?:earlier|previously)\s+(?:wrote|reported)|an?\s+(?:earlier|previous)\s+(?:version|headline)"
    r"\s+(?:of|on)\s+this\s+(?:story|article|post|entry)\s+(?:said|stated|reported|gave|read))\b",
    "fr": r"(?<!\w)(?:démen\w*|dément\w*|rejet\w*|réfut\w*|nié|nie|nient|exclu|écart\w*\s+l['’]idée|aucune?\s+intention"
    r"|rumeurs?|faux|fausses?|virale?s?|intox|infox|canular|nous\s+avions\s+(?:écrit|indiqué)\s+(?:à\s+tort|par\s+erreur)"
    r"|une\s+(?:précédente|première)\s+version\s+de\s+cet\s+article\s+(?:indiquait|mentionnait))(?!\w)",
    "ru": r"(?<!\w)(?:опроверг\w*|отверг\w*|опровержени\w*|исключил\w*|не\s+соответству\w*|слух\w*|опроверга\w*"
    r"|фейк\w*|вброс\w*|разговор\w*\s+(?:про|об?)|ранее\s+(?:мы\s+)?ошибочно\s+(?:написали|сообщили|указали)"
    r"|в\s+(?:первоначальной|предыдущей)\s+версии\s+(?:статьи|материала|новости)\s+(?:говорилось|указывалось))(?!\w)",
}
# After the date, in its clause: the plan is called pointless ("продолжать работу после 2020 года нет смысла"), or the
# report false ("The claim that the ISS will be abandoned in 2018 is false").
_POINTLESS = {
    "en": r"\b(?:makes?\s+no\s+sense|(?:there\s+is\s+)?no\s+point|pointless|out\s+of\s+the\s+question"
    r"|(?:highly\s+)?unlikely|improbable|(?:is|are|was|were)\s+(?:false|untrue|not\s+true|a\s+myth|a\s+hoax|fake"
    r"|not\s+(?:quite\s+)?accurate|inaccurate))\b",
    "fr": r"(?<!\w)(?:n['’]a\s+(?:pas|aucun)\s+(?:de\s+)?sens|pas\s+question|hors\s+de\s+question|inutile|improbable"
    r"|peu\s+probable|(?:est|sont|était)\s+(?:faux|fausse|fausses|infondée?s?|une\s+rumeur|un\s+mythe))(?!\w)",
    "ru": r"(?<!\w)(?:нет\s+смысла|не\s+имеет\s+смысла|бессмысленн\w*|не\s+может\s+быть\s+и\s+речи"
    r"|маловероятн\w*|маловероятен|было\s+бы|не\s+соответству\w*\s+действительности|не\s+совсем\s+(?:точно|верно)"
    r"|неточн\w*)(?!\w)",
}
# A call on somebody else to act: a wish, not a plan ("industry groups urged lawmakers to keep the ISS going to 2030",
# "exhorte la NASA à prolonger", "призвал продлить"); the event must follow it closely (reading.py, ``_opinion``).
_CALL_ON = {
    "en": r"\b(?:urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+on)\s+(?:[\w'’.-]+\s+){1,4}?to\s+",
    "fr": r"(?<!\w)exhort\w*\s+(?:[\w'’-]+\s+){1,4}?à\s+",
    "ru": r"(?<!\w)(?:призвал\w*|призыва\w*)\s+",
}
# A conditional clause runs from its cue to the next comma: "If the cargo run goes well, the crew will stay
# aboard until the station retires in 2030" keeps the 2030 retirement; a hypothetical modal in the clause after
# it makes that clause hypothetical too ("If Congress refuses, the station could come down in 2026").
_HYPOTHETICAL = {
    "en": r"\b(?:could|would|might|may|(?:it|this|that)\s+(?:means|will\s+mean))\b",
    "fr": r"(?<!\w)(?:pourrait|pourraient|serait|seraient|devrait|devraient|risque\w*"
    r"|cela\s+(?:signifie|voudra\s+dire))(?!\w)",
    "ru": r"(?<!\w)(?:мог\w*|бы|может|могут|рискует|придется|придётся|значит|это\s+означает)(?!\w)",
}
# A possible slip is a risk, not a plan: "the debut could slip to 2024", "pourrait être repoussé à 2026"; so is what
# somebody does not rule out ("n'excluons pas qu'un segment puisse rester en orbite jusqu'en 2028").
_SPECULATIVE_CHANGE = {
    "en": r"\b(?:could|may|might|can)\s+(?:well\s+|still\s+|yet\s+)?(?:slip\w*|slide|move|shift"
    r"|be\s+(?:delayed|postponed|pushed|moved|shifted))\b|\b(?:not|n['’]t|never)\s+(?:be\s+)?rul(?:e|es|ed|ing)\s+out\b",
    "fr": r"(?<!\w)(?:pourrai(?:t|ent)|risque\w*\s+d['’]|risque\w*\s+de)\s*(?:encore\s+)?"
    r"(?:glisser|être\s+(?:repoussé\w*|reporté\w*|décalé\w*)|(?:être\s+)?retard\w*)(?!\w)"
    r"|(?<!\w)n['’](?:exclu\w*|est\s+pas\s+exclu\w*)(?!\w)",
    "ru": r"(?<!\w)(?:может|могут|могл[аио]?\s+бы)\s+(?:быть\s+)?(?:перенес\w*|сдвину\w*|отлож\w*|сместит\w*)(?!\w)"
    r"|(?<!\w)не\s+исключ\w*(?!\w)",
}
# Someone arguing for a date is an opinion, not a plan: "a former flight director argued the lab should not be
# scuttled before 2031" (with "should" or "ought" in the same clause).
_OPINION = {
    "en": r"\b(?:argu\w*|urg\w*|believ\w*|thinks?|opin\w*|insist\w*|contend\w*|advocat\w*"
    r"|in\s+(?:his|her|my|our)\s+view|critics?|commentators?|experts?\s+say)\b[^.;:]*\b(?:should|ought|must)\b"
    r"|\b(?:bill|legislation|lawmakers?|senators?|congressional|amendment|act)\b[^.;:]*\bwould\b"
    r"|\b(?:argu\w*|advocat\w*|lobb\w*|campaign\w*)\s+for\b|\blobbying\s+to\b|\bwould\s+(?:allow|permit|let|enable|mean)\b"
    r"|\b(?:would|['’]d)\s+(?:personally\s+)?prefer\b"
    r"|\b(?:lawmakers?|legislators?|senators?|congressmen|congresswomen|critics?|analysts?|commentators?)\b"
    r"[^.;:]{0,60}\b(?:floated|float|suggested|suggest|proposed|propose|want\w*|would|could|urg\w*|push\w*)\b"
    # a hope that somebody else will act, and the wishes of those who decide nothing
    r"|\b(?:hoped|hopes|hoping|confident)\s+(?:that\s+)?(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:would|will)\b"
    r"|\b(?:stakeholders|industry\s+groups?|in\s+the\s+industry|colleagues|supporters|advocates)\b[^.;:]{0,60}"
    r"\b(?:want\w*|hoped?|floated|would\s+like)\b"
    r"|\b(?:some|many|several|independent|outside)\s+(?:experts|analysts|engineers|observers|specialists)\s+"
    r"(?:say|said|believe|think|argue|estimate|expect|warn|suggest|reckon|predict)\b",
    "fr": r"(?<!\w)(?:estime|estiment|juge|jugent|selon\s+(?:lui|elle)|critiques?)(?!\w)[^.;:]*"
    r"(?<!\w)(?:devrait|faudrait|faut)(?!\w)|(?<!\w)(?:plaide\w*|milite\w*)\s+pour(?!\w)"
    r"|(?<!\w)(?:projet|proposition)\s+de\s+loi(?!\w)|(?<!\w)(?:espère|espérait|espèrent|souhaite|souhaitait)\s+voir(?!\w)"
    r"|(?<!\w)(?:certains|plusieurs|des)\s+(?:experts|spécialistes|analystes|observateurs)\s+(?:estiment|pensent|jugent"
    r"|préviennent|croient|prédisent|avertissent)(?!\w)",
    "ru": r"(?<!\w)(?:считает|считают|полагает|убежд[её]н\w*|по\s+(?:его|её|ее)\s+мнению|критики)(?!\w)[^.;:]*"
    r"(?<!\w)(?:следует|стоит|нужно|надо|должн\w*\s+бы)(?!\w)|(?<!\w)законопроект\w*(?!\w)"
    r"|(?<!\w)(?:выражал\w*\s+надежду|надеется|надеются|надеялся|надеялась|надеялись)\s*,?\s*что(?!\w)"
    r"|(?<!\w)(?:некоторые|многие|ряд|отдельные)\s+(?:эксперт\w*|специалист\w*|аналитик\w*)\s+(?:считают|полагают"
    r"|допускают|говорят|уверены|прогнозируют)(?!\w)",
}
# A past plan named right after its date: "the 2030 end date NASA had long planned", "the 2024 end date that had
# been in force since 2014", "dès 2020 comme l'envisageaient certains responsables".
_HISTORY_AFTER = {
    "en": r"[\s,]*(?:[\w-]+\s+){0,3}(?:that|which|\w+)?\s*had\s+(?:long\s+|once\s+|previously\s+|originally\s+)?"
    r"(?:planned|intended|envisaged|scheduled|set|targeted|been\s+in\s+force|been\s+planned|been\s+scheduled)\b",
    "fr": r"[\s,]*comme\s+(?:l['’]|le\s+|la\s+)?(?:[\w-]+\s+){0,2}(?:envisageai\w*|prévoyai\w*|avai\w+\s+prévu"
    r"|planifiai\w*|annonçai\w*|avai\w+\s+annoncé)(?!\w)",
    "ru": r"[\s,]*как\s+(?:это\s+)?планировал\w*\s+(?:до|раньше|прежде|изначально|первоначально)(?!\w)",
}
# Words of a plan (future, future in the past, schedule): a past date with one of them was a plan of its day
# ("the deorbit would take place in 2023"); without, it is an event that happened ("completed in November 2022").
_PLAN_WORDS = {
    "en": r"\b(?:would|will|shall|was\s+to|were\s+to|should|plan\w*|schedul\w*|expect\w*|due|slated|set\s+to|target\w*"
    r"|intend\w*|aim\w*|foreseen|envisaged)\b",
    "fr": r"(?<!\w)(?:devait|devaient|devrait|devraient|serait|seraient|aurait|prévu\w*|programm\w*|envisag\w*|sera"
    r"|seront|doit|doivent|attendu\w*|fixé\w*|visé\w*)(?!\w)",
    "ru": r"(?<!\w)(?:будет|будут|должн\w*|планир\w*|запланир\w*|намеч\w*|ожида\w*|собира\w*|предполага\w*"
    r"|рассчитыва\w*)(?!\w)",
}
# Nouns that name a plan's date: a sentence about "the old baseline, 2024" or "срок уже был 2027 год" continues the
# fact the article was just telling of.
_PLAN_NOUNS = {
    "en": r"\b(?:targets?|dates?|deadlines?|baselines?|horizons?|timelines?|end\s+dates?|goals?)\b",
    # not "à l'horizon 2025" nor "на рубеже 2030 года": idioms of "around", no plan's date
    "fr": r"(?<!\w)(?:échéances?|(?<!l['’])horizons?|dates?|calendriers?|objectifs?|cibles?)(?!\w)",
    "ru": r"(?<!\w)(?:срок\w*|(?<!на\s)рубеж\w*|горизонт\w*|дат[аыуе]|график\w*)(?!\w)",
}
# Talks and meetings: a year right after them is when they happen ("will hold talks with NASA in 2027 on how to
# bring the station down"), not the date of the event they are about.
_TALKS = {
    "en": r"\b(?:meeting|meet|met|talks|talk(?!\s+(?:of|about)\b)|negotiat\w*|consultations|summit|conference"
    r"|council|ministerial|session|hearing|vote|visit|discuss\w*|discussions?)\b(?!\s+up\b)",
    "fr": r"(?<!\w)(?:réunion|rencontre|négoci\w*|discussions?|discut\w*|pourparlers|sommet|conférence"
    r"|conseil|ministérielle|session|vote|visite)(?!\w)",
    "ru": r"(?<!\w)(?:встреч\w*|переговор\w*|консультаци\w*|саммит\w*|конференци\w*|совет\w*|заседани\w*"
    r"|визит\w*|обсу[жд]\w*|обсуждени\w*)(?!\w)",
}
# A normative modal: with "not ... before" it is an opinion ("should not be scuttled before 2031"), not a plan.
_NORMATIVE = {
    "en": r"\b(?:should|must|ought)\b",
    "fr": r"(?<!\w)(?:faut|faudrait|doit|devrait)(?!\w)",
    "ru": r"(?<!\w)(?:следует|нужно|надо|должн\w*|нельзя|стоит|стоило\s+бы)(?!\w)",
}
# Saying verbs between an actor and an event: the actor reports, it does not act ("Bakanov said he and Duffy
# had agreed to keep using the ISS until 2028").
_SAYING = {
    "en": r"\b(?:said|says|say|told|tells|announced|announces|stated|confirmed|confirms|added|noted|declared|wrote)\b",
    "fr": r"(?<!\w)(?:a\s+déclaré|a\s+annoncé|a\s+indiqué|a\s+affirmé|a\s+confirmé|a\s+précisé|déclare|annonce|indique"
    r"|affirme|confirme|précise)(?!\w)",
    "ru": r"(?<!\w)(?:заявил\w*|сообщил\w*|сказал\w*|отметил\w*|подтвердил\w*|объявил\w*|заявляет|сообщает)(?!\w)",
}
# Light verbs: they carry a date for whatever event is named just before them ("work on the deorbit will continue
# until 2030", "работы по сведению с орбиты продлятся до 2030 года").
_LIGHT = {
    "en": r"(?:continu\w*|keep\w*|go\s+on|last\w*|run\w*|work\w*|fly|flying|flies|flown|end|ends|finish\w*"
    r"|complet\w*|wrap\s+up)",
    "fr": r"(?:poursuiv\w*|continu\w*|dur\w*|se\s+poursuivr\w*|travaux|voler\w*|volera\w*|s['’]ach[eè]v\w*"
    r"|termin\w*)",
    "ru": r"(?:продолж\w*|продлят\w*|продлится|продлятся|будут\s+идти|вести\w*|работ\w*|летать|пролета\w*"
    r"|заверш\w*|законч\w*)",
}
# Words without which no opinion pattern can match: a cheap first look before the opinion regex.
_OPINION_HINT = {
    "en": r"\b(?:argu\w*|urg\w*|believ\w*|thinks?|opin\w*|insist\w*|contend\w*|advocat\w*|view|critics?|commentators?"
    r"|experts?|bill|legislation|lawmakers?|senators?|congressional|amendment|act|lobb\w*|campaign\w*|would"
    r"|legislators?|congressmen|congresswomen|analysts?|hoped|hopes|hoping|confident|stakeholders|industry|colleagues"
    r"|supporters|advocates|engineers|observers|specialists)\b",
    "fr": r"(?<!\w)(?:estim\w*|jug\w*|selon|critiques?|plaide\w*|milite\w*|projet|proposition|esp[èé]r\w*|souhait\w*"
    r"|experts|spécialistes|analystes|observateurs)(?!\w)",
    "ru": r"(?<!\w)(?:счита\w*|полага\w*|убежд[её]н\w*|мнению|критики|законопроект\w*|надежд\w*|наде[ею]\w*|эксперт\w*"
    r"|специалист\w*|аналитик\w*)(?!\w)",
}
# ", and", ", et", ", и": a date is not carried forward across a coordination to the next clause's event.
_COORDINATION = {
    "en": r",\s*(?:and|while|with)\b",
    "fr": r",\s*(?:et|alors)(?!\w)",
    "ru": r",\s*(?:и|а|при\s+этом)(?!\w)",
}
MODALITIES = ("agreed", "planned", "expected", "possible", "estimated", "proposed", "hoped")
_MODALITY = {
    "en": {
        "agreed": r"agree\w*|agreement|deal|accord|arrangement|signed|consensus",
        "planned": r"plan\w*|schedul\w*|intend\w*|intention|aim\w*|target\w*|slated|set\s+to|will|shall"
        r"|decid\w*|decision|roadmap|is\s+to|are\s+to|going\s+to|committed",
        "expected": r"expect\w*|likely|should|anticipat\w*|probably|projected|forecast\w*|due\s+to",
        "possible": r"could|may|might|can|possibly",
        "estimated": r"estimat\w*|calculat\w*|assess\w*",
        "proposed": r"propos\w*|suggest\w*|recommend\w*|offer\w*|called\s+for|urg\w*",
        "hoped": r"hop\w*|wish\w*|wants?|wanted|would\s+like|aspir\w*|dream\w*",
    },
    "fr": {
        "agreed": r"accord|convenu\w*|entendu\w*|signé\w*|entente|s['’]entendre",
        "planned": r"prévoi\w*|prévu\w*|planifi\w*|programm\w*|compte|entend|objectif|calendrier|décid\w*|décision"
        r"|sera|seront|va|vont|doit|doivent|devra|devront|(?<!du\s)(?<!au\s)projet",
        "expected": r"devrai\w*|attend\w*|probabl\w*|prévisible",
        "possible": r"pourrai\w*|pourra|pourront|peut|peuvent",
        "estimated": r"estim\w*|évalu\w*|calcul\w*",
        "proposed": r"propos\w*|suggér\w*|suggèr\w*|recommand\w*|préconis\w*",
        "hoped": r"espèr\w*|espér\w*|souhait\w*|veut|voudrai\w*|rêve",
    },
    "ru": {
        "agreed": r"договорил\w*|договор\w*|соглашени\w*|согласова\w*|сошлись|подписа\w*|договорённост\w*"
        r"|договоренност\w*",
        "planned": r"план\w*|запланир\w*|намер\w*|предусматр\w*|предусмотр\w*|решил\w*|решени\w*|будет|будут"
        r"|собира\w*|график\w*|наме[чт]\w*|станет|должн\w*",
        "expected": r"ожида\w*|вероятн\w*|скорее\s+всего|прогноз\w*",
        "possible": r"может|могут|сможет",
        "estimated": r"оценк\w*|оцен\w*|расчет\w*|расчёт\w*|подсчет\w*|подсчёт\w*",
        "proposed": r"предлож\w*|предлага\w*|рекоменд\w*|выступ\w*\s+за",
        "hoped": r"надеж\w*|надеет\w*|надеют\w*|надеемся|надеюсь|хоте\w*|хочет|хотят|мечта\w*",
    },
}


# Every kind of cue and its sources per language.
_KINDS = {
    "historical": _HISTORICAL,
    "displaced": _DISPLACED,
    "reset": _RESET,
    "change": _CHANGE,
    "delay": _DELAY,
    "negation": _NEGATION,
    "conditional": _CONDITIONAL,
    "clause": _CLAUSE,
    "event_date": _EVENT_DATE,
    "future": _FUTURE,
    "weak_history": _WEAK_HISTORY,
    "contrast": _CONTRAST,
    "agreed_at": _AGREED_AT,
    "complement": _COMPLEMENT,
    "confirming": _CONFIRMING,
    "copula": _COPULA,
    "denial": _DENIAL,
    "hypothetical": _HYPOTHETICAL,
    "opinion": _OPINION,
    "coordination": _COORDINATION,
    "normative": _NORMATIVE,
    "saying": _SAYING,
    "pointless": _POINTLESS,
    "call_on": _CALL_ON,
    "light": _LIGHT,
    "talks": _TALKS,
    "plan_nouns": _PLAN_NOUNS,
    "plan_words": _PLAN_WORDS,
    "history_after": _HISTORY_AFTER,
    "as_planned": _AS_PLANNED,
    "speculative_change": _SPECULATIVE_CHANGE,
    "agreed_now": _AGREED_NOW,
    "opinion_hint": _OPINION_HINT,
}


@cache
def pattern(kind: str, lang: str) -> Gated:
    """The compiled cue regex of one kind ('historical', 'negation', ...) for one language."""
    lang = lang if lang in _HISTORICAL else "en"
    return gated(_KINDS[kind][lang], _F)


@cache
def modality_pattern(lang: str) -> Gated:
    """One regex whose named group says the modality; word-bounded."""
    lang = lang if lang in _MODALITY else "en"
    alts = "|".join(f"(?P<{name}>{rx})" for name, rx in _MODALITY[lang].items())
    return gated(rf"(?<!\w)(?:{alts})(?!\w)", _F)
