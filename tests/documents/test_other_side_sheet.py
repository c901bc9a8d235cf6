"""The other side of the table on the prep sheet: their estimated walk-away on the number line,
the deal zone (or plainly none), the offer plan, criteria, what we say first and the black
swans; on one page, A4 and Letter, with no two words printed over each other."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pypdf
import pytest

from briefgen.documents.numberline import (
    figure_marks,
    number_line,
    text_width_mm,
    with_deal_zone,
)
from briefgen.documents.prep import prep_sheet
from briefgen.facts.negotiation import Figures
from briefgen.text.i18n import ENGLISH
from tests.jobs import job
from tests.pdfboxes import Word, collisions, have_pdftotext, overlaps

ROOT = Path(__file__).resolve().parents[2]
TRAVIS = ROOT / "profiles" / "travis-kessler.yaml"
TODAY = dt.date(2026, 11, 23)

needs_pdftotext = pytest.mark.skipif(not have_pdftotext(), reason="needs poppler-utils")


def overlapping_words(pdf: Path) -> list[str]:
    """Words printed over each other, run together or off the page. Word boxes span the font's
    whole ascent and descent: a fixed 2 pt of vertical overlap is tolerated (the header's
    large clock reaches 1.2 pt into the date line above it without a glyph touching)."""
    return collisions(pdf, slack=0.0, lines=2.0)


def text_of(pdf: Path) -> tuple[int, str]:
    reader = pypdf.PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def test_the_overlap_checker_sees_words_printed_over_each_other():
    """The shared checker as this module uses it: boxes drawn at the same place are found,
    side by side are not, and 2 pt down is tolerated (3 pt is not, though the default
    relative slack would let it pass)."""
    target = Word(0, "target", 10.0, 10.0, 40.0, 20.0)
    strict = {"slack": 0.0, "lines": 2.0}
    assert overlaps([target, Word(0, "theirs", 30.0, 12.0, 60.0, 22.0)], **strict) != []
    assert overlaps([target, Word(0, "theirs", 41.0, 10.0, 60.0, 20.0)], **strict) == []
    assert overlaps([target, Word(0, "clock", 30.0, 18.0, 60.0, 40.0)], **strict) == []
    three_down = [target, Word(0, "date", 30.0, 17.0, 60.0, 27.0)]
    assert overlaps(three_down, **strict) != []
    assert overlaps(three_down) == []


def write(tmp_path: Path, side: str, figures: tuple[float, float, float], theirs: float) -> Path:
    opening, target, walk_away = figures
    path = tmp_path / f"{side}-{int(theirs)}.yaml"
    path.write_text(
        textwrap.dedent(
            f"""\
            name: Dana Figueroa
            organization: Northwind
            negotiation:
              side: {side}
              subject: 2027 retainer
              currency: EUR
              opening: {opening}
              target: {target}
              walk_away: {walk_away}
              their_walk_away: {theirs}
              offer_plan: ackerman
              criteria: [the 2026 coaching day-rate survey]
              accusation_audit: [you probably think we are the expensive option]
              labels: [it seems like the board wants proof before spring]
              black_swans: [whether the company is being sold]
              questions: [What would make this an easy yes?]
            """
        ),
        encoding="utf-8",
    )
    return path


SELLER = (60_000, 52_000, 45_000)
BUYER = (40_000, 50_000, 58_000)
CASES = [
    ("seller", SELLER, 30_000),  # below everything: no deal zone
    ("seller", SELLER, 45_000),  # touching our walk-away
    ("seller", SELLER, 46_000),  # just past it: two marks almost on one spot
    ("seller", SELLER, 52_000),  # on the target
    ("seller", SELLER, 60_000),  # on the opening
    ("seller", SELLER, 400_000),  # far above: our three figures squeezed to one side
    ("buyer", BUYER, 35_000),  # below the opening: a wide zone
    ("buyer", BUYER, 50_000),  # on the target
    ("buyer", BUYER, 70_000),  # above our walk-away: no deal zone
]


# Printed, for the two hardest cases: two marks almost on one spot, and a far-off estimate that
# breaks the line. Every case's labels are placed apart below, without a layout (the rest of the
# sheet is the same whatever the figures), and the whole printed sheet is checked for words
# over each other in test_sheet_collisions.py.
PRINTED = [CASES[2], CASES[5]]


@pytest.mark.render
@needs_pdftotext
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize(("side", "figures", "theirs"), PRINTED)
def test_no_two_words_print_over_each_other_whatever_the_figures(
    tmp_path, side, figures, theirs, paper
):
    path = write(tmp_path, side, figures, theirs)
    result = prep_sheet(path, job(tmp_path / "out", TODAY, paper=paper))
    pages, text = text_of(result.pdf)
    assert pages == 1
    assert "THEIR WALK-AWAY (EST.)" in text
    assert overlapping_words(result.pdf) == []


@pytest.mark.render
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_travis_kessler_shows_the_other_side_on_one_page(sheets_once, paper):
    result = sheets_once.get("travis-kessler", paper)  # the session's render, on the same day
    assert sheets_once.source("travis-kessler") == TRAVIS
    pages, text = text_of(result.pdf)
    assert pages == 1
    assert "THEIR WALK-AWAY (EST.) 34,000" in text
    assert "deal zone: 27,500 to 34,000 USD" in text
    assert "OFFER PLAN 38,000 open → 34,600 −3,400 → 32,900 −1,700 → 32,112 final" in text
    assert "Why our number is fair" in text
    assert "AIGA design-fee survey" in text
    assert "Say it first" in text
    assert "one more agency that will ship late" in text
    assert "Labels" in text
    assert "it seems like January is the date" in text
    assert "Find out" in text
    assert "kill fee" in text
    assert "Harbor Foods" in text  # a sensitive audit item: on our own sheet
    if have_pdftotext():
        assert overlapping_words(result.pdf) == []


@pytest.mark.render
def test_redact_leaves_the_sensitive_audit_item_off_the_sheet(tmp_path):
    result = prep_sheet(TRAVIS, job(tmp_path, TODAY, redact=True))
    _, text = text_of(result.pdf)
    assert "Harbor Foods" not in text
    assert "one more agency that will ship late" in text


@pytest.mark.render
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_deal_zone_is_said_plainly(tmp_path, paper):
    path = write(tmp_path, "seller", (70_000, 65_000, 62_000), 55_000)
    result = prep_sheet(path, job(tmp_path / "out", TODAY, paper=paper))
    _, text = text_of(result.pdf)
    assert "no deal zone: their walk-away is estimated at 55,000 EUR, ours is 62,000 EUR" in text


@pytest.mark.render
def test_an_offer_plan_at_odds_with_the_figures_says_so(tmp_path):
    path = write(tmp_path, "buyer", BUYER, 45_000)
    result = prep_sheet(path, job(tmp_path / "out", TODAY))
    _, text = text_of(result.pdf)
    assert "OFFER PLAN 32,500 65 % → 42,500 85 % → 47,500 95 % → 49,825 final" in text
    assert "our opening (40,000 EUR) is not the plan's first offer (32,500 EUR)" in text


# --- the number line, without a layout ---------------------------------------------------------


def line_of(figures: Figures):
    """The number line the sheet draws for these figures, with the deal zone."""
    line = number_line(figure_marks(figures, locale=ENGLISH), locale=ENGLISH)
    return with_deal_zone(line, figures) if line is not None else None


def label_spans(line, width_mm: float) -> list[tuple[tuple[str, int], float, float]]:
    """Each label's row and left and right edges in mm, as `number_line` sized them (its
    widths over-estimate the printed ones)."""
    rows = [("below", i, row) for i, row in enumerate(line.below)]
    rows += [("above", i, row) for i, row in enumerate(line.above)]
    spans = []
    for side, i, row in rows:
        for mark in row:
            size = max(
                text_width_mm(mark.label, 6.8, caps=True, tracking=0.06),
                text_width_mm(mark.text, 11.3),
            )
            point = mark.at / 100 * width_mm
            left = {"start": point, "center": point - size / 2, "end": width_mm - point - size}
            spans.append(((side, i), left[mark.anchor], left[mark.anchor] + size))
    return spans


@pytest.mark.parametrize("width_mm", [60.0, 80.0, 97.6, 101.0])  # the sheet's column widths
@pytest.mark.parametrize(("side", "figures", "theirs"), CASES)
def test_the_labels_of_every_case_sit_apart_on_the_line(side, figures, theirs, width_mm):
    opening, target, walk_away = figures
    marks = figure_marks(Figures(side, opening, target, walk_away, "EUR", theirs), ENGLISH)
    line = number_line(marks, width_mm=width_mm, locale=ENGLISH)
    assert line is not None
    assert {m.key for m in line.marks} == {"opening", "target", "walk_away", "their_walk_away"}
    spans = label_spans(line, width_mm)
    assert len(spans) == 4
    for _, left, right in spans:
        assert left >= -0.01
        assert right <= width_mm + 0.01
    for i, (row, left, right) in enumerate(spans):
        for other, other_left, other_right in spans[i + 1 :]:
            if row == other:
                assert right <= other_left or other_right <= left, spans


def test_their_walk_away_is_one_more_mark_and_the_zone_is_shaded_between_the_walk_aways():
    line = line_of(Figures("seller", 60_000, 52_000, 45_000, "EUR", 50_000))
    assert line is not None
    keys = [m.key for m in line.marks]
    assert "their_walk_away" in keys
    theirs = next(m for m in line.marks if m.key == "their_walk_away")
    ours = next(m for m in line.marks if m.key == "walk_away")
    assert theirs.label == "their walk-away (est.)"
    assert line.zone == (ours.x, theirs.x)


def test_no_zone_is_shaded_when_there_is_none():
    line = line_of(Figures("seller", 60_000, 52_000, 45_000, "EUR", 40_000))
    assert line is not None
    assert line.zone is None
    x = {m.key: m.x for m in line.marks}
    assert line.apart == (x["their_walk_away"], x["walk_away"])  # the stretch that is missing
    # ... and the estimate still widens the line: it is the lowest figure now
    assert min(m.value for m in line.marks) == 40_000


def test_a_touching_zone_is_a_point_still_drawn():
    line = line_of(Figures("buyer", 40_000, 50_000, 58_000, None, 58_000))
    assert line is not None
    assert line.zone is not None
    assert line.zone[0] == line.zone[1]


def test_without_an_estimate_the_line_is_as_before():
    line = line_of(Figures("seller", 60_000, 52_000, 45_000, "EUR"))
    assert line is not None
    assert line.zone is None
    assert line.apart is None
    assert line.gap is None
    assert [m.key for m in line.marks] == ["walk_away", "target", "opening"]


@pytest.mark.parametrize("theirs", [400_000, 1_000])
def test_a_far_off_estimate_does_not_squeeze_our_figures_it_breaks_the_line(theirs):
    line = line_of(Figures("seller", 60_000, 52_000, 45_000, "EUR", theirs))
    assert line is not None
    assert line.gap is not None
    ours = sorted(m.x for m in line.marks if m.key != "their_walk_away")
    assert ours[-1] - ours[0] >= 0.6 * (line.end - line.start)  # our figures keep the line
    estimate = next(m for m in line.marks if m.key == "their_walk_away")
    assert estimate.value == theirs  # the label keeps the true figure
    assert min(ours[0], estimate.x) < line.gap < max(ours[-1], estimate.x)


def test_a_near_estimate_is_drawn_to_scale_without_a_break():
    line = line_of(Figures("seller", 60_000, 52_000, 45_000, "EUR", 63_000))
    assert line is not None
    assert line.gap is None
    x = {m.key: m.x for m in line.marks}
    scale = (x["opening"] - x["walk_away"]) / 15_000
    assert x["their_walk_away"] - x["opening"] == pytest.approx(3_000 * scale, abs=0.02)


@pytest.mark.render
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_other_side_lists_are_shortened_to_fit_one_page(tmp_path, paper):
    path = write(tmp_path, "seller", SELLER, 50_000)
    text = path.read_text(encoding="utf-8")
    for key, noun in [
        ("criteria", "survey"),
        ("accusation_audit", "you think"),
        ("labels", "it seems like"),
        ("black_swans", "whether"),
    ]:
        items = "".join(f"\n    - {noun} number {i} " + "and more words " * 6 for i in range(25))
        text = re.sub(rf"  {key}: \[.*\]", f"  {key}:{items}", text)
    path.write_text(text, encoding="utf-8")
    result = prep_sheet(path, job(tmp_path / "out", TODAY, paper=paper))
    pages, said = text_of(result.pdf)
    assert pages == 1
    assert "deal zone: 45,000 to 50,000 EUR" in said  # the numbers are never left out
    report = result.report()
    assert " of 25 " in report, report
    assert "shown" in report
    assert "more" in said
