"""briefgen.dossier.validate: every mistake in a file at once, located, in plain words."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.dossier.load import load_text
from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import load_dossier, validate
from briefgen.errors import DossierError

SUMMARY_ONE_BAD = "1 dossier checked: 0 valid, 1 with 1 problem\n"


def problems_in(text: str) -> list[str]:
    """The error report for `text` as `bad.yaml`, one line per line."""
    with pytest.raises(DossierError) as caught:
        validate(load_text(text, "bad.yaml"))
    return str(caught.value).splitlines()


# (id, file content, the exact lines `briefgen check bad.yaml` prints for it)
BAD_VALUES = [
    (
        "sensitive-yes",
        "name: Dan\nbuttons:\n  - {topic: being rushed, sensitive: yes}\n",
        [
            "bad.yaml:3:38: buttons[0].sensitive: expected true or false, got 'yes'",
            "  hint: only `true` and `false` are booleans",
        ],
    ),
    (
        "proud-NO",
        "name: Dan\nperson:\n  education: {school: Purdue, proud: NO}\n",
        [
            "bad.yaml:3:38: person.education.proud: expected true or false, got 'NO'",
            "  hint: only `true` and `false` are booleans",
        ],
    ),
    (
        "missed-on",
        "name: Dan\nrelationship:\n  meetings:\n    - {date: 2026-10-02, missed: on}\n",
        [
            "bad.yaml:4:34: relationship.meetings[0].missed: expected true or false, got 'on'",
            "  hint: only `true` and `false` are booleans",
        ],
    ),
    (
        "walk-away-45k",
        "name: Dan\nnegotiation:\n  walk_away: 45k\n",
        [
            "bad.yaml:3:14: negotiation.walk_away: expected a number, got '45k'",
            "  hint: write digits only, without currency or separators: 45000",
        ],
    ),
    (
        "opening-with-separators",
        "name: Dan\nnegotiation:\n  opening: 60,000\n",
        [
            "bad.yaml:3:12: negotiation.opening: expected a number, got '60,000'",
            "  hint: write digits only, without currency or separators: 60000",
        ],
    ),
    (
        "unknown-key-did-you-mean",
        "name: Dan\nnegotation:\n  subject: retainer\n",
        [
            "bad.yaml:2:1: negotation: unknown key 'negotation'",
            "  hint: did you mean 'negotiation'?",
        ],
    ),
    (
        "unknown-key-in-a-list-item",
        "name: Dan\nrelationship:\n  contacts:\n    - {name: Rita, titel: AP manager}\n",
        [
            "bad.yaml:4:20: relationship.contacts[0].titel: unknown key 'titel'",
            "  hint: did you mean 'title'?",
        ],
    ),
    (
        "unknown-key-nothing-close",
        "name: Dan\nperson:\n  shoe_size: 11\n",
        [
            "bad.yaml:3:3: person.shoe_size: unknown key 'shoe_size'",
            "  hint: valid keys here: family, hobbies, education, career_origin, conflict_style, "
            "pace, notes",
        ],
    ),
    (
        "bad-enum",
        "name: Dan\nperson:\n  pace: quick\n",
        ["bad.yaml:3:9: person.pace: expected one of slow, steady or fast, got 'quick'"],
    ),
    (
        "bad-enum-top-level",
        "name: Dan\nkind: customer\n",
        ["bad.yaml:2:7: kind: expected one of client, prospect or candidate, got 'customer'"],
    ),
    (
        "bad-enum-via-shorthand",
        "name: Dan\nperson:\n  family: [cousin]\n",
        [
            "bad.yaml:3:12: person.family[0].relation: expected one of spouse, partner, "
            "ex-spouse, child, parent, sibling or other, got 'cousin'"
        ],
    ),
    (
        "seller-walk-away-above-opening",
        "name: Dan\nnegotiation:\n  side: seller\n  opening: 60000\n  walk_away: 65000\n",
        [
            "bad.yaml:5:14: negotiation.walk_away: walk-away point 65,000 is above the opening "
            "60,000, but as the seller we give ground downward",
            "  hint: a seller's figures fall: opening >= target >= walk_away "
            "(or set `side: buyer`)",
        ],
    ),
    (
        "buyer-walk-away-below-opening",
        "name: Dan\nnegotiation:\n  side: buyer\n  opening: 40000\n  target: 45000\n"
        "  walk_away: 35000\n",
        [
            "bad.yaml:6:14: negotiation.walk_away: walk-away point 35,000 is below the opening "
            "40,000, but as the buyer we give ground upward",
            "  hint: a buyer's figures rise: opening <= target <= walk_away "
            "(or set `side: seller`)",
        ],
    ),
    (
        "seller-inferred-target-out-of-range",
        "name: Dan\nnegotiation:\n  opening: 60000\n  target: 40000\n  walk_away: 45000\n",
        [
            "bad.yaml:5:14: negotiation.walk_away: target 40,000 is not between the walk-away "
            "point 45,000 and the opening 60,000",
            "  hint: as the seller, the figures go opening >= target >= walk_away",
        ],
    ),
    (
        "buyer-inferred-target-out-of-range",
        "name: Dan\nnegotiation:\n  opening: 40000\n  target: 50000\n  walk_away: 45000\n",
        [
            "bad.yaml:5:14: negotiation.walk_away: target 50,000 is not between the walk-away "
            "point 45,000 and the opening 40,000",
            "  hint: as the buyer, the figures go opening <= target <= walk_away",
        ],
    ),
    (
        "rule-of-a-misspelt-deliverable",
        "name: Dan\ntimeline:\n  deliverables:\n    - {name: workshop booklet, due: 2026-12-04}\n"
        "  rules:\n    - {name: final changes, days_before: 2, of: workshop boklet}\n",
        [
            "bad.yaml:6:49: timeline.rules[0].of: no deliverable named 'workshop boklet'",
            "  hint: did you mean 'workshop booklet'?",
        ],
    ),
    (
        "rule-of-nothing-close",
        "name: Dan\ntimeline:\n  deliverables: [booklet, {name: slides, due: 2026-12-01}]\n"
        "  rules: [{name: final, of: poster}]\n",
        [
            "bad.yaml:4:29: timeline.rules[0].of: no deliverable named 'poster'",
            "  hint: deliverables: booklet, slides (or `negotiation` for the meeting)",
        ],
    ),
    (
        "rule-with-no-deliverables",
        "name: Dan\ntimeline:\n  rules: [{name: final, of: booklet}]\n",
        [
            "bad.yaml:3:29: timeline.rules[0].of: no deliverable named 'booklet'",
            "  hint: add it under timeline.deliverables, or write `of: negotiation`",
        ],
    ),
    (
        "name-missing",
        "role: CEO\n",
        ["bad.yaml:1:1: name: required key is missing", "  hint: add `name: ...`"],
    ),
    (
        "name-blank",
        "name: '   '\n",
        ["bad.yaml:1:7: name: must not be empty"],
    ),
    (
        "text-too-long",
        "name: Dan\nrole: " + "x" * 501 + "\n",
        [
            "bad.yaml:2:7: role: text is too long (501 characters; at most 500)",
            "  hint: shorten it: a prep sheet is one page",
        ],
    ),
    (
        "name-not-text",
        "name: true\n",
        ["bad.yaml:1:7: name: expected text, got true"],
    ),
    (
        "negative-amount",
        "name: Dan\nnegotiation: {opening: -5}\n",
        [
            "bad.yaml:2:24: negotiation.opening: must be at least 0, got -5",
            "  hint: write digits only, without currency or separators: 60000",
        ],
    ),
    (
        "score-out-of-range",
        "name: Dan\nrelationship:\n  self_check: {offer_help: 5}\n",
        ["bad.yaml:3:28: relationship.self_check.offer_help: must be at most 4, got 5"],
    ),
    (
        "whole-number-expected",
        "name: Dan\nrelationship:\n  cadence_days: two weeks\n",
        [
            "bad.yaml:3:17: relationship.cadence_days: expected a whole number, got 'two weeks'",
            "  hint: write digits only, e.g. 14",
        ],
    ),
    (
        "currency-lowercase",
        "name: Dan\nnegotiation: {currency: usd}\n",
        [
            "bad.yaml:2:25: negotiation.currency: 'usd' is not in the expected form",
            "  hint: write a three-letter ISO code in capitals, e.g. USD, EUR, CAD",
        ],
    ),
    (
        "list-expected",
        "name: Dan\nbuttons: being rushed\n",
        [
            "bad.yaml:2:10: buttons: expected a list, got 'being rushed'",
            "  hint: write `- item` lines or `[a, b]`",
        ],
    ),
    (
        "mapping-expected",
        "name: Dan\nperson: slow\n",
        [
            "bad.yaml:2:9: person: expected a mapping of keys, got 'slow'",
            "  hint: write `key: value` lines",
        ],
    ),
    (
        "date-expected",
        "name: Dan\nnegotiation: {when: next tuesday}\n",
        [
            "bad.yaml:2:21: negotiation.when: expected a date or date-time: YYYY-MM-DD or "
            "YYYY-MM-DD HH:MM, got 'next tuesday'"
        ],
    ),
    (
        "partial-date-expected",
        "name: Dan\nperson:\n  family: [{relation: child, born: soon}]\n",
        [
            "bad.yaml:3:36: person.family[0].born: expected a date: YYYY-MM-DD, YYYY-MM or YYYY, "
            "got 'soon'"
        ],
    ),
    (
        "huge-number",
        "name: Dan\nnegotiation:\n  opening: 1" + "0" * 400 + "\n  walk_away: 5\n",
        [
            "bad.yaml:3:12: negotiation.opening: expected a number, got "
            "1000000000000000000000000000000000000...",
            "  hint: write digits only, without currency or separators: 60000",
        ],
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, lines, id=name) for name, content, lines in BAD_VALUES],
)
def test_bad_value_is_one_located_error_and_exit_1(check_text, content, expected):
    result = check_text(content)

    assert result.exit_code == 1
    assert result.stdout.splitlines() == expected
    assert result.stderr == SUMMARY_ONE_BAD


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "NO", "Yes", "True", "y"])
def test_yaml_1_1_booleans_stay_text(word):
    dossier = validate(load_text(f"name: Dan\nrole: {word}\nperson:\n  notes: {word}\n"))

    assert dossier.role == word
    assert dossier.person is not None
    assert dossier.person.notes == word


def test_only_true_and_false_are_booleans():
    dossier = validate(load_text("name: Dan\nbuttons: [{topic: x, sensitive: true}]\n"))

    assert dossier.buttons[0].sensitive is True


def test_every_problem_in_a_file_is_reported_at_once():
    lines = problems_in(
        "name: Dan\n"
        "person:\n"
        "  pace: quick\n"
        "  hobies: [golf]\n"
        "relationship:\n"
        "  cadence_days: two weeks\n"
        "negotiation:\n"
        "  side: seller\n"
        "  opening: 40000\n"
        "  walk_away: 45000\n"
    )

    located = [line.split(": ", 2)[:2] for line in lines if not line.startswith("  hint")]
    assert located == [
        ["bad.yaml:3:9", "person.pace"],
        ["bad.yaml:4:3", "person.hobies"],
        ["bad.yaml:6:17", "relationship.cadence_days"],
        ["bad.yaml:10:14", "negotiation.walk_away"],
    ]


def test_consistent_figures_pass_for_either_side():
    seller = validate(load_text("name: D\nnegotiation: {opening: 60, target: 52, walk_away: 45}\n"))
    buyer = validate(load_text("name: D\nnegotiation: {opening: 40, target: 45, walk_away: 50}\n"))
    explicit = validate(
        load_text("name: D\nnegotiation: {side: buyer, opening: 40, walk_away: 40}\n")
    )

    assert seller.negotiation is not None
    assert seller.negotiation.walk_away == 45
    assert buyer.negotiation is not None
    assert buyer.negotiation.walk_away == 50
    assert explicit.negotiation is not None
    assert explicit.negotiation.side == "buyer"


def test_a_rule_of_negotiation_needs_no_deliverable():
    dossier = validate(
        load_text(
            "name: Dan\ntimeline:\n"
            "  rules: [{name: agenda sent, days_before: 1, of: negotiation}]\n"
        )
    )

    assert dossier.timeline is not None
    assert dossier.timeline.rules[0].of == "negotiation"


def test_a_rule_may_name_a_shorthand_deliverable():
    dossier = validate(
        load_text(
            "name: Dan\ntimeline:\n  deliverables: [booklet]\n  rules: [{name: x, of: booklet}]\n"
        )
    )

    assert dossier.timeline is not None
    assert dossier.timeline.deliverables[0].name == "booklet"


def test_a_dossier_with_just_a_name_is_valid():
    dossier = validate(load_text("name: Dan Whitfield\n"))

    assert dossier == Dossier(name="Dan Whitfield")
    assert dossier.kind == "client"


def test_plain_strings_are_short_for_the_first_field():
    dossier = validate(
        load_text(
            "name: Dan\n"
            "person:\n  hobbies: [golf]\n  family: [child]\n  education: Purdue\n"
            "buttons: [being rushed]\n"
            "tactics: [silence]\n"
            "relationship:\n  meetings: [2026-10-02]\n  contacts: [Rita Gomez]\n"
        )
    )

    assert dossier.person is not None
    assert dossier.person.hobbies[0].name == "golf"
    assert dossier.person.family[0].relation == "child"
    assert dossier.person.education is not None
    assert dossier.person.education.school == "Purdue"
    assert dossier.buttons[0].topic == "being rushed"
    assert dossier.buttons[0].kind == "hot"
    assert dossier.tactics[0].tactic == "silence"
    assert dossier.relationship is not None
    assert dossier.relationship.meetings[0].date == dt.date(2026, 10, 2)
    assert dossier.relationship.contacts[0].name == "Rita Gomez"


def test_numbers_and_dates_are_text_where_text_is_expected():
    dossier = validate(
        load_text("name: Dan\nperson:\n  education: {school: 1999}\n  notes: 2026-01-01\n")
    )

    assert dossier.person is not None
    assert dossier.person.education is not None
    assert dossier.person.education.school == "1999"
    assert dossier.person.notes == "2026-01-01"


@pytest.mark.parametrize(
    ("written", "year", "month", "day"),
    [("2019", 2019, None, None), ("2019-03", 2019, 3, None), ("2019-03-14", 2019, 3, 14)],
)
def test_partial_dates(written, year, month, day):
    dossier = validate(load_text(f"name: Dan\nrelationship:\n  since: {written}\n"))

    assert dossier.relationship is not None
    since = dossier.relationship.since
    assert since is not None
    assert (since.year, since.month, since.day) == (year, month, day)
    assert str(since) == written


def test_when_keeps_date_or_date_time():
    day = validate(load_text("name: D\nnegotiation: {when: 2026-11-24}\n"))
    moment = validate(load_text("name: D\nnegotiation: {when: 2026-11-24 10:00}\n"))

    assert day.negotiation is not None
    assert day.negotiation.when == dt.date(2026, 11, 24)
    assert moment.negotiation is not None
    assert moment.negotiation.when == dt.datetime(2026, 11, 24, 10, 0)


def test_load_dossier_reads_and_validates_a_file(write_dossier):
    path = write_dossier("name: Dan Whitfield\nrole: CEO\n", "dan.yaml")

    dossier = load_dossier(path)

    assert (dossier.name, dossier.role) == ("Dan Whitfield", "CEO")


def test_problems_keep_their_fields_for_tools():
    with pytest.raises(DossierError) as caught:
        validate(load_text("name: Dan\nnegotiation:\n  walk_away: 45k\n", "bad.yaml"))

    (problem,) = caught.value.problems
    assert problem.as_dict() == {
        "file": "bad.yaml",
        "line": 3,
        "column": 14,
        "path": "negotiation.walk_away",
        "message": "expected a number, got '45k'",
        "hint": "write digits only, without currency or separators: 45000",
    }


def test_a_seller_walk_away_above_the_opening_blames_the_walk_away_as_the_seller(tmp_path):
    # Two of the three figures (opening above target) say seller: the walk-away is out of order.
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: Dan\nnegotiation:\n  opening: 1850000\n  target: 1720000\n  walk_away: 1900000\n"
    )
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (5, 14, "negotiation.walk_away")
    assert problem.message == (
        "walk-away point 1,900,000 is above the opening 1,850,000, but as the seller "
        "(the opening is above the target) we give ground downward"
    )
    assert "target" not in problem.message.split("(")[0]
    assert "if you are in fact the buyer, write `side: buyer`" in problem.hint


def test_an_impossible_date_does_not_hide_the_other_problems(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: Dan\n"
        "kind: customer\n"
        "negotiation:\n"
        "  opening: 60k\n"
        "timeline:\n"
        "  deliverables:\n"
        "    - {name: booklet, due: 2026-11-31}\n"
        "relationship:\n"
        "  cadence_days: often\n"
        "  contacts: [{name: Ann, last_contact: 03/12/2026}]\n"
        "pitch: {pronoun: it}\n"
    )
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    assert [(p.line, p.path) for p in caught.value.problems] == [
        (2, "kind"),
        (4, "negotiation.opening"),
        (7, "timeline.deliverables[0].due"),
        (9, "relationship.cadence_days"),
        (10, "relationship.contacts[0].last_contact"),
        (11, "pitch.pronoun"),
    ]
    (date,) = [p for p in caught.value.problems if p.line == 7]
    assert date.message.startswith("2026-11-31 is not a real date")  # told once, not twice


@pytest.mark.parametrize(
    ("written", "char"),
    [
        ('"\\e[3A\\e[J"', "U+001B (ESC)"),
        ('"a\\0b"', "U+0000 (NUL)"),
        ('"\\a"', "U+0007 (BEL)"),
        ('"x\\x85y"', "U+0085 (NEL)"),
        ('"\\u202Eevil"', "U+202E"),
        ('"a\\Lb"', "U+2028 (LINE SEPARATOR)"),
    ],
)
def test_control_characters_written_as_escapes_are_located_errors(tmp_path, written, char):
    path = tmp_path / "bad.yaml"
    path.write_text(f"name: Dan\nbuttons:\n  - topic: price\n    note: {written}\n")
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (4, 11, "buttons[0].note")
    assert problem.message.startswith(f"control character {char}")


def test_a_control_character_in_a_key_is_a_located_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text('name: Dan\n"ro\\ble": CEO\n')
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    first = caught.value.problems[0]
    assert (first.line, first.column) == (2, 1)
    assert "U+0008" in str(caught.value)


@pytest.mark.parametrize(
    "written", ["10:00+09", "10:00+09:00", "10:00+0900", "10:00Z", "10:00 -05:00"]
)
def test_every_time_zone_form_is_refused_with_the_same_message(tmp_path, written):
    path = tmp_path / "bad.yaml"
    path.write_text(f"name: Dan\nnegotiation:\n  when: 2026-11-24T{written}\n")
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (3, 9, "negotiation.when")
    assert problem.message == f"2026-11-24T{written}: a time zone is not supported"
    assert "local time" in problem.hint


def test_a_zone_on_a_day_field_is_refused_too(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        'name: Dan\nrelationship:\n  contacts: [{name: Ann, last_contact: "2026-11-24 10:00Z"}]\n'
    )
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    assert caught.value.problems[0].message.endswith("a time zone is not supported")


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("person:\n  family: [{relation: child, born: 0000-05}]\n", "person.family[0].born"),
        ("person:\n  education: {school: X, year: '0000'}\n", "person.education.year"),
        (
            "relationship:\n  cadence_days: 30\n"
            "  contacts: [{name: Ann, last_contact: 9999-12-20}]\n",
            "relationship.contacts[0].last_contact",
        ),
        ("negotiation:\n  when: 9999-12-31 23:59\n", "negotiation.when"),
        (
            "timeline:\n  deliverables: [{name: b, due: 0001-01-02}]\n",
            "timeline.deliverables[0].due",
        ),
    ],
)
def test_dates_no_later_stage_can_compute_with_are_located_errors(tmp_path, content, where):
    # They passed check and crashed prep with a traceback (year 0; 9999-12-31 plus a cadence).
    path = tmp_path / "bad.yaml"
    path.write_text("name: Dan\n" + content)
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    (problem,) = caught.value.problems
    assert problem.path == where
    assert problem.message.endswith("the year must be between 1000 and 8999")


def test_a_key_pulled_out_of_its_section_is_told_where_it_belongs(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: Dan\nnegotiation:\n  opening: 60000\n  target: 52000\nwalk_away: 45000\n"
    )
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.message) == (5, 1, "unknown key 'walk_away'")
    assert problem.hint == "`walk_away` belongs under `negotiation:`: indent it like the keys there"
