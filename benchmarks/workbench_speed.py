"""How long the workbench takes on 6 issues of 6 options (46,656 packages): the whole
computation (equivalent offers, the never-offer package, priced moves) beside a floor measured
in the same run, a bare loop that only sums V and U over the same 46,656 packages. The issue
asks for under a second; the ratio says what the workbench costs beyond touching each package.
Run by hand:

    python3 benchmarks/workbench_speed.py [--runs 5] [--tolerance 2]
"""

from __future__ import annotations

import argparse
import itertools
import timeit
from collections.abc import Callable

from briefgen.dossier.model import Negotiation
from briefgen.facts.workbench import table, workbench


def negotiation(tolerance: float) -> Negotiation:
    issues = []
    for i in range(6):
        scores = [0, 20, 40, 60, 80, 100]
        issues.append(
            {
                "name": f"issue {i}",
                "weight": 10 + 5 * i,
                "their_weight": 40 - 5 * i,
                "options": [
                    {"value": f"option {k}", "score": s, "theirs": (100 - s + 13 * i * k) % 101}
                    for k, s in enumerate(scores)
                ],
            }
        )
    return Negotiation.model_validate(
        {"currency": "USD", "issues": issues, "meso": {"value": 60, "tolerance": tolerance}}
    )


def floor(n: Negotiation) -> None:
    """Touch every package once: the least any enumeration can cost."""
    issues = table(n)
    columns = [[(i.weight * o.ours, i.their_weight * o.theirs) for o in i.options] for i in issues]
    for package in itertools.product(*columns):
        v = u = 0.0
        for ours, theirs in package:
            v += ours
            u += theirs


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` runs of `work`, in seconds."""
    return min(timeit.repeat(work, number=1, repeat=runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tolerance", type=float, default=2.0)
    args = parser.parse_args()
    n = negotiation(args.tolerance)
    bench = workbench(n)
    assert bench is not None
    base = best_of(args.runs, lambda: floor(n))
    took = best_of(args.runs, lambda: workbench(n))
    print(
        f"6 issues x 6 options = {bench.packages:,} packages; "
        f"{len(bench.equivalent):,} within {args.tolerance:g} of {bench.target:g}, "
        f"{len(bench.offers)} offers, {len(bench.moves)} moves"
    )
    print(f"floor (sum V and U over every package): {base * 1000:8.1f} ms")
    print(f"workbench (offers, never-offer, moves): {took * 1000:8.1f} ms")
    print(f"ratio workbench / floor: {took / base:.2f}  (best of {args.runs})")


if __name__ == "__main__":
    main()
