"""`briefgen prep`: the one-page prep sheet, from dossier file to PDF on disk.

The template and WeasyPrint run in a child process with limits (`render.child.isolated`); the
fit ladder (`render.fit`) keeps the sheet on one page; this process only writes what the child
returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from briefgen.documents.build import discover
from briefgen.documents.job import Job
from briefgen.dossier.model import Dossier
from briefgen.dossier.privacy import redact as redact_dossier
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError, RenderError
from briefgen.facts.brief import Brief, brief, meeting_day
from briefgen.facts.negotiation import Figures, deal_zone
from briefgen.files import write_atomic
from briefgen.render.fit import LEVELS, NOTE_PARTS, SECTIONS, UNIT_SECTION, Plan, fit_one_page
from briefgen.render.output import output_name, plan_outputs
from briefgen.render.theme import Theme, builtin_templates, template_problem
from briefgen.text import formatting, labels, localized, words
from briefgen.text.i18n import Locale, gettext, warm
from briefgen.text.markdown import inline_html, to_html
from briefgen.text.typography import typeset_html

PREP_TEMPLATE = "prep.html.j2"


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
    notices: list[str] = field(default_factory=list)  # what the reader must know: a past meeting

    def report(self) -> str:
        """For standard error: what the fit ladder did, in a line (none when the sheet fit at
        the design size), then a line for each notice."""
        parts = []
        if self.level != LEVELS[0].name:
            parts.append(self.level)
        parts += self.shortened
        lines = [f"{self.source}: to fit one page: " + "; ".join(parts)] if parts else []
        lines += [f"{self.source}: {notice}" for notice in self.notices]
        return "\n".join(lines)


@dataclass(frozen=True)
class Sheet:
    """What the render child hands back: all the parent needs to write and report."""

    html: str
    pdf: bytes
    plan: Plan
    layouts: int
    warnings: list[str]
    refused: list[str]
    sizes: dict[str, int] = field(default_factory=dict)  # for describe_cuts, computed once


def prep_sheet(source: str | os.PathLike[str], job: Job) -> PrepResult:
    """Load, validate, compute, render and write one dossier's prep sheet into `job.output`,
    in the job's locale (--locale), else the dossier's `locale:`, else English."""
    import briefgen.render.pdf  # noqa: F401 - WeasyPrint, imported once here: render children inherit it
    from briefgen.render.child import isolated

    path = Path(source)
    dossier = load_dossier(path)
    if job.redact:
        dossier = redact_dossier(dossier)
    theme = Theme.for_dossier(path)
    locale = job.locale_for(dossier)
    warm(locale)  # catalogue and CLDR data loaded here: render children inherit them
    precompile(theme, locale)
    sheet = isolated(
        lambda: render_sheet(dossier, job, theme=theme, locale=locale),
        what=str(path),
    )
    target = job.output / output_name(path, "prep", redacted=job.redact)
    html_path = None
    if job.html:
        html_path = write_atomic(target.with_suffix(".html"), sheet.html.encode("utf-8"))
    write_atomic(target, sheet.pdf)
    return PrepResult(
        path,
        target,
        html_path,
        sheet.layouts,
        sheet.plan.level.name,
        describe_cuts(sheet.plan, dossier, job.today, totals=sheet.sizes),
        sheet.warnings,
        sheet.refused,
        notices(dossier, job.today, locale),
    )


Say = Callable[[str, bool], None]  # a line for the person, and whether it goes to stderr


def prep_sheets(paths: Sequence[str | os.PathLike[str]], job: Job, say: Say) -> bool:
    """`briefgen prep`: a sheet for every dossier under `paths` (files as given, folders
    searched, mirrored into sub-folders of `job.output`), each said as it is written. A
    dossier named twice is rendered once; dossiers that would share an output name are
    refused by name; a missing path or a failed dossier is said and the others still
    rendered. True when every one was written."""
    from briefgen.render.pdf import SLOW_SUBSET_HINT, slow_font_subsetting

    if slow_font_subsetting():
        say(f"briefgen: {SLOW_SUBSET_HINT}", True)
    failed = False
    found: list[tuple[Path, Path]] = []
    for raw in paths:
        try:
            found += list(discover([str(raw)], job.output))
        except BriefgenError as exc:
            say(str(exc), True)
            failed = True
    planned: dict[Path, set[Path]] = {}  # per output folder: the dossiers that get a sheet
    for folder in dict.fromkeys(folder for _, folder in found):
        outputs = plan_outputs(
            [s for s, f in found if f == folder], folder, "prep", redacted=job.redact
        )
        for clash in outputs.clashes:
            say(clash, True)
        failed = failed or bool(outputs.clashes)
        planned[folder] = set(outputs.targets)
    for source, folder in found:
        if source not in planned[folder]:
            continue  # named twice (rendered at its first mention) or refused as a clash
        planned[folder].discard(source)
        try:
            result = prep_sheet(source, job.into(folder))
        except BriefgenError as exc:
            say(str(exc), True)
            failed = True
            continue
        if result.report():
            say(result.report(), True)
        for warning in result.warnings:  # what WeasyPrint logged, in layout and in writing
            say(f"{source}: WeasyPrint: {warning}", True)
        say(str(result.pdf), False)
        if result.html:
            say(str(result.html), False)
    return not failed


def notices(dossier: Dossier, today: dt.date, locale: Locale) -> list[str]:
    """What the person printing the sheet must hear, in the sheet's language: a meeting that
    has already taken place."""
    day = meeting_day(dossier)  # not the whole brief: that is computed in the render child
    if day is not None and day < today:
        return [words.meeting_passed(day, (day - today).days, locale)]
    return []


# A figure on the number line: (key, label, value); the key names its style (fig-<key>).
FigureMark = tuple[str, str, float]


def figure_marks(figures: Figures | None, locale: Locale) -> list[FigureMark]:
    """Our figures as marks for `number_line`, the ones the dossier gives, labelled in the
    locale's language ('walk away', fr 'seuil de rupture')."""
    if figures is None:
        return []
    their = (
        words.THEIR_WALK_AWAY_DERIVED if figures.their_walk_away_derived else words.THEIR_WALK_AWAY
    )
    return [
        (key, label, value)
        for key, label, value in (
            ("walk_away", labels.label("figure", "walk_away", locale), figures.walk_away),
            ("target", labels.label("figure", "target", locale), figures.target),
            ("opening", labels.label("figure", "opening", locale), figures.opening),
            ("their_walk_away", gettext(their, locale), figures.their_walk_away),
        )
        if value is not None
    ]


