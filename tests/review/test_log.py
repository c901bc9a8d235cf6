"""`briefgen log`: one command after a meeting, which changes only the intended lines, checks the
result before writing it, never clobbers a file saved meanwhile, and says what it did."""

from __future__ import annotations

import difflib
import os
import shutil
import stat
from pathlib import Path

import pytest

from briefgen.review import log as log_module
from tests.dossier.test_edit import BLOCK, COMMENTED, FLOW, NO_RELATIONSHIP

ROOT = Path(__file__).resolve().parents[2]
TODAY = ("--today", "2026-11-24")

DOSSIERS = {
    "flow": FLOW,
    "block": BLOCK,
    "commented": COMMENTED,
    "no-relationship": NO_RELATIONSHIP,
}


def changed(before: str, after: str) -> tuple[list[str], list[str]]:
    old, new = before.splitlines(), after.splitlines()
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


@pytest.fixture
def profiles(workdir: Path) -> Path:
    folder = workdir / "profiles"
    shutil.copytree(ROOT / "profiles", folder)
    return folder


def write(workdir: Path, name: str, text: str) -> Path:
    path = workdir / "profiles" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Each flag, on each way of writing a dossier.

FLAGS = {
    "meeting late": (
        ["--meeting", "2026-11-24", "--late", "10"],
        "meeting added: 2026-11-24, 10 min late",
        ["{date: 2026-11-24, late_minutes: 10}"],
        ["date: 2026-11-24", "late_minutes: 10"],
    ),
    "meeting missed with a note": (
        ["--meeting", "yesterday", "--missed", "--note", "cancelled: two hours before"],
        "meeting added: 2026-11-23, missed; note: cancelled: two hours before",
        ['{date: 2026-11-23, missed: true, note: "cancelled: two hours before"}'],
        ["date: 2026-11-23", "missed: true", 'note: "cancelled: two hours before"'],
    ),
    "gave": (
        ["--gave", "sent the dispatch template"],
        "exchange added: 2026-11-24, sent the dispatch template (given)",
        ["{date: 2026-11-24, direction: given, what: sent the dispatch template}"],
        ["date: 2026-11-24", "direction: given", "what: sent the dispatch template"],
    ),
    "received": (
        ["--received", "a referral", "--on", "2026-11-20"],
        "exchange added: 2026-11-20, a referral (received)",
        ["{date: 2026-11-20, direction: received, what: a referral}"],
        ["date: 2026-11-20", "direction: received", "what: a referral"],
    ),
}


@pytest.mark.parametrize("style", sorted(DOSSIERS))
@pytest.mark.parametrize("flag", sorted(FLAGS))
def test_each_flag_adds_only_its_lines(style, flag, workdir, run_cli):
    path = write(workdir, "dan-whitfield", DOSSIERS[style])
    before = path.read_text(encoding="utf-8")
    args, said, flow_lines, block_lines = FLAGS[flag]
    result = run_cli("log", "Dan Whitfield", *args, *TODAY)
    assert result.exit_code == 0, result.output
    assert f"  {said}" in result.output.splitlines()
    removed, added = changed(before, path.read_text(encoding="utf-8"))
    assert removed == []
    new = [line.strip().removeprefix("- ").strip() for line in added]
    new = [line for line in new if line not in ("relationship:", "meetings:", "reciprocity:", "")]
    assert new == (block_lines if style == "block" else flow_lines)
    assert run_cli("check", str(path)).exit_code == 0


@pytest.mark.parametrize("style", ["flow", "block", "commented"])
def test_contact_changes_one_line(style, workdir, run_cli):
    path = write(workdir, "dan", DOSSIERS[style])
    before = path.read_text(encoding="utf-8")
    result = run_cli("log", str(path), "--contact", "DAN  whitfield", *TODAY)
    assert result.exit_code == 0, result.output
    removed, added = changed(before, path.read_text(encoding="utf-8"))
    assert len(removed) == len(added) == 1
    assert removed[0].replace("2026-11-10", "2026-11-24") == added[0]
    assert "Dan Whitfield (CEO): last contact 2026-11-10 -> 2026-11-24" in result.output or (
        "Dan Whitfield: last contact 2026-11-10 -> 2026-11-24" in result.output
    )
    assert "  Dan Whitfield: next contact due Tue 8 Dec" in result.output.splitlines()


