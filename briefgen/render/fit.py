"""The fit ladder: one page, always. Lay out at the design size; when that overflows, predict
the largest type that fits from the measured overflow and lay out once more; only at the 7 pt
floor shorten lists and drop the lowest-priority sections, sized from the measured heights.

WeasyPrint's layout time grows faster than the text (60 KB of notes take half a minute), so a
sheet many pages long is first trimmed by the same rungs, judged from its HTML alone, before it
is ever laid out. The ladder knows sections and list names, not what a prep sheet says: the
document hands it a `render(plan) -> html` function and the list sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefgen.errors import RenderError

# Sections of the sheet, most important first. The first four are never dropped.
SECTIONS = (
    "header",
    "numbers",
    "tactics",
    "buttons",
    "interests",
    "questions",
    "accounts",
    "rapport",
    "positioning",
    "timeline",
    "health",
)
NEVER_DROPPED = frozenset(SECTIONS[:4])


@dataclass(frozen=True)
class Level:
    """One rung of the fit ladder: type sizes in pt, spacing as a factor."""

    name: str
    body: float
    spacing: float

    def css(self) -> str:
        s, b = self.spacing, self.body
        return (
            ":root {"
            f" --fs-body: {b:.2f}pt; --fs-small: {b * 0.84:.2f}pt; --fs-label: {b * 0.78:.2f}pt;"
            f" --fs-lead: {b * 1.3:.2f}pt; --fs-name: {b * 2.5:.2f}pt;"
            f" --lh: {1.22 + 0.14 * s:.3f}; --gap: {5.5 * s:.2f}mm; --item-gap: {1.6 * s:.2f}pt;"
            f" --col-gap: {8 * s:.2f}mm;"
            " }"
        )


LEVELS = (
    Level("design size", 8.7, 0.9),
    Level("tighter spacing", 8.7, 0.55),
    Level("8.2 pt type", 8.2, 0.45),
    Level("7.8 pt type", 7.8, 0.35),
    Level("7.4 pt type", 7.4, 0.25),
    Level("7 pt type", 7.0, 0.2),
)


@dataclass
class Plan:
    """What the sheet shows: the type level, list limits and dropped sections."""

    level: Level = LEVELS[0]
    limits: dict[str, int] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    paper: str = "a4"
    text_limit: int | None = None  # the last resort: long notes cut at a word boundary

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
    "criteria": "numbers",
    "accusation_audit": "tactics",
    "labels": "tactics",
    "black_swans": "questions",
}
SAFETY = 0.03  # of the page height, kept free when cutting from measured heights
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
    shortenable list. Runs where WeasyPrint may be imported (the render child)."""
    from briefgen.render.pdf import lay_out, measure

    plan, html = trim_to_budget(Plan(paper=paper), sizes, render)
    for count in range(1, MAX_LAYOUTS + 1):
        if count > 1:
            html = render(plan)
        layout = lay_out(html, assets=assets)
        measured = measure(layout)
        if measured.fits:
            return Fitted(html, layout, plan, count)
        plan = next_plan(plan, measured, count)
    raise RenderError(
        f"the sheet does not fit on one page after {MAX_LAYOUTS} layouts; "
        "shorten the longest notes in the dossier"
    )


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
