"""Deadlines: every dated deliverable and every date computed from a timeline rule ("if it
prints Friday, final changes by Wednesday"). Pure functions of the dossier and `today`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen.dossier.model import Timeline


def days_before(date: dt.date, days: int, *, business_days: bool) -> dt.date:
    """The date `days` days before `date`; with business_days, only Monday to Friday count,
    and a result that would fall on a weekend moves back to the Friday."""
    if not business_days:
        return date - dt.timedelta(days=days)
    # Arithmetic, not a walk: whole weeks of five business days, then the few days left.
    # Stepping back from a weekend first lands on the Friday, where the count starts.
    weekday = date.weekday()
    if weekday >= 5:  # a weekend: the Friday before is the first business day passed
        date -= dt.timedelta(days=weekday - 4)
        weekday = 4
        days = max(days - 1, 0)
    weeks, rest = divmod(days, 5)
    return _back_within_week(date - dt.timedelta(weeks=weeks), weekday, rest)


def _back_within_week(date: dt.date, weekday: int, rest: int) -> dt.date:
    """`rest` (0-4) business days before a weekday `date`."""
    if rest == 0:
        return date
    back = rest if rest <= weekday else rest + 2  # crossing a weekend adds two days
    return date - dt.timedelta(days=back)


@dataclass(frozen=True)
class RuleTiming:
    """How a rule's date was computed: `days` (business) days before `of`."""

    days: int
    business_days: bool
    of: str


@dataclass(frozen=True)
class Deadline:
    name: str
    date: dt.date
    days_left: int
    of: str | None = None
    rule: RuleTiming | None = None
    note: str | None = None
    done: bool = False  # marked `done: true` (a rule also when its deliverable is done)

    @property
    def overdue(self) -> bool:
        """Past its date and not done."""
        return self.days_left < 0 and not self.done


def deadlines(
    timeline: Timeline | None, meeting_day: dt.date | None, today: dt.date
) -> list[Deadline]:
    """Every dated deliverable and every computed rule date, earliest first."""
    if timeline is None:
        return []
    dated = {d.name: d for d in timeline.deliverables if d.due is not None}
    due = {name: d.due for name, d in dated.items() if d.due is not None}
    found = [
        Deadline(name, date, (date - today).days, note=dated[name].note, done=dated[name].done)
        for name, date in due.items()
    ]
    for rule in timeline.rules:
        base = meeting_day if rule.of == "negotiation" else due.get(rule.of or "")
        if base is None:
            continue
        try:
            date = days_before(base, rule.days_before, business_days=rule.business_days)
        except OverflowError:  # before the year 1: no deadline anyone can meet
            continue
        timing = RuleTiming(rule.days_before, rule.business_days, rule.of or "")
        owner = dated.get(rule.of or "")
        done = rule.done or (owner is not None and owner.done)
        found.append(
            Deadline(
                rule.name, date, (date - today).days, rule.of, timing, note=rule.note, done=done
            )
        )
    return sorted(found, key=lambda d: (d.date, d.name))
