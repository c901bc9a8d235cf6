"""Reading and writing files. `read_bounded` is the one way a dossier is read (step 1 of the
pipeline); `write_atomic` is step 5: it puts bytes on disk so that a reader never sees half a file
and an earlier output survives any failure: a temp file in the same folder, then `os.replace`."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from briefgen.errors import BriefgenError


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    overwrite: bool = True,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
    before_replace: Callable[[], None] | None = None,
) -> Path:
    """Write `data` to `path` whole or not at all. With overwrite=False an existing file is
    never replaced (the check and the write are one step: a hard link of the temp file).
    A symlink planted at `path` is replaced, never written through. `mode` gives the new file
    those permissions (an edited dossier keeps its own; the temp file's are 0600), and `owner`
    (uid, gid) that owner and group, set before the replace: `log` run as root leaves a user's
    dossier theirs. A replace makes a new file: a hard link to the old one keeps the old text.
    `before_replace` runs last thing before the file is put in place, and may refuse by
    raising (`log` checks there that nobody changed the file meanwhile). TERM or HUP while the
    temp file exists end briefgen only after it is removed."""
    with signals_unwind():
        return _write_atomic(
            path, data, overwrite=overwrite, mode=mode, owner=owner, before_replace=before_replace
        )


def _write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    overwrite: bool,
    mode: int | None,
    owner: tuple[int, int] | None,
    before_replace: Callable[[], None] | None,
) -> Path:
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
            if owner is not None and owner != (os.getuid(), os.getgid()):
                _give(handle.fileno(), owner, target)
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.flush()
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        if overwrite:
            Path(temp).replace(target)
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
            Path(temp).unlink()
    return target


def _give(fd: int, owner: tuple[int, int], target: Path) -> None:
    """The temp file to `owner` (before its mode: a chown clears set-id bits)."""
    try:
        os.fchown(fd, *owner)
    except PermissionError:
        raise BriefgenError(
            f"{target}: belongs to another user; writing it would make it yours; nothing written"
            "\n  hint: run the command as the file's owner"
        ) from None


_UNWIND = ("SIGTERM", "SIGHUP")


@contextlib.contextmanager
def signals_unwind() -> Iterator[None]:
    """While a temp file exists, TERM or HUP (a closed terminal, a `kill`) ends briefgen by
    SystemExit instead of on the spot, so `finally` removes the temp file on the way out.
    Only the main thread can set handlers; elsewhere the defaults stay (SIGKILL never unwinds)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def unwind(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    saved = {}
    for name in _UNWIND:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            saved[number] = signal.signal(number, unwind)
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def check_folder(out_dir: str | os.PathLike[str], folder: str | os.PathLike[str]) -> None:
    """Refuse to write into `folder` unless it lies inside `out_dir` and no part of it below
    `out_dir` is a symlink or anything but a folder: an output never goes through a link
    planted in the output folder (`output/east -> /elsewhere`). Parts not made yet are fine."""
    base = Path(os.path.abspath(out_dir))  # noqa: PTH100 - the output folder as named
    target = Path(os.path.abspath(folder))  # noqa: PTH100
    try:
        parts = target.relative_to(base).parts
    except ValueError:
        raise BriefgenError(f"{folder}: outside the output folder {out_dir}; not written") from None
    if ".." in parts:
        raise BriefgenError(f"{folder}: outside the output folder {out_dir}; not written")
    current = base
    for part in parts:
        current = current / part
        try:
            info = current.lstat()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise BriefgenError(f"{current}: cannot use: {exc.strerror}") from None
        if stat.S_ISLNK(info.st_mode):
            raise BriefgenError(
                f"{current}: is a symbolic link; briefgen writes no output through one\n"
                "  hint: remove the link, or give another -o folder"
            )
        if not stat.S_ISDIR(info.st_mode):
            raise BriefgenError(f"{current}: is not a folder; nothing written into it")


class ReadRefused(BriefgenError):
    """A file `read_bounded` would not read; `reason` says why in a few words, without the
    file's name, for a caller that locates it its own way."""

    def __init__(self, path: str | os.PathLike[str], reason: str, *, too_large: bool = False):
        self.reason = reason
        self.too_large = too_large
        super().__init__(f"{os.fsdecode(path)}: {reason}")


_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
)


def read_bounded(path: str | os.PathLike[str], limit: int, what: str = "a dossier") -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them, or ReadRefused.

    A symlink is followed (a linked dossier is a dossier) but what it leads to must be a
    regular file: `/dev/zero` or a FIFO is refused, and a FIFO is refused without waiting for a
    writer (the file is opened non-blocking and looked at before anything is read). The size is
    checked before reading and again while reading, so a file that grows is cut off too."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ReadRefused(path, "no such file") from None
    except IsADirectoryError:
        raise ReadRefused(path, "is a folder, not a file") from None
    except PermissionError:
        raise ReadRefused(path, "permission denied") from None
    except OSError as exc:  # a symlink loop, a name too long, ...
        raise ReadRefused(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        for test, reason in _KINDS:
            if test(info.st_mode):
                raise ReadRefused(path, reason)
        if not stat.S_ISREG(info.st_mode):  # pragma: no cover - no other kind of file today
            raise ReadRefused(path, "is not a regular file")
        if info.st_size > limit:
            raise ReadRefused(path, _too_large(info.st_size, limit, what), too_large=True)
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ReadRefused(path, _too_large(size, limit, what, grew=True), too_large=True)
        return b"".join(chunks)
    except OSError as exc:
        raise ReadRefused(path, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, what: str, grew: bool = False) -> str:
    most = f"{limit >> 20} MiB" if limit % 2**20 == 0 else f"{limit:,} bytes"
    size_text = f"more than {limit:,} bytes" if grew else f"{size:,} bytes"
    return f"file is {size_text}; {what} may be at most {most}"
