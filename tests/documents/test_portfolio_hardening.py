"""Issue 19 for `agenda` and `calendar`: problems on stderr that never quote a value, odd
file names, overdue items written for today, SEQUENCE on changed events, UIDs relative to
the project root, and an agenda that says what it hid."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import icalendar
import pytest

from tests.conftest import invoke
from tests.documents.test_agenda import ANN, CANARY, DAN

TODAY = "2026-11-23"
PRIVATE = "name: Bad\nnegotiation: {subject: x, walk_away: 45kPRIVATE}\n"


@pytest.fixture
def folder(workdir: Path) -> Path:
    profiles = workdir / "profiles"
    (profiles / "east").mkdir(parents=True)
    (profiles / "east" / "dan.yaml").write_text(DAN)
    (profiles / "ann.yaml").write_text(ANN)
    return profiles


def vevents(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


# -- 6.: problems on stderr, never quoting a value. ---------------------------------------------


@pytest.mark.parametrize(
    "command", [["agenda", "--format", "json"], ["agenda"], ["calendar", "-o", "-"]]
)
def test_problems_go_to_stderr_and_never_quote_a_value(folder, command):
    (folder / "bad.yaml").write_text(PRIVATE)
    result = invoke(*command, "--today", TODAY)
    assert result.exit_code == 1
    assert "PRIVATE" not in result.output
    assert "profiles/bad.yaml:2:" in result.stderr
    assert "briefgen check profiles/bad.yaml" in result.stderr
    if "json" in command:
        data = json.loads(result.stdout)
        assert data["invalid"] == 1
        assert "profiles/bad.yaml" not in result.stdout


# -- 12. and 13.: odd file names. ------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_escaped_in_every_view(folder):
    odd = os.fsencode(folder) + b"/caf\xe9.yaml"
    Path(os.fsdecode(odd)).write_text(ANN.replace("Ann Lost", "Cafe Person"))
    calendar = invoke("calendar", "--today", TODAY, "-o", "-")
    assert calendar.exit_code == 0, calendar.output
    assert any("Cafe Person" in str(e["summary"]) for e in vevents(calendar.stdout_bytes))
    agenda = invoke("agenda", "--today", TODAY, "--days", "60", "--format", "json")
    agenda.stdout_bytes.decode("utf-8")  # valid UTF-8
    assert "profiles/caf\\\\xe9.yaml" in agenda.stdout  # the JSON escape of the backslash
    text = invoke("agenda", "--today", TODAY, "--days", "60")
    assert "caf\\xe9.yaml" in text.stdout


def test_an_escape_in_a_file_name_is_not_printed_raw(folder):
    (folder / "\x1b[2Jann.yaml").write_text("name: Bad\nrelationship: {cadence_days: often}\n")
    (folder / "\x1b]0;x\x07z.yaml").write_text(ANN.replace("Ann Lost", "Zed"))
    for command in (["agenda"], ["calendar", "-o", "out.ics"], ["agenda", "--format", "json"]):
        result = invoke(*command, "--today", TODAY, "--days", "60")
        assert "\x1b" not in result.output, command
        assert "\x07" not in result.output, command


# -- Overdue written for today; SEQUENCE; UIDs from the root. ----------------------------------


@pytest.mark.usefixtures("folder")
def test_overdue_reminders_and_deadlines_are_written_today_saying_since_when():
    result = invoke("calendar", "--today", TODAY, "-o", "-")
    found = {str(e["summary"]): e for e in vevents(result.stdout_bytes)}
    rita = next(e for s, e in found.items() if "Rita Gomez" in s)
    assert rita.decoded("dtstart") == dt.date(2026, 11, 23)
    assert "overdue since" in str(rita["summary"]).lower()
    signed = next(e for s, e in found.items() if "signed retainer" in s)
    assert signed.decoded("dtstart") == dt.date(2026, 11, 23)
    assert "20 November 2026" in str(signed["summary"]) or "Nov" in str(signed["summary"])
    starts = [e.decoded("dtstart") for e in found.values()]
    days = [s.date() if isinstance(s, dt.datetime) else s for s in starts]
    past = [d for d in days if d < dt.date(2026, 11, 23)]
    assert past == []


@pytest.mark.usefixtures("folder")
def test_overdue_in_french_too():
    result = invoke("calendar", "--today", TODAY, "-o", "-", "--locale", "fr-CA")
    summaries = [str(e["summary"]) for e in vevents(result.stdout_bytes)]
    assert any("en retard depuis" in s for s in summaries)


def test_a_changed_event_keeps_its_uid_with_a_higher_sequence(folder):
    target = folder.parent / "cal.ics"
    assert invoke("calendar", "--today", TODAY, "-o", str(target)).exit_code == 0
    first = {str(e["uid"]): e for e in vevents(target.read_bytes())}
    assert invoke("calendar", "--today", TODAY, "-o", str(target)).exit_code == 0
    same = {str(e["uid"]): e for e in vevents(target.read_bytes())}
    assert {u: int(e.get("sequence", 0)) for u, e in same.items()} == {
        u: int(e.get("sequence", 0)) for u, e in first.items()
    }
    (folder / "ann.yaml").write_text(ANN.replace("win-back lunch", "win-back dinner"))
    assert invoke("calendar", "--today", TODAY, "-o", str(target)).exit_code == 0
    after = {str(e["uid"]): e for e in vevents(target.read_bytes())}
    assert set(after) == set(first)
    changed = [u for u in after if str(after[u]["summary"]) != str(first[u]["summary"])]
    assert len(changed) == 1
    assert int(after[changed[0]]["sequence"]) == int(first[changed[0]].get("sequence", 0)) + 1
    unchanged = [u for u in after if u not in changed]
    assert all(int(after[u].get("sequence", 0)) == 0 for u in unchanged)


def test_an_odd_previous_calendar_is_ignored_never_a_hang(folder):
    target = folder.parent / "cal.ics"
    os.mkfifo(target)
    result = invoke("calendar", "--today", TODAY, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert vevents(target.read_bytes())


def test_uids_do_not_depend_on_the_folder_briefgen_runs_from(folder):
    here = invoke("calendar", "--today", TODAY, "-o", "-")
    os.chdir(folder / "east")
    there = invoke("calendar", "../../profiles", "--today", TODAY, "-o", "-")
    assert there.exit_code == 0, there.output
    assert sorted(str(e["uid"]) for e in vevents(here.stdout_bytes)) == sorted(
        str(e["uid"]) for e in vevents(there.stdout_bytes)
    )


# -- The agenda says what it hid. --------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("en", "1 deadline marked sensitive is not shown"),
        ("fr-CA", "1 échéance marquée sensible n\u2019est pas affichée"),
    ],
)
def test_the_agenda_says_what_it_hid(workdir, locale, said):
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "pat.yaml").write_text(CANARY)
    result = invoke("agenda", "--today", TODAY, "--days", "30", "--locale", locale)
    assert result.exit_code == 0, result.output
    assert said in result.stdout
    assert "CANARY" not in result.stdout
    data = json.loads(invoke("agenda", "--today", TODAY, "--days", "30", "--format", "json").stdout)
    assert data["hidden"]["deadlines"] == 1
