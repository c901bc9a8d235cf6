"""`diff` and `show` know the workbench: weights, option scores, the BATNA in a reviewer's
words; the Voss / Fisher-Ertel fields as plain facts."""

from __future__ import annotations

import textwrap

from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.review.diff import diff_dossiers
from briefgen.review.show import show_text

BASE = """\
name: Dan Whitfield
negotiation:
  currency: USD
  walk_away: 45000
  opening: 60000
  issues:
    - {name: fee, weight: 50, their_weight: 20, range: [45000, 60000], step: 3000, figures: true}
    - name: term
      weight: 30
      their_weight: 50
      options:
        - {value: 6 months, score: 0, theirs: 30}
        - {value: 12 months, score: 70, theirs: 100, planned: true}
        - {value: 24 months, score: 100, theirs: 60}
  meso: {value: 70, tolerance: 2}
  alternatives:
    - {name: the recruiting firm's workshop series, value: 48000, p: 0.95, cost: 1000}
  their_alternatives:
    - {name: a consultant, value: 50000, p: 0.9}
  next_step: a date to sign
"""


def dossier(text: str):
    return validate(load_text(textwrap.dedent(text), "dan.yaml"))


def lines(old: str, new: str) -> list[str]:
    return [change.line for change in diff_dossiers(dossier(old), dossier(new))]


def test_a_weight_raised():
    new = BASE.replace("- name: term\n      weight: 30", "- name: term\n      weight: 40")
    assert lines(BASE, new) == ["  weight of term raised 30 -> 40"]


def test_an_option_score_lowered():
    new = BASE.replace("{value: 24 months, score: 100,", "{value: 24 months, score: 90,")
    assert lines(BASE, new) == ["  option 24 months: our score 100 -> 90"]


def test_the_batna_changes_hands():
    new = BASE.replace(
        "  their_alternatives:",
        "    - {name: the in-house trainer, value: 52000}\n  their_alternatives:",
    )
    assert lines(BASE, new) == [
        "  alternative added: the in-house trainer, 52,000 USD (expected 52,000 USD)",
        "! BATNA now the in-house trainer (52,000) -- the walk-away is now more than 10 % off "
        "the BATNA",
    ]


def test_issues_options_meso_and_their_batna():
    new = (
        BASE.replace("range: [45000, 60000], step: 3000", "range: [45000, 66000], step: 3000")
        .replace("        - {value: 6 months, score: 0, theirs: 30}\n", "")
        .replace("planned: true}", "planned: false}")
        .replace("tolerance: 2", "tolerance: 3")
        .replace("value: 50000, p: 0.9", "value: 50000, p: 0.8")
        .replace("  next_step: a date to sign", "  next_step: a signed retainer")
    )
    new = new.replace(
        "  meso:",
        "    - {name: sessions, weight: 20, options: [{value: 3, score: 100}]}\n  meso:",
    )
    assert lines(BASE, new) == [
        "  range of fee: 45,000 to 60,000 by 3,000 -> 45,000 to 66,000 by 3,000",
        "  option 12 months: no longer planned",
        "  option removed from term: 6 months",
        "  issue added: sessions, weight 20",
        "  equivalent offers' tolerance: 2 -> 3",
        "  their alternative changed: a consultant, 50,000 USD, p 0.9 (expected 45,000 USD) -> "
        "a consultant, 50,000 USD, p 0.8 (expected 40,000 USD)",
        "  their BATNA lowered 45,000 -> 40,000 (a consultant)",
        "  next step: a date to sign -> a signed retainer",
    ]


def test_show_lists_the_workbench():
    text = show_text(dossier(BASE))
    assert (
        "issue: fee, weight 50, theirs 20, range 45,000 to 60,000 by 3,000, the figures issue\n"
        "issue: term, weight 30, theirs 50\n"
        "  option 6 months: our score 0, theirs 30\n"
        "  option 12 months: our score 70, theirs 100, planned\n"
        "  option 24 months: our score 100, theirs 60\n"
        "equivalent offers: worth 70 \u00b1 2\n"
        "alternative: the recruiting firm's workshop series, 48,000 USD, p 0.95, "
        "cost 1,000 USD (expected 44,600 USD)\n"
        "their alternative: a consultant, 50,000 USD, p 0.9 (expected 45,000 USD)\n"
        "BATNA: the recruiting firm's workshop series (44,600 USD)\n"
        "their BATNA: a consultant (45,000 USD): gives their walk-away\n"
        "next step: a date to sign\n"
    ) in text


def test_a_priced_concession_added_reads_as_written_in_json():
    new = (
        BASE
        + "  concessions:\n"
        + "    - {give: a longer term, issue: term, from: 12 months, to: 24 months}\n"
    )
    (change,) = diff_dossiers(dossier(BASE), dossier(new))
    assert change.line == (
        "! concession added: a longer term, issue term, from 12 months, to 24 months "
        "-- nothing asked in return"
    )
    assert change.as_dict()["new"] == {
        "give": "a longer term",
        "issue": "term",
        "from": "12 months",
        "to": "24 months",
    }
