"""briefgen.review.warnings and `check --today/--strict`: likely mistakes in a valid dossier,
located like errors, that do not fail the check unless asked to."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.facts.brief import brief
from briefgen.review import warnings as rules
from briefgen.review.warnings import RULES, Context, warnings

TODAY = dt.date(2026, 11, 20)

LIKELY_MISTAKES = """\
name: Dan Whitfield
tactics:
  - nibling
  - silence
negotiation:
  when: 2026-11-02 10:00
  opening: 60000
  target: 52000
  walk_away: 4500
relationship:
  contacts:
    - {name: Priya Lévesque, last_contact: 2027-11-02}
    - {name: Ann Lee}
    - {name: priya levesque, title: COO}
  meetings:
    - 2026-10-02
    - 2026-12-10
"""


def found(text: str, today: dt.date = TODAY) -> list[str]:
    document = load_text(textwrap.dedent(text), "dan.yaml")
    return [
        f"{p.line}:{p.column}: {p.path}: {p.message}"
        for p in warnings(document, validate(document), today)
    ]


def test_each_likely_mistake_is_a_located_warning():
    assert found(LIKELY_MISTAKES) == [
        "3:5: tactics[0].tactic: tactic 'nibling' is not a name briefgen knows: "
        "did you mean nibbling? (the sheet gives it the counter for Nibbling)",
        "6:9: negotiation.when: the negotiation date 2026-11-02 has already passed "
        "(today is 2026-11-20)",
        "9:14: negotiation.walk_away: walk-away point 4,500 is about 1/10 of the opening 60,000 "
        "and target 52,000",
        "12:44: relationship.contacts[0].last_contact: last contact 2027-11-02 is in the future "
        "(today is 2026-11-20)",
        "14:14: relationship.contacts[2].name: contact 'priya levesque' is listed twice "
        "(first on line 12)",
        "17:7: relationship.meetings[1].date: meeting 2026-12-10 is in the future "
        "(today is 2026-11-20); the meetings record says how past meetings went",
    ]


def test_a_clean_dossier_has_no_warnings():
    assert (
        found(
            "name: Dan\nnegotiation:\n  when: 2026-12-01\n  opening: 60000\n"
            "  target: 52000\n  walk_away: 45000\ntactics: [nibbling, silence]\n"
        )
        == []
    )


@pytest.mark.parametrize(
    ("figures", "blamed"),
    [
        ("opening: 600000\n  target: 52000\n  walk_away: 45000", "opening"),
        ("opening: 60000\n  target: 52000\n  walk_away: 4500", "walk_away"),
        ("opening: 60000\n  walk_away: 450000", "walk_away"),  # two figures: not the opening
    ],
)
def test_the_figure_out_of_scale_is_the_one_blamed(figures, blamed):
    side = "buyer" if "450000" in figures else "seller"
    (warning,) = found(f"name: Dan\nnegotiation:\n  side: {side}\n  {figures}\n")
    assert f"negotiation.{blamed}:" in warning


def test_figures_far_apart_but_in_step_are_not_warned():
    # a wide range, no single odd figure: 10,000 -> 30,000 -> 90,000
    assert (
        found("name: Dan\nnegotiation:\n  opening: 10000\n  target: 30000\n  walk_away: 90000\n")
        == []
    )


def test_a_misspelt_tactic_gets_the_known_counter_on_the_sheet():
    dossier = validate(load_text("name: Dan\ntactics: [nibling, budget]\n"))
    plans = brief(dossier, TODAY).tactics
    assert plans[0].counter_source == "built-in"
    assert plans[0].counter
    assert plans[1].counter_source == "none"


def test_a_new_rule_is_one_function_in_the_list(monkeypatch):
    def no_role(context: Context):
        if context.dossier.role is None:
            yield context.warn(("name",), "no role written", "add `role: ...`")

    monkeypatch.setattr(rules, "RULES", [*RULES, no_role])
    assert found("name: Dan\n") == ["1:7: name: no role written"]


def test_check_prints_warnings_located_and_exits_0(write_dossier, run_cli):
    write_dossier(LIKELY_MISTAKES, "dan.yaml")

    result = run_cli("check", "--today", "2026-11-20", "dan.yaml")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "dan.yaml:3:5: warning: tactics[0].tactic: tactic 'nibling' is not a name briefgen "
        "knows: did you mean nibbling? (the sheet gives it the counter for Nibbling)"
    )
    assert lines[1] == "  hint: write `nibbling` to make it plain"
    assert sum(line.startswith("dan.yaml:") for line in lines) == 6
    assert lines[-1] == "1 dossier checked: all valid, 6 warnings"


def test_check_strict_makes_warnings_fail(write_dossier, run_cli):
    write_dossier(LIKELY_MISTAKES, "dan.yaml")

    result = run_cli("check", "--strict", "--today", "2026-11-20", "dan.yaml")

    assert result.exit_code == 1
    assert result.stderr == (
        "1 dossier checked: all valid, 6 warnings (--strict: warnings fail the check)\n"
    )


def test_check_today_moves_what_counts_as_the_future(write_dossier, run_cli):
    write_dossier(LIKELY_MISTAKES, "dan.yaml")

    later = run_cli("check", "--today", "2028-01-01", "--format", "json", "dan.yaml")

    paths = [w["path"] for w in json.loads(later.stdout)["files"][0]["warnings"]]
    assert "relationship.contacts[0].last_contact" not in paths
    assert "negotiation.when" in paths
