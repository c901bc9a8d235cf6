"""`briefgen diff --rev REV [PATH ...]`: every dossier as it was at a git revision against the
working tree, new, deleted and renamed ones included.

git itself is run by `dossier.history` (a list argv, never a shell; the revision resolved to a
commit id first, so nothing a user types reaches git as an option).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefgen.dossier.history import (
    git,
    in_repository,
    is_dossier_path,
    read_blob,
    resolve_commit,
)
from briefgen.dossier.load import MAX_BYTES, load_bytes
from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import validate
from briefgen.errors import BriefgenError, DossierError
from briefgen.files import ReadRefused, read_bounded
from briefgen.review.diff import DiffReport, FileDiff, Status, diff_dossiers

DEFAULT_PATHS = ("profiles",)


@dataclass(frozen=True)
class Changed:
    """One dossier file that differs between the revision and the working tree; paths are
    relative to the top of the repository, as git prints them."""

    status: Status
    old_path: str | None
    new_path: str | None


def changed_files(
    commit: str, paths: Sequence[str], top: Path, cwd: str | os.PathLike[str] | None = None
) -> list[Changed]:
    """Dossier files changed since `commit` under `paths` (relative to `cwd`): what
    `git diff --name-status -M` reports, plus files git does not track yet (new dossiers).

    git looks for renames across the whole repository, so a dossier moved into `paths` from
    elsewhere is still a rename; only then are the results narrowed to `paths`."""
    scope = [in_repository(top, path, cwd) for path in paths]
    listed = git(["diff", "--name-status", "-z", "-M", "--no-relative", "--no-color", commit], cwd)
    fields = listed.decode("utf-8", "surrogateescape").split("\0")
    found: list[Changed] = []
    index = 0
    while index < len(fields) - 1:
        code = fields[index][:1]
        old: str | None
        new: str | None
        if code in ("R", "C"):
            old, new = fields[index + 1], fields[index + 2]
            index += 3
        else:
            old = new = fields[index + 1]
            index += 2
        if code in ("A", "C"):
            old = None
        elif code == "D":
            new = None
        old = old if is_dossier_path(old) else None
        new = new if is_dossier_path(new) else None
        if not (_within(old, scope) or _within(new, scope)):
            continue
        status: Status = (
            "renamed" if old and new and old != new
            else "added" if old is None
            else "deleted" if new is None
            else "modified"
        )  # fmt: skip
        found.append(Changed(status, old, new))
    # One rule for tracked and untracked files: a path is a path, never a pattern (git would
    # read `profiles/d*` as a glob for untracked files only), and both are narrowed the same way.
    untracked = git(
        [
            *("--literal-pathspecs", "ls-files", "--others", "--exclude-standard", "--full-name"),
            *("-z", "--", *paths),
        ],
        cwd,
    )
    for path in untracked.decode("utf-8", "surrogateescape").split("\0"):
        if is_dossier_path(path) and _within(path, scope):
            found.append(Changed("added", None, path))
    return found


def _check_paths_exist(
    commit: str, paths: Sequence[str], top: Path, cwd: str | os.PathLike[str] | None
) -> None:
    """A path that names nothing, in the working tree or at the revision, is a mistake (often a
    quoted pattern: `'profiles/d*'`), not a silent "no changes"."""
    for path in paths:
        if os.path.lexists(Path(cwd or ".") / path):
            continue
        where = in_repository(top, path, cwd).as_posix()
        at_commit = git(["--literal-pathspecs", "ls-tree", "--name-only", commit, "--", where], top)
        if not at_commit.strip():
            raise BriefgenError(
                f"{path}: no such file or folder, in the working tree or at that revision"
                + (
                    " (patterns such as * are not expanded here: let the shell do it)"
                    if any(c in path for c in "*?[")
                    else ""
                )
            )


def _within(path: str | None, scope: list[PurePosixPath]) -> bool:
    return path is not None and any(PurePosixPath(path).is_relative_to(s) for s in scope)


@dataclass
class _Version:
    dossier: Dossier | None = None
    problems: tuple[str, ...] = ()


def _read(raw: bytes | None, name: str) -> _Version:
    if raw is None:
        return _Version()
    try:
        return _Version(validate(load_bytes(raw, name)))
    except DossierError as exc:
        return _Version(problems=tuple(str(problem) for problem in exc.problems))


def diff_revision(
    rev: str, paths: Sequence[str] = (), cwd: str | os.PathLike[str] | None = None
) -> DiffReport:
    """Compare every dossier under `paths` (default: profiles) at `rev` with the working tree."""
    commit = resolve_commit(rev, cwd)
    top = Path(git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    specs = list(paths) or list(DEFAULT_PATHS)
    if paths:
        _check_paths_exist(commit, specs, top, cwd)
    changed = changed_files(commit, specs, top, cwd)
    versions: dict[Changed, tuple[_Version, _Version]] = {}
    for entry in changed:
        committed = read_blob(commit, entry.old_path, cwd) if entry.old_path else None
        versions[entry] = (
            _read(committed, f"{rev}:{entry.old_path}"),
            _working_version(top, entry.new_path),
        )
    files = []
    for entry, (old, new) in sorted(
        _pair_moves(versions).items(), key=lambda item: item[0].new_path or item[0].old_path or ""
    ):
        problems = [*old.problems, *new.problems]
        changes = [] if problems else diff_dossiers(old.dossier, new.dossier)
        files.append(FileDiff(entry.old_path, entry.new_path, entry.status, changes, problems))
    return DiffReport(files, rev=rev, scope=", ".join(specs))


def _working_version(top: Path, path: str | None) -> _Version:
    """The working tree's version, read as every dossier is read: a regular file of at most
    MAX_BYTES (a committed `zz.yaml -> /dev/zero` is refused, not read until memory runs out)."""
    if path is None:
        return _Version()
    try:
        raw = read_bounded(top / path, MAX_BYTES)
    except ReadRefused as exc:
        return _Version(problems=(f"{path}: {exc.reason}",))
    return _read(raw, path)


def _pair_moves(
    versions: dict[Changed, tuple[_Version, _Version]],
) -> dict[Changed, tuple[_Version, _Version]]:
    """A dossier deleted in one place and added in another for the same person is a move, even
    when git cannot tell (a plain `mv` of a file git does not track yet, or a heavy edit)."""

    def person(version: _Version) -> str | None:
        return version.dossier.name if version.dossier else None

    deleted = [e for e in versions if e.status == "deleted" and person(versions[e][0])]
    added = [e for e in versions if e.status == "added" and person(versions[e][1])]
    paired = dict(versions)
    for gone in deleted:
        name = person(versions[gone][0])
        partners = [e for e in added if person(versions[e][1]) == name]
        twins = [e for e in deleted if person(versions[e][0]) == name]
        if len(partners) == 1 and len(twins) == 1:
            arrived = partners[0]
            del paired[gone], paired[arrived]
            moved = Changed("renamed", gone.old_path, arrived.new_path)
            paired[moved] = (versions[gone][0], versions[arrived][1])
    return paired
