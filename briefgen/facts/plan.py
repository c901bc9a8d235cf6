"""The yearly account plan (seed 002): for each account (the dossiers that share an
organization), five components of the relationship's health, their weighted sum H, its trend
against H as it stood 90 days ago, a promise kept or not, and a call: grow, maintain, fix or
leave.

Pure functions of the dossiers, `today` and the settings: codes and numbers, never words (the
words are in text/plan_words.py). The dossiers as they were in the past come in as snapshots from
the caller (documents/plan.py reads them from git); nothing here reads the clock or a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from briefgen.dossier.model import LEVELS, Contact, Demand, Dossier, Meeting, Relationship
from briefgen.errors import BriefgenError
from briefgen.facts.relationship import punctuality, reciprocity, self_check_score

COMPONENTS = ("coverage", "map", "reciprocity", "respect", "self_check")
Trend = Literal["up", "same", "down"]
Call = Literal["leave", "fix", "maintain", "grow"]
CALL_ORDER: tuple[Call, ...] = ("leave", "fix", "maintain", "grow")  # the portfolio's order
ContactState = Literal["warm", "due", "overdue", "never", "no-cadence"]
Snapshot = Sequence[tuple[str, Dossier]]

SELF_CHECK_LOW, SELF_CHECK_HIGH = -4, 8  # the self-check score's range


@dataclass(frozen=True)
class Weights:
    """How much each component counts in H, in the order of COMPONENTS."""

    coverage: float = 30
    map: float = 25
    reciprocity: float = 20
    respect: float = 15
    self_check: float = 10

    def of(self, component: str) -> float:
        return float(getattr(self, component))


@dataclass(frozen=True)
class PlanSettings:
    """The plan's weights and thresholds: the issue's defaults, or `[plan]` in briefgen.toml."""

    weights: Weights = field(default_factory=Weights)
    grow: float = 75  # H at least this, and not trending down: grow
    maintain: float = 60  # H at least this: maintain; below it: fix
    leave: float = 40  # H below this now and `trend_days` ago: leave
    trend_step: float = 5  # H moved at least this much: up or down
    trend_days: int = 90  # H now against H this many days ago
    recent_favour_days: int = 90  # our last favour within this: reciprocity 100
    respect_meetings: int = 6  # the last this many meetings count for respect
    free_work_share: float = 0.5  # free work asked in a year, as a share of revenue: leave
    free_work_days: int = 365
    fix_days: int = 90  # a fix is due this many days out
    months: int = 12  # points of the sparkline, one a month, the last today


def settings_from_table(table: Mapping[str, Any], where: str = "briefgen.toml") -> PlanSettings:
    """PlanSettings from a `[plan]` table (and its `[plan.weights]`), as briefgen.toml holds
    them; every key optional, the defaults for the rest. An unknown key or a value that is not
    a number in range is a BriefgenError naming `where` and the key."""
    defaults = PlanSettings()
    types = {f.name: str(f.type) for f in fields(PlanSettings)}
    known = set(types) - {"weights"}
    found: dict[str, Any] = {}

    def number(key: str, value: object, low: float, high: float, whole: bool = False) -> float:
        found = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            found = value if isinstance(value, int) or not whole else None
        if found is None or not low <= found <= high:
            kind = "a whole number" if whole else "a number"
            raise BriefgenError(f"{where}: plan.{key}: expected {kind} from {low:g} to {high:g}")
        return found

    for key, value in table.items():
        if key == "weights":
            if not isinstance(value, Mapping):
                raise BriefgenError(f"{where}: plan.weights: expected a table of weights")
            for name in value:
                if name not in COMPONENTS:
                    raise BriefgenError(
                        f"{where}: plan.weights.{name}: unknown component; "
                        f"use {', '.join(COMPONENTS)}"
                    )
            weights = {n: number(f"weights.{n}", v, 0, 1000) for n, v in value.items()}
            found["weights"] = replace(defaults.weights, **weights)
        elif key in known:
            whole = types[key] == "int"  # days and counts; thresholds may have decimals
            found[key] = number(key, value, 0, 3650 if whole else 1000, whole)
        else:
            raise BriefgenError(
                f"{where}: plan.{key}: unknown setting; use weights, {', '.join(sorted(known))}"
            )
    settings = replace(defaults, **found)
    if not settings.grow >= settings.maintain >= settings.leave:
        raise BriefgenError(f"{where}: plan: the thresholds must run grow >= maintain >= leave")
    return settings


@dataclass(frozen=True)
class Component:
    """One component of H, 0-100, or None without data; `reason` is a code and `counts` the
    numbers its words need (text/plan_words.py)."""

    name: str
    value: int | None
    reason: str
    counts: tuple[int, ...] = ()


@dataclass(frozen=True)
class ContactStatus:
    """A contact on the account map, against its level's cadence."""

    name: str
    title: str | None
    level: str | None
    stance: str | None
    dossier: str
    last_contact: dt.date | None
    days_since: int | None
    ideal: int | None
    maximum: int | None
    state: ContactState

    @property
    def due(self) -> bool:
        return self.state in ("due", "overdue", "never")


