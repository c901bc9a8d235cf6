"""The workbench's numbers (facts/workbench.py): the issue's worked example exactly, a buyer,
ties, a `never` option, too few equivalent packages, and the BATNA."""

from __future__ import annotations

import pytest

from briefgen.dossier.model import Negotiation
from briefgen.facts.workbench import (
    all_packages,
    alternatives,
    batna,
    walk_away_off,
    workbench,
)

FEE = {
    "name": "fee",
    "weight": 50,
    "their_weight": 20,
    "range": [45000, 60000],
    "step": 3000,
    "figures": True,
}
TERM = {
    "name": "term",
    "weight": 30,
    "their_weight": 50,
    "options": [
        {"value": "6 months", "score": 0, "theirs": 30},
        {"value": "12 months", "score": 70, "theirs": 100, "planned": True},
        {"value": "24 months", "score": 100, "theirs": 60},
    ],
}
SESSIONS = {
    "name": "sessions per quarter",
    "weight": 20,
    "their_weight": 30,
    "options": [
        {"value": 3, "score": 100, "theirs": 0},
        {"value": 4, "score": 50, "theirs": 60},
        {"value": 5, "score": 0, "theirs": 100},
    ],
}


def negotiation(**changes) -> Negotiation:
    data = {
        "currency": "USD",
        "issues": [FEE, TERM, SESSIONS],
        "meso": {"value": 70, "tolerance": 2},
        **changes,
    }
    return Negotiation.model_validate(data)


def said(bench, package) -> tuple:
    """A package as the issue writes it: (60000, '12 months', '5'), V, U."""
    values = tuple(
        option.amount if option.value is None else option.value
        for issue, index in zip(bench.issues, package.choices, strict=True)
        for option in [issue.options[index]]
    )
    return values, round(package.ours, 9), round(package.theirs, 9)


def test_worked_example_three_equivalent_offers_with_their_values():
    bench = workbench(negotiation())
    assert [said(bench, p) for p in bench.offers] == [
        ((60000, "12 months", "5"), 71, 80),
        ((57000, "12 months", "4"), 71, 72),
        ((57000, "24 months", "5"), 70, 64),
    ]


def test_worked_example_never_offer_is_equal_for_us_and_worst_for_them():
    bench = workbench(negotiation())
    assert said(bench, bench.never_offer) == ((60000, "6 months", "3"), 70, 15)
    assert all(bench.never_offer.theirs <= p.theirs for p in bench.equivalent)


def test_worked_example_one_point_is_300_usd():
    assert workbench(negotiation()).point_value == 300


def test_worked_example_sessions_4_to_5_costs_10_points_3000_usd_gains_12():
    bench = workbench(
        negotiation(
            concessions=[
                {"give": "a fifth session", "issue": "sessions per quarter", "from": 4, "to": 5}
            ]
        )
    )
    (priced,) = bench.concessions
    assert priced.index == 0
    assert (
        round(priced.move.cost, 9),
        round(priced.move.money, 6),
        round(priced.move.gain, 9),
    ) == (
        10,
        3000,
        12,
    )


def test_worked_example_term_24_to_12_costs_9_points_2700_usd_gains_20():
    bench = workbench(negotiation())
    term = [m for m in bench.moves if bench.issues[m.issue].name == "term"]
    assert len(term) == 1  # 6 -> 12 months gains us too: not a concession
    (move,) = term
    options = bench.issues[1].options
    assert (options[move.start].value, options[move.end].value) == ("24 months", "12 months")
    assert (round(move.cost, 9), round(move.money, 6), round(move.gain, 9)) == (9, 2700, 20)


def test_worked_example_concessions_cheapest_per_point_first():
    bench = workbench(negotiation())
    rates = [m.rate for m in bench.moves]
    assert rates == sorted(rates)
    first = bench.moves[0]
    assert bench.issues[first.issue].name == "term"  # 9 points for 20 of theirs: 0.45
    assert all(m.gain > 0 and m.cost >= 0 for m in bench.moves)


def test_every_equivalent_package_is_within_tolerance_and_none_is_missed():
    bench = workbench(negotiation())
    everything = all_packages(bench.issues)
    near = {p.choices for p in everything if abs(p.ours - 70) <= 2 + 1e-9}
    assert {p.choices for p in bench.equivalent} == near
    assert [p.theirs for p in bench.equivalent] == sorted(
        (p.theirs for p in bench.equivalent), reverse=True
    )


def test_offers_differ_from_each_other_in_two_issues():
    bench = workbench(negotiation())
    a, b, c = bench.offers
    assert min(a.differs(b), a.differs(c), b.differs(c)) >= 2


def test_default_target_is_the_target_price_with_each_planned_option():
    # target 54,000 scores 60 on the fee; 12 months is planned (70); sessions unplanned (50)
    bench = workbench(negotiation(meso=None, target=54000))
    assert bench.target_source == "planned"
    assert round(bench.target, 9) == round(0.5 * 60 + 0.3 * 70 + 0.2 * 50, 9)
    assert bench.tolerance == 2


def test_figures_issue_range_defaults_to_walk_away_and_opening():
    fee = {k: v for k, v in FEE.items() if k != "range"}
    bench = workbench(negotiation(issues=[fee, TERM, SESSIONS], walk_away=45000, opening=60000))
    assert [o.amount for o in bench.issues[0].options] == [45000, 48000, 51000, 54000, 57000, 60000]
    assert bench.point_value == 300