def test_the_after_meeting_example(profiles, run_cli):
    path = profiles / "dan-whitfield.yaml"
    before = path.read_bytes()
    result = run_cli(
        "log",
        "Dan Whitfield",
        "--meeting",
        "today",
        "--late",
        "10",
        "--contact",
        "Dan Whitfield",
        *TODAY,
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "profiles/dan-whitfield.yaml: 2 changes",
        "Relationship",
        "  Dan Whitfield (CEO): last contact 2026-11-10 -> 2026-11-24",
        "  meeting added: 2026-11-24, 10 min late",
        "Now",
        "  Dan Whitfield: next contact due Tue 8 Dec",
        "  punctuality: 1 late, 1 missed in the last 3 meetings",
        "    They treat their time as worth more than yours: state how long you have at the "
        "start, hold the cancellation rule, and be ready to reschedule.",
    ]
    removed, added = changed(before.decode(), path.read_text(encoding="utf-8"))
    assert removed == [
        "    - {name: Dan Whitfield, title: CEO, level: executive, stance: champion, "
        "last_contact: 2026-11-10}"
    ]
    assert added == [
        removed[0].replace("2026-11-10", "2026-11-24"),
        "    - {date: 2026-11-24, late_minutes: 10}",
    ]


def test_diff_between_before_and_after_shows_exactly_the_logged_change(profiles, run_cli):
    path = profiles / "gordon-pryce.yaml"
    shutil.copy(path, profiles.parent / "before.yaml")
    logged = run_cli(
        "log",
        "Gordon Pryce",
        "--meeting",
        "2026-11-20",
        "--missed",
        "--contact",
        "Anita Rao",
        "--received",
        "Anita's second reference call",
        *TODAY,
    )
    assert logged.exit_code == 0, logged.output
    diff = run_cli("diff", "before.yaml", str(path))
    assert diff.exit_code == 0
    changes = [line for line in diff.output.splitlines() if line.startswith("  ")]
    assert changes == [
        "  Anita Rao (plant systems program manager): last contact 2026-11-18 -> 2026-11-24",
        "  meeting added: 2026-11-20, missed",
        "  exchange added: 2026-11-24, Anita's second reference call (received)",
    ]
    assert logged.output.splitlines()[2:5] == changes
    assert "! " not in diff.output


# Checked before written: nothing changes on disk when anything is wrong.


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gave", "x" * 600], "relationship.reciprocity[4].what: text is too long"),
        (["--meeting", "2026-11-10"], "a meeting on 2026-11-10 is already logged"),
        (["--meeting", "2026-12-01"], "--meeting 2026-12-01 is after today (2026-11-24)"),
        (["--meeting", "next tuesday"], "--meeting 'next tuesday' is not a date"),
        (["--contact", "Nobody"], "no contact named 'Nobody'"),
        (["--late", "5"], "add --meeting DATE"),
        (["--meeting", "today", "--late", "5", "--missed"], "not both"),
        ([], "nothing to log"),
        (["--gave", "  "], "write some plain text"),
        (["--note", "bell\x07", "--meeting", "today"], "write some plain text"),
    ],
)
def test_a_wrong_request_writes_nothing(args, message, profiles, run_cli):
    path = profiles / "dan-whitfield.yaml"
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    result = run_cli("log", "Dan Whitfield", *args, *TODAY)
    assert result.exit_code == 1
    assert message in result.output
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in profiles.iterdir()) == sorted(
        p.name for p in (ROOT / "profiles").iterdir()
    )  # no temp file left behind


