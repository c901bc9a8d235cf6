"""The other side of the table in the format: their_walk_away, offer_plan, criteria,
accusation_audit, labels, black_swans. The model, the JSON Schema and the located errors agree."""

from __future__ import annotations

import textwrap

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.privacy import redact
from briefgen.dossier.validate import validate
from briefgen.errors import DossierError
from tests.dossier.test_schema import model_accepts, schema_errors

FULL = textwrap.dedent(
    """\
    name: Dan
    negotiation:
      opening: 60000
      target: 52000
      walk_away: 45000
      their_walk_away: 50000
      offer_plan: ackerman
      criteria: [the 2026 coaching day-rate survey]
      accusation_audit:
        - you think we are pricier than the in-house trainer
        - {text: you heard we lost the Acme account, sensitive: true}
      labels: [it seems like the board wants proof before spring]
      black_swans: [whether the company is being sold]
    """
)


def test_the_new_keys_validate_and_plain_strings_are_items():
    negotiation = validate(load_text(FULL)).negotiation
    assert negotiation is not None
    assert negotiation.their_walk_away == 50000
    assert negotiation.offer_plan == "ackerman"
    assert [c.text for c in negotiation.criteria] == ["the 2026 coaching day-rate survey"]
    assert [a.sensitive for a in negotiation.accusation_audit] == [False, True]
    assert negotiation.labels[0].text.startswith("it seems like")
    assert negotiation.black_swans[0].text == "whether the company is being sold"


def test_offer_plan_defaults_to_none():
    negotiation = validate(load_text("name: A\nnegotiation: {target: 5}\n")).negotiation
    assert negotiation is not None
    assert negotiation.offer_plan == "none"


def test_the_schema_agrees_with_the_model_on_the_new_keys():
    assert schema_errors(FULL) == []
    assert model_accepts(FULL)
    for bad in (
        "name: A\nnegotiation: {offer_plan: split}\n",
        "name: A\nnegotiation: {their_walk_away: -5}\n",
        "name: A\nnegotiation: {their_walk_away: 50k}\n",
        "name: A\nnegotiation: {labels: [{text: x, sensitive: maybe}]}\n",
        "name: A\nnegotiation: {black_swans: [{what: x}]}\n",
    ):
        assert schema_errors(bad), bad
        assert not model_accepts(bad), bad


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: A\nnegotiation:\n  offer_plan: split\n",
            "bad.yaml:3:15: negotiation.offer_plan: expected one of ackerman or none, got 'split'",
        ),
        (
            "name: A\nnegotiation:\n  their_walk_away: 55k\n",
            "bad.yaml:3:20: negotiation.their_walk_away: expected a number, got '55k'",
        ),
        (
            "name: A\nnegotiation:\n  labels:\n    - {text: x, sensitve: true}\n",
            "bad.yaml:4:17: negotiation.labels[0].sensitve: unknown key 'sensitve'",
        ),
    ],
)
def test_mistakes_in_the_new_keys_are_located(text, expected):
    with pytest.raises(DossierError) as caught:
        validate(load_text(text, "bad.yaml"))
    assert str(caught.value.problems[0]).splitlines()[0] == expected


def test_redact_leaves_out_sensitive_audit_and_label_items():
    text = FULL.replace(
        "labels: [it seems like the board wants proof before spring]",
        "labels:\n    - it seems like the board wants proof before spring\n"
        "    - {text: it seems like the divorce is weighing on you, sensitive: true}",
    )
    dossier = validate(load_text(text))
    assert dossier.negotiation is not None
    assert [a.sensitive for a in dossier.negotiation.accusation_audit] == [False, True]
    assert [label.sensitive for label in dossier.negotiation.labels] == [False, True]
    negotiation = redact(dossier).negotiation
    assert negotiation is not None
    assert [a.text for a in negotiation.accusation_audit] == [
        "you think we are pricier than the in-house trainer"
    ]
    assert [label.text for label in negotiation.labels] == [
        "it seems like the board wants proof before spring"
    ]
    assert negotiation.black_swans
    assert negotiation.criteria


def test_the_readme_tour_shows_the_new_keys_and_is_valid():
    import re
    from pathlib import Path

    from briefgen.facts.negotiation import ackerman_plan

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.DOTALL)
    assert example is not None
    negotiation = validate(load_text(example[1])).negotiation
    assert negotiation is not None
    assert negotiation.their_walk_away
    assert negotiation.offer_plan == "ackerman"
    assert negotiation.criteria
    assert negotiation.accusation_audit
    assert negotiation.labels
    assert negotiation.black_swans
    plan = ackerman_plan("seller", negotiation.target, negotiation.opening, negotiation.walk_away)
    assert plan is not None
    said = " -> ".join(f"{offer:,.0f}" for offer in plan.offers)
    assert f"offer_plan: ackerman       # planned offers: {said}" in readme