@dataclass(frozen=True)
class Mark:
    key: str
    label: str
    value: float
    text: str  # the value as printed
    x: float  # where the mark sits, in viewBox units
    anchor: str  # start | center | end: which edge (or the middle) of its label is pinned
    at: float  # where that point sits, in % of the width from the left (from the right: end)


@dataclass(frozen=True)
class NumberLine:
    """Where the figures sit on one line from the lowest to the highest, and where their
    labels go: rows of labels below the line, then above it, so no two ever overlap."""

    width: float
    start: float
    end: float
    marks: tuple[Mark, ...]
    below: tuple[tuple[Mark, ...], ...]  # label rows under the line, nearest first
    above: tuple[tuple[Mark, ...], ...]  # label rows over the line, farthest first
    room: tuple[float, float] | None  # the stretch between target and walk-away
    zone: tuple[float, float] | None = None  # the deal zone between the two walk-aways
    gap: float | None = None  # where the axis breaks before a far-off estimate
    apart: tuple[float, float] | None = None  # no deal zone: the stretch between the two


# How wide a label prints, in em, for the widest fonts the sheet may fall back to (DejaVu Sans
# Bold): a label's width is over-estimated, never under, so labels placed apart stay apart.
_EM = {**dict.fromkeys("0123456789", 0.70), ",": 0.38, ".": 0.38, " ": 0.35, "-": 0.42}
LABEL_GAP_MM = 2.5


def text_width_mm(text: str, size_pt: float, *, caps: bool = False, tracking: float = 0.0) -> float:
    """An upper bound of the printed width of `text` at `size_pt` (caps: set in capitals)."""
    letters = text.upper() if caps else text
    em = sum(_EM.get(c, 0.80 if c.isupper() else 0.64) + tracking for c in letters)
    return em * size_pt * 25.4 / 72


