"""`briefgen build`: every dossier under some folders, rendered to an output folder that
mirrors them, in parallel, and only what changed.

- **Plan** (this process, no WeasyPrint): find the dossiers, map each to its outputs
  (`profiles/east/dan.yaml` -> `DIR/east/dan-prep.pdf`), and compare each one's fingerprint
  (dossier bytes, templates, options, versions, the day) with the manifest in `DIR`.
- **Render** (workers): each worker imports WeasyPrint and compiles the templates once, then
  renders many sheets, each in its own limited render child (`render.child.isolated`) forked
  from the warm worker.
- **Record**: the manifest is rewritten atomically at the end, and only when it changed.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from briefgen import __version__
from briefgen.documents.job import Job
from briefgen.dossier.discover import find_dossiers
from briefgen.errors import BriefgenError
from briefgen.files import write_atomic
from briefgen.render.theme import Theme
from briefgen.text.i18n import ENGLISH

MANIFEST = ".briefgen-manifest.json"
MANIFEST_VERSION = 1


def output_names(source: Path, *, redacted: bool = False) -> tuple[str, str]:
    """The file names of a dossier's prep sheet and pitch PDF: the one naming rule of
    `render.output`, which `prep` and `pitch` follow too."""
    from briefgen.render.output import output_name

    return output_name(source, "prep", redacted=redacted), output_name(source, "pitch")


def default_jobs() -> int:
    """The cores this process may use (its CPU affinity), not the machine's."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return counter() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Task:
    """One dossier to build: where it is, where its outputs go, and its fingerprint."""

    source: Path
    folder: Path  # the output folder of this dossier (DIR or a sub-folder of it)
    prep: Path
    pitch: Path
    key: str
    job: Job  # what the user chose that changes the output


@dataclass
class Outcome:
    """What became of one task; plain data, so it crosses from a worker as it is."""

    source: Path
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the fit ladder shortened, warnings
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class Plan:
    """What a build will do, before it does it."""

    out_dir: Path
    job: Job
    todo: list[Task] = field(default_factory=list)
    current: list[Task] = field(default_factory=list)  # up to date: nothing to do
    refused: list[Outcome] = field(default_factory=list)  # e.g. two dossiers, one output
    manifest: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.todo) + len(self.current) + len(self.refused)


@dataclass
class Report:
    written: int = 0
    current: int = 0
    failed: int = 0
    stale: list[Path] = field(default_factory=list)
    pruned: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        line = f"{self.written} written, {self.current} up to date, {self.failed} failed"
        if self.pruned:
            line += f", {len(self.pruned)} stale removed"
        elif self.stale:
            line += f", {len(self.stale)} stale (--prune removes them)"
        return line


# -- Planning: discovery, output paths, fingerprints, the manifest. ----------------------------


def discover(paths: list[str | os.PathLike[str]], out_dir: Path) -> Iterator[tuple[Path, Path]]:
    """Each dossier under `paths` with its output folder, mirroring the folders under the PATH
    it was found in; a dossier named twice is built once."""
    seen: set[Path] = set()
    for raw in paths:
        root = Path(raw)
        for source in find_dossiers([root]):
            absolute = Path(os.path.abspath(source))
            if absolute in seen:
                continue
            seen.add(absolute)
            if root.is_dir():
                yield source, out_dir / source.parent.relative_to(root)
            else:
                yield source, out_dir


def tree_digest(dirs: tuple[Path, ...]) -> str:
    """Every file (name and bytes) in a template search path: a change to any template or
    stylesheet, built-in or the user's, makes every sheet that uses the path stale."""
    digest = hashlib.sha256()
    for folder in dirs:
        digest.update(f"dir\0{folder}\0".encode())
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(folder)}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def versions() -> str:
    """briefgen's and WeasyPrint's versions, read without importing WeasyPrint."""
    try:
        weasyprint = metadata.version("weasyprint")
    except metadata.PackageNotFoundError:  # pragma: no cover - not installed: nothing renders
        weasyprint = "none"
    return f"briefgen {__version__}; weasyprint {weasyprint}"


