"""Whatever a user types, briefgen answers with a Dossier or a BriefgenError, never a crash."""

from __future__ import annotations

import copy
import datetime as dt

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from briefgen.dossier import model
from briefgen.dossier.load import Document, load_bytes, load_text
from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import validate
from briefgen.errors import BriefgenError, DossierError
from briefgen.facts.brief import brief
from briefgen.text.i18n import ENGLISH

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TODAY = dt.date(2026, 11, 20)


def load_and_validate(load, source) -> Dossier | None:
    """The first two pipeline steps; None when they end in a BriefgenError. On success the
    computed brief must not crash either."""
    try:
        dossier = validate(load(source))
    except BriefgenError as exc:
        failed: BriefgenError | None = exc
    else:
        failed = None
    if failed is not None:
        assert str(failed)
        if isinstance(failed, DossierError):
            assert failed.problems
            for problem in failed.problems:
                assert problem.line >= 0
                assert problem.column >= 0
        return None
    assert isinstance(dossier, Dossier)
    brief(dossier, TODAY)
    return dossier


# --- raw text and bytes ----------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(st.text(st.characters(exclude_categories=()), max_size=300))  # lone surrogates too
def test_any_text(text):
    load_and_validate(load_text, text)


@PROPERTY_SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes(raw):
    load_and_validate(load_bytes, raw)


# fmt: off
YAML_PIECES = [
    "name", "name: Dan", ":", ": ", " ", "  ", "\n", "\r\n", "\t", "-", "- ", "[", "]", "{", "}",
    ",", "?", "&a ", "*a", "!!str ", "!!python/object:os.system ", "!x ", "%YAML 1.1\n", "---",
    "...", "'", '"', "#", "|", ">", "\\", "\ufeff", "\x00", "\x85", "\u2028", "é", "yes", "NO",
    "true", "~", "45k", "45000", "-1", "1e400", "1" * 30, "9" * 4_400, "2026-02-30",
    "2026-11-24 10:00", "2019-03", "negotiation", "walk_away", "opening", "target", "side",
    "seller", "buyer",
    "person", "family", "relation", "hobbies", "timeline", "rules", "of", "deliverables",
    "relationship", "contacts", "meetings", "reciprocity", "self_check", "sensitive", "pitch",
]
# fmt: on


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join))
def test_yaml_like_text(text):
    load_and_validate(load_text, text)


# --- random nested mappings ------------------------------------------------------------------


def _field_names() -> list[str]:
    names: set[str] = set()
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
            names.update(value.model_fields)
    return sorted(names)


KEYS = st.sampled_from(_field_names()) | st.text(max_size=12)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["yes", "seller", "buyer", "child", "negotiation", "given", "usd", "USD"])
    | st.dates()
    | st.datetimes()
    | st.sampled_from([dt.date(1, 1, 5), dt.date(9999, 12, 1), 100_000, 10**400])
)

NESTED = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=25,
)

MAPPINGS = st.dictionaries(KEYS, NESTED, max_size=8)


@PROPERTY_SETTINGS
@given(MAPPINGS)
def test_random_mappings_straight_to_the_validator(data):
    load_and_validate(lambda d: Document("random.yaml", d), data)


@PROPERTY_SETTINGS
@given(MAPPINGS)
def test_random_mappings_written_as_yaml(data):
    text = yaml.safe_dump(data, allow_unicode=True)

    load_and_validate(load_text, text)


# --- one change to a full, valid dossier -----------------------------------------------------

FULL = {
    "format": 1,
    "name": "Dan Whitfield",
    "kind": "client",
    "account": "existing",
    "person": {
        "family": [{"relation": "spouse", "name": "Karen"}, "child"],
        "hobbies": [{"name": "fly fishing", "seriousness": "serious"}],
        "education": {"school": "Purdue", "proud": True},
        "pace": "slow",
        "notes": "Soft side with family.",
    },
    "buttons": [{"topic": "being rushed", "kind": "hot"}],
    "tactics": [{"tactic": "silence", "counter": "wait"}, "slow-walking"],
    "negotiation": {
        "when": dt.datetime(2026, 11, 24, 10, 0),
        "currency": "USD",
        "opening": 60000,
        "target": 52000,
        "walk_away": 45000,
        "interests": {"ours": ["revenue"], "theirs": ["results"]},
        "concessions": [{"give": "a session", "get": "a term", "cost": "low"}],
    },
    "timeline": {
        "deliverables": [{"name": "booklet", "due": dt.date(2026, 12, 4)}],
        "rules": [
            {"name": "final", "days_before": 2, "of": "booklet", "business_days": True},
            {"name": "agenda", "days_before": 1, "of": "negotiation"},
        ],
        "cancellation_hours": 24,
    },
    "relationship": {
        "since": "2019-03",
        "cadence_days": 14,
        "contacts": [{"name": "Dan", "last_contact": dt.date(2026, 11, 10)}],
        "meetings": [{"date": dt.date(2026, 10, 2), "late_minutes": 15}],
        "reciprocity": [{"date": dt.date(2026, 8, 12), "direction": "given", "what": "intro"}],
        "self_check": {"senior_interviews": 3, "only_call_for_projects": 1, "offer_help": 4},
    },
    "pitch": {"audience": "matchmaker", "pronoun": "she", "traits": ["cultured"]},
}


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


