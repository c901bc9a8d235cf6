"""The layout that only measures (`Plan.measure_columns`): the flow set as one column of a
column's width, page after page, measures what a multi-column layout of the same text
measures, for less: the solver reads the same pieces from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen.documents.prep import render_prep_html
from briefgen.documents.sheet import SHEET_METRICS
from briefgen.dossier.validate import load_dossier
from briefgen.facts.brief import brief
from briefgen.render.engine import Plan
from briefgen.render.theme import Theme
from briefgen.text.i18n import ENGLISH

ROOT = Path(__file__).resolve().parents[2]
DAN = ROOT / "profiles" / "dan-whitfield.yaml"  # the example cut to fit: measured first


@pytest.mark.render
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_one_column_measures_the_pieces_the_columns_measure(paper):
    from briefgen.render.pdf import lay_out, measure_flow

    dossier = load_dossier(DAN)
    facts = brief(dossier, dt.date(2026, 11, 23))
    theme = Theme.for_dossier(DAN)
    tight = min(SHEET_METRICS.spacings)  # a page to cut is measured at the tightest spacing
    columns = Plan(paper=paper, body=8.0, spacing=tight, metrics=SHEET_METRICS, flow_to_end=True)
    one = replace(columns, flow_to_end=False, measure_columns=2)

    found = []
    for plan in (columns, one):
        html = render_prep_html(dossier, facts, plan, theme=theme, locale=ENGLISH)
        layout = lay_out(html, assets=list(theme.dirs))
        found.append((measure_flow(layout, body=8.0, spacing=tight), layout))
    (wide, _), (narrow, narrow_layout) = found

    # the same page height and top zone, the same pieces in the same order, set in the same
    # lines (the same width: a different width would break lines elsewhere)
    assert narrow.available == wide.available
    assert [p.height for p in narrow.top] == pytest.approx([p.height for p in wide.top])
    keys = [(p.section, p.unit, p.index, p.part) for p in wide.flow]
    assert [(p.section, p.unit, p.index, p.part) for p in narrow.flow] == keys
    assert [p.lines for p in narrow.flow] == [p.lines for p in wide.flow]
    assert [p.width_px for p in narrow.flow] == pytest.approx([p.width_px for p in wide.flow])
    # heights: a piece split over columns counts its fragments; one column splits fewer
    narrow_total, wide_total = (sum(p.height for p in m.flow) for m in (narrow, wide))
    assert narrow_total == pytest.approx(wide_total, rel=0.03)
    # it is one column, running over pages: never a page the engine could keep
    assert narrow.pages > 1
    assert not narrow.fits
    # and a plain block: WeasyPrint lays it out once, where it lays out columns at least twice
    html_box = narrow_layout.document.pages[0]._page_box.children[0]
    flow = next(b for b in html_box.children[0].children if "columns" in _classes(b))
    assert (flow.style["column_count"], flow.style["column_width"]) == ("auto", "auto")


def _classes(box: object) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()
