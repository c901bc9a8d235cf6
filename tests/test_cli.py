"""The command line as a whole: every command has help and a place in the README, and the
commands that do not render never import WeasyPrint (it is slow to import)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(cli.commands)


def test_the_commands_are_the_ones_we_ship():
    assert COMMANDS == [
        "agenda",
        "build",
        "calendar",
        "check",
        "diff",
        "log",
        "new",
        "offers",
        "pitch",
        "plan",
        "prep",
        "schema",
        "show",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command):
    assert cli.commands[command].help, command
    assert f"`briefgen {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


NO_RENDER = {
    "check": ["check", "profiles"],
    "schema": ["schema"],
    "show": ["show", "profiles/dan-whitfield.yaml"],
    "diff": ["diff", "profiles/dan-whitfield.yaml", "profiles/dan-whitfield.yaml"],
    "pitch": ["pitch", "profiles/elisa-marchetti.yaml"],
    "offers": ["offers", "profiles/dan-whitfield.yaml", "--today", "2026-11-20"],
    "offers-json": ["offers", "profiles/dan-whitfield.yaml", "--format", "json"],
    "log": [
        "log",
        "Dan Whitfield",
        "--meeting",
        "today",
        "--contact",
        "Dan Whitfield",
        "--dry-run",
    ],
    "agenda": ["agenda", "profiles", "--today", "2026-11-23"],
    "agenda-json": ["agenda", "--format", "json"],
    "calendar": ["calendar", "profiles", "-o", "-", "--today", "2026-11-23"],
    "plan": ["plan", "profiles", "--today", "2026-12-01"],
    "plan-json": ["plan", "--format", "json", "--today", "2026-12-01"],
}


DONE = "=== test_cli done: "  # a line no command prints


def test_commands_that_do_not_render_do_not_import_weasyprint():
    """The commands, one after the other, in one fresh interpreter (one start-up instead of one
    a command): the loaded modules only ever grow, so WeasyPrint is loaded after the first
    command that imports it, and that command is named."""
    code = (
        "import json, sys\n"
        "from briefgen.cli import cli\n"
        "for name, args in json.loads(sys.argv[1]).items():\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit as exit:\n"
        "        assert exit.code in (0, None), (name, exit.code)\n"
        "    assert 'weasyprint' not in sys.modules, f'briefgen {name} imports WeasyPrint'\n"
        f"    print({DONE!r} + name, flush=True)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(NO_RENDER)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    done = [line.removeprefix(DONE) for line in result.stdout.splitlines() if DONE in line]
    assert done == list(NO_RENDER)


def test_the_program_freezes_what_is_left_when_its_command_is_done(tmp_path):
    """`main` ends with gc.freeze(): the collections at exit then skip everything the command
    loaded. Exit handlers still run after it, and the exit status and output are the
    command's own (here: check's exit status 1 on a missing dossier)."""
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from briefgen.cli import main\n"
        "sys.argv = ['briefgen', 'check', sys.argv[1]]\n"
        "main()\n"
    )
    missing = tmp_path / "missing.yaml"
    result = subprocess.run(
        [sys.executable, "-c", code, str(missing)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1] == "frozen at exit: True"


def test_prep_loads_its_modules_frozen_and_leaves_the_collector_on(tmp_path):
    """`prep` loads the model and WeasyPrint with the collector off and freezes what they made;
    the collector is on again after, for the sheets and the render children."""
    code = (
        "import gc, sys\n"
        "from briefgen.cli import cli\n"
        "try:\n"
        "    cli.main(['prep', sys.argv[1], '-o', sys.argv[2]], standalone_mode=False)\n"
        "except SystemExit as exit:\n"
        "    print('exit', exit.code)\n"
        "print('weasyprint' in sys.modules, gc.isenabled(), gc.get_freeze_count() > 1000)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "missing.yaml"), str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["exit 1", "True True True"]
