"""The page engine's solver on made-up measures: no WeasyPrint, milliseconds."""

from __future__ import annotations

from dataclasses import replace

from briefgen.render.engine import (
    Cut,
    Measured,
    Metrics,
    Piece,
    Plan,
    Section,
    SheetSpec,
    columns,
    rescue,
    solve,
)

METRICS = Metrics(papers={"a4": (210.0, 297.0)}, margins_mm=(10, 10, 10, 10), column_gap_mm=8)
SPEC = SheetSpec(
    sections=(Section("top", "top"), Section("a", "table"), Section("b", "background")),
    zones=("table", "background"),
    cuts=(
        Cut("b", unit="old", floor=0),
        Cut("a", unit="long", floor=1, group=1),
        Cut("a", unit="short", floor=1, group=1),
    ),
    metrics=METRICS,
)


def text(section: str, lines: int, unit: str | None = None, index: int | None = None) -> Piece:
    """A paragraph of `lines` full lines of 12 px, 300 px wide, measured at 9 pt."""
    return Piece(section, lines * 12.0, lines, 12.0, lines * 280.0, 300.0, unit, index)


def measured(flow: list[Piece], available: float = 1000.0) -> Measured:
    return Measured(9.0, 1.0, available, (Piece("top", 100.0),), tuple(flow))


def test_a_sparse_page_grows_to_the_largest_size():
    solution = solve(measured([text("a", 5), text("b", 5)]), SPEC, "a4")
    assert solution.plan.body == METRICS.body_max
    assert solution.cuts == ()


def test_the_size_grows_until_the_fuller_column_is_nearly_full():
    flow = [text("a", 10, "long", i) for i in range(50)]  # 500 lines of 12 px at 9 pt
    solution = solve(measured(flow, available=3200.0), SPEC, "a4")
    assert METRICS.body_min < solution.plan.body < METRICS.body_max
    assert solution.prediction.fill() > 0.85
    larger = solve(measured(flow, available=3600.0), SPEC, "a4")
    assert larger.plan.body > solution.plan.body


def test_balanced_columns_split_the_flow_evenly():
    heights = [100.0] * 10
    pieces = [Piece("a", 100.0)] * 10
    assert columns(heights, pieces) == [500.0, 500.0]


def test_a_heading_goes_with_what_follows_it():
    pieces = [Piece("a", 10.0, keep_with_next=True), Piece("a", 100.0), Piece("b", 100.0)]
    left, right = columns([p.height for p in pieces], pieces)
    assert {left, right} == {110.0, 100.0}


def test_nothing_is_cut_while_the_smallest_type_fits():
    flow = [text("a", 10, "long", i) for i in range(60)]
    solution = solve(measured(flow, available=3100.0), SPEC, "a4")
    assert solution.plan.body == METRICS.body_min
    assert solution.cuts == ()
    assert not solution.plan.limits


def test_old_history_goes_before_the_long_lists_and_the_longest_list_first():
    flow = [text("a", 3, "long", i) for i in range(30)]
    flow += [text("a", 3, "short", i) for i in range(5)]
    flow += [text("b", 3, "old", i) for i in range(10)]
    solution = solve(measured(flow, available=500.0), SPEC, "a4")
    limits = solution.plan.limits
    assert limits["old"] == 0  # all the old history went first
    assert solution.cuts[0] == "old"
    # the long list was shortened from its end before the short one lost anything
    assert limits["long"] < 30
    assert limits.get("short", 5) >= min(limits["long"], 5)
    assert solution.plan.body == METRICS.body_min


def test_a_floor_is_never_cut():
    flow = [text("a", 40, "long", i) for i in range(3)] + [text("a", 40, "short", 0)]
    solution = solve(measured(flow, available=400.0), SPEC, "a4")
    assert solution.plan.limits.get("long", 3) >= 1
    assert solution.plan.limits.get("short", 1) == 1


def test_a_layout_that_had_cuts_never_grows_the_type():
    flow = [text("a", 2)]
    had = measured(flow)
    from dataclasses import replace

    from briefgen.render.engine import Plan

    cut = replace(had, plan=Plan(body=9.0, limits={"long": 3}))
    assert solve(cut, SPEC, "a4").plan.body <= 9.0


