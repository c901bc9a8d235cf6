"""What a locale costs a process. Each run is a fresh interpreter that times, in order: the
floor (`import briefgen.text.words`, which every render pays anyway), importing Babel's
catalogue reader, compiling the French .po to .mo in memory (the choice text/i18n.py makes
instead of a build hook), loading fr-CA's translations from it, and the first French date and
amount (Babel's CLDR data). Prints the best of the runs for each, and its ratio to the floor;
then whether `import briefgen.cli` imports Babel (it must not). Run by hand:

    python3 benchmarks/i18n_cost.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, time, datetime
t = [time.perf_counter()]
import briefgen.text.words as words
t.append(time.perf_counter())
import babel.messages.mofile, babel.messages.pofile, babel.support
t.append(time.perf_counter())
from briefgen.text import i18n
i18n.catalogue(i18n.CATALOGUES / "fr" / "LC_MESSAGES" / "briefgen.po")
t.append(time.perf_counter())
words.countdown(13, "fr-CA")
t.append(time.perf_counter())
from briefgen.text import formatting
formatting.long_date(datetime.date(2026, 12, 3), "fr-CA"); formatting.money(1, "CAD", "fr-CA")
t.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(t, t[1:])]))
"""
STEPS = (
    "floor: import briefgen.text.words",
    "import Babel's catalogue reader",
    "compile fr .po -> .mo in memory",
    "fr-CA translations from it",
    "first French date and amount (CLDR)",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    samples = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", CHILD], check=True, capture_output=True, text=True, cwd=ROOT
            ).stdout
        )
        for _ in range(runs)
    ]
    best = [min(column) for column in zip(*samples, strict=True)]
    for name, took in zip(STEPS, best, strict=True):
        print(f"{name:40} {took * 1000:7.1f} ms  {took / best[0]:5.3f}x floor")
    babel = subprocess.run(
        [sys.executable, "-c", "import sys, briefgen.cli; print('babel' in sys.modules)"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    ).stdout.strip()
    print(f"import briefgen.cli imports Babel: {babel}")


if __name__ == "__main__":
    main()
