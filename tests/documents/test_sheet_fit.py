"""The fit ladder uses the whole page before it shrinks the type: when an example is shrunk,
both columns reach at least 80 % of the body height and the longer one at least 90 % (the
spacing opens to fill what the type size leaves); the ladder lands on the largest rung that
fits, in at most three layouts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen.documents.prep import _list_sizes, render_prep_html
from briefgen.dossier.validate import load_dossier
from briefgen.facts.brief import brief
from briefgen.render.fit import LEVELS, Heights, Level, Plan, balanced, fit_one_page
from briefgen.render.theme import Theme
from briefgen.text.i18n import choose_locale

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
TODAY = dt.date(2026, 11, 20)


def fit(source: Path, paper: str):
    from briefgen.render.pdf import lay_out, measure

    dossier = load_dossier(source)
    facts = brief(dossier, TODAY)
    theme = Theme.for_dossier(source)

    locale = choose_locale(None, dossier.locale)  # as `prep` renders it: Claude reads French

    def render(plan: Plan) -> str:
        return render_prep_html(dossier, facts, plan, theme=theme, locale=locale)

    assets = list(theme.dirs)
    fitted = fit_one_page(render, _list_sizes(dossier, facts), paper=paper, assets=assets)
    return (
        fitted,
        measure(fitted.layout),
        render,
        lambda html: measure(lay_out(html, assets=assets)),
    )


def fill(measured) -> dict[str, float]:
    """Each column's height as a share of the body (the page below the header)."""
    header = measured.sections.get("header", 0.0)
    body = measured.available - header
    return {c: (measured.column_height(c) - header) / body for c in measured.columns}


@pytest.mark.render
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("source", PROFILES, ids=[p.stem for p in PROFILES])
def test_a_shrunk_sheet_fills_both_columns_on_the_largest_rung_that_fits(source, paper):
    fitted, measured, render, lay_out_and_measure = fit(source, paper)
    assert measured.fits and fitted.layouts <= 3
    if fitted.plan.level == LEVELS[0]:
        return
    columns = fill(measured)
    assert min(columns.values()) >= 0.80, columns
    assert max(columns.values()) >= 0.90, columns
    # the spacing opens no further than the design size's
    assert fitted.plan.air is None or fitted.plan.level.spacing < fitted.plan.air <= 0.9
    larger = LEVELS[LEVELS.index(fitted.plan.level) - 1]  # at its own spacing
    assert not lay_out_and_measure(render(replace(fitted.plan, level=larger, air=None))).fits


class Measured:
    """A stand-in for render.pdf.Measure, with the heights a test chooses."""

    def __init__(self, sections: dict[str, float], columns: dict[str, list[str]]):
        self.sections = sections
        self.columns = columns
        self.available = 1000.0
        self.content = 100.0 + max(sum(sections[s] for s in col) for col in columns.values())
        self.units: dict[str, list[float]] = {}

    def column_height(self, column: str) -> float:
        return self.sections["header"] + sum(self.sections[s] for s in self.columns[column])


def test_balance_moves_a_low_priority_section_to_the_shorter_column():
    measured = Measured(
        {
            "header": 100.0,
            "numbers": 200,
            "tactics": 200,
            "buttons": 100,
            "rapport": 500,
            "health": 400,
        },
        {"col-main": ["numbers", "tactics"], "col-side": ["buttons", "rapport", "health"]},
    )
    plan, content = balanced(Plan(), measured)
    assert plan.columns is not None
    main, side = plan.columns
    assert main[:2] == ("numbers", "tactics") and side[0] == "buttons"  # the pinned stay
    assert "health" in main  # the lowest-priority section moved to the short column
    assert content < measured.content


def test_balance_leaves_a_layout_without_the_two_columns_alone():
    measured = Measured({"header": 100.0, "numbers": 2000}, {"col-x": ["numbers"]})
    plan, _ = balanced(Plan(), measured)
    assert plan.columns is None


