"""briefgen.facts: pure functions of the dossier and a pinned `today`; and the words for them."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.model import Dossier, Meeting, SelfCheck, TacticEntry
from briefgen.dossier.validate import validate
from briefgen.facts.brief import brief
from briefgen.facts.dates import days_before, deadlines
from briefgen.facts.negotiation import tactic_plans
from briefgen.facts.relationship import (
    punctuality,
    reciprocity,
    self_check_score,
    stay_in_touch,
)
from briefgen.text.i18n import ENGLISH
from briefgen.text.words import countdown, rule_timing, verdict

TODAY = dt.date(2026, 11, 20)  # a Friday
FRIDAY = dt.date(2026, 12, 4)
MONDAY = dt.date(2026, 12, 7)


def dossier(yaml_text: str) -> Dossier:
    return validate(load_text(textwrap.dedent(yaml_text)))


# --- countdown -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "today"), (1, "tomorrow"), (-1, "yesterday"), (4, "in 4 days"), (-2, "2 days ago")],
)
def test_countdown_words(days, words):
    assert countdown(days, locale=ENGLISH) == words


def test_days_until_the_meeting_from_a_pinned_today():
    meeting = dossier("name: Dan\nnegotiation: {when: 2026-11-24 10:00}\n")

    sheet = brief(meeting, TODAY)

    assert sheet.meeting_day == dt.date(2026, 11, 24)
    assert sheet.meeting_time == dt.time(10, 0)
    assert sheet.days_until == 4
    assert countdown(sheet.days_until, locale=ENGLISH) == "in 4 days"
    assert countdown(brief(meeting, dt.date(2026, 11, 24)).days_until, locale=ENGLISH) == "today"
    assert (
        countdown(brief(meeting, dt.date(2026, 11, 25)).days_until, locale=ENGLISH) == "yesterday"
    )


def test_no_meeting_date_means_no_countdown():
    sheet = brief(dossier("name: Dan\n"), TODAY)

    assert (sheet.meeting_day, sheet.days_until) == (None, None)
    assert countdown(sheet.days_until, locale=ENGLISH) == ""


# --- business days ---------------------------------------------------------------------------


def test_two_business_days_before_a_friday_is_the_wednesday():
    assert days_before(FRIDAY, 2, business_days=True) == dt.date(2026, 12, 2)


def test_two_business_days_before_a_monday_is_the_thursday():
    assert days_before(MONDAY, 2, business_days=True) == dt.date(2026, 12, 3)


def test_business_days_skip_every_weekend_on_the_way():
    assert days_before(FRIDAY, 6, business_days=True) == dt.date(2026, 11, 26)
    assert days_before(MONDAY, 10, business_days=True) == dt.date(2026, 11, 23)


def test_calendar_days_are_plain_subtraction():
    assert days_before(MONDAY, 2, business_days=False) == dt.date(2026, 12, 5)  # a Saturday
    assert days_before(FRIDAY, 0, business_days=False) == FRIDAY


def test_zero_business_days_before_a_weekend_day_is_the_friday():
    assert days_before(dt.date(2026, 12, 5), 0, business_days=True) == FRIDAY
    assert days_before(FRIDAY, 0, business_days=True) == FRIDAY


def test_deadlines_from_rules_and_deliverables_earliest_first():
    timeline_dossier = dossier(
        """\
        name: Dan
        negotiation: {when: 2026-11-24 10:00}
        timeline:
          deliverables:
            - {name: workshop booklet to print, due: 2026-12-04}
            - {name: undated}
          rules:
            - name: final changes
              days_before: 2
              of: workshop booklet to print
              business_days: true
            - {name: agenda sent, days_before: 1, of: negotiation}
            - {name: proof ready, days_before: 1, of: workshop booklet to print}
        """
    )

    found = deadlines(timeline_dossier.timeline, dt.date(2026, 11, 24), TODAY)

    assert [(d.name, d.date, d.days_left) for d in found] == [
        ("agenda sent", dt.date(2026, 11, 23), 3),
        ("final changes", dt.date(2026, 12, 2), 12),
        ("proof ready", dt.date(2026, 12, 3), 13),
        ("workshop booklet to print", FRIDAY, 14),
    ]
    assert (
        rule_timing(found[1], locale=ENGLISH) == "2 business days before workshop booklet to print"
    )
    assert rule_timing(found[0], locale=ENGLISH) == "1 day before negotiation"
    assert countdown(found[0].days_left, locale=ENGLISH) == "in 3 days"
    assert found[3].rule is None


def test_a_rule_of_negotiation_without_a_meeting_date_is_left_out():
    timeline_dossier = dossier(
        "name: Dan\ntimeline:\n  rules: [{name: agenda sent, days_before: 1, of: negotiation}]\n"
    )

    assert deadlines(timeline_dossier.timeline, None, TODAY) == []
    assert brief(timeline_dossier, TODAY).deadlines == []


def test_a_past_deadline_is_overdue():
    timeline_dossier = dossier(
        "name: Dan\ntimeline:\n  deliverables: [{name: slides, due: 2026-11-18}]\n"
    )

    (slides,) = deadlines(timeline_dossier.timeline, None, TODAY)

    assert slides.overdue
    assert slides.days_left == -2
    assert countdown(slides.days_left, locale=ENGLISH) == "2 days ago"


# --- punctuality -----------------------------------------------------------------------------


def meetings(*records: tuple[str, int, bool]) -> list[Meeting]:
    return [
        Meeting(date=dt.date.fromisoformat(day), late_minutes=late, missed=missed)
        for day, late, missed in records
    ]


def test_no_meetings_no_punctuality():
    assert punctuality([]) is None


def test_always_on_time_is_good():
    record = punctuality(meetings(("2026-10-02", 0, False), ("2026-10-16", 0, False)))

    assert record is not None
    assert (record.level, verdict("punctuality", record.level, locale=ENGLISH)) == (
        "good",
        "They respect your time.",
    )
    assert record.on_time == 2


def test_one_slip_in_four_is_watch():
    record = punctuality(
        meetings(
            ("2026-10-30", 0, False),
            ("2026-10-02", 15, False),
            ("2026-10-16", 0, False),
            ("2026-11-13", 0, False),
        )
    )

    assert record is not None
    assert record.level == "watch"
    assert record.record == ("late", "on-time", "on-time", "on-time")  # oldest first
    assert (record.late, record.missed, record.average_late_minutes) == (1, 0, 15)


def test_two_missed_meetings_are_bad():
    record = punctuality(
        meetings(
            ("2026-10-02", 0, True),
            ("2026-10-16", 0, False),
            ("2026-10-30", 0, False),
            ("2026-11-13", 0, True),
            ("2026-11-20", 0, False),
        )
    )

    assert record is not None
    assert record.level == "bad"
    assert record.missed == 2


def test_late_more_often_than_not_is_bad():
    record = punctuality(
        meetings(("2026-10-02", 10, False), ("2026-10-16", 20, False), ("2026-10-30", 0, False))
    )

    assert record is not None
    assert record.level == "bad"
    assert record.average_late_minutes == 15


def test_a_missed_meeting_is_not_also_late():
    record = punctuality(meetings(("2026-10-02", 30, True), ("2026-10-16", 0, False)))

    assert record is not None
    assert (record.missed, record.late, record.record) == (1, 0, ("missed", "on-time"))
    assert record.level == "watch"


# --- stay in touch ---------------------------------------------------------------------------

RELATIONSHIP = """\
    name: Dan
    relationship:
      cadence_days: 14
      contacts:
        - {name: Dan Whitfield, last_contact: 2026-11-10}
        - {name: Rita Gomez, last_contact: 2026-09-01}
        - {name: Sam New}
      meetings:
        - {date: 2026-11-12, missed: true}
        - {date: 2026-11-11}
        - {date: 2026-12-01}
    """


def test_stay_in_touch_due_and_overdue_per_contact():
    status = stay_in_touch(dossier(RELATIONSHIP).relationship, TODAY)

    assert status is not None
    by_name = {c.name: c for c in status.contacts}
    assert by_name["Dan Whitfield"].due == dt.date(2026, 11, 24)
    assert by_name["Dan Whitfield"].overdue_days == 0
    assert by_name["Rita Gomez"].due == dt.date(2026, 9, 15)
    assert by_name["Rita Gomez"].overdue_days == 66
    assert (by_name["Sam New"].due, by_name["Sam New"].overdue_days) == (None, 0)


def test_stay_in_touch_for_the_dossier_counts_attended_past_meetings():
    status = stay_in_touch(dossier(RELATIONSHIP).relationship, TODAY)

    assert status is not None
    # 2026-11-12 was missed and 2026-12-01 is still ahead: the last contact is the 11th.
    assert status.last_contact == dt.date(2026, 11, 11)
    assert status.due == dt.date(2026, 11, 25)
    assert not status.overdue


def test_stay_in_touch_overdue_for_the_dossier():
    status = stay_in_touch(dossier(RELATIONSHIP).relationship, dt.date(2026, 11, 28))

    assert status is not None
    assert status.overdue
    assert status.overdue_days == 3


def test_no_cadence_no_stay_in_touch():
    assert (
        stay_in_touch(dossier("name: Dan\nrelationship: {since: 2019}\n").relationship, TODAY)
        is None
    )
    assert stay_in_touch(None, TODAY) is None


# --- reciprocity -----------------------------------------------------------------------------


def exchanges(*directions: str) -> Dossier:
    items = "".join(
        f"    - {{date: 2026-0{i + 1}-01, direction: {d}, what: thing {i}}}\n"
        for i, d in enumerate(directions)
    )
    return dossier(f"name: Dan\nrelationship:\n  reciprocity:\n{items}")


def test_reciprocity_balance_and_good_verdict():
    balance = reciprocity(exchanges("given", "received", "given").relationship)

    assert balance is not None
    assert (balance.given, balance.received, balance.balance) == (2, 1, 1)
    assert balance.level == "good"
    assert balance.last_given == dt.date(2026, 3, 1)
    assert balance.last_received == dt.date(2026, 2, 1)


def test_reciprocity_only_taken_is_bad():
    balance = reciprocity(exchanges("received", "received").relationship)

    assert balance is not None
    assert (balance.balance, balance.level) == (-2, "bad")


def test_reciprocity_only_given_is_watch():
    balance = reciprocity(exchanges("given").relationship)

    assert balance is not None
    assert (balance.balance, balance.level) == (1, "watch")


def test_reciprocity_they_gave_more_is_watch():
    balance = reciprocity(exchanges("given", "received", "received").relationship)

    assert balance is not None
    assert (balance.balance, balance.level) == (-1, "watch")
    assert "pay it back" in verdict("reciprocity", balance.verdict, locale=ENGLISH)


def test_no_exchanges_no_reciprocity():
    assert (
        reciprocity(dossier("name: Dan\nrelationship: {cadence_days: 14}\n").relationship) is None
    )


# --- self check ------------------------------------------------------------------------------


def test_self_check_score_is_interviews_minus_project_calls_plus_help():
    score = self_check_score(SelfCheck(senior_interviews=3, only_call_for_projects=1, offer_help=4))

    assert score is not None
    assert (score.score, score.level) == (6, "good")


def test_negative_self_check_is_a_warning():
    score = self_check_score(SelfCheck(senior_interviews=0, only_call_for_projects=4, offer_help=1))

    assert score is not None
    assert (score.score, score.level) == (-3, "bad")
    assert "only call me when you need me" in verdict("self_check", score.level, locale=ENGLISH)


def test_self_check_counts_missing_answers_as_zero():
    score = self_check_score(SelfCheck(only_call_for_projects=2))

    assert score is not None
    assert (score.score, score.level) == (-2, "bad")


def test_unanswered_self_check_has_no_score():
    assert self_check_score(SelfCheck()) is None
    assert self_check_score(None) is None


# --- tactics ---------------------------------------------------------------------------------


def test_a_known_tactic_without_a_counter_gets_the_built_in_one():
    from briefgen.facts.tactics import find_tactic

    (plan,) = tactic_plans([TacticEntry(tactic="slow-walking")])

    assert plan.counter_source == "built-in"
    assert plan.counter
    assert plan.counter == find_tactic("slow-walking").counter


def test_the_dossiers_own_counter_wins():
    (plan,) = tactic_plans([TacticEntry(tactic="slow-walking", counter="set dates in writing")])

    assert (plan.counter, plan.counter_source) == ("set dates in writing", "dossier")


def test_an_unknown_tactic_has_no_counter():
    (plan,) = tactic_plans([TacticEntry(tactic="interpretive dance", note="at every meeting")])

    assert (plan.counter, plan.counter_source, plan.note) == (None, "none", "at every meeting")


def test_brief_fills_in_the_built_in_counter_from_the_dossier():
    sheet = brief(
        dossier("name: Dan\ntactics:\n  - slow-walking\n  - {tactic: silence, counter: wait}\n"),
        TODAY,
    )

    assert [(t.name, t.counter_source) for t in sheet.tactics] == [
        ("slow-walking", "built-in"),
        ("silence", "dossier"),
    ]
    assert sheet.tactics[0].counter


# --- figures and the whole brief -------------------------------------------------------------


@pytest.mark.parametrize(
    ("figures", "side"),
    [
        ("{opening: 60000, target: 52000, walk_away: 45000}", "seller"),
        ("{opening: 40000, target: 45000, walk_away: 50000}", "buyer"),
        ("{side: buyer, opening: 40000}", "buyer"),
        ("{target: 52000}", "seller"),
    ],
)
def test_figures_side_explicit_or_inferred(figures, side):
    sheet = brief(dossier(f"name: Dan\nnegotiation: {figures}\n"), TODAY)

    assert sheet.figures is not None
    assert sheet.figures.side == side


def test_no_figures_no_figures_block():
    assert brief(dossier("name: Dan\nnegotiation: {subject: renewal}\n"), TODAY).figures is None


def test_brief_is_a_pure_function_of_today():
    full = dossier(RELATIONSHIP)

    assert brief(full, TODAY) == brief(full, TODAY)
    assert brief(full, TODAY).stay_in_touch != brief(full, dt.date(2026, 12, 20)).stay_in_touch


# --- dates at the ends of the calendar -------------------------------------------------------


def test_a_rule_that_would_fall_before_the_year_1_is_left_out():
    early = dossier(
        """\
        name: Dan
        timeline:
          deliverables: [{name: booklet, due: 1000-01-05}]
          rules:
            - {name: calendar, of: booklet, days_before: 10}
            - {name: business, of: booklet, days_before: 10, business_days: true}
            - {name: fine, of: booklet, days_before: 1}
        """
    )
    # Validation keeps dates in the years 1000-8999; the facts must not crash outside them.
    timeline = early.timeline
    assert timeline is not None
    moved = timeline.deliverables[0].model_copy(update={"due": dt.date(1, 1, 5)})
    early = early.model_copy(
        update={"timeline": timeline.model_copy(update={"deliverables": [moved]})}
    )

    found = brief(early, TODAY).deadlines

    assert [d.name for d in found] == ["fine", "booklet"]


def test_a_contact_due_after_the_year_9999_is_not_due():
    late = dossier(
        "name: Dan\nrelationship:\n  cadence_days: 3650\n"
        "  contacts: [{name: Rita, last_contact: 8999-12-01}]\n"
    )
    relationship = late.relationship
    assert relationship is not None
    moved = relationship.contacts[0].model_copy(update={"last_contact": dt.date(9999, 12, 1)})
    late = late.model_copy(
        update={"relationship": relationship.model_copy(update={"contacts": [moved]})}
    )

    status = brief(late, TODAY).stay_in_touch

    assert status is not None
    assert (status.due, status.overdue_days) == (None, 0)
    assert (status.contacts[0].due, status.contacts[0].overdue_days) == (None, 0)


def _walk_business_days(date: dt.date, days: int) -> dt.date:
    """The rule as written, one day at a time: the reference for the arithmetic."""
    remaining = days
    while remaining > 0:
        date -= dt.timedelta(days=1)
        if date.weekday() < 5:
            remaining -= 1
    while date.weekday() >= 5:
        date -= dt.timedelta(days=1)
    return date


def test_business_days_arithmetic_matches_counting_day_by_day():
    start = dt.date(2026, 11, 2)  # a Monday: every weekday and weekend day in two weeks
    for offset in range(14):
        date = start + dt.timedelta(days=offset)
        for days in [*range(0, 23), 99, 100, 101, 1234]:
            assert days_before(date, days, business_days=True) == _walk_business_days(date, days), (
                date,
                days,
            )


class _CountingDate(dt.date):
    steps = 0

    def __sub__(self, other):
        type(self).steps += 1
        return super().__sub__(other)


def test_business_days_are_computed_not_walked_day_by_day():
    # 200 rules of 100,000 business days took 38-50 s when each walked day by day.
    _CountingDate.steps = 0
    found = days_before(_CountingDate(9999, 12, 31), 100_000, business_days=True)
    assert found == _walk_business_days(dt.date(9999, 12, 31), 100_000)
    assert _CountingDate.steps < 10
