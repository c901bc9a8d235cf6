"""Step 2 of the pipeline: check a loaded Document against the dossier model and report
every mistake in the file at once, located and in plain words.

The friendly wording lives in one table, `WORDING`, keyed by pydantic's error type.
"""

from __future__ import annotations

import difflib
import os
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from briefgen.dossier.load import Document, Path_, format_path, load_file
from briefgen.dossier.model import Dossier, side_of
from briefgen.errors import DossierError, Problem

# pydantic error type -> (message, hint). Placeholders: {got} the value as written,
# {expected} the valid choices, plus pydantic's own context keys.
WORDING: dict[str, tuple[str, str]] = {
    "missing": ("required key is missing", "add `{key}: ...`"),
    "extra_forbidden": ("unknown key '{key}'", ""),
    "literal_error": ("expected one of {expected}, got {got}", ""),
    "float_type": (
        "expected a number, got {got}",
        "write digits only, without units or separators",
    ),
    "float_parsing": (
        "expected a number, got {got}",
        "write digits only, without units or separators",
    ),
    "int_type": ("expected a whole number, got {got}", "write digits only, e.g. 14"),
    "int_parsing": ("expected a whole number, got {got}", "write digits only, e.g. 14"),
    "int_from_float": ("expected a whole number, got {got}", "write digits only, e.g. 14"),
    "bool_type": ("expected true or false, got {got}", "only `true` and `false` are booleans"),
    "string_type": ("expected text, got {got}", ""),
    "string_too_short": ("must not be empty", ""),
    "string_too_long": (
        "text is too long ({length:,} characters; at most {max_length:,})",
        "shorten it: a prep sheet is one page",
    ),
    # Text and Markdown put their length limits after a BeforeValidator, where pydantic
    # reports them under its generic names.
    "too_short": ("must not be empty", ""),
    "too_long": (
        "text is too long ({length:,} characters; at most {max_length:,})",
        "shorten it: a prep sheet is one page",
    ),
    "string_pattern_mismatch": ("{got} is not in the expected form", ""),
    "list_type": ("expected a list, got {got}", "write `- item` lines or `[a, b]`"),
    "model_type": ("expected a mapping of keys, got {got}", "write `key: value` lines"),
    "model_attributes_type": ("expected a mapping of keys, got {got}", "write `key: value` lines"),
    "dict_type": ("expected a mapping of keys, got {got}", "write `key: value` lines"),
    "greater_than_equal": ("must be at least {ge}, got {got}", ""),
    "less_than_equal": ("must be at most {le}, got {got}", ""),
    "partial_date": ("{message}", ""),
    "date_range": ("{message}", "check the year for a typo"),
    "zone": (
        "{message}",
        "write the local time where the meeting takes place, without `Z` or `+hh:mm`: "
        "the sheet shows times as written",
    ),
    "when": ("{message}", ""),
    "day": ("{message}", ""),
    "format": ("{message}", ""),
}

FIELD_HINTS: dict[str, str] = {
    "currency": "write a three-letter ISO code in capitals, e.g. USD, EUR, CAD",
    "opening": "write digits only, without currency or separators: 60000",
    "target": "write digits only, without currency or separators: 52000",
    "walk_away": "write digits only, without currency or separators: 45000",
    "locale": "French is fr-CA (Canada) or fr-FR (France), Spanish es-ES or es-MX, German de-DE; "
    "leave the key out for English",
}


def load_dossier(path: str | os.PathLike[str]) -> Dossier:
    """Load and validate one dossier file: the first two steps of the pipeline."""
    return validate(load_file(path))


