"""The page engine: measure, solve, verify. One page, always, with the largest type that fits.

A document describes itself as a `SheetSpec` (its sections in the order they are read, which
of them stand across the full width at the top, the lists the engine may shorten and in which
order, and the stylesheet's sizes as `Metrics`). The engine then:

1. **measures** one layout: every block of text (`Piece`) with its height, its line count and
   the length of its text, at the type size it was laid out at (`render.pdf.measure_flow`);
2. **solves** (`solve`, a pure function, no WeasyPrint) for the type size, the spacing and the
   cuts, predicting every piece's height at every size from what was measured, and the two
   columns' heights from where the flow breaks between them (`columns`). One cost decides:
   the largest type first, then a full and balanced page, then the fewest cuts; nothing is
   cut while the smallest type with the tightest spacing still fits;
3. **verifies** with one real layout, and corrects at most once from what that layout
   measured (its pieces are at the chosen size: the second prediction is all but exact).

The first layout is itself a guess from the text (`first_plan`: a size, and for a half-empty
page the section the second column starts with), so that it is already the page most of the
time: kept when the solver's plan is the same, or when it fits whole where the prediction's
margins would cut, or when it is 85 % full a size step under the solver's. Then a sheet costs
one layout, as a bare render of its HTML does.

The columns are one flow balanced over two columns (CSS multi-column): the order of the
sections is the spec's on every paper, and a long section continues into the next column;
only where the columns break changes. The engine knows sections, lists and sizes, never what
a sheet says. `fit_page` (the loop with layouts) runs where WeasyPrint may be imported.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefgen.errors import RenderError

PX_PER_MM, PX_PER_PT = 96 / 25.4, 96 / 72
# A section's name as a page names it (`data-section`): a CSS identifier, the only kind a
# plan's CSS names (unquoted: the page's <style> is escaped); an odd name never reaches it
SECTION_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


@dataclass(frozen=True)
class Metrics:
    """A stylesheet's sizes, the one Python copy of them: the paper, its margins, the type
    scale (body size bounds; secondary and label sizes as ratios with floors), the spacing."""

    papers: dict[str, tuple[float, float]]  # name -> (width, height) in mm
    margins_mm: tuple[float, float, float, float]  # top, right, bottom, left (@page margin)
    column_gap_mm: float
    body_min: float = 8.0
    body_max: float = 11.0
    body_step: float = 0.25
    small_ratio: float = 0.9
    small_floor: float = 7.5
    label_ratio: float = 0.84
    label_floor: float = 7.0
    label_gap: float = 1.0  # labels at most this much smaller than the body (large type)
    lead_ratio: float = 1.3
    name_ratio: float = 2.4
    line_height: float = 1.2  # at spacing 0; each unit of spacing adds `line_spacing`
    line_spacing: float = 0.1
    gap_mm: float = 4.5  # between sections, times the spacing factor
    item_gap_pt: float = 1.6  # between list items, times the spacing factor
    # tried widest first before anything is cut; above 1.0 only at the largest type
    spacings: tuple[float, ...] = (1.0, 0.7, 0.4)
    reference: float = 9.0  # the size a sheet is first laid out at when nothing better is known

    def sizes(self) -> list[float]:
        """Every body size the solver may choose, largest first."""
        steps = round((self.body_max - self.body_min) / self.body_step)
        return [round(self.body_max - i * self.body_step, 3) for i in range(steps + 1)]

    def type_scale(self, body: float) -> dict[str, float]:
        """The sizes in pt for a body size: secondary and label text never under their floors."""
        return {
            "body": body,
            "small": max(self.small_floor, body * self.small_ratio),
            "label": max(self.label_floor, body * self.label_ratio, body - self.label_gap),
            "lead": body * self.lead_ratio,
            "name": body * self.name_ratio,
        }

    def css(self, body: float, spacing: float) -> str:
        """The CSS variables for a body size and a spacing factor."""
        t = self.type_scale(body)
        return (
            ":root {"
            f" --fs-body: {t['body']:.2f}pt; --fs-small: {t['small']:.2f}pt;"
            f" --fs-label: {t['label']:.2f}pt; --fs-lead: {t['lead']:.2f}pt;"
            f" --fs-name: {t['name']:.2f}pt; --lh: {self.lh(spacing):.3f};"
            f" --gap: {self.gap_mm * spacing:.2f}mm;"
            f" --item-gap: {self.item_gap_pt * spacing:.2f}pt;"
            f" --col-gap: {self.column_gap_mm:.2f}mm;"
            " }"
        )

    def lh(self, spacing: float) -> float:
        """The line height (a factor of the type size) at a spacing factor."""
        return self.line_height + self.line_spacing * spacing

    def content_mm(self, paper: str) -> tuple[float, float]:
        """The page's content box (width, height) in mm."""
        width, height = self.papers.get(paper, next(iter(self.papers.values())))
        top, right, bottom, left = self.margins_mm
        return width - left - right, height - top - bottom

    def column_mm(self, paper: str, columns: int = 2) -> float:
        width, _ = self.content_mm(paper)
        return (width - self.column_gap_mm * (columns - 1)) / columns


@dataclass(frozen=True)
class Section:
    """A part of the page: `zone` is `top` (across the full width, above the columns) or the
    name of a group of the flow, read in the order of `SheetSpec.zones`."""

    name: str
    zone: str


