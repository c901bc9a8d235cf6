"""`briefgen prep`: the one-page prep sheet, from dossier file to PDF on disk.

The fit ladder keeps the sheet on one page and says what it gave up. It lays out at the design
size; when that overflows it predicts the largest type that fits from the measured overflow
and lays out once more; only if that still overflows at the 7 pt floor does it shorten lists
and drop the lowest-priority sections, sized from the measured heights. A sheet that fits
costs one layout, a long one three.

WeasyPrint's layout time grows faster than the text (60 KB of notes take half a minute), so a
sheet many pages long is first trimmed by the same rungs, judged from its HTML alone, before it
is ever laid out. The template and WeasyPrint run in a child process with limits
(`pdf.isolated`); this process only writes what the child returns.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import traceback
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from .compute import brief
from .errors import RenderError
from .model import Dossier
from .privacy import redact as redact_dossier
from .render import LEVELS, NEVER_DROPPED, SECTIONS, Plan, render_prep_html, template_dirs
from .validate import load_dossier
from .write import write_atomic

# Which section each shortenable list belongs to.
UNIT_SECTION = {
    "tactics": "tactics",
    "buttons": "buttons",
    "theirs": "interests",
    "ours": "interests",
    "concessions": "interests",
    "questions": "questions",
    "contacts": "accounts",
    "family": "rapport",
    "hobbies": "rapport",
    "deadlines": "timeline",
}
SAFETY = 0.03  # of the page height, kept free when cutting from measured heights
MAX_LAYOUTS = 4
# What a sheet's HTML may hold before its first layout: about twice what one page shows at 7 pt
# (the examples hold at most 4,100 characters in 44 list items; laying out 16,000 takes 4 s).
TEXT_BUDGET = 16_000  # characters of text
ITEM_BUDGET = 200  # list items


@dataclass
class PrepResult:
    source: Path
    pdf: Path
    html: Path | None
    layouts: int
    level: str
    shortened: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint logged
    refused: list[str] = field(default_factory=list)  # URLs the templates named, kept off

    def report(self) -> str:
        """What the fit ladder did, in a line; empty when the sheet fit at the design size."""
        parts = []
        if self.level != LEVELS[0].name:
            parts.append(self.level)
        parts += self.shortened
        return f"{self.source}: to fit one page: " + "; ".join(parts) if parts else ""


def output_name(source: Path) -> str:
    """`<dossier file stem>-prep.pdf`, made safe: it can never leave the output folder."""
    stem = unicodedata.normalize("NFKC", source.stem)
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.ASCII).strip("-.") or "dossier"
    return stem[:100] + "-prep.pdf"


@dataclass(frozen=True)
class Sheet:
    """What the render child hands back: all the parent needs to write and report."""

    html: str
    pdf: bytes
    plan: Plan
    layouts: int
    warnings: list[str]
    refused: list[str]


def prep_sheet(
    source: str | os.PathLike[str],
    *,
    out_dir: str | os.PathLike[str] = "output",
    today: dt.date,
    paper: str = "a4",
    redact: bool = False,
    write_html: bool = False,
) -> PrepResult:
    """Load, validate, compute, render and write one dossier's prep sheet."""
    from .pdf import isolated  # imports WeasyPrint here, once, not in every render child

    path = Path(source)
    dossier = load_dossier(path)
    if redact:
        dossier = redact_dossier(dossier)
    dirs = template_dirs(path)
    sheet = isolated(
        lambda: render_sheet(dossier, today, paper=paper, dirs=dirs, redacted=redact),
        what=str(path),
    )
    target = Path(out_dir) / output_name(path)
    html_path = None
    if write_html:
        html_path = write_atomic(target.with_suffix(".html"), sheet.html.encode("utf-8"))
    write_atomic(target, sheet.pdf)
    return PrepResult(
        path,
        target,
        html_path,
        sheet.layouts,
        sheet.plan.level.name,
        describe_cuts(sheet.plan, dossier, today),
        sheet.warnings,
        sheet.refused,
    )


def render_sheet(
    dossier: Dossier, today: dt.date, *, paper: str, dirs: list[Path], redacted: bool
) -> Sheet:
    """The part of `prep` that runs templates and WeasyPrint: what the render child does."""
    html, layout, plan, layouts = fit_one_page(
        dossier, today, paper=paper, dirs=dirs, redacted=redacted
    )
    pdf = layout.write_pdf()
    return Sheet(html, pdf, plan, layouts, layout.warnings, layout.refused)


