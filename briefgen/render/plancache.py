"""The page engine's verified plans, kept between runs: a sheet rendered again from the same
HTML lays out its known plan once, in place of measuring, solving and verifying again.

What is kept, in the output folder beside the sheets (`.briefgen-plans/`, a folder only the
user may write: nothing derived from a dossier is written outside the output folder, and a
key is the hash of a private sheet): for the SHA-256 of the sheet's first HTML (with the
engine's version), the plan the engine verified — its type size, spacing,
list lengths, the names of the parts left out, the text limit and the column geometry. Numbers
and the spec's own names only: no text of the dossier. The plan is laid out and checked to fit
before it is used (a font changed since: the engine solves as if nothing were known).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.render.engine import Plan

VERSION = "1"  # raise when the engine's plans change meaning


FOLDER = ".briefgen-plans"


def folder(output: Path) -> Path | None:
    """The cache folder in `output`, made if missing; None when it cannot be made or others
    may write it (or it is a link)."""
    where = output / FOLDER
    if where.is_symlink():
        return None
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = where.stat()
    except OSError:
        return None
    if info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None
    return where


def key(html: str, first: Plan) -> str:
    """The key of a sheet: its first HTML and the first plan's paper, with the engine version."""
    from briefgen import __version__  # not importlib.metadata: its look-up costs ~40 ms

    digest = hashlib.sha256(f"{VERSION}\0{__version__}\0{first.paper}\0".encode())
    digest.update(html.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load(output: Path, name: str, first: Plan) -> Plan | None:
    """The plan kept for `name`, on `first`'s paper and metrics; None when none is kept or it
    cannot be read."""
    where = folder(output)
    if where is None:
        return None
    try:
        data: Any = json.loads((where / f"{name}.json").read_text(encoding="utf-8"))
        return replace(
            first,
            body=float(data["body"]),
            spacing=float(data["spacing"]),
            limits={str(k): int(v) for k, v in data["limits"].items()},
            dropped=frozenset(str(d) for d in data["dropped"]),
            text_limit=None if data["text_limit"] is None else int(data["text_limit"]),
            flow_mm=None if data["flow_mm"] is None else float(data["flow_mm"]),
            flow_to_end=bool(data["flow_to_end"]),
            column_break=None if data["column_break"] is None else str(data["column_break"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(output: Path, name: str, plan: Plan) -> None:
    """Keep `plan` for `name` (best effort: a cache that cannot be written is skipped)."""
    from briefgen.files import write_atomic

    where = folder(output)
    if where is None:
        return
    data = {
        "body": plan.body,
        "spacing": plan.spacing,
        "limits": plan.limits,  # in the order the engine cut them: the report says them so
        "dropped": sorted(plan.dropped),
        "text_limit": plan.text_limit,
        "flow_mm": plan.flow_mm,
        "flow_to_end": plan.flow_to_end,
        "column_break": plan.column_break,
    }
    try:
        write_atomic(where / f"{name}.json", json.dumps(data).encode("utf-8"))
        _trim(where)
    except (OSError, BriefgenError):  # a cache is never worth failing a sheet for
        return


KEPT = 256  # plans kept at most in one output folder: each day's sheet is a new HTML


def _trim(where: Path) -> None:
    """Remove the least recently written plans beyond KEPT."""
    plans = sorted(where.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in plans[KEPT:]:
        old.unlink(missing_ok=True)