def fingerprint(source: Path, data: bytes, names: tuple[str, str], job: Job, trees: dict) -> str:
    """Everything a dossier's outputs depend on, as one digest. `trees` holds the template
    digests already computed in this build (each search path is read once a build)."""
    dirs = Theme.for_dossier(source).dirs
    if dirs not in trees:
        trees[dirs] = tree_digest(dirs)
    digest = hashlib.sha256()
    for part in (
        versions(),
        job.today.isoformat(),  # "in 4 days": yesterday's sheet is stale today
        f"paper={job.paper.name}; redact={job.redact}; locale={job.locale}",
        "; ".join(names),
        trees[dirs],
    ):
        digest.update(part.encode() + b"\0")
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def read_manifest(out_dir: Path) -> dict:
    """The record of the last build; anything unreadable counts as no record (rebuild)."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return _empty_manifest()
    if (
        not isinstance(data, dict)
        or data.get("version") != MANIFEST_VERSION
        or not isinstance(data.get("sheets"), dict)
        or not isinstance(data.get("stale", []), list)
    ):
        return _empty_manifest()
    sheets = {
        source: entry
        for source, entry in data["sheets"].items()
        if isinstance(entry, dict)
        and isinstance(entry.get("key"), str)
        and isinstance(entry.get("outputs"), dict)
    }
    stale = [s for s in data.get("stale", []) if isinstance(s, str)]
    return {"version": MANIFEST_VERSION, "sheets": sheets, "stale": stale}


def _empty_manifest() -> dict:
    return {"version": MANIFEST_VERSION, "sheets": {}, "stale": []}


def _inside(out_dir: Path, relative: str) -> Path | None:
    """`out_dir/relative` when it stays inside `out_dir` (a manifest is data, not orders)."""
    path = out_dir / relative
    try:
        path.resolve().relative_to(out_dir.resolve())
    except ValueError:
        return None
    return path


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _is_current(entry: dict | None, key: str, out_dir: Path) -> bool:
    """Same fingerprint, and every output still on disk as written."""
    if entry is None or entry.get("key") != key or not entry["outputs"]:
        return False
    for relative, digest in entry["outputs"].items():
        path = _inside(out_dir, relative)
        if path is None or _file_digest(path) != digest:
            return False
    return True


def plan_build(
    paths: list[str | os.PathLike[str]],
    job: Job,
    *,
    force: bool = False,
) -> Plan:
    """What to render into `job.output`, what is up to date, and what is stale; reads, never
    writes."""
    folder = job.output
    manifest = read_manifest(folder)
    plan = Plan(folder, job, manifest=manifest)
    found = list(discover(paths, folder))
    if not found:
        raise BriefgenError(
            "no dossier files (*.yaml, *.yml) found in " + ", ".join(map(str, paths))
        )
    claimed: dict[Path, Path] = {}
    trees: dict[tuple[Path, ...], str] = {}
    for source, target_dir in found:
        names = output_names(source, redacted=job.redact)
        prep_path, pitch_path = target_dir / names[0], target_dir / names[1]
        other = claimed.get(prep_path)
        if other is not None:
            plan.refused.append(
                Outcome(
                    source,
                    error=f"{source}: its sheet would overwrite {other}'s ({prep_path}); "
                    "rename one of the two files",
                )
            )
            continue
        claimed[prep_path] = source
        try:
            data = source.read_bytes()
        except OSError as exc:
            plan.refused.append(Outcome(source, error=f"{source}: cannot read: {exc.strerror}"))
            continue
        key = fingerprint(source, data, names, job, trees)
        task = Task(source, target_dir, prep_path, pitch_path, key, job)
        entry = manifest["sheets"].get(_source_key(source))
        if not force and _is_current(entry, key, folder):
            plan.current.append(task)
        else:
            plan.todo.append(task)
    return plan


def _source_key(source: Path) -> str:
    return os.path.abspath(source)


def stale_outputs(manifest: dict, out_dir: Path) -> list[Path]:
    """Outputs of dossiers that are gone, and outputs a dossier no longer makes (a removed
    `pitch:` section): left alone and listed; `--prune` removes them."""
    candidates = list(manifest["stale"])
    current = set()
    for source, entry in manifest["sheets"].items():
        if os.path.exists(source):
            current.update(entry["outputs"])
        else:
            candidates += list(entry["outputs"])
    stale = []
    for relative in dict.fromkeys(candidates):
        path = _inside(out_dir, relative)
        if path is not None and relative not in current and path.is_file():
            stale.append(path)
    return stale


# -- Rendering: one task, in a warm worker. ----------------------------------------------------

_warm = False


def warm_up() -> None:
    """Import WeasyPrint, compile the built-in templates and lay out a scrap of text once, so
    that each render child forked from this process starts warm."""
    global _warm
    if _warm:
        return
    from briefgen.documents.prep import PREP_TEMPLATE, prep_environment
    from briefgen.render.pdf import lay_out

    theme = Theme.for_dossier(None)
    prep_environment(theme, ENGLISH).get_template(PREP_TEMPLATE)
    lay_out("<p>briefgen</p>", assets=list(theme.dirs))  # fonts and Pango, for every child
    _warm = True


def render_task(task: Task) -> Outcome:
    """Render one dossier's prep sheet, and its pitch PDF when it has a `pitch:` section. Every
    user mistake comes back as the outcome's error, never as an exception."""
    from briefgen.documents.pitch import make_pitch
    from briefgen.documents.prep import prep_sheet
    from briefgen.dossier.validate import load_dossier

    outcome = Outcome(task.source)
    try:
        dossier = load_dossier(task.source)
        warm_up()
        result = prep_sheet(task.source, task.job.into(task.folder))
        outcome.written.append(result.pdf)
        if result.report():
            outcome.notes.append(result.report())
        outcome.notes += [f"{task.source}: {w}" for w in result.warnings]
        if dossier.pitch is not None:  # its PDF is laid out in a limited render child too
            made = make_pitch(
                task.source, output_format="pdf", output=task.pitch, locale=task.job.locale
            )
            assert made.path is not None
            outcome.written.append(made.path)
            outcome.notes += list(made.notes)
    except BriefgenError as exc:
        outcome.error = str(exc)
    return outcome


