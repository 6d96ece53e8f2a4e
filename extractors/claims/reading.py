"""Dated claims about catalogue facts, read from article text (en / fr / ru), each with its reason.

Pipeline: sentences (``sentences``) -> only those holding a year -> language per sentence
(``language``) -> date mentions with qualifiers (``dates``) -> catalogue event terms (``terms``) ->
each date is bound to the event term that governs it -> filters (negation, condition, question, decoy,
reported-event date, implausible year) -> status, modality, speaker, confidence (``cues``,
``speakers``). See docs/claims.md for the rules and the measured quality.

Binding: a date belongs to the nearest event term before it in the same clause, unless another date
sits between them (then the event already has its date); a date with no such event takes the next
event after it, unless a later date in the clause claims that event ("At a meeting on 31 July 2025
they agreed to operate the ISS until 2028": 2028 takes "operate", the meeting date takes nothing).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from itertools import pairwise
from typing import Any

from isswatch.extractors.claims import cues
from isswatch.extractors.claims.binding import (
    CARRIED,
    FROM_CUES,
    TARGET_CUES,
    Binding,
    bind,
    carry_from_before,
    clause_bounds,
    may_carry,
    restated,
    same_clause,
)
from isswatch.extractors.claims.catalogue import Catalogue, Fact, load_catalogue
from isswatch.extractors.claims.date_mentions import (
    DateMention,
    find_dates,
    has_relative_year,
    may_name_relative_year,
    relative_year,
)
from isswatch.extractors.claims.first_chars import Gated, gated
from isswatch.extractors.claims.sentences import Sentence, split_span
from isswatch.extractors.claims.speakers import find_speaker
from isswatch.extractors.claims.terms import CompiledCatalogue, TermMatch, compiled
from isswatch.extractors.pages.language import LANGUAGES, detect_language, sentence_language

EXTRACTOR_VERSION = "claims-2.12"

# "(?<!\d)19\d\d" with the look-behind after the literal pair, so the engine can skip to candidate
# positions (a character-set prefix scan) instead of testing the look-behind at every character.
_HAS_YEAR = re.compile(r"(?:19|20|21)(?<!\d..)\d\d(?!\d)")
_FAR = 10_000  # distance given to a subject found only in the preceding sentences
_FAR_IN_ARTICLE = 20_000  # ... and only earlier in the article
_MAX_DATES = 12
_NEXT_SENTENCE = 3  # a sentence continues the claim of the one before when it follows it this closely
_TOPIC_WINDOW = 300  # ... or, naming a plan's date, the claim made this far before it
_AFTER_EVENT = 60  # a borrower's subject this far after a shared event may still be its own
_CONTEXT = 300  # characters before a sentence where its subject may be ("The ISS ... It will be deorbited")
_SAME_PLAN = re.compile(
    r"[\s,]*(?:and|then|followed\s+by|with|et|puis|suivie?s?\s+d\w*|avec|и|а\s+затем"
    r"|с\s+последующ\w*)(?!\w)",
    re.IGNORECASE,
)
# A past tense that reported speech asks for ("said the first stage was to continue", "a déclaré que la station
# devait"), not a former plan, when a saying verb stands just before it.
_BACKSHIFT = re.compile(r"(?:was|were|had|devait|devaient|avait|avaient|должн|должен)\s", re.IGNORECASE)
_PAST_REASON = "past: "  # marks the status reason of a value already past at publication
_FIRST_PERSON = gated(
    r"\b(?:my|our)\s+view\b|\bI\s+(?:just\s+|really\s+|still\s+|do\s+)?(?:think|believe|would\s+argue)\b|\bfrankly\b"
    r"|\bin\s+my\s+opinion\b|\bI(?:\s+am|['’]m)\s+(?:convinced|sure|certain)\b|(?<!\w)(?:à\s+mon\s+avis|selon\s+moi"
    r"|je\s+pense|je\s+crois|je\s+suis\s+(?:convaincue?|persuadée?|sûre?|certaine?)|я\s+считаю|по\s+моему\s+мнению"
    r"|на\s+мой\s+взгляд|я\s+убежд[её]н\w*|я\s+уверен\w*)(?!\w)",
    re.IGNORECASE,
)
# A wish in the first person is an opinion, not a plan: "I would like to see the partners keep it until 2032".
_FIRST_PERSON_WISH = gated(
    r"\bI(?:\s+would|['’]d)\s+(?:like|love|prefer)\b|\bI\s+(?:want|hope)\s+to\s+see\b|\bwe(?:\s+would|['’]d)\s+"
    r"(?:like|love|prefer)\s+to\s+see\b|(?<!\w)(?:je\s+voudrais|j['’]aimerais|nous\s+voudrions|я\s+бы\s+хотел\w*"
    r"|хотелось\s+бы|мы\s+бы\s+хотели)(?!\w)",
    re.IGNORECASE,
)
# A first-person guess, bet or prediction: "Думаю, останутся до самого конца, до 2030 года", "I think they will stay
# until 2030", "I'd keep it flying until 2035", "I'll make a prediction: the first module flies no earlier than 2028".
_HEDGE = gated(
    r"\bI\s+(?:think|guess|suppose|reckon|propose|suggest|predict|bet|wager|doubt)\b"
    r"|\bI\s+(?:don['’]t|do\s+not)\s+(?:buy|believe|think|expect|see)\b"
    r"|\bI(?:\s+would|['’]d)\s+(?:keep|extend|fly|bet|wager|argue|expect|guess|rather|scrap|retire|not|never|be)\b"
    r"|\bI(?:['’]ll|\s+will)\s+(?:make\s+a\s+prediction|predict|bet|wager)\b|\bmy\s+(?:read|guess|bet|prediction)\b"
    r"|\bmy\s+(?:personal\s+)?(?:view|opinion|proposal)\b|(?<!\w)(?:je\s+pense|je\s+crois|j['’]imagine|à\s+mon\s+avis|selon\s+moi|думаю|полагаю"
    r"|je\s+(?:parie|parierais|prédis|doute)|à\s+mon\s+sens|mon\s+pronostic|(?:готов|могу)\s+поспорить|мой\s+прогноз"
    r"|мне\s+кажется|по-моему|мо[её]\s+(?:личное\s+)?мнение)(?!\w)",
    re.IGNORECASE,
)
# Lines that announce another story ("Read also: ... (June 3, 2026)"): their dates belong to that story.
_TEASER = re.compile(
    r"\s*[\[(]?(?:read\s+(?:also|more|next)|also\s+read|see\s+also|related(?:\s+(?:stories|story|articles|searches|coverage"
    r"|reading|news))?|more\s+on\s+this|more\s+(?:from|on)\s+[^\n:—–]{1,40}|more\s+(?:briefs|stories|news|headlines)"
    r"|further\s+reading|recommended(?:\s+(?:reading|stories))?|links?|previously\s+on\s+(?:this|our)\s+\w+"
    r"|(?:à\s+)?(?:lire|voir)\s+(?:aussi|également)|sur\s+le\s+même\s+(?:sujet|thème)|dans\s+la\s+même\s+rubrique"
    r"|photo|image|credit|caption|фото|иллюстрация|tags|теги|mots-clés|mots\s+clés"
    r"|(?:читайте|смотрите)\s+(?:также|еще|ещё)|(?:также\s+)?по\s+теме|материалы\s+по\s+теме|см\.\s+также)"
    r"\s*[:—–-]",
    re.IGNORECASE,
)
# A linked story in a list, its own date in brackets at the end ("— «Союз-5» доставили на Байконур (12.11.2025)").
_LISTED_LINK = re.compile(r"[ \t]*[—–\-•+>→·][ \t]")
_LINK_DATE = re.compile(r"\((?:[^()\n]{0,20}\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\)[ \t]*$")
_CLOSES_LINE = re.compile(r"\)[ \t]*(?:\n|$)")
_FUNDS = re.compile(r"fund\w*|financ\w*|финансир\w*", re.IGNORECASE)
# ... but a bill or a budget that funds it is not a plan for the thing itself (see the corpus README)
_LEGISLATION = gated(
    r"(?<!\w)(?:bills?|act|law|legislation|appropriations?|budgets?|projet\s+de\s+loi|loi|budgétaire|законопроект\w*"
    r"|закон\w*|бюджет\w*)(?!\w)",
    re.IGNORECASE,
)
_AFTER_BREAK = re.compile(r"[,;:()—–]|\b(?:and|where|which|while|et|où|qui|и|где|который|которая|которое)\b", re.I)
_PLUPERFECT = gated(r"(?<!\w)(?:had|avai(?:t|ent)|был[аио]?)(?:\s+\w+)?\s*$", re.IGNORECASE)
_ACTOR_WINDOW = 120  # characters from an actor to the event it does
# Between an actor and the event: the actor only reports what others do ("Roscosmos announced that the two
# agencies had agreed to operate the ISS until 2028").
_AGENT_BREAK = gated(
    r"(?<!\w)(?:that|agencies|partners|both|the\s+two|que|qu['’]|agences|partenaires|deux"
    r"|что|чтобы|агентства|стороны|партн[её]ры|обе)(?!\w)",
    re.IGNORECASE,
)
#: The station's partners other than Russia, by name, in the three languages.
_PARTNERS = (
    r"US|U\.S\.|USA|America|United\s+States|NASA|Nasa|Washington|ESA|Europe|États-Unis|Etats-Unis|США|НАСА|Вашингтон"
    r"|Americans|Américains|американц\w*"
)
_JOINT_AFTER = re.compile(
    rf"(?:\s*,\s*|\s+(?:(?i:and)|&|et|и)\s+)(?:the\s+|la\s+|les\s+|l['’]|des\s+|du\s+)?(?:{_PARTNERS}|partners)(?!\w)"
)
#: Between a verb of extending and the station: only what of it is extended ("prolonging the life of the ISS").
_LIFE_OF = re.compile(
    r"\s+(?:(?:of|de|d['’]|du)\s*)?(?:(?:the|la|le|l['’]|its|sa|son)\s*)?(?:(?:life|lifetime|life\s+span|lifespan|service\s+life|operations?|work"
    r"|vie|durée\s+de\s+vie|exploitation|работу|работы|эксплуатацию|срок\w*\s+службы|срок\w*\s+эксплуатации)\s+"
    r"(?:of\s+|de\s+|d['’]|du\s+)?(?:(?:the|la|le|l['’])\s*)?)?",
    re.IGNORECASE,
)
#: ... but the station named as the place of someone's part is not the station extended ("extends ISS role").
_ROLE_IN = re.compile(
    r"['’]?s?\s+(?:role|part|participation|presence|segment|programme|program|project|membership)\b", re.IGNORECASE
)
_AMONG = gated(r"(?<!\w)(?:including|among\s+them|y\s+compris|notamment|включая|в\s+том\s+числе)\s*$", re.I)
_JOINT_BEFORE = gated(
    rf"(?<!\w)(?:{_PARTNERS})(?:\s*,\s*|\s+(?:and|&|et|и)\s+)(?:the\s+|la\s+|l['’])?"
    r"(?:[A-ZА-ЯЁ][\w-]*\s+|space\s+agency\s+|agence\s+spatiale\s+|state\s+corporation\s+|госкорпораци\w*\s+){0,4}$",
    0,
)
# A preposition before the station's name: it is a place or an owner, not the one acting ("its part of the ISS",
# "participer à la Station", "работа на МКС").
_GENITIVE = gated(
    r"(?<!\w)(?:of|on|in|to|at|with|from|aboard|toward|towards|de|du|des|d['’]|à|au|aux|sur|dans|à\s+bord\s+de"
    r"|vers|на|в|с|из|по|к)\s+(?:the\s+|la\s+|le\s+|l['’])?$",
    re.IGNORECASE,
)
_WHEN_SAID = (
    r"(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday|(?:last|this)\s+week"
    r"|in\s+a\s+statement|in\s+an\s+interview|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|aujourd['’]hui"
    r"|hier|в\s+понедельник|во\s+вторник|в\s+среду|в\s+четверг|в\s+пятницу|в\s+субботу|в\s+воскресенье|сегодня"
    r"|вчера)"
)
_PRONOUN = re.compile(
    rf"\s*(?:,\s*)?(?:{_WHEN_SAID}\s*,?\s*)?(?:that\s+|que\s+|qu['’]|что\s+)?(?:it|they|il|elle|ils|elles|она|оно"
    r"|они|он)(?!\w)",
    re.IGNORECASE,
)
#: What a partner asks for, before or after its name: its request is not the actor's act ("the US proposal to
#: extend", "предложение США продлить").
_REQUEST = (
    r"requests?|proposals?|initiative|offers?|demands?|propositions?|demandes?|offres?|предложени\w*|инициатив\w*"
    r"|просьб\w*"
)
_PROPOSAL = re.compile(rf"(?:['’]s)?\s+(?:\w+\s+)?(?:{_REQUEST})(?!\w)", re.IGNORECASE)
_PROPOSAL_OF = gated(
    rf"(?<!\w)(?:{_REQUEST})\s+(?:of\s+|from\s+|by\s+|de\s+|des\s+|du\s+|d['’])?(?:the\s+|la\s+|l['’])?", re.IGNORECASE
)
#: A Russian verb of intent right after "что" keeps the reporting actor as its subject, the pronoun being dropped
#: ("Москва заявляла, что намерена работать на станции лишь до 2020 года").
_SAME_SUBJECT = re.compile(
    r"\s*,?\s*(?:не\s+)?(?:намерен\w*|планиру\w*|собира\w*|готов[аы]?|видит|видят|хочет|хотят|рассчитыва\w*)(?!\w)",
    re.IGNORECASE,
)
#: Partners other than Russia, as the doers of an event ("U.S. participation", "ЕКА и JAXA подтвердили участие").
_PARTNER = gated(
    rf"(?<!\w)(?:{_PARTNERS}|American|European|Japan|Canada|JAXA|CSA|américaine?s?|européens?|Japon|ЕКА|Япони\w*"
    r"|Канад\w*|Европ\w*|американ\w*|(?:Western|other)\s+partners|partenaires\s+occidentaux|autres\s+partenaires"
    r"|западн\w+\s+партн[её]р\w*|други\w+\s+партн[её]р\w*)(?!\w)",
    0,
)
#: The gap between an event and a partner named after it ("l'engagement américain", "la participation des Américains").
_POSTPOSED = re.compile(r"\s+(?:des\s+|du\s+)?")
_POSSESSIVE = re.compile(r"(?:its|their|son|sa|ses|leur|свою|свой|своей|своего|своя)\s", re.IGNORECASE)
#: A time in the past named with the decision ("the announcement last summer of a departure after 2024").
_PAST_TIME = gated(
    r"\blast\s+(?:year|summer|spring|autumn|fall|winter|month|week|January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\b|\b(?:earlier|previously|once|(?:of\s+)?that\s+year|at\s+the\s+time"
    r"|back\s+then)\b|(?<!\w)(?:à\s+l['’]époque|cette\s+année-là|в\s+том\s+году|тогда)(?!\w)|(?<!\w)(?:l['’]été|l['’]an"
    r"|l['’]automne|l['’]hiver|le\s+printemps|le\s+mois|l['’]année)\s+derni(?:er|ère)(?!\w)|(?<!\w)(?:précédemment"
    r"|auparavant|прошлым\s+летом|прошлой\s+весной|прошлой\s+осенью|прошлой\s+зимой|в\s+прошлом\s+году|ранее|прежде)(?!\w)",
    re.IGNORECASE,
)
#: The later stages of a series ("the complete station", "in two stages, the second between 2030 and 2035").
_LATER_STAGE = gated(
    r"\b(?:stages?|phases?|complete\s+station|full\s+station|entire\s+station|second\s+stage|core\s+of\s+the\s+station"
    r"|(?:remaining|other|next|further|following|three|four|five|six)\s+(?:core\s+|more\s+|new\s+)?modules|modules?\s+(?:will|would|are\s+to)\s+follow)\b"
    r"|\bfollowed\s+by\b|(?<!\w)(?:étapes?|phases?|station\s+complète|la\s+seconde|le\s+second|modules\s+restants"
    r"|autres\s+modules|autres\s+éléments|(?:trois|quatre|cinq|six)\s+(?:autres\s+)?(?:modules|éléments)"
    r"|suivie?s?\s+(?:de|d['’])|doivent\s+suivre|suivront|этап\w*|очеред\w*|остальные|полностью|целиком"
    r"|(?:остальн|следующ|други)\w+\s+модул\w*)(?!\w)"
    # more launches after the first: "then three more test flights", "еще три испытательных старта"
    r"|\b(?:(?:two|three|four|five|\d+)\s+more|more|further|additional)\s+(?:test\s+)?(?:flights|launches)\b"
    r"|(?<!\w)(?:(?:deux|trois|quatre|cinq)\s+autres\s+(?:vols|lancements|tirs)|(?:ещё|еще)\s+(?:(?:один|два|две|три"
    r"|четыре|пять|\d+)\s+|летн\w+\s+|испытательн\w+\s+))",
    re.IGNORECASE,
)
#: The talks words that name a discussion (not a meeting, a visit or a vote).
_DISCUSSION = re.compile(
    r"talks|negotiat|discuss|consultations|négoci|discut|pourparlers|переговор|обсу[жд]|консультаци",
    re.IGNORECASE,
)
#: An actor named as left out does nothing: "the partners, except Russia, planned to operate the station until 2030".
_EXCEPT = gated(
    r"(?<!\w)(?:except(?:\s+for)?|apart\s+from|other\s+than|without|sauf|hormis|à\s+l['’]exception\s+de|sans|кроме"
    r"|за\s+исключением|без)\s+(?:the\s+|la\s+|le\s+|l['’])?$",
    re.IGNORECASE,
)
#: The pronouns that open a relative clause set off by a comma ("…, which runs through 2024").
_WHICH = r"(?:which|who|whose|qui|dont|lequel|laquelle|lesquels|котор\w+)(?!\w)"
_RELATIVE_CLAUSE = re.compile(rf",\s*{_WHICH}", re.IGNORECASE)
#: Deliberation over an option (not yet a plan): "weighing", "considering", "рассматривает возможность", "a report on
#: what it would take to extend operations to 2028".
_WEIGHED = gated(
    r"\b(?:weigh(?:s|ing)?|consider(?:s|ing)|mull(?:s|ing)?|ponder(?:s|ing)?|possible|potential"
    r"|what\s+it\s+would\s+take\s+to)\b|(?<!\w)(?:réfléchi\w*\s+à|ce\s+qu['’]il\s+faudrait\s+pour"
    r"|éventuelle?s?|возможн(?:ое|ого|ом|ая|ой|ую)|что\s+потребуется,?\s+чтобы"
    r"|рассматрива\w*\s+возможност\w*|взвешива\w*|обдумыва\w*)(?!\w)",
    re.IGNORECASE,
)
# Between a date and a rocket's name, the words that make the rocket the carrier ("slated for 2027 on an Angara",
# "в 2027 году на ракете «Ангара»"): the launch is the fact's, not the rocket's.
_CARRIER = re.compile(
    r"\s+(?:on(?:\s+board)?|aboard|atop|sur|par|à\s+bord\s+d['’]|на|ракетой)\s+"
    r"(?:(?:an?|the|une?|la|le|rocket|fusée|lanceur|ракете|ракета|носителе)\s+)*[«\"]?",
    re.IGNORECASE,
)
# The words a question starts with, in English: "Will the station really be retired in 2028, or will it be extended
# again?" asks from its first word; "…retire in 2030, so can Haven-1 bridge the gap?" asks only after the comma.
_INTERROGATIVE = (
    r"(?:will|would|can|could|is|are|was|were|does|do|did|should|shall|may|might|has|have|what|how|why|when|who"
    r"|where|which)\b"
)
_ASKS = re.compile(rf"[^\w]*{_INTERROGATIVE}", re.IGNORECASE)
_QUESTION_AFTER = re.compile(rf",\s*(?:(?:so|but|and|then|yet|or)\s+)?{_INTERROGATIVE}", re.IGNORECASE)
_STATEMENT_END = re.compile(r"[.!;:]\s|\?")  # what ends a statement or another question within a sentence
# The dated event as the subject of a conditional: "a Russian exit in 2025 would have forced NASA", "keeping the ISS
# running to 2030 would demand colossal resources" (what it would cause, not a plan).
_SUBJECT_OF_MODAL = re.compile(r"\s+(?:would|could|might)\s+(?:have\s+|also\s+|only\s+)?\w+", re.IGNORECASE)
#: What the station (or a partner) could still do is a capability, not a plan: "the structure could probably be
#: certified to 2028", "pourrait tenir jusqu'en 2030", "станция могла бы летать до 2035 года". Only verbs of going on:
#: "the first module could be launched in 2025" is how Roscosmos words a plan.
_CAPABLE = gated(
    r"\b(?:could|might)\s*(?:,\s*in\s+(?:principle|theory)\s*,)?\s+(?:(?:probably|possibly|still|easily|technically"
    r"|theoretically|well|even|physically)\s+)?"
    r"(?:be\s+(?:certified|extended|kept|made)\s+to\s+(?:fly|last|operate|run|function)|be\s+(?:kept|extended|used|operated"
    r"|certified)|keep\s+(?:going|flying|working|operating|running|functioning)|fly|last|operate|run|function|remain|stay"
    r"|survive|hold\s+up|continue|go\s+on|carry\s+on)\b"
    r"|(?<!\w)(?:pourrai(?:t|ent)|pouvai(?:t|ent)|pouvoir|peut|pourra)\s+(?:(?:encore|techniquement|théoriquement"
    r"|probablement|bien|même|sans\s+doute)\s+)?(?:(?:la|le|les|l['’])\s*)?(?:faire\s+)?(?:tenir|voler|durer"
    r"|fonctionner|rester|continuer|survivre|être\s+(?:prolong|étendu|exploit|maintenu|utilis)\w*|se\s+prolonger)(?!\w)"
    r"|(?<!\w)(?:может|могут|сможет|смогут|могла\s+бы|мог\s+бы|могли\s+бы|могло\s+бы)\s+(?:(?:бы|ещё|еще|технически"
    r"|теоретически|вполне|спокойно|даже|и)\s+)?(?:проработать|летать|выдержать|просуществовать|прослужить|работать"
    r"|остаться|оставаться|продолжить|функционировать|продлить|быть\s+продлен\w*)(?!\w)",
    re.IGNORECASE,
)
#: ... unless the agency that decides says so of its own station: "NASA had since said it could keep going until 2030".
_AGENCY_SAYS = gated(
    r"(?<!\w)(?:NASA|Nasa|Roscosmos|НАСА|Роскосмос\w*)\s+(?:has\s+|had\s+(?:since\s+|already\s+)?|a\s+)?(?:said|says"
    r"|estimated|estimates|estim\w+|заявля\w*|заявил\w*|счита\w*|говорил\w*)(?!\w)",
    0,
)
#: What holds so far, or only up to a date: a standing limit, not a decision taken now.
_SO_FAR = gated(
    r"\bso\s+far\b|\bonly\s+(?:through|until|to|till)\b|(?<!\w)(?:jusqu['’]ici|jusqu['’]à\s+présent|pour\s+l['’]instant"
    r"|seulement\s+jusqu|пока\s+что|лишь\s+до|только\s+до)(?!\w)",
    re.IGNORECASE,
)
#: The nouns of taking part, which a verb of extending may have as its subject.
_TAKING_PART = re.compile(r"participation|involvement|membership|участи[еяю]", re.IGNORECASE)
_STANDS_AT = gated(
    r"\b(?:stands?|stood|as\s+of|as\s+at)\s*$|(?<!\w)(?:à\s+la\s+date\s+de|по\s+состоянию\s+на)\s*$", re.IGNORECASE
)
_EXTENDED = gated(r"(?<!\w)продл\w*", re.IGNORECASE)
_DESCRIBED = re.compile(
    r"(?:\s+(?:год|г\.|year))?\s+(?:(?:will\s+(?:be|become)|would\s+(?:be|become)|becomes?|is|to\s+be|станет|будет"
    r"|sera|serait|deviendra|est)\s+|(?=(?:as\s+)?(?:a|the|un|une)\s))(?:as\s+)?(?:(?:a|the|very|un|une|très"
    r"|очень)\s+|[—–]\s*[^—–.]{0,60}[—–]\s*)*(?:critical|decisive|crucial|key|pivotal|turning|определяющ\w*"
    r"|решающ\w*|критическ\w*|ключев\w*|переломн\w*|décisi\w*|crucial\w*|charnière|critique)",
    re.IGNORECASE,
)
#: A question put to someone: what follows is its premise, up to the clause that answers it.
_ASKED = gated(
    r"\b(?:asked\s+(?:about|whether|if|on)|when\s+asked|questioned\s+(?:about|on))\b|(?<!\w)(?:interrogée?s?\s+(?:sur"
    r"|à\s+propos)|questionnée?\s+sur|à\s+la\s+question\s+de\s+savoir|отвечая\s+на\s+вопрос|на\s+вопрос\s+о"
    r"|на\s+вопрос,\s+(?:будет|станет|сможет|останется))(?!\w)",
    re.IGNORECASE,
)
_FRAME_CLOSED = re.compile(r"[,;:—–]\s")
#: A verb of an act right after a plain year, with at most one word (its doer) between: "then in 2023 decided to stay".
_ACT_AFTER = re.compile(
    r"(?:\s+(?!(?:as|comme|как)\b)\w+)?\s+(?:decided|agreed|announced|approved|confirmed|signed|a\s+décidé|a\s+annoncé"
    r"|a\s+confirmé|решил\w*|согласил\w*|объявил\w*|одобрил\w*|подтвердил\w*|подписал\w*)(?!\w)",
    re.IGNORECASE,
)
#: A verb of saying, deciding or publishing just before a date ("said in 2022", "the plan, set in 2022,", "published
#: its transition plan in 2022", "avait annoncé en 2023", "установленный в 2021 году"): the date is the act's.
_STATED_AT = gated(
    r"(?<!\w)(?:said|says|announced|stated|declared|wrote|published|drafted|issued|released|unveiled"
    r"|proposed|floated|envisaged|set|adopted|reported|signalled|signaled|told\s+(?!that\b)[\w'’.-]+|replaced|abandoned"
    r"|reshuffled|revised|reworked|updated"
    r"|agreed|approved|decided|confirmed|endorsed|annoncée?s?|déclarée?|remplacée?s?|abandonnée?s?|décidée?s?"
    r"|approuvée?s?|confirmée?s?|согласил\w*|решил\w*|одобрил\w*|подтвердил\w*"
    r"|envisagée?s?|publiée?s?|fixée?s?|proposée?s?|évoquée?s?|заявил\w*|объявил\w*|сообщил\w*"
    r"|говорил\w*|установленн\w*|утвержденн\w*|утверждённ\w*|принят\w*|опубликова\w*|предложил\w*)"
    r"(?:\s+(?!(?:that|que|qu|что|чтобы|to|will|would|was|is|be|been|doit|devait|sera|будет|будут)(?!\w))[\w'’.-]+){0,3}"
    r"\s+$",
    re.IGNORECASE,
)
#: Dates offered as alternatives ("in 2025, 2028 or 2030", "до 2028 или даже 2030 года"): none is a plan.
_OR_BETWEEN = re.compile(
    r"(?:\s*(?:-?(?:е|го|х|м|й)|\s+год\w*|\s+г\.))?\s*,?\s*(?:or|ou|или)\s+(?:even\s+|même\s+|maybe\s+|даже\s+)?"
    r"(?:(?:in|to|until|by|en|jusqu['’]en|à|в|до|к)\s+)?(?:(?:the\s+)?(?:middle|end|start)\s+of\s+|середин\w+\s+"
    r"|конц\w+\s+)?$",
    re.IGNORECASE,
)
_PLAIN_IN = re.compile(r"in|en|в|во", re.IGNORECASE)
_COMMA_BETWEEN = re.compile(r"\s*,\s*(?:(?:in|en|в)\s+)?$", re.IGNORECASE)
_LIST_SEP = re.compile(r"\s*[,|·•]\s*|\s+-\s+")
#: A keyword: a few words and a year with no preposition or modifier before it ("ISS end 2030", "ISS 2028").
_KEYWORD = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,2}(?!(?:in|by|until|to|from|since|for|of|late|early|mid|once|then|now|later|again|and|or|is"
    r"|was|en|fin|puis|ensuite|et|ou|est|début|jusqu\w*|à|au|de|du|в|до|к|с|по|на|конц\w*|начал\w*|затем|потом|теперь"
    r"|уже|и|или)\s)[\w'’-]+\s+(?:19|20)\d\d\s*",
    re.IGNORECASE,
)
_BARE_YEARS = gated(r"(?<![\w.,/–-])(?:19|20)\d\d\s+(?:19|20)\d\d(?![\w.,/–-])", 0)
#: A plan given up: "no longer expects", "ne … plus", "больше не", "уже не".
_NO_LONGER = gated(
    r"\bno\s+longer\b|(?<!\w)(?:ne|n['’])\s*(?:[\w'’-]+\s+){1,2}plus(?!\w)|(?<!\w)(?:больше|уже)\s+не(?!\w)",
    re.IGNORECASE,
)
_AFTER_ALL = re.compile(r"\s*,?\s*(?:after\s+all|finalement|в\s+итоге)\b", re.IGNORECASE)
_MONEY = re.compile(r"billions?|millions?|milliards?|млрд|миллиард\w*", re.IGNORECASE)
#: "We", as a subject or the one something is allowed to or needed by ("позволяет нам работать").
# case-insensitive but for "US", the country
_WE = gated(r"(?<!\w)(?:(?i:we|our|nous|notre|nos|мы|нам|нас|наш\w*)|[Uu]s)(?!\w)", 0)
_JOINT = re.compile(
    r"\s*(?:,|and|&|with|together\s+with|et|avec|и|вместе\s+с|совместно\s+с)\s*(?:the\s+|la\s+|l['’])?", re.IGNORECASE
)


@dataclass(frozen=True)
class Claim:
    fact: str
    value: str
    granularity: str
    qualifier: str
    value_end: str | None
    status: str
    modality: str | None
    speaker: str | None
    sentence: str
    start: int
    end: int
    confidence: float
    lang: str
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_DEFAULT: list[Catalogue] = []


def _default_catalogue() -> Catalogue:
    if not _DEFAULT:
        _DEFAULT.append(load_catalogue())
    return _DEFAULT[0]


def extract_claims(
    text: str, *, published: dt.date | None = None, lang: str | None = None, catalogue: Catalogue | None = None
) -> list[Claim]:
    """Claims about the catalogue's facts in ``text``; ``lang`` None (or unknown) means detect it.

    ``published`` lets a date already past at publication read as history ("in 2024", said in 2026)."""
    if isinstance(published, dt.datetime):
        published = published.date()
    m = _HAS_YEAR.search(text)
    if m is None and (published is None or not may_name_relative_year(text)):
        return []
    comp = compiled(catalogue if catalogue is not None else _default_catalogue())
    doc_lang = lang if lang in LANGUAGES else (detect_language(text) or "en")
    # "by the end of this year", "d'ici la fin de l'année": deadlines named from the publication date
    relative = relative_year(doc_lang) if published is not None and has_relative_year(text, doc_lang) else None
    if m is None and relative is None:
        return []
    found: list[Claim] = []
    article = _Article(text, doc_lang, comp)
    pos = _next_dated(text, 0, relative)
    while pos >= 0:  # only the lines (paragraphs) holding a year are split and read
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, pos) + 1
        teaser = _TEASER.match(text, line_start) is not None or (
            _LISTED_LINK.match(text, line_start) is not None
            and _LINK_DATE.search(text, line_start, line_end) is not None
        )
        for s in [] if teaser else split_span(text, pos, pos):
            if _HAS_YEAR.search(s.text) or (relative is not None and relative.search(s.text)):
                context = text[max(0, s.start - _CONTEXT) : s.start]
                before = _continued(found, s, doc_lang)
                found.extend(_sentence_claims(s, context, doc_lang, comp, published, before, article))
        pos = _next_dated(text, line_end + 1, relative)
    return one_current_value(still_standing(without_coarser(found), comp, published))


def _next_dated(text: str, pos: int, relative: Gated | None) -> int:
    """Where the next year (or relative year) at or after ``pos`` starts, -1 when none."""
    m = _HAS_YEAR.search(text, pos)
    r = relative.search(text, pos, m.start() if m else len(text)) if relative is not None else None
    hit = r or m
    return -1 if hit is None else hit.start()


def _continued(found: list[Claim], s: Sentence, lang: str) -> str | None:
    """The fact a sentence may continue: the one claimed in the sentence just before, or, for a sentence naming a
    plan's date ("The old baseline, 2024, had stood since 2014"), the one claimed last in the lines just before."""
    if not found:
        return None
    last = found[-1]
    gap = s.start - last.end
    if 0 <= gap <= _NEXT_SENTENCE:
        return last.fact
    near = 0 <= gap <= _TOPIC_WINDOW and cues.pattern("plan_nouns", lang).search(s.text)
    return last.fact if near else None


