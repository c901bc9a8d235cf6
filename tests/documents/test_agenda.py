"""`briefgen agenda` over a folder of dossiers on a pinned day: the window, overdue marks,
stay in touch (most overdue first, no cadence left out), the 50 / 30 / 20 share, JSON, colour,
invalid dossiers, and a canary: nothing private ever reaches it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.documents.agenda import agenda_text, make_agenda
from briefgen.facts.portfolio import time_share
from briefgen.text.i18n import ENGLISH
from tests.conftest import invoke

TODAY = "2026-11-23"  # a Monday

DAN = """
name: Dan Whitfield
organization: Whitfield Logistics
account: existing
negotiation:
  subject: coaching retainer
  when: 2026-11-24 10:00
  where: his office
timeline:
  deliverables:
    - {name: booklet to print, due: 2026-12-04}
    - {name: signed retainer, due: 2026-11-20}
    - {name: annual report, due: 2027-03-01}
  rules:
    - {name: final changes, days_before: 2, of: booklet to print, business_days: true}
relationship:
  cadence_days: 14
  contacts:
    - {name: Dan Whitfield, title: CEO, level: executive, last_contact: 2026-11-16}
    - {name: Rita Gomez, title: AP manager, level: support, handles: payments,
       last_contact: 2026-09-01}
    - {name: Priya Shah, level: key, last_contact: 2026-11-01}
    - {name: Never Called}
  meetings: [{date: 2026-10-02}, {date: 2026-11-10}, {date: 2026-10-16, missed: true},
             {date: 2026-01-05}]
"""

ANN = """
name: Ann Lost
account: lost
negotiation: {subject: win-back lunch, when: 2026-12-20}
relationship:
  cadence_days: 30
  meetings: [{date: 2026-10-30}]
"""

NOCADENCE = """
name: Nora Nocadence
relationship:
  contacts: [{name: Nora Nocadence, last_contact: 2025-01-01}]
  reciprocity: [{date: 2026-11-01, direction: given, what: an introduction}]
"""

CANDIDATE = """
name: Cara Candidate
kind: candidate
"""


@pytest.fixture
def folder(workdir: Path) -> Path:
    profiles = workdir / "profiles"
    (profiles / "east").mkdir(parents=True)
    (profiles / "east" / "dan.yaml").write_text(DAN)
    (profiles / "ann.yaml").write_text(ANN)
    (profiles / "nora.yaml").write_text(NOCADENCE)
    (profiles / "cara.yaml").write_text(CANDIDATE)
    return profiles


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.usefixtures("folder")
def test_the_window_holds_what_is_due_and_what_is_overdue():
    result, problems = make_agenda(["profiles"], day(TODAY), 14)
    assert problems == []
    assert result.until == day("2026-12-06")
    assert [(n.person, n.day, n.time) for n in result.negotiations] == [
        ("Dan Whitfield", day("2026-11-24"), dt.time(10, 0))
    ]  # Ann's lunch on Dec 20 is past the window
    assert [(d.name, d.date, d.overdue) for d in result.deadlines] == [
        ("signed retainer", day("2026-11-20"), True),
        ("final changes", day("2026-12-02"), False),  # Wednesday before the Friday print
        ("booklet to print", day("2026-12-04"), False),
    ]  # the annual report is months away
    assert {d.key for d in result.deadlines} == {"profiles/east/dan.yaml"}


@pytest.mark.usefixtures("folder")
def test_a_longer_window_reaches_further():
    result, _ = make_agenda(["profiles"], day(TODAY), 30)
    assert [n.person for n in result.negotiations] == ["Dan Whitfield", "Ann Lost"]
    assert result.negotiations[1].time is None


@pytest.mark.usefixtures("folder")
def test_stay_in_touch_most_overdue_first_and_no_cadence_left_out():
    result, _ = make_agenda(["profiles"], day(TODAY), 14)
    assert [(t.contact, t.due, t.days_left) for t in result.touches] == [
        ("Rita Gomez", day("2026-09-15"), -69),
        ("Priya Shah", day("2026-11-15"), -8),
        ("Ann Lost", day("2026-11-29"), 6),  # no account map: her own last meeting
        ("Dan Whitfield", day("2026-11-30"), 7),
    ]
    rita = result.touches[0]
    assert (rita.title, rita.level, rita.handles) == ("AP manager", "support", "payments")
    assert "Nora Nocadence" not in {t.contact for t in result.touches}
    assert "Never Called" not in {t.contact for t in result.touches}


@pytest.mark.usefixtures("folder")
def test_where_the_time_went_counts_the_last_90_days_by_account():
    result, _ = make_agenda(["profiles"], day(TODAY), 14)
    share = result.time
    assert share is not None
    # Dan: 2 meetings held in 90 days (not the missed one, not January) + 3 last contacts
    assert share.counts == {"existing": 5, "lost": 1, "new": 0}
    assert (share.share("existing"), share.share("lost"), share.share("new")) == (83, 17, 0)
    # Nora has no account: listed to be filled in; a candidate is not an account
    assert share.unassigned == (("profiles/nora.yaml", "Nora Nocadence"),)
    assert share.unassigned_count == 1


def test_no_recorded_contact_has_no_share():
    share = time_share([], day(TODAY))
    assert share.total == 0
    assert share.share("existing") is None


@pytest.mark.usefixtures("folder")
def test_text_is_grouped_aligned_and_marks_overdue():
    result = invoke("agenda", "--today", TODAY)
    assert result.exit_code == 0, result.output
    text = result.stdout
    headings = ["Negotiations", "Deadlines", "Stay in touch", "Where the time went"]
    positions = [text.index("\n" + h) for h in headings]
    assert positions == sorted(positions)
    assert "\x1b[" not in text  # not a terminal: no colour
    deadlines = text.split("\nDeadlines\n")[1].split("\n\n")[0].splitlines()
    assert deadlines[0].startswith("! Fri 20 Nov 3 days overdue")
    assert deadlines[1].startswith("  Wed 2 Dec  due in 9 days")
    # aligned: the person's name starts in the same column on every line
    assert len({line.index("Dan Whitfield") for line in deadlines}) == 1
    assert "signed retainer  profiles/east/dan.yaml" in deadlines[0]
    assert "Rita Gomez, AP manager, support, handles payments" in text
    assert "existing   83 %   goal 50 %" in text
    assert "no account: Nora Nocadence (profiles/nora.yaml)" in text


@pytest.mark.usefixtures("folder")
def test_overdue_lines_and_headings_are_styled_only_through_the_style():
    result, _ = make_agenda(["profiles"], day(TODAY), 14)
    marked = agenda_text(result, lambda text, kind: f"<{kind}>{text}</{kind}>", locale=ENGLISH)
    assert "<heading>Deadlines</heading>" in marked
    assert "<overdue>! Fri 20 Nov" in marked
    assert "<overdue>  Wed 2 Dec" not in marked


class Terminal:
    def isatty(self) -> bool:
        return True


@pytest.mark.usefixtures("folder")
def test_colour_on_a_terminal_and_off_under_no_color(monkeypatch):
    import briefgen.cli

    monkeypatch.setattr(briefgen.cli, "_use_colour", lambda: True)
    coloured = CliRunner().invoke(briefgen.cli.cli, ["agenda", "--today", TODAY], color=True)
    assert "\x1b[31m! Fri 20 Nov" in coloured.stdout
    monkeypatch.undo()
    monkeypatch.setattr("sys.stdout", Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert briefgen.cli._use_colour()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not briefgen.cli._use_colour()


@pytest.mark.usefixtures("folder")
def test_json_has_iso_dates_and_the_dossier_on_every_entry():
    result = invoke("agenda", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["today"] == TODAY
    assert data["until"] == "2026-12-06"
    entries = data["negotiations"] + data["deadlines"] + data["stay_in_touch"]
    assert entries
    assert all(e["dossier"].startswith("profiles/") for e in entries)
    assert data["negotiations"][0]["date"] == "2026-11-24"
    assert data["negotiations"][0]["time"] == "10:00"
    final = next(d for d in data["deadlines"] if d["name"] == "final changes")
    assert final["rule"] == {"days_before": 2, "business_days": True, "of": "booklet to print"}
    assert data["deadlines"][0]["overdue"] is True
    assert data["stay_in_touch"][0]["due"] == "2026-09-15"
    assert data["time"]["accounts"]["existing"] == {"count": 5, "share": 83, "goal": 50}
    assert data["time"]["no_account"] == [
        {"dossier": "profiles/nora.yaml", "person": "Nora Nocadence"}
    ]


def test_an_invalid_dossier_is_reported_as_check_does_and_the_rest_shown(folder):
    (folder / "bad.yaml").write_text("name: Bad\nrelationship: {cadence_days: often}\n")
    result = invoke("agenda", "--today", TODAY)
    assert result.exit_code == 1
    assert "profiles/bad.yaml:2:" in result.stderr
    assert "Dan Whitfield" in result.stdout


CANARY = """
name: Pat Private
organization: Canary Co
account: new
person:
  family: [{relation: spouse, name: FAMILYCANARY, note: NOTECANARY1}]
  hobbies: [{name: HOBBYCANARY}]
  notes: PERSONNOTECANARY
