"""briefgen.review.show: a dossier as normalized text for git textconv; never a failed git diff."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import briefgen.review.show
from briefgen.dossier.load import load_text
from briefgen.dossier.validate import load_dossier, validate
from briefgen.review.show import show_text, textconv

REPO = Path(__file__).resolve().parents[2]
PROFILES = sorted((REPO / "profiles").glob("*.yaml"))

BLOCK = """\
name: Dan Whitfield
role: CEO
person:
  hobbies: [golf]
  notes: |
    Soft side with family.

    Very deliberate in business.
buttons:
  - {topic: being rushed, kind: hot, note: "say so when you need time"}
negotiation:
  currency: USD
  opening: 60000
  walk_away: 45000
  never_give: [exclusivity]
relationship:
  contacts:
    - {name: Rita Gomez, title: AP manager, level: support, handles: payments}
  meetings:
    - 2026-10-02
    - {date: 2026-10-16, missed: true, sensitive: true}
"""

FLOW = """\
# the same facts, written another way
relationship: {meetings: [{date: 2026-10-02}, {missed: true, date: 2026-10-16, sensitive: true}],
  contacts: [{handles: payments, level: support, title: AP manager, name: Rita Gomez}]}
negotiation: {walk_away: 45000.0, opening: 60000, never_give: [exclusivity], currency: USD}
buttons: [{note: say so when you need time, topic: being rushed}]
person: {notes: "Soft side with family.\\n\\nVery deliberate in business.", hobbies: [{name: golf}]}
role: CEO
name: "Dan Whitfield"
"""


def test_show_prints_one_fact_a_line_section_by_section():
    assert show_text(validate(load_text(BLOCK))).splitlines() == [
        "Dossier",
        "name: Dan Whitfield",
        "role: CEO",
        "kind: client",
        "",
        "Person",
        "hobby: golf",
        "notes:",
        "  Soft side with family.",
        "",
        "  Very deliberate in business.",
        "",
        "Buttons",
        "button: being rushed (hot)",
        "  note: say so when you need time",
        "",
        "Negotiation",
        "currency: USD",
        "side: seller (read from the figures)",
        "opening: 60,000 USD",
        "walk-away point: 45,000 USD",
        "never give: exclusivity",
        "",
        "Relationship",
        "contact: Rita Gomez (AP manager), support, handles payments",
        "meeting: 2026-10-02, on time",
        "meeting: 2026-10-16, missed [sensitive]",
    ]


def test_how_a_dossier_is_written_does_not_change_what_show_prints():
    assert show_text(validate(load_text(FLOW))) == show_text(validate(load_text(BLOCK)))


@pytest.mark.parametrize("path", PROFILES, ids=[path.name for path in PROFILES])
def test_every_example_dossier_shows(path):
    dossier = load_dossier(path)

    text = show_text(dossier)

    assert text.startswith(f"Dossier\nname: {dossier.name}\n")
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    assert textconv(path) == text.encode("utf-8")


def test_textconv_falls_back_to_the_raw_text_of_an_invalid_dossier(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"name: [Dan\n\xff")

    assert textconv(broken) == b"name: [Dan\n\\xff"  # what is not UTF-8 printed as an escape
    assert textconv(tmp_path / "missing.yaml") == b""


def test_textconv_survives_a_bug_too(tmp_path, monkeypatch):
    path = tmp_path / "dan.yaml"
    path.write_text("name: Dan\n", encoding="utf-8")

    def broken(*_args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(briefgen.review.show, "show_text", broken)

    assert textconv(path) == b"name: Dan\n"


def test_cli_show_prints_the_readable_form(write_dossier, run_cli):
    write_dossier("name: Dan\nbuttons: [being rushed]\n", "dan.yaml")

    result = run_cli("show", "dan.yaml")

    assert result.exit_code == 0
    assert (
        result.stdout == "Dossier\nname: Dan\nkind: client\n\nButtons\nbutton: being rushed (hot)\n"
    )


def test_cli_show_of_an_invalid_dossier_is_a_located_error_unless_for_git(write_dossier, run_cli):
    write_dossier("name: Dan\nperson: {pace: quick}\n", "dan.yaml")

    shown = run_cli("show", "dan.yaml")
    for_git = run_cli("show", "--textconv", "dan.yaml")

    assert shown.exit_code == 1
    assert (
        shown.stderr
        == "dan.yaml:2:16: person.pace: expected one of slow, steady or fast, got 'quick'\n"
    )
    assert (for_git.exit_code, for_git.stdout) == (0, "name: Dan\nperson: {pace: quick}\n")


def _briefgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """briefgen in its own process, with a generous hang guard: a FIFO used to block forever."""
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("args", [("check",), ("show",), ("show", "--textconv")])
def test_a_fifo_given_as_a_dossier_is_refused_without_hanging(tmp_path, args):
    os.mkfifo(tmp_path / "fifo.yaml")

    result = _briefgen(*args, "fifo.yaml", cwd=tmp_path)

    if "--textconv" in args:  # git's driver must not fail: a note instead of the contents
        assert result.returncode == 0
        assert "is a named pipe (FIFO), not a file" in result.stdout
    else:
        assert result.returncode == 1
        assert "fifo.yaml: is a named pipe (FIFO), not a file" in result.stdout + result.stderr


def test_textconv_of_an_invalid_file_reads_no_more_than_a_dossier(tmp_path):
    (tmp_path / "zz.yaml").symlink_to("/dev/zero")
    (tmp_path / "big.yaml").write_bytes(b"x: [" * 10 + b"y" * (2 * 1024 * 1024))

    assert textconv(tmp_path / "zz.yaml") == (
        b"(briefgen show --textconv: not shown: is a device, not a file)\n"
    )
    assert textconv(tmp_path / "big.yaml").startswith(
        b"(briefgen show --textconv: not shown: file is 2,097,192 bytes"
    )
