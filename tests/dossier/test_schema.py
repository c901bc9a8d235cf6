"""briefgen.dossier.schema: the JSON Schema an editor validates with agrees with the model that
`briefgen check` validates with, and the committed copy is the generated one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from briefgen.documents.new import SCHEMA_MODELINE
from briefgen.dossier.load import load_file, load_text
from briefgen.dossier.model import Dossier
from briefgen.dossier.schema import SCHEMA_FILE, dossier_schema, schema_text
from briefgen.dossier.validate import validate
from briefgen.errors import DossierError
from tests.dossier.test_validate import BAD_VALUES

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / SCHEMA_FILE
PROFILES = sorted((REPO / "profiles").glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(dossier_schema())


def as_an_editor_sees_it(value: Any) -> Any:
    """The loader's data as JSON types: a YAML language server reads 2026-11-24 as a string."""
    if isinstance(value, dict):
        return {key: as_an_editor_sees_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_an_editor_sees_it(item) for item in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def schema_errors(text: str) -> list[str]:
    data = as_an_editor_sees_it(load_text(text).data)
    return [error.message for error in VALIDATOR.iter_errors(data)]


def model_accepts(text: str) -> bool:
    """The model alone, without the cross-field rules (a schema cannot see those)."""
    try:
        Dossier.model_validate(load_text(text).data)
    except ValueError:
        return False
    return True


def test_committed_schema_is_the_generated_one():
    assert COMMITTED.is_file(), "missing: run `briefgen schema -o schema/dossier.schema.json`"
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schema/dossier.schema.json is stale: run `briefgen schema -o schema/dossier.schema.json`"
    )


def test_schema_is_a_valid_draft_2020_12_schema_with_an_identity():
    schema = dossier_schema()

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:briefgen:dossier:1"
    assert schema["title"] == "briefgen dossier (format 1)"
    assert schema["required"] == ["name"]


def object_schemas(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if "properties" in node:
            found.append(node)
        for value in node.values():
            found += object_schemas(value)
    elif isinstance(node, list):
        for value in node:
            found += object_schemas(value)
    return found


def test_every_field_has_a_description_and_every_mapping_is_closed():
    objects = object_schemas(dossier_schema())

    assert len(objects) > 15
    for node in objects:
        assert node["additionalProperties"] is False, node.get("title")
        for name, field in node["properties"].items():
            assert field.get("description"), f"{node.get('title')}.{name} has no description"


def test_the_modeline_briefgen_new_writes_points_at_the_committed_schema_from_profiles():
    relative = SCHEMA_MODELINE.split("$schema=", 1)[1]

    assert (REPO / "profiles" / relative).resolve() == COMMITTED


@pytest.mark.parametrize("path", PROFILES, ids=[path.name for path in PROFILES])
def test_every_example_dossier_is_valid_against_the_schema(path):
    data = as_an_editor_sees_it(load_file(path).data)

    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []


def test_there_are_example_dossiers_to_check():
    assert len(PROFILES) >= 3


# Small dossiers the schema must treat exactly as the model does: (id, text, valid).
AGREEMENT = [
    ("just-a-name", "name: Dan\n", True),
    ("name-is-a-number", "name: 1999\n", True),
    ("note-is-a-date", "name: Dan\nbuttons:\n  - {topic: golf, note: 2026-01-01}\n", True),
    ("hobby-shorthand", "name: Dan\nperson:\n  hobbies: [golf, {name: fishing}]\n", True),
    ("family-shorthand", "name: Dan\nperson:\n  family: [child, parent]\n", True),
    ("family-shorthand-bad-enum", "name: Dan\nperson:\n  family: [cousin]\n", False),
    ("education-shorthand", "name: Dan\nperson:\n  education: Purdue\n", True),
    ("meeting-shorthand-date", "name: Dan\nrelationship:\n  meetings: [2026-10-02]\n", True),
    ("meeting-shorthand-text", "name: Dan\nrelationship:\n  meetings: [last week]\n", False),
    ("reciprocity-needs-a-direction", "name: Dan\nrelationship:\n  reciprocity: [lunch]\n", False),
    ("tactic-shorthand", "name: Dan\ntactics: [silence]\n", True),
    ("date-time", "name: Dan\nnegotiation:\n  when: 2026-11-24 10:00\n", True),
    (
        "date-time-for-a-day",
        "name: Dan\ntimeline:\n  deliverables:\n    - {name: b, due: 2026-12-04 09:00}\n",
        True,
    ),
    (
        "partial-dates",
        "name: Dan\nrelationship:\n  since: 2019-03\n"
        "person:\n  family:\n    - {relation: child, born: 2011}\n",
        True,
    ),
    ("unknown-key", "name: Dan\nrol: CEO\n", False),
    ("unknown-key-in-an-item", "name: Dan\nbuttons:\n  - {topic: golf, kinds: hot}\n", False),
    ("unknown-key-in-a-section", "name: Dan\nnegotiation:\n  walkaway: 45000\n", False),
    ("bad-enum", "name: Dan\nbuttons:\n  - {topic: golf, kind: warm}\n", False),
    (
        "bad-enum-in-a-section",
        "name: Dan\nrelationship:\n  contacts:\n    - {name: Ann, stance: hostile}\n",
        False,
    ),
    ("wrong-type-number", "name: Dan\nnegotiation:\n  opening: sixty thousand\n", False),
    ("wrong-type-boolean", "name: Dan\nbuttons:\n  - {topic: golf, sensitive: yes}\n", False),
    ("wrong-type-list", "name: Dan\nnegotiation:\n  never_give: exclusivity\n", False),
    ("wrong-type-mapping", "name: Dan\nnegotiation: soon\n", False),
    ("wrong-type-text", "name: true\n", False),
    ("whole-number", "name: Dan\nrelationship:\n  cadence_days: 0\n", False),
    ("blank-text", "name: '   '\n", False),
    ("no-name", "role: CEO\n", False),
    ("format-2", "format: 2\nname: Dan\n", False),
]


@pytest.mark.parametrize(("text", "valid"), [pytest.param(t, v, id=i) for i, t, v in AGREEMENT])
def test_schema_and_model_agree(text, valid):
    assert model_accepts(text) is valid
    assert (schema_errors(text) == []) is valid


@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text, _ in BAD_VALUES])
def test_the_schema_rejects_every_bad_value_the_model_rejects(text):
    """validate's bad inputs: the structural ones (unknown key, bad enum, wrong type...) are
    schema errors too; the cross-field ones (a walk-away above the opening) only briefgen sees."""
    if model_accepts(text):
        with pytest.raises(DossierError):
            validate(load_text(text))
    else:
        assert schema_errors(text) != []


def test_briefgen_schema_prints_the_schema(run_cli):
    result = run_cli("schema")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == dossier_schema()
    assert result.stdout == schema_text()


def test_briefgen_schema_output_writes_the_file(workdir, run_cli):
    result = run_cli("schema", "-o", "schema/dossier.schema.json")

    assert result.exit_code == 0
    assert result.stdout == "schema/dossier.schema.json\n"
    assert (workdir / "schema" / "dossier.schema.json").read_text(encoding="utf-8") == schema_text()
