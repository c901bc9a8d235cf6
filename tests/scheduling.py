"""How xdist deals the suite's files out to its workers (`-n auto --dist=loadfile`, the README's
test command): one file a work unit, as `loadfile` does, with two changes.

- The files that share the examples' session renders (`sheets_once` in tests/documents/conftest.py)
  form one unit, so the examples are laid out once per paper in one worker, not once per file's
  worker.
- Units go out heaviest first (longest-processing-time first), so that no worker is left alone at
  the end with a slow file while the other has finished. xdist's own order is by the number of
  tests, which puts a file of 9 slow renders after a file of 189 quick checks.

Only the order and the grouping of work depend on this module: a stale cost makes the suite
slower, never a test weaker.
"""

from __future__ import annotations

from collections import OrderedDict

from xdist.scheduler import LoadFileScheduling
from xdist.workermanage import WorkerController

# The files whose tests read the examples' renders from the session fixture `sheets_once`
# (tests/test_scheduling.py checks this list against the files that use it).
SHARED_RENDERS = frozenset(
    {
        "tests/documents/test_prep.py",
        "tests/documents/test_numberline_pdf.py",
        "tests/documents/test_sheet_page.py",
        "tests/documents/test_sheet_collisions.py",
        "tests/documents/test_other_side_sheet.py",
    }
)
SHARED_UNIT = "tests/documents: the examples' session renders"

# Rough seconds a file takes in one worker (measured with --durations on 2 loaded cores,
# December 2026); a file not listed counts PER_TEST seconds a test.
COST = {
    "tests/documents/test_prep.py": 60,
    "tests/documents/test_numberline_pdf.py": 30,
    "tests/documents/test_sheet_page.py": 46,
    "tests/security/test_security_exhaustion.py": 45,
    "tests/documents/test_pitch_send.py": 43,
    "tests/documents/test_prep_languages.py": 39,
    "tests/security/test_security_output.py": 33,
    "tests/documents/test_sheet_collisions.py": 26,
    "tests/security/test_security_yaml.py": 24,
    "tests/test_properties.py": 21,
    "tests/documents/test_other_side_sheet.py": 12,
    "tests/documents/test_prep_french_sheet.py": 14,
    "tests/documents/test_pitch.py": 14,
    "tests/documents/test_build_hardening.py": 13,
    "tests/test_readme.py": 12,
    "tests/security/test_security_files.py": 11,
    "tests/documents/test_sheet_fields.py": 10,
    "tests/documents/test_watch.py": 10,
    "tests/documents/test_build.py": 8,
    "tests/documents/test_workbench_sheet.py": 8,
    "tests/security/test_security_injection.py": 7,
    "tests/render/test_pdf.py": 6,
    "tests/documents/test_plan.py": 6,
    "tests/dossier/test_load.py": 6,
}
PER_TEST = 0.03


def file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def unit_of(nodeid: str) -> str:
    """The work unit of a test: its file, or the shared unit for the files that share renders."""
    path = file_of(nodeid)
    return SHARED_UNIT if path in SHARED_RENDERS else path


def cost(nodeids: list[str]) -> float:
    """Rough seconds for a unit of these tests: listed files' costs, PER_TEST for the others."""
    files = {file_of(nodeid) for nodeid in nodeids}
    listed = sum(COST[path] for path in files if path in COST)
    return listed + PER_TEST * sum(1 for nodeid in nodeids if file_of(nodeid) not in COST)


def heaviest_first(units: dict[str, dict[str, bool]]) -> list[str]:
    return sorted(units, key=lambda unit: -cost(list(units[unit])))


class SharedRenderScheduling(LoadFileScheduling):
    """`loadfile`, with the shared renders in one unit and the heaviest units first."""

    _ordered = False

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)

    def _assign_work_unit(self, node: WorkerController) -> None:
        if not self._ordered:  # the queue is complete before the first unit goes out
            self._ordered = True
            order = heaviest_first(self.workqueue)
            self.workqueue = OrderedDict((unit, self.workqueue[unit]) for unit in order)
        super()._assign_work_unit(node)