def test_at_the_floor_a_section_moves_to_a_column_with_room_rather_than_go():
    from briefgen.render.fit import cut

    measured = Measured(
        {
            "header": 100.0,
            "numbers": 200,
            "tactics": 200,
            "buttons": 100,
            "rapport": 700,
            "health": 300,
        },
        {"col-main": ["numbers", "tactics"], "col-side": ["buttons", "rapport", "health"]},
    )
    plan = cut(Plan(level=LEVELS[-1]), measured)
    assert "health" not in plan.dropped
    assert plan.columns == (("numbers", "tactics", "health"), ("buttons", "rapport"))


def test_cutting_one_column_does_not_change_the_limit_of_the_next():
    """The last-resort note limit once overwrote the page limit for the next column."""
    from briefgen.render.fit import cut

    measured = Measured(
        {"header": 100.0, "numbers": 1200, "tactics": 100, "buttons": 100, "health": 500},
        {"col-main": ["numbers", "tactics"], "col-side": ["buttons", "health"]},
    )
    plan = cut(Plan(level=LEVELS[-1]), measured)
    assert "health" not in plan.dropped  # the side column (700 of 1000) fits as it is


def test_air_opens_the_vertical_spacing_only():
    """Opening the spacing keeps the type and the column widths, so every line break stays."""
    level = Level("8.2 pt type", 8.2, 0.45)
    plain, opened = level.css(), level.css(0.8)

    def value(css: str, variable: str) -> str:
        return css.split(variable + ":")[1].split(";")[0]

    assert plain != opened
    for variable in ("--fs-body", "--fs-small", "--fs-lead", "--col-gap"):
        assert value(plain, variable) == value(opened, variable)
    assert "--gap: 4.40mm" in opened and "--lh: 1.332" in opened
    assert Plan(level=level, air=0.8).css().startswith(opened)


def test_the_spacing_predicted_to_fill_brings_the_longer_column_to_the_target():
    measured = Measured(
        {"header": 100.0, "numbers": 300, "tactics": 300, "buttons": 200, "rapport": 250},
        {"col-main": ["numbers", "tactics"], "col-side": ["buttons", "rapport"]},
    )
    measured.units = {"questions": [20.0] * 5, "family": [15.0] * 4}
    heights = Heights.of(measured, Plan(level=LEVELS[2]))
    assert heights.fill() == pytest.approx(0.6 / 0.9)
    air = heights.air_for(0.95)
    assert LEVELS[2].spacing < air
    assert abs(heights.at(air).fill() - 0.95) < 1e-9
    # the header grows too: what is measured against is the body below it
    assert heights.at(air).header > heights.header


def test_a_page_left_short_opens_its_spacing_and_a_spacing_that_overflowed_closes():
    from briefgen.render.fit import _after_fit, _after_overflow

    measured = Measured(
        {"header": 100.0, "numbers": 300, "tactics": 300, "buttons": 200, "rapport": 250},
        {"col-main": ["numbers", "tactics"], "col-side": ["buttons", "rapport"]},
    )
    plan = Plan(level=LEVELS[2])
    opened = _after_fit(plan, Heights.of(measured, plan), failed={1})
    assert opened is not None and opened.level == plan.level
    assert opened.air is not None and plan.level.spacing < opened.air <= LEVELS[0].spacing
    # a full page stays as it is
    measured.sections["tactics"] = 560
    assert _after_fit(plan, Heights.of(measured, plan), failed={1}) is None
    # the spacing opened too far: the rung itself fits, so the spacing closes, the type stays
    measured.sections["tactics"] = 600
    measured.available = 990.0
    wide = replace(plan, air=0.9)
    closed = _after_overflow(wide, measured, Heights.of(measured, wide), set(), None, 2)
    assert closed is not None and closed.level == plan.level
    assert closed.air is None or closed.air < 0.9
