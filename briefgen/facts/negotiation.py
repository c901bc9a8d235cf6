"""The negotiation's facts: our side, our figures, and each tactic with our counter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefgen.dossier.model import Negotiation, TacticEntry, side_of
from briefgen.facts.tactics import find_tactic


@dataclass(frozen=True)
class TacticPlan:
    name: str
    note: str | None
    counter: str | None
    counter_source: Literal["dossier", "built-in", "none"]


def tactic_plans(tactics: list[TacticEntry]) -> list[TacticPlan]:
    """Each tactic with our counter: the dossier's own, else the built-in library's."""
    plans = []
    for entry in tactics:
        if entry.counter:
            plans.append(TacticPlan(entry.tactic, entry.note, entry.counter, "dossier"))
            continue
        known = find_tactic(entry.tactic)
        if known:
            plans.append(TacticPlan(entry.tactic, entry.note or None, known.counter, "built-in"))
        else:
            plans.append(TacticPlan(entry.tactic, entry.note, None, "none"))
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
