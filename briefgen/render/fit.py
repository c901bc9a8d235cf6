"""The fit ladder: one page, always. Lay out at the design size; when that overflows, first
use the whole page: balance the two columns (move lower-priority sections to the shorter one
and shift the split between them) from the measured section heights; then predict the
largest type that fits and lay out once more, and once more a rung larger or smaller when the
prediction missed. A shrunk sheet then fills the page: its vertical spacing (line height,
gaps) opens by the amount predicted from the measured heights, the line breaks staying as
they are, so the longer column ends near the footer. Only at the 7 pt floor shorten lists
and drop the lowest-priority sections, sized from the measured heights.

WeasyPrint's layout time grows faster than the text (60 KB of notes take half a minute), so a
sheet many pages long is first trimmed by the same rungs, judged from its HTML alone, before it
is ever laid out. The ladder knows sections and list names, not what a prep sheet says: the
document hands it a `render(plan) -> html` function and the list sizes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import RenderError

if TYPE_CHECKING:  # for the annotations only: this module never imports WeasyPrint
    from briefgen.render.pdf import Layout, Measure

# Sections of the sheet, most important first. The first four are never dropped.
SECTIONS = (
    "header",
    "numbers",
    "tactics",
    "buttons",
    "workbench",  # placed after the numbers (documents/prep.py columns_for); dropped after these
    "interests",
    "questions",
    "accounts",
    "rapport",
    "positioning",
    "timeline",
    "health",
)
NEVER_DROPPED = frozenset(SECTIONS[:4])


# The spacing variables per unit of a rung's spacing factor (Level.css): the line height is
# LINE_HEIGHT + LINE_SPACING * spacing; the gaps between sections, between list items and
# between the columns are these lengths times the factor.
LINE_HEIGHT, LINE_SPACING = 1.22, 0.14
GAP_MM, ITEM_GAP_PT, COL_GAP_MM = 5.5, 1.6, 8.0


@dataclass(frozen=True)
class Level:
    """One rung of the fit ladder: type sizes in pt, spacing as a factor, and how tall a sheet
    set at this rung typically is beside the design size (measured on the six examples)."""

    name: str
    body: float
    spacing: float
    height: float = 1.0

    def css(self, air: float | None = None) -> str:
        """The rung's variables; `air` stands for its spacing factor in the vertical spacing
        only (line height, gaps between sections and list items): the column widths, and so
        every line break, stay the rung's."""
        s, b = self.spacing, self.body
        v = s if air is None else air
        return (
            ":root {"
            f" --fs-body: {b:.2f}pt; --fs-small: {b * 0.84:.2f}pt; --fs-label: {b * 0.78:.2f}pt;"
            f" --fs-lead: {b * 1.3:.2f}pt; --fs-name: {b * 2.5:.2f}pt;"
            f" --lh: {LINE_HEIGHT + LINE_SPACING * v:.3f}; --gap: {GAP_MM * v:.2f}mm;"
            f" --item-gap: {ITEM_GAP_PT * v:.2f}pt; --col-gap: {COL_GAP_MM * s:.2f}mm;"
            " }"
        )


LEVELS = (
    Level("design size", 8.7, 0.9, 1.0),
    Level("tighter spacing", 8.7, 0.55, 0.925),
    Level("8.2 pt type", 8.2, 0.45, 0.845),
    Level("7.8 pt type", 7.8, 0.35, 0.78),
    Level("7.4 pt type", 7.4, 0.25, 0.715),
    Level("7 pt type", 7.0, 0.2, 0.66),
)
MAIN_SHARE = 1.32 / 2.32  # the main column's share of the width, as designed in prep.css
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}  # width, height
PROBE_HEIGHT_MM = 1000.0  # a probe layout's one tall page
# Above this much text (on A4; Letter is shorter) a sheet is all but sure to overflow at the
# design size: its first layout is a probe on one tall page, which measures the same heights
# as paginated columns for about half the cost. The examples: 1,400 to 4,500 characters; the
# ones over 3,000 overflow.
PROBE_CHARS = 3000


