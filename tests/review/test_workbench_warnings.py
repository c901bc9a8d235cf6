"""`check`'s workbench warnings: a walk-away more than 10 % off the BATNA (which way, in plain
words), and questions that can be answered yes or no (English and French)."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.review.warnings import closed_question, warnings

TODAY = dt.date(2026, 11, 20)


def found(text: str) -> list[str]:
    document = load_text(textwrap.dedent(text), "dan.yaml")
    return [
        f"{p.line}:{p.column}: {p.path}: {p.message}\n  hint: {p.hint}"
        for p in warnings(document, validate(document), TODAY)
    ]


ALTERNATIVES = """\
name: Dan
negotiation:
  side: {side}
  currency: USD
  walk_away: {walk_away}
  alternatives:
    - {{name: the recruiting firm's workshop series, value: 40000, p: 0.8, cost: 2000}}
    - {{name: a conference talk, value: 20000}}
"""


def test_a_seller_walking_away_above_the_batna_would_refuse_a_better_deal():
    assert found(ALTERNATIVES.format(side="seller", walk_away=45000)) == [
        "5:14: negotiation.walk_away: walk-away point 45,000 USD is above the BATNA 30,000 USD "
        "(the recruiting firm's workshop series) by more than 10 %: we would walk away from a "
        "deal better than the alternative\n"
        "  hint: set walk_away near 30,000 USD, or check the alternatives' value, p and cost"
    ]


def test_a_seller_walking_away_below_the_batna_would_accept_a_worse_deal():
    (warning,) = found(ALTERNATIVES.format(side="seller", walk_away=20000))
    assert "is below the BATNA 30,000 USD" in warning
    assert "we would accept a deal worse than the alternative" in warning


def test_a_buyer_is_the_mirror():
    (above,) = found(ALTERNATIVES.format(side="buyer", walk_away=45000))
    assert "we would accept a deal worse than the alternative" in above
    (below,) = found(ALTERNATIVES.format(side="buyer", walk_away=20000))
    assert "we would walk away from a deal better than the alternative" in below


def test_within_ten_per_cent_no_warning():
    assert found(ALTERNATIVES.format(side="seller", walk_away=32000)) == []
    assert found(ALTERNATIVES.format(side="seller", walk_away=27500)) == []


QUESTIONS = """\
name: Dan
negotiation:
  questions:
    - What would make this an easy yes for your board?
    - Is there anything I can do to help?
    - Comment pourriez-vous présenter cela au conseil ?
    - Pouvez-vous signer cette semaine ?
    - Est-ce que le conseil a vu les résultats ?
    - How would you like to proceed?
"""


def test_yes_no_questions_are_warned_with_a_what_or_how_form():
    assert [line.split("\n")[0] for line in found(QUESTIONS)] == [
        "5:7: negotiation.questions[1]: 'Is there anything I can do to help?' can be "
        "answered yes or no",
        "7:7: negotiation.questions[3]: 'Pouvez-vous signer cette semaine ?' can be "
        "answered yes or no",
        "8:7: negotiation.questions[4]: 'Est-ce que le conseil a vu les résultats ?' can be "
        "answered yes or no",
    ]
    assert "ask it with what or how" in found(QUESTIONS)[0]


@pytest.mark.parametrize(
    ("question", "closed"),
    [
        ("Do you have a budget?", True),
        ("Could we meet on Friday?", True),
        ("Y a-t-il autre chose ?", True),
        ("Avez-vous le budget ?", True),
        ("Who else needs to see the proposal?", False),
        ("Qu'est-ce qui vous ferait dire oui ?", False),
        ("Quel budget avez-vous ?", False),
        ("Why now?", False),
    ],
)
def test_closed_questions(question, closed):
    assert closed_question(question) is closed


def test_the_examples_are_clean(run_cli):
    result = run_cli("check", "profiles", "--today", "2026-11-20", "--strict")
    assert result.exit_code == 0, result.output


def test_their_alternatives_leaving_no_deal_zone_are_warned_where_written():
    text = """\
    name: Dan
    negotiation:
      currency: USD
      opening: 60000
      walk_away: 45000
      their_alternatives:
        - {name: an in-house trainer, value: 48000, p: 0.6}
    """
    assert [line.split("\n")[0] for line in found(text)] == [
        "7:5: negotiation.their_alternatives: no deal zone: their walk-away is estimated at "
        "28,800 USD, ours is 45,000 USD"
    ]


def test_a_table_with_no_equivalent_offer_is_warned():
    text = """\
    name: Dan
    negotiation:
      issues:
        - name: term
          weight: 1
          options: [{value: 6 months, score: 0}, {value: 12 months, score: 100}]
      meso: {value: 50, tolerance: 5}
    """
    assert [line.split("\n")[0] for line in found(text)] == [
        "7:9: negotiation.meso: no package is worth 50 \u00b1 5 to us: there are no "
        "equivalent offers to make"
    ]
    assert found(text.replace("tolerance: 5", "tolerance: 50")) == []
