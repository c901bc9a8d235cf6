"""The whole book of relationships on one day: the negotiations coming up, every deadline in a
window (and those already overdue), who is due a call, and where the recorded contact of the
last 90 days went by account type beside the 50 / 30 / 20 goal.

Pure functions of the dossiers and `today`, built on `facts.brief` (which uses
`dates.deadlines` and `relationship.stay_in_touch`). Each entry carries the dossier's `key`
(its path, to the caller) and public facts only: names, titles, subjects, places and dates,
never notes, family, buttons or figures. Callers pass redacted dossiers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.dossier.model import Dossier, Item, Timeline
from briefgen.facts.brief import Brief, brief
from briefgen.facts.dates import Deadline, RuleTiming
from briefgen.facts.plan import accounts, contact_statuses, executive_silent, promise_kept

ACCOUNTS = ("existing", "lost", "new")
GOAL = {"existing": 50, "lost": 30, "new": 20}  # per cent of selling time (seed 003)
RECENT_DAYS = 90


@dataclass(frozen=True)
class Negotiation:
    key: str
    person: str
    organization: str | None
    subject: str | None
    day: dt.date
    time: dt.time | None
    where: str | None
    days_until: int


@dataclass(frozen=True)
class Due:
    """A deliverable's date or a rule's computed date, in one dossier."""

    key: str
    person: str
    deadline: Deadline

    @property
    def name(self) -> str:
        return self.deadline.name

    @property
    def date(self) -> dt.date:
        return self.deadline.date

    @property
    def days_left(self) -> int:
        return self.deadline.days_left

    @property
    def rule(self) -> RuleTiming | None:
        return self.deadline.rule

    @property
    def overdue(self) -> bool:
        return self.deadline.overdue


@dataclass(frozen=True)
class Touch:
    """A contact who is due a call: due = last contact + the dossier's cadence."""

    key: str
    person: str  # whose dossier
    organization: str | None
    contact: str
    title: str | None
    level: str | None
    handles: str | None
    last_contact: dt.date
    due: dt.date
    days_left: int  # negative: overdue by that many days
    red: bool = False  # past the level's maximum, not only its ideal (relationship.cadence)

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class TimeShare:
    """Recorded contact (meetings held, last contacts, reciprocity) in the last RECENT_DAYS,
    counted by the dossier's account type; the dossiers with no `account:` apart (candidates
    are people being placed, not accounts: they are left out)."""

    since: dt.date
    counts: dict[str, int]
    unassigned: tuple[tuple[str, str], ...]  # (key, person) of dossiers with no account
    unassigned_count: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, account: str) -> int | None:
        """Whole per cent of the contact with an account type; None when none is recorded."""
        if not self.total:
            return None
        return round(100 * self.counts[account] / self.total)


@dataclass(frozen=True)
class PromiseCount:
    """A promise of meetings (`relationship.promise`), running or ended in the last
    RECENT_DAYS: how many were held of how many promised."""

    key: str
    person: str
    organization: str | None
    held: int
    promised: int
    until: dt.date | None


@dataclass(frozen=True)
class SilentAccount:
    """An account where no executive has been contacted for twice the executive cadence
    (seed 003: keep circulating at high levels)."""

    key: str  # the first dossier's path
    account: str  # the organization, or the person
    days_since: int | None  # since the last executive contact; None: no executive on the map
    limit: int  # twice the executive cadence's ideal


@dataclass(frozen=True)
class Agenda:
    today: dt.date
    until: dt.date  # the last day of the window
    negotiations: list[Negotiation] = field(default_factory=list)
    deadlines: list[Due] = field(default_factory=list)
    touches: list[Touch] = field(default_factory=list)
    time: TimeShare | None = None
    promises: list[PromiseCount] = field(default_factory=list)
    silent: list[SilentAccount] = field(default_factory=list)
    # per section, how many entries items marked sensitive took out (a count, never what)
    hidden: dict[str, int] = field(default_factory=dict)


SECTIONS = ("negotiations", "deadlines", "touches")


def hidden_counts(shown: Agenda, private: Agenda) -> dict[str, int]:
    """How many entries of each section the redacted agenda `shown` lacks beside the agenda of
    the same dossiers unredacted: what an agenda must say it hid."""
    return {
        name: max(len(getattr(private, name)) - len(getattr(shown, name)), 0) for name in SECTIONS
    }


def window_end(today: dt.date, days: int) -> dt.date:
    """The last day of a window of `days` days that starts today (days >= 1); the calendar's
    last day when the window would run past it."""
    try:
        return today + dt.timedelta(days=max(days, 1) - 1)
    except OverflowError:
        return dt.date.max


