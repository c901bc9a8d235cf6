"""Step 5 of the pipeline: put bytes on disk so that a reader never sees half a file and an
earlier output survives any failure: a temp file in the same folder, then `os.replace`."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from briefgen.errors import BriefgenError


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    overwrite: bool = True,
    mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
) -> Path:
    """Write `data` to `path` whole or not at all. With overwrite=False an existing file is
    never replaced (the check and the write are one step: a hard link of the temp file).
    A symlink planted at `path` is replaced, never written through. `mode` gives the new file
    those permissions (an edited dossier keeps its own; the temp file's are 0600).
    `before_replace` runs last thing before the file is put in place, and may refuse by
    raising (`log` checks there that nobody changed the file meanwhile)."""
    target = Path(path)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise BriefgenError(f"{folder}: cannot write here: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.flush()
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        if overwrite:
            os.replace(temp, target)
        else:
            try:
                os.link(temp, target)
            except FileExistsError:
                raise BriefgenError(
                    f"{target}: already exists; briefgen never overwrites a dossier"
                ) from None
    except OSError as exc:
        raise BriefgenError(f"{target}: cannot write: {exc.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    return target
