"""facts.plan: the account plan's components, H, the trend and the call (issue 21)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import validate
from briefgen.errors import BriefgenError
from briefgen.facts.plan import (
    Component,
    PlanSettings,
    Weights,
    account_map,
    contact_statuses,
    coverage,
    decide,
    health,
    health_of,
    months_back,
    plan,
    plan_account,
    promise_kept,
    reciprocity_component,
    respect,
    self_check,
    settings_from_table,
    trend,
)

TODAY = dt.date(2026, 12, 1)


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def dossier(text: str) -> Dossier:
    return validate(load_text(text, "test.yaml"))


# The worked example: an executive champion spoken to 16 days ago, a support contact
# 86 days ago, a staff contact 164 days ago and no key contact; our last favour 106 days ago;
# 15 minutes late, then a missed meeting; self-check +6.
WORKED = f"""\
name: Dan Whitfield
organization: Whitfield Logistics
relationship:
  cadence:
    executive: 30
    staff: 60
    support: 90
  contacts:
    - {{name: Dan Whitfield, level: executive, stance: champion, last_contact: {ago(16)}}}
    - {{name: Rita Gomez, level: support, last_contact: {ago(86)}}}
    - {{name: Sam Ortiz, level: staff, last_contact: {ago(164)}}}
  meetings:
    - {{date: {ago(40)}, late_minutes: 15}}
    - {{date: {ago(20)}, missed: true}}
  reciprocity:
    - {{date: {ago(200)}, direction: received, what: a reference call}}
    - {{date: {ago(106)}, direction: given, what: a benchmark study}}
  self_check: {{senior_interviews: 3, only_call_for_projects: 1, offer_help: 4}}
"""


def worked() -> list[tuple[str, Dossier]]:
    return [("profiles/dan.yaml", dossier(WORKED))]


def test_the_worked_example_exactly():
    found = health(worked(), TODAY)
    values = {c.name: c.value for c in found.components}
    assert values == {
        "coverage": 50,
        "map": 100,
        "reciprocity": 50,
        "respect": 0,
        "self_check": 83,
    }
    assert found.value == 58.3
    account = plan_account("Whitfield Logistics", worked(), TODAY, PlanSettings())
    assert account.call == "fix"
    assert account.weakest == ("respect", "coverage", "reciprocity")
    assert account.fix_by == TODAY + dt.timedelta(days=90)
    assert account.because == ("low",)


def test_the_worked_example_reasons():
    found = health(worked(), TODAY)
    assert found.component("coverage").counts == (1, 1)  # one level empty, one contact cold
    assert found.component("reciprocity").reason == "long-ago"
    assert found.component("reciprocity").counts == (1, 1, 106)
    assert found.component("respect").counts == (0, 2, 1)
    assert found.component("self_check").counts == (6,)


# -- Each component. --------------------------------------------------------------------------


def contacts_of(text: str):
    return contact_statuses([("d.yaml", dossier(text))], TODAY)


def test_coverage_counts_a_level_with_no_contact_as_zero_and_judges_by_the_ideal():
    text = f"""\
name: X
relationship:
  cadence_days: 30
  contacts:
    - {{name: A, level: executive, last_contact: {ago(30)}}}
    - {{name: B, level: key, last_contact: {ago(31)}}}
    - {{name: C, level: staff, last_contact: {ago(1)}}}
    - {{name: D, level: staff, last_contact: {ago(100)}}}
