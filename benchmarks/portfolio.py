"""`briefgen build` over generated portfolios: for each size (default 15, 60 and 120 dossiers,
copies of the examples under new names, in sub-folders), the full build with -j 1 and -j 2
(paired runs, alternating, so machine noise hits both alike), the no-change rebuild as a share
of the full build, the per-sheet cost against a bare WeasyPrint render of the same HTML in a
warm process, and peak memory (the build's own process, and the largest worker or render
child). Run by hand:

    python3 benchmarks/portfolio.py [--sizes 15 60 120] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"

# Runs one build in this process and reports its peak memory: ru_maxrss of the process itself
# (the parent, which holds the plan and the results) and of its reaped descendants (the largest
# worker or render child), and the CPU time of all of them: on a shared machine the wall time
# of -j 2 against -j 1 depends on the neighbours, the CPU time says what the workers cost.
BUILD = """
import json, resource, sys
from briefgen.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="briefgen", standalone_mode=False)
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = sum(u.ru_utime + u.ru_stime for u in (own, children))
report = {"parent": own.ru_maxrss / 1024, "child": children.ru_maxrss / 1024, "cpu": cpu}
print("MEMORY " + json.dumps(report), file=sys.stderr)
"""

SPIN = "x = 0\nfor i in range(12_000_000):\n    x += i\n"


def machine_parallelism() -> float:
    """How many cores the machine gives us right now (1.0 to 2.0): one CPU-bound process
    alone, then two at once. Other work on a shared machine lowers it, and -j 2 with it."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", SPIN], check=True)
    alone = time.perf_counter() - start
    start = time.perf_counter()
    spins = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(2)]
    for spin in spins:
        spin.wait()
    return 2 * alone / (time.perf_counter() - start)


BARE = """
import sys, time, weasyprint
pages = [open(p, encoding="utf-8").read() for p in sys.argv[2:]]
base = sys.argv[1]
weasyprint.HTML(string=pages[0], base_url=base).write_pdf()  # warm: fonts, imports
start = time.perf_counter()
for html in pages:
    weasyprint.HTML(string=html, base_url=base).write_pdf()
print((time.perf_counter() - start) / len(pages))
"""


def generate(folder: Path, count: int) -> None:
    """`count` dossiers: the examples over and over, each with its own name, 20 a folder."""
    examples = sorted((ROOT / "profiles").glob("*.yaml"))
    for i in range(count):
        source = examples[i % len(examples)]
        text = source.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        lines = [
            line.rstrip("\n") + f" {i}\n" if line.startswith("name: ") else line for line in lines
        ]
        target = folder / f"group-{i // 20:02d}" / f"{source.stem}-{i:03d}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(lines), encoding="utf-8")


def build(profiles: Path, out: Path, *extra: str) -> tuple[float, dict[str, float]]:
    argv = [sys.executable, "-c", BUILD, "build", str(profiles), "-o", str(out)]
    argv += ["--today", TODAY, *extra]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stderr[-2000:]}")
    memory = json.loads(done.stderr.rsplit("MEMORY ", 1)[1])
    return elapsed, memory


def bare_render(htmls: list[Path]) -> float:
    """Seconds per page for WeasyPrint alone, warm, on the sheets' own HTML."""
    base = (ROOT / "templates").as_uri() + "/"
    argv = [sys.executable, "-c", BARE, base, *map(str, htmls)]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=ROOT)
    return float(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[15, 60, 120])
    parser.add_argument("--runs", type=int, default=3, help="paired -j 1 / -j 2 runs per size")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "briefgen",
                "prep",
                "profiles",
                "-o",
                str(tmp / "html"),
                "--today",
                TODAY,
                "--html",
            ],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        bare = bare_render(sorted((tmp / "html").glob("*.html")))
        print(f"bare WeasyPrint render of one sheet's final HTML (warm): {bare:.3f} s")
        print(
            f"{'dossiers':>8} {'-j 1 s':>8} {'-j 2 s':>8} {'speed-up':>8} {'pairs':>18} "
            f"{'no-change s':>11} {'share':>6} {'sheet/bare':>10} {'parent MiB':>10} "
            f"{'child MiB':>9} {'CPU -j 1':>8} {'CPU -j 2':>8} {'machine':>8}"
        )
        for size in args.sizes:
            profiles = tmp / f"p{size}"
            generate(profiles, size)
            one, two, pairs, cpu1, cpu2, floor = [], [], [], [], [], []
            memory: dict[str, float] = {"parent": 0.0, "child": 0.0}
            for run in range(args.runs):
                floor.append(machine_parallelism())
                t1, m1 = build(profiles, tmp / f"o{size}-1-{run}", "-j", "1")
                t2, m2 = build(profiles, tmp / f"o{size}-2-{run}", "-j", "2")
                one.append(t1)
                two.append(t2)
                pairs.append(t1 / t2)
                cpu1.append(m1["cpu"])
                cpu2.append(m2["cpu"])
                for m in (m1, m2):
                    memory = {k: max(memory[k], m[k]) for k in memory}
            again, _ = build(profiles, tmp / f"o{size}-2-0", "-j", "2")
            j1, j2 = statistics.median(one), statistics.median(two)
            print(
                f"{size:8d} {j1:8.1f} {j2:8.1f} {j1 / j2:7.2f}x "
                f"{' '.join(f'{p:.2f}' for p in pairs):>18} {again:11.2f} "
                f"{again / j2:6.1%} {j1 / size / bare:9.2f}x "
                f"{memory['parent']:10.0f} {memory['child']:9.0f} "
                f"{statistics.median(cpu1):8.1f} {statistics.median(cpu2):8.1f} "
                f"{statistics.median(floor):7.2f}x",
                flush=True,
            )
        print(
            "speed-up: median -j 1 time / median -j 2 time (pairs: each pair's ratio); share: "
            "the no-change rebuild against the -j 2 full build; sheet/bare: -j 1 time per "
            "dossier (process start, fit ladder, pitch PDFs included) against the bare render; "
            "memory: peak RSS of the build process, and of its largest worker or render child; "
            "CPU: seconds of CPU (all processes) of the median -j 1 and -j 2 build; "
            "machine: the speed-up two CPU-bound processes got over one just before each pair "
            "(2.00x on an idle 2-core machine; what -j 2 can reach at best). "
            f"Load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}."
        )


if __name__ == "__main__":
    main()
