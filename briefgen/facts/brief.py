"""Step 3 of the pipeline: every date, count and verdict a reader would otherwise work out in
their head, for one dossier on one day. Pure functions of the dossier and `today`; nothing here
reads the clock, and nothing here writes English (the words are in `briefgen.text`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from briefgen.dossier.model import Dossier
from briefgen.facts.checks import Suspect, suspects
from briefgen.facts.dates import Deadline, deadlines
from briefgen.facts.negotiation import (
    DealZone,
    Figures,
    OfferPlan,
    TacticPlan,
    ackerman_plan,
    deal_zone,
    negotiation_side,
    tactic_plans,
)
from briefgen.facts.relationship import (
    Punctuality,
    Reciprocity,
    SelfCheckScore,
    StayInTouch,
    punctuality,
    reciprocity,
    self_check_score,
    stay_in_touch,
)
from briefgen.facts.workbench import Alternatives, Workbench, alternatives, workbench


@dataclass(frozen=True)
class Brief:
    """The computed facts of one dossier on one day."""

    today: dt.date
    meeting_day: dt.date | None
    meeting_time: dt.time | None
    days_until: int | None
    figures: Figures | None
    tactics: list[TacticPlan] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    punctuality: Punctuality | None = None
    stay_in_touch: StayInTouch | None = None
    reciprocity: Reciprocity | None = None
    self_check: SelfCheckScore | None = None
    deal_zone: DealZone | None = None  # between our walk-away and our estimate of theirs
    offer_plan: OfferPlan | None = None  # with `offer_plan: ackerman` and a target
    checks: tuple[Suspect, ...] = ()  # likely mistakes: a zero missing, a date in the future
    workbench: Workbench | None = None  # with a scoring table (negotiation.issues)
    alternatives: Alternatives | None = None  # both sides' BATNAs, from the alternatives


def meeting_day(dossier: Dossier) -> dt.date | None:
    """The day of the negotiation, when the dossier gives one."""
    when = dossier.negotiation.when if dossier.negotiation else None
    return when.date() if isinstance(when, dt.datetime) else when


def brief(dossier: Dossier, today: dt.date) -> Brief:
    """Everything computed for one dossier, as of `today`."""
    negotiation = dossier.negotiation
    when = negotiation.when if negotiation else None
    meeting_day = when.date() if isinstance(when, dt.datetime) else when
    meeting_time = when.time() if isinstance(when, dt.datetime) else None
    figures = None
    alts = alternatives(negotiation)
    # Their walk-away as written, else worked out from their alternatives (marked derived).
    theirs = alts.their_walk_away if alts else negotiation.their_walk_away if negotiation else None
    if negotiation and any(
        v is not None
        for v in (negotiation.opening, negotiation.target, negotiation.walk_away, theirs)
    ):
        figures = Figures(
            negotiation_side(negotiation),
            negotiation.opening,
            negotiation.target,
            negotiation.walk_away,
            negotiation.currency,
            theirs,
            bool(alts and alts.their_walk_away_derived),
        )
    zone = plan = None
    if negotiation:
        side = negotiation_side(negotiation)
        zone = deal_zone(side, negotiation.walk_away, theirs)
        if negotiation.offer_plan == "ackerman":
            plan = ackerman_plan(
                side, negotiation.target, negotiation.opening, negotiation.walk_away
            )
    relationship = dossier.relationship
    return Brief(
        today=today,
        meeting_day=meeting_day,
        meeting_time=meeting_time,
        days_until=(meeting_day - today).days if meeting_day else None,
        figures=figures,
        tactics=tactic_plans(dossier.tactics),
        deadlines=deadlines(dossier.timeline, meeting_day, today),
        punctuality=punctuality(relationship.meetings) if relationship else None,
        stay_in_touch=stay_in_touch(relationship, today, dossier.name),
        reciprocity=reciprocity(relationship),
        self_check=self_check_score(relationship.self_check if relationship else None),
        deal_zone=zone,
        offer_plan=plan,
        checks=tuple(suspects(dossier, today)),
        workbench=workbench(negotiation),
        alternatives=alts,
    )