"""
    # executive 1/1, key 0/1, staff 1/2, support none: (1 + 0 + 0.5 + 0) / 4
    assert coverage(contacts_of(text)).value == 38
    states = {c.name: c.state for c in contacts_of(text)}
    assert states == {"A": "warm", "B": "due", "C": "warm", "D": "overdue"}


def test_coverage_has_no_data_without_a_cadence():
    found = coverage(contacts_of("name: X\nrelationship:\n  contacts: [{name: A, level: key}]\n"))
    assert (found.value, found.reason) == (None, "no-cadence")


def test_a_contact_past_the_ideal_but_within_the_max_is_due_not_overdue():
    text = "name: X\nrelationship:\n  cadence: {key: {ideal: 30, max: 60}}\n  contacts:\n"
    text += f"    - {{name: A, level: key, last_contact: {ago(60)}}}\n"
    text += f"    - {{name: B, level: key, last_contact: {ago(61)}}}\n"
    assert [c.state for c in contacts_of(text)] == ["due", "overdue"]


@pytest.mark.parametrize(
    ("contacts", "value", "reason"),
    [
        ("[]", 0, "no-contacts"),
        ("[{name: A, level: key, stance: champion}]", 33, "no-executive"),
        ("[{name: A, level: executive, stance: neutral}]", 67, "no-champion"),
        (
            "[{name: A, level: executive}, {name: B, level: staff, stance: champion}]",
            100,
            "complete",
        ),
    ],
)
def test_the_map(contacts, value, reason):
    found = account_map(contacts_of(f"name: X\nrelationship:\n  contacts: {contacts}\n"))
    assert (found.value, found.reason) == (value, reason)


def exchanges(*entries: tuple[int, str]) -> list[tuple[str, Dossier]]:
    lines = "".join(
        f"    - {{date: {ago(days)}, direction: {way}, what: help}}\n" for days, way in entries
    )
    return [("d.yaml", dossier(f"name: X\nrelationship:\n  reciprocity:\n{lines}"))]


@pytest.mark.parametrize(
    ("entries", "value", "reason"),
    [
        (((90, "given"), (10, "received")), 100, "recent"),
        (((91, "given"), (10, "received")), 50, "long-ago"),
        (((10, "given"), (20, "received"), (30, "received")), 50, "we-owe"),
        (((10, "given"),), 50, "only-given"),
        (((10, "received"),), 0, "only-taken"),
    ],
)
def test_reciprocity(entries, value, reason):
    found, _ = reciprocity_component(exchanges(*entries), TODAY, PlanSettings())
    assert (found.value, found.reason) == (value, reason)


def test_reciprocity_has_no_data_without_exchanges():
    found, balance = reciprocity_component([("d.yaml", dossier("name: X"))], TODAY, PlanSettings())
    assert (found.value, balance) == (None, None)


def test_respect_is_the_share_of_the_last_meetings_on_time():
    meetings = "".join(f"    - {{date: {ago(100 - i)}, late_minutes: 30}}\n" for i in range(4))
    meetings += "".join(f"    - {{date: {ago(50 - i)}}}\n" for i in range(3))
    meetings += f"    - {{date: {ago(5)}, missed: true}}\n"
    meetings += f"    - {{date: {ago(-5)}}}\n"  # in the future: not yet held
    members = [("d.yaml", dossier(f"name: X\nrelationship:\n  meetings:\n{meetings}"))]
    # the last six up to today: late, late, on time x3, missed
    assert respect(members, TODAY, PlanSettings()).value == 50
    assert respect(members, TODAY, PlanSettings(respect_meetings=4)).value == 75


@pytest.mark.parametrize(("scores", "value"), [((0, 4, 0), 0), ((4, 0, 4), 100), ((2, 2, 2), 50)])
def test_self_check_is_scaled_from_minus_4_plus_8_to_0_100(scores, value):
    a, b, c = scores
    text = (
        "name: X\nrelationship:\n  self_check: "
        f"{{senior_interviews: {a}, only_call_for_projects: {b}, offer_help: {c}}}\n"
    )
    assert self_check([("d.yaml", dossier(text))]).value == value


# -- H and its weights. -----------------------------------------------------------------------


def test_weights_are_renormalised_over_the_components_with_data():
    components = (
        Component("coverage", 50, ""),
        Component("map", 100, ""),
        Component("reciprocity", None, ""),
        Component("respect", None, ""),
        Component("self_check", 80, ""),
    )
    # (30 * 50 + 25 * 100 + 10 * 80) / (30 + 25 + 10)
    assert health_of(components, Weights()) == 73.8
    assert health_of(components, Weights(coverage=0, map=0)) == 80.0
    assert health_of(tuple(Component(c.name, None, "") for c in components), Weights()) is None


def test_a_dossier_with_only_a_map_is_judged_on_the_map_alone():
    found = health([("d.yaml", dossier("name: X\nrelationship:\n  contacts: [A]\n"))], TODAY)
    assert found.value == 33.0


def test_settings_weights_change_h():
    settings = PlanSettings(weights=Weights(coverage=0, map=0, reciprocity=0, respect=100))
    assert health(worked(), TODAY, settings).value == 7.5  # (100 * 0 + 10 * 83) / 110


# -- The trend and the call, each threshold on both sides. -------------------------------------


@pytest.mark.parametrize(
    ("now", "then", "expected"),
    [(65.0, 60.0, "up"), (64.9, 60.0, "same"), (55.1, 60.0, "same"), (55.0, 60.0, "down")],
)
def test_the_trend_moves_at_plus_or_minus_5(now, then, expected):
    assert trend(now, then) == expected


def test_no_trend_without_a_past_h():
    assert trend(60.0, None) is None


def call(now, then=None, moved=None, free_work=0.0, revenue=None):
    return decide(now, then, moved, free_work, revenue, PlanSettings())[0]


def test_grow_from_75():
    assert call(75.0) == "grow"
    assert call(74.9) == "maintain"


def test_grow_but_not_when_trending_down():
    assert call(90.0, 96.0, "down") == "fix"
    assert call(90.0, 94.0, "same") == "grow"


def test_maintain_from_60():
    assert call(60.0) == "maintain"
    assert call(59.9) == "fix"


def test_leave_when_below_40_now_and_90_days_ago():
    assert call(39.9, 39.9, "same") == "leave"
    assert call(39.9, 40.0, "same") == "fix"
    assert call(40.0, 39.9, "same") == "fix"
    assert call(39.9, None, None) == "fix"  # without history: a fix, not yet a leave


def test_leave_when_free_work_asked_is_half_the_revenue():
    assert call(90.0, free_work=90_000, revenue=180_000) == "leave"
    assert call(90.0, free_work=89_999, revenue=180_000) == "grow"
    assert call(90.0, free_work=90_000, revenue=None) == "grow"


def test_thresholds_come_from_the_settings():
    settings = PlanSettings(grow=90, maintain=50)
    assert decide(80.0, None, None, 0, None, settings)[0] == "maintain"
    assert decide(55.0, None, None, 0, None, settings)[0] == "maintain"


def test_free_work_counts_the_last_twelve_months_only():
    text = f"""name: X
