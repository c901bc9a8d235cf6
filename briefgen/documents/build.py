"""`briefgen build`: every dossier under some folders, rendered to an output folder that
mirrors them, in parallel, and only what changed.

- **Plan** (this process, no WeasyPrint): find the dossiers, map each to its outputs by the
  project's root (`profiles/east/dan.yaml` -> `DIR/east/dan-prep.pdf`,
  `clients/east/dan.yaml` -> `DIR/clients/east/dan-prep.pdf`), refuse clashes by the one rule
  of `render.output`, and compare each output's fingerprint (dossier bytes, options,
  versions, the day, the template folders' catalogues) with the manifest in `DIR`, and the
  templates and assets it loaded when it was rendered (their names, search paths and bytes,
  recorded by `render.loaded`) with the files now on its search path: an output is rebuilt
  when one of them changed or a file earlier on the search path now shadows one, so a pitch
  stylesheet change rebuilds pitches, a prep partial the sheets that include it, and an
  unrelated file nothing.
- **Render** (workers): each worker imports WeasyPrint and compiles the templates once, then
  renders many sheets, each in its own limited render child (`render.child.isolated`) forked
  from the warm worker. Workers die with the build however it ends (Ctrl-C, TERM, KILL); a
  worker that dies fails only the dossier it held.
- **Record**: the manifest is rewritten atomically at the end, and only when it changed; it
  records only outputs that were finished. `--prune` removes only what the manifest says
  briefgen wrote, named by the naming rule for its dossier, with the bytes it wrote.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import multiprocessing
import os
import signal
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from briefgen import __version__
from briefgen.documents.job import Job
from briefgen.dossier.load import MAX_BYTES
from briefgen.dossier.project import Project, find_root
from briefgen.errors import BriefgenError
from briefgen.files import ReadRefused, check_folder, read_bounded, signals_unwind, write_atomic
from briefgen.render import loaded as loads
from briefgen.render.output import assign_outputs, discover, output_name
from briefgen.render.theme import Theme
from briefgen.text.i18n import ENGLISH

MANIFEST = ".briefgen-manifest.json"
MANIFEST_VERSION = 3  # 3: each output records the files it loaded
MANIFEST_LIMIT = 16 * 2**20  # a manifest of 100,000 sheets is about 30 MB less than this
KINDS = ("prep", "pitch")
TEMPLATE_FILES = 10_000  # files hashed in one template folder; past it, names and sizes
TEMPLATE_BYTES = 64 * 2**20  # a template file larger than this is fingerprinted by size
LOADED_FILES = 2_000  # files one output may record as loaded; past it, it is always rebuilt
SEARCH_FOLDERS = 32  # folders of one recorded search path; past it, always rebuilt


def output_names(source: Path, *, redacted: bool = False) -> tuple[str, str]:
    """The file names of a dossier's prep sheet and pitch PDF: the one naming rule of
    `render.output`, which `prep` and `pitch` follow too."""
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
    """One dossier to build: where it is, where its outputs go, their fingerprints, and which
    of its outputs (`kinds`) are out of date."""

    source: Path
    folder: Path  # the output folder of this dossier (DIR or a sub-folder of it)
    prep: Path
    pitch: Path
    key: str
    job: Job  # what the user chose that changes the output
    kinds: tuple[str, ...] = KINDS
    keys: tuple[tuple[str, str], ...] = ()  # (kind, fingerprint)
    out_dir: Path | None = None  # DIR, which no output may leave


@dataclass
class Outcome:
    """What became of one task; plain data, so it crosses from a worker as it is."""

    source: Path
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the page engine cut, warnings
    error: str | None = None
    loaded: dict[str, list[loads.Loaded]] = field(default_factory=dict)  # kind -> files

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class BuildPlan:
    """What a build will do, before it does it."""

    out_dir: Path
    job: Job
    todo: list[Task] = field(default_factory=list)
    current: list[Task] = field(default_factory=list)  # up to date: nothing to do
    refused: list[Outcome] = field(default_factory=list)  # e.g. two dossiers, one output
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.todo) + len(self.current) + len(self.refused)


@dataclass
class BuildReport:
    written: int = 0
    current: int = 0
    failed: int = 0
    stale: list[Path] = field(default_factory=list)
    pruned: list[Path] = field(default_factory=list)
    kept: list[tuple[Path, str]] = field(default_factory=list)  # stale, not provably ours

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        line = f"{self.written} written, {self.current} up to date, {self.failed} failed"
        if self.pruned:
            line += f", {len(self.pruned)} stale removed"
        elif self.stale:
            line += f", {len(self.stale)} stale (--prune removes them)"
        if self.kept:
            line += f", {len(self.kept)} listed and kept"
        return line


# -- Planning: discovery, output paths, fingerprints, the manifest. ----------------------------


def template_files(kind: str, dirs: tuple[Path, ...]) -> Iterator[tuple[str, Path]]:
    """The template files an output of `kind` can load from a search path: a pitch loads from
    the `pitch/` folders only (a pitch template cannot reach the prep ones); a prep sheet from
    the rest (never `pitch/`, nor the `new-*.yaml` dossier starters). Regular files and
    symlinks only, never followed out, hidden files skipped, at most TEMPLATE_FILES a folder."""
    for folder in dirs:
        top = folder / "pitch" if kind == "pitch" else folder
        count = 0
        for current, subdirs, files in os.walk(top, followlinks=False):
            here = Path(current)
            subdirs[:] = sorted(
                d
                for d in subdirs
                if not d.startswith(".") and not (kind == "prep" and here == top and d == "pitch")
            )
            for name in sorted(files):
                if name.startswith(".") or (kind == "prep" and name.startswith("new-")):
                    continue
                count += 1
                if count > TEMPLATE_FILES:
                    return
                yield f"{folder}\0{(here / name).relative_to(folder).as_posix()}", here / name


def tree_digest(kind: str, dirs: tuple[Path, ...]) -> str:
    """The catalogues (`locales/`) among the template files an output of `kind` can load (see
    `template_files`), names and bytes: the translations a template folder adds are read by
    the environment, not loaded as templates, so they are not in an output's record of what it
    loaded. Bounded: a symlink is hashed as the text it points to (never followed: its target,
    inside, is hashed itself), a device or FIFO by its kind, a file over TEMPLATE_BYTES by its
    size and time."""
    digest = hashlib.sha256(f"{kind}\0".encode())
    for name, path in template_files(kind, dirs):
        if "locales" not in name.split("\0", 1)[1].split("/")[:-1]:
            continue
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_template_digest(path))
    return digest.hexdigest()


def _template_digest(path: Path) -> bytes:
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return b"link:" + os.fsencode(path.readlink())
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()
    if not stat.S_ISREG(info.st_mode):
        return b"not a file"
    if info.st_size > TEMPLATE_BYTES:
        return f"size:{info.st_size}:{info.st_mtime_ns}".encode()
    found = _stream_digest(path, TEMPLATE_BYTES)
    return bytes.fromhex(found) if found else b"unreadable or swapped"


@cache
def versions() -> str:
    """briefgen's and WeasyPrint's versions, read without importing WeasyPrint."""
    try:
        weasyprint = metadata.version("weasyprint")
    except metadata.PackageNotFoundError:  # pragma: no cover - not installed: nothing renders
        weasyprint = "none"
    return f"briefgen {__version__}; weasyprint {weasyprint}"


def fingerprint(
    source: Path,
    data: bytes,
    kind: str,
    name: str,
    job: Job,
    trees: dict[tuple[str, tuple[Path, ...]], str],
) -> str:
    """Everything one output of a dossier depends on, as one digest, but the templates and
    assets it loads (recorded when it is rendered: see `_loaded_changed`). `trees` holds the
    catalogue digests already computed in this build (each search path is read once a build)."""
    dirs = Theme.for_dossier(source).dirs
    if (kind, dirs) not in trees:
        trees[kind, dirs] = tree_digest(kind, dirs)
    digest = hashlib.sha256()
    for part in (
        versions(),
        kind,
        job.today.isoformat(),  # "in 4 days": yesterday's sheet is stale today
        # a pitch is made from the pitch: section alone: --redact does not change it
        f"paper={job.paper.name}; redact={job.redact and kind == 'prep'}; locale={job.locale}",
        name,
        trees[kind, dirs],
    ):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def read_manifest(out_dir: Path) -> dict[str, Any]:
    """The record of the last build; anything odd (unreadable, not a regular file, too large,
    too deep, another shape) counts as no record: a full rebuild, never a hang or a crash."""
    try:
        raw = read_bounded(out_dir / MANIFEST, MANIFEST_LIMIT, "a build manifest")
        data = json.loads(raw.decode("utf-8"))
    except (ReadRefused, ValueError, RecursionError, MemoryError):
        return _empty_manifest()
    if (
        not isinstance(data, dict)
        or data.get("version") != MANIFEST_VERSION
        or not isinstance(data.get("sheets"), dict)
        or not isinstance(data.get("stale", {}), dict)
    ):
        return _empty_manifest()
    sheets = {
        key: entry
        for key, entry in data["sheets"].items()
        if isinstance(entry, dict)
        and isinstance(entry.get("source"), str)
        and isinstance(entry.get("redacted"), bool)
        and isinstance(entry.get("keys"), dict)
        and all(isinstance(v, str) for v in entry["keys"].values())
        and isinstance(entry.get("outputs"), dict)
        and all(_is_output(v) for v in entry["outputs"].values())
    }
    stale = {
        relative: entry
        for relative, entry in data.get("stale", {}).items()
        if _is_output(entry)
        and isinstance(entry.get("source"), str)
        and isinstance(entry.get("redacted"), bool)
    }
    for entry in sheets.values():  # a malformed record of what was loaded: that kind rebuilds
        loaded = entry.get("loaded")
        entry["loaded"] = {
            kind: files
            for kind, files in (loaded.items() if isinstance(loaded, dict) else ())
            if kind in KINDS and _is_loaded(files)
        }
    return {"version": MANIFEST_VERSION, "sheets": sheets, "stale": stale}


def _is_loaded(files: object) -> bool:
    """A well-formed record of the files one output loaded (see `_loaded_record`)."""
    return (
        isinstance(files, list)
        and len(files) <= LOADED_FILES
        and all(
            isinstance(f, dict)
            and all(isinstance(f.get(k), str) for k in ("name", "path", "digest"))
            and isinstance(f.get("folders"), list)
            and 0 < len(f["folders"]) <= SEARCH_FOLDERS
            and all(isinstance(d, str) for d in f["folders"])
            for f in files
        )
    )


def _is_output(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and entry.get("kind") in KINDS
        and isinstance(entry.get("digest"), str)
    )


def _empty_manifest() -> dict[str, Any]:
    return {"version": MANIFEST_VERSION, "sheets": {}, "stale": {}}


def _inside(out_dir: Path, relative: str) -> Path | None:
    """`out_dir/relative` when it is a regular file reached without a symlink inside
    `out_dir` (a manifest is data, not orders)."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts:
        return None
    path = out_dir.joinpath(*parts)
    try:
        check_folder(out_dir, path.parent)
        info = path.lstat()
    except (BriefgenError, OSError):
        return None
    return path if stat.S_ISREG(info.st_mode) else None


