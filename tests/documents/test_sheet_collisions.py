"""No two words on a prep sheet print over each other: number-line labels for close, equal and
seven-digit figures, and a header whose name, role, organization, subject and place are long,
on A4 and Letter (word boxes from `pdftotext -bbox`). The number line's placement is also
checked as a pure function, for any number of marks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.documents.numberline import number_line, text_width_mm
from briefgen.documents.prep import prep_sheet
from briefgen.text.i18n import ENGLISH
from tests.jobs import job
from tests.pdfboxes import collisions, have_pdftotext, words

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 20)

LONG_HEADER = {
    "name": "Maximiliana Konstantinopoulou-Wetherspoon",
    "role": "Senior Vice President, Global Procurement and Strategic Supplier Partnerships",
    "organization": "Consolidated International Manufacturing Holdings Incorporated",
    "negotiation": {
        "subject": "Multi-year master services agreement renewal covering all seven regional "
        "distribution centres",
        "when": "2026-12-01 09:30",
        "where": "Consolidated headquarters, executive boardroom 14B, 1200 Industrial Parkway",
        "opening": 1_850_000,
        "target": 1_790_000,
        "walk_away": 1_250_000,
        "currency": "USD",
    },
}

CASES = {
    "close-figures": {"opening": 1_850_000, "target": 1_790_000, "walk_away": 1_780_000},
    "seven-digits": {"opening": 9_999_999, "target": 9_999_998, "walk_away": 1_000_000},
    "equal-figures": {"opening": 1_250_000, "target": 1_250_000, "walk_away": 1_250_000},
    "two-close": {"opening": 1_250_000, "target": 1_240_000},
    "touching": {"opening": 60_000, "target": 57_000, "walk_away": 56_500},
    "buyer-close": {"opening": 57_000, "target": 60_000, "walk_away": 60_500},
    "middle-low": {"opening": 2_000_000, "target": 1_000_001, "walk_away": 1_000_000},
    "fractions": {"opening": 1_234_567.89, "target": 1_234_560.5, "walk_away": 999_999.99},
    "fifteen-digits": {
        "opening": 999_999_999_999_999,
        "target": 999_999_999_999_998,
        "walk_away": 999_999_999_999_990,
        "currency": "EUR",
    },
}


def dossiers() -> dict[str, dict]:
    made = {
        name: {"name": f"Case {name}", "negotiation": {**figures, "when": "2026-11-24 10:00"}}
        for name, figures in CASES.items()
    }
    made["long-header"] = LONG_HEADER
    made["long-rows"] = {  # a row of 120 meeting dots, chips with long notes
        "name": "Rowan Rows",
        "buttons": [{"topic": f"topic {i}", "note": "a long note " * 20} for i in range(4)],
        "relationship": {
            "meetings": [{"date": f"2026-0{1 + i % 9}-1{i % 9}"} for i in range(120)],
        },
        "negotiation": {"opening": 10, "target": 9, "walk_away": 8},
    }
    made["unbroken-words"] = {
        "name": "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft",
        "role": "Donaudampfschiffahrtsgesellschaftskapitaenswitwe",
        "organization": "Rindfleischetikettierungsueberwachungsaufgabenuebertragungsgesetz",
        "negotiation": {
            "when": "2026-11-24 10:00",
            "where": "Tuesday-Wednesday-Thursday-conference-room-somewhere-far",
            "subject": "Grundstuecksverkehrsgenehmigungszustaendigkeitsuebertragungsverordnung",
        },
    }
    return made


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("collide")
    made = {}
    for name, data in dossiers().items():
        source = folder / f"{name}.yaml"
        source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        for paper in ("a4", "letter"):
            result = prep_sheet(source, job(folder / paper, TODAY, paper=paper))
            made[name, paper] = result.pdf
    return made


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler's pdftotext")
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", list(dossiers()))
def test_no_two_words_print_over_each_other(sheets, name, paper):
    assert collisions(sheets[name, paper]) == []


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler's pdftotext")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_figure_is_printed_whole(sheets, paper):
    found = {w.text for w in words(sheets["close-figures", paper])}
    assert {"1,850,000", "1,790,000", "1,780,000"} <= found


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler's pdftotext")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_date_stays_right_of_a_long_header(sheets, paper):
    found = words(sheets["long-header", paper])
    tuesday = next(w for w in found if w.text == "Tuesday")
    left_block = [w for w in found if w.text in ("Partnerships,", "International", "regional")]
    assert len(left_block) == 3
    for word in left_block:  # the role, organization and subject wrap before the date block
        assert word.x1 < tuesday.x0


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler's pdftotext")
@pytest.mark.parametrize("stem", ["dan-whitfield", "gordon-pryce", "travis-kessler"])
def test_the_examples_have_no_collisions(tmp_path, stem):
    for paper in ("a4", "letter"):
        result = prep_sheet(
            ROOT / "profiles" / f"{stem}.yaml", job(tmp_path / paper, TODAY, paper=paper)
        )
        assert collisions(result.pdf) == []


def label_boxes(line, width_mm, value_pt=11.3, label_pt=6.8):
    """Each placed label's (row, left, right) in mm, as `number_line` estimates them."""
    boxes = []
    rows = [("below", i, row) for i, row in enumerate(line.below)]
    rows += [("above", i, row) for i, row in enumerate(line.above)]
    for side, i, row in rows:
        for m in row:
            size = max(
                text_width_mm(m.label, label_pt, caps=True, tracking=0.06),
                text_width_mm(m.text, value_pt),
            )
            point = m.at / 100 * width_mm
            left = {
                "start": point,
                "center": point - size / 2,
                "end": width_mm - point - size,
            }[m.anchor]
            boxes.append(((side, i), left, left + size))
    return boxes