def test_the_rescue_plans_are_each_barer_than_the_last():
    """A page the solver could not fit (hostile input) is never refused: each rescue lays out
    less, at the smallest type, down to the top zone alone."""
    plan = Plan(paper="a4", body=10.0, metrics=METRICS, column_break="b")
    first, second, third = (rescue(plan, SPEC, step) for step in (1, 2, 3))
    assert first.body == second.body == third.body == METRICS.body_min
    assert first.limits == {"old": 1, "long": 1, "short": 1}
    assert first.text_limit == 160
    assert first.column_break is None
    assert first.dropped == {"b"}  # the background goes first
    assert third.dropped == {"a", "b"}  # the top zone alone
    assert first.shows("a")
    assert not third.shows("a")


def _total(found: Measured, plan: Plan) -> float:
    from briefgen.render.engine import predict

    return predict(found, replace(plan, metrics=METRICS)).total


def test_lists_side_by_side_shorten_the_row_only_as_far_as_its_tallest_side():
    """They need / we need: two lists in one flex row, as tall as the longer. Cutting the
    shorter list saves nothing; cutting the longer one saves down to the shorter's height."""
    from briefgen.render.engine import Side

    row = replace(
        text("a", 12),
        sides=(Side("theirs", (12.0,) * 12, 0.0), Side("ours", (12.0,) * 6, 0.0)),
    )
    found = measured([row])
    base = Plan(body=9.0, spacing=1.0)
    whole = _total(found, base)
    assert _total(found, replace(base, limits={"ours": 2})) == whole  # the shorter side
    # the longer side cut to 4 (+1 '+8 more' line): 5 lines of 12, still under the other's 6
    assert _total(found, replace(base, limits={"theirs": 4})) == 6 * 12.0
    assert _total(found, replace(base, limits={"theirs": 9})) == 10 * 12.0


def test_a_list_the_layout_had_cut_gets_no_second_more_line():
    """A list that the measured layout already ended with '+N more' (its line measured with
    the list) is not given another one when the solver shortens it further."""
    items = [text("a", 1, "long", i) for i in range(10)]
    more_line = text("a", 1)  # '+20 more', laid out and measured
    found = replace(measured([*items, more_line]), plan=Plan(body=9.0, limits={"long": 10}))
    base = Plan(body=9.0, spacing=1.0, limits={"long": 10})
    assert _total(found, replace(base, limits={"long": 6})) == 7 * 12.0
    fresh = measured(items)  # a layout that showed the whole list: one '+N more' line added
    assert _total(fresh, replace(base, limits={"long": 6})) > 6 * 12.0


def test_chips_cut_short_get_no_more_line_of_their_own():
    """A '+N more' chip sits in the chips' own lines: it adds no line under them."""
    chips = [
        Piece("a", 6.0, 0, 12.0, 0.0, 300.0, "short", i, area=True) for i in range(4)
    ]  # four chips sharing two lines of 12 px
    found = measured(chips)
    base = Plan(body=9.0, spacing=1.0)
    assert _total(found, replace(base, limits={"short": 2})) == 2 * 6.0


def test_a_side_by_side_row_cut_short_has_fewer_lines_too():
    """The row's lines (those of its tallest side, each item a paragraph of its own) shrink
    with it: a row of 12 one-line items cut to 4 predicts 5 lines, not 12."""
    from briefgen.render.engine import Side

    row = Piece(
        "a",
        144.0,
        12,
        12.0,
        12 * 200.0,
        300.0,
        hard_lines=12,
        sides=(Side("theirs", (12.0,) * 12, 0.0), Side("ours", (12.0,) * 12, 0.0)),
    )
    found = measured([row])
    assert _total(found, Plan(body=9.0, spacing=1.0, limits={"theirs": 4, "ours": 4})) == 60.0


def test_columns_break_between_sections_up_to_a_fifth_apart_but_less_on_a_cut_page():
    """A half-empty page breaks between sections when its columns then end within 20 % of
    the room of each other; a page with cuts, which must leave its emptier column nearly
    full, only within 15 %."""
    from briefgen.render.engine import Prediction, _with_height

    found = measured([text("a", 10), text("b", 10)])
    # columns of 320 and 480 px in a room of 1000: 16 % apart
    page = Prediction(100.0, (400.0, 400.0), 1000.0, (("a", 0.0), ("b", 320.0)), 800.0)
    whole = _with_height(Plan(body=9.0, spacing=1.0), page, found)
    assert whole.column_break == "b"
    cut = _with_height(Plan(body=9.0, spacing=1.0, limits={"long": 3}), page, found)
    assert cut.column_break is None