FULL_PATHS = [path for path in _paths(FULL) if path]


def test_the_full_dossier_is_valid():
    assert load_and_validate(lambda d: Document("full.yaml", d), FULL) is not None


@PROPERTY_SETTINGS
@given(st.sampled_from(FULL_PATHS), NESTED, st.dates())
def test_one_changed_value_in_a_full_dossier(path, value, today):
    data = copy.deepcopy(FULL)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value

    try:
        dossier = validate(Document("full.yaml", data))
    except DossierError as exc:
        problems = exc.problems
    else:
        problems = None
    if problems is not None:
        assert problems
        return
    brief(dossier, today)


# --- check, then prep's HTML: a located error or a rendered sheet, never an exception ---------

EDGE_YEARS = [1, 2, 999, 1000, 1001, 2026, 8998, 8999, 9000, 9998, 9999]
EDGE_DATES = st.builds(
    dt.date,
    st.sampled_from(EDGE_YEARS),
    st.sampled_from([1, 2, 11, 12]),
    st.sampled_from([1, 2, 5, 28, 30, 31]).map(lambda d: min(d, 28)),
) | st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1000, 1, 1)])
EDGE_TEXT = (
    st.sampled_from(
        ["\x1b[3A\x1b[J", "\x00", "\x07", "a\x85b", "\u202eevil", "\t", "x\ny", "\ud7ff", "é"]
    )
    | st.text(max_size=20)
    | st.integers(min_value=1, max_value=12_000).map(lambda n: "w " * n)  # long strings
)
EDGE_VALUES = (
    EDGE_DATES
    | EDGE_DATES.map(lambda d: d.isoformat()[:7])  # partial dates, year 0 included below
    | st.sampled_from(["0000-05", "0000", "2026-11-24T10:00+09", "2026-11-24T10:00Z"])
    | st.builds(lambda d: dt.datetime(d.year, d.month, d.day, 23, 59), EDGE_DATES)
    | st.sampled_from([0, 1, 3650, 100_000, 10**15, 1e15, 1e16])
    | EDGE_TEXT
)
TODAYS = st.sampled_from([dt.date(2026, 11, 20), dt.date(1000, 1, 1), dt.date(8999, 12, 31)])


IN_RANGE_DATES = st.builds(
    dt.date,
    st.sampled_from([1000, 1001, 2026, 8998, 8999]),
    st.integers(1, 12),
    st.integers(1, 28),
)


def _like(original: object) -> st.SearchStrategy:
    """Mostly a value of the original's kind, at its edges; sometimes anything at all."""
    if isinstance(original, dt.datetime):
        kind = st.builds(lambda d: dt.datetime(d.year, d.month, d.day, 23, 59), IN_RANGE_DATES)
    elif isinstance(original, dt.date):
        kind = IN_RANGE_DATES
    elif isinstance(original, str):
        kind = EDGE_TEXT.filter(lambda t: t.strip()) | st.just(original)
    elif isinstance(original, int) and not isinstance(original, bool):
        kind = st.sampled_from([0, 1, 3650, 100_000])
    else:  # a copy each time: the test edits what it draws, and FULL must stay as it is
        kind = st.just(original).map(copy.deepcopy)
    return st.one_of(kind, kind, kind, EDGE_VALUES)


def _original(path):
    value = FULL
    for part in path:
        value = value[part]
    return value


CHANGES = st.lists(
    st.sampled_from(FULL_PATHS).flatmap(
        lambda path: st.tuples(st.just(path), _like(_original(path)))
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CHANGES, TODAYS)
def test_check_then_prep_html_gives_a_located_error_or_a_sheet(tmp_path_factory, changes, today):
    from briefgen.documents.prep import render_prep_html
    from briefgen.render.fit import Plan
    from briefgen.render.theme import Theme
    from briefgen.review.check import check_paths
    from briefgen.review.diff import diff_dossiers
    from briefgen.review.show import show_text

    data = copy.deepcopy(FULL)
    for path, value in changes:
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):  # an earlier change replaced the container
            continue
    folder = tmp_path_factory.mktemp("dossiers")
    path = folder / "edge.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000), encoding="utf-8")

    report = check_paths([path], today=today)

    if not report.ok:
        event("check: a located error")
        for problem in report.problems[path]:
            assert problem.line >= 1, problem  # located in the file
            assert problem.column >= 1, problem
            assert problem.message
        return
    dossier = load_dossier_for_test(path)
    html = render_prep_html(
        dossier, brief(dossier, today), Plan(), theme=Theme.for_dossier(path), locale=ENGLISH
    )
    assert "<html" in html
    event("check: valid; sheet rendered")
    assert show_text(dossier)
    diff_dossiers(None, dossier)
    diff_dossiers(dossier, dossier)


def load_dossier_for_test(path):
    from briefgen.dossier.validate import load_dossier

    return load_dossier(path)
