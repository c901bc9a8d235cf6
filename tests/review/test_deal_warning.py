"""The "no deal zone" warning for `check`: located at negotiation.their_walk_away, None when the
two walk-away points overlap, touch, or one is missing."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.review.warnings import Context, no_deal_zone

TEXT = """\
name: Dana Figueroa
negotiation:
  currency: EUR
  opening: 70000
  target: 65000
  walk_away: 62000
  their_walk_away: 55000
"""


def warning(text: str):
    """The no-deal-zone rule's one warning, or None."""
    document = load_text(textwrap.dedent(text), "dana.yaml")
    found = list(no_deal_zone(Context(document, validate(document), dt.date(2026, 11, 26))))
    assert len(found) <= 1
    return found[0] if found else None


def test_check_warns_without_failing(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dana.yaml").write_text(TEXT, encoding="utf-8")

    result = run_cli("check", "dana.yaml", "--today", "2026-11-26")

    assert result.exit_code == 0, result.output
    assert "dana.yaml:7:20: warning: negotiation.their_walk_away: no deal zone" in result.output


def test_no_deal_zone_is_a_located_warning():
    problem = warning(TEXT)
    assert problem is not None
    assert str(problem).splitlines() == [
        "dana.yaml:7:20: negotiation.their_walk_away: no deal zone: their walk-away is "
        "estimated at 55,000 EUR, ours is 62,000 EUR",
        "  hint: they cannot pay what we need: recheck the estimate, widen the deal "
        "(more scope, a longer term), or prepare our BATNA",
    ]


def test_a_buyer_without_a_deal_zone():
    text = TEXT.replace("opening: 70000", "opening: 40000").replace(
        "target: 65000", "target: 50000"
    )
    problem = warning(text.replace("walk_away: 62000", "walk_away: 52000", 1))
    assert problem is not None  # a buyer paying at most 52,000 and a seller needing 55,000
    assert "estimated at 55,000 EUR, ours is 52,000 EUR" in problem.message
    assert "cannot come down" in problem.hint


@pytest.mark.parametrize(
    "change",
    [
        ("their_walk_away: 55000", "their_walk_away: 64000"),  # overlap
        ("their_walk_away: 55000", "their_walk_away: 62000"),  # touching: one price works
        ("  their_walk_away: 55000\n", ""),  # no estimate
        ("  walk_away: 62000\n", ""),  # no walk-away of ours
    ],
)
def test_no_warning_when_there_is_a_zone_or_nothing_to_judge(change):
    assert warning(TEXT.replace(*change)) is None


def test_no_warning_without_a_negotiation():
    assert warning("name: Dana\n") is None


def test_flow_style_is_located_too():
    text = "name: A\nnegotiation: {walk_away: 62000, their_walk_away: 55000}\n"
    problem = warning(text)
    assert problem is not None
    assert (problem.line, problem.column) == (2, 50)
