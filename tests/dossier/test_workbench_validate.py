"""Located errors for a bad scoring table (negotiation.issues), and the new plain fields."""

from __future__ import annotations

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.errors import DossierError

HEAD = "name: Dan\nnegotiation:\n  currency: USD\n"
TERM = (
    "    - name: term\n      weight: 30\n      options:\n"
    "        - {value: 6 months, score: 0}\n        - {value: 12 months, score: 70}\n"
)


def problems_in(text: str) -> list[str]:
    with pytest.raises(DossierError) as caught:
        validate(load_text(text, "bad.yaml"))
    return str(caught.value).splitlines()


BAD = [
    (
        "weight-zero",
        HEAD + "  issues:\n    - {name: fee, weight: 0, range: [1, 2], step: 1}\n",
        [
            "bad.yaml:5:27: negotiation.issues[0].weight: must be more than 0, got 0",
            "  hint: weights are positive numbers on any scale: 50, 30, 20",
        ],
    ),
    (
        "their-weight-negative",
        HEAD
        + "  issues:\n    - {name: fee, weight: 5, their_weight: -2, range: [1, 2], step: 1}\n",
        [
            "bad.yaml:5:44: negotiation.issues[0].their_weight: must be more than 0, got -2",
            "  hint: weights are positive numbers on any scale: 50, 30, 20",
        ],
    ),
    (
        "score-over-100",
        HEAD + "  issues:\n    - name: term\n      weight: 3\n      options:\n"
        "        - {value: 6 months, score: 120}\n",
        [
            "bad.yaml:8:36: negotiation.issues[0].options[0].score: must be at most 100, got 120",
            "  hint: scores run from 0 (worst for us) to 100 (best for us)",
        ],
    ),
    (
        "theirs-negative",
        HEAD + "  issues:\n    - name: term\n      weight: 3\n      options:\n"
        "        - {value: 6 months, score: 10, theirs: -5}\n",
        [
            "bad.yaml:8:48: negotiation.issues[0].options[0].theirs: must be at least 0, got -5",
            "  hint: scores run from 0 (worst for them) to 100 (best for them)",
        ],
    ),
    (
        "step-does-not-divide",
        HEAD + "  issues:\n    - {name: fee, weight: 5, range: [45000, 60000], step: 4000}\n",
        [
            "bad.yaml:5:59: negotiation.issues[0].step: step 4,000 does not divide the range "
            "45,000 to 60,000",
            "  hint: the range spans 15,000: choose a step that divides it",
        ],
    ),
    (
        "two-figures-issues",
        HEAD + "  issues:\n"
        "    - {name: fee, weight: 5, range: [1, 2], step: 1, figures: true}\n"
        "    - {name: bonus, weight: 5, range: [1, 2], step: 1, figures: true}\n",
        [
            "bad.yaml:6:65: negotiation.issues[1].figures: two `figures` issues "
            "(the first is issue 1)",
            "  hint: only the price issue carries `figures: true`: it gives the money worth "
            "of one point",
        ],
    ),
    (
        "planned-on-a-range",
        HEAD + "  issues:\n    - name: fee\n      weight: 5\n      range: [1, 3]\n      step: 1\n"
        "      options: [{value: two, score: 50, planned: true}]\n",
        [
            "bad.yaml:9:50: negotiation.issues[0].options[0].planned: `planned` marks an "
            "option, but this issue is a range",
            "  hint: a range's planned figure is the target; write either `range:` or "
            "`options:`, not both",
        ],
    ),
    (
        "range-of-one-figure",
        HEAD + "  issues:\n    - {name: fee, weight: 5, range: [45000], step: 1000}\n",
        [
            "bad.yaml:5:37: negotiation.issues[0].range: expected 2 items, got 1",
            "  hint: write the worst figure for us, then the best: [45000, 60000]",
        ],
    ),
    (
        "neither-range-nor-options",
        HEAD + "  issues:\n    - {name: fee, weight: 5}\n",
        [
            "bad.yaml:5:7: negotiation.issues[0]: an issue needs a range or options",
            "  hint: write `range: [worst, best]` and `step:`, or `options:` with a score each",
        ],
    ),
    (
        "concession-names-an-unknown-option",
        HEAD + "  issues:\n" + TERM + "  concessions:\n"
        "    - {give: a longer term, issue: term, from: 6 months, to: 24 months}\n",
        [
            "bad.yaml:11:62: negotiation.concessions[0].to: issue 'term' has no option '24 months'",
            "  hint: options: 6 months, 12 months",
        ],
    ),
    (
        "concession-names-an-unknown-issue",
        HEAD + "  issues:\n" + TERM + "  concessions:\n"
        "    - {give: a longer term, issue: terms, from: 6 months, to: 12 months}\n",
        [
            "bad.yaml:11:36: negotiation.concessions[0].issue: no issue named 'terms' in "
            "negotiation.issues",
            "  hint: did you mean 'term'?",
        ],
    ),
    (
        "probability-over-one",
        HEAD + "  alternatives: [{name: workshops, value: 40000, p: 1.5}]\n",
        [
            "bad.yaml:4:53: negotiation.alternatives[0].p: must be at most 1, got 1.5",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_table_is_located_and_explained(text, expected):
    assert problems_in(text) == expected


def test_the_issue_example_is_valid():
    dossier = validate(
        load_text(
            HEAD
            + "  issues:\n"
            + "    - {name: fee, weight: 50, their_weight: 20, range: [45000, 60000], "
            "step: 3000, figures: true}\n" + TERM + "  meso: {value: 70, tolerance: 2}\n"
            "  alternatives:\n"
            "    - {name: the recruiting firm's workshop series,\n"
            "       value: 40000, p: 0.8, cost: 2000}\n"
            "  their_alternatives:\n    - {name: an in-house trainer, value: 48000, p: 0.6}\n"
            "  summary: you want proof for the board before spring, without a surprise on cost\n"
            "  next_step: a date to sign\n"
            "  their_explanation: the same coach, a longer term, a lower rate per session\n"
            "  noncash: [a named case study, a referral]\n"
            "  concessions:\n"
            "    - {give: a longer term, issue: term, from: 12 months, to: 6 months}\n"
            "    - {give: a lower fee, issue: fee, from: 60000, to: 57000}\n",
            "ok.yaml",
        )
    )
    negotiation = dossier.negotiation
    assert negotiation.issues[1].options[1].value == "12 months"
    assert negotiation.concessions[1].from_ == "60000"
    assert negotiation.noncash == ["a named case study", "a referral"]
