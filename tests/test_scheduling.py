"""tests/scheduling.py: the files sharing the examples' renders are one unit, heaviest first."""

from __future__ import annotations

from pathlib import Path

from tests.scheduling import COST, SHARED_RENDERS, SHARED_UNIT, heaviest_first, unit_of

ROOT = Path(__file__).resolve().parents[1]


def test_the_shared_unit_is_exactly_the_files_that_use_the_session_renders():
    users = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("test_*.py")
        if "sheets_once" in path.read_text(encoding="utf-8") and path != Path(__file__)
    }
    assert users == SHARED_RENDERS


def test_every_costed_file_exists():
    assert [path for path in COST if not (ROOT / path).is_file()] == []


def test_files_sharing_renders_go_to_one_worker_and_others_stay_per_file():
    assert {unit_of(f"{path}::test_x[a4]") for path in SHARED_RENDERS} == {SHARED_UNIT}
    assert unit_of("tests/dossier/test_load.py::test_x") == "tests/dossier/test_load.py"
    assert unit_of("tests/test_cli.py::TestSome::test_x") == "tests/test_cli.py"


def test_a_few_slow_renders_go_out_before_many_quick_checks():
    units = {
        "tests/dossier/test_model.py": {
            f"tests/dossier/test_model.py::t{i}": False for i in range(300)
        },
        "tests/documents/test_prep_languages.py": {
            f"tests/documents/test_prep_languages.py::t{i}": False for i in range(9)
        },
        SHARED_UNIT: {f"{path}::t": False for path in sorted(SHARED_RENDERS)},
    }
    assert heaviest_first(units) == [
        SHARED_UNIT,
        "tests/documents/test_prep_languages.py",
        "tests/dossier/test_model.py",
    ]
