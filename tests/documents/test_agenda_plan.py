"""`briefgen agenda` with the account plan's keys (issue 21): per-level cadence (yellow past the
ideal, red past the maximum), a promise's count, and accounts whose executives went quiet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from briefgen.documents.agenda import agenda_text, make_agenda
from briefgen.text.i18n import Locale
from tests.conftest import invoke

EN = Locale("en")

TODAY = dt.date(2026, 11, 23)

ACME = """
name: Ann Acme
organization: Acme
relationship:
  cadence_days: 14
  cadence:
    executive: {ideal: 30, max: 40}
    staff: 10
  promise: {every: 14, since: 2026-08-03}
  contacts:
    - {name: Ann Acme, level: executive, last_contact: 2026-09-01}
    - {name: Sam Staff, level: staff, last_contact: 2026-11-11}
    - {name: Kim Key, level: key, last_contact: 2026-11-01}
  meetings: [2026-08-03, 2026-08-17, 2026-08-31, {date: 2026-09-14, missed: true}, 2026-09-28,
             2026-10-12, 2026-10-26, 2026-11-09]
"""


@pytest.fixture
def folder(workdir: Path) -> Path:
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "acme.yaml").write_text(ACME)
    return workdir / "profiles"


@pytest.mark.usefixtures("folder")
def test_each_level_has_its_cadence_and_past_the_max_is_red():
    result, _ = make_agenda(["profiles"], TODAY, 14)
    touches = {t.contact: (t.due, t.overdue, t.red) for t in result.touches}
    assert touches == {
        "Ann Acme": (dt.date(2026, 10, 1), True, True),  # 83 days: past 40
        "Sam Staff": (dt.date(2026, 11, 21), True, False),  # 12 days: past 10, within 15
        "Kim Key": (dt.date(2026, 11, 15), True, True),  # cadence_days 14, max 21: 22 days
    }
    marked = agenda_text(result, lambda text, kind: f"<{kind}>{text}</{kind}>", locale=EN)
    assert "<overdue>! Thu 1 Oct" in marked
    assert "<due>! Sat 21 Nov" in marked


@pytest.mark.usefixtures("folder")
def test_a_promise_is_counted():
    result, _ = make_agenda(["profiles"], TODAY, 14)
    (promise,) = result.promises
    assert (promise.held, promise.promised) == (7, 8)
    text = agenda_text(result, locale=EN)
    assert "Promises\n  visits kept 7 of 8: Ann Acme (Acme)  profiles/acme.yaml" in text


@pytest.mark.usefixtures("folder")
def test_an_account_whose_executives_went_quiet_is_flagged():
    result, _ = make_agenda(["profiles"], TODAY, 14)
    (quiet,) = result.silent
    assert (quiet.account, quiet.days_since, quiet.limit) == ("Acme", 83, 60)
    text = agenda_text(result, locale=EN)
    assert "! Acme: no executive contacted for 83 days (twice the cadence: 60)" in text


@pytest.mark.usefixtures("folder")
def test_json_has_the_new_entries():
    data = json.loads(invoke("agenda", "--today", "2026-11-23", "--format", "json").stdout)
    assert data["promises"][0]["held"] == 7
    assert data["executives_silent"] == [
        {"dossier": "profiles/acme.yaml", "account": "Acme", "days_since": 83, "limit": 60}
    ]
    assert {t["contact"]: t["past_max"] for t in data["stay_in_touch"]} == {
        "Ann Acme": True,
        "Kim Key": True,
        "Sam Staff": False,
    }
