"""The sheet tests' shared renders: each example, and each provoking dossier, laid out once
per paper per test session, on first use (test_prep, test_sheet_page, test_sheet_collisions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen.documents.prep import PrepResult, prep_sheet
from tests.jobs import job

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
TODAY = dt.date(2026, 11, 23)


def _many(prefix: str, n: int, words: int = 6) -> list[str]:
    return [f"{prefix} {i + 1} " + " ".join(["detail"] * words) for i in range(n)]


# Dossiers that provoke the page engine: too little, too much, one long section, French, and a
# candidate with no numbers.
PROVOKING: dict[str, dict[str, Any]] = {
    "sparse": {
        "name": "Sam Sparse",
        "buttons": [{"topic": "being interrupted", "kind": "hot"}],
        "tactics": [{"tactic": "silence", "counter": "wait it out"}],
        "negotiation": {"opening": 100, "target": 90, "walk_away": 80, "currency": "EUR"},
    },
    "thirty": {
        "name": "Thea Thirty",
        "person": {
            "family": [{"relation": "child", "name": f"Kid{i}"} for i in range(30)],
            "hobbies": _many("hobby", 30, 2),
        },
        "buttons": [
            {"topic": t, "kind": "hot" if i < 3 else "lever"}
            for i, t in enumerate(_many("button", 30, 1))
        ],
        "tactics": [
            {"tactic": f"tactic {i + 1}", "counter": "hold firm and restate the value"}
            for i in range(30)
        ],
        "negotiation": {
            "when": "2026-11-30 10:00",
            "opening": 100,
            "target": 90,
            "walk_away": 80,
            "questions": _many("question", 30),
            "concessions": [{"give": g, "get": "a longer term"} for g in _many("give", 30, 1)],
            "interests": {"ours": _many("ours", 30, 2), "theirs": _many("theirs", 30, 2)},
        },
        "relationship": {
            "contacts": [{"name": f"Contact {i + 1}", "title": "manager"} for i in range(30)],
            "meetings": [
                {"date": f"2026-{1 + i % 9:02d}-{1 + i:02d}", "note": f"meeting {i + 1} went fine"}
                for i in range(28)
            ],
        },
    },
    "long-section": {
        "name": "Lon Longsection",
        "tactics": [{"tactic": "anchoring", "counter": "re-anchor on the survey"}],
        "negotiation": {
            "opening": 100,
            "target": 90,
            "walk_away": 80,
            "questions": [
                f"question {i + 1}: " + "what would make this an easy yes for the board " * 2
                for i in range(40)
            ],
        },
    },
    "french": {
        "name": "Françoise Française",
        "locale": "fr-CA",
        "role": "directrice des achats",
        "buttons": [{"topic": "être pressée", "kind": "hot"}],
        "tactics": [{"tactic": "silence", "counter": "attendre sans rien dire"}],
        "person": {"hobbies": ["voile", "ski de fond"], "notes": "Aime les chiffres précis. " * 8},
        "negotiation": {
            "when": "2026-11-24 10:00",
            "currency": "CAD",
            "opening": 60000,
            "target": 52000,
            "walk_away": 45000,
            "questions": _many("question", 8),
        },
        "relationship": {
            "contacts": [{"name": f"Contact {i + 1}", "title": "gestionnaire"} for i in range(6)],
        },
    },
    "candidate": {
        "name": "Cam Candidate",
        "kind": "candidate",
        "person": {"hobbies": ["chess", "climbing"], "pace": "fast"},
        "buttons": [{"topic": "vague offers", "kind": "hot"}],
        "pitch": {
            "headline": "Operations lead who ships",
            "traits": ["calm", "direct", "numerate"],
            "best_match": _many("match", 4, 3),
        },
    },
}


class Sheets:
    """Renders on first use, then keeps the result for the session."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.made: dict[tuple[str, str], PrepResult] = {}

    def source(self, name: str) -> Path:
        if name in PROVOKING:
            path = self.folder / f"{name}.yaml"
            if not path.exists():
                text = yaml.safe_dump(PROVOKING[name], sort_keys=False, allow_unicode=True)
                path.write_text(text, encoding="utf-8")
            return path
        return ROOT / "profiles" / f"{name}.yaml"

    def get(self, name: str, paper: str) -> PrepResult:
        if (name, paper) not in self.made:
            out = self.folder / paper
            self.made[name, paper] = prep_sheet(self.source(name), job(out, TODAY, paper=paper))
        return self.made[name, paper]


@pytest.fixture(scope="session")
def sheets_once(tmp_path_factory: pytest.TempPathFactory) -> Sheets:
    return Sheets(tmp_path_factory.mktemp("sheets"))