@dataclass
class Plan:
    """What the sheet shows: the type level, list limits and dropped sections."""

    level: Level = LEVELS[0]
    limits: dict[str, int] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    paper: str = "a4"
    text_limit: int | None = None  # the last resort: long notes cut at a word boundary
    columns: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (main, side) once balanced
    split: float = MAIN_SHARE
    probe: bool = False  # laid out on one tall page, to measure; never written
    air: float | None = None  # a shrunk sheet's vertical spacing, opened to fill the page

    @property
    def page_size(self) -> str:
        """The CSS `@page` size: the paper, or for a probe one page as tall as a poster."""
        if self.probe:
            return f"{PAPER_MM.get(self.paper, PAPER_MM['a4'])[0]}mm {PROBE_HEIGHT_MM:.0f}mm"
        return "A4" if self.paper == "a4" else "letter"

    def css(self) -> str:
        """The rung's type and spacing, and the split between the columns."""
        return (
            self.level.css(self.air)
            + f" .col-main {{ flex-grow: {self.split:.3f}; }}"
            + f" .col-side {{ flex-grow: {1 - self.split:.3f}; }}"
        )

    def cut(self, key: str, items: list[Any]) -> tuple[list[Any], int]:
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
    "meetings": "health",
    "exchanges": "health",
    "criteria": "numbers",
    "accusation_audit": "tactics",
    "labels": "tactics",
    "black_swans": "questions",
}
# Free notes that stand in a section as a part of their own, left out before the section is.
NOTE_PARTS = {
    "negotiation-notes": "numbers",
    "rapport-notes": "rapport",
    "relationship-notes": "health",
}
SAFETY = 0.03  # of the page height, kept free when cutting from measured heights
# A rung predicted from the design size may miss by a few percent: a third layout corrects.
PREDICTION_MARGIN = 0.005
MAX_LAYOUTS = 4
# What a sheet's HTML may hold before its first layout: about twice what one page shows at 7 pt
# (the examples hold at most 4,100 characters in 44 list items; laying out 16,000 takes 4 s).
TEXT_BUDGET = 16_000  # characters of text
ITEM_BUDGET = 200  # list items


@dataclass(frozen=True)
class Fitted:
    """The first plan whose layout is one whole page, with its HTML and layout."""

    html: str
    layout: Any  # render.pdf.Layout: typed loosely so this module never imports WeasyPrint
    plan: Plan
    layouts: int


def fit_one_page(
    render: Callable[[Plan], str], sizes: dict[str, int], *, paper: str, assets: list[Path]
) -> Fitted:
    """Climb the ladder: `render(plan)` gives the HTML for a plan, `sizes` the length of each
    shortenable list. Runs where WeasyPrint may be imported (the render child).

    At most MAX_LAYOUTS layouts, three for a sheet of ordinary length: the design size; the
    balanced columns at the rung predicted to fit; then one more: the rung above when that is
    predicted to fit, the spacing opened when the page is not full, or the rung predicted from
    the second layout when it did not fit. A rung reached from another's measurements opens
    its spacing by the amount predicted to fill the page, so that one layout does both."""
    from briefgen.render.pdf import lay_out
    from briefgen.render.pdf import measure as measure_layout

    height = PAPER_MM.get(paper, PAPER_MM["a4"])[1]

    def measure(layout: Layout) -> Measure:
        return measure_layout(layout, paper_height_mm=height)

    plan, html = trim_to_budget(Plan(paper=paper), sizes, render)
    count = 1
    if html_size(html)[0] > PROBE_CHARS * (height - 23) / (PAPER_MM["a4"][1] - 23):
        measured = measure(lay_out(render(replace(plan, probe=True)), assets=assets))
        if measured.fits:  # it fits after all: lay it out on the paper
            count += 1
            layout = lay_out(html, assets=assets)
            measured = measure(layout)
    else:
        layout = lay_out(html, assets=assets)
        measured = measure(layout)
    if measured.fits:
        return Fitted(html, layout, plan, count)
    plan, content = balanced(plan, measured)
    plan = replace(plan, level=predicted_level(plan.level, content, measured.available))
    best: tuple[Fitted, Heights] | None = None
    failed: set[int] = set()  # rungs seen to overflow with the balanced columns
    while count < MAX_LAYOUTS:
        count += 1
        html = render(plan)
        layout = lay_out(html, assets=assets)
        measured = measure(layout)
        heights = Heights.of(measured, plan)
        following: Plan | None
        if measured.fits:
            if best is None or _better(plan, best[0].plan):
                best = (Fitted(html, layout, plan, count), heights)
            # Three layouts for a sheet that fits: a fourth only ever rescues one that does not.
            following = _after_fit(plan, heights, failed) if count < 3 else None
        else:
            following = _after_overflow(plan, measured, heights, failed, best, count)
        if following is None:
            break
        plan = following
    if best is not None:
        return replace(best[0], layouts=count)
    raise RenderError(
        f"the sheet does not fit on one page after {MAX_LAYOUTS} layouts; "
        "shorten the longest notes in the dossier"
    )


