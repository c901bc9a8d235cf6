"""The workbench is ours alone: no issue, option, score, alternative or Voss / Fisher-Ertel
line reaches a pitch, an agenda or a calendar file (a pitch reads only `pitch:`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.documents.pitch import AUDIENCES, FORMATS

CANARY = """\
name: Robin Vale
negotiation:
  when: 2026-11-24 10:00
  subject: a retainer
  currency: USD
  walk_away: 41000
  opening: 60000
  issues:
    - {name: canary-fee, weight: 50, their_weight: 20, step: 1000, figures: true}
    - name: canary-term
      weight: 30
      options:
        - {value: canary-6-months, score: 0, theirs: 30}
        - {value: canary-12-months, score: 70, planned: true}
  meso: {value: 70, tolerance: 2}
  concessions:
    - {give: canary-give, issue: canary-term, from: canary-12-months, to: canary-6-months}
  alternatives:
    - {name: canary-alternative, value: 43717, p: 0.95}
  their_alternatives:
    - {name: canary-their-alternative, value: 51093}
  summary: canary-summary
  next_step: canary-next-step
  their_explanation: canary-their-explanation
  noncash: [canary-noncash]
pitch:
  audience: recruiter
  headline: a calm, exacting negotiator
  traits: [patient]
"""
SECRETS = ("canary", "43717", "43,717", "41531", "41,531", "51093", "51,093", "batna")


def assert_no_secret(text: str) -> None:
    lowered = text.lower()
    for secret in SECRETS:
        assert secret not in lowered, secret


@pytest.fixture
def robin(workdir) -> Path:
    (workdir / "profiles").mkdir()
    path = workdir / "profiles" / "robin.yaml"
    path.write_text(CANARY, encoding="utf-8")
    return path


@pytest.mark.usefixtures("robin")
def test_the_canary_dossier_is_valid_and_has_a_workbench(run_cli):
    result = run_cli("offers", "profiles/robin.yaml")
    assert result.exit_code == 0, result.output
    assert "canary-alternative" in result.output  # the canaries are there to be kept in


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "pdf"])
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.usefixtures("robin")
def test_the_workbench_never_reaches_a_pitch(run_cli, audience, fmt):
    result = run_cli("pitch", "profiles/robin.yaml", "--audience", audience, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Robin Vale" in result.stdout
    assert_no_secret(result.output)


@pytest.mark.usefixtures("robin")
def test_the_workbench_never_reaches_an_agenda_or_a_calendar(run_cli):
    agenda = run_cli("agenda", "profiles", "--today", "2026-11-20")
    assert agenda.exit_code == 0, agenda.output
    assert "Robin Vale" in agenda.output
    assert_no_secret(agenda.output)
    calendar = run_cli("calendar", "profiles", "-o", "-", "--today", "2026-11-20")
    assert calendar.exit_code == 0, calendar.output
    assert "Robin Vale" in calendar.output
    assert_no_secret(calendar.output)
