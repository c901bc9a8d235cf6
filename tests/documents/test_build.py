"""`briefgen build`: mirrored output folders, the incremental rules (each one), the manifest's
failures, stale outputs and --prune, failures that do not stop the others, and, marked render,
real parallel builds and byte-identical renders."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest

import briefgen.documents.build as build
from briefgen.documents.build import MANIFEST, Outcome, Task, plan_build, run_build
from tests.conftest import invoke
from tests.documents.loads import loaded_by
from tests.jobs import job

ROOT = Path(__file__).resolve().parent.parent.parent
TODAY = "2026-11-23"


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Replace the renderer with one that writes a small file saying what it was built from,
    and record which dossiers were rendered."""
    done: list[Path] = []

    def fake(task: Task) -> Outcome:
        done.append(task.source)
        data = task.source.read_bytes()
        if b"invalid" in data:
            return Outcome(task.source, error=f"{task.source}:1:1: name: invalid on purpose")
        digest = hashlib.sha256(data).hexdigest()
        text = f"{digest} {task.job.today} {task.job.paper.name}"
        task.prep.parent.mkdir(parents=True, exist_ok=True)
        task.prep.write_text(text)
        written = [task.prep]
        if b"pitch:" in data:
            task.pitch.write_text(text)
            written.append(task.pitch)
        loaded = {k: loaded_by(task.source, k) for k in task.kinds}
        return Outcome(task.source, written, loaded=loaded)

    monkeypatch.setattr(build, "render_task", fake)
    return done


@pytest.fixture
def portfolio(workdir: Path) -> Path:
    profiles = workdir / "profiles"
    (profiles / "east").mkdir(parents=True)
    (profiles / "west").mkdir()
    (profiles / "east" / "dan.yaml").write_text("name: Dan East\n")
    (profiles / "west" / "dan.yaml").write_text("name: Dan West\n")
    (profiles / "ann.yaml").write_text("name: Ann\npitch: {headline: a builder}\n")
    return profiles


def run(*args: str):
    return invoke("build", "--today", TODAY, "-j", "1", *args)


