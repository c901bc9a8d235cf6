"""The number line's placement, without a layout (documents/numberline.py): each label centred
on its own mark, or nudged and joined to it by a leader line; the offer plan's steps as ticks;
the way we move; the end marks drawn in so their labels centre on them."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.documents.numberline import (
    LEADER_MM,
    NEAR_MM,
    NumberLine,
    figure_marks,
    number_line,
    place_labels,
    sheet_line,
)
from briefgen.facts.negotiation import Figures, ackerman_plan
from briefgen.text.i18n import ENGLISH

PAGE_MM = 186.0  # the full width of A4 inside its margins
COLUMN_MM = 95.0


def off_mm(line: NumberLine) -> dict[str, float]:
    """How far each label's centre sits from its mark, in mm."""
    return {
        m.key: abs(m.at / 100 * line.width_mm - m.x / line.width * line.width_mm)
        for m in line.marks
    }


@pytest.mark.parametrize("width_mm", [COLUMN_MM, PAGE_MM])
def test_with_no_deal_zone_each_label_sits_under_its_own_mark(width_mm):
    """The bug: with their walk-away below ours, 'WALK AWAY 62,000' was printed about 23 mm
    right of its red tick, under the shaded band, and the target's 12 mm off its triangle."""
    figures = Figures("seller", 80_000, 70_000, 62_000, "USD", 55_000)
    line = sheet_line(figures, None, width_mm=width_mm, value_pt=11.3, label_pt=6.8, locale=ENGLISH)
    assert line is not None
    assert line.apart is not None
    assert max(off_mm(line).values()) < 1.0, off_mm(line)


def test_a_buyers_target_label_is_not_pushed_far_from_its_triangle():
    """The bug: a buyer's target label landed about 90 pt left of its triangle on Letter."""
    figures = Figures("buyer", 65_000, 100_000, 118_000, "USD", 104_000)
    line = sheet_line(figures, None, width_mm=94.0, value_pt=11.3, label_pt=6.8, locale=ENGLISH)
    assert line is not None
    off = off_mm(line)
    for mark in line.marks:
        assert off[mark.key] <= 12.0 or mark.leader, off


def test_the_end_marks_are_drawn_in_so_their_labels_centre_on_them():
    line = number_line(
        [("walk_away", "walk away", 45_000), ("target", "target", 52_000), ("opening", "o", 60e3)],
        width_mm=PAGE_MM,
        width=PAGE_MM,
        locale=ENGLISH,
    )
    assert line is not None
    assert line.start > 5  # in from the edge by half the walk-away label's width
    assert all(not m.leader for m in line.marks)
    assert max(off_mm(line).values()) < 0.01


def test_a_nudged_label_next_to_the_line_gets_a_leader():
    """Two marks 3 mm apart: their labels cannot both centre; the nudged ones are led."""
    line = number_line(
        [
            ("walk_away", "walk away", 100),
            ("their_walk_away", "their walk-away (est.)", 102),
            ("target", "target", 103),
            ("opening", "opening", 200),
        ],
        width_mm=PAGE_MM,
        locale=ENGLISH,
    )
    assert line is not None
    off = off_mm(line)
    for mark in line.marks:
        assert off[mark.key] <= NEAR_MM or mark.leader
        assert mark.leader == (off[mark.key] > LEADER_MM)  # never led when on its mark


def test_the_offer_plan_is_ticks_on_the_line_and_stretches_it():
    plan = ackerman_plan("buyer", 100_000, opening=80_000, walk_away=118_000)
    assert plan is not None
    figures = Figures("buyer", 80_000, 100_000, 118_000, "USD")
    line = sheet_line(figures, plan, width_mm=PAGE_MM, value_pt=11.3, label_pt=6.8, locale=ENGLISH)
    assert line is not None
    assert [t.value for t in line.ticks] == list(plan.offers)
    assert [t.number for t in line.ticks] == [1, 2, 3, 4]
    assert line.ticks[-1].final
    xs = [t.x for t in line.ticks]
    assert xs == sorted(xs)  # a buyer's offers climb
    assert line.start <= xs[0] < min(m.x for m in line.marks)  # 65,000 lies below our opening


@pytest.mark.parametrize(("side", "figures", "way"), [
    ("seller", (60_000, 52_000, 45_000), "down"),
    ("buyer", (40_000, 50_000, 58_000), "up"),
])  # fmt: skip
def test_the_line_says_which_way_we_move(side, figures, way):
    line = sheet_line(
        Figures(side, *figures, None),
        None,
        width_mm=PAGE_MM,
        value_pt=11,
        label_pt=7,
        locale=ENGLISH,
    )
    assert line is not None
    assert line.move is not None
    assert line.direction == way
    at = {m.key: m.x for m in line.marks}
    assert line.move == (at["opening"], at["target"])


def test_the_sheet_line_is_in_millimetres():
    figures = Figures("seller", 60_000, 52_000, 45_000, None)
    line = sheet_line(figures, None, width_mm=PAGE_MM, value_pt=11, label_pt=7, locale=ENGLISH)
    assert line is not None
    assert line.width == PAGE_MM
    assert line.width_mm == PAGE_MM


values = st.one_of(
    st.integers(min_value=0, max_value=99_999_999),
    st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda v: round(v, 2)),
)


@settings(max_examples=300, deadline=None)
@given(
    figures=st.lists(values, min_size=2, max_size=4),
    width_mm=st.sampled_from([80.0, COLUMN_MM, 140.0, PAGE_MM, 196.0]),
    offers=st.lists(values, max_size=4),
)
def test_every_label_is_near_its_mark_or_led_to_it(figures, width_mm, offers):
    keys = ["walk_away", "target", "opening", "their_walk_away"]
    names = ["walk away", "target", "opening", "their walk-away (est.)"]
    marks = [(keys[i], names[i], v) for i, v in enumerate(figures)]
    line = number_line(marks, width_mm=width_mm, offers=tuple(offers), locale=ENGLISH)
    assert line is not None
    assert len(line.marks) == len(marks)
    off = off_mm(line)
    near_rows = set(line.below[:1]) | set(line.above[-1:])
    for mark in line.marks:
        assert off[mark.key] <= 12.0 or mark.leader, (marks, off)
        if mark.leader:
            assert any(mark in row for row in near_rows)  # led only next to the line
    for tick in line.ticks:
        assert line.start - 0.01 <= tick.x <= line.end + 0.01


@settings(max_examples=200, deadline=None)
@given(
    data=st.lists(st.tuples(st.floats(0, 186), st.floats(5, 40)), min_size=1, max_size=6).map(
        sorted
    )
)
def test_placed_labels_in_a_row_never_touch_and_stay_on_the_line(data):
    centres = [c for c, _ in data]
    sizes = [s for _, s in data]
    rows, lefts = place_labels(centres, sizes, PAGE_MM)
    for row in set(rows):
        members = [i for i, r in enumerate(rows) if r == row]
        spans = sorted((lefts[i], lefts[i] + sizes[i]) for i in members)
        if len(members) > 1 or sizes[members[0]] <= PAGE_MM:
            for left, right in spans:
                assert left >= -0.01
                assert right <= PAGE_MM + 0.01
        for (_, right), (left, _) in itertools.pairwise(spans):
            assert right <= left + 0.01


def test_figure_marks_name_the_estimate():
    marks = figure_marks(Figures("seller", 60_000, 52_000, 45_000, None, 50_000), ENGLISH)
    assert [key for key, _, _ in marks] == ["walk_away", "target", "opening", "their_walk_away"]