def without_coarser(claims: list[Claim]) -> list[Claim]:
    """A year the article also gives more precisely ("in 2031" in the headline, "in January 2031" in the text) is
    the same claim: the precise value stands for it."""
    finer = {(c.fact, c.status, c.value[:4]) for c in claims if len(c.value) > 4}
    return [c for c in claims if len(c.value) > 4 or (c.fact, c.status, c.value) not in finer]


# "Previously", "earlier": a statement reported from the past, which is history only if something replaced it. Read
# from the reason a claim's explanation records for its status (the article step sees finished claims only).
_REPORTED_EARLIER = re.compile(
    r"history cue '(?:previously|earlier|auparavant|précédemment|plus\s+tôt|ранее)'", re.IGNORECASE
)
# Verbs of telling that the shared "saying" cue leaves out (it marks attributions; these tell a past statement:
# "have previously spoken of", "il a été rapporté", "ранее называл").
_TOLD = gated(
    r"(?<!\w)(?:spoken|spoke|reported|mentioned|déclaré|annoncé|rapporté|indiqué|affirmé|évoqué|заявля\w*|сообща\w*"
    r"|говори\w*|называ\w*)(?!\w)",
    re.IGNORECASE,
)


def still_standing(claims: list[Claim], comp: CompiledCatalogue, published: dt.date | None) -> list[Claim]:
    """A value told as said before ("officials have previously spoken of a first module in 2025") is still the plan
    when the article gives no other current value for its fact: nothing is said to have replaced it. Only a
    statement ("Auparavant, Washington comptait…" tells a former plan), and not a value the catalogue says was
    replaced by then or already past."""
    current = {c.fact for c in claims if c.status == "current"}
    out = []
    for c in claims:
        if (
            c.status == "historical"
            and c.fact not in current
            and _REPORTED_EARLIER.search(c.explanation)
            # a statement: "Auparavant, Washington comptait …" tells a former plan
            and (cues.pattern("saying", c.lang).search(c.sentence) or _TOLD.search(c.sentence))
            and (published is None or not _past(c.value, published))
            and _superseded(comp.facts[c.fact], c.value, published) is None
        ):
            c = replace(c, status="current", explanation=f"{c.explanation}; current: no other value replaced it")
        out.append(c)
    return out