def fit_one_page(dossier: Dossier, today: dt.date, *, paper: str, dirs: list[Path], redacted: bool):
    """(html, layout, plan, layouts used): the first plan whose layout is one whole page."""
    from .pdf import lay_out, measure

    facts = brief(dossier, today)

    def render(plan: Plan) -> str:
        try:
            return render_prep_html(dossier, facts, plan, dirs=dirs, redacted=redacted)
        except jinja2.TemplateError as exc:
            raise RenderError(template_problem(exc)) from None

    plan, html = trim_to_budget(Plan(paper=paper), _list_sizes(dossier, facts), render)
    for count in range(1, MAX_LAYOUTS + 1):
        if count > 1:
            html = render(plan)
        layout = lay_out(html, assets=dirs)
        measured = measure(layout)
        if measured.fits:
            return html, layout, plan, count
        plan = next_plan(plan, measured, count)
    raise RenderError(
        f"the sheet does not fit on one page after {MAX_LAYOUTS} layouts; "
        "shorten the longest notes in the dossier"
    )


def template_problem(exc: jinja2.TemplateError) -> str:
    """`<template file>:<line>: <message>`: where a (user's) template went wrong."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name}:{exc.lineno}"
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "template"
    return f"{where}: {exc.message or type(exc).__name__}"


_STYLE = re.compile(r"<style\b.*?</style>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_ITEM = re.compile(r"<li[\s>]", re.IGNORECASE)


def html_size(html: str) -> tuple[int, int]:
    """(characters of text, list items) in a sheet's HTML: what its layout will cost."""
    text = _TAG.sub(" ", _STYLE.sub("", html))
    return len(" ".join(text.split())), len(_ITEM.findall(html))


def trim_to_budget(
    plan: Plan, sizes: dict[str, int], render: Callable[[Plan], str]
) -> tuple[Plan, str]:
    """The plan and HTML for the first layout. While the HTML holds more than TEXT_BUDGET
    characters or ITEM_BUDGET list items, the ladder's rungs are taken without a layout: long
    notes cut (when the text is too long), lists capped at 64 down to 8 items, sections dropped
    lowest priority first, lists capped down to 1. A sheet a few pages long is left alone, for
    the ladder to measure."""

    def capped(plan: Plan, cap: int) -> Plan:
        limits = {unit: min(cap, plan.limits.get(unit, n)) for unit, n in sizes.items() if n > cap}
        return replace(plan, limits={**plan.limits, **limits})

    rungs: list[tuple[bool, Callable[[Plan], Plan]]] = [
        (True, lambda p: replace(p, text_limit=400)),
        (True, lambda p: replace(p, text_limit=160)),
        *((False, lambda p, c=cap: capped(p, c)) for cap in (64, 32, 16, 8)),
        *(
            (False, lambda p, s=section: replace(p, dropped=p.dropped | {s}))
            for section in reversed(SECTIONS)
            if section not in NEVER_DROPPED
        ),
        *((False, lambda p, c=cap: capped(p, c)) for cap in (4, 2, 1)),
    ]
    html = render(plan)
    text, items = html_size(html)
    for text_only, rung in rungs:
        if text <= TEXT_BUDGET and (text_only or items <= ITEM_BUDGET):
            continue
        trimmed = rung(plan)
        shorter = render(trimmed) if trimmed != plan else html
        if shorter != html:  # a rung that changes nothing (an empty section) is not taken
            plan, html = trimmed, shorter
            text, items = html_size(html)
    return plan, html


def next_plan(plan: Plan, m, attempt: int) -> Plan:
    """The next rung, predicted from what the last layout measured: the largest type that is
    expected to fit; once at the 7 pt floor, cuts sized from the heights measured there."""
    current = LEVELS.index(plan.level)
    for level in LEVELS[current + 1 :]:
        if m.content * _scale(plan.level, level) <= m.available * (1 - SAFETY):
            return replace(plan, level=level)
    if current < len(LEVELS) - 1:
        return replace(plan, level=LEVELS[-1])  # measure at the floor before cutting
    return cut(
        replace(plan, limits=dict(plan.limits), dropped=set(plan.dropped)),
        m,
        aggressive=attempt >= 3,
    )


