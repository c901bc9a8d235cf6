"""`briefgen new` shows the other side of the table as commented examples that validate."""

from __future__ import annotations

from pathlib import Path

from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "new-negotiation.yaml"


def test_the_negotiation_examples_validate_when_uncommented():
    lines = [
        line[2:]
        for line in TEMPLATE.read_text(encoding="utf-8").splitlines()
        if line.startswith("# ")
    ]
    negotiation = "\n".join(lines[lines.index("negotiation:") :])
    dossier = validate(load_text("name: A\n" + negotiation + "\n"))
    n = dossier.negotiation
    assert n is not None
    assert n.their_walk_away == 50000
    assert n.offer_plan == "ackerman"
    assert n.criteria
    assert n.accusation_audit
    assert n.labels
    assert n.black_swans


def test_new_writes_the_examples_commented_out(workdir, run_cli):
    result = run_cli("new", "Dana Figueroa")
    assert result.exit_code == 0, result.output
    text = next(workdir.rglob("*.yaml")).read_text(encoding="utf-8")
    for key in ("their_walk_away", "offer_plan", "criteria", "accusation_audit", "labels"):
        assert f"#   {key}:" in text
