"""The README's set-up, as a newcomer runs it: the first command installs and builds the
examples, quietly on any day; the second runs the tests, and CI runs exactly that one."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
import types
from pathlib import Path

import pytest

import briefgen.cli
from briefgen.documents import build
from tests.conftest import invoke

ROOT = Path(__file__).resolve().parent.parent
LATER = dt.date(2040, 1, 1)  # years after every example's meeting


def set_up_commands() -> tuple[str, str]:
    """The two commands under "Set-up: two commands", without their comments."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up: two commands", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n")[-1].split("```", 1)[0]
    first, second = (line.split("#", 1)[0].strip() for line in block.splitlines())
    return first, second


def test_the_set_up_installs_from_the_lock_then_builds_the_examples():
    first, _ = set_up_commands()
    assert first == (
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.lock && "
        ".venv/bin/pip install --no-deps -e . && .venv/bin/briefgen build --today 2026-11-23"
    )


def test_ci_runs_exactly_the_readme_test_command():
    _, second = set_up_commands()
    assert second.startswith(".venv/bin/python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in ci if "-m pytest" in line] == [second]


def test_the_update_golden_option_names_the_folder_the_golden_files_are_in():
    text = (ROOT / "conftest.py").read_text(encoding="utf-8")
    (folder,) = {word for word in text.split() if "golden/" in word}
    assert (ROOT / folder).is_dir()
    assert sorted(p.name for p in (ROOT / folder).glob("*-prep.html"))


@pytest.fixture
def clock_at_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's clock (its default for --today) reads LATER."""

    class Later(dt.date):  # hands out plain dates: they travel to the build's workers
        @classmethod
        def today(cls) -> dt.date:
            return LATER

        @classmethod
        def fromisoformat(cls, text: str) -> dt.date:
            return dt.date.fromisoformat(text)

    fake = types.ModuleType("datetime")
    fake.__dict__.update(vars(dt))
    fake.date = Later
    monkeypatch.setattr(briefgen.cli, "dt", fake)


@pytest.mark.render
@pytest.mark.usefixtures("clock_at_later")
def test_the_readme_build_of_the_examples_is_quiet_years_after_their_meetings(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
):
    """The first command's briefgen part, as written, in a copy of the examples, with the clock
    years after their meetings: every sheet and pitch written, in two worker processes, and no
    notice about an example (before --today was pinned: "the meeting was on ... update
    negotiation.when"); what the fit ladder did is said, as the README says."""
    shutil.copytree(ROOT / "profiles", workdir / "profiles")
    command = shlex.split(set_up_commands()[0].split("&&")[-1])
    assert command[0] == ".venv/bin/briefgen"
    monkeypatch.setattr(build, "default_jobs", lambda: 2)  # parallel, whatever the machine

    clock = invoke("check", "profiles/dan-whitfield.yaml")
    assert f"(today is {LATER})" in clock.output  # the fake clock reaches the commands
    result = invoke(*command[1:])

    assert result.exit_code == 0, result.output
    assert "the meeting was" not in result.stderr
    assert "negotiation.when" not in result.stderr
    about_an_example = [line for line in result.stderr.splitlines() if line.startswith("profiles/")]
    assert about_an_example  # what the fit ladder did: the one thing said about an example
    assert all(": to fit one page: " in line for line in about_an_example), about_an_example
    *written, summary = result.stdout.splitlines()
    assert summary == "6 written, 0 up to date, 0 failed"
    out = workdir / "output"
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert "dan-whitfield-prep.pdf" in pdfs
    assert "elisa-marchetti-pitch.pdf" in pdfs
    assert len(pdfs) == 7
    assert all((out / p).read_bytes().startswith(b"%PDF") for p in pdfs)
    assert sorted(written) == sorted(f"output/{p}" for p in pdfs)
    again = invoke(*command[1:])
    assert again.output.rstrip().endswith("0 written, 6 up to date, 0 failed")


def test_the_package_map_names_every_module():
    """The Development section's map lists every module of the package, under its stage."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("The package is the pipeline", 1)[1].split("```", 2)[1]
    stages: dict[str, str] = {}
    stage = ""
    for line in block.splitlines():
        head = line.split(maxsplit=1)[0] if line.strip() and not line.startswith(" ") else ""
        if head:
            stage = head
        stages[stage] = stages.get(stage, "") + " " + line
    missing = []
    for module in sorted((ROOT / "briefgen").rglob("*.py")):
        relative = module.relative_to(ROOT).as_posix()
        if module.name in ("__init__.py", "__main__.py"):
            continue
        if relative.count("/") == 1:  # briefgen/cli.py, errors.py, files.py: a line of their own
            found = relative in stages
        else:
            folder = relative.rsplit("/", 1)[0] + "/"
            found = re.search(rf"\b{module.stem}\b", stages.get(folder, "")) is not None
        if not found:
            missing.append(relative)
    assert missing == []
