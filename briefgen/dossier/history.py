"""Dossiers as they were in git: commits with their dates, the dossier files at a commit, and
their blobs read and validated, never checking anything out. Used by `diff --rev`
(review/gitrev.py) and by the account plan's trend (documents/plan.py).

git runs as a subprocess with a list argv, never through a shell, and a revision is resolved
to a commit id first, so nothing a user types reaches git as an option.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from briefgen.dossier.discover import DOSSIER_SUFFIXES
from briefgen.dossier.load import MAX_BYTES, load_bytes
from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import validate
from briefgen.errors import BriefgenError, DossierError

Cwd = str | os.PathLike[str] | None


def git(args: Sequence[str], cwd: Cwd = None, stdin: bytes | None = None) -> bytes:
    """Run git; its complaint becomes a BriefgenError (not a repository, unknown path...)."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise BriefgenError("git is not installed (or not on PATH)") from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BriefgenError(f"git {args[0]}: {lines[-1] if lines else 'failed'}")
    return result.stdout


def resolve_commit(rev: str, cwd: Cwd = None) -> str:
    """The commit id `rev` names, or a BriefgenError that says it names none."""
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise BriefgenError("git is not installed (or not on PATH)") from None
    if found.returncode != 0:
        git(["rev-parse", "--show-toplevel"], cwd)  # "not a git repository" says it better
        raise BriefgenError(f"{rev}: not a commit in this repository")
    return found.stdout.decode().strip()


def read_blob(commit: str, path: str, cwd: Cwd = None) -> bytes:
    """The bytes of `path` (relative to the top of the repository) at `commit`."""
    return git(["cat-file", "blob", f"{commit}:{path}"], cwd)


def is_dossier_path(path: str | None) -> bool:
    """A dossier file as discovery finds one: *.yaml or *.yml, in no hidden folder."""
    if path is None:
        return False
    parts = PurePosixPath(path).parts
    return path.endswith(DOSSIER_SUFFIXES) and not any(part.startswith(".") for part in parts)


def repository_top(cwd: Cwd = None) -> Path | None:
    """The top of the git working tree `cwd` lies in; None outside one (or without git)."""
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True, check=False
        )
    except FileNotFoundError:
        return None
    if found.returncode != 0:
        return None
    return Path(found.stdout.decode("utf-8", "surrogateescape").strip())


@dataclass(frozen=True)
class Commit:
    id: str
    day: dt.date  # the committer date, in the committer's own zone


def commits(top: Path) -> list[Commit]:
    """HEAD's history, newest first (by committer date); empty in a repository with no commit
    yet."""
    try:
        listed = git(["log", "--format=%H %cs", "HEAD"], top)
    except BriefgenError:
        return []
    found = []
    for line in listed.decode().splitlines():
        commit, day = line.split()
        found.append(Commit(commit, dt.date.fromisoformat(day)))
    found.sort(key=lambda c: c.day, reverse=True)
    return found


def newest_on_or_before(history: Sequence[Commit], day: dt.date) -> Commit | None:
    """The newest commit made on or before `day` (history newest first), or None."""
    return next((c for c in history if c.day <= day), None)


def in_repository(top: Path, path: str | os.PathLike[str], cwd: Cwd = None) -> PurePosixPath:
    """A path as the user typed it (relative to where briefgen runs), as git names it."""
    absolute = (Path(cwd or ".") / path).resolve()
    try:
        return PurePosixPath(absolute.relative_to(top.resolve()).as_posix())
    except ValueError:
        raise BriefgenError(f"{path}: outside the repository ({top})") from None


@dataclass
class History:
    """The dossier files under some folders of one repository, read at any commit. Blobs are
    read in one `git cat-file --batch` per commit and each blob is validated once, however many
    commits hold it: a year of monthly snapshots costs what changed, not what exists."""

    top: Path
    scope: tuple[PurePosixPath, ...]
    _parsed: dict[str, Dossier | None] = field(default_factory=dict)  # blob id -> dossier

    def files_at(self, commit: str) -> dict[str, str]:
        """Dossier path (from the top) -> blob id, for every dossier file in scope at
        `commit`."""
        specs = [s.as_posix() or "." for s in self.scope]
        listed = git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", *specs], self.top)
        found = {}
        for entry in listed.decode("utf-8", "surrogateescape").split("\0"):
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            mode, kind, blob = meta.split()
            if kind == "blob" and mode != "120000" and is_dossier_path(path):
                found[path] = blob
        return found

    def dossiers_at(self, commit: str) -> list[tuple[str, Dossier]]:
        """The valid dossiers in scope at `commit`, by path; an invalid one is left out (it
        was invalid then: the trend reads what can be read)."""
        files = self.files_at(commit)
        self._read(b for b in files.values() if b not in self._parsed)
        return [
            (path, dossier)
            for path, blob in sorted(files.items())
            if (dossier := self._parsed.get(blob)) is not None
        ]

    def _read(self, blobs: Iterable[str]) -> None:
        wanted = list(dict.fromkeys(blobs))
        if not wanted:
            return
        out = git(["cat-file", "--batch"], self.top, stdin="\n".join(wanted).encode() + b"\n")
        at = 0
        for blob in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) < 3 or header[1] != b"blob":
                self._parsed[blob] = None
                continue
            size = int(header[2])
            raw = out[at : at + size]
            at += size + 1
            self._parsed[blob] = _valid(raw, blob) if size <= MAX_BYTES else None


def _valid(raw: bytes, name: str) -> Dossier | None:
    try:
        return validate(load_bytes(raw, name))
    except DossierError:
        return None


def open_history(paths: Sequence[str | os.PathLike[str]], cwd: Cwd = None) -> History | None:
    """The history of the dossiers under `paths` (in the repository of the first), or None
    outside a git repository."""
    first = Path(cwd or ".") / (paths[0] if paths else ".")
    top = repository_top(first if first.is_dir() else first.parent)
    if top is None:
        return None
    scope = tuple(in_repository(top, p, cwd) for p in paths)
    return History(top, scope)
