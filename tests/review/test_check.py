"""`briefgen check`: every problem in every file, a summary, and exit 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefgen.dossier.discover import find_dossiers
from briefgen.errors import BriefgenError
from briefgen.review.check import check_paths

THREE_MISTAKES = textwrap.dedent(
    """\
    name: Dan Whitfield
    organisation: Whitfield Logistics
    person:
      pace: quick
    relationship:
      cadence_days: every two weeks
    """
)


def test_check_reports_typo_wrong_type_and_bad_enum_with_lines(check_text):
    result = check_text(THREE_MISTAKES)

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "bad.yaml:2:1: organisation: unknown key 'organisation'",
        "  hint: did you mean 'organization'?",
        "bad.yaml:4:9: person.pace: expected one of slow, steady or fast, got 'quick'",
        "bad.yaml:6:17: relationship.cadence_days: expected a whole number, got 'every two weeks'",
        "  hint: write digits only, e.g. 14",
    ]
    assert result.stderr == "1 dossier checked: 0 valid, 1 with 3 problems\n"


def test_check_of_valid_files_exits_0(write_dossier, run_cli):
    write_dossier("name: Dan Whitfield\n", "dan.yaml")
    write_dossier("name: Elisa Marchetti\nkind: candidate\n", "elisa.yaml")

    result = run_cli("check", "dan.yaml", "elisa.yaml")

    assert result.exit_code == 0
    assert result.stdout == "2 dossiers checked: all valid\n"
    assert result.stderr == ""


def test_check_of_a_mix_exits_1_and_counts_both(write_dossier, run_cli):
    write_dossier("name: Dan Whitfield\n", "dan.yaml")
    write_dossier(THREE_MISTAKES, "bad.yaml")

    result = run_cli("check", "dan.yaml", "bad.yaml")

    assert result.exit_code == 1
    assert result.stderr == "2 dossiers checked: 1 valid, 1 with 3 problems\n"


def test_check_searches_folders_and_skips_hidden_ones(workdir, write_dossier, run_cli):
    (workdir / "profiles" / "team").mkdir(parents=True)
    (workdir / "profiles" / ".drafts").mkdir()
    write_dossier("name: Dan\n", "profiles/dan.yaml")
    write_dossier("name: Rita\n", "profiles/team/rita.yml")
    write_dossier("not: [valid\n", "profiles/.drafts/broken.yaml")
    write_dossier("not a dossier", "profiles/notes.txt")

    assert find_dossiers(["profiles"]) == [
        Path("profiles/dan.yaml"),
        Path("profiles/team/rita.yml"),
    ]
    result = run_cli("check")  # default: profiles/
    assert result.exit_code == 0
    assert result.stdout == "2 dossiers checked: all valid\n"


@pytest.mark.usefixtures("workdir")
def test_check_of_a_missing_path_exits_1(run_cli):
    result = run_cli("check", "nobody.yaml")

    assert result.exit_code == 1
    assert result.stderr == "nobody.yaml: no such file or folder\n"


def test_check_of_a_folder_without_dossiers_exits_1(workdir, run_cli):
    (workdir / "empty").mkdir()

    result = run_cli("check", "empty")

    assert result.exit_code == 1
    assert result.stderr == "no dossier files (*.yaml, *.yml) found in empty\n"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["check", "--bogus", "x.yaml"], "Error: No such option '--bogus'."),
        (
            ["check", "--format", "xml", "x.yaml"],
            "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json'.",
        ),
    ],
    ids=["unknown-option", "bad-format"],
)
@pytest.mark.usefixtures("workdir")
def test_check_usage_errors_exit_2(run_cli, args, error):
    result = run_cli(*args)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == error


def test_check_json_lists_problems_with_line_and_column(write_dossier, run_cli):
    write_dossier("name: Dan\n", "dan.yaml")
    write_dossier(THREE_MISTAKES, "bad.yaml")

    result = run_cli("check", "--format", "json", "dan.yaml", "bad.yaml")

    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["summary"] == "2 dossiers checked: 1 valid, 1 with 3 problems"
    good, bad = report["files"]
    assert good == {"file": "dan.yaml", "valid": True, "problems": [], "warnings": []}
    assert bad["file"] == "bad.yaml"
    assert bad["valid"] is False
    assert [(p["line"], p["column"], p["path"]) for p in bad["problems"]] == [
        (2, 1, "organisation"),
        (4, 9, "person.pace"),
        (6, 17, "relationship.cadence_days"),
    ]
    assert bad["problems"][0]["hint"] == "did you mean 'organization'?"
    assert bad["problems"][1]["message"] == "expected one of slow, steady or fast, got 'quick'"


def test_check_json_when_all_valid(write_dossier, run_cli):
    write_dossier("name: Dan\n", "dan.yaml")

    result = run_cli("check", "--format", "json", "dan.yaml")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "ok": True,
        "files": [{"file": "dan.yaml", "valid": True, "problems": [], "warnings": []}],
        "summary": "1 dossier checked: all valid",
    }


@pytest.mark.usefixtures("workdir")
def test_check_paths_collects_every_file(write_dossier):
    write_dossier("name: Dan\n", "dan.yaml")
    write_dossier("", "empty.yaml")

    report = check_paths(["dan.yaml", "empty.yaml"])

    assert not report.ok
    assert [str(p) for p in report.checked] == ["dan.yaml", "empty.yaml"]
    assert [str(p) for p in report.problems[Path("empty.yaml")]] == [
        "empty.yaml:1:1: the file is empty\n  hint: a dossier needs at least `name: Full Name`"
    ]


def test_check_paths_refuses_no_files(workdir):
    (workdir / "empty").mkdir()

    with pytest.raises(BriefgenError, match="no dossier files"):
        check_paths(["empty"])


def test_check_does_not_import_weasyprint(write_dossier, workdir):
    write_dossier("name: Dan\n", "dan.yaml")
    write_dossier(THREE_MISTAKES, "bad.yaml")
    program = textwrap.dedent(
        """
        import sys
        from briefgen.cli import cli
        for args in (["check", "dan.yaml"], ["check", "--format", "json", "bad.yaml"]):
            try:
                cli.main(args, standalone_mode=False)
            except SystemExit:
                pass
        assert "briefgen.review.check" in sys.modules, "the check command did not run"
        assert "weasyprint" not in sys.modules, "check imported WeasyPrint"
        print("ok")
        """
    )

    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "ok"


def test_a_file_named_twice_is_checked_once(write_dossier, run_cli):
    write_dossier(THREE_MISTAKES, "bad.yaml")

    result = run_cli("check", "bad.yaml", "./bad.yaml", ".")

    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 5
    assert result.stderr == "1 dossier checked: 0 valid, 1 with 3 problems\n"
