"""Measured from the PDF (tests/pagemeasure_line.py), on the examples and on provoking dossiers
(no deal zone, a buyer with an Ackerman plan, long deadline and contact names in English and
French), A4 and Letter:

- each number-line label's centre is within 12 mm of its mark, or a leader line joins them;
- no line ends in a number whose unit starts the next line, nor in a day before its date;
- every deadline's countdown ends at the same x.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.documents.prep import prep_sheet
from tests.documents.conftest import TODAY, Sheets
from tests.jobs import job
from tests.pagemeasure_line import (
    broken_units,
    figure_values,
    label_faults,
    label_findings,
    segments,
)
from tests.pdfboxes import have_pdftotext

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.stem for p in (ROOT / "profiles").glob("*.yaml"))
PAPERS = ["a4", "letter"]

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(not have_pdftotext(), reason="needs poppler-utils"),
]

NO_DEAL_ZONE = """\
name: Nora Delacroix-Whitmore
organization: Harbourline Freight
negotiation:
  when: 2026-11-26 10:00
  subject: 2027 coaching retainer
  currency: USD
  opening: 80000
  target: 70000
  walk_away: 62000
  their_walk_away: 55000
timeline:
  deliverables:
    - {name: signed statement of work returned by their procurement department, due: 2026-11-25}
    - {name: workshop booklet to print, due: 2026-12-04}
  rules:
    - name: final changes to the workshop booklet
      days_before: 7
      of: workshop booklet to print
      business_days: true
"""

BUYER = """\
name: Priya Raman
organization: Castlebrook Software
negotiation:
  side: buyer
  when: 2026-11-27 14:00
  currency: USD
  opening: 65000
  target: 100000
  walk_away: 118000
  their_walk_away: 104000
  offer_plan: ackerman
"""

_WORDS = [
    "the",
    "regional",
    "procurement",
    "and",
    "facilities",
    "office",
    "of",
    "the",
    "northern",
    "school",
    "sector",
    "board",
]


def wrapping(locale: str) -> str:
    """Deadlines and contacts whose names grow a word at a time, so that some line breaks
    fall beside a number: '7 | business days', 'overdue 29 | days', 'en retard de 24 | jours'."""
    contacts = "\n".join(
        f"    - {{name: Contact {chr(65 + i)} {'Tremblay-Gagnon' if i % 2 else 'Côté'}, "
        f"title: {' '.join(_WORDS[: 3 + i])}, level: staff, "
        f"last_contact: 2026-{9 + i % 2:02d}-{10 + i:02d}}}"
        for i in range(9)
    )
    deliverables = "\n".join(
        f"    - {{name: {' '.join(_WORDS[: 2 + i])}, "
        f"due: 2026-{11 if i % 2 else 12}-{(3 + 2 * i) % 28 + 1:02d}}}"
        for i in range(9)
    )
    return f"""\
name: Wrap Test
organization: Northwind
locale: {locale}
negotiation:
  when: 2026-11-24 10:00
  currency: CAD
  opening: 185000
  target: 160000
  walk_away: 140000
timeline:
  deliverables:
{deliverables}
  rules:
    - name: final changes to the booklet
      days_before: 7
      of: {" ".join(_WORDS[:5])}
      business_days: true
relationship:
  cadence_days: 14
  contacts:
{contacts}
"""


PROVOKING = {
    "no-deal-zone": NO_DEAL_ZONE,
    "buyer-ackerman": BUYER,
    "wrap-en": wrapping("en"),
    "wrap-fr": wrapping("fr-CA"),
}


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory, sheets_once: Sheets):
    """Each sheet rendered once: (name, paper) -> (dossier, PDF). The examples come from the
    session's renders (tests/documents/conftest.py, the same day), which test_prep, test_sheet_page
    and test_sheet_collisions share; the provoking dossiers are rendered once for the module."""
    folder = tmp_path_factory.mktemp("numberline")
    made: dict[tuple[str, str], tuple[Path, Path]] = {}

    def sheet(name: str, paper: str) -> tuple[Path, Path]:
        if name not in PROVOKING:
            return sheets_once.source(name), sheets_once.get(name, paper).pdf
        if (name, paper) not in made:
            source = folder / f"{name}.yaml"
            source.write_text(PROVOKING[name], encoding="utf-8")
            result = prep_sheet(source, job(folder / paper, TODAY, paper=paper))
            made[name, paper] = (source, result.pdf)
        return made[name, paper]

    return sheet


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", [*EXAMPLES, "no-deal-zone", "buyer-ackerman"])
def test_each_label_sits_under_its_own_mark_or_is_led_to_it(sheets, name, paper):
    source, pdf = sheets(name, paper)
    values = figure_values(source)
    if len(values) < 2:
        pytest.skip("no number line: fewer than two figures")
    assert len(label_findings(pdf, values)) == len(values)  # every figure found on the page
    assert label_faults(pdf, values) == []


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", [*EXAMPLES, "no-deal-zone", "wrap-en", "wrap-fr"])
def test_no_line_ends_in_a_number_whose_unit_starts_the_next(sheets, name, paper):
    _, pdf = sheets(name, paper)
    assert broken_units(pdf) == []


COUNTDOWN = re.compile(
    r"(^in \d+ days?$|^\d+ days? ago$|^today$|^tomorrow$|^yesterday$|^done$"
    r"|^dans \d+ jours?$|^il y a \d+ jours?$|^aujourd'hui$|^demain$|^hier$)"
)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", ["no-deal-zone", "wrap-en", "wrap-fr"])
def test_every_countdown_ends_at_the_same_x(sheets, name, paper):
    _, pdf = sheets(name, paper)
    ends = []
    for run in segments(pdf):
        text = " ".join(w.text for w in run).replace("\u00a0", " ")
        text = re.sub(r"^(passed|échue|échu) ", "", text)
        if COUNTDOWN.match(text):
            ends.append(round(run[-1].x1, 1))
    assert len(ends) >= 3
    # The sheet is one flow in two columns: the deadlines may continue into the second, so
    # the countdowns line up within each column (the columns meet at the page's middle).
    middle = {"a4": 595.3, "letter": 612.0}[paper] / 2
    for column in ([e for e in ends if e < middle], [e for e in ends if e >= middle]):
        assert not column or max(column) - min(column) < 0.5, ends
