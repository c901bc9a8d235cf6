"""`briefgen plan`: once a year, the plan for every account: its health, its trend from git, and
a call (grow, maintain, fix, leave). Text for a terminal, JSON for tools, or a PDF: the
portfolio on the first page, then a page per account.

The dossiers as they were in the past are read from git (`dossier.history`: blobs, never a
checkout); the facts come from `facts.plan`, the words from `text.plan_words`. The plan is private,
like the prep sheet: it holds the relationship record, so it says "Confidential" on every
page, and `--redact` leaves out every item marked `sensitive: true`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from briefgen.dossier.discover import find_dossiers
from briefgen.dossier.history import History, commits, newest_on_or_before, open_history
from briefgen.dossier.model import LEVELS, Dossier
from briefgen.dossier.privacy import redact as redact_dossier
from briefgen.dossier.project import CONFIG, project_of
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError, RenderError
from briefgen.facts.plan import (
    COMPONENTS,
    AccountPlan,
    PlanSettings,
    PortfolioPlan,
    Snapshot,
    months_back,
    plan,
    settings_from_table,
)
from briefgen.files import write_atomic
from briefgen.render.paper import A4, Paper
from briefgen.render.theme import Theme, template_problem
from briefgen.text import localized, plan_words
from briefgen.text.i18n import Locale, warm

PLAN_TEMPLATE = "plan.html.j2"
FORMATS = ("pdf", "text", "json")


@dataclass
class PlanReport:
    plan: PortfolioPlan
    problems: list[str] = field(default_factory=list)  # one per invalid dossier, located
    notices: list[str] = field(default_factory=list)  # "no trend: ..."
    written: Path | None = None


def load_current(
    paths: Sequence[str | os.PathLike[str]], *, redact: bool
) -> tuple[list[tuple[str, Dossier]], list[str]]:
    """Every dossier under `paths` as it is now (redacted with --redact), and the problems of
    the invalid ones."""
    files = find_dossiers(list(paths))
    if not files:
        raise BriefgenError(
            "no dossier files (*.yaml, *.yml) found in " + ", ".join(map(str, paths))
        )
    found, problems = [], []
    for path in files:
        try:
            dossier = load_dossier(path)
        except BriefgenError as exc:
            problems.append(str(exc))
            continue
        found.append((Path(path).as_posix(), redact_dossier(dossier) if redact else dossier))
    return found, problems


def past_snapshots(
    paths: Sequence[str | os.PathLike[str]],
    days: Sequence[dt.date],
    *,
    redact: bool,
    cwd: str | os.PathLike[str] | None = None,
) -> dict[dt.date, Snapshot | None] | None:
    """The dossiers under `paths` as they were on each of `days`, at the newest commit made
    on or before it (None for a day before the first commit); None outside git."""
    try:
        history = open_history(paths, cwd)
    except BriefgenError:  # a path outside the repository: no history to read for it
        return None
    if history is None:
        return None
    log = commits(history.top)
    read: dict[str, Snapshot] = {}
    found: dict[dt.date, Snapshot | None] = {}
    for day in days:
        commit = newest_on_or_before(log, day)
        if commit is None:
            found[day] = None
            continue
        if commit.id not in read:
            read[commit.id] = _at(history, commit.id, redact)
        found[day] = read[commit.id]
    return found


def _at(history: History, commit: str, redact: bool) -> Snapshot:
    dossiers = history.dossiers_at(commit)
    return [(p, redact_dossier(d)) for p, d in dossiers] if redact else dossiers


def make_plan(
    paths: Sequence[str | os.PathLike[str]],
    today: dt.date,
    settings: PlanSettings | None = None,
    *,
    redact: bool = False,
    locale: Locale,
) -> PlanReport:
    """The plan of every account under `paths` on `today`, with its trend from git."""
    settings = settings or PlanSettings()
    current, problems = load_current(paths, redact=redact)
    then_day = today - dt.timedelta(days=settings.trend_days)
    days = sorted({then_day, *months_back(today, settings.months)[:-1]})
    snapshots = past_snapshots(paths, days, redact=redact)
    notices = []
    if snapshots is None:
        notices.append(plan_words.no_history(locale))
    elif snapshots.get(then_day) is None:
        notices.append(plan_words.no_old_commit(then_day, locale))
    return PlanReport(plan(current, today, settings, snapshots), problems, notices)


# -- Text. -------------------------------------------------------------------------------------


def plan_text(report: PlanReport, *, locale: Locale) -> str:
    """The portfolio in a table, then each account in detail."""
    found = report.plan
    lines = [plan_words.heading(found.today, len(found.accounts), locale)]
    lines += [f"  {notice}" for notice in report.notices]
    lines.append("")
    width = max((len(plan_words.call(a.call, locale)) for a in found.accounts), default=0)
    for account in found.accounts:
        row = [
            plan_words.call(account.call, locale).ljust(width),
            plan_words.health(account.health.value, locale).rjust(5),
            plan_words.arrow(account.trend),
            account.key,
        ]
        extra = [plan_words.promise(account.promise, locale)] if account.promise else []
        extra += [text] if (text := plan_words.free_work(account, locale)) else []
        lines.append("  " + " ".join(row) + ("   " + "; ".join(extra) if extra else ""))
    for account in found.accounts:
        lines.append("")
        lines += account_lines(account, locale=locale)
    return "\n".join(lines) + "\n"


def account_lines(account: AccountPlan, *, locale: Locale) -> list[str]:
    people = ", ".join(account.people)
    lines = [f"{account.key} ({people})" if people != account.key else account.key]
    lines.append("  " + plan_words.call_line(account.call, account.because, locale))
    lines.append(
        "  " + plan_words.health_line(account.health.value, account.then, account.trend, locale)
    )
    names = {c: plan_words.component_name(c, locale) for c in COMPONENTS}
    pad = max(len(n) for n in names.values())
    for component in account.health.components:
        value = "-" if component.value is None else str(component.value)
        lines.append(
            f"    {names[component.name].ljust(pad)} {value.rjust(3)}  "
            f"{plan_words.reason(component, locale)}"
        )
    if account.contacts:
        lines.append("  " + plan_words.contacts_heading(locale))
        for contact in account.contacts:
            level = plan_words.level(contact.level, locale) if contact.level else "-"
            mark = "!" if contact.due else " "
            lines.append(f"   {mark} {level.ljust(9)} {plan_words.contact(contact, locale)}")
    if account.promise:
        lines.append("  " + plan_words.promise(account.promise, locale))
    if account.demands:
        lines.append("  " + (plan_words.free_work(account, locale)))
        for demand in account.demands:
            text = plan_words.demand(
                demand.what, demand.value, demand.date, account.currency, locale
            )
            lines.append(f"    - {text}")
    if account.executive_silent:
        lines.append("  ! " + plan_words.executive_silent(locale))
    if account.fix_by is not None:
        lines.append("  " + plan_words.fix_by(account.fix_by, locale))
        for name in account.weakest:
            lines.append("    - " + plan_words.fix_line(name, locale))
    return lines


# -- JSON. -------------------------------------------------------------------------------------


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def plan_json(report: PlanReport) -> dict[str, Any]:
    """Codes, numbers and ISO dates, the same in every locale."""
    found = report.plan
    return {
        "today": found.today.isoformat(),
        "trend_against": found.then_day.isoformat(),
        "history": found.history,
        "months": [d.isoformat() for d in found.months],
        "accounts": [
            {
                "account": a.key,
                "people": list(a.people),
                "dossiers": list(a.dossiers),
                "call": a.call,
                "because": list(a.because),
                "health": a.health.value,
                "then": a.then,
                "trend": a.trend,
                "monthly": list(a.monthly),
                "components": {
                    c.name: {"value": c.value, "reason": c.reason, "counts": list(c.counts)}
                    for c in a.health.components
                },
                "coverage": {
                    lv.level: {"warm": lv.warm, "contacts": lv.contacts} for lv in a.levels
                },
                "contacts": [
                    {
                        "name": c.name,
                        "level": c.level,
                        "stance": c.stance,
                        "last_contact": _day(c.last_contact),
                        "days_since": c.days_since,
                        "ideal": c.ideal,
                        "max": c.maximum,
                        "state": c.state,
                    }
                    for c in a.contacts
                ],
                "reciprocity": None
                if a.balance is None
                else {
                    "given": a.balance.given,
                    "received": a.balance.received,
                    "last_given": _day(a.balance.last_given),
                    "verdict": a.balance.verdict,
                },
                "promise": None
                if a.promise is None
                else {
                    "every": a.promise.every,
                    "since": a.promise.since.isoformat(),
                    "until": _day(a.promise.until),
                    "held": a.promise.held,
                    "promised": a.promise.promised,
                },
                "demands": [
                    {"what": d.what, "value": d.value, "date": _day(d.date), "recent": d.recent}
                    for d in a.demands
                ],
                "free_work": a.free_work,
                "revenue": a.revenue,
                "currency": a.currency,
                "weakest": list(a.weakest),
                "fix_by": _day(a.fix_by),
                "executive_silent": a.executive_silent,
            }
            for a in found.accounts
        ],
        "notices": list(report.notices),
        "problems": list(report.problems),
    }


# -- PDF. --------------------------------------------------------------------------------------


def plan_setup(env: SandboxedEnvironment, locale: Locale) -> None:
    """The plan's filters and globals: dates and money in the locale, and the words of
    text/plan_words.py for the codes the facts hold."""
    env.filters.update(localized.filters(locale))
    env.globals.update(
        label=localized.helpers(locale)["label"],
        say_call=lambda code: plan_words.call(code, locale),
        say_component=lambda name: plan_words.component_name(name, locale),
        say_reason=lambda component: plan_words.reason(component, locale),
        say_health=lambda value: plan_words.health(value, locale),
        say_trend=lambda code: plan_words.trend_word(code, locale),
        say_state=lambda code: plan_words.state(code, locale),
        say_because=lambda code: plan_words.because(code, locale),
        say_fix=lambda name: plan_words.fix(name, locale),
        say_promise=lambda found: plan_words.promise(found, locale),
        say_free_work=lambda account: plan_words.free_work(account, locale),
        say_fix_by=lambda day: plan_words.fix_by(day, locale),
        say_executive_silent=lambda: plan_words.executive_silent(locale),
        say_demand=lambda d, currency: plan_words.demand(d.what, d.value, d.date, currency, locale),
        say_contact=lambda c: plan_words.contact(c, locale),
        say_health_line=lambda a: plan_words.health_line(a.health.value, a.then, a.trend, locale),
        arrow=plan_words.arrow,
        levels=LEVELS,
        components=COMPONENTS,
        sparkline=sparkline,
    )


def plan_environment(theme: Theme, locale: Locale) -> SandboxedEnvironment:
    """The plan's environment: the Theme's, with the plan's setup (built once a process)."""
    return theme.environment(html=True, locale=locale, setup=plan_setup, keep_compiled=True)