@dataclass(frozen=True)
class Cut:
    """What may be shortened, in the order it goes: a list (`unit`, items from its end) down to
    `floor` items, or a part dropped whole (`part`, a data-section inside a section)."""

    section: str
    unit: str | None = None
    part: str | None = None
    floor: int = 0
    group: int = 0  # lists of one group shorten together, the longest first, item by item


@dataclass(frozen=True)
class SheetSpec:
    """A document's description for the engine."""

    sections: tuple[Section, ...]  # in reading order
    zones: tuple[str, ...]  # the flow's zones in order (every section of a zone before the next)
    cuts: tuple[Cut, ...]  # in the order things go when the page is full
    metrics: Metrics
    columns: int = 2

    def top(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sections if s.zone == "top")

    def flow(self) -> tuple[str, ...]:
        rank = {zone: i for i, zone in enumerate(self.zones)}
        flowing = [s for s in self.sections if s.zone != "top"]
        return tuple(s.name for s in sorted(flowing, key=lambda s: rank.get(s.zone, len(rank))))

    def zone_of(self, section: str) -> str | None:
        return next((s.zone for s in self.sections if s.name == section), None)


@dataclass(frozen=True)
class Plan:
    """What a page shows and how: the body size, the spacing, the lists shortened and the parts
    left out. Templates read it (`plan.cut`, `plan.shows`, `plan.clip`, `plan.css()`)."""

    paper: str = "a4"
    body: float = 9.0
    spacing: float = 1.0
    limits: dict[str, int] = field(default_factory=dict)
    dropped: frozenset[str] = frozenset()
    text_limit: int | None = None  # the last resort: long notes cut at a word boundary
    metrics: Metrics | None = None
    flow_mm: float | None = None  # the columns' height: the flow breaks into the next there
    flow_to_end: bool = False  # no height: the first column runs to the page's end
    column_break: str | None = None  # the section that starts the second column, if any
    # > 0: a layout that only measures (it is never kept): the flow set as one column as wide
    # as each of this many, running from page to page. A block laid out once, where columns
    # are laid out twice or more (WeasyPrint tries them, then lays them out for good)
    measure_columns: int = 0

    @property
    def page_size(self) -> str:
        """The CSS `@page` size."""
        return "A4" if self.paper == "a4" else "letter"

    def css(self) -> str:
        css = "" if self.metrics is None else self.metrics.css(self.body, self.spacing)
        if self.measure_columns > 0:
            n = self.measure_columns
            css += (
                f" .{FLOW_CLASS} {{ columns: auto; display: flow-root;"
                f" width: calc((100% - {n - 1} * var(--col-gap)) / {n}); }}"
            )
        elif self.flow_mm is not None:
            css += f" .{FLOW_CLASS} {{ height: {self.flow_mm:.2f}mm; column-fill: auto; }}"
        elif self.flow_to_end:
            css += f" .{FLOW_CLASS} {{ column-fill: auto; }}"
        if self.column_break is not None and SECTION_NAME.fullmatch(self.column_break):
            css += f" [data-section={self.column_break}] {{ break-before: column; }}"
        return css

    def cut(self, key: str, items: Sequence[Any]) -> tuple[list[Any], int]:
        """The items to show and how many were left out ('+3 more')."""
        limit = self.limits.get(key)
        if limit is None or limit >= len(items):
            return list(items), 0
        return list(items[:limit]), len(items) - limit

    def shows(self, section: str) -> bool:
        return section not in self.dropped

    def clip(self, text: str) -> str:
        if self.text_limit is None or len(text) <= self.text_limit:
            return text
        return text[: self.text_limit].rsplit(" ", 1)[0].rstrip(" ,;:.") + " …"

    @property
    def shortened(self) -> bool:
        return bool(self.limits or self.dropped or self.text_limit)


# --------------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Side:
    """One side of a row of lists set side by side: its list (`unit`), its items' heights in
    order, and the height of the rest of the side."""

    unit: str
    items: tuple[float, ...]
    rest: float = 0.0

    def height(self, limit: int | None, *, more: bool = True) -> float:
        """The side's height with its list cut to `limit` items, and with `more` a '+N more'
        line, as tall as its shortest item."""
        if limit is None or limit >= len(self.items):
            return self.rest + sum(self.items)
        line = min(self.items, default=0.0) if more else 0.0
        return self.rest + sum(self.items[:limit]) + line


@dataclass(frozen=True)
class Piece:
    """One block of the page as laid out: a paragraph, a list item, a heading or a drawing.

    `height` is how far the next piece starts below this one's top (its own margins and those
    of the boxes around it included), `lines` its lines of text, `line_px` their height,
    `text_px` the summed width of its lines and `width_px` the width they had. `unit`/`index`
    name the list item it belongs to, `part` the droppable part it is in."""

    section: str
    height: float
    lines: int = 0
    line_px: float = 0.0
    text_px: float = 0.0
    width_px: float = 1.0
    unit: str | None = None
    index: int | None = None
    part: str | None = None
    keep_with_next: bool = False  # a heading: it goes where the next piece goes
    hard_lines: int = 1  # lines that no width joins (separate paragraphs set side by side)
    atomic: bool = True  # never split across the columns (a list item, a short paragraph)
    area: bool = False  # a chip set in lines with others: its height is its share of their area
    # lists set side by side in this block (a flex row): each side's list, its items'
    # heights in order and the rest of the side (its heading); the row is as tall as its
    # tallest side, so shortening a list shortens it only as far as that side allows
    sides: tuple[Side, ...] = ()

    def at(self, scale: float, space: float = 1.0, lh_ratio: float = 1.0) -> float:
        """The piece's height with the type `scale` times larger, the space around it
        `space` times as tall (`space_ratio`) and lines `lh_ratio` times as tall: the text
        reflows at the same width (longer text, more lines)."""
        if self.area:
            return self.height * scale * scale * lh_ratio
        if self.lines == 0:  # a drawing: as tall as its width makes it
            return self.height
        text = self.lines * self.line_px
        lines = predicted_lines(self.lines, self.text_px, self.width_px, scale)
        if scale >= 1:
            lines = max(lines, self.lines)
        lines = max(lines, self.hard_lines)
        return max(lines * self.line_px * scale * lh_ratio + (self.height - text) * space, 0.0)


