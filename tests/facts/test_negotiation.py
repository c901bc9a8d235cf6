"""The other side of the table: the deal zone between the two walk-away points and the
Ackerman offer plan, computed (facts) and said (words)."""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.facts.brief import brief
from briefgen.facts.negotiation import (
    ackerman_plan,
    deal_zone,
    no_deal_zone,
    precision_unit,
)
from briefgen.text import words
from briefgen.text.i18n import ENGLISH

TODAY = dt.date(2026, 11, 20)


# --- the deal zone ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("side", "ours", "theirs", "status", "width"),
    [
        # A seller needs at least its walk-away; the buyer pays at most theirs.
        ("seller", 45_000, 50_000, "overlap", 5_000),
        ("seller", 50_000, 50_000, "touching", 0),
        ("seller", 62_000, 55_000, "none", -7_000),
        # A buyer pays at most its walk-away; the seller needs at least theirs.
        ("buyer", 120_000, 100_000, "overlap", 20_000),
        ("buyer", 100_000, 100_000, "touching", 0),
        ("buyer", 55_000, 62_000, "none", -7_000),
    ],
)
def test_deal_zone_by_side(side, ours, theirs, status, width):
    zone = deal_zone(side, ours, theirs)
    assert zone is not None
    assert zone.status == status
    assert zone.width == width
    assert (zone.low, zone.high) == (min(ours, theirs), max(ours, theirs))
    assert zone.exists is (status != "none")


def test_the_same_figures_read_the_other_way_for_the_other_side():
    assert deal_zone("seller", 45_000, 50_000).status == "overlap"
    assert deal_zone("buyer", 45_000, 50_000).status == "none"


@pytest.mark.parametrize(("ours", "theirs"), [(None, 50_000), (45_000, None), (None, None)])
def test_no_zone_without_both_walk_aways(ours, theirs):
    assert deal_zone("seller", ours, theirs) is None
    assert no_deal_zone("seller", ours, theirs) is None


def test_no_deal_zone_returns_the_two_figures_only_when_there_is_none():
    assert no_deal_zone("seller", 62_000, 55_000) == (55_000, 62_000)
    assert no_deal_zone("seller", 50_000, 50_000) is None  # touching: one price still works
    assert no_deal_zone("seller", 45_000, 50_000) is None
    assert no_deal_zone("buyer", 55_000, 62_000) == (62_000, 55_000)


def test_deal_zone_words():
    assert words.deal_zone(deal_zone("seller", 45_000, 50_000), "USD", locale=ENGLISH) == (
        "deal zone: 45,000 to 50,000 USD"
    )
    assert words.deal_zone(deal_zone("seller", 62_000, 55_000), locale=ENGLISH) == (
        "no deal zone: their walk-away is estimated at 55,000, ours is 62,000"
    )
    assert "one point, 50,000" in words.deal_zone(
        deal_zone("buyer", 50_000, 50_000), locale=ENGLISH
    )
    assert words.deal_zone(None, locale=ENGLISH) == ""


# --- the Ackerman plan -------------------------------------------------------------------------


def is_round(value: float, target: float) -> bool:
    """Round at the target's scale: 100,000 or 99,600 for a target of 100,000."""
    return value % (10 * precision_unit(target)) == 0


def test_buyer_plan_is_65_85_95_percent_then_a_precise_final_figure():
    plan = ackerman_plan("buyer", 100_000, opening=65_000, walk_away=120_000)
    assert plan is not None
    assert plan.offers == (65_000, 85_000, 95_000, 99_650)
    assert plan.flags == ()


@pytest.mark.parametrize("target", [120, 4_800, 52_000, 100_000, 200_000, 1_250_000, 37_000_000])
def test_buyer_final_figure_is_precise_and_just_at_or_inside_the_target(target):
    plan = ackerman_plan("buyer", target)
    assert plan is not None
    first, second, third, final = plan.offers
    assert (first, second, third) == pytest.approx(
        (0.65 * target, 0.85 * target, 0.95 * target), rel=0.001
    )
    assert third < final <= target
    assert target - final <= 0.01 * target  # just inside
    assert not is_round(final, target), final


