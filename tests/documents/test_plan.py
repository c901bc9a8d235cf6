"""`briefgen plan`: the trend read from git (dated commits, nothing checked out), outside git
no trend and a plain message, text and JSON without WeasyPrint, and the private PDF."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.documents.plan import make_plan, past_snapshots, run_plan
from briefgen.facts.plan import PlanSettings
from briefgen.text.i18n import Locale
from tests.gitrepo import git, make_repo

TODAY = "2026-12-01"
EN = Locale("en")

WEAK = """\
name: Dan Whitfield
organization: Whitfield Logistics
relationship:
  cadence: {executive: 30, key: 30, staff: 60, support: 90}
  contacts:
    - {name: Dan Whitfield, level: key, stance: neutral, last_contact: 2026-01-10}
"""

STRONG = """\
name: Dan Whitfield
organization: Whitfield Logistics
relationship:
  cadence: {executive: 30, key: 30, staff: 60, support: 90}
  contacts:
    - {name: Dan Whitfield, level: executive, stance: champion, last_contact: 2026-11-20}
    - {name: Priya Shah, level: key, last_contact: 2026-11-20}
    - {name: Tom Reyes, level: staff, last_contact: 2026-11-20}
    - {name: Rita Gomez, level: support, last_contact: 2026-11-20, sensitive: true}
  meetings: [2026-10-01, 2026-11-01]
  reciprocity:
    - {date: 2026-10-01, direction: given, what: an intro}
    - {date: 2026-09-01, direction: received, what: a reference}
  self_check: {senior_interviews: 4, only_call_for_projects: 0, offer_help: 4}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_repo(tmp_path, monkeypatch)


def commit(text: str, date: str) -> None:
    Path("profiles/dan.yaml").write_text(text, encoding="utf-8")
    git("add", "--all")
    git("commit", "--quiet", "-m", f"Dan on {date}", date=date)


@pytest.mark.usefixtures("repo")
def test_a_dossier_improved_over_90_days_reads_up():
    commit(WEAK, "2026-06-01")
    commit(STRONG, "2026-11-25")
    report = make_plan(["profiles"], dt.date.fromisoformat(TODAY), locale=EN)
    (account,) = report.plan.accounts
    assert account.then == 15.0  # coverage 0 (the key contact is cold), map 33: (25 * 33) / 55
    assert account.health.value is not None
    assert account.health.value > 90
    assert account.trend == "up"
    assert report.notices == []
    # the sparkline: nothing before the first commit, weak until November, strong today
    assert account.monthly[:5] == (None,) * 5  # January to May 2026
    assert account.monthly[5:11] == (15.0,) * 6  # 1 June to 1 November
    assert account.monthly[-1] == account.health.value


@pytest.mark.usefixtures("repo")
def test_the_trend_reads_the_working_tree_now_and_never_checks_out():
    commit(STRONG, "2026-06-01")
    Path("profiles/dan.yaml").write_text(WEAK, encoding="utf-8")  # not committed
    report = make_plan(["profiles"], dt.date.fromisoformat(TODAY), locale=EN)
    (account,) = report.plan.accounts
    assert account.trend == "down"
    assert Path("profiles/dan.yaml").read_text(encoding="utf-8") == WEAK
    assert git("status", "--porcelain").strip() == "M profiles/dan.yaml"


@pytest.mark.usefixtures("repo")
def test_with_no_commit_old_enough_there_is_no_trend_and_it_says_so():
    commit(WEAK, "2026-11-01")
    result = run_plan(["profiles"], dt.date(2026, 12, 1), output_format="text", locale=EN)
    assert result.report.plan.accounts[0].trend is None
    assert result.content is not None
    assert "no trend: no commit as old as Wednesday 2 September 2026" in result.content


def test_outside_git_there_is_no_trend_and_a_plain_message(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "dan.yaml").write_text(STRONG, encoding="utf-8")
    assert past_snapshots(["profiles"], [dt.date(2026, 9, 2)], redact=False) is None
    result = run_plan(["profiles"], dt.date(2026, 12, 1), output_format="text", locale=EN)
    (account,) = result.report.plan.accounts
    assert account.trend is None
    assert not result.report.plan.history
    assert result.content is not None
    assert "no trend: the dossiers are not in a git repository" in result.content


@pytest.mark.usefixtures("repo")
def test_settings_reach_the_call():
    commit(STRONG, "2026-11-25")
    strict = PlanSettings(grow=102, maintain=101)  # H is 100: below both
    report = make_plan(["profiles"], dt.date(2026, 12, 1), strict, locale=EN)
    assert report.plan.accounts[0].call == "fix"


