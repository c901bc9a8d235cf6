"""Everything a person can write in a dossier reaches the prep sheet, and `--redact` still leaves
every sensitive item off it. The list of text fields is DERIVED from the pydantic model, so a
field added to the format fails here until the sheet shows it."""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path
from typing import Annotated, Any

import pypdf
import pytest
import yaml
from pydantic import BaseModel

from briefgen.documents.prep import prep_sheet
from briefgen.dossier.model import Dossier, Item
from tests.jobs import job

TODAY = dt.date(2026, 11, 20)

# Values for fields that are not free text but must be set for the item to show (a deadline
# needs a date, a family member a relation): by field name. Literals take their first value.
FILLERS: dict[str, Any] = {
    "when": "2026-11-24 10:00",
    "due": "2026-12-04",
    "date": "2026-10-01",
    "last_contact": "2026-11-10",
    "born": 2011,
    "year": 1998,
    "since": "2019-03",
    "opening": 60000,
    "target": 52000,
    "walk_away": 45000,
    "cadence_days": 14,
    "days_before": 2,
    "cancellation_hours": 24,
    "senior_interviews": 3,
    "only_call_for_projects": 1,
    "offer_help": 4,
    "weight": 10,  # a workbench issue's
    "score": 50,  # an issue option's
    "value": 40000,  # an alternative's (an option's value is text: its marker replaces this)
}
# Text fields with a fixed form: their marker must have that form.
PATTERNED = {"currency": "QXZ"}
# Text fields whose value must name another field's value to mean anything.
LINKED = {
    "timeline.rules[].of": "timeline.deliverables[].name",
    # a priced concession names a workbench issue and two of its options
    "negotiation.concessions[].issue": "negotiation.issues[].name",
    "negotiation.concessions[].from_": "negotiation.issues[].options[].value",
    "negotiation.concessions[].to": "negotiation.issues[].options[].value",
}


def _unwrap(annotation: Any) -> Any:
    """The type under Optional[...] and Annotated[...]."""
    while True:
        if typing.get_origin(annotation) is Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            annotation = args[0]
            continue
        return annotation


def text_fields(model: type[BaseModel] = Dossier, prefix: str = "") -> list[tuple[str, bool]]:
    """Every field a person writes free text into: (path, is a list of text), e.g.
    ('relationship.meetings[].note', False), ('negotiation.questions', True)."""
    found = []
    for name, field in model.model_fields.items():
        kind = _unwrap(field.annotation)
        path = prefix + name
        if typing.get_origin(kind) is list:
            element = _unwrap(typing.get_args(kind)[0])
            if isinstance(element, type) and issubclass(element, BaseModel):
                found += text_fields(element, path + "[].")
            elif element is str:
                found.append((path, True))
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            found += text_fields(kind, path + ".")
        elif kind is str:
            found.append((path, False))
    return found


def marker(index: int) -> str:
    """A word no template writes and no layout splits: 'zqmark07'."""
    return f"zqmark{index:02d}"


def _required_fillers(model: type[BaseModel]) -> dict[str, Any]:
    """Required non-text fields of an item (a relation, a direction): their first choice."""
    filled = {}
    for name, field in model.model_fields.items():
        kind = _unwrap(field.annotation)
        if name in FILLERS:
            filled[name] = FILLERS[name]
        elif field.is_required() and typing.get_origin(kind) is typing.Literal:
            filled[name] = typing.get_args(kind)[0]
    return filled