def validate(document: Document) -> Dossier:
    """The Dossier, or a DossierError listing every problem in the file."""
    problems: list[Problem] = list(document.problems)
    told = {problem.path for problem in document.problems}  # said once, in the reader's words
    dossier = None
    try:
        dossier = Dossier.model_validate(document.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            found = _problem(document, error)
            if not any(found.path == path or found.path.startswith(path + ".") for path in told):
                problems.append(found)
    problems.extend(_consistency(document))
    if problems:
        raise DossierError(problems)
    assert dossier is not None
    return dossier


def _problem(document: Document, error: Any) -> Problem:
    loc: Path_ = tuple(error["loc"])
    kind = error["type"]
    got = _describe(error.get("input"))
    context = dict(error.get("ctx") or {})
    key = str(loc[-1]) if loc else ""
    message, hint = WORDING.get(kind, (error["msg"], ""))
    if kind == "literal_error":
        context["expected"] = _choices(context.get("expected", ""))
    if kind in ("string_too_long", "too_long"):
        context["length"] = len(error.get("input") or "")
    for bound in ("ge", "le"):  # a float field's bound 0 reads "0", not "0.0"
        if isinstance(context.get(bound), float) and context[bound].is_integer():
            context[bound] = int(context[bound])
    fields = {**context, "message": error["msg"], "got": got, "key": key}
    message = message.format_map(fields)
    hint = hint.format_map(fields)
    if kind == "extra_forbidden":
        hint = _unknown_key_hint(loc)
        line, column = document.locate(loc, key=True)
    else:
        hint = FIELD_HINTS.get(key, hint) if kind not in ("missing", "extra_forbidden") else hint
        line, column = document.locate(loc)
    return Problem(document.file, line, column, format_path(loc), message, hint)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        digits = str(value)
        return digits if len(digits) <= 40 else digits[:37] + "..."
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _choices(expected: str) -> str:
    return expected.replace("'", "")


def _unknown_key_hint(loc: Path_) -> str:
    fields = _fields_at(loc[:-1])
    if not fields:
        return ""
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    homes = [home for home in _homes(str(loc[-1])) if home != format_path(loc[:-1])]
    if len(homes) == 1:  # a key pulled out of its section: `walk_away` un-indented
        return f"`{loc[-1]}` belongs under `{homes[0]}:`: indent it like the keys there"
    return "valid keys here: " + ", ".join(fields)


def _homes(key: str) -> list[str]:
    """The sections (`negotiation`, `relationship.contacts[]`) whose items have a key `key`."""
    found: list[str] = []

    def walk(model: type[BaseModel], where: str, depth: int) -> None:
        for name, field in model.model_fields.items():
            if name == key and where:
                found.append(where)
            inner = _model_in(field.annotation)
            if inner is not None and depth < 3:
                walk(inner, f"{where}.{name}" if where else name, depth + 1)

    walk(Dossier, "", 0)
    return found


def _fields_at(path: Path_) -> list[str]:
    """The field names of the model that sits at `path` in a Dossier."""
    model: type[BaseModel] | None = Dossier
    for part in path:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field else None
    return list(model.model_fields) if model else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            if found := _model_in(arg):
                return found
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # an int past float range; the model reports it as too large
            return None
    return None


def _consistency(document: Document) -> Iterable[Problem]:
    """Rules that span several fields, checked on the raw data so that they are reported in the
    same pass as the structural errors."""
    data = document.data

    def problem(path: Path_, message: str, hint: str = "") -> Problem:
        return Problem(document.file, *document.locate(path), format_path(path), message, hint)

    negotiation = data.get("negotiation")
    if isinstance(negotiation, dict):
        yield from _check_figures(negotiation, problem)
    timeline = data.get("timeline")
    if isinstance(timeline, dict):
        yield from _check_rules(timeline, problem)


def _check_figures(negotiation: dict[str, Any], problem: Callable[..., Problem]):
    opening, target, walk_away = (
        _number(negotiation.get(k)) for k in ("opening", "target", "walk_away")
    )
    if opening is None or walk_away is None:
        return
    written = negotiation.get("side") in ("seller", "buyer")
    if not written and target is not None and target != opening:
        # Read from the opening and the target, the two figures a person thinks about first:
        # when they say seller and the walk-away point says buyer, the walk-away is the odd one.
        side = "seller" if opening > target else "buyer"
        why = f" (the opening is {'above' if side == 'seller' else 'below'} the target)"
    else:
        side = side_of(negotiation.get("side"), opening, walk_away)
        why = ""
    other = "buyer" if side == "seller" else "seller"
    switch = (
        f"(or set `side: {other}`)"
        if written
        else (f"(if you are in fact the {other}, write `side: {other}`)")
    )
    falling = side == "seller"
    here = ("negotiation", "walk_away")
    if falling and walk_away > opening:
        yield problem(
            here,
            f"walk-away point {walk_away:,.0f} is above the opening {opening:,.0f}, "
            f"but as the seller{why} we give ground downward",
            f"a seller's figures fall: opening >= target >= walk_away {switch}",
        )
    elif not falling and walk_away < opening:
        yield problem(
            here,
            f"walk-away point {walk_away:,.0f} is below the opening {opening:,.0f}, "
            f"but as the buyer{why} we give ground upward",
            f"a buyer's figures rise: opening <= target <= walk_away {switch}",
        )
    elif target is not None and not (min(opening, walk_away) <= target <= max(opening, walk_away)):
        order = "opening >= target >= walk_away" if falling else "opening <= target <= walk_away"
        yield problem(
            here,
            f"target {target:,.0f} is not between the walk-away point {walk_away:,.0f} "
            f"and the opening {opening:,.0f}",
            f"as the {side}, the figures go {order}",
        )


def _check_rules(timeline: dict[str, Any], problem: Callable[..., Problem]):
    deliverables = timeline.get("deliverables")
    names: list[str] = []
    if isinstance(deliverables, list):
        for item in deliverables:
            name = item.get("name") if isinstance(item, dict) else item
            if isinstance(name, str):
                names.append(name.strip())
    rules = timeline.get("rules")
    if not isinstance(rules, list):
        return
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict) or not isinstance(rule.get("of"), str):
            continue
        target = rule["of"].strip()
        if target == "negotiation" or target in names:
            continue
        close = difflib.get_close_matches(target, names, n=1, cutoff=0.5)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif names:
            hint = "deliverables: " + ", ".join(names) + " (or `negotiation` for the meeting)"
        else:
            hint = "add it under timeline.deliverables, or write `of: negotiation`"
        yield problem(("timeline", "rules", index, "of"), f"no deliverable named '{target}'", hint)
