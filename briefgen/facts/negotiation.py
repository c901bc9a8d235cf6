"""The negotiation's facts: our side, our figures, and each tactic with our counter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefgen.dossier.model import Negotiation, TacticEntry, side_of
from briefgen.facts.tactics import recognise


@dataclass(frozen=True)
class TacticPlan:
    name: str
    note: str | None
    counter: str | None
    counter_source: Literal["dossier", "built-in", "none"]
    key: str | None = None  # the built-in tactic the name was read as, if any
    written_in: str | None = None  # the language of the spelling it matched: en, fr, es, de


def tactic_plans(tactics: list[TacticEntry]) -> list[TacticPlan]:
    """Each tactic with our counter: the dossier's own, else the built-in library's. A name
    briefgen recognises (in any language) keeps its key, so the sheet can say it in its own."""
    plans = []
    for entry in tactics:
        known = recognise(entry.tactic)
        key, written_in = (known.tactic.key, known.language) if known else (None, None)
        note = entry.note
        counter: str | None
        source: Literal["dossier", "built-in", "none"]
        if entry.counter:
            counter, source = entry.counter, "dossier"
        elif known:
            counter, source, note = known.tactic.counter, "built-in", entry.note or None
        else:
            counter, source = None, "none"
        plans.append(TacticPlan(entry.tactic, note, counter, source, key, written_in))
    return plans


def negotiation_side(negotiation: Negotiation) -> Literal["seller", "buyer"]:
    """The side as written, else inferred: a walk-away above the opening means we pay (buyer)."""
    return side_of(negotiation.side, negotiation.opening, negotiation.walk_away)


@dataclass(frozen=True)
class Figures:
    side: Literal["seller", "buyer"]
    opening: float | None
    target: float | None
    walk_away: float | None
    currency: str | None
    their_walk_away: float | None = None  # our estimate of their reservation point
    their_walk_away_derived: bool = False  # worked out from their_alternatives, not written


# The other side of the table: the deal zone between the two walk-away points.

DealStatus = Literal["overlap", "touching", "none"]


@dataclass(frozen=True)
class DealZone:
    """Between our walk-away and our estimate of theirs. A seller accepts anything at or above
    its walk-away and the buyer pays up to theirs, so a zone exists when theirs >= ours; a
    buyer's mirror. `low`..`high` is the range between the two points (the gap when 'none')."""

    side: Literal["seller", "buyer"]
    status: DealStatus
    ours: float
    theirs: float
    low: float
    high: float

    @property
    def exists(self) -> bool:
        return self.status != "none"

    @property
    def width(self) -> float:
        """The zone's size; negative: how far apart the two walk-aways are."""
        return (self.theirs - self.ours) if self.side == "seller" else (self.ours - self.theirs)


def deal_zone(
    side: Literal["seller", "buyer"], walk_away: float | None, their_walk_away: float | None
) -> DealZone | None:
    """The zone of possible agreement, or None without both walk-away points."""
    if walk_away is None or their_walk_away is None:
        return None
    width = (their_walk_away - walk_away) if side == "seller" else (walk_away - their_walk_away)
    status: DealStatus = "overlap" if width > 0 else "touching" if width == 0 else "none"
    low, high = sorted((walk_away, their_walk_away))
    return DealZone(side, status, walk_away, their_walk_away, low, high)


def no_deal_zone(
    side: Literal["seller", "buyer"], walk_away: float | None, their_walk_away: float | None
) -> tuple[float, float] | None:
    """The rule behind `check`'s warning: (their walk-away, ours) when the two leave no deal
    zone; None when there is one or either figure is missing."""
    zone = deal_zone(side, walk_away, their_walk_away)
    if zone is None or zone.exists:
        return None
    return zone.theirs, zone.ours


# The Ackerman offer plan (Voss, Never Split the Difference): offers at 65, 85 and 95 % of the
# target, then a precise, non-round final figure at the target. The steps shrink: 20, 10 and 5
# points of the target, i.e. 20/35, 10/35 and 5/35 of the way from the first offer.