def stamps(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.usefixtures("renders")
def test_outputs_mirror_the_folders_so_same_names_never_collide(portfolio):
    result = run()
    assert result.exit_code == 0, result.output
    out = portfolio.parent / "output"
    assert sorted(stamps(out)) == [
        MANIFEST,
        "ann-pitch.pdf",
        "ann-prep.pdf",
        "east/dan-prep.pdf",
        "west/dan-prep.pdf",
    ]
    assert "West" not in (out / "east" / "dan-prep.pdf").read_text()
    # not a terminal: one line per file written, then the summary
    lines = result.stdout.splitlines()
    assert "output/east/dan-prep.pdf" in lines
    assert "output/ann-pitch.pdf" in lines
    assert result.output.rstrip().endswith("3 written, 0 up to date, 0 failed")


@pytest.mark.usefixtures("renders")
def test_a_file_argument_goes_straight_into_the_output_folder(portfolio):
    assert run("profiles/east/dan.yaml", "-o", "out").exit_code == 0
    assert (portfolio.parent / "out" / "dan-prep.pdf").is_file()


def test_nothing_changed_renders_nothing_and_rewrites_no_file(portfolio, renders):
    run()
    before = stamps(portfolio.parent / "output")
    renders.clear()
    result = run()
    assert result.exit_code == 0
    assert renders == []
    assert stamps(portfolio.parent / "output") == before
    assert result.output.rstrip().endswith("0 written, 3 up to date, 0 failed")


def test_a_changed_dossier_is_rebuilt_alone(portfolio, renders):
    run()
    renders.clear()
    (portfolio / "west" / "dan.yaml").write_text("name: Dan West\nrole: CFO\n")
    assert run().output.rstrip().endswith("1 written, 2 up to date, 0 failed")
    assert renders == [Path("profiles/west/dan.yaml")]


def test_a_changed_template_rebuilds_the_sheets_that_use_it(portfolio, renders):
    templates = portfolio.parent / "templates"  # the user's templates, beside profiles/
    templates.mkdir()
    (templates / "prep.css").write_text("body { color: black }")
    run()
    renders.clear()
    (templates / "prep.css").write_text("body { color: navy }")
    run()
    # templates/ at the project root serves every dossier below it, east/ and west/ too
    assert sorted(renders) == [
        Path("profiles/ann.yaml"),
        Path("profiles/east/dan.yaml"),
        Path("profiles/west/dan.yaml"),
    ]


def test_a_changed_template_in_a_sub_folder_rebuilds_only_the_dossiers_below_it(portfolio, renders):
    templates = portfolio / "east" / "templates"
    templates.mkdir()
    (templates / "prep.css").write_text("body { color: black }")
    run()
    renders.clear()
    (templates / "prep.css").write_text("body { color: navy }")
    run()
    assert renders == [Path("profiles/east/dan.yaml")]


def test_a_changed_builtin_template_rebuilds_everything(portfolio, renders, monkeypatch):
    run()
    renders.clear()
    builtin = portfolio.parent / "builtin"
    shutil.copytree(ROOT / "templates", builtin)
    (builtin / "prep.css").write_text("/* changed */", encoding="utf-8")
    monkeypatch.setattr("briefgen.render.theme.builtin_templates", lambda: builtin)
    run()
    assert len(renders) == 3


def test_a_new_day_rebuilds_everything(portfolio, renders):
    run()
    renders.clear()
    result = invoke("build", "--today", "2026-11-24", "-j", "1")
    assert result.output.rstrip().endswith("3 written, 0 up to date, 0 failed")
    assert "2026-11-24" in (portfolio.parent / "output" / "ann-prep.pdf").read_text()


@pytest.mark.parametrize("option", [["--paper", "letter"], ["--redact"], ["--locale", "fr-CA"]])
@pytest.mark.usefixtures("portfolio")
def test_changed_options_rebuild_everything(renders, option):
    run()
    renders.clear()
    run(*option)
    assert len(renders) == 3


@pytest.mark.usefixtures("portfolio")
def test_force_rebuilds_everything(renders):
    run()
    renders.clear()
    run("--force")
    assert len(renders) == 3


def test_a_deleted_or_edited_output_is_rebuilt(portfolio, renders):
    run()
    renders.clear()
    out = portfolio.parent / "output"
    (out / "east" / "dan-prep.pdf").unlink()
    (out / "ann-pitch.pdf").write_text("scribbled over")
    run()
    assert sorted(renders) == [Path("profiles/ann.yaml"), Path("profiles/east/dan.yaml")]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'{"version": 1, "sheets": []}',
        b'{"version": 1, "sheets": {"x": 3}, "stale": [1, null]}',
        b'{"version": 99, "sheets": {}}',
    ],
)
def test_a_corrupt_manifest_means_rebuild_never_a_crash(portfolio, renders, content):
    run()
    renders.clear()
    (portfolio.parent / "output" / MANIFEST).write_bytes(content)
    result = run()
    assert result.exit_code == 0, result.output
    assert len(renders) == 3
    json.loads((portfolio.parent / "output" / MANIFEST).read_text())  # whole again
    renders.clear()
    run()
    assert renders == []


def test_a_missing_manifest_means_rebuild(portfolio, renders):
    run()
    (portfolio.parent / "output" / MANIFEST).unlink()
    renders.clear()
    run()
    assert len(renders) == 3


@pytest.mark.usefixtures("renders")
def test_a_removed_dossier_leaves_its_outputs_listed_as_stale_until_prune(portfolio):
    run()
    (portfolio / "ann.yaml").unlink()
    out = portfolio.parent / "output"
    result = run()
    assert result.exit_code == 0
    assert (out / "ann-prep.pdf").is_file()
    assert (out / "ann-pitch.pdf").is_file()
    assert "output/ann-prep.pdf: stale" in result.stderr
    assert "2 stale (--prune removes them)" in result.output
    result = run("--prune")
    assert not (out / "ann-prep.pdf").exists()
    assert not (out / "ann-pitch.pdf").exists()
    assert "output/ann-pitch.pdf: removed (stale)" in result.stderr
    assert (out / "east" / "dan-prep.pdf").is_file()
    assert "stale" not in run().output