def agenda(dossiers: Sequence[tuple[str, Dossier]], today: dt.date, days: int = 14) -> Agenda:
    """What needs doing from `today` for `days` days across the portfolio."""
    until = window_end(today, days)
    result = Agenda(today, until, time=time_share(dossiers, today))
    for key, dossier in dossiers:
        facts = brief(dossier, today)
        negotiation = dossier.negotiation
        if negotiation and facts.meeting_day and today <= facts.meeting_day <= until:
            result.negotiations.append(
                Negotiation(
                    key,
                    dossier.name,
                    dossier.organization,
                    negotiation.subject,
                    facts.meeting_day,
                    facts.meeting_time,
                    negotiation.where,
                    facts.days_until or 0,
                )
            )
        finished = done_names(dossier.timeline)
        for deadline in facts.deadlines:
            if deadline.name in finished or deadline.date > until:
                continue
            result.deadlines.append(Due(key, dossier.name, deadline))
        result.touches.extend(t for t in touches(key, dossier, facts) if t.due <= until)
    result.promises.extend(promises(dossiers, today))
    result.silent.extend(silent_accounts(dossiers, today))
    result.negotiations.sort(key=lambda n: (n.day, n.time or dt.time(0), n.person, n.key))
    result.deadlines.sort(key=lambda d: (d.date, d.person, d.name, d.key))
    result.touches.sort(key=lambda t: (t.days_left, t.person, t.contact, t.key))
    return result


def done_names(timeline: Timeline | None) -> set[str]:
    """Deliverables and rules marked `done: true`: no longer due or overdue. (Read with
    getattr: the format documents `done`, and a model without it has nothing done.)"""
    if timeline is None:
        return set()
    items: list[Item] = [*timeline.deliverables, *timeline.rules]
    return {getattr(i, "name", "") for i in items if getattr(i, "done", False) is True}


def touches(key: str, dossier: Dossier, facts: Brief) -> list[Touch]:
    """Every contact with a last contact, and when they are due; none without a cadence (not
    guessed at). A dossier with no account map stands for its own person."""
    relationship = dossier.relationship
    status = facts.stay_in_touch
    today = facts.today
    if relationship is None:
        return []
    found = []
    for contact in relationship.contacts:
        cadence = relationship.cadence_for(contact.level)
        last = contact.last_contact
        if cadence is None or last is None:
            continue
        try:
            due = last + dt.timedelta(days=cadence.ideal)
            red = today > last + dt.timedelta(days=cadence.maximum)
        except OverflowError:  # past the year 9999: not due in any real sense
            continue
        found.append(
            Touch(
                key,
                dossier.name,
                dossier.organization,
                contact.name,
                contact.title,
                contact.level,
                contact.handles,
                last,
                due,
                (due - today).days,
                red,
            )
        )
    if (
        not relationship.contacts
        and status is not None
        and status.due is not None
        and status.last_contact is not None
    ):
        maximum = relationship.cadence_for(None)
        late = (today - status.last_contact).days > maximum.maximum if maximum else False
        found.append(
            Touch(
                key,
                dossier.name,
                dossier.organization,
                dossier.name,
                dossier.role,
                None,
                None,
                status.last_contact,
                status.due,
                (status.due - today).days,
                late,
            )
        )
    return found


def promises(dossiers: Sequence[tuple[str, Dossier]], today: dt.date) -> list[PromiseCount]:
    """Each promise of meetings that has begun and runs still, or ended in the last
    RECENT_DAYS: the meetings held of those promised."""
    found = []
    for key, dossier in dossiers:
        kept = promise_kept([(key, dossier)], today)
        if kept is None or kept.since > today:
            continue
        if kept.until is not None and (today - kept.until).days > RECENT_DAYS:
            continue
        found.append(
            PromiseCount(
                key, dossier.name, dossier.organization, kept.held, kept.promised, kept.until
            )
        )
    return sorted(found, key=lambda p: (p.person, p.key))


def silent_accounts(dossiers: Sequence[tuple[str, Dossier]], today: dt.date) -> list[SilentAccount]:
    """Accounts where no executive has been contacted for twice the executive cadence."""
    found = []
    for name, members in accounts(dossiers).items():
        contacts = contact_statuses(members, today)
        if not executive_silent(contacts, members):
            continue
        ideals = [
            c.ideal
            for _, d in members
            if d.relationship and (c := d.relationship.cadence_for("executive"))
        ]
        heard = [
            c.days_since for c in contacts if c.level == "executive" and c.days_since is not None
        ]
        found.append(
            SilentAccount(members[0][0], name, min(heard) if heard else None, 2 * min(ideals))
        )
    return sorted(found, key=lambda s: (s.account.casefold(), s.key))


def recorded_contact(dossier: Dossier, since: dt.date, today: dt.date) -> int:
    """How many contacts the record holds from `since` to `today`: meetings held, last
    contacts and reciprocity entries (given or received)."""
    relationship = dossier.relationship
    if relationship is None:
        return 0
    dates = [m.date for m in relationship.meetings if not m.missed]
    dates += [c.last_contact for c in relationship.contacts if c.last_contact]
    dates += [e.date for e in relationship.reciprocity if e.date]
    return sum(1 for d in dates if since <= d <= today)


def time_share(dossiers: Sequence[tuple[str, Dossier]], today: dt.date) -> TimeShare:
    since = max(today, dt.date.min + dt.timedelta(days=RECENT_DAYS)) - dt.timedelta(RECENT_DAYS)
    counts = dict.fromkeys(ACCOUNTS, 0)
    unassigned = []
    unassigned_count = 0
    for key, dossier in dossiers:
        if dossier.kind == "candidate" and dossier.account is None:
            continue
        count = recorded_contact(dossier, since, today)
        if dossier.account is None:
            unassigned.append((key, dossier.name))
            unassigned_count += count
        else:
            counts[dossier.account] += count
    return TimeShare(since, counts, tuple(unassigned), unassigned_count)