relationship:
  revenue: 100000
  demands:
    - {{what: old pilot, value: 400000, date: {ago(366)}}}
    - {{what: pilot, value: 30000, date: {ago(365)}}}
    - {{what: audit, value: 20000, date: {ago(1)}}}
    - {{what: undated, value: 900000}}
"""
    account = plan_account("X", [("d.yaml", dossier(text))], TODAY, PlanSettings())
    assert account.free_work == 50000
    assert account.call == "leave"
    assert account.because[0] == "free-work"


def test_a_promise_counts_meetings_held_against_meetings_promised():
    meetings = "".join(f"    - {{date: {ago(14 * i)}}}\n" for i in range(11))
    meetings += f"    - {{date: {ago(14 * 11)}, missed: true}}\n"
    text = (
        f"name: X\nrelationship:\n  promise: {{every: 14, since: {ago(14 * 12)}}}\n"
        f"  meetings:\n{meetings}"
    )
    found = promise_kept([("d.yaml", dossier(text))], TODAY)
    assert found is not None
    # 12 visits were due before today (today's may still be ahead); today's, held, counts
    assert (found.held, found.promised, found.share) == (11, 12, 92)


def test_a_promise_ends_on_its_until():
    text = (
        f"name: X\nrelationship:\n  promise: {{every: 7, since: {ago(70)}, until: {ago(56)}}}\n"
        f"  meetings: [{ago(70)}, {ago(63)}, {ago(50)}]\n"
    )
    found = promise_kept([("d.yaml", dossier(text))], TODAY)
    assert found is not None
    assert (found.held, found.promised) == (2, 3)


def test_an_account_with_no_executive_for_twice_the_cadence_is_flagged():
    text = f"""name: X
relationship:
  cadence: {{executive: 30}}
  contacts:
    - {{name: A, level: executive, last_contact: {{last}}}}
    - {{name: B, level: key, last_contact: {ago(1)}}}
"""
    quiet = plan_account(
        "X", [("d", dossier(text.replace("{last}", ago(61))))], TODAY, PlanSettings()
    )
    heard = plan_account(
        "X", [("d", dossier(text.replace("{last}", ago(60))))], TODAY, PlanSettings()
    )
    assert (quiet.executive_silent, heard.executive_silent) == (True, False)


def test_dossiers_sharing_an_organization_form_one_account():
    a = dossier(
        "name: A\norganization: Acme\nrelationship:\n  contacts: [{name: A, level: executive}]"
    )
    b = dossier(
        "name: B\norganization: Acme\nrelationship:\n  contacts: [{name: B, stance: champion}]"
    )
    c = dossier("name: C")
    found = plan([("a", a), ("b", b), ("c", c)], TODAY)
    assert sorted(x.key for x in found.accounts) == ["Acme", "C"]
    acme = next(x for x in found.accounts if x.key == "Acme")
    assert acme.health.component("map").value == 100
    assert acme.people == ("A", "B")


def test_the_portfolio_is_sorted_leave_fix_maintain_grow():
    settings = PlanSettings()
    strong = f"""name: S