def number_line(
    marks: list[FigureMark],
    *,
    width_mm: float = 95.0,
    value_pt: float = 11.3,
    label_pt: float = 6.8,
    width: float = 100.0,
    pad: float = 1.5,
    locale: Locale,
) -> NumberLine | None:
    """Marks on one line from the lowest value to the highest, `width_mm` wide on paper, with
    each label (a small-caps label over a value) placed as near its mark as it can be without
    touching another: pushed apart along the row, and when one row cannot hold them all, spread
    over more rows, alternately under and over the line."""
    if len(marks) < 2:
        return None
    place = {key: value for key, _, value in marks}  # where each is drawn
    gap = None
    if "their_walk_away" in place:  # a far-off estimate is drawn nearer, behind a break
        ours = [v for k, _, v in marks if k != "their_walk_away"]
        place["their_walk_away"], gap = _estimate_place(ours, place["their_walk_away"])
    low = min(place.values())
    high = max(place.values())
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return round(pad + (value - low) / span * (width - 2 * pad), 2)

    ordered = sorted(marks, key=lambda m: place[m[0]])  # stable: equal ones keep their order
    texts = [formatting.money(value, None, locale=locale) for _, _, value in ordered]
    sizes = [
        max(
            text_width_mm(label, label_pt, caps=True, tracking=0.06),
            text_width_mm(text, value_pt),
        )
        for (_, label, _), text in zip(ordered, texts, strict=True)
    ]
    centres = [x(place[key]) / width * width_mm for key, _, _ in ordered]
    for count in range(1, len(ordered) + 1):
        rows = [list(range(row, len(ordered), count)) for row in range(count)]
        placed = [
            _place_row([centres[i] for i in r], [sizes[i] for i in r], width_mm) for r in rows
        ]
        if all(p is not None for p in placed) or count == len(ordered):
            break
    built: list[list[Mark]] = []
    for members, lefts in zip(rows, placed, strict=True):
        lefts = lefts or [min(max(centres[i] - sizes[i] / 2, 0.0), width_mm) for i in members]
        row = []
        for i, left in zip(members, lefts, strict=True):
            key, label, value = ordered[i]
            if left <= 0.01:
                anchor, at = "start", 0.0
            elif left + sizes[i] >= width_mm - 0.01:
                anchor, at = "end", 0.0
            else:
                anchor, at = "center", (left + sizes[i] / 2) / width_mm * 100
            row.append(Mark(key, label, value, texts[i], x(place[key]), anchor, round(at, 2)))
        built.append(row)
    # row 0 under the line, row 1 over it, row 2 under row 0, ...
    below = tuple(tuple(r) for r in built[0::2])
    above = tuple(tuple(r) for r in reversed(built[1::2]))
    by_key = {key: x(at) for key, at in place.items()}
    room = None
    if "target" in by_key and "walk_away" in by_key:
        a, b = sorted((by_key["target"], by_key["walk_away"]))
        room = (a, b)
    flat = tuple(m for row in built for m in row)
    return NumberLine(
        width, pad, width - pad, flat, below, above, room, gap=None if gap is None else x(gap)
    )


def with_deal_zone(line: NumberLine, figures: Figures) -> NumberLine:
    """The line with the deal zone between the two walk-away marks (or, when there is none,
    the stretch that separates them), from where the marks are drawn."""
    at = {mark.key: mark.x for mark in line.marks}
    found = deal_zone(figures.side, figures.walk_away, figures.their_walk_away)
    if found is None or "walk_away" not in at or "their_walk_away" not in at:
        return line
    ends = (
        min(at["walk_away"], at["their_walk_away"]),
        max(at["walk_away"], at["their_walk_away"]),
    )
    return replace(line, zone=ends) if found.exists else replace(line, apart=ends)


ESTIMATE_REACH = 0.5  # of our figures' span: how far out an estimate is drawn to scale