SPACE_FIXED = 0.8  # the space around the text set in fixed lengths, in units of the spacing factor


SPACE_FIXED_TOP = 4.0  # the top (who and when, the numbers) is set mostly in fixed lengths


def space_ratio(spacing: float, measured: float, fixed: float = SPACE_FIXED) -> float:
    """How much the space around the text grows from spacing factor `measured` to
    `spacing`: part of it follows the factor, part is set in fixed lengths."""
    return (fixed + spacing) / (fixed + measured)


def predicted_lines(lines: int, text_px: float, width_px: float, scale: float) -> int:
    """How many lines a paragraph of `lines` lines (its lines `text_px` long in all, set
    `width_px` wide) takes with its type `scale` times larger. A line is filled to about its
    measured average (ragged right), never above 96 %."""
    if lines <= 0 or width_px <= 0:
        return lines
    if lines == 1:
        if text_px >= 0.98 * width_px:  # a box as wide as its text (shrink-to-fit): no wrap
            return 1
        full = text_px * scale / width_px
        return 1 if full <= 0.995 else math.ceil(full / 0.93)
    if abs(scale - 1.0) < 1e-9:
        return lines
    # the fill that makes the measured text take its measured lines: the last line is short
    full = text_px / width_px
    fill = max(min(full / (lines - 0.5), 0.95), 0.05)
    return max(1, math.ceil(full * scale / fill - 1e-6))


@dataclass(frozen=True)
class Measured:
    """What one layout measured: the full-width pieces at the top, the flowing pieces of the
    columns in order, the page's content height (px), at which body size and spacing."""

    body: float
    spacing: float
    available: float
    top: tuple[Piece, ...]
    flow: tuple[Piece, ...]
    pages: int = 1
    columns_used: int = 1
    column_bottoms: tuple[float, ...] = ()  # px below the columns' top, per column
    split: bool = False  # a section continues from one column into the next
    # what the layout showed: its cuts stay (what it left out is unmeasured)
    plan: Plan | None = None

    @property
    def fits(self) -> bool:
        return self.pages == 1 and self.columns_used <= 2

    @property
    def room(self) -> float:
        """The columns' room: the page's content height under the top zone."""
        return self.available - sum(p.height for p in self.top)


# ------------------------------------------------------------------------------------ solving

SAFETY = 0.025  # of the column height, kept free against a prediction that errs short


@dataclass(frozen=True)
class Prediction:
    """The page predicted for a plan: the top zone's height, the columns' heights (px), and
    the room the columns have."""

    top: float
    columns: tuple[float, ...]
    room: float
    starts: tuple[tuple[str, float], ...] = ()  # each flowing section and the height above it
    total: float = 0.0  # the whole flow's height

    @property
    def fits(self) -> bool:
        return max(self.columns, default=0.0) <= self.room

    def fill(self) -> float:
        return max(self.columns, default=0.0) / self.room if self.room > 0 else 1.0


@dataclass(frozen=True)
class Solution:
    plan: Plan
    prediction: Prediction
    cuts: tuple[str, ...] = ()  # what was shortened, in the engine's terms (unit or part)


def columns(heights: Sequence[float], pieces: Sequence[Piece], count: int = 2) -> list[float]:
    """Balanced columns, as CSS multi-column balances them: the shortest column height into
    which the flow fits in `count` columns, each column's content as filled greedily; a piece
    that is not atomic may split at a line, a heading goes with what follows it."""
    total = sum(heights)
    if total <= 0 or not heights:
        return [0.0] * count
    low, high = max(max(heights) if heights else 0.0, total / count) - 1.0, total + 1.0
    best = _fill(heights, pieces, high, count)
    for _ in range(30):
        middle = (low + high) / 2
        filled = _fill(heights, pieces, middle, count)
        if filled is None:
            low = middle
        else:
            high, best = middle, filled
        if high - low < 0.5:
            break
    return best or [total] + [0.0] * (count - 1)