OUTPUT_BYTES = 2**30  # an output larger than this is not one briefgen wrote


def _file_digest(path: Path) -> str | None:
    """The SHA-256 of an output: see `_stream_digest`."""
    return _stream_digest(path, OUTPUT_BYTES)


def _stream_digest(path: Path, limit: int) -> str | None:
    """The SHA-256 of the regular file at `path`, read in chunks (never whole into memory),
    without following a symlink or waiting on a FIFO; None for anything else or anything
    over `limit` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    digest = hashlib.sha256()
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        read = 0
        while chunk := os.read(fd, 2**20):
            read += len(chunk)
            if read > limit:
                return None
            digest.update(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return digest.hexdigest()


def _entry_key(source: Path | str, redacted: bool) -> str:
    """A dossier's manifest entry: one for its plain outputs, one for its redacted ones, so
    `--redact` never makes the plain sheet of a dossier that still exists stale."""
    absolute = os.path.abspath(source)  # noqa: PTH100 - symlinks kept
    return f"{absolute}\0redacted" if redacted else absolute


def template_roots(source: Path) -> list[Path]:
    """The template folders a dossier's search paths are made from, most specific first: the
    user's `templates/` folders (`dossier.project`), then the built-in one."""
    return [*Project(find_root(source)).template_dirs(source), *Theme.for_dossier(None).dirs]


