"""The prep sheet's number line: our figures from the lowest to the highest, each label under
(or over) its own mark, the deal zone, the offer plan's steps as ticks, and which way we move.

Pure functions: no template, no WeasyPrint. `number_line` places everything in millimetres of a
line `width_mm` wide (the caller's column or the whole page); the template draws it.

Placement, per label: centred on its mark. Labels that would touch are nudged apart along their
row; a label nudged more than `NEAR_MM` from its mark moves to another row instead (under the
line, over it, under the first row...). A label nudged at all in a row next to the line gets a
leader line from its mark, so the eye never has to guess which mark a number belongs to. The
line's ends are drawn in from the paper's edges by half the end labels' widths, so the first
and last labels centre on their marks instead of being pushed inward by the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from briefgen.facts.negotiation import Figures, OfferPlan, deal_zone
from briefgen.text import formatting, labels, words
from briefgen.text.i18n import Locale, gettext

# A figure on the number line: (key, label, value); the key names its style (fig-<key>).
FigureMark = tuple[str, str, float]

Anchor = Literal["start", "center", "end"]


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
    anchor: Anchor  # which edge (or the middle) of its label is pinned: always the middle now
    at: float  # where the label's centre sits, in % of the width from the left
    leader: bool = False  # nudged off its mark: a leader line joins them


@dataclass(frozen=True)
class Tick:
    """One step of the offer plan on the line: its number (1 = first offer) and where."""

    number: int
    value: float
    x: float
    final: bool = False


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
    width_mm: float = 95.0  # the printed width: one viewBox unit is width_mm / width mm
    ticks: tuple[Tick, ...] = ()  # the offer plan's steps, first to last
    move: tuple[float, float] | None = None  # from our opening toward our target: how we move
    direction: Literal["down", "up"] | None = None  # seller: down from the opening; buyer: up

    def leaders(self, row: tuple[Mark, ...]) -> tuple[Mark, ...]:
        """The marks of `row` whose labels are joined to them by a leader line."""
        return tuple(m for m in row if m.leader)

    def at(self, x: float) -> float:
        """A viewBox position as % of the width (for HTML placed over the drawing)."""
        return round(x / self.width * 100, 3)


# How wide a label prints, in em, for the widest fonts the sheet may fall back to (DejaVu Sans
# Bold): a label's width is over-estimated, never under, so labels placed apart stay apart.
_EM = {**dict.fromkeys("0123456789", 0.70), ",": 0.38, ".": 0.38, " ": 0.35, "-": 0.42}
LABEL_GAP_MM = 2.5
NEAR_MM = 10.0  # a label nudged further than this from its mark tries another row (limit 12)
LEADER_MM = 1.2  # a label nudged further than this gets a leader line
EDGE_MM = 1.5  # the least room between the paper's edge and an end mark
MAX_EDGE_SHARE = 0.22  # an end mark never sits further in than this share of the width


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
    pad: float | None = None,
    locale: Locale,
    offers: tuple[float, ...] = (),
) -> NumberLine | None:
    """Marks on one line from the lowest value to the highest, `width_mm` wide on paper (drawn
    in a viewBox `width` units wide), each label (a small-caps label over a value) centred on
    its mark, nudged apart along its row when two would touch, and moved to another row (under
    the line, then over it, then under the first row...) when a nudge would take it more than
    NEAR_MM from its mark. `offers` are the offer plan's steps, drawn as ticks: the line
    stretches to hold them. `pad`: the least room at each end, in viewBox units."""
    if len(marks) < 2:
        return None
    place = {key: value for key, _, value in marks}  # where each is drawn
    gap = None
    if "their_walk_away" in place:  # a far-off estimate is drawn nearer, behind a break
        ours = [v for k, _, v in marks if k != "their_walk_away"] + list(offers)
        place["their_walk_away"], gap = _estimate_place(ours, place["their_walk_away"])
    drawn = list(place.values()) + list(offers)
    low, high = min(drawn), max(drawn)
    span = (high - low) or 1.0
    unit = width / width_mm  # viewBox units per mm

    ordered = sorted(marks, key=lambda m: place[m[0]])  # stable: equal ones keep their order
    texts = [formatting.money(value, None, locale=locale) for _, _, value in ordered]
    sizes = [
        max(
            text_width_mm(label, label_pt, caps=True, tracking=0.06),
            text_width_mm(text, value_pt),
        )
        for (_, label, _), text in zip(ordered, texts, strict=True)
    ]
    least = EDGE_MM if pad is None else pad / unit
    most = width_mm * MAX_EDGE_SHARE
    values = [place[key] for key, _, _ in ordered]
    left_mm, right_mm = _ends(values, sizes, low, span, width_mm, least, most)

    def mm(value: float) -> float:
        return left_mm + (value - low) / span * (width_mm - left_mm - right_mm)

    def x(value: float) -> float:
        return round(mm(value) * unit, 2)

    centres = [mm(place[key]) for key, _, _ in ordered]
    rows, lefts = place_labels(centres, sizes, width_mm)
    by_row: dict[int, list[Mark]] = {}
    for i, (key, label, value) in enumerate(ordered):
        centre = lefts[i] + sizes[i] / 2
        nudged = abs(centre - centres[i])
        leader = nudged > LEADER_MM and rows[i] < 2  # rows next to the line only
        mark = Mark(
            key,
            label,
            value,
            texts[i],
            x(place[key]),
            "center",
            round(centre / width_mm * 100, 2),
            leader,
        )
        by_row.setdefault(rows[i], []).append(mark)
    built = [tuple(by_row.get(r, ())) for r in range(max(rows) + 1)]
    # row 0 under the line, row 1 over it, row 2 under row 0, ...
    below = tuple(r for r in built[0::2] if r)
    above = tuple(r for r in reversed(built[1::2]) if r)
    by_key = {key: x(at) for key, at in place.items()}
    room = None
    if "target" in by_key and "walk_away" in by_key:
        a, b = sorted((by_key["target"], by_key["walk_away"]))
        room = (a, b)
    flat = tuple(m for row in built for m in row)
    ticks = tuple(
        Tick(i + 1, value, x(value), final=i == len(offers) - 1) for i, value in enumerate(offers)
    )
    return NumberLine(
        width,
        round(left_mm * unit, 2),
        round(width - right_mm * unit, 2),
        flat,
        below,
        above,
        room,
        gap=None if gap is None else x(gap),
        width_mm=width_mm,
        ticks=ticks,
    )


def _ends(
    values: list[float],
    sizes: list[float],
    low: float,
    span: float,
    width_mm: float,
    least: float,
    most: float,
) -> tuple[float, float]:
    """How far in from each edge the line's ends are drawn, in mm: at least `least`, at most
    `most`, and enough that every label can centre on its mark without passing an edge."""
    left = right = least
    for _ in range(4):  # each widening moves the marks: a few rounds settle it
        inner = width_mm - left - right
        at = [left + (v - low) / span * inner for v in values]
        need_left = max(size / 2 - a for a, size in zip(at, sizes, strict=True))
        need_right = max(a + size / 2 - width_mm for a, size in zip(at, sizes, strict=True))
        if need_left <= 0.01 and need_right <= 0.01:
            break
        left = min(left + max(need_left, 0.0), most)
        right = min(right + max(need_right, 0.0), most)
    return left, right


def place_labels(
    centres: list[float], sizes: list[float], width: float
) -> tuple[list[int], list[float]]:
    """For labels in order of their marks (centres and widths in mm), which row each goes in
    (0 under the line, 1 over it, 2 under row 0, ...) and its left edge: the fewest rows in
    which every label stays within NEAR_MM of its mark; with none, the rows that keep the
    farthest label nearest. Labels in one row never touch and never pass either end."""
    count = len(centres)
    best: tuple[float, list[int], list[float]] | None = None
    for rows_used in range(1, count + 1):
        rows = [i % rows_used for i in range(count)]
        lefts: list[float] = [0.0] * count
        fits = True
        for row in range(rows_used):
            members = [i for i in range(count) if rows[i] == row]
            placed = _place_row([centres[i] for i in members], [sizes[i] for i in members], width)
            if placed is None:
                fits = False
                placed = [min(max(centres[i] - sizes[i] / 2, 0.0), width) for i in members]
            for i, left in zip(members, placed, strict=True):
                lefts[i] = left
        far = max(abs(lefts[i] + sizes[i] / 2 - centres[i]) for i in range(count))
        if fits and far <= NEAR_MM:
            return rows, lefts
        if fits and (best is None or far < best[0] - 0.01):
            best = (far, rows, lefts)
    if best is not None:
        return best[1], best[2]
    return rows, lefts  # even one label a row does not fit: each clamped on the line


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


def with_direction(line: NumberLine, figures: Figures) -> NumberLine:
    """The line with the way we move: from our opening toward our target (a seller moves down,
    a buyer up), drawn as an arrow over the line."""
    at = {mark.key: mark.x for mark in line.marks}
    if "opening" not in at or "target" not in at or at["opening"] == at["target"]:
        return line
    direction: Literal["down", "up"] = "down" if figures.side == "seller" else "up"
    return replace(line, move=(at["opening"], at["target"]), direction=direction)


def sheet_line(
    figures: Figures | None,
    plan: OfferPlan | None,
    *,
    width_mm: float,
    value_pt: float,
    label_pt: float,
    locale: Locale,
) -> NumberLine | None:
    """The number line as the prep sheet draws it: in millimetres (one viewBox unit a mm),
    with the deal zone, the offer plan's ticks and the way we move."""
    offers = plan.offers if plan is not None else ()
    line = number_line(
        figure_marks(figures, locale),
        width_mm=width_mm,
        width=round(width_mm, 2),
        value_pt=value_pt,
        label_pt=label_pt,
        locale=locale,
        offers=tuple(offers),
    )
    if line is None or figures is None:
        return line
    return with_direction(with_deal_zone(line, figures), figures)


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
    for members, block_left, _ in blocks:
        left = block_left
        for j in members:
            lefts.append(left)
            left += sizes[j] + LABEL_GAP_MM
    return lefts