def sparkline(points: Sequence[float | None], width: float = 60, height: float = 14) -> str:
    """An SVG polyline's points for H over the months (0 at the bottom, 100 at the top);
    a month with no H breaks nothing: it is skipped."""
    if not points:
        return ""
    step = width / max(len(points) - 1, 1)
    return " ".join(
        f"{i * step:.1f},{height - (value / 100) * height:.1f}"
        for i, value in enumerate(points)
        if value is not None
    )


def render_plan_html(
    report: PlanReport,
    *,
    theme: Theme,
    locale: Locale,
    redacted: bool = False,
    paper: Paper = A4,
) -> str:
    """The plan's HTML, its `@page` on `paper` (templates/plan/plan.css)."""
    env = plan_environment(theme, locale)
    try:
        return env.get_template(PLAN_TEMPLATE).render(
            plan=report.plan,
            notices=report.notices,
            today=report.plan.today,
            redacted=redacted,
            created=report.plan.today.isoformat(),
            paper_size=paper.css_size,
        )
    except BriefgenError:
        raise
    except Exception as exc:  # a user's template can raise anything: say where, in words
        problem = template_problem(exc)
        if problem is None:
            raise  # briefgen's own template or code: a bug, with its traceback
        raise RenderError(problem) from None


def plan_theme(paths: Sequence[str | os.PathLike[str]]) -> Theme:
    """The plan's templates: templates/plan/ beside the first folder's profiles, then the
    built-in ones."""
    first = Path(paths[0]) if paths else Path("profiles")
    anchor = first / "plan" if first.is_dir() else first
    return Theme.for_dossier(anchor, "plan")