def marked_dossier(*, sensitive: bool = False) -> tuple[dict, dict[str, str]]:
    """A dossier with a distinct marker in every text field (one item per list), and the
    marker of each field path. With `sensitive`, every item is marked sensitive."""
    data: dict = {}
    markers: dict[str, str] = {}

    def slot(path: str) -> tuple[dict, str]:
        """The mapping that holds the last key of `path`, created on the way."""
        node, model = data, Dossier
        parts = path.split(".")
        for part in parts[:-1]:
            key = part.removesuffix("[]")
            sub = _unwrap(model.model_fields[key].annotation)
            if part.endswith("[]"):
                model = _unwrap(typing.get_args(sub)[0])
                items = node.setdefault(key, [{}])
                node = items[0]
            else:
                model = sub
                node = node.setdefault(key, {})
            for name, value in _required_fillers(model).items():
                node.setdefault(name, value)
            if sensitive and issubclass(model, Item):
                node["sensitive"] = True
        return node, parts[-1]

    for index, (path, many) in enumerate(text_fields()):
        node, key = slot(path)
        value = PATTERNED.get(key, marker(index))
        node[key] = [value] if many else value
        markers[path] = value
    for path, source in LINKED.items():
        node, key = slot(path)
        node[key] = markers[path] = markers[source]
    return data, markers


def sheet_text(pdf: Path) -> str:
    reader = pypdf.PdfReader(pdf)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split()).lower()


def test_the_field_list_is_derived_from_the_model():
    paths = dict(text_fields())
    # the nine fields that once never reached the sheet are among them
    for path in (
        "negotiation.notes",
        "relationship.notes",
        "buttons[].note",
        "negotiation.concessions[].note",
        "relationship.contacts[].note",
        "relationship.meetings[].note",
        "timeline.deliverables[].note",
        "timeline.rules[].note",
        "relationship.reciprocity[].what",
    ):
        assert path in paths
    assert paths["negotiation.questions"] is True
    assert len(paths) >= 45


@pytest.mark.render
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_text_field_reaches_the_sheet(tmp_path, paper):
    data, markers = marked_dossier()
    source = tmp_path / "every-field.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = prep_sheet(source, job(tmp_path, TODAY, paper=paper))
    text = sheet_text(result.pdf)
    assert "left out" not in result.report()
    assert " shown" not in result.report()
    missing = {path: value for path, value in markers.items() if value.lower() not in text}
    assert missing == {}, f"on no sheet: {missing}"


@pytest.mark.render
def test_a_field_left_off_by_the_fit_ladder_is_named_in_the_report(tmp_path):
    data, markers = marked_dossier()
    data["person"]["notes"] = "A long paragraph about her. " * 300 + markers["person.notes"]
    data["negotiation"]["questions"] = [f"question {i} " + "in some detail " * 6 for i in range(40)]
    source = tmp_path / "long.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = prep_sheet(source, job(tmp_path, TODAY))
    text = sheet_text(result.pdf)
    report = result.report()
    left_out = (
        report.split("left out: ")[1].split(";")[0].split(", ") if "left out" in report else []
    )
    if "questions" in left_out:
        assert "questions: " not in report  # a left-out section is not also 'n of 40 shown'
        assert "question 0" not in text
    else:
        shown = int(report.split("questions: ")[1].split(" of")[0])
        assert f"+{40 - shown} more" in text
    if markers["person.notes"].lower() not in text:
        assert {"rapport notes", "rapport"} & set(left_out) or "long notes cut" in report


@pytest.mark.render
def test_redact_leaves_every_sensitive_item_off_the_sheet(tmp_path):
    data, markers = marked_dossier(sensitive=True)
    source = tmp_path / "secret.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    full = sheet_text(prep_sheet(source, job(tmp_path / "full", TODAY)).pdf)
    redacted = sheet_text(prep_sheet(source, job(tmp_path / "red", TODAY, redact=True)).pdf)
    in_items = {path for path in markers if "[]" in path or path.startswith("person.education")}
    assert in_items, "the dossier has sensitive items"
    for path in in_items:
        value = markers[path].lower()
        assert value in full, path  # rendered without --redact
        if path in LINKED:  # names a deliverable that is itself sensitive
            continue
        assert value not in redacted, f"{path} is sensitive but on the redacted sheet"
    for path in set(markers) - in_items:  # what is not in an item stays
        assert markers[path].lower() in redacted, path
