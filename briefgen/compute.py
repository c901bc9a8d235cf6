"""Step 3 of the pipeline: every date, count and warning a reader would otherwise work out
in their head. Pure functions of the dossier and `today`; nothing here reads the clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .model import (
    Dossier,
    Meeting,
    Negotiation,
    Relationship,
    Rule,
    SelfCheck,
    TacticEntry,
    Timeline,
)
from .tactics import find_tactic


def countdown(days: int) -> str:
    """Days until a date, in words: 'today', 'tomorrow', 'in 4 days', '2 days ago'."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if days > 1:
        return f"in {days} days"
    return f"{-days} days ago"


def days_before(date: dt.date, days: int, *, business_days: bool) -> dt.date:
    """The date `days` days before `date`; with business_days, only Monday to Friday count,
    and a result that would fall on a weekend moves back to the Friday."""
    if not business_days:
        return date - dt.timedelta(days=days)
    result = date
    remaining = days
    while remaining > 0:
        result -= dt.timedelta(days=1)
        if result.weekday() < 5:
            remaining -= 1
    while result.weekday() >= 5:
        result -= dt.timedelta(days=1)
    return result


@dataclass(frozen=True)
class Deadline:
    name: str
    date: dt.date
    days_left: int
    of: str | None = None
    rule: str | None = None  # "2 business days before workshop booklet to print"

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def countdown(self) -> str:
        return countdown(self.days_left)


def deadlines(
    timeline: Timeline | None, meeting_day: dt.date | None, today: dt.date
) -> list[Deadline]:
    """Every dated deliverable and every computed rule date, earliest first."""
    if timeline is None:
        return []
    due = {d.name: d.due for d in timeline.deliverables if d.due is not None}
    found = [Deadline(name, date, (date - today).days) for name, date in due.items()]
    for rule in timeline.rules:
        base = meeting_day if rule.of == "negotiation" else due.get(rule.of or "")
        if base is None:
            continue
        try:
            date = days_before(base, rule.days_before, business_days=rule.business_days)
        except OverflowError:  # before the year 1: no deadline anyone can meet
            continue
        found.append(Deadline(rule.name, date, (date - today).days, rule.of, _rule_words(rule)))
    return sorted(found, key=lambda d: (d.date, d.name))


def _rule_words(rule: Rule) -> str:
    unit = "business day" if rule.business_days else "day"
    plural = "" if rule.days_before == 1 else "s"
    return f"{rule.days_before} {unit}{plural} before {rule.of}"


@dataclass(frozen=True)
class Punctuality:
    """How the other side treats our time ("your time is valuable")."""

    meetings: int
    on_time: int
    late: int
    missed: int
    average_late_minutes: int
    verdict: str
    level: Literal["good", "watch", "bad"]
    record: tuple[Literal["on-time", "late", "missed"], ...]


GRACE_MINUTES = 5  # a few minutes late is on time, in the record and the verdict


def punctuality(meetings: list[Meeting]) -> Punctuality | None:
    if not meetings:
        return None
    ordered = sorted(meetings, key=lambda m: m.date)
    record = tuple(
        "missed" if m.missed else "late" if m.late_minutes > GRACE_MINUTES else "on-time"
        for m in ordered
    )
    late = [m.late_minutes for m in ordered if not m.missed and m.late_minutes > GRACE_MINUTES]
    missed = record.count("missed")
    total = len(ordered)
    average = round(sum(late) / len(late)) if late else 0
    slips = missed + len(late)
    if missed >= 2 or slips * 2 > total:
        level, verdict = (
            "bad",
            (
                "They treat their time as worth more than yours: state how long you have at the "
                "start, hold the cancellation rule, and be ready to reschedule."
            ),
        )
    elif slips:
        level, verdict = (
            "watch",
            (
                "Once is no big deal; a habit is a sign. "
                "Note the time you must leave when you arrive."
            ),
        )
    else:
        level, verdict = "good", "They respect your time."
    return Punctuality(
        total, record.count("on-time"), len(late), missed, average, verdict, level, record
    )


@dataclass(frozen=True)
class ContactStatus:
    name: str
    last_contact: dt.date | None
    due: dt.date | None
    overdue_days: int  # 0 when not overdue