def test_a_buyer_scores_the_lower_price_higher():
    price = {
        "name": "price",
        "weight": 60,
        "their_weight": 50,
        "range": [100000, 80000],  # worst, best: as the buyer we want it low
        "step": 5000,
        "figures": True,
    }
    delivery = {
        "name": "delivery",
        "weight": 40,
        "their_weight": 50,
        "options": [
            {"value": "90 days", "score": 0},
            {"value": "60 days", "score": 50},
            {"value": "30 days", "score": 100},
        ],
    }
    bench = workbench(
        Negotiation.model_validate(
            {"currency": "EUR", "issues": [price, delivery], "meso": {"value": 60, "tolerance": 0}}
        )
    )
    price_options = bench.issues[0].options
    assert [(o.amount, o.ours, o.theirs) for o in price_options][:2] == [
        (100000, 0, 100),
        (95000, 25, 75),
    ]
    assert bench.point_value == pytest.approx(20000 / 60)
    # V = 0.6 * price + 0.4 * delivery: only 80,000 (100) with 90 days (0) makes 60
    assert [said(bench, p) for p in bench.offers] == [((80000, "90 days"), 60, 50)]
    moves = {
        (bench.issues[m.issue].name, m.start, m.end): (round(m.cost, 9), round(m.money, 6))
        for m in bench.moves
    }
    # paying 5,000 more costs us 0.6 * 25 = 15 points, 5,000 EUR
    assert moves[("price", 3, 2)] == (15, 5000)


def test_ties_in_their_value_go_to_ours_then_table_order():
    issues = [
        {
            "name": "a",
            "weight": 1,
            "options": [{"value": "a1", "score": 0}, {"value": "a2", "score": 100}],
        },
        {
            "name": "b",
            "weight": 1,
            "options": [{"value": "b1", "score": 0}, {"value": "b2", "score": 100}],
        },
    ]
    bench = workbench(
        Negotiation.model_validate({"issues": issues, "meso": {"value": 50, "tolerance": 0}})
    )
    # a2+b1 and a1+b2 are both V 50, U 50: table order decides, a1+b2 first
    assert [p.choices for p in bench.equivalent] == [(0, 1), (1, 0)]
    assert [p.choices for p in bench.offers] == [(0, 1), (1, 0)]


def test_a_never_option_is_in_no_offer_and_no_move():
    never_term = {
        **TERM,
        "options": [{**TERM["options"][0], "never": True}, *TERM["options"][1:]],
    }
    bench = workbench(negotiation(issues=[FEE, never_term, SESSIONS]))
    assert all(p.choices[1] != 0 for p in bench.equivalent)
    assert said(bench, bench.never_offer) == ((51000, "24 months", "3"), 70, 42)
    assert all(not (m.issue == 1 and m.end == 0) for m in bench.moves)


def test_fewer_than_three_equivalent_packages_are_not_padded():
    bench = workbench(negotiation(meso={"value": 97, "tolerance": 1}))
    # only 60,000 with 24 months and 3 sessions (100) is off; 57,000 + 24 + 3 is 90
    assert bench.equivalent == ()
    assert bench.offers == ()
    assert bench.never_offer is None
    bench = workbench(negotiation(meso={"value": 90, "tolerance": 0}))
    assert [said(bench, p) for p in bench.offers] == [
        ((60000, "24 months", "4"), 90, 48),
        ((57000, "24 months", "3"), 90, 34),
    ]
    assert bench.never_offer is None  # both are offered: none is left to warn about


def test_no_issues_no_workbench():
    assert workbench(Negotiation.model_validate({"currency": "USD"})) is None
    assert workbench(None) is None


def test_batna_is_the_best_expected_alternative():
    found = batna(
        Negotiation.model_validate(
            {
                "alternatives": [
                    {
                        "name": "the recruiting firm's workshop series",
                        "value": 40000,
                        "p": 0.8,
                        "cost": 2000,
                    },
                    {"name": "a conference talk", "value": 50000, "p": 0.5},
                ]
            }
        ).alternatives
    )
    assert [a.expected for a in found.alternatives] == [30000, 25000]
    assert found.chosen.name == "the recruiting firm's workshop series"
    assert found.reservation == 30000


def test_their_alternatives_fill_their_walk_away_marked_derived():
    made = alternatives(
        Negotiation.model_validate(
            {"their_alternatives": [{"name": "an in-house trainer", "value": 48000, "p": 0.6}]}
        )
    )
    assert (made.their_walk_away, made.their_walk_away_derived) == (pytest.approx(28800), True)
    written = alternatives(
        Negotiation.model_validate(
            {"their_walk_away": 50000, "their_alternatives": [{"name": "x", "value": 48000}]}
        )
    )
    assert (written.their_walk_away, written.their_walk_away_derived) == (50000, False)


@pytest.mark.parametrize(
    ("side", "walk_away", "expected"),
    [
        ("seller", 45000, "refuses-better"),  # asks more than the alternative brings
        ("seller", 20000, "accepts-worse"),
        ("seller", 32000, None),  # within 10 % of 30,000
        ("buyer", 45000, "accepts-worse"),  # pays more than the alternative is worth
        ("buyer", 20000, "refuses-better"),
        (None, None, None),
    ],
)
def test_walk_away_against_the_batna(side, walk_away, expected):
    assert walk_away_off(side or "seller", walk_away, 30000) == expected