relationship:
  cadence_days: 30
  contacts:
    - {{name: E, level: executive, stance: champion, last_contact: {ago(1)}}}
    - {{name: K, level: key, last_contact: {ago(1)}}}
    - {{name: T, level: staff, last_contact: {ago(1)}}}
    - {{name: U, level: support, last_contact: {ago(1)}}}
"""
    greedy = (
        "name: G\nrelationship:\n  revenue: 10\n  demands: [{what: all, value: 10, date: "
        + ago(3)
        + "}]\n"
    )
    found = plan(
        [("s", dossier(strong)), ("w", worked()[0][1]), ("g", dossier(greedy))], TODAY, settings
    )
    assert [a.call for a in found.accounts] == ["leave", "fix", "grow"]
    assert not found.history
    assert found.accounts[2].monthly == (100.0,)


def test_past_snapshots_give_the_trend_and_the_monthly_points():
    weak = dossier("name: X\nrelationship:\n  contacts: [{name: A, level: key}]\n")  # map 33
    strong = dossier(
        "name: X\nrelationship:\n  contacts: [{name: A, level: executive, stance: champion}]\n"
    )
    then = TODAY - dt.timedelta(days=90)
    months = months_back(TODAY, 12)
    snapshots = {day: [("x", weak)] for day in months[:-1]} | {then: [("x", weak)]}
    snapshots[months[0]] = None  # before the first commit
    found = plan([("x", strong)], TODAY, snapshots=snapshots)
    (account,) = found.accounts
    assert (account.then, account.trend) == (33.0, "up")
    assert account.monthly[0] is None
    assert account.monthly[1:] == (33.0,) * 10 + (100.0,)


def test_months_back_clamps_to_the_end_of_a_short_month():
    assert months_back(dt.date(2026, 3, 31), 3) == (
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
    )
    assert months_back(dt.date(2026, 1, 15), 2) == (dt.date(2025, 12, 15), dt.date(2026, 1, 15))


def test_a_candidate_is_not_an_account():
    found = plan([("e", dossier("name: Elisa\nkind: candidate\n"))], TODAY)
    assert found.accounts == ()


def test_a_full_component_is_never_on_the_fix_list():
    text = f"""\
name: X
relationship:
  cadence_days: 7
  contacts: [{{name: A, level: executive, stance: champion, last_contact: {ago(30)}}}]
  meetings: [{{date: {ago(3)}, missed: true}}]
"""
    account = plan_account("X", [("d", dossier(text))], TODAY, PlanSettings())
    assert account.call == "fix"
    assert account.weakest == ("coverage", "respect")  # the map is full: nothing to fix


# -- Settings from briefgen.toml's [plan] table. ------------------------------------------------


def test_a_plan_table_sets_weights_and_thresholds():
    settings = settings_from_table({"grow": 80, "trend_days": 60, "weights": {"respect": 0}})
    assert (settings.grow, settings.maintain, settings.trend_days) == (80, 60, 60)
    assert settings.weights == Weights(respect=0)
    assert settings_from_table({}) == PlanSettings()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"grwo": 80}, "briefgen.toml: plan.grwo: unknown setting"),
        ({"grow": "high"}, "briefgen.toml: plan.grow: expected a number from 0 to 1000"),
        ({"trend_days": 90.5}, "briefgen.toml: plan.trend_days: expected a whole number"),
        ({"weights": {"mood": 5}}, "briefgen.toml: plan.weights.mood: unknown component"),
        ({"weights": {"map": True}}, "briefgen.toml: plan.weights.map: expected a number"),
        ({"grow": 50}, "briefgen.toml: plan: the thresholds must run grow >= maintain >= leave"),
    ],
)
def test_a_bad_plan_table_says_which_key(table, message):
    with pytest.raises(BriefgenError) as caught:
        settings_from_table(table)
    assert str(caught.value).startswith(message)