@dataclass(frozen=True)
class StayInTouch:
    cadence_days: int
    last_contact: dt.date | None
    due: dt.date | None
    overdue_days: int
    contacts: tuple[ContactStatus, ...]

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def stay_in_touch(
    relationship: Relationship | None, today: dt.date, person: str | None = None
) -> StayInTouch | None:
    """Due = last contact + cadence; overdue by however many days have passed since."""
    if relationship is None or relationship.cadence_days is None:
        return None
    cadence = dt.timedelta(days=relationship.cadence_days)

    def status(last: dt.date | None) -> tuple[dt.date | None, int]:
        if last is None:
            return None, 0
        try:
            due = last + cadence
        except OverflowError:  # past the year 9999: not due in any real sense
            return None, 0
        return due, max(0, (today - due).days)

    contacts = []
    for contact in relationship.contacts:
        due, overdue = status(contact.last_contact)
        contacts.append(ContactStatus(contact.name, contact.last_contact, due, overdue))
    last = _last_heard(relationship, person, today)
    due, overdue = status(last)
    return StayInTouch(relationship.cadence_days, last, due, overdue, tuple(contacts))


def _last_heard(relationship: Relationship, person: str | None, today: dt.date) -> dt.date | None:
    """When we last spoke with the dossier's own person when the account map lists them
    (talking to their staff does not keep *them* warm), else with anyone in the account."""
    own = [c.last_contact for c in relationship.contacts if c.name == person and c.last_contact]
    if own:
        return max(own)
    seen = [c.last_contact for c in relationship.contacts if c.last_contact]
    seen += [m.date for m in relationship.meetings if not m.missed and m.date <= today]
    return max(seen, default=None)


@dataclass(frozen=True)
class Reciprocity:
    given: int
    received: int
    last_given: dt.date | None
    last_received: dt.date | None
    verdict: str
    level: Literal["good", "watch", "bad"]

    @property
    def balance(self) -> int:
        return self.given - self.received


def reciprocity(relationship: Relationship | None) -> Reciprocity | None:
    """The law of reciprocity: a relationship to lean on needs impacts in both directions."""
    if relationship is None or not relationship.reciprocity:
        return None
    given = [e for e in relationship.reciprocity if e.direction == "given"]
    received = [e for e in relationship.reciprocity if e.direction == "received"]
    last = lambda items: max((e.date for e in items if e.date), default=None)  # noqa: E731
    if not given:
        level, verdict = "bad", "We have only taken. Deliver a positive impact before asking."
    elif not received:
        level, verdict = "watch", "We have given, they have not yet: there is goodwill to draw on."
    elif len(received) > len(given):
        level, verdict = (
            "watch",
            "They have given more than we have: look for a way to pay it back.",
        )
    else:
        level, verdict = "good", "Both sides have delivered: the relationship can be leaned on."
    return Reciprocity(len(given), len(received), last(given), last(received), verdict, level)


@dataclass(frozen=True)
class SelfCheckScore:
    score: int
    verdict: str
    level: Literal["good", "watch", "bad"]


def self_check_score(check: SelfCheck | None) -> SelfCheckScore | None:
    """senior_interviews - only_call_for_projects + offer_help: positive is good."""
    if check is None or all(
        v is None for v in (check.senior_interviews, check.only_call_for_projects, check.offer_help)
    ):
        return None
    score = (
        (check.senior_interviews or 0)
        - (check.only_call_for_projects or 0)
        + (check.offer_help or 0)
    )
    if score > 0:
        return SelfCheckScore(
            score, "You bring the executives something besides a sales call.", "good"
        )
    if score == 0:
        return SelfCheckScore(
            score, "Even: ask what you can do for them before you ask about projects.", "watch"
        )
    return SelfCheckScore(
        score,
        "You risk being 'only call me when you need me': "
        "visit the senior people with no project in hand.",
        "bad",
    )


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


def side_of(
    side: object, opening: float | None, walk_away: float | None
) -> Literal["seller", "buyer"]:
    """The one rule for the side, also used on raw data before validation."""
    if side in ("seller", "buyer"):
        return side  # type: ignore[return-value]
    if opening is not None and walk_away is not None and walk_away > opening:
        return "buyer"
    return "seller"


@dataclass(frozen=True)
class Figures:
    side: Literal["seller", "buyer"]
    opening: float | None
    target: float | None
    walk_away: float | None
    currency: str | None


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

    @property
    def countdown(self) -> str | None:
        return None if self.days_until is None else countdown(self.days_until)


def brief(dossier: Dossier, today: dt.date) -> Brief:
    """Everything computed for one dossier, as of `today`."""
    negotiation = dossier.negotiation
    when = negotiation.when if negotiation else None
    meeting_day = when.date() if isinstance(when, dt.datetime) else when
    meeting_time = when.time() if isinstance(when, dt.datetime) else None
    figures = None
    if negotiation and any(
        v is not None for v in (negotiation.opening, negotiation.target, negotiation.walk_away)
    ):
        figures = Figures(
            negotiation_side(negotiation),
            negotiation.opening,
            negotiation.target,
            negotiation.walk_away,
            negotiation.currency,
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
    )