# A shrunk sheet fills the page: when its longer column ends short of FULL of the body height
# (the page below the header), the vertical spacing opens, at most to the design size's, by
# the amount predicted from the measured heights to bring that column to FILL_TARGET. The
# prediction errs on the short side (within 0.5 % of the page on the examples). Across rungs
# the heights are known only to a few percent (3 % on the examples): a rung reached that way
# aims lower, and its spacing, opened once, opens again only below FULL_OPENED.
FULL = 0.95
FULL_OPENED = 0.90
FILL_TARGET = 0.965
ACROSS_TARGET = 0.97
AIR_MAX = LEVELS[0].spacing
PX_PER_MM, PX_PER_PT = 96 / 25.4, 96 / 72
INLINE_UNITS = frozenset({"buttons"})  # chips in a row: their own margins, not --item-gap


@dataclass(frozen=True)
class Heights:
    """A layout's column heights in px (each with the header above it), and how much each
    grows per unit of vertical spacing (`Plan.air`), the line breaks staying as they are: the
    text lines grow with the line height, the gaps between sections and list items with the
    spacing factor."""

    columns: dict[str, float]
    header: float
    growth: dict[str, float]
    header_growth: float
    air: float  # the vertical spacing factor the heights are for
    available: float

    @classmethod
    def of(cls, m: Measure, plan: Plan) -> Heights:
        v = plan.level.spacing if plan.air is None else plan.air
        line_height = LINE_HEIGHT + LINE_SPACING * v
        gap, item_gap = GAP_MM * PX_PER_MM, ITEM_GAP_PT * PX_PER_PT
        header = m.sections.get("header", 0.0)
        # the gap below the header, and its lines: about half its height (the name and the
        # time have their own line height)
        header_growth = gap + max(header - gap * v, 0.0) / 2 / line_height * LINE_SPACING
        lists = _stacked_lists(m.units)
        columns, growth = {}, {}
        for column, sections in m.columns.items():
            gaps = max(len(sections) - 1, 0) * gap
            items = item_gap * sum(
                len(heights) - 1  # the last item's gap merges into the section's
                for unit, heights in lists.items()
                if heights
                and unit not in INLINE_UNITS
                and UNIT_SECTION.get(unit.split("+")[0]) in sections
            )
            columns[column] = m.column_height(column)
            lines = max(columns[column] - header - (gaps + items) * v, 0.0) / line_height
            growth[column] = header_growth + gaps + items + lines * LINE_SPACING
        return cls(columns, header, growth, header_growth, v, m.available)

    def at(self, air: float) -> Heights:
        """The heights with the vertical spacing at `air`, at the same rung."""
        d = air - self.air
        return replace(
            self,
            columns={c: h + self.growth[c] * d for c, h in self.columns.items()},
            header=self.header + self.header_growth * d,
            air=air,
        )

    def scaled(self, level: Level, to: Level) -> Heights:
        """The heights predicted at another rung with its own spacing, from these at `level`
        with its own. The growth is rounded up (the gaps do not shrink with the type), so the
        spacing opened from it errs on the short side."""
        k, g = _scale(level, to), max(1.0, _scale(level, to))
        return Heights(
            {c: h * k for c, h in self.columns.items()},
            self.header * k,
            {c: x * g for c, x in self.growth.items()},
            self.header_growth * g,
            to.spacing,
            self.available,
        )

    def fits(self, margin: float = 0.0) -> bool:
        return max(self.columns.values(), default=0.0) <= self.available * (1 - margin)

    def fill(self) -> float:
        """How far the longer column reaches, as a share of the body height."""
        body = self.available - self.header
        if not self.columns or body <= 0:
            return 1.0
        return max(h - self.header for h in self.columns.values()) / body

    def air_for(self, target: float) -> float:
        """The vertical spacing that brings the longer column to `target` of the body."""
        air = float("inf")
        a, h, t = self.available, self.header, target
        for column, height in self.columns.items():
            slope = self.growth[column] - (1 - t) * self.header_growth
            if slope > 0:
                air = min(air, self.air + (t * a + (1 - t) * h - height) / slope)
        return air


def _air(heights: Heights, level: Level, target: float) -> float | None:
    """The plan's `air` for `level` from heights at it: None for the rung's own spacing."""
    if level == LEVELS[0]:
        return None
    air = math.floor(min(heights.air_for(target), AIR_MAX) * 100) / 100
    return air if air > level.spacing else None


