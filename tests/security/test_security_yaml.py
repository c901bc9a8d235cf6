"""Threat: a dossier file that crashes or hangs the YAML parser. libyaml is C: a crash there
would kill briefgen without a word, so every case here runs the loader in a child process,
with libyaml and with the pure-Python parser, and the child must end normally with a Document
or a located DossierError for every input."""

from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.dossier.load import MAX_BYTES
from tests.dossier.test_load import BAD_INPUTS
from tests.security.test_security_files import Site, inspect_pdf, make_site

ROOT = Path(__file__).resolve().parents[2]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
PARSERS = ["libyaml", "pure-python"]

RUNNER = """
import json, pickle, sys, time, yaml, briefgen.dossier.load
from briefgen.dossier.validate import validate
from briefgen.errors import DossierError
if sys.argv[1] == "pure-python":
    briefgen.dossier.load.DossierLoader = type("PurePython", (yaml.SafeLoader,), {})
results = []
for raw in pickle.load(sys.stdin.buffer):
    started = time.perf_counter()
    try:
        document = briefgen.dossier.load.load_bytes(raw, "bad.yaml")
        if document.problems:  # found while reading, told with validation's
            validate(document)
        outcome = ["ok", sorted(document.data)]
    except DossierError as exc:
        outcome = ["error", str(exc)]
    results.append(outcome + [time.perf_counter() - started])
json.dump(results, sys.stdout)
"""


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)


def load_in_child(cases: list[bytes], parser: str) -> list[tuple[str, object, float]]:
    """(outcome, keys or message, seconds) for each case, loaded in a fresh process."""
    if parser == "libyaml" and not hasattr(yaml, "CSafeLoader"):  # pragma: no cover
        pytest.skip("PyYAML built without libyaml")
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, parser],
        input=pickle.dumps(cases),
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, f"the loader died ({done.returncode}): {done.stderr[-2000:]!r}"
    return [tuple(r) for r in json.loads(done.stdout)]


def assert_located(message: str) -> None:
    for line in message.splitlines():
        assert line.startswith(("bad.yaml:", "  hint: ")), line


@pytest.mark.parametrize("parser", PARSERS)
def test_the_foundation_cases_in_a_child_process(parser):
    cases = [c if isinstance(c, bytes) else c.encode("utf-8") for _, c, _ in BAD_INPUTS]

    results = load_in_child(cases, parser)

    for (name, _, expected), (outcome, message, _) in zip(BAD_INPUTS, results, strict=True):
        assert outcome == "error", name
        assert message.splitlines() == expected, name


# --- random bytes and damaged dossiers ---------------------------------------------------------

FUZZ = settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("parser", PARSERS)
@FUZZ
@given(st.lists(st.binary(max_size=3000), min_size=50, max_size=50))
def test_random_bytes_never_crash_the_loader(parser, batch):
    for outcome, found, _ in load_in_child(batch, parser):
        if outcome == "error":
            assert_located(found)


NASTY = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\r",
    b"\r\n",
    b"\t",
    b"[",
    b"{",
    b"]",
    b"}",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"%YAML 1.1\n",
    b"---\n",
    b": ",
    b"- ",
    b"'",
    b'"',
    b"\\",
    b"\xe2\x80\xa8",
    b"\xc2\x85",
    b"\xed\xa0\x80",
    b"#",
    b"|",
    b">",
    b"?",
    b"\\x",
    b"\\U0001F600",
    b"9" * 5000,
    b"  " * 200,
]


def damaged(source: bytes, rng: random.Random) -> bytes:
    """A real dossier after a few random edits: bytes flipped, nasty pieces inserted, cut off."""
    data = bytearray(source)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(data) + 1)
        match rng.randrange(4):
            case 0 if data:
                data[min(at, len(data) - 1)] = rng.randrange(256)
            case 1:
                data[at:at] = rng.choice(NASTY)
            case 2:
                del data[at : at + rng.randint(1, 40)]
            case _:
                data = data[:at]
    return bytes(data)


@pytest.mark.parametrize("parser", PARSERS)
def test_damaged_dossiers_never_crash_the_loader(parser):
    rng = random.Random(20261123)
    sources = [p.read_bytes() for p in PROFILES]
    cases = [damaged(rng.choice(sources), rng) for _ in range(600)]

    results = load_in_child(cases, parser)

    assert {outcome for outcome, _, _ in results} == {"ok", "error"}
    for outcome, found, _ in results:
        if outcome == "error":
            assert_located(found)


# --- encodings, byte-order marks, line endings -------------------------------------------------

