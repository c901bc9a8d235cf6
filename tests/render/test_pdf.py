"""briefgen.render.pdf: what WeasyPrint says reaches the user, and the slow font path is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.render import pdf

ROOT = Path(__file__).resolve().parents[2]
DAN = ROOT / "profiles" / "dan-whitfield.yaml"
RICHARD = ROOT / "profiles" / "richard-okafor.yaml"


def test_the_installed_path_is_the_fast_one():
    """CI installs HarfBuzz's subsetter: without it every PDF is written about 15x slower."""
    assert not pdf.slow_font_subsetting(), pdf.SLOW_SUBSET_HINT


@pytest.mark.render
def test_the_fonttools_fallback_is_said_once_a_run_with_the_fix(tmp_path, monkeypatch, run_cli):
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)  # as on a machine without the library

    result = run_cli("prep", str(DAN), str(RICHARD), "-o", str(tmp_path), "--today", "2026-11-20")

    assert result.exit_code == 0, result.output
    assert result.stderr.count(pdf.SLOW_SUBSET_HINT) == 1
    assert "apt-get install libharfbuzz-subset0" in result.stderr
    assert pdf.FONTTOOLS_FALLBACK not in result.stderr  # WeasyPrint's own line, once per font
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dan-whitfield-prep.pdf",
        "richard-okafor-prep.pdf",
    ]


@pytest.mark.render
def test_warnings_logged_while_writing_the_pdf_reach_the_user(tmp_path, monkeypatch, run_cli):
    import weasyprint.document

    original = weasyprint.document.Document.write_pdf

    def write_with_a_warning(self, *args, **kwargs):
        pdf.LOGGER.warning("Ignored a glyph while drawing")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.document.Document, "write_pdf", write_with_a_warning)

    result = run_cli("prep", str(RICHARD), "-o", str(tmp_path), "--today", "2026-11-20")

    assert result.exit_code == 0, result.output
    assert f"{RICHARD}: WeasyPrint: Ignored a glyph while drawing" in result.stderr


@pytest.mark.render
def test_the_layouts_of_one_sheet_load_the_fonts_once(monkeypatch):
    """Fontconfig's configuration and font list, about 20 ms a layout, loaded once a sheet:
    Dan's sheet is laid out twice (a measure, then the page)."""
    import datetime as dt

    from briefgen.documents.job import Job
    from briefgen.documents.prep import render_sheet
    from briefgen.dossier.validate import load_dossier
    from briefgen.render.paper import Paper
    from briefgen.render.theme import Theme
    from briefgen.text.i18n import ENGLISH

    made = []
    real = pdf.FontConfiguration

    def counted() -> object:
        made.append(1)
        return real()

    monkeypatch.setattr(pdf, "FontConfiguration", counted)
    layouts = []
    lay_out = pdf.lay_out
    monkeypatch.setattr(pdf, "lay_out", lambda *a, **k: layouts.append(1) or lay_out(*a, **k))
    job = Job(today=dt.date(2026, 11, 23), output=ROOT, paper=Paper.named("a4"))
    sheet = render_sheet(load_dossier(DAN), job, theme=Theme.for_dossier(DAN), locale=ENGLISH)
    assert sheet.layouts == len(layouts) == 2
    assert len(made) == 1
    assert sheet.pdf.startswith(b"%PDF")
