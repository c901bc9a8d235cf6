"""The render child: WeasyPrint has no defence against an absurd document (deep nesting
exhausts the stack, huge sizes divide by zero, a loop in a template never ends), so `isolated`
runs a render in a forked child with a memory limit and a time limit. The child only computes;
the parent writes what it returns, so a killed render never leaves half a file.
"""

from __future__ import annotations

import ctypes
import gc
import math
import multiprocessing
import os
import resource
import signal
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar, cast

from briefgen.errors import BriefgenError, RenderError
from briefgen.render import loaded as record

RENDER_MEMORY = 3 * 1024**3  # address space of the render child; a sheet needs about 250 MB
RENDER_TIMEOUT = 120.0  # seconds; BRIEFGEN_RENDER_TIMEOUT overrides it
MAX_RENDER_TIMEOUT = 86_400  # a day: no render needs more, and poll() overflows past ~2.1e6

T = TypeVar("T")


def isolated(work: Callable[[], T], *, what: str) -> T:
    """Run `work`, a render, in a forked child limited to RENDER_MEMORY and `render_timeout()`
    seconds, and return what it returns. A crash, a hang, or exhausted memory or stack becomes
    RenderError("could not render <what>: ..."), not a dead or stuck briefgen. The child only
    computes: the caller writes the result, so a killed render never leaves half a file."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork (Windows): render here, without limits
        record.start()
        value = work()
        record.report(record.seen())
        return value
    timeout = render_timeout()
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(
        target=_run_child, args=(work, reader, writer, timeout, os.getpid()), daemon=True
    )
    gc.freeze()  # the child's collector then leaves our objects, and their pages, alone
    try:
        child.start()
    finally:
        gc.unfreeze()
    writer.close()
    try:
        if not reader.poll(timeout):
            raise RenderError(f"could not render {what}: gave up after {timeout:g} s")
        try:
            outcome, value, loaded = reader.recv()
        except EOFError:  # the child died without a word: a signal, or the CPU limit
            child.join()
            raise RenderError(f"could not render {what}: {_death(child.exitcode)}") from None
    finally:
        reader.close()
        if child.is_alive():
            child.kill()
        child.join()
    record.report(loaded)  # the templates and assets it loaded (documents/build.py)
    if outcome == "error":
        raise RenderError(f"could not render {what}: {value}")
    if outcome == "bug":
        raise RuntimeError(f"rendering {what} failed; the render child's traceback:\n{value}")
    return cast("T", value)  # what `work` returned, unpickled


def render_timeout() -> float:
    """Seconds a render may take: RENDER_TIMEOUT, or the BRIEFGEN_RENDER_TIMEOUT variable."""
    text = os.environ.get("BRIEFGEN_RENDER_TIMEOUT", "").strip()
    if not text:
        return RENDER_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < math.inf:
        raise BriefgenError(
            f"BRIEFGEN_RENDER_TIMEOUT={text!r}: expected a number of seconds, such as 120"
        )
    if seconds > MAX_RENDER_TIMEOUT:  # poll() and the CPU limit overflow past about 2.1e6
        raise BriefgenError(
            f"BRIEFGEN_RENDER_TIMEOUT={text!r}: at most {MAX_RENDER_TIMEOUT:,} seconds (a day)"
        )
    return seconds


def _run_child(
    work: Callable[[], object],
    reader: Connection,
    writer: Connection,
    timeout: float,
    parent: int,
) -> None:
    """The render child: bound to its parent's life, limits first, then the work; the outcome
    goes back through the pipe, a bug's as its traceback (exceptions do not all survive
    pickling)."""
    die_with_parent(parent)
    reader.close()  # only the parent reads: with no reader left, a send fails instead of waiting
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it kills the child
    _lower_limit(resource.RLIMIT_AS, RENDER_MEMORY)
    _lower_limit(resource.RLIMIT_CORE, 0)  # a core file would hold the dossier
    _lower_limit(resource.RLIMIT_CPU, math.ceil(timeout) + 5)  # ends an orphan if the parent dies
    outcome: tuple[str, object]
    record.start()  # what the parent loaded before the fork is not this render's
    try:
        outcome = ("ok", work())
    except BriefgenError as exc:
        outcome = ("error", str(exc).removeprefix("could not render: "))
    except RecursionError:
        outcome = ("error", "the content is nested too deeply")
    except MemoryError:
        outcome = ("error", f"it needs more than {RENDER_MEMORY / 2**30:g} GiB of memory")
    except Exception:
        outcome = ("bug", traceback.format_exc())
    if os.getppid() != parent:  # the parent is gone: nobody to hand the sheet to
        os._exit(1)
    try:
        writer.send((*outcome, record.seen()))
    except (BrokenPipeError, OSError):  # the parent died while we were sending
        os._exit(1)
    writer.close()


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have Linux send SIGKILL to this process when the parent dies (prctl PR_SET_PDEATHSIG),
    however it dies: a child blocked writing a sheet larger than the pipe buffer uses no CPU,
    so its CPU limit would never end it. Elsewhere, or if prctl is unavailable, the parent-alive
    checks around the send and the closed read end still stop it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _lower_limit(kind: int, value: int) -> None:
    soft, hard = resource.getrlimit(kind)
    if soft == resource.RLIM_INFINITY or soft > value:
        resource.setrlimit(kind, (value, hard))


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        if name == "SIGXCPU":
            return "it used up its CPU time"
        return f"the renderer crashed ({name})"
    return f"the renderer stopped (exit status {exitcode})"
