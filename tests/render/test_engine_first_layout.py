"""The page engine's first layout: guessed from the text before any layout, and kept when it
is already the page the solver would make (one layout instead of two). Layouts are faked:
no WeasyPrint, milliseconds."""

from __future__ import annotations

import sys
import types
from dataclasses import replace

import pytest

from briefgen.render.engine import (
    FULL_ENOUGH,
    OVERFLOW,
    SPARSE,
    Measured,
    Piece,
    Plan,
    first_plan,
    fit_page,
    guess_break,
    section_weights,
)
from tests.render.test_engine import METRICS, SPEC, text

ROOM = 900.0  # the columns' room: a page of 1000 px with a top zone of 100


def _page(flow: list[Piece], bottoms: tuple[float, float], plan: Plan) -> Measured:
    return Measured(
        plan.body,
        plan.spacing,
        1000.0,
        (Piece("top", 100.0),),
        tuple(flow),
        columns_used=2,
        column_bottoms=bottoms,
        split=True,
    )


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[Plan]:
    """Every plan laid out; each layout measures `PAGES[plan.body]` (flow, bottoms)."""
    laid: list[Plan] = []
    fake = types.ModuleType("briefgen.render.pdf")

    def lay_out(html: str, *, assets: object, fonts: object) -> str:  # noqa: ARG001
        return html

    def measure_flow(layout: str, *, body: float, spacing: float) -> Measured:
        plan = PLANS[layout]
        laid.append(plan)
        flow, bottoms = PAGES.get(body) or PAGES[0.0]  # 0: any other size
        return replace(_page(flow, bottoms, plan), spacing=spacing)

    fake.lay_out = lay_out  # type: ignore[attr-defined]
    fake.font_configuration = object  # type: ignore[attr-defined]
    fake.measure_flow = measure_flow  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "briefgen.render.pdf", fake)
    PLANS.clear()
    PAGES.clear()
    return laid


PLANS: dict[str, Plan] = {}
PAGES: dict[float, tuple[list[Piece], tuple[float, float]]] = {}  # body size -> its layout


def render(plan: Plan) -> str:
    key = repr(plan)
    PLANS[key] = plan
    return key


def _flow(lines: int) -> list[Piece]:
    """One list of `lines` items of a line each, 12 px a line at the layout's size."""
    return [text("a", 1, "long", i) for i in range(lines)]


def test_a_first_layout_that_fits_whole_is_kept_though_the_prediction_would_cut(layouts):
    # 148 lines of 12 px = 1776 px over two columns of 900: 99 % full at the smallest size.
    # The solver keeps a safety margin and would cut; the layout proves the page fits whole.
    PAGES[8.0] = (_flow(148), (0.99 * ROOM, 0.98 * ROOM))
    first = first_plan(SPEC, "a4", METRICS.body_min)
    fitted = fit_page(render, SPEC, paper="a4", assets=[], first=first)
    assert fitted.layouts == len(layouts) == 1
    assert fitted.plan == first
    assert not fitted.plan.shortened


def test_a_full_first_layout_one_size_under_the_solution_is_kept(layouts):
    # 139 lines: 93 % of the two columns at 8 pt; the solver finds 8.25 pt would fit (not
    # 8.5), but the page is used: another layout would buy type 3 % larger
    PAGES[8.0] = (_flow(139), (0.93 * ROOM, 0.92 * ROOM))
    first = first_plan(SPEC, "a4", METRICS.body_min)
    fitted = fit_page(render, SPEC, paper="a4", assets=[], first=first)
    assert fitted.layouts == len(layouts) == 1
    assert fitted.plan.body == METRICS.body_min


def test_a_first_layout_with_room_to_spare_is_laid_out_again_larger(layouts):
    # the same text, but the layout's columns end at 60 %: not full enough to keep
    PAGES[8.0] = (_flow(90), (0.61 * ROOM, 0.60 * ROOM))
    PAGES[0.0] = (_flow(90), (0.9 * ROOM, 0.9 * ROOM))
    first = first_plan(SPEC, "a4", METRICS.body_min)
    fitted = fit_page(render, SPEC, paper="a4", assets=[], first=first)
    assert fitted.layouts == len(layouts) == 2
    assert layouts[1].body > METRICS.body_min + METRICS.body_step
    assert fitted.plan.body > METRICS.body_min + METRICS.body_step
    assert FULL_ENOUGH > 0.61