def write_plan_pdf(
    report: PlanReport,
    output: str | os.PathLike[str],
    *,
    theme: Theme,
    locale: Locale,
    redacted: bool = False,
    paper: Paper = A4,
) -> Path:
    """Lay out the plan on `paper` in the limited render child, then write it whole or not
    at all."""
    import briefgen.render.pdf  # noqa: F401 - WeasyPrint, imported here once: the child inherits it
    from briefgen.render.child import isolated

    warm(locale)
    html = render_plan_html(report, theme=theme, locale=locale, redacted=redacted, paper=paper)
    data = isolated(lambda: _lay_out(html, theme), what=str(output))
    return write_atomic(Path(output), data)


def _lay_out(html: str, theme: Theme) -> bytes:
    from briefgen.render.pdf import lay_out

    return lay_out(html, assets=list(theme.dirs)).write_pdf()


# -- The command. -----------------------------------------------------------------------------


@dataclass
class PlanRun:
    report: PlanReport
    content: str | None  # text or JSON for standard output
    messages: list[str]  # for standard error: what was written, notices, problems


def project_settings(paths: Sequence[str | os.PathLike[str]]) -> PlanSettings:
    """The `[plan]` table of the briefgen.toml of the first PATH's project (the defaults
    without one), checked key by key."""
    project = project_of([str(p) for p in paths])
    return settings_from_table(project.table("plan"), str(project.config or CONFIG))


