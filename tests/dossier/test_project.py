"""The project root (briefgen.toml, else profiles/ or .git) and briefgen.toml's defaults: read
with tomllib, checked with located messages, overridden by flags, never needed by `new`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import briefgen.documents.build as build
from briefgen.documents.build import Outcome, Task
from briefgen.dossier.project import Sender, find_root, load_project
from tests.conftest import invoke


def test_the_root_is_the_nearest_briefgen_toml_before_any_profiles_folder(tmp_path):
    (tmp_path / "briefgen.toml").write_text("")
    (tmp_path / "clients" / "profiles" / "east").mkdir(parents=True)
    dossier = tmp_path / "clients" / "profiles" / "east" / "dan.yaml"
    dossier.write_text("name: Dan\n")
    assert find_root(dossier) == tmp_path


def test_without_a_toml_the_root_holds_profiles_or_git(tmp_path):
    (tmp_path / "profiles" / "east").mkdir(parents=True)
    assert find_root(tmp_path / "profiles" / "east" / "dan.yaml") == tmp_path
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "people").mkdir()
    assert find_root(tmp_path / "repo" / "people" / "x.yaml") == tmp_path / "repo"


def test_the_settings_are_read_and_the_plan_table_kept_raw(tmp_path):
    (tmp_path / "briefgen.toml").write_text(
        'paper = "letter"\nlocale = "fr-CA"\noutput = "out"\n'
        '[sender]\nname = "Ann Example"\nrole = "Coach"\ncontact = "ann@example.com"\n'
        "[plan]\nweights = { existing = 50 }\nthreshold = 0.5\n",
        encoding="utf-8",
    )
    project = load_project(tmp_path)
    assert project.paper == "letter"
    assert project.locale == "fr-CA"
    assert project.output == tmp_path / "out"
    assert project.sender == Sender("Ann Example", "Coach", "ann@example.com")
    assert project.table("plan") == {"weights": {"existing": 50}, "threshold": 0.5}
    assert project.table("nothing") == {}
    with pytest.raises(AttributeError):
        project.paper = "a4"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('paper = "a5"\n', "briefgen.toml: paper: expected a4 or letter"),
        ('colour = "red"\n', "briefgen.toml: colour: unknown setting"),
        ("paper = \n", "briefgen.toml: "),
        ("[sender]\nphone = 1\n", "briefgen.toml: sender.phone: unknown"),
        ('[sender]\nname = "a\\u001b[2J"\n', "briefgen.toml: sender.name: expected one line"),
    ],
)
def test_a_bad_setting_is_a_located_error(workdir, text, said):
    (workdir / "briefgen.toml").write_text(text, encoding="utf-8")
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "dan.yaml").write_text("name: Dan\n")
    result = invoke("build", "-j", "1")
    assert result.exit_code == 1
    assert said in result.output
    assert "\x1b" not in result.output


def test_a_briefgen_toml_that_is_a_fifo_is_refused_at_once(workdir):
    os.mkfifo(workdir / "briefgen.toml")
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "dan.yaml").write_text("name: Dan\n")
    result = invoke("agenda")
    assert result.exit_code == 1
    assert "named pipe" in result.output


@pytest.fixture
def jobs(monkeypatch: pytest.MonkeyPatch) -> list[Task]:
    seen: list[Task] = []

    def fake(task: Task) -> Outcome:
        seen.append(task)
        task.prep.parent.mkdir(parents=True, exist_ok=True)
        task.prep.write_text("sheet")
        return Outcome(task.source, [task.prep])

    monkeypatch.setattr(build, "render_task", fake)
    return seen


def test_build_takes_its_defaults_from_briefgen_toml_and_flags_override_them(workdir, jobs):
    (workdir / "briefgen.toml").write_text('paper = "letter"\noutput = "out"\n')
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "dan.yaml").write_text("name: Dan\n")
    assert invoke("build", "-j", "1").exit_code == 0
    assert jobs[-1].job.paper.name == "letter"
    assert (workdir / "out" / "dan-prep.pdf").is_file()
    assert invoke("build", "-j", "1", "--paper", "a4", "-o", "elsewhere").exit_code == 0
    assert jobs[-1].job.paper.name == "a4"
    assert (workdir / "elsewhere" / "dan-prep.pdf").is_file()


def test_the_portfolio_commands_take_the_locale_and_flags_override_it(workdir):
    (workdir / "briefgen.toml").write_text('locale = "fr-CA"\n')
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "dan.yaml").write_text("name: Dan\n")
    assert invoke("agenda", "--today", "2026-11-23").stdout.startswith("Agenda du lundi")
    english = invoke("agenda", "--today", "2026-11-23", "--locale", "en")
    assert english.stdout.startswith("Agenda from Monday")


def test_new_does_not_need_briefgen_toml(workdir):
    (workdir / "briefgen.toml").write_text("not toml at all [[[")
    result = invoke("new", "Ann Lee")
    assert result.exit_code == 0, result.output
    assert Path(workdir / "profiles" / "ann-lee.yaml").is_file()


def test_pitch_takes_the_paper_from_briefgen_toml_and_the_flag_overrides_it(workdir, monkeypatch):
    asked: list[object] = []

    def fake(_source, **options):
        from briefgen.documents.pitch import PitchResult

        asked.append(options["paper"])
        return PitchResult("client", "text", content="")

    monkeypatch.setattr("briefgen.documents.pitch.make_pitch", fake)
    (workdir / "briefgen.toml").write_text('paper = "letter"\n')
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "ann.yaml").write_text("name: Ann\n")
    assert invoke("pitch", "profiles/ann.yaml").exit_code == 0
    assert invoke("pitch", "profiles/ann.yaml", "--paper", "a4").exit_code == 0
    assert asked == ["letter", "a4"]