@pytest.mark.parametrize(
    ("target", "opening"), [(32_000, 38_000), (52_000, 60_000), (1_000_000, 1_300_000)]
)
def test_seller_plan_mirrors_it_from_the_opening_in_shrinking_steps(target, opening):
    plan = ackerman_plan("seller", target, opening=opening, walk_away=target * 0.8)
    assert plan is not None
    offers = plan.offers
    assert offers[0] == opening
    steps = [a - b for a, b in itertools.pairwise(offers)]
    assert all(s > 0 for s in steps)
    assert steps[0] > steps[1] > steps[2]  # shrinking
    gap = opening - target
    # the same 20 / 10 / 5 proportions: 20/35 and 10/35 of the gap, within rounding
    assert steps[0] == pytest.approx(gap * 20 / 35, rel=0.03)
    assert steps[1] == pytest.approx(gap * 10 / 35, rel=0.06)
    assert target <= offers[-1] < offers[-2]  # ends just at or above the target
    assert not is_round(offers[-1], target)
    assert plan.flags == ()


def test_the_seller_example_in_numbers():
    plan = ackerman_plan("seller", 32_000, opening=38_000, walk_away=27_500)
    assert plan.offers == (38_000, 34_600, 32_900, 32_112)


def test_seller_without_an_opening_starts_at_135_percent_of_the_target():
    plan = ackerman_plan("seller", 52_000)
    assert plan.offers[0] == 70_200
    assert plan.flags == ()


def test_first_step_past_the_walk_away_is_flagged():
    # A buyer whose walk-away is below even the first offer (no opening, so check lets it by).
    buyer = ackerman_plan("buyer", 100_000, walk_away=60_000)
    assert buyer.flags == ("first-past-walk-away",)
    seller = ackerman_plan("seller", 40_000, opening=45_000, walk_away=50_000)
    assert "first-past-walk-away" in seller.flags
    assert ackerman_plan("buyer", 100_000, walk_away=100_000).flags == ()
    said = words.offer_plan_flags(buyer, "USD", locale=ENGLISH)
    assert said == ["the first offer, 65,000 USD, is already past our walk-away (60,000 USD)"]


def test_an_opening_that_disagrees_with_the_plan_is_flagged():
    plan = ackerman_plan("buyer", 52_000, opening=40_000, walk_away=60_000)
    assert plan.flags == ("opening-differs",)
    assert words.offer_plan_flags(plan, locale=ENGLISH) == [
        "our opening (40,000) is not the plan's first offer (33,800)"
    ]
    assert ackerman_plan("buyer", 52_000, opening=33_800).flags == ()
    wrong = ackerman_plan("seller", 52_000, opening=50_000)
    assert wrong.flags == ("opening-wrong-side",)
    assert wrong.offers[0] > 52_000  # the plan still comes down toward the target


def test_no_plan_without_a_target():
    assert ackerman_plan("buyer", None, opening=10) is None
    assert ackerman_plan("seller", 0) is None


# --- in the Brief ------------------------------------------------------------------------------


def test_brief_carries_the_zone_and_the_plan_only_when_asked():
    text = """\
        name: A
        negotiation:
          opening: 60000
          target: 52000
          walk_away: 45000
          their_walk_away: 50000
          offer_plan: ackerman
    """
    facts = brief(validate(load_text(textwrap.dedent(text))), TODAY)
    assert facts.deal_zone is not None
    assert facts.deal_zone.status == "overlap"
    assert facts.offer_plan is not None
    assert facts.offer_plan.offers[0] == 60000
    plain = brief(validate(load_text(textwrap.dedent(text).replace("ackerman", "none"))), TODAY)
    assert plain.offer_plan is None
    bare = brief(validate(load_text("name: A\nnegotiation: {target: 5}\n")), TODAY)
    assert bare.deal_zone is None
    assert bare.offer_plan is None


@pytest.mark.parametrize("side", ["buyer", "seller"])
def test_any_plan_moves_one_way_and_ends_at_or_inside_the_target(side):
    """Whatever the figures, from cents to billions: offers never step back, and the last one
    is at or inside the target."""
    import random

    rng = random.Random(14)
    for _ in range(3000):
        target = rng.choice([rng.uniform(0.01, 100), rng.uniform(100, 1e6), rng.uniform(1e6, 1e15)])
        opening = rng.choice([None, target * rng.uniform(0.3, 2)])
        walk_away = rng.choice([None, target * rng.uniform(0.3, 2)])
        offers = ackerman_plan(side, target, opening, walk_away).offers
        pairs = list(itertools.pairwise(offers))
        if side == "buyer":
            assert all(a <= b for a, b in pairs), offers
            assert offers[-1] <= target, offers
        else:
            assert all(a >= b for a, b in pairs), offers
            assert offers[-1] >= target, offers