def _scale(old, new) -> float:
    """How heights change between levels: line height times type size to the power 1.5
    (smaller type also fits more words on a line). On Dan Whitfield's sheet, 8.7 pt to 7.8 pt
    was predicted at 0.84 and measured at 0.82."""
    line = lambda level: (level.body**1.5) * (1.22 + 0.14 * level.spacing)  # noqa: E731
    return line(new) / line(old)


def cut(plan: Plan, m, *, aggressive: bool = False) -> Plan:
    """Shorten lists and drop sections, lowest priority first, until each column's measured
    height fits with a safety margin. A section is dropped only when shortening its lists
    cannot free enough; the first four sections are shortened, never dropped."""
    limit = m.available * (1 - SAFETY * (4 if aggressive else 1))
    more_line = plan.level.body * (1.22 + 0.14 * plan.level.spacing) * 96 / 72
    for column, sections in m.columns.items():
        overflow = m.column_height(column) - limit
        for section in sorted(sections, key=lambda s: -SECTIONS.index(s)):
            if overflow <= 0:
                break
            freed = 0.0  # already counted from this section
            if section == "rapport" and "rapport-notes" in m.sections:
                plan.dropped.add("rapport-notes")
                freed = m.sections["rapport-notes"]
                overflow -= freed
            floor = 1 if section in NEVER_DROPPED else 2
            lists = _stacked_lists(m.units)
            units = [u for u in lists if UNIT_SECTION.get(u.split("+")[0]) == section]
            spare = sum(sum(lists[u][floor:]) - more_line for u in units if len(lists[u]) > floor)
            if spare < overflow and section not in NEVER_DROPPED:
                plan.dropped.add(section)
                overflow -= m.sections.get(section, 0.0) - freed
                continue
            for unit in sorted(units, key=lambda u: -len(lists[u])):
                heights = lists[unit]
                keep = len(heights)
                while keep > floor and overflow > 0:
                    keep -= 1
                    overflow -= heights[keep]
                if keep < len(heights):
                    overflow += more_line
                    for name in unit.split("+"):
                        plan.limits[name] = keep
        if overflow > 0 or aggressive:  # last resort: long notes are cut at a word boundary
            limit = 160 if aggressive else 400
            plan.text_limit = min(limit, plan.text_limit or limit)
    return plan


SIDE_BY_SIDE = ("theirs", "ours")  # rendered as two columns: a row is as tall as the taller


def _stacked_lists(units: dict[str, list[float]]) -> dict[str, list[float]]:
    """Item heights per list, with side-by-side lists merged into rows ('theirs+ours')."""
    lists = {u: h for u, h in units.items() if u not in SIDE_BY_SIDE}
    pair = [units.get(u, []) for u in SIDE_BY_SIDE]
    if any(pair):
        rows = max(len(p) for p in pair)
        lists["+".join(SIDE_BY_SIDE)] = [
            max((p[i] for p in pair if i < len(p)), default=0.0) for i in range(rows)
        ]
    return lists


def describe_cuts(plan: Plan, dossier: Dossier, today: dt.date) -> list[str]:
    """What the reader does not see, in words: 'tactics: 3 of 9 shown', 'left out: deadlines'."""
    facts = brief(dossier, today)
    totals = _list_sizes(dossier, facts)
    notes = [
        f"{unit}: {shown} of {totals[unit]} shown"
        for unit, shown in sorted(plan.limits.items())
        if unit in totals and shown < totals[unit]
    ]
    dropped = [s for s in SECTIONS if s in plan.dropped]
    if "rapport-notes" in plan.dropped and "rapport" not in plan.dropped:
        dropped.append("rapport notes")
    if dropped:
        notes.append("left out: " + ", ".join(dropped))
    if plan.text_limit:
        notes.append(f"long notes cut to {plan.text_limit} characters")
    return notes


def _list_sizes(dossier: Dossier, facts) -> dict[str, int]:
    n, p, r = dossier.negotiation, dossier.person, dossier.relationship
    interests = n.interests if n else None
    return {
        "tactics": len(facts.tactics),
        "buttons": len(dossier.buttons),
        "theirs": len(interests.theirs) if interests else 0,
        "ours": len(interests.ours) if interests else 0,
        "concessions": len(n.concessions) if n else 0,
        "questions": len(n.questions) if n else 0,
        "contacts": len(r.contacts) if r else 0,
        "family": len(p.family) if p else 0,
        "hobbies": len(p.hobbies) if p else 0,
        "deadlines": len(facts.deadlines),
    }