def run_cli_process(*args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        "from briefgen.cli import cli\n"
        "try:\n"
        f"    cli(prog_name='briefgen', args={list(args)!r})\n"
        "except SystemExit as exc:\n"
        "    print('weasyprint' in sys.modules, file=sys.stderr)\n"
        "    raise\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


@pytest.mark.usefixtures("repo")
def test_text_and_json_never_import_weasyprint():
    commit(STRONG, "2026-06-01")
    text = run_cli_process("plan", "--today", TODAY)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Account plan, Tuesday 1 December 2026: 1 account")
    assert text.stderr.strip().splitlines()[-1] == "False"
    found = run_cli_process("plan", "--today", TODAY, "--format", "json")
    data = json.loads(found.stdout)
    assert data["accounts"][0]["call"] == "grow"
    assert data["accounts"][0]["trend"] == "same"
    assert found.stderr.strip().splitlines()[-1] == "False"


@pytest.mark.usefixtures("repo")
def test_french_words(run_cli):
    commit(WEAK, "2026-06-01")
    result = run_cli("plan", "--today", TODAY, "--locale", "fr-CA")
    assert result.exit_code == 0, result.output
    assert "Plan des comptes" in result.output
    assert "partir\xa0: santé sous le seuil de départ" in result.output  # 15 now and then


@pytest.mark.usefixtures("repo")
def test_an_invalid_dossier_is_reported_and_the_rest_planned(run_cli):
    commit(STRONG, "2026-06-01")
    Path("profiles/bad.yaml").write_text("name: B\nrelationship:\n  revenue: lots\n", "utf-8")
    result = run_cli("plan", "--today", TODAY)
    assert result.exit_code == 1
    assert "profiles/bad.yaml:3:12: relationship.revenue: expected a number" in result.output
    assert "Whitfield Logistics" in result.output


@pytest.mark.render
@pytest.mark.usefixtures("repo")
def test_the_pdf_is_private_and_redact_leaves_out_sensitive_contacts(run_cli, tmp_path):
    commit(WEAK, "2026-06-01")
    commit(STRONG, "2026-11-25")
    plain = tmp_path / "plan.pdf"
    result = run_cli("plan", "--today", TODAY, "-o", str(plain))
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(plain).pages]
    assert len(pages) == 2  # the portfolio, then the account
    assert "The portfolio" in pages[0]
    assert all("Confidential" in page for page in pages)
    assert "Rita Gomez" in pages[1]
    redacted = tmp_path / "redacted.pdf"
    result = run_cli("plan", "--today", TODAY, "-o", str(redacted), "--redact")
    assert result.exit_code == 0, result.output
    text = "".join(p.extract_text() for p in PdfReader(redacted).pages)
    assert "Rita Gomez" not in text
    assert "Redacted" in text


@pytest.mark.render
@pytest.mark.usefixtures("repo")
def test_the_pdf_follows_paper_the_flag_else_briefgen_toml(run_cli, tmp_path):
    from pypdf import PdfReader

    commit(STRONG, "2026-11-25")

    def size(*args: str) -> set[tuple[float, float]]:
        target = tmp_path / "plan.pdf"
        result = run_cli("plan", "--today", TODAY, "-o", str(target), *args)
        assert result.exit_code == 0, result.output
        boxes = {
            (float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(target).pages
        }
        target.unlink()
        return {(round(w), round(h)) for w, h in boxes}

    assert size() == {(595, 842)}  # A4 by default
    assert size("--paper", "letter") == {(612, 792)}
    Path("briefgen.toml").write_text('paper = "letter"\n', "utf-8")
    assert size() == {(612, 792)}  # briefgen.toml's paper
    assert size("--paper", "a4") == {(595, 842)}  # the flag wins


def test_the_history_is_the_one_of_the_folder_given_not_of_where_briefgen_runs(
    repo, tmp_path, monkeypatch
):
    commit(WEAK, "2026-06-01")
    commit(STRONG, "2026-11-25")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    report = make_plan([str(repo / "profiles")], dt.date(2026, 12, 1), locale=EN)
    assert report.plan.accounts[0].trend == "up"


@pytest.mark.usefixtures("repo")
def test_json_is_the_same_in_every_locale(run_cli):
    commit(WEAK, "2026-11-01")
    english = run_cli("plan", "--today", TODAY, "--format", "json")
    french = run_cli("plan", "--today", TODAY, "--format", "json", "--locale", "fr-CA")
    assert english.exit_code == french.exit_code == 0
    assert english.stdout == french.stdout
    assert json.loads(english.stdout)["notices"][0].startswith("no trend: no commit as old")


@pytest.mark.usefixtures("repo")
def test_briefgen_toml_sets_the_plan(run_cli):
    commit(STRONG, "2026-11-25")  # H 100: grow by default
    assert (
        json.loads(run_cli("plan", "--today", TODAY, "--format", "json").stdout)["accounts"][0][
            "call"
        ]
        == "grow"
    )
    Path("briefgen.toml").write_text("[plan]\ngrow = 101\nmaintain = 100.5\n", "utf-8")
    found = json.loads(run_cli("plan", "--today", TODAY, "--format", "json").stdout)
    assert found["accounts"][0]["call"] == "fix"
    Path("briefgen.toml").write_text("[plan]\ngorw = 101\n", "utf-8")
    result = run_cli("plan", "--today", TODAY)
    assert result.exit_code == 1
    assert "briefgen.toml: plan.gorw: unknown setting" in result.output
