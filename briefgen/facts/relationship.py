"""The relationship record, judged: punctuality ("your time is valuable"), stay in touch
(due = last contact + cadence), reciprocity (impacts both ways) and the self-check. Pure
functions of the dossier and `today`; the verdicts are codes, their words are in `text.words`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from briefgen.dossier.model import Exchange, Meeting, Relationship, SelfCheck

Grade = Literal["good", "watch", "bad"]  # how a part of the relationship stands


@dataclass(frozen=True)
class Punctuality:
    """How the other side treats our time ("your time is valuable")."""

    meetings: int
    on_time: int
    late: int
    missed: int
    average_late_minutes: int
    level: Grade
    record: tuple[Literal["on-time", "late", "missed"], ...]


GRACE_MINUTES = 5  # a few minutes late is on time, in the record and the verdict


def punctuality(meetings: list[Meeting]) -> Punctuality | None:
    if not meetings:
        return None
    ordered = sorted(meetings, key=lambda m: m.date)
    record: tuple[Literal["on-time", "late", "missed"], ...] = tuple(
        "missed" if m.missed else "late" if m.late_minutes > GRACE_MINUTES else "on-time"
        for m in ordered
    )
    late = [m.late_minutes for m in ordered if not m.missed and m.late_minutes > GRACE_MINUTES]
    missed = record.count("missed")
    total = len(ordered)
    average = round(sum(late) / len(late)) if late else 0
    slips = missed + len(late)
    level: Grade
    if missed >= 2 or slips * 2 > total:
        level = "bad"
    elif slips:
        level = "watch"
    else:
        level = "good"
    return Punctuality(total, record.count("on-time"), len(late), missed, average, level, record)


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
    verdict: Literal["only-taken", "only-given", "we-owe", "both-ways"]
    level: Grade

    @property
    def balance(self) -> int:
        return self.given - self.received


def reciprocity(relationship: Relationship | None) -> Reciprocity | None:
    """The law of reciprocity: a relationship to lean on needs impacts in both directions."""
    if relationship is None or not relationship.reciprocity:
        return None
    given = [e for e in relationship.reciprocity if e.direction == "given"]
    received = [e for e in relationship.reciprocity if e.direction == "received"]

    def last(items: list[Exchange]) -> dt.date | None:
        return max((e.date for e in items if e.date), default=None)

    level: Grade
    verdict: Literal["only-taken", "only-given", "we-owe", "both-ways"]
    if not given:
        level, verdict = "bad", "only-taken"
    elif not received:
        level, verdict = "watch", "only-given"
    elif len(received) > len(given):
        level, verdict = "watch", "we-owe"
    else:
        level, verdict = "good", "both-ways"
    return Reciprocity(len(given), len(received), last(given), last(received), verdict, level)


@dataclass(frozen=True)
class SelfCheckScore:
    score: int  # from -4 (never helps, calls only for projects) to +8
    level: Grade


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
    level: Grade = "good" if score > 0 else "watch" if score == 0 else "bad"
    return SelfCheckScore(score, level)