def choose_format(output_format: str | None, output: str | os.PathLike[str] | None) -> str:
    """--format when given, else pdf for `-o FILE.pdf` (json for .json), else text."""
    if output_format:
        return output_format
    suffix = Path(output).suffix.lower() if output is not None else ""
    return {".pdf": "pdf", ".json": "json"}.get(suffix, "text")


def run_plan(
    paths: Sequence[str | os.PathLike[str]],
    today: dt.date,
    *,
    output: str | os.PathLike[str] | None = None,
    output_format: str | None = None,
    locale: Locale,
    redact: bool = False,
    settings: PlanSettings | None = None,
    paper: Paper = A4,
) -> PlanRun:
    """`briefgen plan`: make the plan and print it or write it (-o, whole or not at all), a
    PDF on `paper`. The settings default to the `[plan]` table of the project's
    briefgen.toml."""
    fmt = choose_format(output_format, output)
    if fmt not in FORMATS:
        raise BriefgenError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "pdf" and output is None:
        output = Path("output") / ("plan-redacted.pdf" if redact else "plan.pdf")
    words = Locale("en") if fmt == "json" else locale  # JSON is the same in every locale
    settings = settings or project_settings(paths)
    report = make_plan(paths, today, settings, redact=redact, locale=words)
    messages: list[str] = []
    content: str | None = None
    if fmt == "pdf":
        assert output is not None
        written = write_plan_pdf(
            report, output, theme=plan_theme(paths), locale=locale, redacted=redact, paper=paper
        )
        report.written = written
        messages.append(f"{written}: {len(report.plan.accounts)} accounts")
        messages += report.notices
    else:
        if fmt == "json":
            content = json.dumps(plan_json(report), indent=2, ensure_ascii=False) + "\n"
        else:
            content = plan_text(report, locale=locale)
        if output is not None:
            report.written = write_atomic(Path(output), content.encode("utf-8"))
            messages.append(f"{report.written}: {len(report.plan.accounts)} accounts")
            content = None
    messages += report.problems
    return PlanRun(report, content, messages)