@pytest.mark.usefixtures("renders")
def test_an_output_a_dossier_no_longer_makes_is_stale(portfolio):
    run()
    (portfolio / "ann.yaml").write_text("name: Ann\n")  # the pitch section is gone
    result = run()
    assert "output/ann-pitch.pdf: stale" in result.stderr
    run("--prune")
    assert not (portfolio.parent / "output" / "ann-pitch.pdf").exists()
    assert (portfolio.parent / "output" / "ann-prep.pdf").exists()


@pytest.mark.usefixtures("renders")
def test_prune_never_removes_a_file_outside_the_output_folder(portfolio):
    run()
    victim = portfolio.parent / "precious.txt"
    victim.write_text("keep me")
    manifest = portfolio.parent / "output" / MANIFEST
    data = json.loads(manifest.read_text())
    digest = hashlib.sha256(b"keep me").hexdigest()
    record = {"kind": "prep", "digest": digest, "source": "/gone/precious", "redacted": False}
    data["stale"] = {"../precious.txt": record, str(victim): record}
    data["sheets"]["/gone/x.yaml"] = {
        "source": "/gone/x.yaml",
        "redacted": False,
        "keys": {},
        "outputs": {"../precious.txt": {"kind": "prep", "digest": digest}},
    }
    manifest.write_text(json.dumps(data))
    run("--prune")
    assert victim.read_text() == "keep me"


@pytest.mark.usefixtures("portfolio", "renders")
def test_a_building_subset_does_not_call_the_rest_stale():
    run()
    result = run("profiles/east")
    assert "stale" not in result.output


def test_a_failed_dossier_fails_the_build_and_the_others_are_written(portfolio, renders):
    (portfolio / "bad.yaml").write_text("name: invalid\n")
    result = run()
    assert result.exit_code == 1
    assert "profiles/bad.yaml:1:1: name: invalid on purpose" in result.stderr
    assert result.output.rstrip().endswith("3 written, 0 up to date, 1 failed")
    assert (portfolio.parent / "output" / "ann-prep.pdf").is_file()
    renders.clear()
    run()
    assert renders == [Path("profiles/bad.yaml")]  # a failure is retried, the rest skipped


def test_an_invalid_dossier_prints_its_located_errors_as_check_does(workdir):
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "bad.yaml").write_text("name: Ann\nrole: [1, 2]\n")
    result = run()  # the real renderer: validation fails before any render
    assert result.exit_code == 1
    check = invoke("check", "profiles")
    assert check.stdout.strip().splitlines()[0] in result.stderr
    assert "profiles/bad.yaml:2:" in result.stderr


@pytest.mark.usefixtures("renders")
def test_two_dossiers_one_output_name_both_are_refused_as_prep_refuses_them(workdir):
    """Issue 19 item 3: one clash rule for prep, build and --watch (build wrote the first)."""
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "dan.yaml").write_text("name: Dan\n")
    (workdir / "profiles" / "dan.yml").write_text("name: Dan Too\n")
    result = run()
    assert result.exit_code == 1
    assert (
        "profiles/dan.yaml and profiles/dan.yml: both would be written to output/dan-prep.pdf"
        in result.stderr
    )
    assert not (workdir / "output" / "dan-prep.pdf").exists()


def test_no_dossiers_is_a_clear_error(workdir):
    (workdir / "empty").mkdir()
    result = invoke("build", "empty")
    assert result.exit_code == 1
    assert "no dossier files" in result.output


def test_the_default_jobs_are_the_cores_this_process_may_use():
    assert 1 <= build.default_jobs() <= (__import__("os").cpu_count() or 1)