def one_current_value(claims: list[Claim]) -> list[Claim]:
    """One article gives a fact one current value. When sentences read several (Russia's 2028 taken for the
    station's end beside NASA's 2030; a side remark, an opinion), the value read as current in more sentences,
    then with more confidence, then not also given to another fact, stands and the others go: in the corpus's dev
    part most such second values are misreadings. A tie keeps every value, since nothing says which one the
    article means."""
    current = [c for c in claims if c.status == "current"]
    facts_of: dict[str, set[str]] = {}
    for c in current:
        facts_of.setdefault(c.value, set()).add(c.fact)
    weight: dict[tuple[str, str], tuple[int, float, bool]] = {}
    for c in current:
        n, conf, own = weight.get((c.fact, c.value), (0, 0.0, len(facts_of[c.value]) == 1))
        weight[(c.fact, c.value)] = (n + 1, max(conf, c.confidence), own)
    best: dict[str, tuple[int, float, bool]] = {}
    for (fact, _), w in weight.items():
        best[fact] = max(w, best.get(fact, w))
    tied = {f for f, w in best.items() if sum(1 for (g, _), v in weight.items() if g == f and v == w) > 1}
    gone = {k: _why_outweighed(w, best[k[0]]) for k, w in weight.items() if k[0] not in tied and w < best[k[0]]}
    if not gone:
        return claims
    losers = {f for f, _ in gone}
    kept = []
    for c in claims:
        if c.status == "current" and (c.fact, c.value) in gone:
            continue
        if c.status == "current" and c.fact in losers:
            lost = "; ".join(f"{v} {why}" for (f, v), why in sorted(gone.items()) if f == c.fact)
            c = replace(c, explanation=f"{c.explanation}; outweighs {lost}")
        kept.append(c)
    return kept


def _why_outweighed(w: tuple[int, float, bool], best: tuple[int, float, bool]) -> str:
    if w[0] < best[0]:
        return f"(current in {w[0]} sentence{'s' if w[0] > 1 else ''}, against {best[0]})"
    if w[1] < best[1]:
        return f"(confidence {w[1]:.2f}, against {best[1]:.2f})"
    return "(also another fact's current value)"


class _Article:
    """The text a sentence comes from, for a subject named only earlier in the article ("Its first flight was
    originally due in 2022" in a story about Soyuz-5); scanned once per fact, when first asked."""

    def __init__(self, text: str, lang: str, comp: CompiledCatalogue) -> None:
        self.text, self.lang, self.comp = text, lang, comp
        self._ends: dict[str, list[int]] = {}

    def named_before(self, fact: str, pos: int) -> bool:
        """The fact's subject is named somewhere before ``pos``."""
        if fact not in self._ends:
            self._ends[fact] = [m.end for m in self.comp.subjects(self.lang, fact, self.text, context=True)]
        ends = self._ends[fact]
        return bool(ends) and ends[0] <= pos

    def names(self, fact: str) -> bool:
        """The fact's subject is named anywhere in the article."""
        return self.named_before(fact, len(self.text))


