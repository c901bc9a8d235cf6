"""`briefgen prep --watch`: render the sheet again each time its dossier, or a template on its
search path, is saved, so the PDF can stay open beside the editor.

`watchfiles` does the watching (the operating system's file events, not polling by hand) and
the debouncing: an editor's save (a temp file, a rename) is one change. A save that makes the
dossier invalid prints the located errors and leaves the last good PDF where it is (prep
writes atomically, and only a finished sheet). Ctrl-C ends the loop cleanly.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import watchfiles

from briefgen.documents.job import Job
from briefgen.documents.prep import PrepResult, prep_sheet
from briefgen.errors import BriefgenError
from briefgen.render.theme import Theme

DEBOUNCE_MS = 1600  # the longest a burst of saves is grouped for
STEP_MS = 150  # the quiet time that ends a burst
TICK_MS = 500  # how often the loop wakes with nothing to do (a new day, a stop request)

Report = Callable[[str, bool], None]  # a message for the person, and whether it is an error
Rendered = Callable[[Path, PrepResult | None], None]  # each render: its result, or None


def watch_prep(
    sources: Sequence[str | os.PathLike[str]],
    job: Job,
    *,
    follow_clock: bool = False,
    report: Report,
    rendered: Rendered | None = None,
    debounce_ms: int = DEBOUNCE_MS,
    step_ms: int = STEP_MS,
    stop: threading.Event | None = None,
) -> None:
    """Render each dossier once, then again whenever it or one of its templates is saved,
    until Ctrl-C or `stop`, every option as `job` says. `follow_clock` (no --today given): each
    render counts from the real today, so a watch left running overnight counts from the new
    day."""
    dossiers = {Path(os.path.realpath(s)): Path(s) for s in sources}
    themes = {real: Theme.for_dossier(given).dirs for real, given in dossiers.items()}
    template_dirs = {Path(os.path.realpath(d)) for dirs in themes.values() for d in dirs}
    roots = sorted({real.parent for real in dossiers} | template_dirs)
    output = Path(os.path.realpath(job.output))
    last_good: dict[Path, Path] = {}
    ignored = watchfiles.DefaultFilter()  # editor swap files, .git, __pycache__ ...

    def affected(changes: set[tuple[watchfiles.Change, str]]) -> list[Path]:
        found: set[Path] = set()
        for change, name in changes:
            path = Path(name)
            if path in dossiers:
                found.add(path)
            elif not path.is_relative_to(output) and ignored(change, name):
                found |= {
                    real
                    for real, dirs in themes.items()
                    if any(path.is_relative_to(os.path.realpath(d)) for d in dirs)
                }
        return [real for real in dossiers if real in found]  # in the order given

    def render(real: Path) -> None:
        source = dossiers[real]
        try:
            result = prep_sheet(source, job.on(dt.date.today()) if follow_clock else job)
        except BriefgenError as exc:
            kept = (
                f"kept the last good sheet, {last_good[real]}"
                if real in last_good
                else ("no sheet yet")
            )
            report(f"{exc}\n{source}: not rendered; {kept}", True)
            if rendered:
                rendered(real, None)
            return
        last_good[real] = result.pdf
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        if result.report():
            report(result.report(), True)
        report(f"{stamp} {result.pdf}", False)
        if rendered:
            rendered(real, result)

    try:
        started = False
        for changes in watchfiles.watch(
            *roots,
            debounce=debounce_ms,
            step=step_ms,
            rust_timeout=TICK_MS,
            yield_on_timeout=True,  # the first tick: the watch is armed, render the first time
            stop_event=stop,
        ):
            if not started:  # saves made during this first render are kept for the next turn
                started = True
                names = ", ".join(str(given) for given in dossiers.values())
                their = "its" if len(dossiers) == 1 else "their"
                report(f"watching {names} and {their} templates; Ctrl-C to stop", False)
                for real in dossiers:
                    render(real)
                continue
            for real in affected(changes):
                render(real)
    except KeyboardInterrupt:  # while waiting, or during a render (its child ends with it)
        pass
    report("stopped watching", False)