def test_a_layout_that_only_measures_is_never_kept(layouts):
    # the guess said "cut", but the text fits one page once measured: a page set in one
    # column of a column's width is no sheet, however well it seems to fit
    PAGES[8.0] = (_flow(148), (0.99 * ROOM, 0.98 * ROOM))  # the solution: this size, uncut
    first = first_plan(SPEC, "a4", METRICS.body_min - OVERFLOW - 0.1)
    fitted = fit_page(render, SPEC, paper="a4", assets=[], first=first)
    assert layouts[0].measure_columns == SPEC.columns
    assert fitted.layouts == len(layouts) == 2
    assert fitted.plan.measure_columns == 0


def test_the_first_plan_follows_the_guess():
    cut = first_plan(SPEC, "a4", METRICS.body_min - OVERFLOW - 0.1)
    assert (cut.body, cut.measure_columns) == (METRICS.body_min, SPEC.columns)  # measures only
    assert cut.spacing == min(METRICS.spacings)
    tight = first_plan(SPEC, "a4", METRICS.body_min - OVERFLOW + 0.1)
    assert (tight.body, tight.flow_to_end) == (METRICS.body_min, False)  # balanced: may be kept
    assert tight.measure_columns == 0
    middle = first_plan(SPEC, "a4", 9.4)  # errs a quarter point small
    assert (middle.body, middle.spacing, middle.flow_to_end) == (9.0, 1.0, False)
    assert middle.column_break is None
    small = first_plan(SPEC, "a4", 8.6)  # under the reference size: tight spacing
    assert (small.body, small.spacing) == (8.25, min(METRICS.spacings))
    weights = [("a", 300.0), ("b", 100.0), ("c", 250.0)]
    near_max = first_plan(SPEC, "a4", METRICS.body_max + SPARSE - 0.1, weights)
    assert (near_max.body, near_max.column_break) == (METRICS.body_max, None)
    sparse = first_plan(SPEC, "a4", METRICS.body_max + SPARSE + 0.1, weights)
    assert (sparse.body, sparse.spacing) == (METRICS.body_max, max(METRICS.spacings))
    assert (sparse.column_break, sparse.flow_to_end) == ("b", True)


def test_the_break_is_guessed_where_the_sections_weigh_most_evenly():
    assert guess_break([("a", 100.0), ("b", 100.0), ("c", 200.0)]) == "c"
    assert guess_break([("a", 400.0), ("b", 100.0), ("c", 100.0)]) == "b"
    assert guess_break([("a", 100.0)]) is None
    assert guess_break([]) is None


def test_section_weights_read_only_the_flow_in_order():
    html = (
        '<section data-section="numbers"><p>outside the columns</p></section>'
        '<main class="columns">'
        '<section class="sec" data-section="tactics"><h2>Tactics</h2><ul><li>one</li><li>two'
        "</li></ul></section>"
        '<section class="sec" data-section="health"><h2>Health</h2><p>' + "x" * 500 + "</p>"
        "</section></main>"
    )
    weights = section_weights(html)
    assert [name for name, _ in weights] == ["tactics", "health"]
    assert weights[1][1] > weights[0][1]
    assert section_weights("<p>no columns</p>") == []


def test_a_break_is_written_only_for_a_plain_section_name():
    assert "[data-section=health] { break-before: column; }" in Plan(column_break="health").css()
    assert "break-before" not in Plan(column_break="2nd").css()  # not a CSS identifier
    odd = Plan(column_break='x"] body { display: none } [a="').css()
    assert "break-before" not in odd
    assert "display" not in odd
    html = '<main class="columns"><section data-section="a b"><p>x</p></section></main>'
    assert section_weights(html) == []  # a name the CSS could not quote is not guessed at


def test_the_flow_starts_at_the_element_whose_own_class_is_columns():
    html = (
        '<div class="two-columns"><section data-section="numbers"><p>top</p></section></div>'
        '<main class="page columns"><section data-section="tactics"><p>x</p></section>'
        '<section data-section="health"><p>y</p></section></main>'
    )
    assert [name for name, _ in section_weights(html)] == ["tactics", "health"]
