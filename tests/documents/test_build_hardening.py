"""Issue 19: `build` left running on a real portfolio, attacked and interrupted: prune only
what it provably wrote, no output through a symlink, bounded reads of the manifest, the
templates and the dossiers, a renderer crash that fails one dossier, workers that die with the
build, and outputs that mirror the project's folders."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import briefgen.documents.build as build
from briefgen.documents.build import MANIFEST, Outcome, Task, plan_build, run_build
from tests.conftest import invoke
from tests.documents.loads import loaded_by
from tests.jobs import job

TODAY = "2026-11-23"


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, tuple[str, ...]]]:
    """A renderer that writes small files, each kind only when asked, and records the calls."""
    done: list[tuple[Path, tuple[str, ...]]] = []

    def fake(task: Task) -> Outcome:
        done.append((task.source, task.kinds))
        data = task.source.read_bytes()
        text = f"{hashlib.sha256(data).hexdigest()} {task.job.today}"
        task.prep.parent.mkdir(parents=True, exist_ok=True)
        written = []
        if "prep" in task.kinds:
            task.prep.write_text(f"{text} {task.job.redact}")
            written.append(task.prep)
        if "pitch" in task.kinds and b"pitch:" in data:
            task.pitch.write_text(text)  # a pitch is never redacted: the same either way
            written.append(task.pitch)
        loaded = {k: loaded_by(task.source, k) for k in task.kinds}
        return Outcome(task.source, written, loaded=loaded)

    monkeypatch.setattr(build, "render_task", fake)
    return done


@pytest.fixture
def portfolio(workdir: Path) -> Path:
    profiles = workdir / "profiles"
    (profiles / "east").mkdir(parents=True)
    (profiles / "east" / "dan.yaml").write_text("name: Dan East\n")
    (profiles / "ann.yaml").write_text("name: Ann\npitch: {headline: a builder}\n")
    return profiles


class Sheet:
    """What build reads of a PrepResult."""

    def __init__(self, pdf: Path):
        self.pdf = pdf
        self.warnings: list[str] = []

    def report(self) -> str:
        return ""


def run(*args: str):
    return invoke("build", "--today", TODAY, "-j", "1", *args)


# -- 1. and 2.: --prune removes only what it provably wrote. ----------------------------------


def _claim(manifest: dict, name: str, digest: str) -> None:
    """List `name` as a stale output and as the output of a gone dossier, in the shape the
    manifest has (version 1 listed bare paths; the test ran on it before the fix)."""
    if isinstance(manifest["stale"], list):
        manifest["stale"].append(name)
        manifest["sheets"][f"/gone/{name}"] = {"key": "k", "outputs": {name: digest}}
        return
    record = {"kind": "prep", "digest": digest, "source": "/gone/notes", "redacted": False}
    manifest["stale"][name] = record
    manifest["sheets"][f"/gone/{name}"] = {
        "source": f"/gone/{name}",
        "redacted": False,
        "keys": {},
        "outputs": {name: {"kind": "prep", "digest": digest}},
    }


@pytest.mark.usefixtures("renders")
def test_prune_never_deletes_files_a_hand_edited_manifest_lists(portfolio):
    run()
    out = portfolio.parent / "output"
    (out / "notes.txt").write_text("my notes")
    (out / "keep").mkdir()
    (out / "keep" / "contract.docx").write_bytes(b"contract")
    manifest = json.loads((out / MANIFEST).read_text())
    for name, data in (("notes.txt", b"my notes"), ("keep/contract.docx", b"contract")):
        _claim(manifest, name, hashlib.sha256(data).hexdigest())
    (out / MANIFEST).write_text(json.dumps(manifest))
    result = run("--prune")
    assert (out / "notes.txt").read_text() == "my notes"
    assert (out / "keep" / "contract.docx").read_bytes() == b"contract"
    assert "output/notes.txt: kept" in result.stderr


@pytest.mark.usefixtures("renders")
def test_prune_keeps_a_stale_sheet_edited_since_it_was_written(portfolio):
    run()
    (portfolio / "ann.yaml").unlink()
    out = portfolio.parent / "output"
    (out / "ann-prep.pdf").write_text("annotated by hand")
    result = run("--prune")
    assert (out / "ann-prep.pdf").read_text() == "annotated by hand"
    assert not (out / "ann-pitch.pdf").exists()
    assert "output/ann-prep.pdf: kept: changed since briefgen wrote it" in result.stderr


def test_redact_prune_keeps_the_plain_sheet_of_a_dossier_that_still_exists(portfolio, renders):
    run()
    out = portfolio.parent / "output"
    result = run("--redact", "--prune")
    assert result.exit_code == 0, result.output
    assert "removed" not in result.stderr
    assert (out / "ann-prep.pdf").is_file()
    assert (out / "east" / "dan-prep.pdf").is_file()
    assert (out / "ann-prep-redacted.pdf").is_file()
    renders.clear()
    run()  # the plain build is still up to date
    assert renders == []


# -- 3.: one clash rule. -----------------------------------------------------------------------


@pytest.mark.usefixtures("renders")
def test_a_case_only_difference_is_a_clash_in_build_too(workdir):
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "Dan.yaml").write_text("name: Dan\n")
    (workdir / "profiles" / "dan.yaml").write_text("name: dan\n")
    result = run()
    assert result.exit_code == 1
    assert "both would be written to" in result.stderr
    assert not list((workdir / "output").glob("*.pdf"))


# -- 4.: no output through a symlink. ----------------------------------------------------------


@pytest.mark.usefixtures("renders")
def test_a_symlink_planted_in_the_output_folder_is_never_written_through(portfolio):
    elsewhere = portfolio.parent / "elsewhere"
    elsewhere.mkdir()
    (portfolio.parent / "output").mkdir()
    (portfolio.parent / "output" / "east").symlink_to(elsewhere)
    result = run()
    assert result.exit_code == 1
    assert list(elsewhere.iterdir()) == []
    assert "output/east: is a symbolic link" in result.stderr
    assert (portfolio.parent / "output" / "ann-prep.pdf").is_file()  # the others are written
    assert run().exit_code == 1  # refused again, never "up to date"
    assert list(elsewhere.iterdir()) == []


# -- 8., 9., 10.: bounded reads. -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "zero", "nested"])
def test_an_odd_manifest_means_a_full_rebuild_never_a_hang(portfolio, renders, kind):
    out = portfolio.parent / "output"
    out.mkdir()
    if kind == "fifo":
        os.mkfifo(out / MANIFEST)
    elif kind == "zero":
        (out / MANIFEST).symlink_to("/dev/zero")
    else:
        (out / MANIFEST).write_text("[" * 100_000 + "]" * 100_000)
    result = run()
    assert result.exit_code == 0, result.output
    assert len(renders) == 2
    assert json.loads((out / MANIFEST).read_text())["version"] == build.MANIFEST_VERSION


def test_templates_are_hashed_bounded_never_following_links_out(portfolio, renders):
    templates = portfolio.parent / "templates"
    templates.mkdir()
    (templates / "mem.css").symlink_to("/proc/self/mem")
    (templates / "zero.css").symlink_to("/dev/zero")
    os.mkfifo(templates / "pipe.css")
    result = run()
    assert result.exit_code == 0, result.output
    assert len(renders) == 2


@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.usefixtures("renders")
def test_a_dossier_that_is_a_fifo_or_dev_zero_is_refused_at_once(workdir, kind):
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "ann.yaml").write_text("name: Ann\n")
    odd = workdir / "profiles" / f"{kind}.yaml"
    if kind == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    result = run("profiles", f"profiles/{kind}.yaml")
    assert result.exit_code == 1
    assert f"profiles/{kind}.yaml: is a" in result.stderr
    assert (workdir / "output" / "ann-prep.pdf").is_file()


# -- 11.: a crash inside the renderer fails one dossier. -----------------------------------------


def test_a_renderer_crash_fails_one_dossier_and_the_others_are_written(portfolio, monkeypatch):
    import briefgen.documents.prep as prep

    def crash(source, job):
        if "dan" in str(source):
            raise RuntimeError("rendering x failed; the render child's traceback:\nIndexError: x")
        path = Path(job.output) / "ann-prep.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("ok")
        return Sheet(path)

    monkeypatch.setattr(prep, "prep_sheet", crash)
    monkeypatch.setattr(build, "warm_up", lambda: None)
    monkeypatch.setattr(
        "briefgen.documents.pitch.make_pitch", lambda *_a, **_k: (_ for _ in ()).throw(OSError())
    )
    (portfolio / "ann.yaml").write_text("name: Ann\n")
    result = run()
    assert result.exit_code == 1
    assert "could not render profiles/east/dan.yaml: the renderer failed (IndexError: x)" in (
        result.stderr
    )
    assert (portfolio.parent / "output" / "ann-prep.pdf").read_text() == "ok"


# -- 13.: nothing raw reaches the terminal; no escape in a folder name. -------------------------


@pytest.mark.usefixtures("renders")
def test_an_escape_in_a_folder_name_is_neither_printed_nor_made(portfolio):
    odd = portfolio / "\x1b]0;pwned\x07east"
    odd.mkdir()
    (odd / "bad.yaml").write_text("name: invalid\n")
    (odd / "eve.yaml").write_text("name: Eve\n")
    monkey_error = build.render_task

    def failing(task: Task) -> Outcome:
        if task.source.name == "bad.yaml":
            return Outcome(task.source, error=f"{task.source}:1:1: name: invalid")
        return monkey_error(task)

    build.render_task = failing
    try:
        result = run()
    finally:
        build.render_task = monkey_error
    assert "\x1b" not in result.output
    assert "\x07" not in result.output
    assert "\\x1b]0;pwned\\x07east" in result.output
    made = [p.name for p in (portfolio.parent / "output").iterdir()]
    assert not any("\x1b" in name or "\x07" in name for name in made)


# -- The root decides the mirror, the templates; a rebuild is as narrow as its cause. -----------


@pytest.mark.usefixtures("renders")
def test_top_level_folders_are_kept_so_two_trees_never_collide(workdir):
    (workdir / "briefgen.toml").write_text("")
    for tree in ("clients", "prospects"):
        (workdir / tree / "east").mkdir(parents=True)
        (workdir / tree / "east" / "dan.yaml").write_text(f"name: Dan {tree}\n")
    result = run("clients", "prospects")
    assert result.exit_code == 0, result.output
    out = workdir / "output"
    assert (out / "clients" / "east" / "dan-prep.pdf").is_file()
    assert (out / "prospects" / "east" / "dan-prep.pdf").is_file()
    # the same paths whichever folder is named
    assert run("prospects/east").output.rstrip().endswith("0 written, 1 up to date, 0 failed")


@pytest.mark.usefixtures("renders")
def test_templates_beside_profiles_serve_dossiers_in_sub_folders(portfolio):
    from briefgen.render.theme import Theme

    templates = portfolio.parent / "templates"
    templates.mkdir()
    east = portfolio / "east" / "templates"
    east.mkdir()
    dirs = Theme.for_dossier(portfolio / "east" / "dan.yaml").dirs
    assert dirs[:2] == (east, templates)
    assert Theme.for_dossier(portfolio / "ann.yaml").dirs[0] == templates


def test_a_pitch_stylesheet_change_rebuilds_pitches_only(portfolio, renders):
    (portfolio.parent / "templates" / "pitch").mkdir(parents=True)
    css = portfolio.parent / "templates" / "pitch" / "pitch.css"
    css.write_text("h1 { color: black }")
    run()
    renders.clear()
    css.write_text("h1 { color: navy }")
    result = run()
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("1 written, 1 up to date, 0 failed")  # Dan: no pitch
    assert sorted(renders) == [
        (Path("profiles/ann.yaml"), ("pitch",)),
        (Path("profiles/east/dan.yaml"), ("pitch",)),
    ]


def test_a_prep_partial_change_rebuilds_prep_sheets_only(portfolio, renders):
    (portfolio.parent / "templates" / "prep").mkdir(parents=True)
    partial = portfolio.parent / "templates" / "prep" / "buttons.html.j2"
    partial.write_text("<p>buttons</p>")
    run()
    renders.clear()
    partial.write_text("<p>buttons!</p>")
    run()
    assert {kinds for _, kinds in renders} == {("prep",)}
    assert len(renders) == 2


def test_an_unrelated_new_file_in_templates_prep_rebuilds_nothing(portfolio, renders):
    (portfolio.parent / "templates" / "prep").mkdir(parents=True)
    run()
    renders.clear()
    (portfolio.parent / "templates" / "prep" / "notes.txt").write_text("ideas for the sheet")
    (portfolio.parent / "templates" / "prep" / "unused.html.j2").write_text("<p>draft</p>")
    result = run()
    assert result.exit_code == 0, result.output
    assert renders == []
    assert result.output.rstrip().endswith("0 written, 2 up to date, 0 failed")


def test_editing_a_partial_the_sheet_uses_rebuilds_prep_sheets_only(portfolio, renders):
    prep = portfolio.parent / "templates" / "prep"
    prep.mkdir(parents=True)
    (prep / "buttons.html.j2").write_text("<p>buttons</p>")  # the sheet includes it
    (prep / "spare.html.j2").write_text("<p>spare</p>")  # nothing includes it
    run()
    renders.clear()
    (prep / "spare.html.j2").write_text("<p>spare!</p>")
    run()
    assert renders == []
    (prep / "buttons.html.j2").write_text("<p>buttons!</p>")
    run()
    assert sorted(renders) == [
        (Path("profiles/ann.yaml"), ("prep",)),
        (Path("profiles/east/dan.yaml"), ("prep",)),
    ]


@pytest.mark.parametrize("had_templates", [True, False])
def test_a_user_override_of_a_builtin_partial_rebuilds_the_sheets(
    portfolio, renders, had_templates
):
    templates = portfolio.parent / "templates"
    if had_templates:
        (templates / "prep").mkdir(parents=True)
        (templates / "prep" / "notes.txt").write_text("not a template")
    run()
    renders.clear()
    (templates / "prep").mkdir(parents=True, exist_ok=True)
    (templates / "prep" / "buttons.html.j2").write_text("<p>my buttons</p>")
    run()
    assert sorted(renders) == [
        (Path("profiles/ann.yaml"), ("prep",)),
        (Path("profiles/east/dan.yaml"), ("prep",)),
    ]
    manifest = json.loads((portfolio.parent / "output" / MANIFEST).read_text())
    loaded = [f for e in manifest["sheets"].values() for f in e["loaded"]["prep"]]
    buttons = [f for f in loaded if f["name"] == "prep/buttons.html.j2"]
    assert len(buttons) == 2
    assert all(f["path"] == str(templates / "prep" / "buttons.html.j2") for f in buttons)
    assert all(f["folders"] == [""] for f in buttons)  # the root of each template folder


def test_an_override_in_a_sub_folder_rebuilds_only_the_dossiers_below_it(portfolio, renders):
    run()
    renders.clear()
    (portfolio / "east" / "templates" / "pitch").mkdir(parents=True)
    (portfolio / "east" / "templates" / "pitch" / "pitch.css").write_text("h1 { color: red }")
    run()
    assert renders == [(Path("profiles/east/dan.yaml"), ("pitch",))]


def test_a_removed_override_rebuilds_with_the_builtin_again(portfolio, renders):
    (portfolio.parent / "templates").mkdir()
    css = portfolio.parent / "templates" / "prep.css"
    css.write_text("body { color: navy }")
    run()
    renders.clear()
    css.unlink()
    run()
    assert len(renders) == 2


@pytest.mark.parametrize(
    "record",
    [
        "not a list",
        [{"name": "../../etc/passwd", "folders": [""], "path": "/etc/passwd", "digest": "x"}],
        [{"name": "prep.css", "folders": [], "path": "/dev/zero", "digest": "x"}],
        [{"name": "zero", "folders": ["/dev"], "path": "/dev/zero", "digest": "x"}],
        [{"name": "mem", "folders": ["/proc/self"], "path": "/proc/self/mem", "digest": "x"}],
        [{"name": "prep.css", "folders": [""] * 100, "path": "/dev/null", "digest": "x"}],
    ],
)
def test_an_odd_record_of_loaded_files_rebuilds_never_hangs(portfolio, renders, record):
    run()
    renders.clear()
    path = portfolio.parent / "output" / MANIFEST
    manifest = json.loads(path.read_text())
    for entry in manifest["sheets"].values():
        entry["loaded"]["prep"] = record
    path.write_text(json.dumps(manifest))
    result = run()
    assert result.exit_code == 0, result.output
    assert sorted(kinds for _, kinds in renders) == [("prep",), ("prep",)]


def test_an_old_manifest_means_a_full_rebuild(portfolio, renders):
    run()
    renders.clear()
    path = portfolio.parent / "output" / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["version"] = 2
    for entry in manifest["sheets"].values():
        del entry["loaded"]
    path.write_text(json.dumps(manifest))
    run()
    assert len(renders) == 2
    assert all(kinds == ("prep", "pitch") for _, kinds in renders)


# -- 5.: interrupting a build. -------------------------------------------------------------------

SLOW_BUILD = """
import sys, time, os
from pathlib import Path
import briefgen.documents.build as build
from briefgen.documents.build import Outcome

