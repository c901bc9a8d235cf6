"""`briefgen prep --watch`: render the sheet again each time its dossier, or a template on its
search path, is saved, so the PDF can stay open beside the editor.

`watchfiles` does the watching (the operating system's file events, not polling by hand) and
the debouncing: an editor's save (a temp file, a rename) is one change. A save that makes the
dossier invalid prints the located errors and leaves the last good PDF where it is (prep
writes atomically, and only a finished sheet). Ctrl-C ends the loop cleanly.

A DOSSIER may be a folder, mirrored into the output folder as `prep` mirrors it; two dossiers
that would share an output are refused by the one clash rule of `render.output`. The whole
project (`dossier.project`) is watched, so a `templates/` folder made while watching counts,
and a template saved is read again (the compiled templates are forgotten) before the render.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import watchfiles

from briefgen.documents.job import Job, Say
from briefgen.documents.prep import PrepResult, prep_sheet
from briefgen.dossier.project import find_root
from briefgen.errors import BriefgenError
from briefgen.render.output import assign_outputs, discover
from briefgen.render.theme import Theme, forget_environments

DEBOUNCE_MS = 1600  # the longest a burst of saves is grouped for
STEP_MS = 150  # the quiet time that ends a burst
TICK_MS = 500  # how often the loop wakes with nothing to do (a new day, a stop request)

Rendered = Callable[[Path, PrepResult | None], None]  # each render: its result, or None


def watch_prep(
    sources: Sequence[str | os.PathLike[str]],
    job: Job,
    *,
    follow_clock: bool = False,
    report: Say,
    rendered: Rendered | None = None,
    debounce_ms: int = DEBOUNCE_MS,
    step_ms: int = STEP_MS,
    stop: threading.Event | None = None,
) -> None:
    """Render each dossier once, then again whenever it or one of its templates is saved,
    until Ctrl-C or `stop`, every option as `job` says. `follow_clock` (no --today given): each
    render counts from the real today, so a watch left running overnight counts from the new
    day. `sources` are files or folders."""
    out_dir = job.output
    redact = job.redact
    found: list[tuple[Path, Path]] = []
    for given in sources:
        try:
            found += list(discover([given], Path(out_dir)))
        except BriefgenError as exc:
            report(str(exc), True)
    outputs = assign_outputs(found, "prep", redacted=redact)
    for clash in outputs.clashes:
        report(clash, True)
    folders = {Path(os.path.realpath(s)): f for s, f in found if s in outputs.targets}
    dossiers = {Path(os.path.realpath(s)): s for s, _ in found if s in outputs.targets}
    if not dossiers:
        report("nothing to watch", True)
        return

    def search_paths() -> dict[Path, tuple[Path, ...]]:
        return {real: Theme.for_dossier(given).dirs for real, given in dossiers.items()}

    themes = search_paths()
    projects = {find_root(given) for given in dossiers.values()}
    builtin = {Path(os.path.realpath(d)) for dirs in themes.values() for d in dirs[-1:]}
    roots = sorted({Path(os.path.realpath(p)) for p in projects} | builtin)
    roots = [r for r in roots if not any(r != o and r.is_relative_to(o) for o in roots)]
    output = Path(os.path.realpath(out_dir))
    last_good: dict[Path, Path] = {}
    ignored = watchfiles.DefaultFilter()  # editor swap files, .git, __pycache__ ...

    def affected(changes: set[tuple[watchfiles.Change, str]]) -> list[Path]:
        nonlocal themes
        found: set[Path] = set()
        templates_changed = False
        for change, name in changes:
            path = Path(name)
            if path in dossiers:
                found.add(path)
            elif (
                not path.is_relative_to(output)
                and ignored(change, name)
                and "templates" in path.parts
            ):
                templates_changed = True
        if templates_changed:  # a template saved, made or removed: read them all again
            forget_templates()
            themes = search_paths()
            for _change, name in changes:
                path = Path(name)
                found |= {
                    real
                    for real, dirs in themes.items()
                    if any(
                        path.is_relative_to(os.path.realpath(d))
                        or Path(os.path.realpath(d)).is_relative_to(path)
                        for d in dirs
                    )
                    or (path.name == "templates" and real.is_relative_to(path.parent))
                }
        return [real for real in dossiers if real in found]  # in the order given

    def render(real: Path) -> None:
        source = dossiers[real]
        try:
            placed = job.into(folders[real])
            result = prep_sheet(source, placed.on(dt.date.today()) if follow_clock else placed)
        except Exception as exc:  # a user's mistake, or a crash inside the renderer: go on
            if isinstance(exc, BriefgenError):
                problem = str(exc)
            else:
                last = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
                problem = f"could not render {source}: the renderer failed ({last})"
            kept = (
                f"kept the last good sheet, {last_good[real]}"
                if real in last_good
                else ("no sheet yet")
            )
            report(f"{problem}\n{source}: not rendered; {kept}", True)
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


def forget_templates() -> None:
    """Drop every compiled template and environment of this process, so the next render reads
    the templates as they are now (a new override included, not the built-in one Jinja had
    cached under its name)."""
    forget_environments()
