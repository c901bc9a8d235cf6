"""The command line as a whole: every command has help and a place in the README, and the
commands that do not render never import WeasyPrint (it is slow to import)."""

from __future__ import annotations

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
}


@pytest.mark.parametrize("name", sorted(NO_RENDER))
def test_commands_that_do_not_render_do_not_import_weasyprint(name):
    code = (
        "import sys\n"
        "from briefgen.cli import cli\n"
        f"try:\n    cli.main({NO_RENDER[name]!r}, standalone_mode=False)\n"
        "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
        "assert 'weasyprint' not in sys.modules\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("ok")