def _first(rx: Gated, text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first match of ``rx`` within text[lo:hi] (bounds clipped at 0), anchors and look-arounds seeing the
    whole text."""
    return rx.search(text, max(0, lo), max(0, hi))


def _status(
    text: str,
    lang: str,
    b: Binding,
    fact: Fact,
    value: str,
    published: dt.date | None,
    dates: list[DateMention],
    bounds: list[int],
) -> tuple[str, str]:
    """(status, reason): the first status step that finds history, else current."""
    d = b.date
    clause_lo = _clause_start(bounds, d.cue_start)
    why = (
        _displaced(text, lang, d)
        or _not_as_planned(text, lang, d, clause_lo)
        or _history_after(text, lang, d)
        or _history_before(text, lang, d, dates, clause_lo)
        or _changed_from(text, lang, d, value, clause_lo)
        or _superseded(fact, value, published, lambda: _decides(text, lang, b, dates, bounds, published))
        or _already_past(value, published)
    )
    if why is not None:
        return "historical", why
    return "current", "no history cue"


def _displaced(text: str, lang: str, d: DateMention) -> str | None:
    """ "instead of 2028", "au lieu de", "вместо": the value replaced."""
    if cues.pattern("displaced", lang).search(text[max(0, d.start - 50) : d.start]):
        return "replaced ('instead of')"
    return None


def _not_as_planned(text: str, lang: str, d: DateMention, clause_lo: int = 0) -> str | None:
    """ "not in 2022, as planned", "ne décollera pas en août 2025 comme prévu", "no longer expects to launch in August
    2025", "will not fly in 2027 after all": the negated date is the old plan."""
    lo = max(0, d.cue_start - 60)
    given_up = _NO_LONGER.search(text, max(clause_lo, d.cue_start - 100), d.cue_start)
    if given_up is None and (after_all := _AFTER_ALL.match(text, d.end)) is not None:
        # "will not fly in 2027 after all" (but "will stay until 2028 after all" stands)
        negated = cues.pattern("negation", lang).search(text, max(clause_lo, lo), d.cue_start)
        given_up = after_all if negated else None
    if given_up is not None:
        return f"the former plan, given up ('{given_up.group(0).strip(' ,')}')"
    after = cues.pattern("as_planned", lang).match(text, d.end)
    if after is None or not cues.pattern("negation", lang).search(text, lo, d.cue_start):
        return None
    return f"the former plan, negated ('{after.group(0).strip(' ,')}')"


def _history_after(text: str, lang: str, d: DateMention) -> str | None:
    after = cues.pattern("history_after", lang).match(text, d.end)
    return None if after is None else f"history cue after the date '{after.group(0).strip()}'"


def _history_before(text: str, lang: str, d: DateMention, dates: list[DateMention], clause_lo: int) -> str | None:
    """A history cue before the date in its clause ("was scheduled", "initially", "devait", "планировалось"),
    with no other date ending the old plan and nothing resetting to the present between them."""
    hist = _last_history_cue(text, lang, max(clause_lo, d.cue_start - 120), d.cue_start)
    if hist is None:
        return None
    between = text[hist.end() : d.cue_start]
    # Another date between the cue and this one ends the old plan, unless this one only continues it ("tablait
    # sur une exploitation jusqu'en 2030, suivie d'une rentrée en janvier 2031", "до 2030 года и затопить ее в
    # январе 2031 года").
    other_date = any(
        not _continues_plan(text, lang, o.end, d.cue_start)
        for o in dates
        if o is not d and hist.end() <= o.start < d.start
    )
    resets = list(cues.pattern("reset", lang).finditer(between))
    if resets and cues.pattern("complement", lang).match(between):
        # "it was planned that the station will work until 2028": the future is the old plan's
        future = cues.pattern("future", lang)
        resets = [r for r in resets if not future.fullmatch(r.group(0))]
    if resets or other_date:
        return None
    return f"history cue '{hist.group(0)}'"


def _continues_plan(text: str, lang: str, lo: int, hi: int) -> bool:
    """The words between two dates join them into one plan ("until 2030, then a reentry in 2031"), unless they name a
    change ("planned until 2020, then it was prolonged till 2024": the later date is a new plan, not the old one's)."""
    m = _SAME_PLAN.match(text, lo, hi)
    return m is not None and cues.pattern("change", lang).search(text, m.end(), hi) is None


# A relative clause set off by commas: an aside whose tense and history cues are its own ("Roscosmos, whose freighters
# were once expected to do the job, has committed to the station until 2028").
_ASIDE = re.compile(rf"{_RELATIVE_CLAUSE.pattern}[^,;:.]{{3,}},", re.IGNORECASE)


def _last_history_cue(text: str, lang: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last history cue in (lo, hi) that is not a confirmation ("as previously announced") nor a mere
    narrative tense ("announced that they had agreed to operate it until 2028") in a text without change."""
    hist = None
    confirming = cues.pattern("confirming", lang)
    for m in cues.pattern("historical", lang).finditer(text, lo, hi):
        if confirming.search(text, max(0, m.start() - 25), m.start()):
            continue
        if cues.pattern("weak_history", lang).fullmatch(m.group(0)) and not (
            cues.pattern("contrast", lang).search(text) or cues.pattern("change", lang).search(text)
        ):
            continue
        said = cues.pattern("saying", lang).search(text, max(0, m.start() - 40), m.start())
        if said and _BACKSHIFT.match(m.group(0)):
            continue  # "Komarov said the first stage was to continue operations through 2024": reported speech
        if any(a.start() < m.start() < a.end() <= hi for a in _ASIDE.finditer(text, max(0, m.start() - 120), hi)):
            continue  # "Russia, which had originally been expected to push it down, has agreed to stay until 2028"
        hist = m
    return hist


def _changed_from(text: str, lang: str, d: DateMention, value: str, clause_lo: int) -> str | None:
    """ "moved from 2024": the old value of a change in the clause."""
    if d.cue.lower() in FROM_CUES and cues.pattern("change", lang).search(text, clause_lo, d.cue_start):
        return f"changed from '{d.cue} {value}'"
    return None


def _superseded(
    fact: Fact, value: str, published: dt.date | None, decided: Callable[[], bool] = lambda: False
) -> str | None:
    """A value the catalogue says was replaced before the article is history, unless the sentence decides it anew
    ("NASA and Roscosmos agreed to extend the station to 2030" after 2030 had been dropped: a change to alert);
    ``decided`` is asked only for a replaced value."""
    gone = fact.superseded_at(value, published)
    if gone is None or decided():
        return None
    return f"value {value} superseded since {gone.since.isoformat()} (catalogue)"


def _decides(
    text: str, lang: str, b: Binding, dates: list[DateMention], bounds: list[int], published: dt.date | None
) -> bool:
    """The clause sets the value now: it tells of an agreement, decision, new plan, announcement or confirmation
    ("agreed to operate the ISS until 2030", "will keep it until 2030, the agencies announced"), not in the
    pluperfect, and not dated in an earlier year ("in 2021 the United States extended it to 2030": history)."""
    if published is not None and any(
        o is not b.date and o.qualifier == "in" and int(o.value[:4]) < published.year for o in dates
    ):
        return False
    lo, hi = _clause_start(bounds, min(b.event.start, b.date.start)), _clause_end(bounds, b.date.end, len(text))
    m = cues.pattern("agreed_now", lang).search(text, lo, hi)
    if m is None:
        return False
    a, z = (m.end(), b.date.start) if m.end() <= b.date.start else (b.date.end, m.start())
    if any(a <= o.start and o.end <= z for o in dates if o is not b.date):
        return False  # the decision's own value stands between ("committed to 2030, six years past the 2024 date")
    if _SO_FAR.search(text, lo, b.date.start):
        return False  # a limit reached so far, no new decision ("Congress has so far approved money only through 2024")
    # "in the late 2000s, when the partners agreed to keep the outpost going until 2020" (said in 2016)
    if published is not None and any(
        int(d.group(1) or d.group(2)) + 9 < published.year for d in _DECADE.finditer(text, lo, hi)
    ):
        return False
    return not _PLUPERFECT.search(text, max(0, m.start() - 25), m.start()) and not _PAST_TIME.search(text, lo, hi)


#: A decade named as a time ("in the late 2000s", "dans les années 2000", "в 2000-х"), its first year in group 1 or 2.
_DECADE = gated(r"(?<![\w-])((?:19|20)\d0)(?:s|-[хе]\w*)(?!\w)|(?<!\w)années\s+((?:19|20)\d0)(?!\d)", re.IGNORECASE)


def _already_past(value: str, published: dt.date | None) -> str | None:
    if published is not None and _past(value, published):
        return f"{_PAST_REASON}{value} was already past when published ({published.isoformat()})"
    return None


def _modality(matches: list[re.Match[str]], hi: int, bounds: list[int]) -> tuple[str | None, str]:
    """The modality cue nearest before the date in its clause, else the first after it, else any.
    ``matches``: the sentence's modality cues, found once per sentence."""
    lo = _clause_start(bounds, hi)
    before = [m for m in matches if lo <= m.start() and m.end() <= hi]
    after = [m for m in matches if m.start() >= hi]
    pick = before[-1] if before else after[0] if after else matches[-1] if matches else None
    if pick is None:
        return None, ""
    return pick.lastgroup, f"modality cue '{pick.group(0)}'"


def _confidence(b: Binding, subject_here: bool, d: DateMention, modality: str | None) -> float:
    """0.9 for the plain case, less for each sign of a weaker reading (documented in docs/claims.md)."""
    c = 0.9
    if b.how != "backward":
        c -= 0.1
    if not subject_here:
        c -= 0.15
    if b.hi - b.lo > 60:
        c -= 0.1
    if d.granularity == "day":
        c -= 0.05
    if d.qualifier in ("around", "range"):
        c -= 0.05
    if modality in ("hoped", "proposed"):
        c -= 0.1
    return round(max(0.3, min(0.99, c)), 2)


def _outside(subjects: list[TermMatch], others: list[TermMatch]) -> list[TermMatch]:
    """Subjects not inside another station's name nor right after it ("station" in "the Russian station",
    "Tiangong station")."""
    return [
        m
        for m in subjects
        if not any((o.start <= m.start and m.end <= o.end) or 0 <= m.start - o.end <= 2 for o in others)
    ]


class _Sentence:
    """One sentence being read: its words, dates, events and the facts' subjects, each found once and kept
    for the steps below (most are asked for by one binding and reused by the next)."""

    def __init__(
        self,
        s: Sentence,
        context: str,
        lang: str,
        comp: CompiledCatalogue,
        published: dt.date | None,
        events: list[TermMatch],
        dates: list[DateMention],
        article: _Article | None = None,
    ) -> None:
        self.s, self.text, self.context, self.lang, self.comp = s, s.text, context, lang, comp
        self.article = article
        self.published, self.events, self.dates = published, events, dates
        self.bounds = clause_bounds(self.text, lang)
        self._subjects: dict[str, list[TermMatch]] = {}
        self._in_context: dict[str, bool] = {}
        self._decoys: dict[str, list[TermMatch]] = {}
        self._actors: list[TermMatch] | None = None
        self._others: list[TermMatch] | None = None
        self._cues: dict[str, Gated | None] = {}
        self._speaker: tuple[str | None, str] | None = None
        self._modal: list[re.Match[str]] | None = None
        self.negations: dict[tuple[int, int], re.Match[str] | None] = {}

    def subjects(self, fact: str) -> list[TermMatch]:
        """The fact's subject terms, less those inside the name of another station ("station" in "the Russian
        station", "Tiangong space station")."""
        if fact not in self._subjects:
            raw = self.comp.subjects(self.lang, fact, self.text)
            others = self.foreign(fact, raw) if raw else []
            kept = _outside(raw, others)
            named = [o for o in others if o.text[:1].isupper() and o.start < kept[0].start] if kept else []
            if named and all(m.text[:1].islower() for m in kept):
                kept = []  # "Vast says it still targets August 2025 for the station's launch": that station
            self._subjects[fact] = kept
        return self._subjects[fact]

    def foreign(self, fact: str, subjects: list[TermMatch] | None = None) -> list[TermMatch]:
        """Names of other stations and programmes in the sentence that are not this fact's own subjects."""
        if self._others is None:
            self._others = self.comp.others(self.lang, self.text)
        if not self._others:
            return []
        own = subjects if subjects is not None else self.comp.subjects(self.lang, fact, self.text)
        if own or (self.context and self.comp.subjects(self.lang, fact, self.context, context=True)):
            # "Vast's commercial station": where Haven-1 is named, "commercial station" is Haven-1 itself
            own = [*own, *self.comp.kinds(self.lang, fact, self.text)]
        return [o for o in self._others if not any(m.start <= o.start and o.end <= m.end for m in own)]

    def subject_distance(self, fact: str, lo: int, hi: int) -> int | None:
        """Characters from the span (lo, hi) to the fact's nearest subject; _FAR when the subject is only in the
        preceding text; None when there is none."""
        subj = self.subjects(fact) or self._borrowers_actors(fact, lo, hi)
        if subj:
            return min(lo - m.end if m.end <= lo else max(0, m.start - hi) for m in subj)
        if fact not in self._in_context:
            self._in_context[fact] = (
                bool(self.context) and bool(self._context_subjects(fact)) and not self._names_other_event(fact)
            )
        if self._in_context[fact]:
            return _FAR
        return _FAR_IN_ARTICLE if self._named_in_article(fact, lo, hi) else None

    def _borrowers_actors(self, fact: str, lo: int, hi: int) -> list[TermMatch]:
        """The actors that do the event (lo, hi) for a fact that borrows it, standing for the fact's subject where the
        sentence names none ("Roscosmos says it will use its segment until 2028": routed to Russia's part by its
        actor): before it in its clause, or its object right after it."""
        borrowers = self.comp.borrowers[fact]
        if not borrowers or any(o.start < lo for o in self.foreign(fact, [])):  # "Yenisei, which Russia hopes to fly"
            return []
        start = self.clause_start(lo)
        return [
            a
            for a in self.actors()
            if a.fact in borrowers
            and (a.text[:1].isupper() or " " in a.text)  # a name, not an adjective ("la nouvelle fusée russe")
            and ((start <= a.start and a.end <= lo and lo - a.end <= _ACTOR_WINDOW) or 0 <= a.start - hi <= 5)
        ]

    def _named_in_article(self, fact: str, lo: int, hi: int) -> bool:
        """An event word of this fact alone ("first flight", "reentry"), in a sentence naming no other station, whose
        subject the article named before; not for facts that share event words with another ("operate": the ISS's
        operations or Russia's part), which only a subject near the event tells apart."""
        return (
            self.article is not None
            and not self.comp.facts[fact].borrows
            and not self.comp.borrowers[fact]
            and all(e.fact == fact for e in self.events if e.start == lo and e.end == hi)
            and any(e.fact == fact for e in self.events if e.start == lo and e.end == hi)
            and not self.foreign(fact, [])
            and not self._names_other_event(fact)
            and self.article.named_before(fact, self.s.start)
        )

    def _context_subjects(self, fact: str) -> list[TermMatch]:
        """The fact's subjects in the text before the sentence, less those inside or right after another station's
        name ("Vast's commercial station" names no ISS)."""
        raw = self.comp.subjects(self.lang, fact, self.context, context=True)
        if not raw:
            return raw
        own_spans = [(m.start, m.end) for m in raw]
        others = [
            o
            for o in self.comp.others(self.lang, self.context, context=True)
            if not any(a <= o.start and o.end <= b for a, b in own_spans)
        ]
        return _outside(raw, others)

    def _names_other_event(self, fact: str) -> bool:
        """The sentence names another fact's event (on words that are not also this fact's event) whose subject
        is in the sentence: then a subject from the preceding text does not carry over ("...the Russian segment
        would remain. The agencies will prepare the deorbit of the station, which remains planned for 2030")."""
        own = {(e.start, e.end) for e in self.events if e.fact == fact}
        return any(e.fact != fact and (e.start, e.end) not in own and self.subjects(e.fact) for e in self.events)

    def decoys(self, fact: str) -> list[TermMatch]:
        if fact not in self._decoys:
            self._decoys[fact] = self.comp.decoy_matches(self.lang, fact, self.text)
        return self._decoys[fact]

    def actors(self) -> list[TermMatch]:
        if self._actors is None:
            self._actors = self.comp.actors(self.lang, self.text)
        return self._actors

    def speaker(self) -> tuple[str | None, str]:
        if self._speaker is None:
            self._speaker = find_speaker(self.text, self.lang, self.comp)
        return self._speaker

    def modal_cues(self) -> list[re.Match[str]]:
        if self._modal is None:
            self._modal = list(cues.modality_pattern(self.lang).finditer(self.text))
        return self._modal

    def may_defer(self, light_fact: str, other_fact: str) -> bool:
        """Whether facts are unrelated: a light verb may give its date to an unrelated fact's event even when that
        fact's subject is only in the text before (one that borrows the other's events needs its own subject in
        the sentence: "U.S. commits to keeping the station flying" has no Russia in it)."""
        return not self.comp.related(light_fact, other_fact)

    def cue(self, kind: str) -> Gated | None:
        """The cue regex of ``kind`` when it occurs somewhere in the sentence, else None (one search per sentence:
        most sentences hold no condition, denial or opinion, and their filters then cost nothing)."""
        if kind not in self._cues:
            rx = _HEDGE if kind == "hedge" else cues.pattern(kind, self.lang)
            hint = kind == "opinion" and cues.pattern("opinion_hint", self.lang).search(self.text) is None
            self._cues[kind] = None if hint or not rx.search(self.text) else rx
        return self._cues[kind]

    def clause_start(self, pos: int) -> int:
        return _clause_start(self.bounds, pos)

    def clause_end(self, pos: int) -> int:
        return _clause_end(self.bounds, pos, len(self.text))


def _sentence_claims(
    s: Sentence,
    context: str,
    doc_lang: str,
    comp: CompiledCatalogue,
    published: dt.date | None,
    before: str | None = None,
    article: _Article | None = None,
) -> list[Claim]:
    """The claims of one sentence: find events and dates, bind them, route by actor, filter, then describe.
    ``before``: the fact claimed in the sentence just before, which an event-less date may continue."""
    text = s.text
    if is_keyword_list(text) or _whole_question(text):
        return []
    lang = sentence_language(text, doc_lang)
    copula = cues.pattern("copula", lang)
    events = _lenders_first(
        comp,
        lang,
        text,
        context,
        _partners_events(comp, lang, text, [e for e in comp.events(lang, text) if not copula.match(text, e.start)]),
    )
    if not events and (before is None or not may_carry(text, lang)):
        return []
    dates = find_dates(text, lang, limit=_MAX_DATES, published=published)
    if not dates:
        return []
    sent = _Sentence(s, context, lang, comp, published, events, dates, article)
    out: list[Claim] = []
    seen: set[tuple[str, str, str]] = set()
    series = comp.first_of_series
    bound = (
        bind(text, lang, dates, events, sent.bounds, sent.subject_distance, sent.may_defer, series) if events else []
    )
    if before is not None and all(e.fact == before for e in events) and not _about_another(sent, before):
        taken = {i for i, d in enumerate(dates) if any(b.date is d for b in bound)}
        bound += carry_from_before(text, lang, dates, before, sent.bounds, taken, series(before))
    if bound and "," in text:
        bound += restated(text, lang, events, bound)
    for b in bound:
        b = corrected(sent, route_by_actor(sent, b))
        if rejection(sent, b) is not None:
            continue
        for claim in describe(sent, b):
            if (claim.fact, claim.value, claim.status) not in seen:
                seen.add((claim.fact, claim.value, claim.status))
                out.append(claim)
    return out


def _about_another(sent: _Sentence, fact: str) -> bool:
    """Another station or programme named before the sentence's first date, or in the same run of words after it:
    the sentence is about it, and continues nothing. One named past a comma after that date is a side remark ("The
    new target is May 2026, on a Falcon 9, with the first crew on a Crew Dragon no earlier than June 2026")."""
    others = sent.foreign(fact)
    if not others:
        return False
    comma = sent.text.find(",", sent.dates[0].end)
    limit = len(sent.text) if comma < 0 else comma
    return any(o.start < limit for o in others)


def is_keyword_list(text: str) -> bool:
    """Search keywords, tags and teaser headings strung together assert nothing: "ISS deorbit vehicle, SpaceX ISS, ISS
    end 2030, ISS crash ocean", "точные сроки МКС сведение с орбиты 2028 2030"."""
    if text.count("19") + text.count("20") >= 2 and _BARE_YEARS.search(text):  # two years first: most hold one
        return True
    if sum(map(text.count, ",|·•")) + text.count(" - ") < 3:
        return False  # most sentences: too few separators for a list of four
    parts = _LIST_SEP.split(text.rstrip(" ."))
    return len(parts) >= 4 and sum(_KEYWORD.fullmatch(p) is not None for p in parts) >= 2


def _lenders_first(
    comp: CompiledCatalogue, lang: str, text: str, context: str, events: list[TermMatch]
) -> list[TermMatch]:
    """A word that is an event of two facts, one borrowing the other's ("exploitation": the station's operations
    and Russia's participation), is the lender's when the lender's subject is in the sentence (or only in the text
    before it, and the borrower's is in neither); ``route_by_actor``
    gives it to the borrower when its actor acts alone ("Roscosmos et la NASA s'accordent sur une exploitation de
    l'ISS jusqu'en 2028" stays the station's; "Russia will extend the operation of its segment" is Russia's)."""
    spans = {(e.start, e.end, e.fact) for e in events}

    def near(fact: str, e: TermMatch, actors: bool = False) -> bool:
        """Named before the event or just after it: one named far after it acts in another clause ("son
        exploitation est prévue jusqu'en 2024, un horizon validé par les États-Unis en 2014 puis par la Russie").
        The term selections are kept per text, so asking again costs a lookup."""
        limit = e.end + _AFTER_EVENT
        return any(m.start < limit for m in comp.subjects(lang, fact, text)) or (
            actors and any(a.fact == fact and a.start < limit for a in comp.actors(lang, text))
        )

    def lends(lender: str, e: TermMatch) -> bool:
        if (e.start, e.end, lender) not in spans:
            return False
        return bool(comp.subjects(lang, lender, text)) or (
            bool(context)
            and bool(comp.subjects(lang, lender, context, context=True))
            and not any(near(b, e) for b in comp.borrowers[lender])
        )

    def here(e: TermMatch) -> bool:
        return near(e.fact, e, actors=True)

    kept = [
        e
        for e in events
        if not any(
            lends(lender, e) or ((e.start, e.end, lender) in spans and not here(e))
            for lender in comp.facts[e.fact].borrows
        )
    ]
    # Where both stay, the lender comes first: equally distant subjects then choose it.
    return sorted(kept, key=lambda e: (e.start, e.end, bool(comp.facts[e.fact].borrows)))


# --- step: who acts -------------------------------------------------------------------------------------------


def route_by_actor(sent: _Sentence, b: Binding) -> Binding:
    """Who does the event decides its fact: a borrowed event done by the borrower's actor (``_borrowed_by_actor``),
    the borrower's own event done by another partner (``_lent_to_partner``)."""
    return _lent_to_partner(sent, b) if sent.comp.facts[b.event.fact].borrows else _borrowed_by_actor(sent, b)


def _partners_events(comp: CompiledCatalogue, lang: str, text: str, events: list[TermMatch]) -> list[TermMatch]:
    """A borrowing fact's own event done by another partner is also the lender's event ("Europe, Japan and Canada
    signed on to stay on the ISS until 2030": the station's operations), so that the lender's subject can bind it;
    ``_lent_to_partner`` then takes it from the borrower where both are bound."""
    own = [e for e in events if comp.facts[e.fact].borrows]
    if not own or not _PARTNER.search(text):
        return events
    bounds = clause_bounds(text, lang)
    extra = [
        TermMatch(comp.facts[e.fact].borrows[0], "event", e.start, e.end, e.text)
        for e in own
        if _partner_does(comp, lang, text, bounds, e) is not None
    ]
    return sorted([*events, *extra], key=lambda e: (e.start, e.end)) if extra else events


def _partner_does(
    comp: CompiledCatalogue, lang: str, text: str, bounds: list[int], e: TermMatch
) -> re.Match[str] | None:
    """The partner named last before the event in its clause, when no actor or subject of the event's fact comes
    between them ("NASA said Russia will stay" is Russia's)."""
    lo = max(_clause_start(bounds, e.start), e.start - _ACTOR_WINDOW)
    parties = list(_PARTNER.finditer(text, lo, e.start))
    if not parties:
        # the partner right after the event, as its adjective or genitive: "l'engagement américain", "участие США"
        gap = _POSTPOSED.match(text, e.end)
        return _PARTNER.match(text, gap.end()) if gap is not None else None
    party = parties[-1]
    own = [*comp.actors(lang, text), *comp.subjects(lang, e.fact, text)]
    if any(m.fact == e.fact and party.end() <= m.start < e.start for m in own):
        return None
    return party


def _lent_to_partner(sent: _Sentence, b: Binding) -> Binding:
    """The borrowing fact's own event done by another partner is the lender's: "extending U.S. participation through
    2030", "ЕКА и JAXA подтвердили участие до 2030 года" tell of the station's operations, not of Russia's
    participation."""
    e = b.event
    party = _partner_does(sent.comp, sent.lang, sent.text, sent.bounds, e)
    if party is None:
        return b
    lender = sent.comp.facts[e.fact].borrows[0]
    routed = TermMatch(lender, "event", e.start, e.end, e.text)
    return Binding(b.date, routed, b.how, b.lo, b.hi, f"partner '{party.group(0)}' does '{e.text}'")


def _extended_own_event(sent: _Sentence, borrowers: tuple[str, ...], e: TermMatch, lo: int) -> TermMatch | None:
    """A borrower's own event named just before a verb of extending in its clause is what is extended ("Участие России
    в программе МКС продлено до 2028 года", "Russia's participation in the station was extended to 2028"), or right
    after it as its object ("We extended our participation in the ISS until 2028", "продлить участие")."""
    if not cues.pattern("change", sent.lang).fullmatch(e.text):
        return None
    text = sent.text
    own = [
        o
        for o in sent.events
        if o.fact in borrowers
        and _TAKING_PART.fullmatch(o.text)
        and (
            (lo <= o.start and o.end <= e.start and e.start - o.end <= 60)
            or (0 <= o.start - e.end <= 20 and _PARTNER.search(text, e.end, o.start) is None)
        )
        and _partner_does(sent.comp, sent.lang, text, sent.bounds, o) is None  # "U.S. participation"
        and _PARTNER.search(text, o.end, o.end + 15) is None  # "Участие США"
    ]
    return own[-1] if own else None


def _extends_the_subject(sent: _Sentence, e: TermMatch) -> bool:
    """A verb of extending whose object is the station itself is about the station, whoever agrees to it ("Moscow has
    given its approval to prolonging the life of the ISS until 2024", "продлить работу станции до 2024 года")."""
    if not cues.pattern("change", sent.lang).fullmatch(e.text):
        return False
    text = sent.text
    return any(
        0 <= m.start - e.end <= 30
        and _LIFE_OF.fullmatch(text, e.end, m.start) is not None
        and _ROLE_IN.match(text, m.end) is None
        for m in sent.subjects(e.fact)
    )


# An event said as a noun: the subject right before it only names whose operations they are.
_NOUN_EVENT = re.compile(r"\w+(?:tions?|ment)", re.IGNORECASE)


def _borrowed_by_actor(sent: _Sentence, b: Binding) -> Binding:
    """A date bound to an event that another fact borrows becomes that fact's when its actor does the event
    ("Moscow will keep its cosmonauts on the station through 2028": Russia's participation), unless the actor
    acts jointly with another party ("NASA and Roscosmos agreed to operate the ISS until 2028")."""
    borrowers = sent.comp.borrowers[b.event.fact]
    if not borrowers:
        return b
    e = b.event
    lo = sent.clause_start(e.start)
    extended = _extended_own_event(sent, borrowers, e, lo)
    if extended is not None:
        routed = TermMatch(extended.fact, "event", e.start, e.end, e.text)
        return Binding(b.date, routed, b.how, b.lo, b.hi, f"'{e.text}' extends '{extended.text}'")
    if _extends_the_subject(sent, e):
        return b
    own_subjects = [m for m in sent.subjects(e.fact) if lo <= m.start and m.end <= max(b.hi, e.end)]
    for fact in borrowers:
        actors = [
            a
            for a in sent.actors()
            if a.fact == fact
            and lo <= a.start
            and a.end <= max(b.hi, e.end)
            and e.start - a.end <= _ACTOR_WINDOW
            and not _EXCEPT.search(sent.text, max(0, a.start - 30), a.start)
        ]
        if not actors:
            continue
        before = [a for a in actors if a.end <= e.start]
        after = [a for a in actors if e.end <= a.start]  # the object: "exploiter son segment jusqu'en 2028"
        actor = after[0] if after else before[-1]
        if not after:
            # The fact's own subject acting between the actor and the event ("Roscosmos expects the ISS to
            # operate"), unless it only qualifies the actor ("работа российского сегмента МКС").
            rivals = [
                m
                for m in own_subjects
                if actor.end + 10 <= m.start < e.start
                and not _GENITIVE.search(sent.text, max(0, m.start - 12), m.start)
                and not (e.start - m.end <= 1 and _NOUN_EVENT.fullmatch(e.text))  # "support for ISS operation"
            ]
            reports = _reports(sent, actor.end, e.start) or _party_between(sent, fact, actor.end, e.start)
            if rivals or reports:
                continue
        if _acts_jointly(sent, actor):
            continue
        routed = TermMatch(fact, "event", e.start, e.end, e.text)
        return Binding(b.date, routed, b.how, b.lo, b.hi, f"actor '{actor.text}' does '{e.text}'")
    return _voiced(sent, b, borrowers, lo)


def _voiced(sent: _Sentence, b: Binding, borrowers: tuple[str, ...], lo: int) -> Binding:
    """The speaker's "we" does the event when the speaker speaks for a borrowing fact's actor ("'We plan to use the
    ISS only until 2020,' Rogozin said": Russia's participation), unless the sentence tells of an agreement ("We
    agreed with our partners to operate the ISS until 2028" stays the station's)."""
    e = b.event
    we = _WE.search(sent.text, lo, e.start)
    if we is None:
        return b
    speaker, _ = sent.speaker()
    fact = next((f for f in borrowers if speaker and speaker in sent.comp.facts[f].voices), None)
    if fact is None or any(m.lastgroup == "agreed" and m.start() < e.start for m in sent.modal_cues()):
        return b
    routed = TermMatch(fact, "event", e.start, e.end, e.text)
    return Binding(b.date, routed, b.how, b.lo, b.hi, f"'{we.group(0)}' of {speaker} does '{e.text}'")


def _reports(sent: _Sentence, lo: int, hi: int) -> bool:
    """The actor only reports what others do ("Roscosmos announced that the two agencies had agreed…"), unless a
    pronoun takes the actor up again ("Roscosmos told partners that it will keep its cosmonauts…")."""
    breaks = [*_AGENT_BREAK.finditer(sent.text, lo, hi), *cues.pattern("saying", sent.lang).finditer(sent.text, lo, hi)]
    if not breaks:
        return False
    last = max(m.end() for m in breaks)
    return _PRONOUN.match(sent.text, last) is None and _SAME_SUBJECT.match(sent.text, last) is None


# A relative pronoun right after a party: the clause it opens tells what that party does.
_WHO_DOES = re.compile(r"\s*,?\s*(?:qui|which|who|that|которые|который|которая)\s", re.IGNORECASE)


def _party_between(sent: _Sentence, fact: str, lo: int, hi: int) -> bool:
    """Another known party between the actor and the event acts instead ("Roscosmos has committed to 2028, and NASA
    plans to operate the ISS until 2030"; "Россия поддержит решение Белого дома продлить работу МКС"), a partner
    among them ("rebuffing a US request to extend the outpost")."""
    own = [a for a in sent.actors() if a.fact == fact]
    if any(_PROPOSAL.match(sent.text, m.end()) for m in _PARTNER.finditer(sent.text, lo, hi)) or any(
        _PARTNER.match(sent.text, m.end()) for m in _PROPOSAL_OF.finditer(sent.text, lo, hi)
    ):
        return True  # "Moscow would not agree to the American proposal to extend", "изучат предложение США продлить"
    # the partner a relative clause is about: "aux côtés des États-Unis et de l'Europe, qui poursuivront"
    if any(_WHO_DOES.match(sent.text, m.end()) for m in _PARTNER.finditer(sent.text, lo, hi)):
        return True
    if sent.comp.speakers is None:
        return False
    return any(
        not any(a.start <= m.start() < a.end for a in own) for m in sent.comp.speakers.finditer(sent.text, lo, hi)
    )


def _acts_jointly(sent: _Sentence, actor: TermMatch) -> bool:
    """ "NASA and Roscosmos", "Roscosmos et la NASA": another known party coordinated with the actor."""
    comp, text = sent.comp, sent.text
    if _JOINT_AFTER.match(text, actor.end) or _JOINT_BEFORE.search(text[max(0, actor.start - 40) : actor.start]):
        return True  # "Russia, US agree", "Russia and the United States", "NASA and Roscosmos"
    if _AMONG.search(text, max(0, actor.start - 20), actor.start):
        return True  # one of a group: "all our international partners, including Roscosmos, are moving toward 2030"
    if comp.speakers is None:
        return False
    for m in comp.speakers.finditer(text, max(0, actor.start - 40), min(len(text), actor.end + 40)):
        if actor.start <= m.start() < actor.end or m.start() <= actor.start < m.end():
            continue
        between = text[m.end() : actor.start] if m.end() <= actor.start else text[actor.end : m.start()]
        if _JOINT.fullmatch(between) and not any(a.start <= m.start() < a.end for a in sent.actors()):
            return True
    return False


# --- step: filters (each returns why a binding is not a claim, or None) --------------------------------------


def rejection(sent: _Sentence, b: Binding) -> str | None:
    """Why a binding is not a claim (the first filter that says so), or None when it is one."""
    for step in (
        _outside_years,
        _unnamed,
        _span,
        _dated_link,
        _other_station,
        _negated,
        _conditional,
        _speculative,
        _denied,
        _opinion,
        _decoy,
        _a_stay,
        _undecided_after,
        _left_undecided,
        _no_decision,
        _publication_date,
        _year_described,
        _as_of,
        _extended_for_a_year,
        _reported_event_date,
        _agreement_date,
        _stated_at,
        _alternatives,
        _talks_date,
        _under_talks,
        _asked_about,
        _in_a_question,
        _later_stage,
    ):
        why = step(sent, b)
        if why is not None:
            return why
    return None


def _unnamed(sent: _Sentence, b: Binding) -> str | None:
    """A fact whose subject the article never names is not what it tells of, even where another fact's actor stood in
    for the subject ("Roscosmos chief Dmitry Rogozin answered that the work would be completed at the end of next
    year", in a story about a spaceport that names no station)."""
    fact = b.event.fact
    if b.note or sent.article is None or sent.subjects(fact):
        return None  # (a binding routed to the fact by its actor or its voice names whose it is)
    if sent.context and sent.comp.subjects(sent.lang, fact, sent.context, context=True):
        return None  # named just before (a scan the binding made already): the whole article need not be read
    return None if sent.article.names(fact) else "its subject is named nowhere in the article"


def _under_talks(sent: _Sentence, b: Binding) -> str | None:
    """A value still under talks is not a plan: "asked about the negotiations to extend the flights until 2028", "вопрос
    продления до 2030-го обсуждается"; unless the clause tells of an agreement reached."""
    talks = sent.cue("talks")
    if talks is None:
        return None  # most sentences name no talks: one search per sentence
    e, d = b.event, b.date
    lo = max(sent.clause_start(min(e.start, d.start)), min(e.start, d.start) - 80)
    hi = min(sent.clause_end(max(e.end, d.end)), max(e.end, d.end) + 25)
    after = max(e.end, d.end)
    m = _first(talks, sent.text, lo, min(e.start, d.start)) or _first(talks, sent.text, after, hi)
    if m is None or not _DISCUSSION.match(m.group(0)):
        return None
    if m.start() >= after and _AFTER_BREAK.search(sent.text, after, m.start()):
        return None  # "до 2030 года и продолжает переговоры с партнерами": talks of the next clause
    if cues.pattern("plan_words", sent.lang).search(sent.text, min(e.end, d.end), max(e.start, d.start)):
        return None  # "discussed the deorbit, scheduled for 2030": the talks were about a date already set
    if any(c.lastgroup == "agreed" and lo <= c.start() < hi for c in sent.modal_cues()):
        return None
    return f"under '{m.group(0)}'"


def _stated_at(sent: _Sentence, b: Binding) -> str | None:
    """A date right after a verb of saying, deciding or publishing dates that act, not the plan: "Russia had originally
    said in 2022 it would leave after 2024", "NASA's previous plan, set in 2022, of operating through 2030". Only the
    words after the event count, so "said Russia would leave in 2025" keeps its date."""
    d = b.date
    if d.qualifier != "in" or _PLAIN_IN.fullmatch(d.cue) is None:
        return None
    act = _ACT_AFTER.match(sent.text, d.end)
    if act is not None:  # "then in 2023 decided to stay until 2028"
        return f"the date of '{act.group(0).strip()}'"
    m = _STATED_AT.search(sent.text, max(sent.clause_start(d.start), d.cue_start - 60), d.cue_start)
    if m is None or any(m.start() < e.end <= d.cue_start for e in sent.events):
        return None
    return f"the date of '{m.group(0).strip()}'"


# A speaker correcting a date just given: "in 2030 — excuse me, in early 2031", "в 2030-м, простите, в 2031 году".
_CORRECTION = re.compile(
    r"\s*[,;:.…]?\s*(?:[—–-]+\s*)?(?:excuse\s+me|I['’]m\s+sorry|sorry|I\s+mean|or\s+rather|correction|pardon"
    r"|excusez-moi|je\s+veux\s+dire|ou\s+plutôt|простите|извините|точнее|вернее)\s*[,;:—–-]?\s*(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


def corrected(sent: _Sentence, b: Binding) -> Binding:
    """A date the speaker corrects at once gives way to the next one, which the event then takes."""
    d = b.date
    for later in sent.dates:
        if d.end <= later.cue_start <= d.end + 40 and _CORRECTION.fullmatch(sent.text, d.end, later.cue_start):
            note = f"'{sent.text[d.cue_start : d.end]}' corrected to '{sent.text[later.cue_start : later.end]}'"
            return replace(b, date=later, hi=max(b.hi, later.cue_start), note=f"{b.note}; {note}" if b.note else note)
    return b


def _alternatives(sent: _Sentence, b: Binding) -> str | None:
    """A date offered with others as alternatives is no plan: "the exit could happen in 2025, 2028 or 2030", "talk of
    going to 2028 or even 2030", "до 2028 или даже 2030 года"."""
    if b.date.form == "alt":
        return "one of alternative dates"
    dates = sent.dates
    i = next((k for k, o in enumerate(dates) if o is b.date), -1)
    if i < 0:
        return None
    # how each date is joined to the next ("or", "," or not at all); the run of joined dates around this one
    links = [_link(sent.text, a, z) for a, z in pairwise(dates)]
    lo = hi = i
    while lo > 0 and links[lo - 1]:
        lo -= 1
    while hi < len(links) and links[hi]:
        hi += 1
    return "one of alternative dates" if "or" in links[lo:hi] else None


def _link(text: str, a: DateMention, z: DateMention) -> str:
    """ "or" when ``z`` follows ``a`` as an alternative, "," when listed after it, "" when the two are not joined."""
    lo, hi = a.end, z.cue_start if z.cue_start >= a.end else z.start
    if _OR_BETWEEN.fullmatch(text, lo, hi):
        return "or"
    return "," if _COMMA_BETWEEN.fullmatch(text, lo, hi) else ""


def _whole_question(text: str) -> bool:
    """A sentence that is one question from start to end ("Will the ISS really fly until 2030?") asserts nothing: it is
    dropped before it is read, as ``_in_a_question`` would drop each of its dates."""
    body = text.rstrip().rstrip("»”\"'")
    return (
        body.endswith("?")
        and body.count("?") == 1
        and not _STATEMENT_END.search(body, 0, len(body) - 1)
        and not _QUESTION_AFTER.search(body)
    )


def _in_a_question(sent: _Sentence, b: Binding) -> str | None:
    """A question inside a sentence asks, it does not assert: "'Will it fly until 2030? Honestly, nobody knows yet,'
    the volunteer said" (a sentence ending with its question is dropped before it is read)."""
    text = sent.text
    q = text.find("?", b.date.end)
    if q < 0:
        return None
    lo = min(b.event.start, b.date.start)
    if _STATEMENT_END.search(text, b.date.end, q) or _STATEMENT_END.search(text, lo, b.date.start):
        return None
    ends = [m.end() for m in _STATEMENT_END.finditer(text, 0, lo)]
    asks = _ASKS.match(text, ends[-1] if ends else 0) is not None
    if not asks and _QUESTION_AFTER.search(text, b.date.end, q):
        return None  # "the ISS is scheduled to retire in 2030, so can Haven-1 bridge the gap?": the question follows
    return "inside a question"


def _asked_about(sent: _Sentence, b: Binding) -> str | None:
    """The premise of a question put to someone is not asserted: "Asked about extending the flights until 2028, he
    said the matter was pending", "Interrogé sur un départ à partir de 2025, il a répondu…"."""
    m = _ASKED.search(sent.text, 0, b.date.start)
    if m is None or _FRAME_CLOSED.search(sent.text, m.end(), b.date.start):
        return None  # "Asked about the ISS, Bakanov said … until 2028": the answer is asserted
    return f"the premise of a question ('{m.group(0)}')"


def _later_stage(sent: _Sentence, b: Binding) -> str | None:
    """For the first of a series, a later stage named between the event and its date takes the date: "the first
    module will launch in 2027, and the complete station will be assembled in two stages until 2035"."""
    if not sent.comp.first_of_series(b.event.fact):
        return None
    e, d = b.event, b.date
    if b.how == CARRIED:  # no event here: the stage may be anywhere in the date's clause ("Four core modules by 2030")
        lo, hi = 0, sent.clause_end(d.end)
    else:  # the event after its date: its words and a few after ("до 2033 года планируется вывести еще пять модулей")
        lo, hi = (e.end, d.start) if e.end <= d.start else (d.end, min(sent.clause_end(e.end), e.end + 25))
    stage = _LATER_STAGE.search(sent.text, lo, hi)
    return None if stage is None else f"a later stage ('{stage.group(0)}')"


def _span(sent: _Sentence, b: Binding) -> str | None:
    """A span of several years written with a dash dates a period ("over the period 2015–2017", "the second stage is
    planned for 2030-2035", "by 2030-2033"), not the one date of a fact; two years in a row may still name when one
    event happens ("deorbit planned for 2030-31")."""
    d = b.date
    wide = d.form == "span" and d.value_end is not None and int(d.value_end[:4]) - int(d.value[:4]) > 1
    return "a span of years" if wide else None


def _dated_link(sent: _Sentence, b: Binding) -> str | None:
    """A date alone in brackets at the end of a line is when a linked story appeared ("Vast books a second Falcon 9
    (May 2024)"), not a value."""
    d, text = b.date, sent.text
    lo = min(d.start, d.cue_start if d.cue_start >= 0 else d.start)
    opened = text.rfind("(", 0, lo)
    if opened < 0 or text[opened + 1 : lo].strip() or not _CLOSES_LINE.match(text, d.end):
        return None
    return "the date of a linked story"


def _outside_years(sent: _Sentence, b: Binding) -> str | None:
    fact = sent.comp.facts[b.event.fact]
    y = int(b.date.value[:4])
    return None if fact.years[0] <= y <= fact.years[1] else f"{y} outside the fact's years"


# A relative clause set off by commas, then the main verb of the event: ", which ... Station, should be operating".
_ASIDE_BEFORE = re.compile(
    r",\s*(?:which|who|qui|dont|котор\w+)\b[^,;:.]*,\s*(?:should|will|would|could|must|may|might|is|are|was|were|has"
    r"|have|had|shall|can|doit|devrait|devra|sera|est|va|будет|должн\w*|может)\s+(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _other_station(sent: _Sentence, b: Binding) -> str | None:
    """The event is nearer to another station's name than to the fact's subject ("after the ISS retires,
    Tiangong will operate until 2035": 2035 is Tiangong's)."""
    e = b.event
    lo, hi = e.start, max(e.end, b.date.end)
    # a name past a clause break is another clause's ("Haven-1 will launch in May 2026; Axiom is later"), and one
    # after the date past a comma belongs to what follows ("reentry in January 2031, at Point Nemo, where Mir was
    # steered")
    foreign = [
        o
        for o in sent.foreign(e.fact)
        if (o.end <= lo and same_clause(sent.bounds, o.start, lo))
        or (
            o.start >= hi
            and not _AFTER_BREAK.search(sent.text, hi, o.start)
            and not _CARRIER.fullmatch(sent.text, hi, o.start)
        )
        or lo < o.end <= hi
    ]
    others = sent.foreign(e.fact)  # most sentences name no other station: no search for the aside then
    aside = _ASIDE_BEFORE.search(sent.text, max(0, lo - 250), lo) if others else None
    if aside is not None and all(
        aside.start() < m.start < aside.end() or any(o.start <= m.start and m.end <= o.end for o in others)
        for m in sent.subjects(e.fact)
    ):
        # the fact's subject only in a relative clause between another station and its verb: "the first segment of
        # Russia's new orbital station, which Moscow regards as the next step after the ISS, should be operating"
        owner = [
            o
            for o in others
            if 0 <= aside.start() - o.end <= 40 and not _AFTER_BREAK.search(sent.text, o.end, aside.start())
        ]
        if owner:
            return f"about '{owner[-1].text}' (the station in between is in its relative clause)"
    if not foreign and _subject_only_before(sent, e.fact, lo, hi):
        # another station named before the event, in any clause of the sentence, is what the sentence is about ("4:31
        # p.m. — Starlab's CEO: single Starship launch still the plan", after lines about Haven-1)
        foreign = [o for o in sent.foreign(e.fact) if o.end <= lo]
    if not foreign:
        return None
    near = min(foreign, key=lambda o: lo - o.end if o.end <= lo else max(0, o.start - hi))
    d_other = lo - near.end if near.end <= lo else max(0, near.start - hi)
    d_subject = None if _owned_by_other(sent, e.fact, foreign) else sent.subject_distance(e.fact, lo, hi)
    if d_subject is None or d_other < d_subject:
        return f"about '{near.text}'"
    return None


def _subject_only_before(sent: _Sentence, fact: str, lo: int, hi: int) -> bool:
    """The fact's subject is not in the sentence, only in the text before it (or nowhere)."""
    distance = sent.subject_distance(fact, lo, hi)
    return distance is None or distance >= _FAR


def _owned_by_other(sent: _Sentence, fact: str, foreign: list[TermMatch]) -> bool:
    """The fact's only subjects in the sentence are possessives ("its own station") whose owner, named before them in
    their clause, is another programme: "Axiom says its own station's first module could fly in 2027"."""
    subjects = sent.subjects(fact)
    return bool(subjects) and all(
        _POSSESSIVE.match(m.text)
        and any(o.end <= m.start and same_clause(sent.bounds, o.start, m.start) for o in foreign)
        for m in subjects
    )


def _negation(sent: _Sentence, b: Binding) -> re.Match[str] | None:
    """A negation between the event (or 40 characters before it, in its clause) and the date; asked by the filter
    and again by ``describe``, so kept per span."""
    key = (b.lo, b.hi)
    if key not in sent.negations:
        lo = max(sent.clause_start(b.lo), b.lo - 40)
        e, d = b.event, b.date
        if e.end <= d.start:  # a relative clause between them has its own polarity ("not to renew its commitment,
            rel = [m.end() for m in _RELATIVE_CLAUSE.finditer(sent.text, e.end, d.start)]  # which runs through 2024")
            lo = max([lo, *rel])
        sent.negations[key] = _first(cues.pattern("negation", sent.lang), sent.text, lo, b.hi)
    return sent.negations[key]


# "not in 2027 as planned, but in 2028", "ne partira pas en 2027 comme prévu, mais en 2028": the date right after the
# "but" is the one the negation points to.
_BUT_THIS = re.compile(r"(?:,\s*|\s)(?:but|mais|а|но)\s+(?:rather\s+|plutôt\s+)?$", re.IGNORECASE)


def _negated(sent: _Sentence, b: Binding) -> str | None:
    neg = _negation(sent, b)
    if neg is None or _not_as_planned(sent.text, sent.lang, b.date, sent.clause_start(b.date.cue_start)) is not None:
        return None
    d = b.date
    if _BUT_THIS.search(sent.text, max(neg.end(), d.cue_start - 16), d.cue_start):
        return None
    if b.date.qualifier == "by" and b.date.cue.lower().startswith(("before", "avant", "раньше", "ранее")):
        rx = sent.cue("normative")
        norm = rx.search(sent.text, sent.clause_start(neg.start()), neg.end() + 20) if rx else None
        if norm is None:
            return None  # "won't be deorbited before 2030" is read as no earlier than 2030 (see describe)
        return f"an opinion: '{norm.group(0)} {neg.group(0)}' ... before"
    return f"negation '{neg.group(0)}'"


def _conditional(sent: _Sentence, b: Binding) -> str | None:
    """A date or event inside a conditional clause ("if the station comes down by 2027"), or in the clause it
    governs when that one is hypothetical ("If Congress refuses, the station could come down in 2026"); a
    condition right after the date governs it too ("until 2030 if funding allows")."""
    text, lang = sent.text, sent.lang
    rx = sent.cue("conditional")
    if rx is None:
        return None
    lo, hi = min(b.event.start, b.date.start), max(b.event.end, b.date.end)
    for m in rx.finditer(text):
        comma = text.find(",", m.end())
        cond_end = sent.clause_end(m.end()) if comma < 0 else min(comma, sent.clause_end(m.end()))
        if m.start() <= hi and lo < cond_end:
            return f"inside the condition '{m.group(0)}'"
        if cond_end <= lo and same_clause(sent.bounds, m.start(), lo):
            hyp = cues.pattern("hypothetical", lang).search(text, cond_end, hi)
            if hyp is not None:
                return f"hypothetical '{hyp.group(0)}' after '{m.group(0)}'"
            slip = cues.pattern("delay", lang).search(text, cond_end, b.date.start)
            if slip is not None:
                return f"a slip on a condition ('{m.group(0)}' … '{slip.group(0)}')"
        if hi <= m.start() <= hi + 25 and same_clause(sent.bounds, hi, m.start()):
            return f"condition '{m.group(0)}' right after the date"
    return None


def _speculative(sent: _Sentence, b: Binding) -> str | None:
    """A possible slip before the date in its clause is a risk, not a plan ("Soyuz-5 debut could slip to 2024"); so
    is an event still weighed, its verb right before it ("Russia is weighing leaving the programme from 2025", "is
    considering pulling out from 2025", but not "is considering leaving and wants to launch … in 2025")."""
    e = b.event
    w = _WEIGHED.search(sent.text, max(0, e.start - 40), e.start)
    if w is not None and not _AFTER_BREAK.search(sent.text, w.end(), e.start):
        return f"an option weighed ('{w.group(0)}')"
    lo = sent.clause_start(min(e.start, b.date.start))
    c = _CAPABLE.search(sent.text, lo, b.date.start)
    if c is not None and c.end() >= e.start and not _AGENCY_SAYS.search(sent.text, max(0, c.start() - 50), c.start()):
        return f"a capability, not a plan ('{c.group(0)}')"
    h = _SUBJECT_OF_MODAL.match(sent.text, b.date.end)
    if h is not None:
        return f"what the dated event would do ('{h.group(0).strip()}')"
    rx = sent.cue("speculative_change")
    if rx is None:
        return None
    m = _first(rx, sent.text, sent.clause_start(min(b.event.start, b.date.start)), b.date.start)
    return None if m is None else f"a possible change ('{m.group(0)}')"


# The end of a quotation and a dash after it: what follows judges the quoted words.
_QUOTE_THEN_DASH = re.compile(r"[^»\"”]{0,12}[»\"”]\s*[—–-]\s*")


def _denied(sent: _Sentence, b: Binding) -> str | None:
    """A denial before the event in its clause, or the plan called pointless after the date."""
    denial, pointless = sent.cue("denial"), sent.cue("pointless")
    if denial is None and pointless is None:
        return None
    lo = sent.clause_start(min(b.event.start, b.date.start))
    m = _first(denial, sent.text, lo, max(b.event.start, b.date.start)) if denial else None
    if m is None and pointless is not None:
        hi = max(b.event.end, b.date.end)
        m = pointless.search(sent.text, hi, sent.clause_end(hi))
        quoted = _QUOTE_THEN_DASH.match(sent.text, hi) if m is None else None
        if quoted is not None:  # "«уничтожить МКС в 2030-м» — не совсем точно": the quoted words are judged
            m = pointless.search(sent.text, quoted.end(), sent.clause_end(quoted.end() + 1))
    return None if m is None else f"denial '{m.group(0)}'"


# Calling an act a mistake is arguing against it: "it would be a mistake to bring it down before 2031", "un départ
# « serait une erreur avant 2030 »" (the words may stand between the event and its date).
_A_MISTAKE = gated(
    r"\bwould\s+be\s+a\s+mistake\b|(?<!\w)(?:serait\s+une\s+erreur|было\s+бы\s+ошибкой)(?!\w)", re.IGNORECASE
)


# Characters from a call on others to act (cue "call_on") to the event it asks for: "urged Congress to fund the
# deorbit vehicle, which NASA says it needs to bring the station down in 2031" asks for the funding, not the deorbit.
_CALLED_EVENT = 25


def _opinion(sent: _Sentence, b: Binding) -> str | None:
    """An opinion of what should happen: someone argues for a date, a bill would set one, or a normative
    modal in a first-person passage ("My view is simple: the ISS should keep flying until 2032")."""
    opinion, normative = sent.cue("opinion"), sent.cue("normative")
    lo = sent.clause_start(min(b.event.start, b.date.start))
    if opinion is not None and opinion.search(sent.text, lo, b.date.start):
        return "an opinion of what should happen"
    first_person = _FIRST_PERSON.search(sent.text)
    # in a first-person sentence the modal may stand in the clause before ("I think the answer should be: keep it
    # flying until 2030")
    norm = normative.search(sent.text, 0 if first_person else lo, b.date.start) if normative else None
    if norm and (first_person or _FIRST_PERSON.search(sent.context)):
        return f"an opinion ('{norm.group(0)}' in a first-person passage)"
    wish = _FIRST_PERSON_WISH.search(sent.text, 0, b.date.start)
    if wish is not None:
        return f"an opinion ('{wish.group(0)}')"
    mistake = _A_MISTAKE.search(sent.text, 0, b.date.start)
    if mistake is not None:
        return f"an opinion ('{mistake.group(0)}')"
    call_on = sent.cue("call_on")
    call = call_on.search(sent.text, lo, b.event.start) if call_on else None
    if call is not None and b.event.start - call.end() <= _CALLED_EVENT:
        return f"a call on others ('{call.group(0).strip()}')"
    hedge = _HEDGE.search(sent.text, 0, b.date.start) if sent.cue("hedge") else None
    return None if hedge is None else f"a personal guess ('{hedge.group(0)}')"


# A stay timed in days, weeks or months ("six mois à bord, jusqu'en mai 2017", "an eight-month stay, returning in July
# 2026", "342 дня на орбите"): a crew's, whose end is no date of the station's.
_STAY = gated(
    r"(?:\d+|\w+)[\s-]+(?:days?|weeks?|months?|jours|semaines|mois|дн(?:я|ей)|недел[иьюя]|месяц(?:а|ев)?|сут(?:ки|ок))(?!\w)",
    re.IGNORECASE,
)


def _a_stay(sent: _Sentence, b: Binding) -> str | None:
    """A month or day that ends a stay counted in days, weeks or months just before it, for the facts of staying on
    the station (the station's operations and a partner's part, which lend and borrow their events)."""
    fact = b.event.fact
    if b.date.granularity == "year" or not (sent.comp.facts[fact].borrows or sent.comp.borrowers[fact]):
        return None
    m = _STAY.search(sent.text, max(0, min(b.event.start, b.date.start) - 120), b.date.start)
    return None if m is None else f"the end of a stay ('{m.group(0)}')"


# What comes after a date depends on something: it is undecided ("extension beyond 2028 depends on its technical
# condition", "sa participation après 2024 dépendra de l'état des modules", "после 2028 года будет зависеть от").
_DEPENDS = re.compile(
    r"[^.;:!?,—–]{0,40}?(?<!\w)(?:depend\w*|(?:is|are)\s+subject\s+to|dépend\w*|завис\w*)", re.IGNORECASE
)


def _undecided_after(sent: _Sentence, b: Binding) -> str | None:
    """A date after which something depends on a condition ("beyond 2028 will depend on") names what is undecided."""
    d = b.date
    if d.qualifier != "after":
        return None
    m = _DEPENDS.match(sent.text, d.end)
    return None if m is None else f"undecided after the date ('{m.group(0).strip()}')"


# What the rest of the sentence says is not decided: "prolonger jusqu'en 2028, mais rien n'est signé", "до 2030-го,
# но это пока пожелание, а не решение", "an extension to 2028, which is a start, not a decision".
_LEFT_UNDECIDED = re.compile(
    r"[^.;:!?]{0,40}?(?<!\w)(?:but|yet|though|although|which\s+is|mais|но|однако)(?!\w)[^.;:!?]{0,40}?(?<!\w)(?:"
    r"nothing\s+(?:has\s+been\s+|is\s+|was\s+)?(?:yet\s+)?(?:signed|decided|agreed)|(?:nobody|no\s+one)\s+has\s+"
    r"(?:yet\s+)?(?:agreed|signed|decided)|not\s+(?:yet\s+)?a\s+(?:decision|plan|commitment)|no\s+(?:formal\s+|official\s+)?"
    r"(?:decision|commitment)|rien\s+n['’]est\s+(?:encore\s+)?(?:signé|décidé|acté)|pas\s+(?:encore\s+)?une\s+décision"
    r"|aucune\s+décision|пожелани\w*|а\s+не\s+решени\w*|ничего\s+не\s+(?:подписано|решено)|решени\w+\s+(?:пока\s+|ещё\s+|еще\s+)?"
    r"нет)(?!\w)(?!\s+(?:on|about|over|for|sur|quant|о|об|по)\s)",
    re.IGNORECASE,
)


def _left_undecided(sent: _Sentence, b: Binding) -> str | None:
    """The rest of the sentence, after a "but", says nothing is decided: the date is a wish or a proposal (unless what
    is undecided is named: "though no decision on a crewed version has been made")."""
    m = _LEFT_UNDECIDED.match(sent.text, b.date.end)
    return None if m is None else f"not decided, says the rest of the sentence ('{m.group(0).strip()}')"


# No decision yet to do the event: "there is to date no official (formal) decision of the partners to deorbit the
# station in 2030-2031", "il n'existe pas de décision formelle … de désorbiter", "нет решения о сведении".
_NO_DECISION = gated(
    r"\bno\s+(?:[\w()-]+\s+){0,2}(?:decision|agreement|consensus|commitment)s?\b|\bno\s+talk\s+(?:of|about)\b"
    r"|(?<!\w)il\s+n['’]est\s+pas\s+question\s+de|(?<!\w)реч[иь]\s+(?:не\s+ид[её]т|нет)|\bnot\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:decided|agreed)\b|(?<!\w)(?:pas\s+(?:encore\s+)?de\s+(?:[\w()-]+\s+){0,2}décision|aucune\s+(?:[\w()-]+\s+){0,2}"
    r"décision|aucun\s+accord|pas\s+(?:encore\s+)?d['’]accord|нет\s+(?:[\w()-]+\s+){0,2}решени\w*"
    r"|решени\w+\s+(?:пока\s+|еще\s+|ещё\s+)?не\s+принят\w*)(?!\w)",
    re.IGNORECASE,
)


def _no_decision(sent: _Sentence, b: Binding) -> str | None:
    """The event is what no decision has been taken on yet, said before it in its clause."""
    e = b.event
    m = _NO_DECISION.search(sent.text, max(sent.clause_start(e.start), e.start - 150), e.start)
    if m is None or "," in sent.text[m.end() : e.start]:  # "After years with no agreement, NASA plans to …"
        return None
    return f"no decision yet ('{m.group(0)}')"


def _decoy(sent: _Sentence, b: Binding) -> str | None:
    """A decoy between event and date, just before the event, just after the date ("returning in September 2024
    aboard Soyuz MS-25"), or anywhere before a light verb in its clause (its subject)."""
    e, d = b.event, b.date
    light = cues.pattern("light", sent.lang).fullmatch(e.text) is not None
    for t in sent.decoys(e.fact):
        if any(o.fact == e.fact and o.start <= t.start and t.end <= o.end for o in sent.events):
            continue  # part of one of the fact's events: "crewed operations would continue until 2028"
        if d.qualifier == "until" and _FUNDS.fullmatch(t.text) and not _LEGISLATION.search(sent.text):
            continue  # "committed to fund the station through 2024": what is funded until a date lasts until it
        if _prices_subject(sent, e.fact, t):
            continue  # "running the $100 billion outpost until at least 2024": the sum describes the station
        if (
            b.lo <= t.start < b.hi
            or t.start <= e.start < e.end <= t.end  # the event inside the decoy: "design work through 2025"
            or t.start < e.start < t.end  # the decoy runs into the event: "stop supporting the ISS in 2025"
            or (
                0 <= e.start - t.end <= 25
                and same_clause(sent.bounds, t.end, e.start)
                and not _acts_between(sent, t, e)
                and not _about_the_subject(sent, e.fact, t.end, e.start)
            )
            or (
                0 <= t.start - d.end <= 25
                and same_clause(sent.bounds, d.end, t.start)
                and not _AFTER_BREAK.search(sent.text, d.end, t.start)
            )
            or (light and t.end <= e.start and same_clause(sent.bounds, t.end, e.start))
            or _decoy_subject(sent, e, t)
        ):
            return f"decoy '{t.text}'"  # a light verb's subject: "the seat-swap arrangement … runs through 2027"
    return None


def _acts_between(sent: _Sentence, t: TermMatch, e: TermMatch) -> bool:
    """Another event between a decoy and the event is what the decoy does ("after the last crews leave, with the
    final reentry in January 2031": the crews leave, the station comes down)."""
    return any(t.end <= x.start and x.end <= e.start for x in sent.events)


def _prices_subject(sent: _Sentence, fact: str, t: TermMatch) -> bool:
    """A sum right before the fact's subject says what the subject cost, not what is budgeted ("the $100 billion
    outpost", "la station à 150 milliards")."""
    return _MONEY.fullmatch(t.text) is not None and any(0 <= m.start - t.end <= 12 for m in sent.subjects(fact))


def _about_the_subject(sent: _Sentence, fact: str, lo: int, hi: int) -> bool:
    """A relative clause between ``lo`` and ``hi`` opened right after the fact's subject tells of the subject ("flying
    to the station, which is to be operated until 2028"), not of the decoy before it ("the cross flights, which the
    sides extended until 2027")."""
    rel = _RELATIVE.search(sent.text, lo, hi)
    return rel is not None and any(0 <= rel.start() - m.end <= 2 for m in sent.subjects(fact))


def _decoy_subject(sent: _Sentence, e: TermMatch, t: TermMatch) -> bool:
    """A decoy before the event in its clause is what the event is about when the fact's subject is not named in
    the sentence ("The first four-person crew, flying on a Dragon, would go up no earlier than late June 2026";
    "the cross-flight agreement, signed in 2022 and extended until 2027")."""
    if e.start < t.end or not same_clause(sent.bounds, t.end, e.start):
        return False
    # the subject named only as a place or an owner between them is no rival ("les vols croisés avec la NASA vers
    # la Station spatiale internationale seraient prolongés jusqu'en 2025")
    # (but not when a relative clause makes it the event's subject: "to dock with the ISS, which partners plan to
    # operate until 2024")
    subjects = sent.subjects(e.fact)
    return not subjects or (
        "," not in sent.text[t.end : e.start]
        and all(
            t.end <= m.start < e.start
            and _GENITIVE.search(sent.text, max(0, m.start - 12), m.start)
            and not _RELATIVE.search(sent.text, m.end, e.start)
            for m in subjects
        )
    )


# Any relative pronoun, with or without a comma (``_WHICH`` opens only the clauses set off by one).
_RELATIVE = re.compile(r"(?<!\w)(?:which|whose|that|where|qui|que|dont|où|котор\w+|где)(?!\w)", re.IGNORECASE)


def _publication_date(sent: _Sentence, b: Binding) -> str | None:
    """A full date within a day of the article's own date is its dateline ("Tuesday, July 26, 2022 - updated")."""
    d = b.date
    if d.granularity != "day" or sent.published is None:
        return None
    day = dt.date.fromisoformat(d.value)
    return "the article's own date" if abs((day - sent.published).days) <= 1 else None


def _extended_for_a_year(sent: _Sentence, b: Binding) -> str | None:
    """ "Продлено на 2026 год": extended for one more year (a seat-swap deal, a programme), not to an end date."""
    d = b.date
    if sent.lang != "ru" or d.cue.lower() != "на":
        return None
    m = _EXTENDED.search(sent.text, max(sent.clause_start(d.start), d.cue_start - 40), d.cue_start)
    return None if m is None else f"extended for a year ('{m.group(0)} на')"


def _year_described(sent: _Sentence, b: Binding) -> str | None:
    """A year said to be decisive or critical is a year described, not a plan's value ("2028 will be a very critical
    year for the continuation of work on the ISS", "Rogozin named 2028 a critical year", "2028 год станет
    определяющим"), a remark between dashes included ("2028 will be a — his word was 'critical' — a critical year")."""
    m = _DESCRIBED.match(sent.text, b.date.end)
    return None if m is None else f"a year described ('{m.group(0).strip()}')"


def _as_of(sent: _Sentence, b: Binding) -> str | None:
    """A date things stand at is the time of writing, not a plan's value ("here is where the plans for its retirement
    stand at the end of 2022", "as of 2025", "по состоянию на 2025 год")."""
    d = b.date
    lo = d.cue_start if 0 <= d.cue_start < d.start else d.start
    m = _STANDS_AT.search(sent.text, max(0, lo - 25), lo)
    return None if m is None else f"the time things stand at ('{m.group(0).strip()}')"


def _reported_event_date(sent: _Sentence, b: Binding) -> str | None:
    d = b.date
    ev_lo = b.lo if b.how == "backward" else max(0, d.cue_start - 40)
    if (
        d.granularity != "year"
        and d.qualifier == "in"
        and d.cue
        and d.cue.lower() not in TARGET_CUES
        and _first(cues.pattern("event_date", sent.lang), sent.text, ev_lo, d.cue_start)
    ):
        return "the date of a reported event"  # "met on July 31, 2025"
    return None


def _agreement_date(sent: _Sentence, b: Binding) -> str | None:
    d = b.date
    cue_at = d.cue_start if d.cue_start < d.start else d.start
    if (
        d.qualifier == "in"
        and d.cue.lower() not in TARGET_CUES
        and cues.pattern("agreed_at", sent.lang).search(sent.text[max(0, cue_at - 40) : cue_at])
    ):
        return "when an agreement was made"  # "than was agreed in summer 2025"
    return None


def _talks_date(sent: _Sentence, b: Binding) -> str | None:
    """A date bound forward is the date of talks or of a statement when such a word stands before it ("will hold
    talks with NASA in 2027 on how to bring the station down") or between it and the event ("On November 12,
    2025, Bakanov said the launch would happen")."""
    d = b.date
    if d.qualifier != "in" or d.cue.lower() in TARGET_CUES:
        return None  # "discussed the deorbit, scheduled for 2030": the date the talks were about
    if b.how == "backward":  # "deorbit talks in 2026", "une réunion consacrée à la fin de vie … en novembre 2026"
        e = b.event
        talks = cues.pattern("talks", sent.lang)
        m = _first(talks, sent.text, e.end, d.cue_start) or _first(
            talks, sent.text, max(sent.clause_start(e.start), e.start - 60), e.start
        )
        return None if m is None else f"the date of '{m.group(0)}'"
    if b.how != "forward":
        return None
    lo = max(sent.clause_start(d.start), d.cue_start - 50)
    talks = cues.pattern("talks", sent.lang)
    m = (
        _first(talks, sent.text, lo, d.cue_start)
        or _first(talks, sent.text, d.end, b.event.start)  # "will hold in 2026 negotiations", "в 2026 году встретиться"
        or _first(cues.pattern("event_date", sent.lang), sent.text, d.end, b.event.start)
    )
    return None if m is None else f"the date of '{m.group(0)}'"


# --- step: describe (status, modality, speaker, confidence, explanation) ------------------------------------


@dataclass(frozen=True)
class _Value:
    """One value a binding asserts, with its qualifier and, for the old value of a change, its forced status."""

    value: str
    qualifier: str
    value_end: str | None
    status: str = ""


def describe(sent: _Sentence, b: Binding) -> list[Claim]:
    """One claim per value the binding asserts: a change "from 2024 to 2030" gives the old value as history. The
    explanation is assembled from the steps that decided the claim: binding, actor, subject, status, modality,
    speaker."""
    d, e = b.date, b.event
    fact = sent.comp.facts[e.fact]
    speaker, speaker_why = sent.speaker()
    modality, modality_why = _modality(sent.modal_cues(), d.start, sent.bounds)
    subj = sent.subjects(fact.key)
    out = []
    for v in _values(sent, b):
        decided = _value_status(sent, b, fact, v)
        if decided is None:
            continue  # "assembled in November 2022", "in 2019 Rogozin promised": a past event, no plan
        status, why = decided
        steps = (
            f"event '{e.text}' ({fact.key}) bound {b.how} to date '{sent.text[d.cue_start : d.end]}'",
            b.note,
            f"subject '{subj[0].text}'" if subj else "subject in preceding sentences",
            f"lang {sent.lang}",
            f"{status}: {why}",
            modality_why,
            speaker_why,
        )
        out.append(
            Claim(
                fact=fact.key,
                value=v.value,
                granularity=d.granularity if v.value == d.value else "year",
                qualifier=v.qualifier,
                value_end=v.value_end,
                status=status,
                modality=modality,
                speaker=speaker,
                sentence=sent.text,
                start=sent.s.start,
                end=sent.s.end,
                confidence=_confidence(b, bool(subj), d, modality),
                lang=sent.lang,
                explanation="; ".join(x for x in steps if x),
            )
        )
    return out


def _values(sent: _Sentence, b: Binding) -> list[_Value]:
    """The values of a binding: both ends of a change "from 2024 to 2030" (the first as history), else the date's
    value; "won't be deorbited before 2030" is read as no earlier than 2030 (see ``_negated``)."""
    d, e = b.date, b.event
    qualifier = "no_earlier_than" if _negation(sent, b) is not None else d.qualifier
    scope_lo = sent.clause_start(min(e.start, d.start))
    if (
        d.form == "from_to"
        and d.value_end
        and cues.pattern("change", sent.lang).search(sent.text, scope_lo, d.cue_start)
    ):
        return [_Value(d.value, "in", None, "historical"), _Value(d.value_end, "until", None)]
    return [_Value(d.value, qualifier, d.value_end)]


def _value_status(sent: _Sentence, b: Binding, fact: Fact, v: _Value) -> tuple[str, str] | None:
    """(status, reason) of one value; None for a past date read with a plain "in" and no plan word: a past
    event, not a plan."""
    if v.status:
        return v.status, f"changed from {v.value} (from ... to ...)"
    status, why = _status(sent.text, sent.lang, b, fact, v.value, sent.published, sent.dates, sent.bounds)
    if (
        v.qualifier in ("in", "range")
        and why.startswith(_PAST_REASON)
        and (b.how == "forward" or not _planned(sent, b))
    ):
        return None  # "then in April 2023 promised to keep its segment until 2028": when it was said
    return status, why.removeprefix(_PAST_REASON)


def _planned(sent: _Sentence, b: Binding) -> bool:
    """A plan word in the date's clause before it ("would take place in 2023", "devait", "планировалось"), and after
    any other date there (whose plan it is: "had been due to end in 2020 before an extension in 2014")."""
    lo = sent.clause_start(min(b.event.start, b.date.start))
    lo = max([lo, *(d.end for d in sent.dates if lo <= d.end <= b.date.start and d is not b.date)])
    return cues.pattern("plan_words", sent.lang).search(sent.text, lo, b.date.start) is not None


def _past(value: str, published: dt.date) -> bool:
    """The whole period the value names (a year, a month, a day) ended before the publication date."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return parts[0] < published.year
    if len(parts) == 2:
        return (parts[0], parts[1]) < (published.year, published.month)
    return dt.date(*parts) < published


def _clause_end(bounds: list[int], pos: int, default: int) -> int:
    """The first clause boundary after ``pos`` (``bounds`` ascending), else ``default``."""
    i = bisect_left(bounds, pos)
    return bounds[i] if i < len(bounds) else default


def _clause_start(bounds: list[int], pos: int) -> int:
    """The last clause boundary before ``pos`` (``bounds`` ascending), else 0."""
    i = bisect_left(bounds, pos)
    return bounds[i - 1] if i else 0
