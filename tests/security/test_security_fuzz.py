"""Fuzzing `prep` end to end: random dossiers shaped by the JSON Schema (every key optional
but present at random, lists of a few items, hostile strings in every text field). Each one
either writes exactly one one-page PDF, with nothing fetched and nothing embedded, or fails
with a BriefgenError and writes nothing. Anything else is a bug."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.documents.prep import prep_sheet
from briefgen.errors import BriefgenError
from tests.jobs import job
from tests.security.test_security_exhaustion import DEEP_MARKDOWN
from tests.security.test_security_files import SCHEMA, TODAY, inspect_pdf, options
from tests.security.test_security_injection import INJECTIONS

HOSTILE_TEXTS = [
    *INJECTIONS.values(),
    *(text[:600] for text in DEEP_MARKDOWN.values()),
    "![x](file:///etc/passwd)",
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "<style>@import url(file:///etc/passwd);</style>",
    '<base href="file:///etc/">',
    "../../../../etc/passwd",
    "%2e%2e/%2e%2e/etc/passwd",
    "http://127.0.0.1:9/",
    "[x](http://169.254.169.254/latest/meta-data/)",
    "<svg><image href='file:///etc/passwd'/></svg>",
    "font-size: 1e30px; } * { font-size: 1e30px }",
    "W" * 500,  # no place to break the line
    "\u202eevil\u202c",
    "Z\u0335\u0321\u0322" * 50,
    "🦜" * 100,
    "\t\u00a0\u2009 spaced \u3000",
]

PATTERNS = {
    r"^[A-Z]{3}$": st.sampled_from(["USD", "EUR", "JPY", "XXX"]),
    r"^\d{4}(-\d{2}(-\d{2})?)?$": st.sampled_from(["1999", "2019-03", "2019-03-14"])
    | st.integers(1000, 9999),
    r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$": st.dates(
        dt.date(2020, 1, 1), dt.date(2030, 12, 31)
    )
    | st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2030, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
}


def hostile_text(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE_TEXTS),
        st.lists(st.sampled_from(HOSTILE_TEXTS), min_size=2, max_size=4).map(" ".join),
        st.text(min_size=1, max_size=40),
    ).map(lambda text: text[:max_size])


def from_schema(node: dict) -> st.SearchStrategy:
    """Values that match the schema node's shape (not always valid: that is the point)."""
    alternatives = options(node)
    if len(alternatives) > 1:
        return st.one_of([from_schema(a) for a in alternatives])
    node = alternatives[0]
    if "pattern" in node:
        return PATTERNS[node["pattern"]]
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "const" in node:
        return st.just(node["const"])
    kind = node.get("type")
    if kind == "object":
        required = set(node.get("required", ()))
        return st.fixed_dictionaries(
            {key: from_schema(sub) for key, sub in node["properties"].items() if key in required},
            optional={
                key: from_schema(sub)
                for key, sub in node["properties"].items()
                if key not in required
            },
        )
    if kind == "array":
        return st.lists(from_schema(node["items"]), max_size=3)
    if kind == "string":
        if node.get("format") == "date":
            return st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))
        return hostile_text(node["maxLength"])
    if kind == "boolean":
        return st.booleans()
    low = node.get("minimum", 0)
    high = min(node.get("maximum", low + 10_000), low + 10_000)
    return st.integers(int(low), int(high))


def consistent(data: dict) -> dict:
    """Most random figures and rules break the cross-field rules; mend them most of the time,
    so that most examples get as far as a PDF."""
    negotiation = data.get("negotiation") or {}
    figures = [k for k in ("opening", "target", "walk_away") if negotiation.get(k) is not None]
    falling = negotiation.get("side") != "buyer"  # a seller's figures fall, a buyer's rise
    ordered = sorted((negotiation[k] for k in figures), reverse=falling)
    negotiation.update(zip(figures, ordered, strict=True))
    timeline = data.get("timeline") or {}
    names = [d["name"] for d in timeline.get("deliverables", []) if isinstance(d, dict)]
    for rule in timeline.get("rules", []):
        if isinstance(rule, dict) and "of" in rule:
            rule["of"] = names[0] if names else "negotiation"
    return data


# Every section present (each with its keys at random), so that few examples are near-empty.
DOSSIERS = st.fixed_dictionaries(
    {key: from_schema(sub) for key, sub in SCHEMA["properties"].items()}
).map(consistent)


@pytest.mark.render
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(DOSSIERS)
def test_prep_writes_one_clean_page_or_fails_cleanly(data):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "profiles" / "fuzz.yaml"
        source.parent.mkdir()
        source.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        out = Path(folder) / "output"
        try:
            result = prep_sheet(source, job(out, TODAY))
        except BriefgenError as exc:
            message = str(exc)
        else:
            message = None
        if message is not None:
            assert message
            assert not out.exists() or list(out.iterdir()) == []
            return
        assert list(out.iterdir()) == [result.pdf]
        assert result.refused == []
        facts = inspect_pdf(result.pdf)
        assert facts.pages == 1
        facts.assert_no_leak()
