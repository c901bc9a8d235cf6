"""Step 2 of the pipeline: check a loaded Document against the dossier model and report
every mistake in the file at once, located and in plain words.

The friendly wording lives in one table, `WORDING`, keyed by pydantic's error type.
"""

from __future__ import annotations

import datetime as dt
import os
import types
import typing
from collections.abc import Callable, Iterable, Iterator
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
    "greater_than": ("must be more than {gt}, got {got}", ""),
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
    **dict.fromkeys(
        ("executive", "key", "staff", "support"),
        "a number of days (the ideal), or {ideal: 30, max: 45}",
    ),
    "weight": "weights are positive numbers on any scale: 50, 30, 20",
    "their_weight": "weights are positive numbers on any scale: 50, 30, 20",
    "score": "scores run from 0 (worst for us) to 100 (best for us)",
    "range": "write the worst figure for us, then the best: [45000, 60000]",
    "theirs": "scores run from 0 (worst for them) to 100 (best for them)",
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
    if kind in ("too_short", "too_long") and isinstance(error.get("input"), list):
        # a list of a fixed size (a range's [worst, best]), not text
        size = context.get("min_length") if kind == "too_short" else context.get("max_length")
        message, hint = f"expected {size} items, got {len(error['input'])}", ""
    for bound in ("ge", "le", "gt"):  # a float field's bound 0 reads "0", not "0.0"
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


def _close_matches(word: str, names: list[str], *, n: int, cutoff: float) -> list[str]:
    """difflib's close matches, for a hint: difflib is loaded only when a name is wrong."""
    import difflib

    return difflib.get_close_matches(word, names, n=n, cutoff=cutoff)


def _unknown_key_hint(loc: Path_) -> str:
    fields = _fields_at(loc[:-1])
    if not fields:
        return ""
    close = _close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
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
        yield from _check_workbench(negotiation, problem)
    timeline = data.get("timeline")
    if isinstance(timeline, dict):
        yield from _check_rules(timeline, problem)
    relationship = data.get("relationship")
    if isinstance(relationship, dict):
        yield from _check_relationship(relationship, problem)


def _check_relationship(
    relationship: dict[str, Any], problem: Callable[..., Problem]
) -> Iterator[Problem]:
    """A level's maximum below its ideal; a promise that ends before it begins."""
    cadence = relationship.get("cadence")
    if isinstance(cadence, dict):
        for level, value in cadence.items():
            if not isinstance(value, dict):
                continue
            ideal, most = _number(value.get("ideal")), _number(value.get("max"))
            if ideal is not None and most is not None and most < ideal:
                yield problem(
                    ("relationship", "cadence", level, "max"),
                    f"the maximum {most:,.0f} days is shorter than the ideal {ideal:,.0f}",
                    "max is the most days that may pass before the contact is red: "
                    "at least the ideal (leave it out for 1.5 x the ideal)",
                )
    promise = relationship.get("promise")
    if isinstance(promise, dict):
        since, until = promise.get("since"), promise.get("until")
        if isinstance(since, dt.date) and isinstance(until, dt.date) and until < since:
            yield problem(
                ("relationship", "promise", "until"),
                f"the promise ends ({until.isoformat()}) before it begins ({since.isoformat()})",
                "until is the last day of the promise: after since",
            )


def _check_figures(
    negotiation: dict[str, Any], problem: Callable[..., Problem]
) -> Iterator[Problem]:
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


def _check_rules(timeline: dict[str, Any], problem: Callable[..., Problem]) -> Iterator[Problem]:
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
        close = _close_matches(target, names, n=1, cutoff=0.5)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif names:
            hint = "deliverables: " + ", ".join(names) + " (or `negotiation` for the meeting)"
        else:
            hint = "add it under timeline.deliverables, or write `of: negotiation`"
        yield problem(("timeline", "rules", index, "of"), f"no deliverable named '{target}'", hint)


