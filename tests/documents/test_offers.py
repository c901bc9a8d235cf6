"""`briefgen offers`: the workbench for the person preparing, as text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.facts.test_workbench import FEE, SESSIONS, TERM

ROOT = Path(__file__).resolve().parents[2]


def flow(item: dict) -> str:
    return (
        "{"
        + ", ".join(
            f"{k}: {flow(v) if isinstance(v, dict) else _value(v)}" for k, v in item.items()
        )
        + "}"
    )


def _value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) if isinstance(v, dict) else _value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


EXAMPLE = (
    "name: Dan Whitfield\nnegotiation:\n  subject: 2027 coaching retainer\n"
    "  when: 2026-11-24 10:00\n  currency: USD\n  issues:\n"
    + "".join(f"    - {flow(issue)}\n" for issue in (FEE, TERM, SESSIONS))
    + "  meso: {value: 70, tolerance: 2}\n"
    "  concessions:\n"
    "    - {give: one extra session, get: a 12-month term,\n"
    "       issue: sessions per quarter, from: 4, to: 5}\n"
    "  alternatives:\n"
    "    - {name: the recruiting firm's workshop series, value: 40000, p: 0.8, cost: 2000}\n"
    "  their_alternatives:\n    - {name: an in-house trainer, value: 48000, p: 0.6}\n"
)


def test_offers_prints_the_worked_example(write_dossier, run_cli):
    path = write_dossier(EXAMPLE, "dan.yaml")
    result = run_cli("offers", str(path), "--today", "2026-11-20")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Dan Whitfield: 2027 coaching retainer (Tuesday 24 November 2026, in 4 days)"
    start = lines.index("3 equivalent offers, each worth 70 \u00b1 2 to us")
    assert lines[start + 1 : start + 6] == [
        "  fee         term       sessions per quarter  us  them",
        "  60,000 USD  12 months  5                     71  80",
        "  57,000 USD  12 months  4                     71  72",
        "  57,000 USD  24 months  5                     70  64",
        "  60,000 USD  6 months   3                     70  15    "
        "equal for us, worst for them: never offer it",
    ]
    assert "  1 point = 300 USD" in lines
    assert (
        "  one extra session: sessions per quarter 4 \u2192 5: costs us 10 points "
        "(about 3,000 USD), gains them 12" in lines
    )
    cheapest = lines.index("Concessions, cheapest for us per point they gain first") + 1
    assert lines[cheapest] == (
        "  term 24 months \u2192 12 months: costs us 9 points (about 2,700 USD), gains them 20"
    )
    assert "Every equivalent package (7 of 54), best for them first" in lines
    assert (
        "BATNA: the recruiting firm's workshop series, 0.8 \u00d7 40,000 \u2212 2,000 = 30,000 USD"
        in lines
    )
    assert (
        "their walk-away, derived from their BATNA: an in-house trainer, "
        "0.6 \u00d7 48,000 = 28,800 USD" in lines
    )


def test_offers_in_french(write_dossier, run_cli):
    path = write_dossier(EXAMPLE, "dan.yaml")
    result = run_cli("offers", str(path), "--today", "2026-11-20", "--locale", "fr-CA")
    assert result.exit_code == 0, result.output
    assert "3 offres équivalentes, chacune valant 70 \u00b1 2 pour nous" in result.output
    assert "égale pour nous, la pire pour eux\u00a0: ne jamais la proposer" in result.output
    assert "1 point = 300\u00a0$\u00a0US" in result.output
    assert (
        "term 24 months \u2192 12 months\u00a0: nous coûte 9 points "
        "(environ 2\u00a0700\u00a0$\u00a0US), leur rapporte 20" in result.output
    )


def test_offers_json_is_numbers_and_codes(write_dossier, run_cli):
    path = write_dossier(EXAMPLE, "dan.yaml")
    result = run_cli("offers", str(path), "--format", "json", "--locale", "fr-CA")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [(o["options"], o["ours"], o["theirs"]) for o in found["offers"]] == [
        ({"fee": 60000, "term": "12 months", "sessions per quarter": "5"}, 71, 80),
        ({"fee": 57000, "term": "12 months", "sessions per quarter": "4"}, 71, 72),
        ({"fee": 57000, "term": "24 months", "sessions per quarter": "5"}, 70, 64),
    ]
    assert found["never_offer"]["options"] == {
        "fee": 60000,
        "term": "6 months",
        "sessions per quarter": "3",
    }
    assert found["point_value"] == 300
    assert found["concessions"] == [
        {
            "index": 0,
            "give": "one extra session",
            "issue": "sessions per quarter",
            "from": "4",
            "to": "5",
            "cost_points": 10,
            "cost_money": 3000,
            "gain_points": 12,
        }
    ]
    assert found["batna"]["reservation"] == 30000
    assert (found["their_walk_away"], found["their_walk_away_derived"]) == (28800, True)


def test_offers_without_a_workbench_exits_1(write_dossier, run_cli):
    path = write_dossier("name: Dan\nnegotiation: {opening: 60000}\n", "dan.yaml")
    result = run_cli("offers", str(path))
    assert result.exit_code == 1
    assert "no workbench" in result.output
    assert "hint:" in result.output


def test_offers_on_an_invalid_dossier_is_located(write_dossier, run_cli):
    bad = EXAMPLE.replace("step: 3000", "step: 4000")
    path = write_dossier(bad, "dan.yaml")
    result = run_cli("offers", str(path))
    assert result.exit_code == 1
    assert "dan.yaml:7:" in result.output
    assert "step 4,000 does not divide the range 45,000 to 60,000" in result.output


def test_fewer_than_three_offers_say_so(write_dossier, run_cli):
    path = write_dossier(EXAMPLE.replace("{value: 70, tolerance: 2}", "{value: 90, tolerance: 0}"))
    lines = run_cli("offers", str(path)).output.splitlines()
    start = lines.index(
        "only 2 packages are worth 90 \u00b1 0 to us and different enough to offer: "
        "no third is made up"
    )
    assert lines[start + 2 : start + 5] == [
        "  60,000 USD  24 months  4                     90  48",
        "  57,000 USD  24 months  3                     90  34",
        "",
    ]
    path = write_dossier(EXAMPLE.replace("{value: 70, tolerance: 2}", "{value: 97, tolerance: 1}"))
    assert "no package is worth 97 \u00b1 1 to us" in run_cli("offers", str(path)).output