def _estimate_place(ours: list[float], theirs: float) -> tuple[float, float | None]:
    """Where their estimated walk-away is drawn, and where the axis breaks (or None). An
    estimate far outside our figures must not squeeze them into a corner: past half their span
    it is drawn at that distance, behind a break in the line; its label keeps the true value."""
    if len(ours) < 2 or max(ours) == min(ours):
        return theirs, None
    low, high = min(ours), max(ours)
    reach = (high - low) * ESTIMATE_REACH
    if theirs > high + reach:
        return high + reach, high + reach * 0.6
    if theirs < low - reach:
        return low - reach, low - reach * 0.6
    return theirs, None


def _place_row(centres: list[float], sizes: list[float], width: float) -> list[float] | None:
    """Left edges for labels in one row, in order, each as near centred on its mark as it can
    be, none past either end, at least LABEL_GAP_MM apart; None when they cannot all fit.
    Labels that would touch are merged into a block centred on their marks (the classic
    one-dimensional label placement)."""
    if sum(sizes) + LABEL_GAP_MM * (len(sizes) - 1) > width:
        return None
    blocks: list[tuple[list[int], float, float]] = []  # (members, left, width)

    def settle(members: list[int]) -> tuple[list[int], float, float]:
        offsets, total = [], 0.0
        for j in members:
            offsets.append(total)
            total += sizes[j] + LABEL_GAP_MM
        total -= LABEL_GAP_MM
        wanted = sum(centres[j] - sizes[j] / 2 - o for j, o in zip(members, offsets, strict=True))
        left = min(max(wanted / len(members), 0.0), width - total)
        return members, left, total

    for i in range(len(sizes)):
        block = settle([i])
        while blocks and blocks[-1][1] + blocks[-1][2] + LABEL_GAP_MM > block[1]:
            block = settle(blocks.pop()[0] + block[0])
        blocks.append(block)
    lefts: list[float] = []
    for members, left, _ in blocks:
        for j in members:
            lefts.append(left)
            left += sizes[j] + LABEL_GAP_MM
    return lefts


@dataclass(frozen=True)
class Columns:
    """Which sections stand in which column: what to say on the left, who they are on the
    right. With no negotiation (a candidate), the person moves left to balance the page."""

    main: tuple[str, ...]
    side: tuple[str, ...]


def columns_for(dossier: Dossier) -> Columns:
    if dossier.negotiation is None:
        return Columns(
            ("tactics", "positioning", "rapport", "timeline"), ("buttons", "accounts", "health")
        )
    return Columns(
        ("numbers", "workbench", "tactics", "interests", "questions", "timeline"),
        ("buttons", "accounts", "rapport", "positioning", "health"),
    )


PAPER_WIDTH_MM = {"a4": 210.0, "letter": 215.9}


def main_column_mm(plan: Plan) -> float:
    """The printed width of the main column, from prep.css: 12 mm page margins, the columns
    share the rest (plan.split to the main one) after the gap between them (8 mm times the
    level's spacing)."""
    free = PAPER_WIDTH_MM.get(plan.paper, 210.0) - 24.0 - 2 * 8 * plan.level.spacing
    return free * plan.split


def newest_first(items: list[Any]) -> list[Any]:
    """Dated items (meetings, exchanges) newest first; undated ones last, in their order."""
    return sorted(items, key=lambda item: item.date or dt.date.min, reverse=True)


def theme_source(env: SandboxedEnvironment, name: str) -> str:
    """A stylesheet's text, found on the theme's search path, to include raw in the page."""
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def precompile(theme: Theme, locale: Locale) -> None:
    """Compile the sheet's built-in templates in this process, before the render child is
    forked: every child inherits them compiled (one compile however many sheets a run
    renders). A template the user's folder overrides is neither read nor compiled here: it
    compiles in the child, where its cost is limited."""
    env = prep_environment(theme, locale)
    builtin = builtin_templates()
    names = [PREP_TEMPLATE, "base.html.j2"]
    names += [f"prep/{p.name}" for p in sorted((builtin / "prep").glob("*.html.j2"))]
    for name in names:
        if any(os.path.lexists(folder / name) for folder in theme.dirs[:-1]):
            continue
        try:
            env.get_template(name)
        except (jinja2.TemplateError, BriefgenError, OSError):
            continue  # the child meets it again and says what is wrong


