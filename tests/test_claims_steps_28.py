"""The steps added in claims-2.8, one behaviour each: signing up and a commitment that expires name the end of Russia's
part; what the rest of a sentence says is not decided yet ("but nothing has been signed") is no plan, unless it names
another thing that is undecided."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_claims_values import keys


@pytest.mark.parametrize(
    ("text", "lang", "published", "value"),
    [
        (
            "Roscosmos has signed up for the space station only until 2028, officials said.",
            "en",
            dt.date(2023, 11, 6),
            "2028",
        ),
        ("For Russia, the term on the International Space Station expires in 2024.", "en", dt.date(2022, 2, 1), "2024"),
        ("Russia's stake in the space station expires at the end of 2024.", "en", dt.date(2022, 2, 1), "2024"),
        (
            "Pour la Russie, le mandat à bord de la Station spatiale internationale expire en 2024.",
            "fr",
            dt.date(2022, 2, 1),
            "2024",
        ),
        ("Для России срок пребывания на МКС истекает в 2024 году.", "ru", dt.date(2022, 2, 1), "2024"),
    ],
)
def test_signing_up_and_an_expiring_commitment_end_russias_part(text, lang, published, value):
    assert ("iss.russia_participation_end", value, "current") in keys(text, published, lang)
    assert not any(f == "iss.operations_end" and v == value for f, v, _ in keys(text, published, lang))


PLANS = [
    ("Washington wants to keep the International Space Station flying until 2030", "en"),
    ("Les États-Unis veulent prolonger l'exploitation de la Station spatiale internationale jusqu'en 2030", "fr"),
    ("Американцы хотят продлить эксплуатацию МКС до 2030 года", "ru"),
]
UNDECIDED = {
    "en": ", but nothing has been signed.",
    "fr": ", mais rien n'est signé.",
    "ru": ", но это пока пожелание, а не решение.",
}


@pytest.mark.parametrize(("plan", "lang"), PLANS)
def test_what_the_rest_of_the_sentence_says_is_undecided_is_no_plan(plan, lang):
    published = dt.date(2021, 6, 1)
    assert ("iss.operations_end", "2030", "current") in keys(plan + ".", published, lang)
    assert not any(f == "iss.operations_end" for f, _, _ in keys(plan + UNDECIDED[lang], published, lang))


def test_an_undecided_thing_named_after_the_date_leaves_the_plan_standing():
    text = (
        "The first module of the Russian Orbital Station is still planned for 2027, Roscosmos said, though no decision "
        "on a crewed version has been made."
    )
    assert ("ros.first_module_launch", "2027", "current") in keys(text, dt.date(2024, 6, 10), "en")