@dataclass(frozen=True)
class LevelCoverage:
    level: str
    warm: int
    contacts: int


@dataclass(frozen=True)
class PromiseKept:
    every: int
    since: dt.date
    until: dt.date | None
    held: int  # meetings held from `since` to today (or `until`)
    promised: int  # a meeting on `since` and every `every` days after, up to the same day

    @property
    def share(self) -> int | None:
        return round(100 * min(self.held, self.promised) / self.promised) if self.promised else None


@dataclass(frozen=True)
class DemandFact:
    what: str
    value: float | None
    date: dt.date | None
    recent: bool  # within the last `free_work_days`


@dataclass(frozen=True)
class Health:
    """The five components and H, for one account on one day."""

    components: tuple[Component, ...]
    value: float | None  # H, one decimal; None when no component has data

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)


@dataclass(frozen=True)
class Balance:
    given: int
    received: int
    last_given: dt.date | None
    last_received: dt.date | None
    verdict: str


@dataclass(frozen=True)
class AccountPlan:
    key: str  # the organization, or the person's name when none is given
    people: tuple[str, ...]  # the dossiers' own people
    dossiers: tuple[str, ...]  # their paths
    health: Health
    contacts: tuple[ContactStatus, ...]
    levels: tuple[LevelCoverage, ...]
    balance: Balance | None
    promise: PromiseKept | None
    demands: tuple[DemandFact, ...]
    free_work: float  # asked in the last `free_work_days`
    revenue: float | None
    currency: str | None
    then: float | None  # H `trend_days` ago, from the dossiers as they were then
    trend: Trend | None  # None outside git, or with no commit old enough
    monthly: tuple[float | None, ...]  # H once a month, oldest first, the last today
    call: Call
    because: tuple[str, ...]  # codes: free-work, low-now-and-then, low, down, high, middle
    weakest: tuple[str, ...]  # the three weakest components, for a fix
    fix_by: dt.date | None
    executive_silent: bool  # no executive contacted for twice the executive cadence


@dataclass(frozen=True)
class PortfolioPlan:
    today: dt.date
    accounts: tuple[AccountPlan, ...]  # leave, fix, maintain, grow; lowest H first
    history: bool  # whether past snapshots were given (inside git)
    then_day: dt.date
    months: tuple[dt.date, ...]


# -- Accounts. --------------------------------------------------------------------------------


def account_key(dossier: Dossier) -> str:
    return dossier.organization or dossier.name


def accounts(dossiers: Snapshot) -> dict[str, list[tuple[str, Dossier]]]:
    """Dossiers grouped by account: those sharing an organization form one. A candidate with
    no `account:` is a person being placed, not an account: left out."""
    found: dict[str, list[tuple[str, Dossier]]] = {}
    for path, dossier in dossiers:
        if dossier.kind == "candidate" and dossier.account is None:
            continue
        found.setdefault(account_key(dossier), []).append((path, dossier))
    return found


def _relationships(members: Snapshot) -> list[tuple[str, Relationship]]:
    return [(path, d.relationship) for path, d in members if d.relationship is not None]


# -- The components. --------------------------------------------------------------------------


def contact_statuses(members: Snapshot, today: dt.date) -> tuple[ContactStatus, ...]:
    """Every contact of the account once (by name; the newest last contact wins), against the
    cadence of its level in its dossier."""
    found: dict[str, ContactStatus] = {}
    for path, relationship in _relationships(members):
        for contact in relationship.contacts:
            status = _status(contact, relationship, path, today)
            known = found.get(contact.name)
            if known is None or (status.last_contact or dt.date.min) > (
                known.last_contact or dt.date.min
            ):
                found[contact.name] = status
    order: dict[str | None, int] = {level: i for i, level in enumerate(LEVELS)}
    return tuple(sorted(found.values(), key=lambda c: (order.get(c.level, 9), c.name.casefold())))