def _loaded_record(source: Path, loaded: list[loads.Loaded], digests: Digests) -> list[Any]:
    """What one output loaded, for the manifest: each file's name, its search path as folders
    below the template roots (`pitch/fr`, `pitch`, or `` for the root itself: a `templates/`
    folder made later joins it), the file found and its bytes' digest."""
    roots = [os.path.realpath(r) for r in template_roots(source)]
    files = []
    for name, search, found in sorted(set(loaded)):
        folders: list[str] = []
        for folder in search:
            real = os.path.realpath(folder)
            below = next(
                (r for r in roots if real == r or real.startswith(r.rstrip("/") + "/")), None
            )
            relative = folder if below is None else Path(os.path.relpath(real, below)).as_posix()
            relative = "" if relative == "." else relative
            if relative not in folders:
                folders.append(relative)
        files.append({"name": name, "folders": folders, "path": found, "digest": digests.of(found)})
    return files


class Digests:
    """The digests of template files, each file read once a build."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def of(self, path: str) -> str:
        real = os.path.realpath(path)
        if real not in self.known:
            self.known[real] = _template_digest(Path(real)).hex()
        return self.known[real]


def _loaded_changed(source: Path, files: list[Any], digests: Digests) -> bool:
    """Whether a file an output loaded changed, is gone, or is now shadowed: looked up again
    on its search path (today's template folders), its name must find the same file with the
    same bytes."""
    roots = template_roots(source)
    for entry in files:
        name = entry["name"]
        if Path(name).is_absolute() or ".." in Path(name).parts or "\0" in name:
            return True
        search = [
            Path(folder) if Path(folder).is_absolute() else root / folder
            for folder in entry["folders"]
            for root in ([Path()] if Path(folder).is_absolute() else roots)
        ]
        found = next((d / name for d in search if (d / name).is_file()), None)
        if found is None or os.path.realpath(found) != os.path.realpath(entry["path"]):
            return True
        if digests.of(str(found)) != entry["digest"]:
            return True
    return False


def _stale_kinds(
    entry: dict[str, Any] | None,
    keys: dict[str, str],
    out_dir: Path,
    source: Path,
    digests: Digests,
) -> tuple[str, ...]:
    """The kinds of output whose fingerprint changed, whose loaded files changed or are now
    shadowed, or whose file is gone or edited."""
    if entry is None:
        return KINDS
    stale = []
    for kind in KINDS:
        if entry["keys"].get(kind) != keys[kind]:
            stale.append(kind)
            continue
        files = entry["loaded"].get(kind)
        if files is None or _loaded_changed(source, files, digests):
            stale.append(kind)
            continue
        for relative, output in entry["outputs"].items():
            if output["kind"] != kind:
                continue
            path = _inside(out_dir, relative)
            if path is None or _file_digest(path) != output["digest"]:
                stale.append(kind)
                break
    if "prep" in keys and not any(o["kind"] == "prep" for o in entry["outputs"].values()):
        stale.append("prep")  # every dossier has a sheet: none recorded is a failed one
    return tuple(k for k in KINDS if k in stale)


def plan_build(
    paths: list[str | os.PathLike[str]],
    job: Job,
    *,
    force: bool = False,
) -> BuildPlan:
    """What to render into `job.output`, what is up to date, and what is stale; reads, never
    writes."""
    folder = job.output
    manifest = read_manifest(folder)
    plan = BuildPlan(folder, job, manifest=manifest)
    found = list(discover(paths, folder))
    if not found:
        raise BriefgenError(
            "no dossier files (*.yaml, *.yml) found in " + ", ".join(map(str, paths))
        )
    outputs = assign_outputs(found, "prep", redacted=job.redact)
    plan.refused += [Outcome(Path(), error=clash) for clash in outputs.clashes]
    trees: dict[tuple[str, tuple[Path, ...]], str] = {}
    digests = Digests()
    for source, target_dir in found:
        if source not in outputs.targets:
            continue  # a clash (reported above) or named twice
        names = output_names(source, redacted=job.redact)
        try:
            check_folder(folder, target_dir)
            data = read_bounded(source, MAX_BYTES)
        except BriefgenError as exc:
            plan.refused.append(Outcome(source, error=str(exc)))
            continue
        keys = {
            kind: fingerprint(source, data, kind, name, job, trees)
            for kind, name in zip(KINDS, names, strict=True)
        }
        entry = manifest["sheets"].get(_entry_key(source, job.redact))
        kinds = KINDS if force else _stale_kinds(entry, keys, folder, source, digests)
        task = Task(
            source,
            target_dir,
            target_dir / names[0],
            target_dir / names[1],
            keys["prep"],
            job,
            kinds=kinds,
            keys=tuple(keys.items()),
            out_dir=folder,
        )
        (plan.todo if kinds else plan.current).append(task)
    return plan


def stale_outputs(manifest: dict[str, Any], out_dir: Path) -> list[Path]:
    """Outputs of dossiers that are gone, and outputs a dossier no longer makes (a removed
    `pitch:` section): left alone and listed; `--prune` removes those it can prove it wrote."""
    current: set[str] = set()
    candidates: list[str] = list(manifest["stale"])
    for entry in manifest["sheets"].values():
        if os.path.lexists(entry["source"]):
            current.update(entry["outputs"])
        else:
            candidates += list(entry["outputs"])
    stale = []
    for relative in dict.fromkeys(candidates):
        path = _inside(out_dir, relative)
        if path is not None and relative not in current:
            stale.append(path)
    return stale


def provably_ours(manifest: dict[str, Any], out_dir: Path, path: Path) -> str | None:
    """None when `path` is an output briefgen wrote and may remove: recorded for a dossier, its
    name the naming rule's for that dossier and kind, its bytes those recorded when written;
    else why it is kept."""
    relative = _relative(out_dir, path)
    records = [manifest["stale"][relative]] if relative in manifest["stale"] else []
    records += [
        {**e["outputs"][relative], "source": e["source"], "redacted": e["redacted"]}
        for e in manifest["sheets"].values()
        if relative in e["outputs"] and not os.path.lexists(e["source"])
    ]
    if not records:
        return "not recorded as an output"
    for record in records:
        kind = record["kind"]
        expected = output_name(
            record["source"], kind, redacted=record["redacted"] and kind == "prep"
        )
        if path.name != expected:
            continue
        if _file_digest(path) == record["digest"]:
            return None
        return "changed since briefgen wrote it"
    return "not named as briefgen names its outputs"


# -- Rendering: one task, in a warm worker. ----------------------------------------------------


@cache
def warm_up() -> None:
    """Import WeasyPrint, compile the built-in templates and lay out a scrap of text once, so
    that each render child forked from this process starts warm."""
    from briefgen.documents.prep import PREP_TEMPLATE, prep_environment
    from briefgen.render.pdf import lay_out

    theme = Theme.for_dossier(None)
    prep_environment(theme, ENGLISH).get_template(PREP_TEMPLATE)
    lay_out("<p>briefgen</p>", assets=list(theme.dirs))  # fonts and Pango, for every child


def render_task(task: Task) -> Outcome:
    """Render the out-of-date outputs of one dossier: its prep sheet, and its pitch PDF when it
    has a `pitch:` section. Every failure, a user's mistake or a crash inside the renderer,
    comes back as the outcome's error, never as an exception."""
    from briefgen.documents.pitch import make_pitch
    from briefgen.documents.prep import prep_sheet
    from briefgen.dossier.validate import load_dossier

    outcome = Outcome(task.source)
    loads.collect()  # what an earlier task's render children loaded is theirs
    try:
        dossier = load_dossier(task.source)
        if task.out_dir is not None:  # checked again here, just before writing
            check_folder(task.out_dir, task.folder)
        warm_up()
        if "prep" in task.kinds:
            result = prep_sheet(task.source, task.job.into(task.folder))
            outcome.written.append(result.pdf)
            outcome.loaded["prep"] = loads.collect()
            if result.report():
                outcome.notes.append(result.report())
            outcome.notes += [f"{task.source}: {w}" for w in result.warnings]
        if "pitch" in task.kinds and dossier.pitch is not None:
            # its PDF is laid out in a limited render child too, on the build's paper
            extra: dict[str, Any] = {}
            if "paper" in inspect.signature(make_pitch).parameters:  # the pitch engineer's
                extra["paper"] = task.job.paper
            made = make_pitch(
                task.source,
                output_format="pdf",
                output=task.pitch,
                locale=task.job.locale,
                **extra,
            )
            assert made.path is not None
            outcome.written.append(made.path)
            outcome.loaded["pitch"] = loads.collect()
            outcome.notes += list(made.notes)
    except BriefgenError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a crash inside WeasyPrint (the render child's traceback)
        last = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
        outcome.error = f"could not render {task.source}: the renderer failed ({last})"
    return outcome


# -- Running: the workers, the callbacks, the manifest. ----------------------------------------


def run_build(
    plan: BuildPlan,
    *,
    jobs: int | None = None,
    prune: bool = False,
    on_outcome: Callable[[Outcome], None] = lambda _outcome: None,
) -> BuildReport:
    """Render what the plan says, calling `on_outcome` as each dossier finishes (in the order
    they finish), then record the build in the manifest. Interrupted (Ctrl-C, TERM, HUP), the
    workers are killed and the manifest records only the outputs that were finished."""
    report = BuildReport(current=len(plan.current))
    manifest = plan.manifest
    before = json.dumps(manifest, sort_keys=True)
    for outcome in plan.refused:
        report.failed += 1
        on_outcome(outcome)
    try:
        with signals_unwind():  # TERM, HUP: SystemExit, so the workers die and the record is kept
            for task, outcome in _render_all(plan.todo, jobs or default_jobs()):
                if outcome.failed:
                    report.failed += 1
                else:  # a pitch stylesheet changed, and this dossier has no pitch: up to date
                    if outcome.written:
                        report.written += 1
                    else:
                        report.current += 1
                    _record(manifest, plan.out_dir, task, outcome)
                on_outcome(outcome)
        report.stale = stale_outputs(manifest, plan.out_dir)
        if prune:
            ours = []
            for path in report.stale:
                why = provably_ours(manifest, plan.out_dir, path)
                if why is None:
                    ours.append(path)
                else:
                    report.kept.append((path, why))
            report.pruned = _prune(ours)
            report.stale = []
            _forget(manifest, plan.out_dir, report.pruned)
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
    yield from _Workers(context, min(jobs, len(todo))).run(todo)


class _Workers:
    """A few forked worker processes, each holding at most one task. Unlike a process pool,
    it knows which task a worker held when the worker died (that dossier fails, and the others
    go on in a new worker), and it kills every worker when the build ends, however it ends."""

    def __init__(self, context: Any, count: int) -> None:
        self.context = context
        self.count = count
        self.workers: dict[Any, tuple[Any, Task | None]] = {}  # connection -> (process, task)

    def _start(self) -> Any:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker, args=(child, os.getpid()), name="briefgen-build"
        )
        process.start()
        child.close()
        self.workers[parent] = (process, None)
        return parent

    def run(self, todo: list[Task]) -> Iterator[tuple[Task, Outcome]]:
        queue = list(reversed(todo))
        try:
            for _ in range(self.count):
                self._start()
            while queue or any(task for _, task in self.workers.values()):
                for connection, (process, held) in list(self.workers.items()):
                    if held is None and queue:
                        task = queue.pop()
                        try:
                            connection.send(task)
                        except OSError:  # died idle: the task goes back, a new worker starts
                            queue.append(task)
                            self._retire(connection)
                            self._start()
                            continue
                        self.workers[connection] = (process, task)
                busy = {c: p for c, (p, t) in self.workers.items() if t is not None}
                if not busy:
                    continue
                ready = wait([*busy, *(p.sentinel for p in busy.values())])
                for connection, process in busy.items():
                    held = self.workers[connection][1]
                    assert held is not None
                    task = held
                    if connection in ready:
                        try:
                            outcome = connection.recv()
                        except (EOFError, OSError):
                            outcome = None
                        if isinstance(outcome, Outcome):
                            self.workers[connection] = (process, None)
                            yield task, outcome
                            continue
                    elif process.sentinel not in ready:
                        continue
                    self._retire(connection)  # it died holding `task`: that one fails
                    died = f"could not render {task.source}: its worker process died"
                    yield task, Outcome(task.source, error=died)
                    if queue:
                        self._start()
        finally:
            for connection in list(self.workers):
                self._retire(connection)

    def _retire(self, connection: Any) -> None:
        process, _ = self.workers.pop(connection)
        with contextlib.suppress(OSError):
            connection.close()
        if process.is_alive():
            process.kill()  # its render child dies with it (PR_SET_PDEATHSIG)
        process.join()


def _worker(connection: Any, parent: int) -> None:
    """A build worker: dies with the build (Linux kills it when its parent goes, however the
    parent goes); Ctrl-C is the build's, which kills it; renders one task at a time."""
    from briefgen.render.child import die_with_parent

    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    warm_up()
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            os._exit(0)
        if task is None:
            os._exit(0)
        outcome = render_task(task)
        if os.getppid() != parent:  # the build is gone: nobody to hand it to
            os._exit(1)
        try:
            connection.send(outcome)
        except OSError:
            os._exit(1)


def _relative(out_dir: Path, path: Path) -> str:
    return Path(os.path.relpath(path, out_dir)).as_posix()


def _record(manifest: dict[str, Any], out_dir: Path, task: Task, outcome: Outcome) -> None:
    """The outputs of the kinds this task rendered replace those recorded before; one it made
    before and no longer makes (a removed `pitch:` section) is stale."""
    key = _entry_key(task.source, task.job.redact)
    old = manifest["sheets"].get(key) or {
        "source": os.path.abspath(task.source),  # noqa: PTH100 - symlinks kept
        "redacted": task.job.redact,
        "keys": {},
        "outputs": {},
        "loaded": {},
    }
    keys = dict(task.keys) or dict.fromkeys(KINDS, task.key)
    outputs = {r: o for r, o in old["outputs"].items() if o["kind"] not in task.kinds}
    made = {}
    for path in outcome.written:
        kind = "pitch" if path == task.pitch else "prep"
        digest = _file_digest(path)
        if kind in task.kinds and digest is not None:
            made[_relative(out_dir, path)] = {"kind": kind, "digest": digest}
    for relative, output in old["outputs"].items():
        if output["kind"] in task.kinds and relative not in made:
            manifest["stale"][relative] = {
                **output,
                "source": old["source"],
                "redacted": old["redacted"],
            }
    for relative in made:
        manifest["stale"].pop(relative, None)
    manifest["sheets"][key] = {
        "source": old["source"],
        "redacted": task.job.redact,
        "keys": {**old["keys"], **{k: keys[k] for k in task.kinds}},
        "outputs": {**outputs, **made},
        "loaded": {
            **{k: v for k, v in old.get("loaded", {}).items() if k not in task.kinds},
            **{  # a kind it rendered and did not make (no pitch: section) loaded nothing
                k: _loaded_record(task.source, outcome.loaded.get(k, []), Digests())
                for k in task.kinds
            },
        },
    }


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


def _forget(manifest: dict[str, Any], out_dir: Path, removed: list[Path]) -> None:
    """After a prune: what was removed is no longer recorded, nor are dossiers that are gone
    and left nothing behind."""
    gone = {_relative(out_dir, p) for p in removed}
    for relative in gone:
        manifest["stale"].pop(relative, None)
    for key, entry in list(manifest["sheets"].items()):
        if os.path.lexists(entry["source"]):
            continue
        entry["outputs"] = {r: o for r, o in entry["outputs"].items() if r not in gone}
        if not entry["outputs"]:
            del manifest["sheets"][key]
