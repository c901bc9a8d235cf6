"""The one-page prep sheet: every example on one page with its key facts, the fit ladder's
report, golden HTML, and no WeasyPrint warnings."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest
import yaml
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.documents.prep import output_name, prep_sheet, render_prep_html, render_sheet
from briefgen.dossier.validate import load_dossier
from briefgen.facts.brief import brief
from briefgen.render.engine import Plan
from briefgen.render.theme import Theme
from briefgen.text.i18n import ENGLISH
from tests.jobs import job

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
GOLDEN = Path(__file__).parent / "golden"
TODAY = dt.date(2026, 11, 23)


def pdf_text(path: Path) -> tuple[int, str]:
    reader = pypdf.PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


@pytest.fixture(params=["a4", "letter"])
def rendered(request, sheets_once) -> dict[str, object]:
    """Every example rendered once per paper size per session (tests/documents/conftest.py)."""
    return {path.stem: sheets_once.get(path.stem, request.param) for path in PROFILES}


def test_there_are_examples():
    assert len(PROFILES) >= 6


@pytest.mark.render
@pytest.mark.parametrize("stem", [p.stem for p in PROFILES])
def test_every_example_is_one_page_with_its_name(rendered, stem):
    pages, text = pdf_text(rendered[stem].pdf)
    assert pages == 1
    assert load_dossier(ROOT / "profiles" / f"{stem}.yaml").name in text


@pytest.mark.render
def test_dan_key_facts_are_on_the_sheet(rendered):
    result = rendered["dan-whitfield"]
    pages, text = pdf_text(result.pdf)
    said = result.report()
    assert pages == 1
    assert "45,000" in text  # walk-away, with a thousands separator
    assert "Tuesday 24 November 2026" in text
    assert "10:00" in text
    assert "TOMORROW" in text
    assert "Wed 25 Nov signed retainer" in text  # the next deadline is never cut
    # final changes: 2 business days before the booklet prints on Friday 4 December
    assert "Wed 2 Dec final changes" in text or "Deadlines: 2 of 4 deadlines shown" in said
    assert "wait it out; restate the value of the Q1 workshops" in text  # the dossier's counter
    # Rita Gomez, last spoke 1 Sep, cadence 14: the fourth contact, or said to be left out
    assert "overdue 69 days" in text or "of 4 contacts shown" in said


@pytest.mark.render
def test_built_in_counter_fills_a_bare_tactic(rendered):
    from briefgen.facts.tactics import find_tactic

    _, text = pdf_text(rendered["dan-whitfield"].pdf)
    counter = find_tactic("slow-walking").counter
    assert " ".join(counter.split()[:6]) in text


@pytest.mark.render
@pytest.mark.parametrize("stem", [p.stem for p in PROFILES])
def test_no_weasyprint_warnings_for_examples(rendered, stem):
    assert rendered[stem].warnings == []


@pytest.mark.render
def test_a_fitting_sheet_costs_at_most_two_layouts(tmp_path):
    lean = tmp_path / "lean.yaml"
    lean.write_text("name: Lee Lean\nnegotiation: {opening: 10, target: 8, walk_away: 5}\n")
    result = prep_sheet(lean, job(tmp_path, TODAY))
    assert result.layouts <= 2
    assert result.report() == ""


@pytest.mark.render
def test_name_only_dossier_renders_a_clean_page(tmp_path):
    (tmp_path / "only.yaml").write_text("name: Only A. Name\n")
    result = prep_sheet(tmp_path / "only.yaml", job(tmp_path, TODAY))
    pages, text = pdf_text(result.pdf)
    assert pages == 1
    assert "Only A. Name" in text
    for heading in ("THE NUMBERS", "WATCH FOR", "BUTTONS", "RAPPORT", "DEADLINES"):
        assert heading not in text


def overlong_dossier(scale: int = 1) -> dict:
    """About three pages of content at the design size (scale 1)."""
    many = lambda prefix, n: [  # noqa: E731
        f"{prefix} {i} " + "with several words of detail " * 2 for i in range(n * scale)
    ]
    return {
        "name": "Olive Overflow",
        "person": {
            "family": [
                {"relation": "child", "name": f"Kid{i}", "note": "plays the cello " * 4}
                for i in range(8 * scale)
            ],
            "hobbies": many("hobby", 6),
            "notes": "A long paragraph about her. " * 40 * scale,
        },
        "buttons": [{"topic": t, "kind": "hot"} for t in many("button", 8)],
        "tactics": [
            {"tactic": f"tactic {i}", "counter": "hold firm and restate value " * 2}
            for i in range(30)
        ],
        "negotiation": {
            "opening": 100,
            "target": 90,
            "walk_away": 80,
            "currency": "EUR",
            "questions": many("question", 12),
            "concessions": [{"give": g, "get": "a longer term"} for g in many("give", 6)],
            "interests": {"ours": many("ours", 5), "theirs": many("theirs", 5)},
        },
        "relationship": {
            "contacts": [{"name": f"Contact {i}", "title": "manager"} for i in range(15 * scale)],
            "meetings": [{"date": f"2026-0{1 + i % 9}-1{i % 9}"} for i in range(12)],
        },
    }


@pytest.mark.render
def test_far_too_much_content_still_fits_one_page_and_says_what_was_cut(tmp_path):
    source = tmp_path / "olive.yaml"
    source.write_text(yaml.safe_dump(overlong_dossier(), sort_keys=False))
    result = prep_sheet(source, job(tmp_path, TODAY, paper="letter"))
    pages, text = pdf_text(result.pdf)
    assert pages == 1
    assert result.layouts <= 4
    report = result.report()
    assert report.startswith(f"{source}: to fit one page: ")
    assert "Watch for: " in report
    assert " of 30 tactics shown" in report
    # what the report says was shown is what the page shows
    shown = int(report.split("Watch for: ")[1].split(" of")[0])
    assert text.count("→ hold firm and restate value") == shown
    assert f"+{30 - shown} more" in text
    # the never-dropped sections are all there
    for heading in ("THE NUMBERS", "WATCH FOR", "BUTTONS"):
        assert heading in text


@pytest.mark.render
def test_cli_reports_shortening_on_stderr_and_paths_on_stdout(tmp_path):
    source = tmp_path / "olive.yaml"
    dossier = overlong_dossier()
    dossier["tactics"] = dossier["tactics"][:12]
    source.write_text(yaml.safe_dump(dossier, sort_keys=False))
    result = CliRunner().invoke(
        cli, ["prep", str(source), "-o", str(tmp_path / "out"), "--today", "2026-11-23"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "out" / "olive-prep.pdf")
    assert "to fit one page:" in result.stderr


def test_invalid_dossier_writes_nothing_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nnegotiation:\n  walk_away: 45k\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["prep", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{bad}:3:14: negotiation.walk_away: expected a number, got '45k'" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.render
def test_redact_leaves_out_sensitive_items(tmp_path):
    dan = ROOT / "profiles" / "dan-whitfield.yaml"
    redacted = prep_sheet(dan, job(tmp_path / "red", TODAY, redact=True, write_html=True))
    _, red_text = pdf_text(redacted.pdf)
    red_html = redacted.html.read_text(encoding="utf-8")
    dossier = load_dossier(dan)  # the whole sheet, before any cut for room, holds them all
    full_html = render_prep_html(
        dossier, brief(dossier, TODAY), Plan(), theme=Theme.for_dossier(dan), locale=ENGLISH
    )
    for private in ("divorced 2015", "his divorce and the first marriage", "CFO candidate"):
        assert private in full_html
        assert private not in red_text
        assert private not in red_html
    assert "Redacted" in red_text


@pytest.mark.render
def test_html_flag_writes_the_rendered_html_beside_the_pdf(tmp_path):
    dan = ROOT / "profiles" / "dan-whitfield.yaml"
    result = prep_sheet(dan, job(tmp_path, TODAY, write_html=True))
    assert result.html == tmp_path / "dan-whitfield-prep.html"
    assert "<title>Prep sheet: Dan Whitfield</title>" in result.html.read_text()


@pytest.mark.render
def test_pdf_metadata_is_reproducible(sheets_once):
    """The sheet's metadata, from the session's render of Dan's example. That two renders of one
    dossier on one day are byte for byte the same (metadata and text included) is
    tests/documents/test_build.py::test_two_renders_of_one_dossier_on_one_day_are_byte_identical."""
    meta = pypdf.PdfReader(sheets_once.get("dan-whitfield", "a4").pdf).metadata
    assert meta.title == "Prep sheet: Dan Whitfield"
    assert meta.subject == "2027 leadership coaching retainer"
    assert meta["/CreationDate"].startswith("D:20261123")


@pytest.mark.render
def test_user_template_overrides_a_partial_by_name(tmp_path):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "templates" / "prep").mkdir(parents=True)
    (tmp_path / "templates" / "prep" / "buttons.html.j2").write_text(
        '<section data-section="buttons"><h2>My own buttons</h2></section>'
    )
    source = tmp_path / "profiles" / "x.yaml"
    source.write_text("name: X Person\nbuttons: [money]\n")
    result = prep_sheet(source, job(tmp_path / "out", TODAY))
    assert "MY OWN BUTTONS" in pdf_text(result.pdf)[1].upper()


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/abs/olá", "a\x00b", "\uff0e\uff0e", "x" * 300]
)
def test_output_name_never_leaves_the_folder(name):
    safe = output_name(Path(name + ".yaml"))
    assert "/" not in safe
    assert "\x00" not in safe
    assert not safe.startswith(".")
    assert safe.endswith("-prep.pdf")
    assert len(safe) <= 120


@pytest.mark.parametrize("stem", ["dan-whitfield", "richard-okafor"])
def test_golden_html(stem, request):
    path = ROOT / "profiles" / f"{stem}.yaml"
    dossier = load_dossier(path)
    html = render_prep_html(
        dossier, brief(dossier, TODAY), Plan(), theme=Theme.for_dossier(path), locale=ENGLISH
    )
    golden = GOLDEN / f"{stem}-prep.html"
    if request.config.getoption("--update-golden"):
        golden.write_text(html, encoding="utf-8")
    assert golden.exists(), "run `python -m pytest --update-golden` to create it"
    assert html == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is intended run `python -m pytest --update-golden`"
    )


@pytest.mark.render
def test_rendering_reads_no_file_outside_the_templates(tmp_path):
    dan = ROOT / "profiles" / "dan-whitfield.yaml"
    dossier = load_dossier(dan)
    sheet = render_sheet(
        dossier, job(tmp_path, TODAY), theme=Theme.for_dossier(dan), locale=ENGLISH
    )
    assert sheet.refused == []
    assert io.BytesIO(sheet.pdf).read(5) == b"%PDF-"


def test_a_user_layout_extends_the_builtin_base_and_overrides_one_block(tmp_path):
    """The README's promise: a templates/prep.html.j2 of one's own can change one block."""
    (tmp_path / "profiles").mkdir()
    (tmp_path / "templates").mkdir()
    source = tmp_path / "profiles" / "dan.yaml"
    source.write_bytes((ROOT / "profiles" / "dan-whitfield.yaml").read_bytes())
    (tmp_path / "templates" / "prep.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block footer %}<footer>OUR OWN FOOTER</footer>'
        "{% endblock %}",
        encoding="utf-8",
    )
    dossier = load_dossier(source)

    html = render_prep_html(
        dossier, brief(dossier, TODAY), Plan(), theme=Theme.for_dossier(source), locale=ENGLISH
    )

    assert "OUR OWN FOOTER" in html
    assert "Confidential: holds private notes" not in html  # the built-in footer is replaced
    assert "Dan Whitfield" in html
    assert 'data-section="numbers"' in html