values = st.one_of(
    st.integers(min_value=0, max_value=99_999_999),
    st.integers(min_value=0, max_value=10**15),
    st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda v: round(v, 2)),
)


@settings(max_examples=300, deadline=None)
@given(
    figures=st.lists(values, min_size=2, max_size=5),
    width_mm=st.sampled_from([60.0, 80.0, 97.6, 101.0]),
)
def test_number_line_labels_never_overlap_and_stay_on_the_line(figures, width_mm):
    names = ["walk away", "target", "opening", "their walk-away (estimate)", "anchor"]
    keys = ["walk_away", "target", "opening", "their_walk_away", "anchor"]
    marks = [(keys[i], names[i], v) for i, v in enumerate(figures)]
    line = number_line(marks, width_mm=width_mm, locale=ENGLISH)
    assert line is not None
    boxes = label_boxes(line, width_mm)
    assert len(boxes) == len(marks)
    for _row, left, right in boxes:
        assert left >= -0.01 and right <= width_mm + 0.01
    for i, (row_a, left_a, right_a) in enumerate(boxes):
        for row_b, left_b, right_b in boxes[i + 1 :]:
            if row_a == row_b:
                assert right_a <= left_b or right_b <= left_a, (boxes, marks)


def test_labels_share_one_row_when_they_fit_and_sit_by_their_marks():
    line = number_line(
        [
            ("walk_away", "walk away", 45_000),
            ("target", "target", 52_000),
            ("opening", "opening", 60_000),
        ],
        width_mm=97.6,
        locale=ENGLISH,
    )
    assert line is not None and len(line.below) == 1 and line.above == ()
    for mark in line.below[0]:  # each centred under its own mark, the end ones too
        assert mark.anchor == "center"
        assert not mark.leader
        assert abs(mark.at - mark.x) < 1


def test_a_fourth_mark_that_does_not_fit_goes_over_the_line():
    line = number_line(
        [
            ("walk_away", "walk away", 1_450_000),
            ("their_walk_away", "their walk-away (estimate)", 1_500_000),
            ("target", "target", 1_790_000),
            ("opening", "opening", 1_850_000),
        ],
        width_mm=80,
        locale=ENGLISH,
    )
    assert line is not None and line.above
    assert sorted(m.key for row in line.below + line.above for m in row) == sorted(
        ["walk_away", "their_walk_away", "target", "opening"]
    )


def test_one_figure_is_no_line():
    assert number_line([("target", "target", 5.0)], locale=ENGLISH) is None