def slow(task):
    time.sleep(float(os.environ.get("SLOW", "0.5")))
    task.prep.parent.mkdir(parents=True, exist_ok=True)
    task.prep.write_text("rendered")
    Path(os.environ["PIDS"], str(os.getpid())).touch()
    return Outcome(task.source, [task.prep])

build.render_task = slow
build.warm_up = lambda: None
from briefgen.cli import cli
cli(["build", "-j", "2", "--today", "2026-11-23"], prog_name="briefgen")
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_build_takes_its_workers_with_it(workdir, how):
    (workdir / "profiles").mkdir()
    for i in range(24):
        (workdir / "profiles" / f"p{i:02}.yaml").write_text(f"name: P{i}\n")
    pids = workdir / "pids"
    pids.mkdir()
    script = workdir / "slow_build.py"
    script.write_text(textwrap.dedent(SLOW_BUILD))
    env = {**os.environ, "PIDS": str(pids), "PYTHONPATH": str(Path(__file__).parents[2])}
    process = subprocess.Popen(
        [sys.executable, str(script)], env=env, cwd=workdir, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while len(list((workdir / "output").glob("*.pdf"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    at_signal = len(list((workdir / "output").glob("*.pdf")))
    if how == signal.SIGINT:  # Ctrl-C: the terminal signals the whole process group
        os.killpg(process.pid, how)
    else:  # kill PID: the build alone
        process.send_signal(how)
    process.wait(timeout=60)
    workers = [int(p.name) for p in pids.iterdir()]
    time.sleep(1.5)  # what a surviving worker would write meanwhile
    written = sorted(p.name for p in (workdir / "output").glob("*.pdf"))
    assert not any(_alive(pid) for pid in workers)
    assert len(written) <= at_signal + 2  # at most the two in flight finished: none started
    time.sleep(1.5)
    assert sorted(p.name for p in (workdir / "output").glob("*.pdf")) == written
    record = workdir / "output" / MANIFEST  # none when no outcome had come back yet
    manifest = json.loads(record.read_text()) if record.exists() else {"sheets": {}}
    recorded = {r for e in manifest["sheets"].values() for r in e["outputs"]}
    assert recorded <= set(written)


def test_a_worker_killed_by_hand_fails_only_the_dossier_it_held(portfolio, monkeypatch):
    killed: list[int] = []

    def fake(task: Task) -> Outcome:
        if task.source.name == "dan.yaml" and not killed:
            killed.append(os.getpid())
            os.kill(os.getpid(), signal.SIGKILL)
        task.prep.parent.mkdir(parents=True, exist_ok=True)
        task.prep.write_text("ok")
        return Outcome(task.source, [task.prep])

    monkeypatch.setattr(build, "render_task", fake)
    monkeypatch.setattr(build, "warm_up", lambda: None)
    for i in range(6):
        (portfolio / f"p{i}.yaml").write_text(f"name: P{i}\n")
    plan = plan_build(["profiles"], job("output", dt.date(2026, 11, 23)))
    outcomes = []
    report = run_build(plan, jobs=2, on_outcome=outcomes.append)
    failed = [o.source.name for o in outcomes if o.failed]
    assert failed == ["dan.yaml"]
    assert report.written == 7


@pytest.mark.usefixtures("portfolio")
def test_the_pitch_pdf_is_asked_for_on_the_builds_paper(monkeypatch):
    """Build's side of "pitch PDFs follow --paper": `make_pitch` takes `paper`."""
    import briefgen.documents.pitch as pitch
    import briefgen.documents.prep as prep

    asked: list[str] = []

    def fake_prep(source, job):
        path = Path(job.output) / f"{Path(source).stem}-prep.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("sheet")
        return Sheet(path)

    def fake_pitch(_source, *, output_format, output, locale, paper):
        asked.append(paper.name)
        Path(output).write_text(f"{output_format} {locale}")
        return pitch.PitchResult("client", "pdf", path=Path(output))

    monkeypatch.setattr(prep, "prep_sheet", fake_prep)
    monkeypatch.setattr(pitch, "make_pitch", fake_pitch)
    monkeypatch.setattr(build, "warm_up", lambda: None)
    result = run("--paper", "letter")
    assert result.exit_code == 0, result.output
    assert asked == ["letter"]


def test_prep_refuses_folders_that_differ_only_in_case_as_build_does(workdir, monkeypatch):
    """One clash rule across output folders too: `East/` and `east/` are one folder on a
    case-insensitive disk, so `East/dan.yaml` and `east/dan.yaml` would share a sheet."""
    import briefgen.documents.prep as prep

    rendered: list[str] = []

    def fake(source, job):
        rendered.append(str(source))
        path = Path(job.output) / "dan-prep.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(str(source))
        return Sheet(path)

    monkeypatch.setattr(prep, "prep_sheet", fake)
    for folder in ("East", "east"):
        (workdir / "profiles" / folder).mkdir(parents=True)
        (workdir / "profiles" / folder / "dan.yaml").write_text(f"name: Dan {folder}\n")
    result = invoke("prep", "profiles")
    assert result.exit_code == 1
    assert "both would be written to" in result.stderr
    assert rendered == []
