"""Where a document is written: its file name, made from the dossier's file name, the folder a
dossier found under a folder is written to (`discover`), and the rule that one run never
writes two dossiers to one path.

`output_name` is the one naming rule for every document (prep, pitch, and the folders `build`
mirrors). It keeps the person's name as written, in any script (`ольга-петрова.yaml` ->
`ольга-петрова-prep.pdf`, `李雷.yaml` -> `李雷-prep.pdf`), and it can never name a path outside
the output folder, a hidden file, or a name that reads differently from what it is.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefgen.dossier.discover import find_dossiers
from briefgen.dossier.project import DEFAULT_DOSSIERS, find_root

FALLBACK_STEM = "dossier"
STEM_BYTES = 100  # of UTF-8: with kind and suffix, far under the usual limit of 255
_KIND = re.compile(r"[a-z][a-z0-9]*\Z")
_EXTENSION = re.compile(r"\.[a-z0-9]+\Z")
_RUNS = re.compile(r"-{2,}")


def output_name(
    source: str | os.PathLike[str],
    kind: str = "prep",
    *,
    redacted: bool = False,
    extension: str = ".pdf",
) -> str:
    """The file name of a document made from the dossier file `source`:
    `<stem>-<kind>[-redacted]<extension>`, e.g. `dan-whitfield-prep-redacted.pdf`.

    Only the file name of `source` counts, never its folder. The stem is NFKC-normalized and
    keeps letters, marks and digits of any script; `.` and `_` stay between them. Anything else
    (path separators, spaces, punctuation, symbols) becomes `-`; invisible format characters
    (bidi overrides, zero-width joiners) and control characters are dropped or replaced, so the
    name shows what it is. No leading dot or dash; at most STEM_BYTES bytes of UTF-8, cut at a
    character; an empty result is `dossier`. This signature is stable: `build` names the files
    of its mirrored folders with it."""
    if not _KIND.match(kind):
        raise ValueError(f"output kind {kind!r}: expected lower-case letters, like 'prep'")
    if not _EXTENSION.match(extension):
        raise ValueError(f"output extension {extension!r}: expected one like '.pdf'")
    stem = safe_stem(Path(source).stem)
    return f"{stem}-{kind}{'-redacted' if redacted else ''}{extension}"


def safe_stem(text: str) -> str:
    """`text` as a safe file-name stem (see `output_name`)."""
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if category[0] in "LMN" or char in "._":
            kept.append(char)
        elif category != "Cf":  # format characters are invisible: drop them, leave no trace
            kept.append("-")
    stem = _RUNS.sub("-", "".join(kept)).strip("-._")
    stem = _bounded(stem, STEM_BYTES).rstrip("-._")
    # A mark cannot start a name: it would sit on the separator before it.
    while stem and unicodedata.category(stem[0])[0] == "M":
        stem = stem[1:]
    return stem or FALLBACK_STEM


def _bounded(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


@dataclass(frozen=True)
class Outputs:
    """What one run will write: each dossier once, each to its own path."""

    targets: dict[Path, Path]  # dossier (as first named) -> output path, in command-line order
    clashes: list[str]  # one message per output path two dossiers would share


def plan_outputs(
    sources: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    kind: str = "prep",
    *,
    redacted: bool = False,
) -> Outputs:
    """Each dossier once (the same file named twice, however spelled, is rendered once, in the
    order of its first appearance), and the output path for each, all in `out_dir`. See
    `assign_outputs`, the rule itself."""
    folder = Path(out_dir)
    return assign_outputs([(Path(s), folder) for s in sources], kind, redacted=redacted)


def assign_outputs(
    placed: Iterable[tuple[str | os.PathLike[str], str | os.PathLike[str]]],
    kind: str = "prep",
    *,
    redacted: bool = False,
) -> Outputs:
    """The one clash rule of `prep`, `prep --watch` and `build`: each (dossier, output folder)
    pair gets `folder/output_name(dossier)`, unless two dossiers would get one path: compared
    NFKC-normalized and case-folded, so `a/dan.yaml` and `b/dan.yaml` in one folder, `dan.yaml`
    and `dan.yml`, or `Dan.yaml` and `dan.yaml` (one file on a case-insensitive disk) are all
    clashes. Every dossier of a clash is left out, with a message naming them all, rather
    than one person's sheet replacing another's or taking a name by chance. A dossier named
    twice (the same real file) counts once, at its first appearance."""
    seen: set[str] = set()
    unique: list[tuple[Path, Path]] = []
    for source, folder in placed:
        path = Path(source)
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append((path, Path(folder)))
    by_key: dict[str, list[Path]] = {}
    target_of: dict[Path, Path] = {}
    for path, folder in unique:
        target = folder / output_name(path, kind, redacted=redacted)
        target_of[path] = target
        by_key.setdefault(clash_key(target), []).append(path)
    targets: dict[Path, Path] = {}
    clashes: list[str] = []
    for path, _ in unique:
        group = by_key[clash_key(target_of[path])]
        if len(group) == 1:
            targets[path] = target_of[path]
        elif path == group[0]:
            clashes.append(_clash(target_of[path], group))
    return Outputs(targets, clashes)


def clash_key(target: str | os.PathLike[str]) -> str:
    """Two output paths with one key are one file on some disk: normalized, case-folded."""
    return unicodedata.normalize("NFKC", os.path.normpath(os.fspath(target))).casefold()


def mirror_folder(relative: str | os.PathLike[str]) -> Path:
    """A dossier's folder below its root as a folder below the output folder: each part made
    a safe name by the naming rule (`safe_stem`: no escape, no `..`, no hidden folder)."""
    parts = [p for p in Path(relative).parts if p not in ("", ".", "/")]
    return Path(*(safe_stem(p) for p in parts)) if parts else Path()


def discover(paths: list[str | os.PathLike[str]], out_dir: Path) -> Iterator[tuple[Path, Path]]:
    """Each dossier under `paths` with its output folder; a dossier named twice is built once.
    A file named on the command line goes straight into `out_dir`; a dossier found in a folder
    goes where its folder lies below the project root (`dossier.project`), a leading
    `profiles/` left out: `profiles/east/dan.yaml` -> `DIR/east`, `prospects/east/dan.yaml` ->
    `DIR/prospects/east`, whichever folders were named. Each folder name is made safe by the
    naming rule (`mirror_folder`)."""
    seen: set[Path] = set()
    for raw in paths:
        given = Path(raw)
        folder = given.is_dir()
        root = find_root(given, fallback=given) if folder else None
        for source in find_dossiers([given]):
            absolute = Path(os.path.abspath(source))  # noqa: PTH100 - symlinks kept
            if absolute in seen:
                continue
            seen.add(absolute)
            if root is None:
                yield source, out_dir
                continue
            relative = Path(os.path.relpath(absolute.parent, root))
            if relative.parts[:1] == (DEFAULT_DOSSIERS,):
                relative = Path(*relative.parts[1:])
            yield source, out_dir / mirror_folder(relative)


def _clash(target: Path, group: list[Path]) -> str:
    names = [str(p) for p in group]
    named = ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"{named}: {'both' if len(names) == 2 else 'all'} would be written to {target}, "
        f"so {'neither' if len(names) == 2 else 'none'} was.\n"
        "  hint: rename one of the files, or render them in separate runs with different "
        "-o folders"
    )
