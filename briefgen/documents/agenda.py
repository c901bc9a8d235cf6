"""`briefgen agenda`: the Monday-morning look across the portfolio: negotiations coming up,
deadlines (and those overdue), who is due a call, and where the time went. Text for a
terminal (grouped, aligned, overdue marked, colour optional) or JSON for tools.

The facts come from `facts.portfolio`, the words from `text.portfolio_words`; only public facts
reach either (the dossiers are redacted, and only names, titles, subjects, places and dates
are read)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from briefgen.documents.dossiers import load_portfolio, shown_path
from briefgen.facts.portfolio import ACCOUNTS, GOAL, Agenda, agenda, hidden_counts
from briefgen.text import portfolio_words
from briefgen.text.i18n import Locale


def make_agenda(
    paths: list[str | os.PathLike[str]], today: dt.date, days: int = 14
) -> tuple[Agenda, list[str]]:
    """The agenda of every valid dossier under `paths` (saying how many entries items marked
    sensitive took out), and where the invalid ones are wrong (never what they hold)."""
    portfolio = load_portfolio(paths)
    shown = agenda(portfolio.dossiers, today, days)
    hidden = hidden_counts(shown, agenda(portfolio.private, today, days))
    return dataclasses.replace(shown, hidden=hidden), portfolio.problems


# -- Text. -------------------------------------------------------------------------------------

Style = Callable[[str, str], str]  # (text, kind) -> text; kind: heading | overdue | due | path


def plain(text: str, _kind: str) -> str:
    return text


def agenda_text(result: Agenda, style: Style = plain, *, locale: Locale) -> str:
    """The agenda for a terminal, in `locale`'s words and dates (the dossier paths and the
    dossiers' own text as they are)."""
    today = result.today
    lines = [portfolio_words.agenda_heading(today, result.until, locale)]

    def section(name: str, rows: list[tuple[bool | str, list[str]]]) -> None:
        """Rows marked True (or "overdue") are styled overdue (red); "due" is past the ideal
        but not the maximum (yellow)."""
        lines.append("")
        lines.append(style(portfolio_words.heading(name, locale), "heading"))
        hidden = result.hidden.get(name, 0)
        if not rows:
            lines.append(f"  {portfolio_words.nothing(name, locale)}")
        else:
            shown = _aligned([r[1] for r in rows])
            for mark, line in zip([r[0] for r in rows], shown, strict=True):
                kind = "overdue" if mark is True else mark or None
                lines.append(style(line, kind) if kind else line)
        if hidden:
            lines.append(f"  {portfolio_words.hidden_line(name, hidden, locale)}")

    def date(day: dt.date) -> str:
        return portfolio_words.short_date(day, today, locale)

    section(
        "negotiations",
        [
            (
                False,
                [
                    " ",
                    date(n.day),
                    portfolio_words.at(n.time, locale),
                    portfolio_words.countdown(n.days_until, locale),
                    portfolio_words.negotiation_title(n, locale),
                    n.key,
                ],
            )
            for n in result.negotiations
        ],
    )
    section(
        "deadlines",
        [
            (
                d.overdue,
                [
                    "!" if d.overdue else " ",
                    date(d.date),
                    portfolio_words.overdue(d.days_left, locale),
                    d.person,
                    portfolio_words.deadline_title(d, locale),
                    d.key,
                ],
            )
            for d in result.deadlines
        ],
    )
    section(
        "touches",
        [
            (
                "overdue" if t.red else "due" if t.overdue else False,
                [
                    *(
                        "!" if t.overdue else " ",
                        date(t.due),
                        portfolio_words.overdue(t.days_left, locale),
                    ),
                    *(portfolio_words.touch_title(t, locale), t.key),
                ],
            )
            for t in result.touches
        ],
    )
    if result.promises:
        lines.append("")
        lines.append(style(portfolio_words.heading("promises", locale), "heading"))
        lines += [
            f"  {portfolio_words.promise_line(p, locale)}  {shown_path(p.key)}"
            for p in result.promises
        ]
    if result.silent:
        lines.append("")
        lines.append(style(portfolio_words.heading("executives", locale), "heading"))
        for quiet in result.silent:
            line = f"! {portfolio_words.silent_line(quiet, locale)}  {shown_path(quiet.key)}"
            lines.append(style(line, "overdue"))
    share = result.time
    if share is not None:
        lines.append("")
        lines.append(style(portfolio_words.time_heading(share, locale), "heading"))
        lines += [f"  {line}" for line in portfolio_words.share_lines(share, ACCOUNTS, locale)]
        if share.unassigned:
            lines.append(f"  {portfolio_words.unassigned_line(share, locale)}")
    return "\n".join(lines) + "\n"


