"""The words for the other side of the table, the meeting record and the self-check scale, in
the locale each function takes: French from the catalogue, English exactly as before."""

from __future__ import annotations

import datetime as dt

from briefgen.dossier.model import Meeting
from briefgen.facts.negotiation import ackerman_plan, deal_zone
from briefgen.text import localized, words
from briefgen.text.i18n import ENGLISH


def test_deal_zone_in_french():
    assert words.deal_zone(deal_zone("seller", 45_000, 50_000), "CAD", locale="fr-CA") == (
        "zone d\u2019entente\u00a0: de 45\u00a0000 à 50\u00a0000\u00a0$"
    )
    assert words.deal_zone(deal_zone("seller", 62_000, 55_000), None, locale="fr-CA") == (
        "aucune zone d\u2019entente\u00a0: leur seuil de rupture est estimé à 55\u00a0000, "
        "le nôtre est de 62\u00a0000"
    )
    touching = words.deal_zone(deal_zone("buyer", 50_000, 50_000), None, locale="fr-FR")
    assert touching.startswith(
        "zone d\u2019entente\u00a0: un seul point, 50\u202f000"
    )  # CLDR fr-FR
    assert words.deal_zone(None, locale="fr-CA") == ""


def test_deal_zone_hint_in_french_and_english():
    zone = deal_zone("seller", 62_000, 55_000)
    assert words.deal_zone_hint(zone, "fr-CA").startswith("l\u2019autre partie ne peut pas payer")
    assert words.deal_zone_hint(zone, locale=ENGLISH).startswith("they cannot pay what we need")


def test_offer_steps_in_french():
    seller = ackerman_plan("seller", 52_000, opening=60_000)
    steps = words.offer_steps(seller, "fr-CA")
    assert steps[0] == "ouverture"
    assert steps[-1] == "finale"
    assert all(step.startswith("\u2212") and "\u00a0" in step for step in steps[1:-1])
    buyer = ackerman_plan("buyer", 52_000)
    assert words.offer_steps(buyer, "fr-CA") == ["65\u00a0%", "85\u00a0%", "95\u00a0%", "finale"]
    assert words.offer_steps(buyer, locale=ENGLISH) == [
        "65 %",
        "85 %",
        "95 %",
        "final",
    ]  # English as it was
    assert words.offer_steps(seller, locale=ENGLISH)[0] == "open"


def test_offer_plan_flags_in_french():
    plan = ackerman_plan("buyer", 52_000, opening=40_000, walk_away=60_000)
    assert words.offer_plan_flags(plan, None, locale="fr-CA") == [
        "notre ouverture (40\u00a0000) n\u2019est pas la première offre du plan (33\u00a0800)"
    ]
    wrong = ackerman_plan("seller", 52_000, opening=50_000)
    assert words.offer_plan_flags(wrong, "CAD", locale="fr-CA") == [
        "notre ouverture (50\u00a0000\u00a0$) est du mauvais côté de la cible (52\u00a0000\u00a0$)"
    ]


def test_meeting_status_in_french_and_english():
    day = dt.date(2026, 10, 2)
    late = Meeting(date=day, late_minutes=20)
    missed = Meeting(date=day, missed=True)
    on_time = Meeting(date=day, late_minutes=0)
    assert [words.meeting_status(m, "fr-CA") for m in (late, missed, on_time)] == [
        "20 min de retard",
        "manqué",
        "à l\u2019heure",
    ]
    assert [words.meeting_status(m, locale=ENGLISH) for m in (late, missed, on_time)] == [
        "20 min late",
        "missed",
        "on time",
    ]


def test_meeting_passed_says_rencontre_in_quebec_and_reunion_in_france():
    day = dt.date(2026, 11, 18)
    assert words.meeting_passed(day, -2, "fr-CA").startswith(
        "la rencontre a eu lieu le mercredi 18 novembre 2026 (il y a 2 jours)"
    )
    assert words.meeting_passed(day, -2, "fr-FR").startswith("la réunion a eu lieu le")
    assert words.meeting_passed(day, -2, locale=ENGLISH) == (
        "the meeting was on Wednesday 18 November 2026 (2 days ago): the sheet says it was "
        "held; update negotiation.when for the next one"
    )


def test_the_sheet_helpers_are_bound_to_the_locale():
    french = localized.helpers("fr-CA")
    english = localized.helpers("en")
    assert french["self_check_scale"].startswith("de \u22124 à +8\u00a0: rencontres")
    assert english["self_check_scale"] == words.SELF_CHECK_SCALE
    plan = ackerman_plan("buyer", 52_000)
    assert french["offer_steps"](plan)[-1] == "finale"
    assert french["meeting_status"](Meeting(date=dt.date(2026, 1, 5), missed=True)) == "manqué"
    assert french["deal_zone_words"](deal_zone("seller", 62_000, 55_000)).startswith("aucune")
