"""`briefgen schema`: the JSON Schema (draft 2020-12) of the dossier format, generated from the
same pydantic model that validates, so that an editor flags what `briefgen check` would.

Pydantic describes the Python side of each field; a YAML language server sees the YAML side.
The generator below closes the gap: a plain string (or date) is short for an item's first field,
dates arrive as strings, and text fields take a bare number (`school: 1999`) as the model does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import core_schema

from briefgen.dossier import model
from briefgen.dossier.model import FORMAT_VERSION, Dossier, Item
from briefgen.files import write_atomic

SCHEMA_ID = f"urn:briefgen:dossier:{FORMAT_VERSION}"
SCHEMA_FILE = "schema/dossier.schema.json"
TITLE = f"briefgen dossier (format {FORMAT_VERSION})"
DESCRIPTION = (
    "A briefgen dossier about one negotiation counterpart: one YAML file per person, "
    "written by hand and reviewed in git. Only `name` is required."
)


def _date_pattern() -> str:
    """The date pattern the model gives `When`, used for every date field: one source."""
    for extra in getattr(model.When, "__metadata__", ()):
        if isinstance(extra, FieldInfo) and isinstance(extra.json_schema_extra, dict):
            return str(extra.json_schema_extra["pattern"])
    raise AssertionError("model.When lost its date pattern")  # pragma: no cover


class DossierSchemaGenerator(GenerateJsonSchema):
    """Pydantic's generator, taught the YAML-side shape of the model's own validators."""

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        function = schema["function"].get("function")
        if function in (model._day, model._when):
            # An editor's YAML 1.2 parser reads 2026-11-24 as a string, never as a date.
            return {"type": "string", "pattern": _date_pattern()}
        if function is model._as_text:
            # Text fields take `school: 1999` as "1999", so a bare number is not an error;
            # blanks are stripped first, so text needs one character that is not a blank.
            inner = self.generate_inner(schema["schema"])
            return {**inner, "type": ["string", "number"], "pattern": r"\S"}
        return super().function_before_schema(schema)

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls = schema["cls"]
        if isinstance(cls, type) and issubclass(cls, (Item, model.LevelCadence)):
            return _with_shorthand(cls, json_schema)
        return json_schema

    def generate(
        self, schema: core_schema.CoreSchema, mode: JsonSchemaMode = "validation"
    ) -> JsonSchemaValue:
        generated = super().generate(schema, mode)
        header = {
            "$schema": self.schema_dialect,
            "$id": SCHEMA_ID,
            "title": TITLE,
            "description": DESCRIPTION,
        }
        body = {k: v for k, v in generated.items() if k not in (*header, "$defs")}
        return {**header, **body, "$defs": generated["$defs"]}


def _with_shorthand(
    cls: type[Item] | type[model.LevelCadence], object_schema: JsonSchemaValue
) -> JsonSchemaValue:
    """`anyOf: [the mapping, the shorthand value]`, as `Item._expand_shorthand` accepts it. An
    item that needs more than its first field (a reciprocity entry needs a direction) gets no
    shorthand branch: the model would reject the plain value anyway."""
    field = cls.shorthand
    required = set(object_schema.get("required", []))
    if not required <= {field}:
        return object_schema
    value = dict(object_schema["properties"][field])
    if "anyOf" in value:  # an optional first field: drop its null branch
        branches = [b for b in value.pop("anyOf") if b.get("type") != "null"]
        value.update(branches[0] if len(branches) == 1 else {"anyOf": branches})
    for key in ("title", "description", "default"):
        value.pop(key, None)
    title = object_schema.get("title", cls.__name__)
    return {
        "title": title,
        "description": f"A mapping, or the {field} alone as a plain value "
        f"(short for `{{{field}: ...}}`).",
        "anyOf": [object_schema, value],
    }


def dossier_schema() -> dict[str, Any]:
    """The JSON Schema of a dossier, as a JSON-ready dict."""
    return Dossier.model_json_schema(schema_generator=DossierSchemaGenerator)


def schema_text() -> str:
    """The schema as the committed file holds it: stable, indented, ending in a newline."""
    return json.dumps(dossier_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | os.PathLike[str]) -> Path:
    """Write the schema to `path` whole or not at all (how `schema/dossier.schema.json` is made)."""
    return write_atomic(path, schema_text().encode("utf-8"))
