"""The account plan's keys (issue 21): per-level cadence, a promise, revenue and free-work
demands; validated with located errors, shown and diffed in words."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.errors import DossierError
from briefgen.review.diff import diff_dossiers
from briefgen.review.show import show_text

PLAN = """\
name: Dan Whitfield
relationship:
  cadence:
    executive: {ideal: 30, max: 40}
    key: 30
    staff: 60
  promise: {every: 14, since: 2025-09-01, until: 2026-09-01}
  revenue: 180000
  demands:
    - {what: pilot for three depots, value: 60000, date: 2026-06-01}
    - a free audit
"""


def dossier(text: str = PLAN):
    return validate(load_text(text, "plan.yaml"))


def problems(text: str) -> list[str]:
    with pytest.raises(DossierError) as caught:
        validate(load_text(text, "bad.yaml"))
    return str(caught.value).splitlines()


def test_a_number_is_the_ideal_and_the_max_defaults_to_one_and_a_half_times_it():
    relationship = dossier().relationship
    assert relationship is not None
    key = relationship.cadence_for("key")
    assert key is not None
    assert (key.ideal, key.maximum) == (30, 45)
    executive = relationship.cadence_for("executive")
    assert executive is not None
    assert (executive.ideal, executive.maximum) == (30, 40)
    assert relationship.cadence_for("support") is None  # no cadence_days to fall back on


def test_cadence_days_still_sets_one_cadence_for_every_level():
    relationship = dossier("name: X\nrelationship:\n  cadence_days: 14\n").relationship
    assert relationship is not None
    for level in ("executive", "key", "staff", "support", None):
        found = relationship.cadence_for(level)
        assert found is not None
        assert (found.ideal, found.maximum) == (14, 21)


def test_a_level_left_out_of_cadence_uses_cadence_days():
    text = "name: X\nrelationship:\n  cadence_days: 20\n  cadence: {executive: 45}\n"
    relationship = dossier(text).relationship
    assert relationship is not None
    assert relationship.cadence_for("executive").ideal == 45  # type: ignore[union-attr]
    assert relationship.cadence_for("staff").ideal == 20  # type: ignore[union-attr]


def test_promise_revenue_and_demands_are_read():
    relationship = dossier().relationship
    assert relationship is not None
    assert relationship.promise is not None
    assert relationship.promise.every == 14
    assert relationship.promise.until == dt.date(2026, 9, 1)
    assert relationship.revenue == 180000
    assert [d.what for d in relationship.demands] == ["pilot for three depots", "a free audit"]
    assert relationship.demands[0].value == 60000


def test_a_max_below_the_ideal_is_located_at_the_max():
    found = problems("name: X\nrelationship:\n  cadence:\n    executive: {ideal: 30, max: 20}\n")
    assert found[0] == (
        "bad.yaml:4:33: relationship.cadence.executive.max: "
        "the maximum 20 days is shorter than the ideal 30"
    )


def test_a_promise_that_ends_before_it_begins_is_located_at_until():
    found = problems(
        "name: X\nrelationship:\n  promise: {every: 14, since: 2025-09-01, until: 2025-08-01}\n"
    )
    assert found[0].startswith("bad.yaml:3:50: relationship.promise.until: the promise ends")


def test_a_cadence_that_is_not_a_number_says_what_to_write():
    found = problems("name: X\nrelationship:\n  cadence:\n    staff: monthly\n")
    assert found[0].startswith("bad.yaml:4:12: relationship.cadence.staff:")
    assert found[1] == "  hint: a number of days (the ideal), or {ideal: 30, max: 45}"


def test_an_unknown_level_is_an_error_with_a_hint():
    found = problems("name: X\nrelationship:\n  cadence:\n    executives: 30\n")
    assert "unknown key 'executives'" in found[0]
    assert "did you mean 'executive'?" in found[1]


def test_show_and_diff_know_the_new_keys():
    text = show_text(dossier())
    assert "executive cadence, max: 40 days" in text
    assert "promised meetings, every: 14 days" in text
    assert "yearly revenue: 180,000" in text
    assert "free work asked: pilot for three depots, worth 60,000, asked 2026-06-01" in text
    changes = [c.line.strip() for c in diff_dossiers(dossier("name: Dan Whitfield\n"), dossier())]
    assert "yearly revenue set: 180,000" in changes
    assert any(line.startswith("! free work asked added: a free audit") for line in changes)


def test_a_new_demand_for_free_work_is_flagged_for_the_reviewer():
    changes = diff_dossiers(dossier("name: Dan Whitfield\n"), dossier())
    added = [c.line for c in changes if "free work asked added" in c.line]
    assert added
    assert all(line.startswith("! ") for line in added)
    assert "weigh it against the account's revenue" in added[0]
