"""`briefgen calendar`: the .ics parsed back with icalendar (dates, alarms, UIDs), stable UIDs
and byte-identical runs on one day, and nothing private."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from tests.conftest import invoke
from tests.documents.test_agenda import ANN, CANARY, DAN, NOCADENCE

TODAY = "2026-11-23"


@pytest.fixture
def folder(workdir: Path) -> Path:
    profiles = workdir / "profiles"
    (profiles / "east").mkdir(parents=True)
    (profiles / "east" / "dan.yaml").write_text(DAN)
    (profiles / "ann.yaml").write_text(ANN)
    (profiles / "nora.yaml").write_text(NOCADENCE)
    return profiles


def events(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    found = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT"))  # no two alike
    return found


def alarm(event: icalendar.Event) -> icalendar.Alarm:
    (only,) = event.walk("VALARM")
    assert str(only["action"]) == "DISPLAY"
    return only


def fires(event: icalendar.Event) -> dt.datetime:
    """When the event's alarm goes off (floating local time)."""
    start = event.decoded("dtstart")
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time(0))
    return start + alarm(event).decoded("trigger")


def test_the_calendar_holds_negotiations_deadlines_and_reminders(folder):
    result = invoke("calendar", "--today", TODAY, "-o", "out/cal.ics")
    assert result.exit_code == 0, result.output
    assert "out/cal.ics: " in result.stderr
    found = events(folder.parent / "out" / "cal.ics")

    meeting = found["Negotiation: Dan Whitfield, coaching retainer"]
    assert meeting.decoded("dtstart") == dt.datetime(2026, 11, 24, 10, 0)  # floating
    assert meeting.decoded("duration") == dt.timedelta(hours=1)
    assert str(meeting["location"]) == "his office"
    assert fires(meeting) == dt.datetime(2026, 11, 24, 8, 0)  # the morning of

    lunch = found["Negotiation: Ann Lost, win-back lunch"]  # no time: all day
    assert lunch.decoded("dtstart") == dt.date(2026, 12, 20)
    assert lunch.decoded("dtend") == dt.date(2026, 12, 21)
    assert fires(lunch) == dt.datetime(2026, 12, 20, 8, 0)

    final = found["Due: final changes (Dan Whitfield)"]
    assert final.decoded("dtstart") == dt.date(2026, 12, 2)  # 2 business days before Fri 4
    assert "2 business days before booklet to print" in str(final["description"])
    assert fires(final) == dt.datetime(2026, 12, 1, 9, 0)  # the day before
    signed = found["Due: signed retainer (Dan Whitfield), overdue since Friday 20 November 2026"]
    assert signed.decoded("dtstart") == dt.date(2026, 11, 23)  # overdue: written for today
    assert "Due: annual report (Dan Whitfield)" not in found  # March: past 90 days

    rita = found[
        "Stay in touch: Rita Gomez (Dan Whitfield's account), "
        "overdue since Tuesday 15 September 2026"
    ]
    assert rita.decoded("dtstart") == dt.date(2026, 11, 23)  # due in September: today
    assert "AP manager, support, handles payments" in str(rita["description"])
    assert fires(rita) == dt.datetime(2026, 11, 23, 9, 0)
    assert not any("Nora" in s for s in found)  # no cadence: left out

    for event in found.values():
        assert event.decoded("dtstamp") == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
        assert str(event["uid"]).endswith("@briefgen")


def test_two_runs_on_one_day_give_the_same_bytes_and_uids_survive_edits(folder):
    invoke("calendar", "--today", TODAY, "-o", "a.ics")
    invoke("calendar", "--today", TODAY, "-o", "b.ics")
    first = (folder.parent / "a.ics").read_bytes()
    assert first == (folder.parent / "b.ics").read_bytes()

    before = {
        s.split(", overdue since")[0]: str(e["uid"])
        for s, e in events(folder.parent / "a.ics").items()
    }
    dan = folder / "east" / "dan.yaml"
    dan.write_text(
        DAN.replace("last_contact: 2026-09-01", "last_contact: 2026-11-20").replace(
            "due: 2026-12-04", "due: 2026-12-11"
        )
    )
    invoke("calendar", "--today", "2026-11-24", "-o", "c.ics")
    after = events(folder.parent / "c.ics")
    rita = after["Stay in touch: Rita Gomez (Dan Whitfield's account)"]
    assert rita.decoded("dtstart") == dt.date(2026, 12, 4)  # moved, same UID: an update
    assert str(rita["uid"]) == before["Stay in touch: Rita Gomez (Dan Whitfield's account)"]
    booklet = after["Due: booklet to print (Dan Whitfield)"]
    assert booklet.decoded("dtstart") == dt.date(2026, 12, 11)
    assert str(booklet["uid"]) == before["Due: booklet to print (Dan Whitfield)"]
    assert len(set(before.values())) == len(before)  # every item its own UID


def test_the_same_file_name_in_two_folders_gives_different_uids(workdir):
    for place in ("east", "west"):
        (workdir / place).mkdir()
        (workdir / place / "dan.yaml").write_text(DAN)
    invoke("calendar", "east", "west", "--today", TODAY, "-o", "cal.ics")
    cal = icalendar.Calendar.from_ical((workdir / "cal.ics").read_bytes())
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_dash_prints_the_calendar_and_a_wrong_suffix_is_refused(folder):
    printed = invoke("calendar", "--today", TODAY, "-o", "-")
    assert printed.stdout.startswith("BEGIN:VCALENDAR")
    refused = invoke("calendar", "--today", TODAY, "-o", "profiles/ann.yaml")
    assert refused.exit_code == 1
    assert "a calendar file ends in .ics" in refused.output
    assert (folder / "ann.yaml").read_text() == ANN


def test_nothing_private_reaches_the_calendar(workdir):
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "pat.yaml").write_text(CANARY)
    result = invoke("calendar", "--today", TODAY, "-o", "-")
    assert result.exit_code == 0
    text = icalendar.Calendar.from_ical(result.stdout_bytes).to_ical().decode()
    unfolded = text.replace("\r\n ", "")
    assert "Pat Private" in unfolded
    assert "Sam Public" in unfolded
    assert "proposal" in unfolded
    assert "CANARY" not in unfolded
    for figure in ("987654", "987,654", "876543", "765432"):
        assert figure not in unfolded


def test_dates_at_the_ends_of_the_calendar_do_not_crash(workdir):
    (workdir / "far.yaml").write_text(
        "name: Far Future\nnegotiation: {when: 8999-12-31 23:30}\n"  # the latest year allowed
        "timeline: {deliverables: [{name: the end, due: 8999-12-31}]}\n"
    )
    result = invoke("calendar", "far.yaml", "--today", "8999-12-30", "--days", "3000", "-o", "-")
    assert result.exit_code == 0, result.output
    found = {
        str(e["summary"]): e
        for e in icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    }
    assert found["Due: the end (Far Future)"].decoded("dtstart") == dt.date(8999, 12, 31)
    assert "Negotiation: Far Future" in found
    early = invoke("agenda", "far.yaml", "--today", "0001-01-01", "--format", "json")
    assert early.exit_code == 0