@pytest.mark.usefixtures("profiles")
def test_too_long_text_is_located_in_the_file_as_it_would_be(run_cli):
    result = run_cli("log", "Dan Whitfield", "--gave", "x" * 600, *TODAY)
    assert result.output.startswith(
        "profiles/dan-whitfield.yaml:126:50: relationship.reciprocity[4].what: text is too long"
    )
    assert "nothing logged" in result.output


@pytest.mark.usefixtures("profiles")
def test_an_unknown_contact_lists_the_contacts_and_suggests_the_near_miss(run_cli):
    result = run_cli("log", "claude-belanger", "--contact", "helene roi", *TODAY)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "profiles/claude-belanger.yaml:70:5: relationship.contacts: no contact named "
        "'helene roi' in profiles/claude-belanger.yaml; contacts are: Claude Bélanger, "
        "Hélène Roy, Simon Gagnon, Lise Côté",
        "  hint: did you mean 'Hélène Roy'?",
    ]
    accents = run_cli("log", "claude-belanger", "--contact", "HELENE ROY", *TODAY)
    assert accents.exit_code == 0, accents.output
    assert "Hélène Roy (directrice générale): last contact 2026-05-21 -> 2026-11-24" in (
        accents.output
    )
    assert "Hélène Roy: next contact due Tue 8 Dec (was 173 days overdue)" in accents.output


@pytest.mark.usefixtures("profiles")
def test_a_first_name_alone_is_a_near_miss(run_cli):
    result = run_cli("log", "Gordon Pryce", "--contact", "linda", *TODAY)
    assert "hint: did you mean 'Linda Ostrowski'?" in result.output


def test_an_invalid_dossier_is_not_touched(workdir, run_cli):
    path = write(workdir, "bad", "name: X\nrelationship:\n  cadence_days: often\n")
    before = path.read_bytes()
    result = run_cli("log", "profiles/bad.yaml", "--gave", "a", *TODAY)
    assert result.exit_code == 1
    assert "profiles/bad.yaml:3:17: relationship.cadence_days" in result.output
    assert "nothing logged: profiles/bad.yaml is not a valid dossier as it stands" in result.output
    assert path.read_bytes() == before


def test_an_older_call_does_not_move_the_last_contact_back(profiles, run_cli):
    path = profiles / "dan-whitfield.yaml"
    before = path.read_bytes()
    result = run_cli("log", "Dan Whitfield", "--contact", "Dan Whitfield", "--on", "2026-11-01")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "Dan Whitfield: last contact already Tue 10 Nov; left as it is"
    ]
    assert path.read_bytes() == before


# Atomic, and never over someone else's save.


def test_a_file_saved_meanwhile_is_not_overwritten(profiles, run_cli, monkeypatch):
    path = profiles / "dan-whitfield.yaml"
    real = log_module.apply_edits

    def edit_and_someone_saves(text, edits, file):
        path.write_text(text + "# saved in the editor meanwhile\n", encoding="utf-8")
        return real(text, edits, file)

    monkeypatch.setattr(log_module, "apply_edits", edit_and_someone_saves)
    result = run_cli("log", "Dan Whitfield", "--gave", "a", *TODAY)
    assert result.exit_code == 1
    assert "profiles/dan-whitfield.yaml: changed on disk since it was read; nothing written" in (
        result.output
    )
    assert path.read_text(encoding="utf-8").endswith("# saved in the editor meanwhile\n")


def test_a_save_during_the_write_is_not_overwritten(profiles, run_cli, monkeypatch):
    """The check runs again last thing before the new file replaces the old one."""
    path = profiles / "dan-whitfield.yaml"
    real = log_module.write_atomic

    def write_while_someone_saves(target, data, **options):
        path.write_text("name: Dan Whitfield\n", encoding="utf-8")
        return real(target, data, **options)

    monkeypatch.setattr(log_module, "write_atomic", write_while_someone_saves)
    result = run_cli("log", "Dan Whitfield", "--gave", "a", *TODAY)
    assert result.exit_code == 1
    assert "changed on disk since it was read" in result.output
    assert path.read_text(encoding="utf-8") == "name: Dan Whitfield\n"
    assert not [p for p in profiles.iterdir() if p.name.endswith(".tmp")]