def _better(plan: Plan, than: Plan) -> bool:
    """Larger type, or the same with more room to breathe."""
    rung, other = LEVELS.index(plan.level), LEVELS.index(than.level)

    def air(p: Plan) -> float:
        return p.level.spacing if p.air is None else p.air

    return rung < other or (rung == other and air(plan) >= air(than))


def _after_fit(plan: Plan, heights: Heights, failed: set[int]) -> Plan | None:
    """After a layout that fits: the rung above when it is predicted to fit, else the spacing
    opened when the page is not full; None to keep this one. A shortened sheet stays."""
    if plan.limits or plan.dropped or plan.text_limit is not None:
        return None
    rung = LEVELS.index(plan.level)
    plain = heights.at(plan.level.spacing)
    if rung > 0 and rung - 1 not in failed:
        larger = LEVELS[rung - 1]
        guess = plain.scaled(plan.level, larger)
        if guess.fits():
            return replace(plan, level=larger, air=_air(guess, larger, ACROSS_TARGET))
    if rung > 0 and heights.fill() < (FULL if plan.air is None else FULL_OPENED):
        air = _air(heights, plan.level, FILL_TARGET)
        if air is not None and air > heights.air + 0.01:
            return replace(plan, air=air)
    return None


def _after_overflow(
    plan: Plan,
    m: Measure,
    heights: Heights,
    failed: set[int],
    best: tuple[Fitted, Heights] | None,
    count: int,
) -> Plan | None:
    """After a layout that overflows: less spacing when the rung itself fits; else the fitting
    layout already found (its spacing opened when the page is not full); else the next rung
    down, predicted from this one, or the cuts at the floor."""
    plain = heights.at(plan.level.spacing)
    if plan.air is not None and plain.fits(PREDICTION_MARGIN):
        air = _air(heights, plan.level, ACROSS_TARGET)
        return replace(plan, air=air if air is not None and air < plan.air else None)
    failed.add(LEVELS.index(plan.level))
    if best is not None:
        fitted, seen = best
        if fitted.plan.air is not None or seen.fill() >= FULL:
            return None
        if LEVELS.index(fitted.plan.level) == 0 or fitted.plan.limits or fitted.plan.dropped:
            return None
        air = _air(seen, fitted.plan.level, FILL_TARGET)
        return replace(fitted.plan, air=air) if air is not None else None
    following = next_plan(plan, m, count, content=max(plain.columns.values(), default=m.content))
    if following.level != plan.level:
        guess = plain.scaled(plan.level, following.level)
        following = replace(following, air=_air(guess, following.level, ACROSS_TARGET))
    return following


PINNED = NEVER_DROPPED  # the sections that open each column stay where the design puts them
SPLITS = (0.50, 0.53, MAIN_SHARE, 0.60, 0.63)
WIDTH_POWER = 0.5  # a section's height against its column's width: measured 0 to 1.3, typically 0.5
MOVE_COST = 0.01  # of the body height, times the section's rank: moves favour low priority


def balanced(plan: Plan, m: Measure) -> tuple[Plan, float]:
    """The columns and split that make the longer column shortest, from the heights measured
    in the last layout: any section below the pinned ones may move to the end of the other
    column, and the main column's share of the width may shift. The designed layout wins
    ties, so a sheet changes only as much as it must."""
    main, side = m.columns.get("col-main"), m.columns.get("col-side")
    if main is None or side is None:  # a layout of one's own: leave it as it is
        return plan, m.content
    header = m.sections.get("header", 0.0)
    body = m.available - header
    movable = [s for s in (*main, *side) if s not in PINNED]
    designed = _longest(main, side, (), plan.split, plan.split, m)
    best = (designed, designed, plan.columns, plan.split)
    for split in SPLITS:
        for mask in range(1 << len(movable)):
            moved = tuple(s for i, s in enumerate(movable) if mask >> i & 1)
            longest = _longest(main, side, moved, plan.split, split, m)
            ranks = sum((len(SECTIONS) - SECTIONS.index(s)) / 4 for s in moved if s in SECTIONS)
            cost = longest + body * (MOVE_COST * ranks + abs(split - MAIN_SHARE) / 10)
            if cost < best[0]:
                new_main = tuple(s for s in main if s not in moved) + tuple(
                    s for s in side if s in moved
                )
                new_side = tuple(s for s in side if s not in moved) + tuple(
                    s for s in main if s in moved
                )
                best = (cost, longest, (new_main, new_side), split)
    return replace(plan, columns=best[2], split=best[3]), header + best[1]