ENCODINGS = [
    ("bom", b"\xef\xbb\xbfname: X\n", ["name"]),
    ("bom-crlf", b"\xef\xbb\xbfname: X\r\nrole: CEO\r\n", ["name", "role"]),
    ("crlf", b"name: X\r\nperson:\r\n  pace: slow\r\n", ["name", "person"]),
    ("cr-only", b"name: X\rrole: CEO\r", ["name", "role"]),
    ("mixed-endings", b"name: X\r\nrole: CEO\rorganization: O\n", ["name", "organization", "role"]),
    ("bom-inside-a-value", "name: X\nrole: a\ufeffb\n".encode(), ["name", "role"]),
    ("next-line-break", "name: X\x85role: Y\n".encode(), ["name", "role"]),
    ("line-separator", "name: X\u2028role: Y\n".encode(), ["name", "role"]),
    ("utf-16", "name: X\n".encode("utf-16"), "bad.yaml:1:1: not valid UTF-8 text"),
    ("utf-32", "name: X\n".encode("utf-32"), "bad.yaml:1:1: not valid UTF-8 text"),
    (
        "utf-16-no-bom",
        "name: X\n".encode("utf-16-le"),
        "bad.yaml:1:2: character U+0000 is not allowed in YAML",
    ),
    ("latin-1", "name: Zoë\n".encode("latin-1"), "bad.yaml:1:9: not valid UTF-8 text"),
    ("overlong", b"name: \xc0\xaf\n", "bad.yaml:1:7: not valid UTF-8 text"),
    ("encoded-surrogate", b"name: \xed\xa0\x80\n", "bad.yaml:1:7: not valid UTF-8 text"),
    ("lone-continuation", b"name: \x80\n", "bad.yaml:1:7: not valid UTF-8 text"),
    ("cut-short", b"name: X\xe2\x82", "bad.yaml:1:8: not valid UTF-8 text"),
    (
        "invalid-after-bom-crlf",
        b"\xef\xbb\xbfname: X\r\nrole: \xff\r\n",
        "bad.yaml:2:7: not valid UTF-8 text",
    ),
    (
        "invalid-after-accents",
        "role: Joséé".encode() + b"\xff",
        "bad.yaml:1:12: not valid UTF-8 text",
    ),
    ("invalid-after-cr-only", b"name: X\rrole: \xff", "bad.yaml:2:7: not valid UTF-8 text"),
    ("nul", b"name: X\x00\n", "bad.yaml:1:8: character U+0000 is not allowed in YAML"),
]


@pytest.mark.parametrize("parser", PARSERS)
def test_encodings_and_line_endings(parser):
    results = load_in_child([raw for _, raw, _ in ENCODINGS], parser)

    for (name, _, expected), (outcome, found, _) in zip(ENCODINGS, results, strict=True):
        if isinstance(expected, list):
            assert (outcome, found) == ("ok", expected), name
        else:
            assert (outcome, found.splitlines()[0]) == ("error", expected), name


@pytest.mark.render
def test_a_bom_and_crlf_dossier_renders_clean_text(site: Site):
    source = site.profiles / "crlf.yaml"
    source.write_bytes(
        b"\xef\xbb\xbfname: Cora Crlf\r\nperson:\r\n  notes: |\r\n    first line\r\n"
        b"    second line\r\nbuttons:\r\n  - being rushed\r\n"
    )

    facts = inspect_pdf(site.prep(source).pdf)

    assert "CoraCrlf" in facts.text
    assert "firstlinesecondline" in facts.text
    assert "\ufeff" not in facts.text
    assert "\r" not in facts.text


# --- very long lines ---------------------------------------------------------------------------

FILL = MAX_BYTES - 64
LONG_LINES = [
    ("long-plain-value", b"name: " + b"x" * FILL + b"\n", "ok"),
    ("long-quoted-value", b'name: "' + b"x" * FILL + b'"\n', "ok"),
    ("long-key", b"k" * FILL + b": v\n", "bad.yaml:1:"),
    ("long-flow-list", b"buttons: [" + b"a," * (FILL // 2) + b"]\n", "bad.yaml:1:"),
    ("long-comment", b"#" + b"x" * FILL + b"\nname: X\n", "ok"),
    ("long-indent", b" " * FILL + b"name: X\n", "ok"),
    ("brackets", b"[" * FILL, "bad.yaml:1:17: [0][0]"),
    ("braces", b"{a: " * (FILL // 4), "bad.yaml:1:"),
    ("colons", b"a: " * (FILL // 3), "bad.yaml:1:"),
    ("one-long-escape-run", b'name: "' + b"\\x41" * (FILL // 4) + b'"\n', "ok"),
    ("many-short-lines", b"name: X\n" + b"#\n" * (FILL // 2), "ok"),
]


@pytest.mark.parametrize("parser", PARSERS)
def test_very_long_lines_are_quick(parser):
    started = time.perf_counter()
    results = load_in_child([raw for _, raw, _ in LONG_LINES], parser)

    for (name, raw, expected), (outcome, found, seconds) in zip(LONG_LINES, results, strict=True):
        assert len(raw) <= MAX_BYTES, name
        assert seconds < 60, name  # a hang guard: quadratic parsing of 1 MiB would take hours
        if expected == "ok":
            assert outcome == "ok", (name, found)
        else:
            assert outcome == "error", (name, found[:200])
            assert found.startswith(expected), (name, found[:200])
    assert time.perf_counter() - started < 300