ACKERMAN_SHARES = (0.65, 0.85, 0.95)
ACKERMAN_STEPS = (20, 10, 5)  # the shrinking steps, in points of the target
FINAL_INSIDE = 0.0035  # the final figure sits this share of the target inside it (99,650)


PlanFlag = Literal["first-past-walk-away", "opening-differs", "opening-wrong-side"]


@dataclass(frozen=True)
class OfferPlan:
    """The planned offers, first to last; `flags` say where the plan and the figures disagree."""

    side: Literal["seller", "buyer"]
    target: float
    offers: tuple[float, ...]
    opening: float | None  # the dossier's opening, as written
    walk_away: float | None
    flags: tuple[PlanFlag, ...] = ()

    @property
    def final(self) -> float:
        return self.offers[-1]

    @property
    def first(self) -> float:
        return self.offers[0]


def precision_unit(target: float) -> float:
    """The smallest step a figure of this size is written in: 10 for 100,000, 1 for 52,000 and
    for 120, a cent below 100."""
    if target < 100:
        return 0.01
    if target < 10_000:
        return 1.0
    return float(10 ** (len(str(int(target))) - 5))


def _rounded(value: float, unit: float) -> float:
    return round(round(value / unit) * unit, 2)


def precise_final(target: float, room: float, toward: int) -> float:
    """A precise, non-round figure just inside the target (99,650 for 100,000): at most `room`
    away from it, toward the previous offer (`toward` -1: below the target, for a buyer; +1:
    above it, for a seller). With less room than one unit, the target itself."""
    unit = precision_unit(target)
    room_units = int(room / unit)
    if room_units < 1:
        return target
    inside = min(max(round(target * FINAL_INSIDE / unit), 1), room_units)
    count = round(target / unit) + toward * inside  # in units
    if count % 10 == 0:  # still round: make it plainly precise, staying inside the room
        if inside + 3 <= room_units:
            count += toward * 3
        elif inside > 3:
            count -= toward * 3
    return round(count * unit, 2)


def ackerman_plan(
    side: Literal["seller", "buyer"],
    target: float | None,
    opening: float | None = None,
    walk_away: float | None = None,
) -> OfferPlan | None:
    """The Ackerman offers for our side, or None without a target.

    Buyer: 65 %, 85 %, 95 % of the target, then a precise figure just below it. Seller, the
    mirror: from the opening (135 % of the target when there is none) down toward the target
    in steps of 20/35, 10/35 and 5/35 of the gap, ending on a precise figure just above it."""
    if target is None or target <= 0:
        return None
    flags: list[PlanFlag] = []
    unit = precision_unit(target)
    if side == "buyer":
        offers = [min(_rounded(target * share, unit), target) for share in ACKERMAN_SHARES]
        offers.append(precise_final(target, (target - offers[-1]) / 2, -1))
        if opening is not None:
            if opening > target:
                flags.append("opening-wrong-side")
            elif abs(opening - offers[0]) > target * 0.005:
                flags.append("opening-differs")
        past = walk_away is not None and offers[0] > walk_away
    else:
        start = opening
        if opening is None or opening <= target:
            if opening is not None:
                flags.append("opening-wrong-side")
            start = _rounded(target * (2 - ACKERMAN_SHARES[0]), unit)
        assert start is not None
        gap, total = start - target, sum(ACKERMAN_STEPS)
        # Steps in round figures at the gap's scale: 34,600 rather than 34,571.
        step_unit = max(unit, 10.0 ** (len(str(int(gap))) - 2))
        offers, conceded = [start], 0
        for step in ACKERMAN_STEPS[:-1]:
            conceded += step
            offer = _rounded(start - gap * conceded / total, step_unit)
            offers.append(min(max(offer, target), offers[-1]))
        offers.append(precise_final(target, (offers[-1] - target) / 2, +1))
        past = walk_away is not None and offers[0] < walk_away
    if past:
        flags.insert(0, "first-past-walk-away")
    return OfferPlan(side, target, tuple(offers), opening, walk_away, tuple(flags))