buttons: [{topic: BUTTONCANARY, kind: hot}]
tactics: [{tactic: silence, note: TACTICCANARY}]
negotiation:
  subject: the renewal
  when: 2026-11-25 09:00
  where: their office
  currency: USD
  opening: 987654
  target: 876543
  walk_away: 765432
  batna: BATNACANARY
  goal: GOALCANARY
  questions: [QUESTIONCANARY]
  notes: NEGNOTECANARY
timeline:
  deliverables:
    - {name: proposal, due: 2026-11-27, note: DELIVERABLENOTECANARY}
    - {name: SENSITIVEDEADLINECANARY, due: 2026-11-26, sensitive: true}
relationship:
  cadence_days: 7
  notes: RELNOTECANARY
  contacts:
    - {name: Sam Public, title: buyer, last_contact: 2026-11-10, note: CONTACTNOTECANARY}
    - {name: SENSITIVECONTACTCANARY, last_contact: 2026-11-10, sensitive: true}
  reciprocity: [{date: 2026-11-01, direction: given, what: RECIPROCITYCANARY}]
"""


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_nothing_private_reaches_the_agenda(workdir, output_format):
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "pat.yaml").write_text(CANARY)
    result = invoke("agenda", "--today", TODAY, "--days", "30", "--format", output_format)
    assert result.exit_code == 0, result.output
    assert "Pat Private" in result.output
    assert "Sam Public" in result.output
    assert "proposal" in result.output
    assert "the renewal" in result.output
    assert "CANARY" not in result.output
    for figure in ("987654", "987,654", "876543", "765432"):
        assert figure not in result.output


def test_the_readme_agenda_is_what_the_examples_give(monkeypatch):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    command = "$ briefgen agenda --days 7 --today 2026-11-23\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0].splitlines()
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    actual = invoke("agenda", "--days", "7", "--today", "2026-11-23").stdout.splitlines()
    kept = [line for line in shown if line not in ("...", "")]
    assert all(line in actual for line in kept), set(kept) - set(actual)
    assert [actual.index(line) for line in kept] == sorted(actual.index(line) for line in kept)
