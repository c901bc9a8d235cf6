"""No-break spaces where a line must not break (text/typeset.py), and the typographic quotes
briefgen adds."""

from __future__ import annotations

import pytest

from briefgen.text import typeset, words
from briefgen.text.i18n import ENGLISH, Locale
from briefgen.text.typeset import NBSP, bind, bind_html


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("overdue 29 days", "overdue 29_days"),
        ("en retard de 21 jours", "en retard de 21_jours"),
        ("Wed 25 Nov", "Wed_25_Nov"),
        ("le mar. 24 nov.", "le mar._24_nov."),
        ("7 business days before booklet", "7_business_days before booklet"),
        ("2 jours ouvrables avant", "2_jours_ouvrables avant"),
        ("dated 2 Nov 2027, in the future", "dated 2_Nov_2027, in the future"),
        ("ours is 62,000 USD", "ours is 62,000_USD"),
        ("stayed 20 years, then", "stayed 20_years, then"),
        ("mardi 24 novembre 2026", "mardi_24_novembre_2026"),
        ("50 % of it", "50_% of it"),
    ],
)
def test_a_number_is_bound_to_its_unit_and_a_date_holds_together(text, bound):
    assert bind(text) == bound.replace("_", NBSP)


@pytest.mark.parametrize(
    "text",
    ["two days ago", "Novak 12 won", "page 3 of the report", "in 2026 we", "Monday meetings"],
)
def test_other_spaces_are_left_alone(text):
    assert bind(text) == text


def test_only_the_page_text_is_bound_never_a_tag_or_the_stylesheet():
    page = '<style>.x::after { content: "3 days"; }</style><p title="3 days">in 3 days</p>'
    assert bind_html(page) == page.replace("in 3 days", f"in 3{NBSP}days")


def test_the_quotes_briefgen_adds_are_typographic():
    english = words.verdict("self_check", "bad", ENGLISH)
    assert "\u201conly call me when you need me\u201d" in english
    assert "'" not in english
    french = words.verdict("self_check", "bad", Locale("fr-CA"))
    assert "\u00ab\u00a0celui qui n\u2019appelle que pour vendre\u00a0\u00bb" in french


def _every_rule(text: str) -> str:
    text = typeset._RULES[0].sub(typeset.NBSP, text)
    for rule in typeset._RULES[1:]:
        text = rule.sub(lambda m: m.group(1) + typeset.NBSP, text)
    return text


@pytest.mark.parametrize(
    "text",
    [
        "7 business days before the meeting",
        "two business days, jours ouvrables, jours ouvrés, días hábiles",
        "Wed Nov Tuesday novembre mar. nov. Dezember de diciembre",
        "no date \n  ",
        "Nov 2027, le mar. 24 nov., 3. Dezember 2026, 1 de diciembre de 2026, 60,000 USD, 5 %",
        "",
    ],
)
def test_the_shortcut_for_text_without_a_digit_binds_as_every_rule_does(text):
    # every rule but the one for units of two words needs a digit: text without one skips them
    assert bind(text) == _every_rule(text)
