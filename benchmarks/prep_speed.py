"""How much briefgen adds to WeasyPrint: the CPU time of `briefgen prep` for each example beside
a bare WeasyPrint render of its very own final HTML, each in a fresh process (imports
included), as a ratio, with the number of layouts the page engine used. The goal: every
example at most 1.25x. `bare*` is the same bare render with WeasyPrint's libraries loaded as
briefgen loads them (no find_library lookups), so the ratio against it is what briefgen adds
beyond that head start (briefgen also imports fontTools' fallbacks only on first use: the
floor still pays them, about 60 ms). Run by hand:

    python3 benchmarks/prep_speed.py [profiles/x.yaml ...] [--paper a4 letter] [--runs 5] [--cold]

The three commands run in turn, round after round, and a ratio is the median of the rounds'
ratios (as farm-bench pairs two commands): on a shared machine whose speed drifts by 10-20 %
over minutes, two minimums taken apart compare two machines. The times shown are the least of
the rounds. CPU time (user + system, children included) is used throughout: a busy machine
disturbs it far less than wall time.

The compiled built-in templates are cached between runs (~/.cache/briefgen/jinja), so the
rounds have them warm; `--cold` gives every run of briefgen an empty cache folder, as on the
very first run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"

BARE = """
import sys, weasyprint
html = open(sys.argv[1], encoding="utf-8").read()
weasyprint.HTML(string=html, base_url=sys.argv[3]).write_pdf(sys.argv[2])
"""
# The same, WeasyPrint loaded as briefgen loads it (its C libraries found by file name, no
# find_library lookups: about 0.16 s less CPU on Linux): the floor without that head start
BARE_LOADED = BARE.replace(
    "import sys, weasyprint",
    "import sys, ctypes.util\n"
    "ctypes.util.find_library = lambda name: None  # as briefgen.render.pdf does\n"
    "import weasyprint",
)


def once(argv: list[str], *, cold: bool = False) -> tuple[float, float]:
    """One run's wall time and CPU time (user + system, the process and the children it
    waited for). CPU time hardly depends on what else the machine is doing; wall time does."""
    with tempfile.TemporaryDirectory() as cache:
        # bytecode written and read, as an installed package has it (an environment that
        # forbids writing it would compile briefgen's modules again on every run)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        if cold:
            env["XDG_CACHE_HOME"] = cache
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def rounds(runs: int, commands: list[list[str]], *, cold: bool = False) -> list[list[float]]:
    """The CPU time of each command in each of `runs` rounds, the commands run in turn
    within a round (A B C A B C ...): a machine whose speed drifts (a shared host, a CPU
    changing its clock) moves all of a round's times together, so a ratio taken round by
    round stays meaningful where a ratio of two minimums taken minutes apart does not."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, argv in enumerate(commands):
            times[i].append(once(argv, cold=cold and i == 0)[1])
    return times


def paired(ours: list[float], theirs: list[float]) -> float:
    """The median of the round-by-round ratios."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "dossiers",
        nargs="*",
        default=sorted(str(p.relative_to(ROOT)) for p in (ROOT / "profiles").glob("*.yaml")),
    )
    parser.add_argument("--paper", nargs="+", default=["a4", "letter"], choices=["a4", "letter"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="an empty template cache each run")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    import datetime as dt

    from briefgen.documents.job import Job
    from briefgen.documents.prep import prep_sheet
    from briefgen.render.paper import Paper
    from briefgen.render.theme import builtin_templates

    print(
        f"{'dossier':24} {'paper':6} {'layouts':>7} {'cpu':>7} {'bare':>7} {'ratio':>6}"
        f" {'bare*':>7} {'ratio*':>6} {'in-process':>10}"
    )
    worst = worst_loaded = worst_inside = 0.0
    layouts: list[int] = []
    with tempfile.TemporaryDirectory() as out:
        for paper, dossier in ((p, d) for p in args.paper for d in args.dossiers):
            job = Job(
                today=dt.date.fromisoformat(TODAY),
                output=Path(out),
                paper=Paper.named(paper),
                html=True,
            )
            result = prep_sheet(ROOT / dossier, job)
            command = [sys.executable, "-m", "briefgen", "prep", dossier, "-o", out]
            command += ["--today", TODAY, "--paper", paper]
            files = [str(result.html), str(Path(out) / "bare.pdf")]
            files.append(builtin_templates().as_uri() + "/")
            bare_command = [sys.executable, "-c", BARE, *files]
            loaded_command = [sys.executable, "-c", BARE_LOADED, *files]
            ours, bare, loaded = rounds(
                args.runs, [command, bare_command, loaded_command], cold=args.cold
            )
            ratio, ratio_loaded = paired(ours, bare), paired(ours, loaded)
            inside = in_process(ROOT / dossier, job, result.html)
            layouts.append(result.layouts)
            worst = max(worst, ratio)
            worst_loaded = max(worst_loaded, ratio_loaded)
            worst_inside = max(worst_inside, inside)
            print(
                f"{Path(dossier).stem:24} {paper:6} {result.layouts:>7} {min(ours):>6.2f}s"
                f" {min(bare):>6.2f}s {ratio:>5.2f}x {min(loaded):>6.2f}s {ratio_loaded:>5.2f}x"
                f" {inside:>9.2f}x"
            )
    print(
        f"worst CPU ratio {worst:.2f}x (against bare*: {worst_loaded:.2f}x), in-process"
        f" {worst_inside:.2f}x (goal: at most 1.25x)"
    )
    print(f"layouts: mean {sum(layouts) / len(layouts):.2f}, most {max(layouts)}")


def in_process(source: Path, job: object, html_path: Path, runs: int = 3) -> float:
    """The sheet's render (templates, the page engine's layouts, measures and solving, the
    PDF) beside a bare WeasyPrint render of its final HTML, both in this warm process: what
    the page engine costs, without either process's imports."""
    import weasyprint

    from briefgen.documents.prep import render_sheet
    from briefgen.dossier.validate import load_dossier
    from briefgen.render.theme import Theme, builtin_templates

    dossier = load_dossier(source)
    theme = Theme.for_dossier(source)
    locale = job.locale_for(dossier)  # type: ignore[attr-defined]
    html = html_path.read_text(encoding="utf-8")
    base = builtin_templates().as_uri() + "/"
    ours, bare = [], []
    for _ in range(runs):
        start = time.process_time()
        render_sheet(dossier, job, theme=theme, locale=locale)  # type: ignore[arg-type]
        ours.append(time.process_time() - start)
        start = time.process_time()
        weasyprint.HTML(string=html, base_url=base).render().write_pdf()
        bare.append(time.process_time() - start)
    return min(ours) / min(bare)


if __name__ == "__main__":
    main()