def prep_environment(theme: Theme, locale: Locale) -> SandboxedEnvironment:
    """The theme's environment for the sheet in `locale` (built once a process by the Theme,
    built-in templates kept compiled between runs): money, dates, Markdown, the words for
    facts, and `_`/`ngettext` for labels, `lang` for `<html lang>` (see text/i18n.py)."""
    return theme.environment(html=True, locale=locale, setup=_sheet_helpers, keep_compiled=True)


def _sheet_helpers(env: SandboxedEnvironment, locale: Locale) -> None:
    env.filters.update(localized.filters(locale), markdown=to_html, inline=inline_html)
    env.globals.update(
        localized.helpers(locale),
        newest_first=newest_first,
        stylesheet=lambda name: Markup(theme_source(env, name)),
    )


def render_prep_html(
    dossier: Dossier,
    facts: Brief,
    plan: Plan,
    *,
    theme: Theme,
    redacted: bool = False,
    locale: Locale,
) -> str:
    env = prep_environment(theme, locale)
    facts = dataclasses.replace(facts, tactics=words.with_counters(facts.tactics, locale))
    line = number_line(
        figure_marks(facts.figures, locale),
        width_mm=main_column_mm(plan),
        value_pt=plan.level.body * 1.3,
        label_pt=plan.level.body * 0.78,
        locale=locale,
    )
    if line is not None and facts.figures is not None:
        line = with_deal_zone(line, facts.figures)
    html = env.get_template(PREP_TEMPLATE).render(
        dossier=dossier,
        brief=facts,
        plan=plan,
        line=line,
        layout=Columns(*plan.columns) if plan.columns else columns_for(dossier),
        redacted=redacted,
        today=facts.today,
        created=facts.today.isoformat(),
    )
    return typeset_html(html, locale)  # French: the dossier's apostrophes and spaces too


def render_sheet(dossier: Dossier, job: Job, *, theme: Theme, locale: Locale) -> Sheet:
    """The part of `prep` that runs templates and WeasyPrint: what the render child does."""
    facts = brief(dossier, job.today)

    def render(plan: Plan) -> str:
        try:
            return render_prep_html(
                dossier, facts, plan, theme=theme, redacted=job.redact, locale=locale
            )
        except (BriefgenError, RecursionError, MemoryError):
            raise  # said already, or said by the render child ("nested too deeply", memory)
        except Exception as exc:  # a user's template can raise anything: say where, in words
            raise RenderError(template_problem(exc)) from None

    sizes = _list_sizes(dossier, facts)
    fitted = fit_one_page(render, sizes, paper=job.paper.name, assets=list(theme.dirs))
    layout = fitted.layout
    pdf = layout.write_pdf()
    return Sheet(
        fitted.html, pdf, fitted.plan, fitted.layouts, layout.warnings, layout.refused, sizes
    )


def describe_cuts(
    plan: Plan, dossier: Dossier, today: dt.date, totals: dict[str, int] | None = None
) -> list[str]:
    """What the reader does not see, in words: 'tactics: 3 of 9 shown', 'left out: deadlines'.
    `totals` from the render child spares computing the brief again, outside its time limit."""
    if totals is None:
        totals = _list_sizes(dossier, brief(dossier, today))
    notes = [
        f"{unit}: {shown} of {totals[unit]} shown"
        for unit, shown in sorted(plan.limits.items())
        if unit in totals and shown < totals[unit] and UNIT_SECTION.get(unit) not in plan.dropped
    ]
    dropped = [s for s in SECTIONS if s in plan.dropped]
    dropped += [
        part.replace("-", " ")
        for part, owner in NOTE_PARTS.items()
        if part in plan.dropped and owner not in plan.dropped
    ]
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
        "meetings": len([m for m in r.meetings if m.note]) if r else 0,
        "exchanges": len(r.reciprocity) if r else 0,
        "criteria": len(n.criteria) if n else 0,
        "accusation_audit": len(n.accusation_audit) if n else 0,
        "labels": len(n.labels) if n else 0,
        "black_swans": len(n.black_swans) if n else 0,
    }