def _option_text(value: Any) -> str | None:
    """An option's value or a concession's `from`/`to` as the model reads it (text)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()).casefold() or None


def _check_workbench(
    negotiation: dict[str, Any], problem: Callable[..., Problem]
) -> Iterator[Problem]:
    """The scoring table's rules: a range or options (not both), a step that divides its range,
    one `figures` issue at most, `planned` only on an option of an options issue and once per
    issue, options named once, issue names once, and priced concessions that name real ones."""
    issues = negotiation.get("issues")
    if not isinstance(issues, list):
        issues = []
    figures_at: int | None = None
    known: dict[str, dict[str, Any]] = {}
    for index, issue in enumerate(issues):
        if not isinstance(issue, dict):
            continue
        here = ("negotiation", "issues", index)
        name = issue.get("name")
        folded = _option_text(name)
        if folded is not None:
            if folded in known:
                yield problem(
                    (*here, "name"),
                    f"issue '{name}' is listed twice",
                    "name each issue once: concessions and `diff` find issues by name",
                )
            else:
                known[folded] = issue
        if issue.get("figures") is True:
            if figures_at is not None:
                yield problem(
                    (*here, "figures"),
                    f"two `figures` issues (the first is issue {figures_at + 1})",
                    "only the price issue carries `figures: true`: it gives the money "
                    "worth of one point",
                )
            else:
                figures_at = index
        written_options = issue.get("options")
        options: list[Any] = written_options if isinstance(written_options, list) else []
        has_options = len(options) > 0
        written_range = issue.get("range")
        if has_options:
            yield from _check_options(issue, options, here, problem)
        if has_options and written_range is not None:
            planned = [
                i for i, o in enumerate(options) if isinstance(o, dict) and o.get("planned") is True
            ]
            if planned:
                yield problem(
                    (*here, "options", planned[0], "planned"),
                    "`planned` marks an option, but this issue is a range",
                    "a range's planned figure is the target; write either `range:` or "
                    "`options:`, not both",
                )
            else:
                yield problem(
                    (*here, "options"),
                    "an issue has a range or options, not both",
                    "keep `range:` and `step:` for a figure, or `options:` for named choices",
                )
            continue
        if has_options:
            continue
        span = _range_of(issue, negotiation)
        if span is None:
            if written_range is None and issue.get("figures") is True:
                yield problem(
                    here,
                    "the `figures` issue has no range, and the negotiation has no "
                    "walk_away and opening to take it from",
                    "write `range: [worst, best]`, or the walk_away and opening",
                )
            elif written_range is None:
                yield problem(
                    here,
                    "an issue needs a range or options",
                    "write `range: [worst, best]` and `step:`, or `options:` with a score each",
                )
            continue
        worst, best = span
        where = (*here, "range") if written_range is not None else here
        if worst == best:
            yield problem(where, f"the range starts and ends at {worst:,.0f}", "")
            continue
        step = _number(issue.get("step"))
        if step is not None and step > 0:
            count = abs(best - worst) / step
            if abs(count - round(count)) > 1e-9:
                yield problem(
                    (*here, "step"),
                    f"step {step:,.0f} does not divide the range {worst:,.0f} to {best:,.0f}",
                    f"the range spans {abs(best - worst):,.0f}: choose a step that divides it",
                )
            elif count > 1000:
                yield problem(
                    (*here, "step"),
                    f"step {step:,.0f} makes {round(count) + 1:,} figures to consider",
                    "a step of a few per cent of the range is enough (at most 1,000 figures)",
                )
    concessions = negotiation.get("concessions")
    if isinstance(concessions, list):
        for index, concession in enumerate(concessions):
            if isinstance(concession, dict):
                here = ("negotiation", "concessions", index)
                yield from _check_priced(concession, here, known, negotiation, problem)


def _check_options(
    issue: dict[str, Any], options: list[Any], here: Path_, problem: Callable[..., Problem]
) -> Iterator[Problem]:
    seen: set[str] = set()
    planned = 0
    for index, option in enumerate(options):
        if not isinstance(option, dict):
            continue
        value = _option_text(option.get("value"))
        if value is not None:
            if value in seen:
                yield problem(
                    (*here, "options", index, "value"),
                    f"option '{option.get('value')}' is listed twice in issue "
                    f"'{issue.get('name')}'",
                    "",
                )
            seen.add(value)
        if option.get("planned") is True:
            planned += 1
            if planned == 2:
                yield problem(
                    (*here, "options", index, "planned"),
                    "a second `planned` option: one outcome per issue is expected",
                    "mark only the option you expect to agree on",
                )


def _range_of(issue: dict[str, Any], negotiation: dict[str, Any]) -> tuple[float, float] | None:
    """[worst, best] as written, or the figures issue's default: walk_away to opening."""
    written = issue.get("range")
    if isinstance(written, list) and len(written) == 2:
        worst, best = _number(written[0]), _number(written[1])
        return None if worst is None or best is None else (worst, best)
    if written is None and issue.get("figures") is True:
        worst, best = _number(negotiation.get("walk_away")), _number(negotiation.get("opening"))
        return None if worst is None or best is None else (worst, best)
    return None


def _check_priced(
    concession: dict[str, Any],
    here: Path_,
    known: dict[str, dict[str, Any]],
    negotiation: dict[str, Any],
    problem: Callable[..., Problem],
) -> Iterator[Problem]:
    """A concession naming an issue, and where it moves from and to: each must exist."""
    written_from = "from_" if "from_" in concession and "from" not in concession else "from"
    named = {
        "issue": concession.get("issue"),
        "from": concession.get(written_from),
        "to": concession.get("to"),
    }
    if all(value is None for value in named.values()):
        return
    missing = [key for key, value in named.items() if value is None]
    if missing:
        yield problem(
            here,
            "a priced concession names `issue`, `from` and `to`; "
            f"`{'`, `'.join(missing)}` is missing",
            "write all three, e.g. `issue: term, from: 24 months, to: 12 months`",
        )
        return
    issue = known.get(_option_text(named["issue"]) or "")
    if issue is None:
        names = [str(i.get("name")) for i in known.values()]
        close = _close_matches(str(named["issue"]), names, n=1, cutoff=0.5)
        yield problem(
            (*here, "issue"),
            f"no issue named '{named['issue']}' in negotiation.issues",
            f"did you mean '{close[0]}'?" if close else "issues: " + ", ".join(names),
        )
        return
    options = issue.get("options")
    for key in ("from", "to"):
        value = named[key]
        if isinstance(options, list) and options:
            values = [o.get("value") for o in options if isinstance(o, dict)]
            if _option_text(value) not in {_option_text(v) for v in values}:
                yield problem(
                    (*here, written_from if key == "from" else key),
                    f"issue '{issue.get('name')}' has no option '{value}'",
                    "options: " + ", ".join(str(v) for v in values),
                )
            continue
        span = _range_of(issue, negotiation)
        figure = _number(value)
        if figure is None and isinstance(value, str):
            try:
                figure = float(value.replace(",", "").strip())
            except ValueError:
                figure = None
        if figure is None:
            yield problem((*here, key), f"expected a figure of issue '{issue.get('name')}'", "")
        elif span is not None and not min(span) <= figure <= max(span):
            yield problem(
                (*here, key),
                f"{figure:,.0f} is outside the range of issue '{issue.get('name')}' "
                f"({span[0]:,.0f} to {span[1]:,.0f})",
                "",
            )
