"""`diff` and `show` know the other side of the table: their estimated walk-away with what it
does to the deal zone (flagged when the zone disappears), the offer plan, and the criteria,
accusation audit, labels and black swans as items."""

from __future__ import annotations

import textwrap

from briefgen.dossier.load import load_text
from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import validate
from briefgen.review.diff import diff_dossiers
from briefgen.review.show import show_text

BASE = """\
name: Kari Nordmann
negotiation:
  side: seller
  currency: NOK
  opening: 700000
  target: 650000
  walk_away: 600000
  their_walk_away: 610000
"""


def dossier(text: str) -> Dossier:
    return validate(load_text(textwrap.dedent(text)))


def lines(old: str, new: str) -> list[str]:
    return [change.line for change in diff_dossiers(dossier(old), dossier(new))]


def test_their_estimate_lowered_until_the_zone_disappears_is_flagged():
    new = BASE.replace("their_walk_away: 610000", "their_walk_away: 590000")
    assert lines(BASE, new) == [
        "! their estimated walk-away lowered: 610,000 -> 590,000 NOK -- no deal zone: "
        "their walk-away is estimated at 590,000 NOK, ours is 600,000 NOK"
    ]


def test_their_estimate_lowered_the_deal_zone_shrinks():
    old = BASE.replace("their_walk_away: 610000", "their_walk_away: 640000")
    assert lines(old, BASE) == [
        "  their estimated walk-away lowered: 640,000 -> 610,000 NOK -- the deal zone shrinks"
    ]
    assert lines(BASE, old) == [
        "  their estimated walk-away raised: 610,000 -> 640,000 NOK -- the deal zone grows"
    ]


def test_a_buyer_reads_the_zone_the_other_way():
    buyer = """\
        name: Kari Nordmann
        negotiation:
          side: buyer
          currency: NOK
          opening: 500000
          target: 550000
          walk_away: 600000
          their_walk_away: 560000
        """
    lower = buyer.replace("their_walk_away: 560000", "their_walk_away: 540000")
    higher = buyer.replace("their_walk_away: 560000", "their_walk_away: 620000")
    assert lines(buyer, lower) == [
        "  their estimated walk-away lowered: 560,000 -> 540,000 NOK -- the deal zone grows"
    ]
    assert lines(buyer, higher)[0].startswith("! their estimated walk-away raised")


def test_setting_and_removing_the_estimate():
    without = BASE.replace("  their_walk_away: 610000\n", "")
    assert lines(without, BASE) == [
        "  their estimated walk-away set: 610,000 NOK -- deal zone: 600,000 to 610,000 NOK"
    ]
    assert lines(BASE, without) == ["  their estimated walk-away removed (was 610,000 NOK)"]
    none = without + "  their_walk_away: 500000\n"
    assert lines(without, none)[0].startswith("! their estimated walk-away set: 500,000 NOK")


def test_our_own_walk_away_can_close_the_zone_too():
    new = BASE.replace("walk_away: 600000\n", "walk_away: 620000\n", 1)
    found = lines(BASE, new)
    assert found[-1] == (
        "! deal zone gone -- no deal zone: their walk-away is estimated at 610,000 NOK, "
        "ours is 620,000 NOK"
    )
    assert lines(new, BASE)[-1] == ("  deal zone opens -- deal zone: 600,000 to 610,000 NOK")


def test_a_zone_that_was_already_gone_is_not_flagged_again():
    old = BASE.replace("their_walk_away: 610000", "their_walk_away: 590000")
    new = BASE.replace("their_walk_away: 610000", "their_walk_away: 580000")
    assert lines(old, new) == ["  their estimated walk-away lowered: 590,000 -> 580,000 NOK"]


def test_the_offer_plan_and_the_new_lists():
    new = BASE + (
        "  offer_plan: ackerman\n"
        "  criteria: [the 2026 day-rate survey]\n"
        "  accusation_audit: [{text: you heard we lost Acme, sensitive: true}]\n"
        "  labels: [it seems like spring matters]\n"
        "  black_swans: [whether the company is being sold]\n"
    )
    assert lines(BASE, new) == [
        "  offer plan: none -> ackerman",
        "  criterion added: the 2026 day-rate survey",
        "! accusation audit added: you heard we lost Acme [sensitive] -- private detail: "
        "confirm it belongs in the dossier",
        "  label added: it seems like spring matters",
        "  black swan added: whether the company is being sold",
    ]
    assert lines(new, BASE)[0] == "  offer plan: ackerman -> none"


def test_show_says_the_estimate_the_zone_and_the_plan():
    text = show_text(
        dossier(BASE + "  offer_plan: ackerman\n  labels: [it seems like spring matters]\n")
    )
    assert "walk-away point: 600,000 NOK\ntheir estimated walk-away: 610,000 NOK\n" in text
    assert "deal zone: 600,000 to 610,000 NOK\noffer plan: ackerman\n" in text
    assert "label: it seems like spring matters\n" in text
    plain = show_text(dossier(BASE.replace("  their_walk_away: 610000\n", "")))
    assert "their estimated" not in plain
    assert "offer plan" not in plain
    none = show_text(dossier(BASE.replace("610000", "550000")))
    assert "no deal zone: their walk-away is estimated at 550,000 NOK, ours is 600,000 NOK" in none