def _status(
    contact: Contact, relationship: Relationship, path: str, today: dt.date
) -> ContactStatus:
    cadence = relationship.cadence_for(contact.level)
    last = contact.last_contact
    since = (today - last).days if last is not None else None
    state: ContactState
    if cadence is None:
        state = "no-cadence"
    elif since is None:
        state = "never"
    elif since > cadence.maximum:
        state = "overdue"
    elif since > cadence.ideal:
        state = "due"
    else:
        state = "warm"
    return ContactStatus(
        contact.name,
        contact.title,
        contact.level,
        contact.stance,
        path,
        last,
        since,
        cadence.ideal if cadence else None,
        cadence.maximum if cadence else None,
        state,
    )


def level_coverage(contacts: Sequence[ContactStatus]) -> tuple[LevelCoverage, ...]:
    return tuple(
        LevelCoverage(
            level,
            sum(1 for c in contacts if c.level == level and c.state == "warm"),
            sum(1 for c in contacts if c.level == level),
        )
        for level in LEVELS
    )


def coverage(contacts: Sequence[ContactStatus]) -> Component:
    """The mean over the four levels of the share of that level's contacts who are warm (last
    contact within the level's ideal); a level with no contact counts 0. No data without a
    cadence for any contact."""
    judged = [c for c in contacts if c.level is not None and c.state != "no-cadence"]
    if not judged:
        return Component("coverage", None, "no-cadence" if contacts else "no-contacts")
    levels = level_coverage(judged)
    value = round(sum(lv.warm / lv.contacts for lv in levels if lv.contacts) / len(LEVELS) * 100)
    empty = sum(1 for lv in levels if not lv.contacts)
    cold = sum(lv.contacts - lv.warm for lv in levels)
    return Component("coverage", value, "levels", (empty, cold))


def account_map(contacts: Sequence[ContactStatus]) -> Component:
    """0 no contacts; 33 no executive; 67 an executive but no champion; 100 both."""
    if not contacts:
        return Component("map", 0, "no-contacts")
    if not any(c.level == "executive" for c in contacts):
        return Component("map", 33, "no-executive")
    if not any(c.stance == "champion" for c in contacts):
        return Component("map", 67, "no-champion")
    return Component("map", 100, "complete")


def reciprocity_component(
    members: Snapshot, today: dt.date, settings: PlanSettings
) -> tuple[Component, Balance | None]:
    """100 both ways with our last favour within `recent_favour_days`; 50 both ways but our
    last longer ago (or undated), or an imbalance (we owe, or they never gave); 0 when we have
    only taken. No data without a recorded exchange."""
    exchanges = [e for _, r in _relationships(members) for e in r.reciprocity]
    found = reciprocity(Relationship(reciprocity=exchanges)) if exchanges else None
    if found is None:
        return Component("reciprocity", None, "no-exchanges"), None
    balance = Balance(
        found.given, found.received, found.last_given, found.last_received, found.verdict
    )
    since = (today - found.last_given).days if found.last_given else -1
    counts = (found.given, found.received, since)
    if found.verdict == "only-taken":
        return Component("reciprocity", 0, "only-taken", counts), balance
    if found.verdict != "both-ways":
        return Component("reciprocity", 50, found.verdict, counts), balance
    if found.last_given is not None and since <= settings.recent_favour_days:
        return Component("reciprocity", 100, "recent", counts), balance
    return Component("reciprocity", 50, "long-ago", counts), balance


def respect(members: Snapshot, today: dt.date, settings: PlanSettings) -> Component:
    """The share of the last `respect_meetings` meetings (up to today) that started on time."""
    meetings: list[Meeting] = [
        m for _, r in _relationships(members) for m in r.meetings if m.date <= today
    ]
    recent = sorted(meetings, key=lambda m: m.date)[-settings.respect_meetings :]
    found = punctuality(recent)
    if found is None:
        return Component("respect", None, "no-meetings")
    value = round(100 * found.on_time / found.meetings)
    return Component("respect", value, "meetings", (found.on_time, found.meetings, found.missed))