def test_dry_run_writes_nothing(profiles, run_cli):
    path = profiles / "dan-whitfield.yaml"
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    result = run_cli("log", "Dan Whitfield", "--meeting", "today", "--dry-run", *TODAY)
    assert result.exit_code == 0
    assert "  meeting added: 2026-11-24, on time" in result.output.splitlines()
    assert result.output.splitlines()[-1] == "dry run: nothing written"
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


def test_mode_bom_and_line_endings_are_kept(workdir, run_cli):
    text = "\ufeffname: X\r\nrelationship:\r\n  meetings:\r\n    - {date: 2026-10-02}\r\n"
    path = workdir / "x.yaml"
    path.write_bytes(text.encode("utf-8"))
    path.chmod(0o640)
    result = run_cli("log", "x.yaml", "--meeting", "today", *TODAY)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (text + "    - {date: 2026-11-24, late_minutes: 0}\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symlinked_dossier_is_edited_where_it_lives(workdir, run_cli):
    shared = workdir / "shared"
    shared.mkdir()
    real = shared / "dan.yaml"
    real.write_text(FLOW, encoding="utf-8")
    (workdir / "link.yaml").symlink_to(real)
    result = run_cli("log", "link.yaml", "--gave", "a", *TODAY)
    assert result.exit_code == 0, result.output
    assert (workdir / "link.yaml").is_symlink()
    assert "what: a}" in real.read_text(encoding="utf-8")


# Finding the dossier.


@pytest.mark.usefixtures("profiles")
def test_a_name_finds_the_file_new_made(run_cli):
    result = run_cli("log", "Claude Bélanger", "--gave", "maple syrup", "--dry-run", *TODAY)
    assert result.output.startswith("profiles/claude-belanger.yaml: 1 change")


@pytest.mark.usefixtures("profiles")
def test_a_misspelt_name_suggests_the_file(run_cli):
    result = run_cli("log", "Dan Whitfeld", "--gave", "a", *TODAY)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "no file 'Dan Whitfeld', and no profiles/dan-whitfeld.yaml",
        "  hint: did you mean profiles/dan-whitfield.yaml?",
    ]


@pytest.mark.usefixtures("profiles")
def test_a_folder_is_not_a_dossier(run_cli):
    result = run_cli("log", "profiles", "--gave", "a", *TODAY)
    assert result.exit_code == 1
    assert "profiles: is a folder" in result.output


@pytest.mark.usefixtures("profiles")
def test_today_is_the_default_day(run_cli):
    import datetime as dt

    result = run_cli("log", "Richard Okafor", "--gave", "a", "--dry-run")
    assert f"exchange added: {dt.date.today().isoformat()}, a (given)" in result.output


def test_the_meeting_of_a_person_without_contacts_moves_their_due_date(workdir, run_cli):
    write(workdir, "x", "name: X\nrelationship:\n  cadence_days: 7\n")
    result = run_cli("log", "X", "--meeting", "2026-11-20", *TODAY)
    assert result.output.splitlines()[-3:] == [
        "  X: next contact due Fri 27 Nov",
        "  punctuality: on time at the last meeting",
        "    They respect your time.",
    ]


def test_every_example_takes_every_flag(profiles, run_cli):
    for path in sorted(profiles.glob("*.yaml")):
        before = path.read_text(encoding="utf-8")
        result = run_cli(
            "log",
            str(path),
            "--meeting",
            "2026-11-23",
            "--late",
            "3",
            "--gave",
            "a",
            "--received",
            "b",
            *TODAY,
        )
        assert result.exit_code == 0, result.output
        removed, added = changed(before, path.read_text(encoding="utf-8"))
        assert removed == []
        assert [line for line in added if line.strip() not in ("meetings:", "reciprocity:")] == [
            "    - {date: 2026-11-23, late_minutes: 3}",
            "    - {date: 2026-11-24, direction: given, what: a}",
            "    - {date: 2026-11-24, direction: received, what: b}",
        ]