def _longest(
    main: Sequence[str],
    side: Sequence[str],
    moved: Sequence[str],
    old_split: float,
    split: float,
    m: Measure,
) -> float:
    """The taller column's predicted height after `moved` change columns and the split moves."""
    share = {"col-main": (old_split, split), "col-side": (1 - old_split, 1 - split)}
    heights = {"col-main": 0.0, "col-side": 0.0}
    for column, sections in (("col-main", main), ("col-side", side)):
        for section in sections:
            lands = column if section not in moved else _other(column)
            ratio = share[column][0] / share[lands][1]
            heights[lands] += m.sections.get(section, 0.0) * ratio**WIDTH_POWER
    return max(heights.values())


def _other(column: str) -> str:
    return "col-side" if column == "col-main" else "col-main"


def predicted_level(current: Level, content: float, available: float) -> Level:
    """The largest rung at or below `current` expected to fit `content` (measured or predicted
    at `current`) in `available`."""
    for level in LEVELS[LEVELS.index(current) :]:
        if content * _scale(current, level) <= available * (1 - PREDICTION_MARGIN):
            return level
    return LEVELS[-1]


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


def next_plan(plan: Plan, m: Measure, attempt: int, content: float | None = None) -> Plan:
    """The next rung, predicted from what the last layout measured (or `content`, the taller
    column's height at the rung's own spacing): the largest type that is expected to fit;
    once at the 7 pt floor, cuts sized from the heights measured there."""
    current = LEVELS.index(plan.level)
    content = m.content if content is None else content
    for level in LEVELS[current + 1 :]:
        if content * _scale(plan.level, level) <= m.available * (1 - SAFETY):
            return replace(plan, level=level, air=None)
    if current < len(LEVELS) - 1:
        return replace(plan, level=LEVELS[-1], air=None)  # measure at the floor before cutting
    return cut(
        replace(plan, limits=dict(plan.limits), dropped=set(plan.dropped), air=None),
        m,
        aggressive=attempt >= 3,
    )


def _scale(old: Level, new: Level) -> float:
    """How heights change between levels, from each rung's typical height: the mean over the
    six examples, each within about 5 % (line breaks fall differently), so a miss costs one
    more layout, never a wrong page."""
    return new.height / old.height


def cut(plan: Plan, m: Measure, *, aggressive: bool = False) -> Plan:
    """Shorten lists and drop sections, lowest priority first, until each column's measured
    height fits with a safety margin. A section is dropped only when shortening its lists
    cannot free enough, and moved to the other column instead when that one has room for it;
    the first four sections are shortened, never dropped."""
    limit = m.available * (1 - SAFETY * (4 if aggressive else 1))
    more_line = plan.level.body * (1.22 + 0.14 * plan.level.spacing) * 96 / 72
    room = {column: limit - m.column_height(column) for column in m.columns}
    share = {"col-main": plan.split, "col-side": 1 - plan.split}
    moved: dict[str, str] = {}  # section -> the column it moves to
    for column, sections in m.columns.items():
        overflow = m.column_height(column) - limit
        for section in sorted(sections, key=lambda s: -SECTIONS.index(s)):
            if overflow <= 0:
                break
            freed = 0.0  # already counted from this section
            for part, owner in NOTE_PARTS.items():
                if owner == section and part in m.sections and overflow > 0:
                    plan.dropped.add(part)
                    freed += m.sections[part]
                    overflow -= m.sections[part]
            floor = 1 if section in NEVER_DROPPED else 2
            lists = _stacked_lists(m.units)
            units = [u for u in lists if UNIT_SECTION.get(u.split("+")[0]) == section]
            spare = sum(sum(lists[u][floor:]) - more_line for u in units if len(lists[u]) > floor)
            if spare < overflow and section not in NEVER_DROPPED:
                height = m.sections.get(section, 0.0) - freed
                other = _other(column)
                if column in share and other in room:
                    needed = height * (share[column] / share[other]) ** WIDTH_POWER
                    if room[other] >= needed:
                        moved[section] = other
                        room[other] -= needed
                        overflow -= height
                        continue
                plan.dropped.add(section)
                overflow -= height
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
            text_limit = 160 if aggressive else 400
            plan.text_limit = min(text_limit, plan.text_limit or text_limit)
    if moved and {"col-main", "col-side"} <= set(m.columns):

        def stay(col: str) -> tuple[str, ...]:
            return tuple(s for s in m.columns[col] if s not in moved)

        def come(col: str) -> tuple[str, ...]:
            return tuple(s for s, to in moved.items() if to == col)

        plan.columns = (
            stay("col-main") + come("col-main"),
            stay("col-side") + come("col-side"),
        )
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