def self_check(members: Snapshot) -> Component:
    """The self-check score, -4..+8, scaled to 0..100 (the mean when several dossiers have one)."""
    scores = [
        found.score
        for _, r in _relationships(members)
        if (found := self_check_score(r.self_check)) is not None
    ]
    if not scores:
        return Component("self_check", None, "no-self-check")
    score = sum(scores) / len(scores)
    value = round((score - SELF_CHECK_LOW) / (SELF_CHECK_HIGH - SELF_CHECK_LOW) * 100)
    return Component("self_check", value, "score", (round(score),))


def health_of(components: Sequence[Component], weights: Weights) -> float | None:
    """The weighted sum of the components with data, the weights re-normalised over them."""
    known = [(weights.of(c.name), c.value) for c in components if c.value is not None]
    total = sum(w for w, _ in known)
    if not known or total <= 0:
        return None
    return round(sum(w * v for w, v in known if v is not None) / total, 1)


def health(members: Snapshot, today: dt.date, settings: PlanSettings | None = None) -> Health:
    """The five components and H of one account on `today`."""
    settings = settings or PlanSettings()
    contacts = contact_statuses(members, today)
    components = (
        coverage(contacts),
        account_map(contacts),
        reciprocity_component(members, today, settings)[0],
        respect(members, today, settings),
        self_check(members),
    )
    return Health(components, health_of(components, settings.weights))


def weakest(components: Sequence[Component], count: int = 3) -> tuple[str, ...]:
    """The `count` lowest components with data, below 100 (a full one needs no fixing); a
    tie goes to the one listed first."""
    known = [
        (c.value, COMPONENTS.index(c.name), c.name)
        for c in components
        if c.value is not None and c.value < 100
    ]
    return tuple(name for _, _, name in sorted(known)[:count])


# -- Trend, promise, free work, the call. ----------------------------------------------------


def trend(now: float | None, then: float | None, step: float = 5) -> Trend | None:
    """Up or down when H moved by at least `step`, else same; None without both."""
    if now is None or then is None:
        return None
    if now - then >= step:
        return "up"
    if then - now >= step:
        return "down"
    return "same"


def promise_kept(members: Snapshot, today: dt.date) -> PromiseKept | None:
    """Meetings held against meetings promised: one on `since`, then one every `every` days,
    up to `until` (or, while the promise runs, up to yesterday: today's visit may still be
    ahead). A meeting held today counts."""
    for _, relationship in _relationships(members):
        promise = relationship.promise
        if promise is None:
            continue
        yesterday = today - dt.timedelta(days=1)
        due_until = min(yesterday, promise.until) if promise.until else yesterday
        held_until = min(today, promise.until) if promise.until else today
        promised = (
            (due_until - promise.since).days // promise.every + 1
            if due_until >= promise.since
            else 0
        )
        held = sum(
            1
            for _, r in _relationships(members)
            for m in r.meetings
            if not m.missed and promise.since <= m.date <= held_until
        )
        return PromiseKept(promise.every, promise.since, promise.until, held, promised)
    return None


def demands(
    members: Snapshot, today: dt.date, settings: PlanSettings
) -> tuple[tuple[DemandFact, ...], float]:
    """Every demand for free work, newest first, and the value asked in the last
    `free_work_days` (undated demands are listed but not counted: when is unknown)."""
    start = today - dt.timedelta(days=settings.free_work_days)
    asked: list[Demand] = [d for _, r in _relationships(members) for d in r.demands]
    facts = tuple(
        DemandFact(d.what, d.value, d.date, d.date is not None and start <= d.date <= today)
        for d in sorted(asked, key=lambda d: d.date or dt.date.min, reverse=True)
    )
    return facts, sum(d.value or 0 for d in facts if d.recent)


def decide(
    now: float | None,
    then: float | None,
    moved: Trend | None,
    free_work: float,
    revenue: float | None,
    settings: PlanSettings,
) -> tuple[Call, tuple[str, ...]]:
    """leave: free work asked in a year is at least `free_work_share` of the revenue, or H is
    below `leave` now and `trend_days` ago; fix: H below `maintain`, or trending down; grow: H
    at least `grow`; maintain: in between. With the codes of why."""
    because: list[str] = []
    if revenue and free_work >= settings.free_work_share * revenue:
        because.append("free-work")
    if now is not None and then is not None and now < settings.leave and then < settings.leave:
        because.append("low-now-and-then")
    if because:
        return "leave", tuple(because)
    if now is None or now < settings.maintain:
        because.append("low")
    if moved == "down":
        because.append("down")
    if because or now is None:
        return "fix", tuple(because)
    if now >= settings.grow:
        return "grow", ("high",)
    return "maintain", ("middle",)