# -- Running: the pool, the callbacks, the manifest. -------------------------------------------


def run_build(
    plan: Plan,
    *,
    jobs: int | None = None,
    prune: bool = False,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> Report:
    """Render what the plan says, calling `on_outcome` as each dossier finishes (in the order
    they finish), then record the build in the manifest."""
    report = Report(current=len(plan.current))
    manifest = plan.manifest
    before = json.dumps(manifest, sort_keys=True)
    for outcome in plan.refused:
        report.failed += 1
        on_outcome(outcome)
    try:
        for task, outcome in _render_all(plan.todo, jobs or default_jobs()):
            if outcome.failed:
                report.failed += 1
            else:
                report.written += 1
                _record(manifest, plan.out_dir, task, outcome)
            on_outcome(outcome)
        report.stale = stale_outputs(manifest, plan.out_dir)
        if prune:
            report.pruned = _prune(report.stale)
            report.stale = []
            _forget(manifest, plan.out_dir)
    finally:  # interrupted or not, what was written is recorded
        if json.dumps(manifest, sort_keys=True) != before:
            data = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
            write_atomic(plan.out_dir / MANIFEST, data.encode("utf-8"))
    return report


def _render_all(todo: list[Task], jobs: int) -> Iterator[tuple[Task, Outcome]]:
    if jobs <= 1 or len(todo) <= 1:
        for task in todo:
            yield task, render_task(task)
        return
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork (Windows): one process
        yield from ((task, render_task(task)) for task in todo)
        return
    workers = min(jobs, len(todo))
    with concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=warm_up
    ) as pool:
        futures = {pool.submit(render_task, task): task for task in todo}
        try:
            for future in concurrent.futures.as_completed(futures):
                task = futures[future]
                try:
                    yield task, future.result()
                except concurrent.futures.process.BrokenProcessPool:
                    died = f"could not render {task.source}: its worker process died"
                    yield task, Outcome(task.source, error=died)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _relative(out_dir: Path, path: Path) -> str:
    return Path(os.path.relpath(path, out_dir)).as_posix()


def _record(manifest: dict, out_dir: Path, task: Task, outcome: Outcome) -> None:
    source = _source_key(task.source)
    old = manifest["sheets"].get(source)
    outputs = {_relative(out_dir, p): _file_digest(p) or "" for p in outcome.written}
    if old is not None:  # what it made before and no longer makes: stale
        manifest["stale"] += [r for r in old["outputs"] if r not in outputs]
    manifest["stale"] = [r for r in manifest["stale"] if r not in outputs]
    manifest["sheets"][source] = {"key": task.key, "outputs": outputs}


def _prune(stale: list[Path]) -> list[Path]:
    removed = []
    for path in stale:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise BriefgenError(f"{path}: cannot remove: {exc.strerror}") from None
        removed.append(path)
    return removed


def _forget(manifest: dict, out_dir: Path) -> None:
    """After a prune: no stale list, no entries for dossiers that are gone."""
    manifest["stale"] = []
    for source in [s for s in manifest["sheets"] if not os.path.exists(s)]:
        del manifest["sheets"][source]
