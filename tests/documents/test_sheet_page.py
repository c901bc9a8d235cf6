"""How the sheet spends its page, measured from the PDF (tests/pagemeasure.py), on every
example and on dossiers that provoke the engine (tests/documents/conftest.py), A4 and Letter:
legible type, a page used before anything is cut, balanced columns, the order of use."""

from __future__ import annotations

import pypdf
import pytest

from tests.documents.conftest import PROFILES, PROVOKING
from tests.pagemeasure import faults, measure
from tests.pdfboxes import have_pdftotext

NAMES = [p.stem for p in PROFILES] + list(PROVOKING)


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler's pdftotext")
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", NAMES)
def test_the_page_is_legible_full_balanced_and_in_the_order_of_use(sheets_once, name, paper):
    result = sheets_once.get(name, paper)
    page = measure(result.pdf)
    assert faults(page, cut=bool(result.shortened)) == [], page.line()
    assert result.layouts <= (2 if not result.shortened else 4)


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler's pdftotext")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_order_of_the_sections_is_the_same_on_both_papers(sheets_once, paper):
    for name in ("dan-whitfield", "gordon-pryce"):
        a4 = measure(sheets_once.get(name, "a4").pdf).order()
        other = measure(sheets_once.get(name, paper).pdf).order()
        # (a section cut whole on one paper only is not there to compare)
        assert [h for h in other if h in a4] == [h for h in a4 if h in other]
        assert len(set(a4) & set(other)) >= 5


@pytest.mark.render
def test_thirty_items_everywhere_cuts_by_priority_and_says_so_in_the_sheets_words(sheets_once):
    result = sheets_once.get("thirty", "letter")
    text = " ".join(pypdf.PdfReader(result.pdf).pages[0].extract_text().split())
    said = "; ".join(result.shortened)
    assert "Relationship: " in said
    assert "oldest meeting notes left out" in said
    assert "health" not in said  # never an internal name
    assert "meetings:" not in said
    assert "more" in text  # the sheet says what is missing
    # never cut: the hot buttons, the concessions, the numbers
    assert text.count("HOT") >= 3
    assert "give 30 " in text
    assert "OPENING 100" in text
