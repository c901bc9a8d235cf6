"""Small things a reader trips on: no literal backticks, a legend for the meeting dots, the
self-check score's scale, past years that do not wrap, a meeting already held, and deliverables
and rules marked done."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.documents.prep import notices, render_prep_html
from briefgen.dossier.model import Timeline
from briefgen.dossier.validate import load_dossier
from briefgen.facts.brief import brief
from briefgen.facts.dates import deadlines
from briefgen.render.fit import Plan
from briefgen.render.theme import Theme
from briefgen.text.i18n import ENGLISH

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
TODAY = dt.date(2026, 11, 20)


def sheet_html(source: Path, today: dt.date = TODAY) -> str:
    dossier = load_dossier(source)
    return render_prep_html(
        dossier, brief(dossier, today), Plan(), theme=Theme.for_dossier(source), locale=ENGLISH
    )


def visible_text(html: str) -> str:
    html = re.sub(r"<style\b.*?</style>", "", html, flags=re.DOTALL)
    html = re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


@pytest.mark.parametrize("source", PROFILES, ids=[p.stem for p in PROFILES])
def test_no_literal_backticks_on_any_sheet(source):
    assert "`" not in visible_text(sheet_html(source))


def test_the_meeting_dots_have_a_legend_and_the_self_check_its_scale():
    text = visible_text(sheet_html(ROOT / "profiles" / "dan-whitfield.yaml"))
    assert "oldest first: on time late missed" in text
    assert "+6 from \u22124 to +8: senior interviews and offers of help" in text


def write(tmp_path: Path, data: dict) -> Path:
    source = tmp_path / "d.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return source


def test_a_past_deadline_keeps_its_year_on_one_line(tmp_path):
    source = write(
        tmp_path,
        {"name": "Pat Past", "timeline": {"deliverables": [{"name": "old", "due": "2025-12-02"}]}},
    )
    html = sheet_html(source)
    plain = html.replace("\u00a0", " ")  # no-break spaces bind units
    assert '<span class="due-date">Tue 2 Dec 2025</span>' in plain
    css = (ROOT / "templates" / "prep.css").read_text()
    assert re.search(r"\.deadlines \.due-date \{[^}]*white-space: nowrap", css)


def test_done_deliverables_and_rules_are_never_overdue():
    timeline = Timeline.model_validate(
        {
            "deliverables": [
                {"name": "booklet", "due": "2026-11-10", "done": True},
                {"name": "report", "due": "2026-11-12"},
            ],
            "rules": [
                {"name": "final changes", "days_before": 2, "of": "booklet"},
                {"name": "draft", "days_before": 1, "of": "report", "done": True},
                {"name": "outline", "days_before": 3, "of": "report"},
            ],
        }
    )
    found = {d.name: d for d in deadlines(timeline, None, TODAY)}
    assert found["booklet"].done
    assert not found["booklet"].overdue
    assert found["final changes"].done  # its deliverable is done
    assert found["draft"].done
    assert not found["draft"].overdue
    assert found["report"].overdue
    assert found["outline"].overdue


def test_a_done_deliverable_shows_done_not_passed(tmp_path):
    source = write(
        tmp_path,
        {
            "name": "Dee Done",
            "timeline": {
                "deliverables": [
                    {"name": "booklet", "due": "2026-11-10", "done": True},
                    {"name": "undated handout", "note": "bring ten copies"},
                ]
            },
        },
    )
    text = visible_text(sheet_html(source))
    assert "booklet done" in text
    assert "passed" not in text
    assert "no date undated handout bring ten copies" in text


def test_a_held_meeting_says_so_on_the_sheet():
    text = visible_text(sheet_html(ROOT / "profiles" / "dan-whitfield.yaml", dt.date(2026, 11, 26)))
    assert "held 2 days ago" in text


@pytest.mark.render
def test_a_held_meeting_warns_on_standard_error(tmp_path):
    dan = ROOT / "profiles" / "dan-whitfield.yaml"
    result = CliRunner().invoke(
        cli, ["prep", str(dan), "-o", str(tmp_path), "--today", "2026-11-26"]
    )
    assert result.exit_code == 0
    assert (
        f"{dan}: the meeting was on Tuesday 24 November 2026 (2 days ago): the sheet says it "
        "was held" in result.stderr
    )
    # the day before: no notice (the report's other lines are the fit ladder's, never this)
    assert notices(load_dossier(dan), dt.date(2026, 11, 23), ENGLISH) == []
