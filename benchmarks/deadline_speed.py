"""How long the deadlines of a hostile timeline take: 200 rules of 100,000 business days each
(the issue's 38-50 s when each count walked day by day) beside 200 rules of one business day, in
the same run, as a ratio. Arithmetic makes the two alike. Run by hand:

    python3 benchmarks/deadline_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.facts.brief import brief

TODAY = dt.date(2026, 11, 20)


def dossier(days: int):
    rules = "".join(
        f"    - {{name: r{i}, of: booklet, days_before: {days}, business_days: true}}\n"
        for i in range(200)
    )
    text = (
        "name: Dan\ntimeline:\n  deliverables: [{name: booklet, due: 8999-12-04}]\n"
        f"  rules:\n{rules}"
    )
    return validate(load_text(text))


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    far, near = dossier(100_000), dossier(1)
    floor = best_of(runs, lambda: brief(near, TODAY))
    hostile = best_of(runs, lambda: brief(far, TODAY))
    print(f"200 rules of 1 business day:       {floor * 1000:8.2f} ms (floor)")
    print(f"200 rules of 100,000 business days: {hostile * 1000:8.2f} ms")
    print(f"ratio: {hostile / floor:.2f}x the floor")


if __name__ == "__main__":
    main()