@pytest.mark.usefixtures("renders")
def test_the_plan_reads_and_never_writes(portfolio):
    plan = plan_build(["profiles"], job("output", dt.date(2026, 11, 23)))
    assert len(plan.todo) == 3
    assert not (portfolio.parent / "output").exists()
    report = run_build(plan, jobs=1)
    assert report.summary() == "3 written, 0 up to date, 0 failed"


@pytest.mark.usefixtures("portfolio")
def test_prep_accepts_a_folder_and_mirrors_it(monkeypatch):
    calls = []

    def fake_prep_sheet(source, job):
        calls.append((str(source), str(job.output)))
        raise build.BriefgenError(f"{source}: not rendered in this test")

    monkeypatch.setattr("briefgen.documents.prep.prep_sheet", fake_prep_sheet)
    result = invoke("prep", "profiles", "-o", "out")
    assert result.exit_code == 1
    assert sorted(calls) == [
        ("profiles/ann.yaml", "out"),
        ("profiles/east/dan.yaml", "out/east"),
        ("profiles/west/dan.yaml", "out/west"),
    ]


# -- Real renders (slow: marked render). -----------------------------------------------------


@pytest.mark.render
def test_two_renders_of_one_dossier_on_one_day_are_byte_identical(tmp_path):
    """What makes skipping safe: the output depends on nothing the fingerprint leaves out."""
    from briefgen.documents.prep import prep_sheet

    source = ROOT / "profiles" / "dan-whitfield.yaml"
    day = dt.date(2026, 11, 23)
    first = prep_sheet(source, job(tmp_path / "a", day)).pdf.read_bytes()
    second = prep_sheet(source, job(tmp_path / "b", day)).pdf.read_bytes()
    assert first == second
    other_day = prep_sheet(source, job(tmp_path / "c", day + dt.timedelta(1)))
    assert other_day.pdf.read_bytes() != first


@pytest.mark.usefixtures("portfolio")
def test_prep_reports_a_missing_path_and_still_renders_the_rest(monkeypatch):
    calls = []

    def fake_prep_sheet(source, _job):
        calls.append(str(source))
        raise build.BriefgenError(f"{source}: not rendered in this test")

    monkeypatch.setattr("briefgen.documents.prep.prep_sheet", fake_prep_sheet)
    result = invoke("prep", "nowhere.yaml", "profiles/ann.yaml")
    assert result.exit_code == 1
    assert "nowhere.yaml: no such file or folder" in result.stderr
    assert calls == ["profiles/ann.yaml"]


@pytest.mark.render
def test_a_real_build_records_what_each_output_loaded_and_a_new_file_rebuilds_nothing(workdir):
    """The render child reports the templates the sheet included (from the compiled cache
    too) and the pitch's stylesheet; a file nobody loads changes nothing, an override does."""
    profiles = workdir / "profiles"
    profiles.mkdir()
    shutil.copy(ROOT / "profiles" / "dan-whitfield.yaml", profiles / "dan.yaml")
    assert run().exit_code == 0
    manifest = json.loads((workdir / "output" / MANIFEST).read_text())
    (entry,) = manifest["sheets"].values()
    prep = {f["name"] for f in entry["loaded"]["prep"]}
    assert {"prep.html.j2", "base.html.j2", "prep.css", "prep/header.html.j2"} <= prep
    assert not any(name.startswith("pitch") for name in prep)
    (workdir / "templates" / "prep").mkdir(parents=True)
    (workdir / "templates" / "prep" / "unused.html.j2").write_text("<p>draft</p>")
    assert run().output.rstrip().endswith("0 written, 1 up to date, 0 failed")
    (workdir / "templates" / "prep.css").write_text(
        (ROOT / "templates" / "prep.css").read_text() + "\nbody { color: #111 }\n"
    )
    assert run().output.rstrip().endswith("1 written, 0 up to date, 0 failed")
