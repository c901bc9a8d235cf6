"""How long `briefgen plan` takes on a generated portfolio: 100 dossiers (60 accounts) in a
temporary git repository with 200 dated commits over 400 days, so the trend and the 12 monthly
points each read the dossiers at an older commit. Beside it, a floor measured in the same run on
the same repository: `git log` over it, and loading the 100 dossiers once. The issue's target is
under 10 s. Run by hand:

    python3 benchmarks/plan_speed.py [--dossiers 100] [--commits 200] [--runs 3] [--keep DIR]

`--keep DIR` builds the repository in DIR and keeps it (to look at the plan's PDF).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

from briefgen.documents.plan import load_current, run_plan
from briefgen.text.i18n import Locale

TODAY = dt.date(2026, 12, 1)
LEVELS = ("executive", "key", "staff", "support")
STANCES = ("champion", "neutral", "blocker", None)


def dossier(rng: random.Random, index: int, day: dt.date) -> str:
    """One generated dossier as of `day`: contacts at every level, meetings, favours, a
    self-check, sometimes a promise or free-work demands."""
    org = f"Account {index % 60:02d}"
    lines = [
        f"name: Person {index:03d}",
        f"organization: {org}",
        "kind: client",
        "account: existing",
        "negotiation: {currency: USD}",
        "relationship:",
        "  cadence: {executive: {ideal: 45, max: 70}, key: 30, staff: 60, support: 90}",
        "  contacts:",
    ]
    for number in range(rng.randint(1, 6)):
        level = rng.choice(LEVELS)
        stance = rng.choice(STANCES)
        last = day - dt.timedelta(days=rng.randint(0, 200))
        extra = f", stance: {stance}" if stance else ""
        lines.append(
            f"    - {{name: Contact {index:03d}-{number}, level: {level}{extra}, "
            f"last_contact: {last.isoformat()}}}"
        )
    lines.append("  meetings:")
    for _ in range(rng.randint(1, 8)):
        when = day - dt.timedelta(days=rng.randint(0, 300))
        late = rng.choice((0, 0, 0, 10, 25))
        missed = "true" if rng.random() < 0.1 else "false"
        lines.append(f"    - {{date: {when.isoformat()}, late_minutes: {late}, missed: {missed}}}")
    lines.append("  reciprocity:")
    for _ in range(rng.randint(1, 5)):
        when = day - dt.timedelta(days=rng.randint(0, 300))
        way = rng.choice(("given", "received"))
        lines.append(f"    - {{date: {when.isoformat()}, direction: {way}, what: a favour}}")
    lines.append(
        f"  self_check: {{senior_interviews: {rng.randint(0, 4)}, "
        f"only_call_for_projects: {rng.randint(0, 4)}, offer_help: {rng.randint(0, 4)}}}"
    )
    if index % 7 == 0:
        lines.append(
            f"  promise: {{every: 14, since: {(day - dt.timedelta(days=200)).isoformat()}}}"
        )
    if index % 11 == 0:
        lines.append("  revenue: 500000")
        lines.append(
            f"  demands: [{{what: a free pilot, value: {rng.randint(50, 400) * 1000}, "
            f"date: {(day - dt.timedelta(days=rng.randint(0, 200))).isoformat()}}}]"
        )
    return "\n".join(lines) + "\n"


def git(root: Path, *args: str, day: dt.date | None = None) -> None:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="Bench",
        GIT_AUTHOR_EMAIL="bench@example.com",
        GIT_COMMITTER_NAME="Bench",
        GIT_COMMITTER_EMAIL="bench@example.com",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
    )
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day.isoformat()}T12:00:00+00:00"
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def build(root: Path, dossiers: int, commits: int, seed: int = 21) -> None:
    """A repository with `dossiers` dossiers in profiles/ and `commits` dated commits: the
    first adds them all, 400 days ago; each later one rewrites one dossier, a day or two on."""
    rng = random.Random(seed)
    profiles = root / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    git(root, "init", "--quiet")
    start = TODAY - dt.timedelta(days=400)
    for index in range(dossiers):
        (profiles / f"p{index:03d}.yaml").write_text(dossier(rng, index, start), "utf-8")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "the portfolio", day=start)
    for number in range(1, commits):
        day = start + dt.timedelta(days=round(number * 399 / max(commits - 1, 1)))
        index = rng.randrange(dossiers)
        (profiles / f"p{index:03d}.yaml").write_text(dossier(rng, index, day), "utf-8")
        git(root, "commit", "--quiet", "-am", f"update {index}", day=day)


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` runs of `work`, in seconds."""
    return min(timeit.repeat(work, number=1, repeat=runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(options.keep or temporary)
        build(root, options.dossiers, options.commits)
        os.chdir(root)
        log = best_of(
            options.runs,
            lambda: subprocess.run(
                ["git", "log", "--format=%H %cs"], check=True, capture_output=True
            ),
        )
        load = best_of(options.runs, lambda: load_current(["profiles"], redact=False))
        plan = best_of(
            options.runs,
            lambda: run_plan(["profiles"], TODAY, output_format="json", locale=Locale("en")),
        )
        accounts = len(
            run_plan(
                ["profiles"], TODAY, output_format="json", locale=Locale("en")
            ).report.plan.accounts
        )
    print(f"{options.dossiers} dossiers, {accounts} accounts, {options.commits} commits")
    print(f"git log over the repository:   {log * 1000:8.1f} ms (floor)")
    print(f"load the dossiers once:        {load * 1000:8.1f} ms (floor)")
    print(f"briefgen plan (trend, 12 months): {plan * 1000:8.1f} ms")
    print(f"ratio: {plan / log:.1f}x git log, {plan / load:.1f}x one load")
    print(f"under 10 s: {'yes' if plan < 10 else 'NO'}")


if __name__ == "__main__":
    main()