def executive_silent(contacts: Sequence[ContactStatus], members: Snapshot) -> bool:
    """No executive contacted for twice the executive cadence (seed 003: keep circulating at
    high levels): an account with a map and a cadence, whose executives (if any) were all last
    heard from longer ago than that."""
    relationships = [r for _, r in _relationships(members) if r.contacts]
    cadences = [c for r in relationships if (c := r.cadence_for("executive")) is not None]
    if not cadences:
        return False
    limit = 2 * min(c.ideal for c in cadences)
    heard = [c.days_since for c in contacts if c.level == "executive" and c.days_since is not None]
    return not heard or min(heard) > limit


def months_back(today: dt.date, count: int) -> tuple[dt.date, ...]:
    """`count` days a month apart, oldest first, the last `today` (the 31st falls back to the
    month's last day)."""
    days = []
    for back in range(count - 1, -1, -1):
        month = today.month - 1 - back
        year = today.year + month // 12
        month = month % 12 + 1
        day = today.day
        while True:
            try:
                days.append(dt.date(year, month, day))
                break
            except ValueError:
                day -= 1
    return tuple(days)


def plan_account(
    key: str,
    members: Snapshot,
    today: dt.date,
    settings: PlanSettings,
    then: float | None = None,
    monthly: tuple[float | None, ...] = (),
) -> AccountPlan:
    """One account's plan; `then` is H `trend_days` ago (None without history)."""
    now = health(members, today, settings)
    contacts = contact_statuses(members, today)
    _, balance = reciprocity_component(members, today, settings)
    asked, free_work = demands(members, today, settings)
    revenue = next((r.revenue for _, r in _relationships(members) if r.revenue is not None), None)
    currency = next(
        (d.negotiation.currency for _, d in members if d.negotiation and d.negotiation.currency),
        None,
    )
    moved = trend(now.value, then, settings.trend_step)
    call, because = decide(now.value, then, moved, free_work, revenue, settings)
    fixing = call == "fix"
    return AccountPlan(
        key,
        tuple(d.name for _, d in members),
        tuple(p for p, _ in members),
        now,
        contacts,
        level_coverage(contacts),
        balance,
        promise_kept(members, today),
        asked,
        free_work,
        revenue,
        currency,
        then,
        moved,
        monthly,
        call,
        because,
        weakest(now.components) if fixing else (),
        today + dt.timedelta(days=settings.fix_days) if fixing else None,
        executive_silent(contacts, members),
    )


def plan(
    dossiers: Snapshot,
    today: dt.date,
    settings: PlanSettings | None = None,
    snapshots: Mapping[dt.date, Snapshot | None] | None = None,
) -> PortfolioPlan:
    """The plan of every account in `dossiers` (as they are today). `snapshots` maps a past
    day to the dossiers as they were then (None: no commit that old); without it (outside
    git), there is no trend and no sparkline but today's point."""
    settings = settings or PlanSettings()
    then_day = today - dt.timedelta(days=settings.trend_days)
    months = months_back(today, settings.months)
    past: dict[dt.date, dict[str, float | None]] = {}
    if snapshots is not None:
        for day in {then_day, *months[:-1]}:
            snapshot = snapshots.get(day)
            past[day] = (
                {}
                if snapshot is None
                else {k: health(m, day, settings).value for k, m in accounts(snapshot).items()}
            )
    found = []
    for key, members in accounts(dossiers).items():
        now = health(members, today, settings).value
        then = past[then_day].get(key) if then_day in past else None
        monthly: tuple[float | None, ...] = (
            (*(past[d].get(key) for d in months[:-1]), now) if past else (now,)
        )
        found.append(plan_account(key, members, today, settings, then, monthly))
    found.sort(key=lambda a: (CALL_ORDER.index(a.call), a.health.value or 0.0, a.key.casefold()))
    return PortfolioPlan(today, tuple(found), snapshots is not None, then_day, months)
