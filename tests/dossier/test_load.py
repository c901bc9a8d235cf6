"""briefgen.dossier.load: YAML text -> plain data with positions; bad input a located error."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest
import yaml

import briefgen.dossier.load
from briefgen.dossier.load import MAX_BYTES, Document, format_path, load_bytes, load_file, load_text
from briefgen.dossier.validate import validate
from briefgen.errors import DossierError

SUMMARY_ONE_BAD = "1 dossier checked: 0 valid, 1 with 1 problem\n"

BILLION_LAUGHS = textwrap.dedent(
    """\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """
)

# (id, file content, the exact lines `briefgen check bad.yaml` prints for it)
BAD_INPUTS = [
    (
        "impossible-date",
        "name: Dan\nnegotiation:\n  when: 2026-02-30\n",
        [
            "bad.yaml:3:9: negotiation.when: 2026-02-30 is not a real date "
            "(day is out of range for month)",
            "  hint: write an existing date as YYYY-MM-DD",
        ],
    ),
    (
        "impossible-date-time",
        "name: Dan\nnegotiation:\n  when: 2026-11-24 25:00\n",
        [
            "bad.yaml:3:9: negotiation.when: 2026-11-24 25:00 is not a real date and time "
            "(hour must be in 0..23)",
            "  hint: write it as YYYY-MM-DD HH:MM with a 24-hour clock",
        ],
    ),
    (
        "impossible-date-in-a-list-item",
        "name: Dan\nrelationship:\n  meetings:\n    - {date: 2025-02-29}\n",
        [
            "bad.yaml:4:14: relationship.meetings[0].date: 2025-02-29 is not a real date "
            "(day is out of range for month)",
            "  hint: write an existing date as YYYY-MM-DD",
        ],
    ),
    (
        "duplicate-key",
        "name: Dan\nrole: CEO\nname: Bob\n",
        [
            "bad.yaml:3:1: name: duplicate key 'name' (first written on line 1)",
            "  hint: YAML would silently keep only the last one: merge the two or rename one",
        ],
    ),
    (
        "duplicate-key-nested-flow",
        "name: Dan\nperson: {pace: slow, pace: fast}\n",
        [
            "bad.yaml:2:22: person.pace: duplicate key 'pace' (first written on line 2)",
            "  hint: YAML would silently keep only the last one: merge the two or rename one",
        ],
    ),
    (
        "tab-in-indentation",
        "name: Dan\nperson:\n\tpace: slow\n",
        [
            "bad.yaml:3:1: tab character in indentation",
            "  hint: YAML indents with spaces only: replace the tab with spaces",
        ],
    ),
    (
        "tab-after-spaces",
        "name: Dan\nperson:\n  pace: slow\n  \tconflict_style: avoiding\n",
        [
            "bad.yaml:4:3: tab character in indentation",
            "  hint: YAML indents with spaces only: replace the tab with spaces",
        ],
    ),
    (
        "several-documents",
        "name: Dan\n---\nname: Bob\n",
        [
            "bad.yaml:2:1: several YAML documents in one file",
            "  hint: a dossier is one document: remove the `---` separator or split the file",
        ],
    ),
    (
        "top-level-list",
        "- name: Dan\n- name: Bob\n",
        [
            "bad.yaml:1:1: a dossier must be a mapping of keys, not a list",
            "  hint: start the file with `name: Full Name`",
        ],
    ),
    (
        "top-level-scalar",
        "Dan Whitfield\n",
        [
            "bad.yaml:1:1: a dossier must be a mapping of keys, not a single value",
            "  hint: start the file with `name: Full Name`",
        ],
    ),
    (
        "empty-file",
        "",
        [
            "bad.yaml:1:1: the file is empty",
            "  hint: a dossier needs at least `name: Full Name`",
        ],
    ),
    (
        "only-comments",
        "# name: Dan\n\n   \n",
        [
            "bad.yaml:1:1: the file is empty",
            "  hint: a dossier needs at least `name: Full Name`",
        ],
    ),
    (
        "python-tag",
        "name: !!python/object/apply:os.system ['echo pwned']\n",
        [
            "bad.yaml:1:7: name: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
            "is not allowed in a dossier",
            "  hint: remove the tag; quote the value if it should be text",
        ],
    ),
    (
        "unknown-local-tag",
        "name: Dan\nrole: !secret CEO\n",
        [
            "bad.yaml:2:7: role: YAML tag '!secret' is not allowed in a dossier",
            "  hint: remove the tag; quote the value if it should be text",
        ],
    ),
    (
        "tag-on-a-mapping",
        "name: Dan\nperson: !!map {pace: slow}\n",
        [
            "bad.yaml:2:9: person: YAML tag 'tag:yaml.org,2002:map' is not allowed in a dossier",
            "  hint: remove the tag; quote the value if it should be text",
        ],
    ),
    (
        "anchor",
        "name: &who Dan\nrole: *who\n",
        [
            "bad.yaml:1:7: name: anchor &who is not allowed in a dossier",
            "  hint: write values out in full; anchors and aliases are not supported",
        ],
    ),
    (
        "alias-without-anchor",
        "name: Dan\nrole: *who\n",
        [
            "bad.yaml:2:7: role: alias *who is not allowed in a dossier",
            "  hint: write the value out in full; anchors and aliases are not supported",
        ],
    ),
    (
        "alias-bomb",
        BILLION_LAUGHS,
        [
            "bad.yaml:1:4: a: anchor &a is not allowed in a dossier",
            "  hint: write values out in full; anchors and aliases are not supported",
        ],
    ),
    (
        "invalid-utf8",
        b"name: D\xffan\n",
        [
            "bad.yaml:1:8: not valid UTF-8 text",
            "  hint: save the file as UTF-8",
        ],
    ),
    (
        "invalid-utf8-later-line",
        b"name: Dan\nrole: CEO\nperson:\n  notes: caf\xe9 au lait\n",
        [
            "bad.yaml:4:13: not valid UTF-8 text",
            "  hint: save the file as UTF-8",
        ],
    ),
    (
        "control-character",
        "name: Dan\nrole: Jos\u00e9\u00e9\x07\n",
        ["bad.yaml:2:12: character U+0007 is not allowed in YAML"],
    ),
    (
        "nested-too-deep",
        "name: " + "[" * 20 + "]" * 20 + "\n",
        [
            "bad.yaml:1:22: name" + "[0]" * 15 + ": nested more than 16 levels deep",
            "  hint: a dossier is a few levels deep at most; check the indentation and brackets",
        ],
    ),
    (
        "non-scalar-key",
        "name: Dan\n[a, b]: c\n",
        [
            "bad.yaml:2:1: a key must be plain text",
            "  hint: write `key: value` pairs",
        ],
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, lines, id=name) for name, content, lines in BAD_INPUTS],
)
def test_bad_input_is_one_located_error_and_exit_1(check_text, content, expected):
    result = check_text(content)

    assert result.exit_code == 1
    assert result.stdout.splitlines() == expected
    assert result.stderr == SUMMARY_ONE_BAD


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request, monkeypatch):
    """Both PyYAML parsers: the loader must say the same thing whichever PyYAML was built with."""
    if request.param == "pure-python":

        class PurePythonLoader(yaml.SafeLoader):
            pass

        monkeypatch.setattr(briefgen.dossier.load, "DossierLoader", PurePythonLoader)
    elif not hasattr(yaml, "CSafeLoader"):  # pragma: no cover - depends on the PyYAML build
        pytest.skip("PyYAML built without libyaml")
    return request.param


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(content, lines, id=name)
        for name, content, lines in BAD_INPUTS
        if name not in ("invalid-utf8", "invalid-utf8-later-line")  # bytes: see load_bytes tests
    ],
)
@pytest.mark.usefixtures("parser")
def test_same_located_error_from_either_parser(content, expected):
    with pytest.raises(DossierError) as caught:
        validate(load_text(content, "bad.yaml"))  # some mistakes wait to be told with the rest

    assert str(caught.value).splitlines() == expected


@pytest.mark.usefixtures("parser")
def test_a_lone_surrogate_in_python_text_is_a_located_error():
    with pytest.raises(DossierError) as caught:
        load_text("name: Dan\nrole: C\ud800EO\n", "bad.yaml")

    assert str(caught.value) == "bad.yaml:2:8: character U+D800 is not allowed in YAML"


def test_a_syntax_error_is_located_and_worded_as_such(check_text):
    result = check_text("name: Dan\nrole: [CEO, founder\n")

    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == "bad.yaml:2:7: the bracket `[` opened here is never closed"


@pytest.mark.usefixtures("parser")
def test_a_tab_inside_notes_is_not_blamed_for_a_later_syntax_error():
    text = "name: Dan\nperson:\n  notes: |\n    code:\n    \tindented\nrole: [CEO\n"

    with pytest.raises(DossierError) as caught:
        load_text(text, "bad.yaml")

    (problem,) = caught.value.problems
    assert problem.message == "the bracket `[` opened here is never closed"
    assert (problem.line, problem.column) == (6, 7)


@pytest.mark.usefixtures("parser")
def test_a_tab_inside_a_block_of_notes_is_text():
    document = load_text("name: Dan\nnotes: |\n  a\n  \tb\n")

    assert document.data["notes"] == "a\n\tb\n"


def test_alias_bomb_is_refused_without_expansion():
    with pytest.raises(DossierError) as caught:
        load_text(BILLION_LAUGHS)

    assert len(caught.value.problems) == 1
    assert "anchor &a" in caught.value.problems[0].message


def test_python_tag_is_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"name: !!python/object/apply:os.system ['touch {marker}']\n"

    with pytest.raises(DossierError):
        load_text(text)

    assert not marker.exists()


def test_file_over_1_mib_is_refused(check_text):
    content = "name: Dan\n# " + "x" * MAX_BYTES + "\n"

    result = check_text(content)

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"bad.yaml:1:1: file is {len(content):,} bytes; a dossier may be at most 1 MiB"
    ]


def test_file_of_exactly_1_mib_loads(write_dossier):
    head = "name: Dan\n# "
    path = write_dossier(head + "x" * (MAX_BYTES - len(head) - 1) + "\n")
    assert path.stat().st_size == MAX_BYTES

    assert load_file(path).data == {"name": "Dan"}


def test_load_bytes_refuses_over_1_mib_before_decoding():
    with pytest.raises(DossierError, match="at most 1 MiB"):
        load_bytes(b"\xff" * (MAX_BYTES + 1))


DEEP_NESTING = [
    pytest.param("[" * 50_000 + "]" * 50_000, "deep.yaml:1:17: " + "[0]" * 16, id="lists"),
    pytest.param("name: " + "[" * 50_000, "deep.yaml:1:22: name" + "[0]" * 15, id="unclosed"),
    pytest.param("{a: " * 50_000, "deep.yaml:1:65: " + ".".join("a" * 16), id="flow-mappings"),
    pytest.param(
        "".join(" " * i + "a:\n" for i in range(1_000)),  # about 0.5 MB
        "deep.yaml:17:17: " + ".".join("a" * 16),
        id="block-mappings",
    ),
]


@pytest.mark.parametrize(("content", "expected_line"), DEEP_NESTING)
@pytest.mark.parametrize("parser_class", ["DossierLoader", "SafeLoader"])
def test_deep_nesting_is_an_error_not_a_crash(tmp_path, content, expected_line, parser_class):
    """Run in a subprocess: a recursive parser would not raise here, it would kill the process."""
    path = tmp_path / "deep.yaml"
    path.write_text(content, encoding="utf-8")
    program = textwrap.dedent(
        f"""
        import sys, yaml, briefgen.dossier.load
        if {parser_class!r} == "SafeLoader":
            briefgen.dossier.load.DossierLoader = type("PurePython", (yaml.SafeLoader,), {{}})
        sys.argv = ["briefgen", "check", "deep.yaml"]
        from briefgen.cli import main
        main()
        """
    )

    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines()[0] == expected_line + ": nested more than 16 levels deep"


def test_bom_and_crlf_load_fine(check_text):
    result = check_text(
        b"\xef\xbb\xbfname: Dan Whitfield\r\nrole: CEO\r\nperson:\r\n  pace: slow\r\n"
    )

    assert result.exit_code == 0
    assert result.stdout == "1 dossier checked: all valid\n"


def test_bom_and_crlf_keep_positions_right(check_text):
    result = check_text(b"\xef\xbb\xbfname: Dan\r\nnegotiation:\r\n  walk_away: 45k\r\n")

    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "bad.yaml:3:14: negotiation.walk_away: expected a number, got '45k'"
    )


def test_bom_and_crlf_values_are_clean():
    document = load_bytes(b"\xef\xbb\xbfname: Dan\r\nnotes: |\r\n  one\r\n  two\r\n")

    assert document.data == {"name": "Dan", "notes": "one\ntwo\n"}


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("true", True),
        ("false", False),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("NO", "NO"),
        ("True", "True"),
        ("y", "y"),
        ("~", None),
        ("null", None),
        ("", None),
        ("14", 14),
        ("-3", -3),
        ("007", 7),
        ("45000.5", 45000.5),
        ("1e3", 1000.0),
        ("45k", "45k"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("12:30", "12:30"),
        (".inf", ".inf"),
        ("2026-11-24", dt.date(2026, 11, 24)),
        ("2026-11-24 10:00", dt.datetime(2026, 11, 24, 10, 0)),
        ("2026-11-24T10:00:30", dt.datetime(2026, 11, 24, 10, 0, 30)),
        ("2019-03", "2019-03"),
        ("2019", 2019),
        ("'14'", "14"),
        ('"true"', "true"),
        ("'2026-11-24'", "2026-11-24"),
        ("'~'", "~"),
    ],
)
@pytest.mark.usefixtures("parser")
def test_scalars_follow_the_format_rules(written, value):
    document = load_text(f"name: Dan\nx: {written}\n")

    assert document.data["x"] == value
    assert type(document.data["x"]) is type(value)


def test_a_number_too_long_for_python_stays_text():
    digits = "1" * 5_000

    document = load_text(f"name: Dan\nx: {digits}\n")

    assert document.data["x"] == digits


@pytest.mark.usefixtures("parser")
def test_duplicate_key_keeps_the_first_value_and_reports_all():
    with pytest.raises(DossierError) as caught:
        validate(load_text("name: Dan\nrole: CEO\nrole: CFO\nname: Bob\n", "bad.yaml"))

    assert [(p.line, p.path) for p in caught.value.problems] == [(3, "role"), (4, "name")]


@pytest.mark.usefixtures("parser")
def test_positions_of_keys_and_values():
    document = load_text(
        "name: Dan\nnegotiation:\n  walk_away:   45000\nhobbies:\n  - golf\n  - {name: chess}\n"
    )

    assert document.value_marks[("negotiation", "walk_away")] == (3, 16)
    assert document.key_marks[("negotiation", "walk_away")] == (3, 3)
    assert document.value_marks[("hobbies", 1, "name")] == (6, 12)
    assert document.key_marks[("hobbies", 1, "name")] == (6, 6)
    assert document.value_marks[("hobbies", 0)] == (5, 5)


def test_locate_falls_back_to_the_nearest_enclosing_value():
    document = load_text("name: Dan\nperson:\n  family:\n    - child\n")

    assert document.locate(("person", "family", 0, "relation")) == (4, 7)
    assert document.locate(("person", "hobbies", 0)) == (3, 3)
    assert document.locate(("nowhere",)) == (1, 1)


def test_format_path():
    assert format_path(("relationship", "contacts", 1, "name")) == "relationship.contacts[1].name"
    assert format_path((0, 0)) == "[0][0]"
    assert format_path(()) == ""


def test_load_text_returns_a_document():
    document = load_text("name: Dan\n", "dan.yaml")

    assert isinstance(document, Document)
    assert document.file == "dan.yaml"
    assert document.data == {"name": "Dan"}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.yaml", "no such file"),
        (lambda tmp: tmp, "is a folder, not a file"),
    ],
    ids=["missing", "folder"],
)
def test_unreadable_paths_are_briefgen_errors(tmp_path, make, message):
    path = make(tmp_path)

    with pytest.raises(DossierError) as caught:
        load_file(path)

    assert str(caught.value) == f"{path}: {message}"


def test_symlink_loop_is_a_briefgen_error(workdir, run_cli):
    (workdir / "loop.yaml").symlink_to("loop.yaml")

    result = run_cli("check", "loop.yaml")

    assert result.exit_code == 1
    assert result.stdout.startswith("loop.yaml: cannot read: ")
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\x85", "\u2028"])
@pytest.mark.usefixtures("parser")
def test_a_raw_control_character_is_located_whatever_the_line_endings(newline):
    text = newline.join(["name: Dan", "role: CEO", "organization: A\x07cme", ""])
    with pytest.raises(DossierError) as caught:
        load_text(text, "bad.yaml")
    assert str(caught.value).startswith("bad.yaml:3:16: character U+0007")


SYNTAX_MISTAKES = [
    (
        "missing-colon",
        "name: Dan\nnegotiation:\n  opening: 5\n  currency CAD\n  target: 4\n",
        "bad.yaml:4:3: `currency CAD` has no `:` after the key",
        "write `currency: CAD`: a key, a colon and a space, then the value",
    ),
    (
        "key-pulled-out-of-its-section",
        "name: Dan\nnegotiation:\n  opening: 5\n  target: 4\nwalk_away: 3\n  currency: CAD\n",
        "bad.yaml:5:1: `walk_away` is indented differently from the keys around it "
        "(0 spaces; they have 2)",
        "indent it by 2 spaces like its neighbours: the keys of one section line up",
    ),
    (
        "key-pushed-in",
        "name: Dan\nnegotiation:\n  opening: 5\n    target: 4\n  currency: CAD\n",
        "bad.yaml:4:5: `target` is indented differently from the keys around it "
        "(4 spaces; they have 2)",
        "indent it by 2 spaces like its neighbours: the keys of one section line up",
    ),
    (
        "key-one-space-short",
        "name: Dan\nnegotiation:\n  opening: 5\n target: 4\n  currency: CAD\n",
        "bad.yaml:4:2: `target` is indented differently from the keys around it "
        "(1 space; they have 2)",
        "indent it by 2 spaces like its neighbours: the keys of one section line up",
    ),
    (
        "unclosed-bracket",
        "name: Dan\nbuttons: [price, time\nrole: CEO\n",
        "bad.yaml:2:10: the bracket `[` opened here is never closed",
        "close it with `]` at the end of the value, and separate the items with `, `",
    ),
    (
        "unclosed-brace",
        "name: Dan\nperson: {pace: slow\nrole: CEO\n",
        "bad.yaml:2:9: the bracket `{` opened here is never closed",
        "close it with `}` at the end of the value, and separate the items with `, `",
    ),
    (
        "unclosed-quote",
        'name: Dan\nrole: "CEO\norganization: Acme\n',
        'bad.yaml:2:7: the quote `"` opened here is never closed',
        'close it with `"` at the end of the value',
    ),
    (
        "unknown-escape",
        'name: Dan\nrole: "C:\\qx"\n',
        "bad.yaml:2:10: `\\q` is not an escape YAML knows, in a double-quoted value",
        "write `\\\\` for a backslash, or put the value in single quotes",
    ),
    (
        "value-starting-with-at",
        "name: Dan\nrole: @ceo\n",
        "bad.yaml:2:7: a value cannot start with `@`",
        'put the value in quotes: "@..."',
    ),
    (
        "colon-in-a-value",
        "name: Dan\nrole: CEO: founder\n",
        "bad.yaml:2:10: a value holds `: `, which YAML reads as another key",
        'put the value in quotes: key: "text: more text"',
    ),
]


@pytest.mark.parametrize(
    ("content", "where", "hint"),
    [pytest.param(content, where, hint, id=name) for name, content, where, hint in SYNTAX_MISTAKES],
)
@pytest.mark.usefixtures("parser")
def test_a_syntax_mistake_is_told_on_the_line_to_edit_in_plain_words(content, where, hint):
    with pytest.raises(DossierError) as caught:
        load_text(content, "bad.yaml")

    assert str(caught.value).splitlines() == [where, f"  hint: {hint}"]