def _fill(
    heights: Sequence[float], pieces: Sequence[Piece], limit: float, count: int
) -> list[float] | None:
    used = [0.0] * count
    column = 0
    i = 0
    while i < len(heights):
        # a heading and what it keeps with go together
        j = i
        group = heights[i]
        while j + 1 < len(heights) and pieces[j].keep_with_next:
            j += 1
            group += heights[j]
        if used[column] + group <= limit + 1e-6:
            used[column] += group
            i = j + 1
            continue
        last = pieces[j]
        if not last.atomic and last.lines >= 4:  # a long paragraph splits at a line
            line = heights[j] / last.lines
            room = limit - used[column] - (group - heights[j])
            first = int(room // line)
            if 2 <= first <= last.lines - 2:
                used[column] += group - heights[j] + first * line
                if column + 1 >= count:
                    return None
                column += 1
                used[column] += heights[j] - first * line
                i = j + 1
                continue
        if used[column] == 0.0:  # taller than a column: it overflows wherever it goes
            return None
        column += 1
        if column >= count:
            return None
    return used


def predict(
    measured: Measured, plan: Plan, count: int = 2, calibration: tuple[float, float] = (1.0, 1.0)
) -> Prediction:
    """The page `plan` would make, from `measured`'s pieces; `calibration` multiplies the
    predicted heights of the top and of the flow (what a layout of a plan measured, over
    what was predicted for it)."""
    scale = plan.body / measured.body
    ratio = space_ratio(plan.spacing, measured.spacing)
    m = plan.metrics
    lh = m.lh(plan.spacing) / m.lh(measured.spacing) if m is not None else 1.0
    above = space_ratio(plan.spacing, measured.spacing, SPACE_FIXED_TOP)
    top = sum(p.at(scale, above, lh) for p in _shown(measured.top, plan)) * calibration[0]
    flow = _shown(measured.flow, plan, measured.plan)
    heights = [p.at(scale, ratio, lh) * calibration[1] for p in flow]
    heights += [h * calibration[1] for h in _more_lines(measured, plan, scale)]
    flow += [Piece("", 0.0)] * (len(heights) - len(flow))
    cols = columns(heights, flow, count)
    starts, above, previous = [], 0.0, None
    for piece, height in zip(flow, heights, strict=True):
        if piece.section and piece.section != previous:
            starts.append((piece.section, above))
            previous = piece.section
        above += height
    return Prediction(top, tuple(cols), measured.available - top, tuple(starts), above)


def _shown(pieces: Sequence[Piece], plan: Plan, had: Plan | None = None) -> list[Piece]:
    """The pieces `plan` shows of those a layout of `had` measured."""
    shown = []
    for p in pieces:
        if p.section in plan.dropped or (p.part is not None and p.part in plan.dropped):
            continue
        if p.unit is not None and p.index is not None:
            limit = plan.limits.get(p.unit)
            if limit is not None and p.index >= limit:
                continue
        shown.append(_side_by_side(p, plan, had) if p.sides else p)
    return shown


def _side_by_side(piece: Piece, plan: Plan, had: Plan | None) -> Piece:
    """A row of lists set side by side, as tall as its tallest side once the plan has cut
    them: its height, lines and text scaled by how much shorter that makes it. A list the
    measured layout had cut already ends in its '+N more', measured with the rest."""
    cut_before = had.limits if had is not None else {}
    full = max(side.height(None) for side in piece.sides)
    cut = max(
        side.height(plan.limits.get(side.unit), more=side.unit not in cut_before)
        for side in piece.sides
    )
    if full <= 0 or cut >= full:
        return piece
    share = cut / full

    def fewer(lines: int) -> int:
        return max(1, math.ceil(lines * share - 1e-9)) if lines else 0

    return replace(
        piece,
        height=piece.height * share,
        lines=fewer(piece.lines),
        hard_lines=fewer(piece.hard_lines),
        text_px=piece.text_px * share,
    )


def _more_lines(measured: Measured, plan: Plan, scale: float) -> list[float]:
    """A '+N more' line for each list shortened by the plan (beyond what the layout had)."""
    line = _body_line(measured) * scale
    cut_before = measured.plan.limits if measured.plan is not None else {}
    extra = []
    for unit, limit in plan.limits.items():
        if unit in cut_before:  # its '+N more' was laid out and measured
            continue
        pieces = [p for p in measured.flow if p.unit == unit and p.index is not None]
        if any(p.area for p in pieces):  # chips: '+N more' is one more chip in their lines
            continue
        if pieces and limit < len({p.index for p in pieces}):
            extra.append(line)
    return extra


def _body_line(measured: Measured) -> float:
    lines = [p.line_px for p in measured.flow if p.lines]
    return sorted(lines)[len(lines) // 2] if lines else measured.body * PX_PER_PT * 1.3


def calibration(first: Measured, later: Measured, plan: Plan) -> tuple[float, float]:
    """How far the prediction from `first` for `plan` missed what `later` (a layout of
    `plan`) measured: actual over predicted, for the top and for the flow."""
    scale = plan.body / first.body
    ratio = space_ratio(plan.spacing, first.spacing)
    m = plan.metrics
    lh = m.lh(plan.spacing) / m.lh(first.spacing) if m is not None else 1.0
    above = space_ratio(plan.spacing, first.spacing, SPACE_FIXED_TOP)
    top = sum(p.at(scale, above, lh) for p in _shown(first.top, plan))
    flow = sum(p.at(scale, ratio, lh) for p in _shown(first.flow, plan, first.plan))
    flow += sum(_more_lines(first, plan, scale))
    actual_top = sum(p.height for p in later.top)
    actual_flow = sum(p.height for p in later.flow)
    return (
        actual_top / top if top > 0 else 1.0,
        actual_flow / flow if flow > 0 else 1.0,
    )


def solve(
    measured: Measured,
    spec: SheetSpec,
    paper: str,
    *,
    safety: float = SAFETY,
    calibration: tuple[float, float] = (1.0, 1.0),
) -> Solution:
    """The plan for the page: the largest body size (and at it the widest spacing) whose
    predicted columns fit; when none does at the smallest size and tightest spacing, the
    fewest cuts, in the spec's order, that make that fit (the spacing then opens again as far
    as the cuts allow). A pure function of what was measured."""
    m = spec.metrics
    had = measured.plan or Plan()
    base = Plan(
        paper=paper,
        metrics=m,
        limits=dict(had.limits),
        dropped=had.dropped,
        text_limit=had.text_limit,
    )

    def fitting(plan: Plan) -> Prediction | None:
        found = predict(measured, plan, spec.columns, calibration)
        room = found.room * (1 - safety - reach(measured, plan) / 2)
        return found if max(found.columns, default=0.0) <= room else None

    # a layout that had cuts did not measure what it left out: no larger type from it
    sizes = [b for b in m.sizes() if not had.shortened or b <= measured.body]
    smallest = replace(base, body=m.body_min, spacing=m.spacings[-1])
    if fitting(smallest) is None:
        sizes = []  # nothing fits uncut at the smallest and tightest, so nothing larger does
    for body in sizes:
        for spacing in m.spacings:
            if spacing > 1.0 and body < m.body_max:
                continue  # spacing wider than designed only once the type is at its largest
            plan = replace(base, body=body, spacing=spacing)
            found = fitting(plan)
            if found is not None:
                return Solution(_with_height(plan, found, measured), found)
    # the smallest type and the tightest spacing overflow: cut, in order
    plan, cuts = _cut(measured, spec, smallest, fitting)
    for spacing in m.spacings:  # give the room the cuts made back to the spacing
        opened = replace(plan, spacing=spacing)
        if spacing > plan.spacing and fitting(opened) is not None:
            plan = opened
            break
    found = predict(measured, plan, spec.columns, calibration)
    return Solution(_with_height(plan, found, measured), found, cuts)


SHORT = 3  # a list this short is not a long list: shortened only once the long ones are
MARGINAL = 0.08  # an overflow predicted this small is laid out uncut first, to be sure


def floor(measured: Measured, spec: SheetSpec, paper: str) -> Solution:
    """The page at the smallest type and the tightest spacing, with nothing more cut than
    `measured` had: the columns as tall as the page allows."""
    m = spec.metrics
    had = measured.plan or Plan()
    plan = replace(
        had,
        paper=paper,
        metrics=m,
        body=m.body_min,
        spacing=m.spacings[-1],
        flow_mm=None,
        measure_columns=0,
    )
    found = predict(measured, plan, spec.columns)
    return Solution(replace(plan, flow_to_end=True), found)


FLOW_SLACK = 0.05  # of the predicted column height, and a line, added for the column break


def reach(measured: Measured, plan: Plan) -> float:
    """How far a prediction reaches from what was measured, as the share it may miss by:
    about a third of the change in type size, and 3 % per unit of spacing."""
    return 0.3 * abs(plan.body / measured.body - 1) + 0.03 * abs(plan.spacing - measured.spacing)


SECTION_BREAK = 0.2  # of the room: how unequal columns may be to break between sections
# the same on a page with cuts, which must leave its emptier column nearly full (ROOM_KEPT)
SECTION_BREAK_CUT = 0.15


def _with_height(plan: Plan, found: Prediction, measured: Measured) -> Plan:
    """The plan with its columns' height and where they break: between two sections when
    the columns then end within SECTION_BREAK of the room of each other (SECTION_BREAK_CUT
    on a page with cuts; no section is split), else where the balanced flow breaks, inside a
    section (which continues in the next column). The height is the predicted one with some
    slack, never more than the page's room."""
    line = _body_line(measured) * plan.body / measured.body
    room = found.room * (1 - SAFETY)
    slack = FLOW_SLACK + reach(measured, plan)
    longest = max(found.columns, default=0.0)
    uneven = SECTION_BREAK_CUT if plan.shortened else SECTION_BREAK
    between = [
        (max(above, found.total - above), section)
        for section, above in found.starts[1:]
        if abs(found.total - 2 * above) <= uneven * found.room
        and max(above, found.total - above) * (1 + slack) + line <= room
    ]
    if between:
        longest, section = min(between)
        plan = replace(plan, column_break=section)
    height = min(room, longest * (1 + slack) + line)
    return replace(plan, flow_mm=math.floor(height / PX_PER_MM * 10) / 10)


def _cut(
    measured: Measured,
    spec: SheetSpec,
    plan: Plan,
    fitting: Callable[[Plan], Prediction | None],
) -> tuple[Plan, tuple[str, ...]]:
    sizes = list_sizes(measured)
    cuts: list[str] = []
    order = list(spec.cuts)
    i = 0
    while i < len(order) and fitting(plan) is None:
        cut = order[i]
        if cut.part is not None or cut.unit is None:
            name = cut.part if cut.part is not None else cut.section
            present = any(
                (p.part if cut.part is not None else p.section) == name for p in measured.flow
            )
            if present and name not in plan.dropped:
                plan = replace(plan, dropped=plan.dropped | {name})
                cuts.append(name)
            i += 1
            continue
        group = [c for c in order[i:] if c.unit is not None and c.group == cut.group]
        group = group if cut.group else [cut]
        i += len(group) if cut.group else 1
        # long lists first: a group's lists shorten to SHORT items before any goes below
        for least in (SHORT, 0) if cut.group else (0,):
            while fitting(plan) is None:
                keeps = {
                    c.unit: plan.limits.get(c.unit or "", sizes.get(c.unit or "", 0)) for c in group
                }
                open_ = [
                    c
                    for c in group
                    if keeps[c.unit] > max(c.floor, least) and c.section not in plan.dropped
                ]
                if not open_:
                    break
                longest = max(open_, key=lambda c: keeps[c.unit])  # the first of equals
                unit = longest.unit or ""
                plan = replace(plan, limits={**plan.limits, unit: keeps[unit] - 1})
                if unit not in cuts:
                    cuts.append(unit)
    if fitting(plan) is None:  # the last resort: long notes cut short
        for limit in (400, 160):
            plan = replace(plan, text_limit=limit)
            if fitting(plan) is not None:
                break
    lists = [c for c in spec.cuts if c.unit is not None]
    while fitting(plan) is None:  # past the last resort: even what is never cut, to one item
        keeps = {c.unit: plan.limits.get(c.unit or "", sizes.get(c.unit or "", 0)) for c in lists}
        open_ = [c for c in lists if keeps[c.unit] > 1 and c.section not in plan.dropped]
        if not open_:
            break
        unit = max(open_, key=lambda c: keeps[c.unit]).unit or ""
        plan = replace(plan, limits={**plan.limits, unit: keeps[unit] - 1})
        if unit not in cuts:
            cuts.append(unit)
    return plan, tuple(cuts)


def list_sizes(measured: Measured) -> dict[str, int]:
    """How many items of each list the layout showed."""
    found: dict[str, set[int]] = {}
    for p in measured.flow:
        if p.unit is not None and p.index is not None:
            found.setdefault(p.unit, set()).add(p.index)
        for side in p.sides:
            found.setdefault(side.unit, set()).update(range(len(side.items)))
    return {unit: len(items) for unit, items in found.items()}


# ---------------------------------------------------------------------------------- verifying


@dataclass(frozen=True)
class Fitted:
    """The plan laid out, with its HTML and layout, and how many layouts it took."""

    html: str
    layout: Any  # render.pdf.Layout: typed loosely so this module never imports WeasyPrint
    plan: Plan
    layouts: int
    measured: Measured
    cuts: tuple[str, ...] = ()


MAX_LAYOUTS = 4
# A page that has not fitted after MAX_LAYOUTS (only hostile input: hundreds of long items,
# or text the measure cannot predict) is not given up on: RESCUES plans, each barer than the
# last, are laid out until one fits (see `rescue`). What cannot be shown is cut and said.
RESCUES = 3


def rescue(plan: Plan, spec: SheetSpec, step: int) -> Plan:
    """The bare plans for a page the solver could not fit, at the smallest type: first every
    list to one item, long notes cut to 160 characters and the background left out; then
    only the first two sections of the flow; then the top zone alone."""
    m = spec.metrics
    lists = {c.unit: 1 for c in spec.cuts if c.unit is not None}
    parts = {c.part for c in spec.cuts if c.part is not None}
    flow = spec.flow()
    kept = {
        1: [s for s in flow if spec.zone_of(s) == spec.zones[0]],
        2: [s for s in flow if spec.zone_of(s) == spec.zones[0]][:2],
    }.get(step, [])
    return Plan(
        paper=plan.paper,
        body=m.body_min if m is not None else plan.body,
        spacing=min(m.spacings) if m is not None else plan.spacing,
        limits={**plan.limits, **lists},
        dropped=frozenset(parts | (set(flow) - set(kept))),
        text_limit=160,
        metrics=plan.metrics,
    )


OVERFLOW = 0.4  # pt below the smallest size: a guess this far under it is a page to cut
SPARSE = 1.5  # pt above the largest size: a guess this far over it is a page half empty
# pt taken off a guess: it errs small, since a page a step under the best size is kept, while
# a page laid out too large overflows and takes a second layout
UNDER = 0.25


FLOW_CLASS = "columns"  # the class of the multi-column container whose content is balanced
# its opening tag: `columns` a class of its own (not `two-columns`)
_FLOW_START = re.compile(
    rf"<[a-z]+\b[^>]*\bclass=\"(?:[^\"]*\s)?{FLOW_CLASS}(?:\s[^\"]*)?\"", re.IGNORECASE
)
_SECTION = re.compile(r"<section\b[^>]*\bdata-section=\"([^\"]*)\"", re.IGNORECASE)
# What a section's text weighs against its items and its heading, in characters of text
# (at the largest size, a column line holds about 45 characters)
ITEM_WEIGHT, HEADING_WEIGHT = 25, 120


def section_weights(html: str) -> list[tuple[str, float]]:
    """The flow's sections in order, each with an estimate of its height from its text alone
    (characters, list items and its heading, `html_size`), before any layout."""
    start = _FLOW_START.search(html)
    if start is None:
        return []
    flow = html[start.end() :]
    found = list(_SECTION.finditer(flow))
    weights: list[tuple[str, float]] = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(flow)
        if not SECTION_NAME.fullmatch(match.group(1)):
            return []  # a name no plan may name: nothing guessed
        text, items = html_size(flow[match.start() : end])
        weights.append((match.group(1), text + ITEM_WEIGHT * items + HEADING_WEIGHT))
    return weights


def guess_break(weights: Sequence[tuple[str, float]]) -> str | None:
    """The section that would start the second column if the columns broke between sections
    as evenly as the estimates say, or None with fewer than two sections."""
    total = sum(w for _, w in weights)
    best: tuple[float, str] | None = None
    above = 0.0
    for i, (section, weight) in enumerate(weights):
        if i > 0:
            gap = abs(total - 2 * above)
            best = (gap, section) if best is None or gap < best[0] else best
        above += weight
    return best[1] if best is not None else None


def first_plan(
    spec: SheetSpec,
    paper: str,
    guess: float,
    weights: Sequence[tuple[str, float]] = (),
    *,
    base: Plan | None = None,
) -> Plan:
    """The first layout's plan for a guessed body size (`guess`, which may lie outside the
    sizes), so that a good guess is already the solution (`fit_page` keeps it):

    - a page half empty at the largest size: the largest size and the widest spacing, the
      columns breaking between the sections the text's `weights` balance best (the solver
      breaks such a page between sections too), the first column running to that break;
    - a guess well under the smallest size, a page that will be cut: a layout that only
      measures (`Plan.measure_columns`), at the smallest size and the tightest spacing, its
      flow one column wide running from page to page: no layout of an overfull page costs
      less, and the solver needs no more than each piece's height at a column's width;
    - else balanced columns at the guessed size (a quarter point under it, rounded down to a
      size), with the tightest spacing under the reference size, else the reference spacing.

    Neither of the first two is balanced by WeasyPrint, which costs it half a layout more.
    `base` is a plan already trimmed (`trim_to_budget`): its cuts are kept."""
    m = spec.metrics
    low = math.floor((guess - UNDER) / m.body_step + 1e-9) * m.body_step
    body = min(max(low, m.body_min), m.body_max)
    plan = replace(base or Plan(), paper=paper, body=body, metrics=m)
    if body >= m.body_max:
        plan = replace(plan, spacing=max(m.spacings))
        section = guess_break(weights)
        if guess >= m.body_max + SPARSE and section is not None:
            return replace(plan, column_break=section, flow_to_end=True)
        return plan
    if guess < m.body_min - OVERFLOW:
        return replace(plan, spacing=min(m.spacings), measure_columns=spec.columns)
    if body < m.reference:  # small type: the page is full, its spacing tight
        return replace(plan, spacing=min(m.spacings))
    return plan


def fit_page(
    render: Callable[[Plan], str],
    spec: SheetSpec,
    *,
    paper: str,
    assets: list[Path],
    first: Plan | None = None,
) -> Fitted:
    """Lay out `first` (or the reference size) and measure it; solve; keep that first layout
    when it fits, is balanced and the solution has its type size and cuts, else lay out the
    solution and verify it. The correction, at most once for a page that fits: a solution
    that overflows, or that cut something while a column kept room, is solved again from
    the first measure calibrated by what its layout measured (the second prediction is all
    but exact). Counts every layout: a page that fits takes one or two."""
    from briefgen.render.pdf import font_configuration, lay_out, measure_flow

    fonts = font_configuration()
    plan = first or Plan(paper=paper, body=spec.metrics.reference, metrics=spec.metrics)
    safety = SAFETY
    cuts: tuple[str, ...] = ()
    origin: Measured | None = None
    best: Fitted | None = None
    for count in range(1, MAX_LAYOUTS + RESCUES + 1):
        if count > MAX_LAYOUTS:  # nothing fitted yet (hostile input): the rescue plans
            if best is not None:
                break
            plan, cuts = rescue(plan, spec, count - MAX_LAYOUTS), ()
        html = render(plan)
        layout = lay_out(html, assets=assets, fonts=fonts)
        measured = replace(measure_flow(layout, body=plan.body, spacing=plan.spacing), plan=plan)
        fitted = Fitted(html, layout, plan, count, measured, cuts)
        if origin is None:
            origin = measured
            solution = solve(origin, spec, paper, safety=safety)
            kept = solution.plan.column_break is None or not measured.split
            good = _same_page(solution.plan, plan) or _near(solution.plan, plan, measured)
            even = balanced(measured, SECTION_BREAK if plan.column_break else BALANCE)
            if measured.fits and good and even and kept and not plan.measure_columns:
                return fitted  # the first layout was already the solution, or all but
            if solution.cuts:  # nothing is cut on a prediction that may miss by a few percent
                uncut = floor(origin, spec, paper)
                if uncut.prediction.fill() <= 1 + MARGINAL:
                    solution = uncut
        else:
            if measured.fits:
                best = fitted if best is None or _fewer_cuts(plan, best.plan) else best
                if not plan.shortened or emptier(measured) >= ROOM_KEPT or count > 2:
                    return replace(best, layouts=count)  # verified
            else:
                safety += 0.01
            calibrated = calibration(origin, measured, plan)
            solution = solve(origin, spec, paper, safety=safety, calibration=calibrated)
            if best is not None and not _fewer_cuts(solution.plan, best.plan):
                return replace(best, layouts=count)
            if solution.plan == plan:
                safety += 0.02
                solution = solve(origin, spec, paper, safety=safety, calibration=calibrated)
        plan, cuts = solution.plan, solution.cuts
    if best is not None:
        return replace(best, layouts=min(count, MAX_LAYOUTS))
    raise RenderError(
        f"the sheet does not fit on one page after {MAX_LAYOUTS + RESCUES} layouts; "
        "shorten the longest notes in the dossier"
    )


ROOM_KEPT = 0.9  # of the columns' room: a cut page whose emptier column ends above it is redone
FULL_ENOUGH = 0.85  # of the columns' room: a first layout this full may keep its type size


def fuller(measured: Measured) -> float:
    """How far the fuller column of a layout reaches, as a share of the columns' room."""
    room = measured.room
    return max(measured.column_bottoms, default=0.0) / room if room > 0 else 1.0


def _near(solved: Plan, had: Plan, measured: Measured) -> bool:
    """Whether a first layout of `had` that fits is as good as a second layout would be. It
    cuts nothing, and either the solution cuts at no larger type (the layout proves the page
    fits whole: the prediction's safety margin was wrong), or the solution cuts nothing
    either, its type is at most one step larger and the layout's fuller column is
    FULL_ENOUGH (another whole layout would buy type 3 % larger on a page already used)."""
    step = had.metrics.body_step if had.metrics is not None else 0.25
    if had.shortened:
        return False
    if solved.shortened:  # the prediction's margins would cut what the layout shows whole
        return solved.body <= had.body
    return had.body <= solved.body <= had.body + step + 1e-9 and fuller(measured) >= FULL_ENOUGH


def emptier(measured: Measured) -> float:
    """How far the emptier column of a layout reaches, as a share of the columns' room."""
    room = measured.room
    bottoms = list(measured.column_bottoms[:2]) + [0.0] * (2 - len(measured.column_bottoms))
    return min(bottoms) / room if room > 0 else 1.0


def _fewer_cuts(plan: Plan, than: Plan) -> bool:
    """Whether `plan` leaves out less than `than`, with type as large: no part left out that
    `than` shows, every list as long, one at least longer or a part more shown."""
    if plan.body < than.body or not plan.dropped <= than.dropped:
        return False
    units = set(plan.limits) | set(than.limits)
    longer = [
        plan.limits.get(u, math.inf) - than.limits.get(u, math.inf)
        for u in units
        if plan.limits.get(u) != than.limits.get(u)
    ]
    return all(d > 0 for d in longer) and (bool(longer) or plan.dropped < than.dropped)


BALANCE = 0.12  # of the columns' room: how far apart the bottoms of a kept first layout may be


def balanced(measured: Measured, limit: float = BALANCE) -> bool:
    """Whether the columns of a layout end within `limit` of the room of each other (a
    layout that breaks between sections may be as uneven as the solver lets such a break
    be: SECTION_BREAK)."""
    room = measured.room
    bottoms = [b for b in measured.column_bottoms if b > 0.5]
    return len(bottoms) < 2 or max(bottoms) - min(bottoms) <= limit * room


def _same_page(solved: Plan, had: Plan) -> bool:
    """Whether a layout of `had` is as good as one of `solved`: the same type size and the
    same cuts (the spacing alone is not worth a layout)."""
    return (
        solved.body == had.body
        and abs(solved.spacing - had.spacing) < 0.5
        and solved.limits == had.limits
        and solved.dropped == had.dropped
        and solved.text_limit == had.text_limit
    )


# -------------------------------------------------------------------- the budget before layout

_STYLE = re.compile(r"<style\b.*?</style>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_ITEM = re.compile(r"<li[\s>]", re.IGNORECASE)
# What a sheet's HTML may hold before its first layout: about twice what one page shows at the
# smallest size (WeasyPrint's layout time grows faster than the text).
TEXT_BUDGET = 16_000  # characters of text
ITEM_BUDGET = 200  # list items


def html_size(html: str) -> tuple[int, int]:
    """(characters of text, list items) in a page's HTML: what its layout will cost."""
    text = _TAG.sub(" ", _STYLE.sub("", html))
    return len(" ".join(text.split())), len(_ITEM.findall(html))


def trim_to_budget(
    plan: Plan, sizes: dict[str, int], spec: SheetSpec, render: Callable[[Plan], str]
) -> tuple[Plan, str]:
    """The plan and HTML for the first layout. While the HTML holds more than TEXT_BUDGET
    characters or ITEM_BUDGET list items, it is trimmed without a layout: long notes cut, lists
    capped at 64 down to 8 items, parts and sections left out in the spec's cut order, lists
    capped down to 1 (never below a cut's floor). A page a few pages long is left for the
    solver to measure."""

    def capped(p: Plan, cap: int, *, keep_floors: bool = True) -> Plan:
        floors = {c.unit: c.floor if keep_floors else 1 for c in spec.cuts if c.unit}
        limits = {  # only the lists the spec may shorten
            unit: max(min(cap, p.limits.get(unit, n)), floors[unit])
            for unit, n in sizes.items()
            if n > cap and unit in floors
        }
        return replace(p, limits={**p.limits, **limits})

    rungs: list[tuple[bool, Callable[[Plan], Plan]]] = [
        (True, lambda p: replace(p, text_limit=400)),
        (True, lambda p: replace(p, text_limit=160)),
        *((False, lambda p, c=cap: capped(p, c)) for cap in (64, 32, 16, 8)),
        *(
            (False, lambda p, name=c.part or c.section: replace(p, dropped=p.dropped | {name}))
            for c in spec.cuts
            if c.unit is None
        ),
        *((False, lambda p, c=cap: capped(p, c, keep_floors=False)) for cap in (4, 2, 1)),
    ]
    html = render(plan)
    text, items = html_size(html)
    for text_only, rung in rungs:
        if text <= TEXT_BUDGET and (text_only or items <= ITEM_BUDGET):
            continue
        trimmed = rung(plan)
        shorter = render(trimmed) if trimmed != plan else html
        if shorter != html:
            plan, html = trimmed, shorter
            text, items = html_size(html)
    return plan, html