def _aligned(rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell, but for the last two: what it is, then the
    dossier's path, two spaces after it (escaped: a file name is not a terminal command)."""
    rows = [[*row[:-1], shown_path(row[-1])] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 2)]
    return [
        " ".join([cell.ljust(widths[i]) for i, cell in enumerate(row[:-2])] + [row[-2]])
        + f"  {row[-1]}"
        for row in rows
    ]


# -- JSON. -------------------------------------------------------------------------------------


def agenda_json(result: Agenda, invalid: int = 0) -> dict[str, Any]:
    """ISO dates, the dossier path on every entry (escaped where it is not UTF-8 or not
    printable); public facts only. The same in every locale: keys, dates and codes
    (`level: executive`) are for tools, and the only text is the dossiers' own (names,
    subjects, places). `hidden` counts what items marked sensitive took out of each section;
    `invalid` counts the dossiers left out (their problems go to standard error)."""
    share = result.time
    return _escaped_paths(
        {
            "today": result.today.isoformat(),
            "until": result.until.isoformat(),
            "negotiations": [
                {
                    "dossier": n.key,
                    "person": n.person,
                    "organization": n.organization,
                    "subject": n.subject,
                    "date": n.day.isoformat(),
                    "time": n.time.strftime("%H:%M") if n.time else None,
                    "where": n.where,
                    "days_until": n.days_until,
                }
                for n in result.negotiations
            ],
            "deadlines": [
                {
                    "dossier": d.key,
                    "person": d.person,
                    "name": d.name,
                    "date": d.date.isoformat(),
                    "days_left": d.days_left,
                    "overdue": d.overdue,
                    "rule": None
                    if d.rule is None
                    else {
                        "days_before": d.rule.days,
                        "business_days": d.rule.business_days,
                        "of": d.rule.of,
                    },
                }
                for d in result.deadlines
            ],
            "stay_in_touch": [
                {
                    "dossier": t.key,
                    "person": t.person,
                    "organization": t.organization,
                    "contact": t.contact,
                    "title": t.title,
                    "level": t.level,
                    "handles": t.handles,
                    "last_contact": t.last_contact.isoformat(),
                    "due": t.due.isoformat(),
                    "days_left": t.days_left,
                    "overdue": t.overdue,
                    "past_max": t.red,
                }
                for t in result.touches
            ],
            "promises": [
                {
                    "dossier": p.key,
                    "person": p.person,
                    "organization": p.organization,
                    "held": p.held,
                    "promised": p.promised,
                    "until": p.until.isoformat() if p.until else None,
                }
                for p in result.promises
            ],
            "executives_silent": [
                {
                    "dossier": q.key,
                    "account": q.account,
                    "days_since": q.days_since,
                    "limit": q.limit,
                }
                for q in result.silent
            ],
            "time": None
            if share is None
            else {
                "since": share.since.isoformat(),
                "total": share.total,
                "accounts": {
                    a: {"count": share.counts[a], "share": share.share(a), "goal": GOAL[a]}
                    for a in ACCOUNTS
                },
                "no_account": [{"dossier": k, "person": p} for k, p in share.unassigned],
                "no_account_count": share.unassigned_count,
            },
            "hidden": {name: result.hidden.get(name, 0) for name in ("negotiations", "deadlines")}
            | {"stay_in_touch": result.hidden.get("touches", 0)},
            "invalid": invalid,
        }
    )


def _escaped_paths(data: dict[str, Any]) -> dict[str, Any]:
    """Every `dossier` value shown as `shown_path` shows it."""
    for value in data.values():
        entries = value if isinstance(value, list) else []
        if isinstance(value, dict):
            entries = value.get("no_account", [])
        for entry in entries:
            if isinstance(entry, dict) and "dossier" in entry:
                entry["dossier"] = shown_path(entry["dossier"])
    return data
