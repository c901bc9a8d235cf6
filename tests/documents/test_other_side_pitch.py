"""The other side of the table never reaches a pitch: their estimated walk-away, the offer
plan, criteria, the accusation audit, labels and black swans are ours alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.documents.pitch import AUDIENCES, FORMATS
from tests.documents.test_pitch import pdf_text

CANARY = """\
name: Robin Vale
negotiation:
  opening: 60000
  target: 52000
  walk_away: 45000
  their_walk_away: 49137
  offer_plan: ackerman
  criteria: [canary-criterion]
  accusation_audit: [canary-audit, {text: canary-sensitive-audit, sensitive: true}]
  labels: [canary-label]
  black_swans: [canary-black-swan]
pitch:
  audience: recruiter
  headline: a calm, exacting negotiator
  traits: [patient]
"""
# The estimate, and the plan's precise final figure (52,182): no number of theirs may show.
SECRETS = ("canary", "49137", "49,137", "52182", "52,182", "deal zone", "offer plan")


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


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "pdf"])
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.usefixtures("robin")
def test_the_other_side_never_reaches_a_text_pitch(run_cli, audience, fmt):
    result = run_cli("pitch", "profiles/robin.yaml", "--audience", audience, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Robin Vale" in result.stdout
    assert_no_secret(result.output)


@pytest.mark.render
@pytest.mark.usefixtures("robin")
def test_the_other_side_never_reaches_a_pdf_pitch(run_cli, workdir):
    result = run_cli("pitch", "profiles/robin.yaml", "--format", "pdf")
    assert result.exit_code == 0, result.output
    data = (workdir / "output" / "robin-pitch.pdf").read_bytes()
    _, text = pdf_text(data)
    assert "Robin Vale" in text
    assert_no_secret(text)
    assert b"canary" not in data.lower()