@pytest.mark.usefixtures("profiles")
def test_a_meeting_alone_suggests_counting_it_as_a_contact(run_cli):
    result = run_cli("log", "Dan Whitfield", "--meeting", "today", "--dry-run", *TODAY)
    assert result.output.splitlines()[-2:] == [
        'hint: add --contact "Dan Whitfield" to count the meeting as your last contact with them',
        "dry run: nothing written",
    ]
    both = run_cli(
        "log",
        "Dan Whitfield",
        "--meeting",
        "today",
        "--contact",
        "Dan Whitfield",
        "--dry-run",
        *TODAY,
    )
    assert "hint:" not in both.output


def test_dir_names_the_folder_of_dossiers(workdir, run_cli):
    (workdir / "people").mkdir()
    (workdir / "people" / "ann-lee.yaml").write_text("name: Ann Lee\n", encoding="utf-8")
    result = run_cli("log", "Ann Lee", "--dir", "people", "--gave", "a", *TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("people/ann-lee.yaml: 1 change")
    assert (workdir / "people" / "ann-lee.yaml").read_text(encoding="utf-8") == (
        "name: Ann Lee\nrelationship:\n  reciprocity:\n"
        "    - {date: 2026-11-24, direction: given, what: a}\n"
    )


# Issue 19: owner and group kept, no overflow, a name found anywhere in the project.


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_log_run_as_root_keeps_the_owner_group_and_mode(workdir, run_cli):
    path = workdir / "x.yaml"
    path.write_text("name: X\n", encoding="utf-8")
    os.chown(path, 1234, 2345)
    path.chmod(0o640)
    result = run_cli("log", "x.yaml", "--gave", "a", *TODAY)
    assert result.exit_code == 0, result.output
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 2345, 0o640)
    assert "what: a}" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("option", ["--meeting", "--on"])
def test_yesterday_before_the_first_day_is_an_error_not_a_traceback(workdir, run_cli, option):
    (workdir / "x.yaml").write_text("name: X\n", encoding="utf-8")
    result = run_cli("log", "x.yaml", option, "yesterday", "--today", "0001-01-01", "--gave", "a")
    assert result.exit_code != 0
    assert "yesterday" in result.output
    assert (workdir / "x.yaml").read_text(encoding="utf-8") == "name: X\n"


def test_a_name_is_found_in_any_folder_of_the_project(workdir, run_cli):
    (workdir / "briefgen.toml").write_text("", encoding="utf-8")
    (workdir / "clients" / "east").mkdir(parents=True)
    (workdir / "clients" / "east" / "dana-whitaker.yaml").write_text("name: Dana W\n")
    (workdir / "notes").mkdir()
    os.chdir(workdir / "notes")  # anywhere in the project
    result = run_cli("log", "Dana Whitaker", "--gave", "a", *TODAY)
    assert result.exit_code == 0, result.output
    assert "what: a}" in (workdir / "clients" / "east" / "dana-whitaker.yaml").read_text()


def test_a_name_in_two_folders_is_ambiguous_and_names_both(workdir, run_cli):
    (workdir / "briefgen.toml").write_text("", encoding="utf-8")
    for folder in ("clients", "prospects"):
        (workdir / folder).mkdir()
        (workdir / folder / "dana.yaml").write_text("name: Dana\n")
    result = run_cli("log", "Dana", "--gave", "a", *TODAY)
    assert result.exit_code == 1
    assert "clients/dana.yaml" in result.output
    assert "prospects/dana.yaml" in result.output
    assert "what" not in (workdir / "clients" / "dana.yaml").read_text()
