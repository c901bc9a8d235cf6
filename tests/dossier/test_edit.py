"""briefgen.dossier.edit: a dossier edited as text, where every line but the intended ones stays
byte for byte as the person wrote it; new items take their neighbours' style."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefgen.dossier import edit
from briefgen.dossier.edit import Append, EditError, SetKey, apply_edits, scalar_text
from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.errors import DossierError

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 11, 24)
MEETING = Append(("relationship", "meetings"), {"date": DAY, "late_minutes": 10})
GAVE = Append(
    ("relationship", "reciprocity"), {"date": DAY, "direction": "given", "what": "a book"}
)

FLOW = """\
name: Dan Whitfield
relationship:
  cadence_days: 14
  contacts:
    - {name: Dan Whitfield, title: CEO, last_contact: 2026-11-10}
    - {name: Rita Gomez, handles: payments}
  meetings:
    - {date: 2026-10-02, late_minutes: 15}
    - {date: 2026-10-16, missed: true}
  reciprocity:
    - {date: 2026-08-12, direction: given, what: introduced a CFO candidate}
"""

BLOCK = """\
name: Dan Whitfield
relationship:
    cadence_days: 14
    contacts:
    -   name: Dan Whitfield
        title: CEO
        last_contact: 2026-11-10
    -   name: Rita Gomez
        handles: payments
        note: pays on the 15th
    meetings:
    -   date: 2026-10-02
        late_minutes: 15
    -   date: 2026-10-16
        missed: true
    reciprocity:
    -   date: 2026-08-12
        direction: given
        what: introduced a CFO candidate
"""

COMMENTED = """\
# yaml-language-server: $schema=../schema/dossier.schema.json
# Header comment.
name: "Dan Whitfield"   # quoted, on purpose

# Before the section.
relationship:   # the record
  # before cadence
  cadence_days: 14     # two weeks
  contacts:            # the account map
    # Dan first
    - {name: Dan Whitfield, last_contact: '2026-11-10'}   # quoted date
    - {name: 'Rita Gomez'}   # no date yet
  # the record that shows who respects whose time
  meetings:
    - {date: 2026-10-02, late_minutes: 15}   # traffic
    # a comment between items
    - {date: 2026-10-16, missed: true}       # cancelled late
    # trailing comment, deeper
  # a comment before reciprocity
  reciprocity:
    - {date: 2026-08-12, direction: given, what: introduced a CFO candidate}  # end
# The end.
"""

NO_RELATIONSHIP = """\
# A prospect we have not met yet.
name: Travis Kessler
kind: prospect

negotiation:
  subject: spring catalog
  questions:
    - Who signs off?

# Public part.
pitch:
  headline: a retail marketer
"""


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, line by line."""
    old, new = before.splitlines(), after.splitlines()
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def inserted_after(before: str, after: str, anchor: str) -> list[str]:
    """The lines added, checking they all sit right below the line `anchor`."""
    removed, added = changes(before, after)
    assert removed == []
    lines = after.splitlines()
    at = lines.index(anchor)
    assert lines[at + 1 : at + 1 + len(added)] == added
    return added


def test_flow_items_get_a_flow_item():
    after = apply_edits(FLOW, [MEETING])
    added = inserted_after(FLOW, after, "    - {date: 2026-10-16, missed: true}")
    assert added == ["    - {date: 2026-11-24, late_minutes: 10}"]
    validate(load_text(after))


def test_block_items_get_a_block_item_with_the_same_indentation():
    after = apply_edits(BLOCK, [MEETING, GAVE])
    removed, added = changes(BLOCK, after)
    assert removed == []
    assert added == [
        "    -   date: 2026-11-24",
        "        late_minutes: 10",
        "    -   date: 2026-11-24",
        "        direction: given",
        "        what: a book",
    ]
    assert after.splitlines()[15:17] == added[:2]  # right after the last meeting
    validate(load_text(after))


def test_setting_a_date_changes_one_line_on_flow_and_block():
    for text, old_line, new_line in (
        (
            FLOW,
            "    - {name: Dan Whitfield, title: CEO, last_contact: 2026-11-10}",
            "    - {name: Dan Whitfield, title: CEO, last_contact: 2026-11-24}",
        ),
        (BLOCK, "        last_contact: 2026-11-10", "        last_contact: 2026-11-24"),
    ):
        after = apply_edits(text, [SetKey(("relationship", "contacts", 0), "last_contact", DAY)])
        assert changes(text, after) == ([old_line], [new_line])


def test_a_missing_key_goes_where_the_format_puts_it():
    set_rita = SetKey(("relationship", "contacts", 1), "last_contact", DAY)
    after = apply_edits(FLOW, [set_rita])
    assert changes(FLOW, after) == (
        ["    - {name: Rita Gomez, handles: payments}"],
        ["    - {name: Rita Gomez, handles: payments, last_contact: 2026-11-24}"],
    )
    after = apply_edits(BLOCK, [set_rita])  # last_contact comes before note
    added = inserted_after(BLOCK, after, "        handles: payments")
    assert added == ["        last_contact: 2026-11-24"]


def test_comments_everywhere_stay_put():
    edits = [
        MEETING,
        SetKey(("relationship", "contacts", 0), "last_contact", DAY),
        SetKey(("relationship", "contacts", 1), "last_contact", DAY),
        GAVE,
    ]
    after = apply_edits(COMMENTED, edits)
    removed, added = changes(COMMENTED, after)
    assert removed == [
        "    - {name: Dan Whitfield, last_contact: '2026-11-10'}   # quoted date",
        "    - {name: 'Rita Gomez'}   # no date yet",
    ]
    assert added == [
        "    - {name: Dan Whitfield, last_contact: '2026-11-24'}   # quoted date",  # quotes kept
        "    - {name: 'Rita Gomez', last_contact: 2026-11-24}   # no date yet",
        "    - {date: 2026-11-24, late_minutes: 10}",
        "    - {date: 2026-11-24, direction: given, what: a book}",
    ]
    # the new meeting sits after the last one and before the deeper trailing comment
    lines = after.splitlines()
    at = lines.index("    - {date: 2026-10-16, missed: true}       # cancelled late")
    assert lines[at + 1] == "    - {date: 2026-11-24, late_minutes: 10}"
    assert lines[at + 2] == "    # trailing comment, deeper"
    at = lines.index(
        "    - {date: 2026-08-12, direction: given, what: introduced a CFO candidate}  # end"
    )
    assert lines[at + 1] == "    - {date: 2026-11-24, direction: given, what: a book}"
    assert lines[-1] == "# The end."
    assert validate(load_text(after)).relationship.contacts[0].last_contact == DAY


def test_a_missing_relationship_section_is_made_before_pitch():
    after = apply_edits(NO_RELATIONSHIP, [MEETING])
    removed, added = changes(NO_RELATIONSHIP, after)
    assert removed == []
    assert added == [
        "relationship:",
        "  meetings:",
        "    - {date: 2026-11-24, late_minutes: 10}",
        "",
    ]
    lines = after.splitlines()
    at = lines.index("relationship:")
    assert lines[at - 1] == ""
    assert lines[at + 3 : at + 6] == ["", "# Public part.", "pitch:"]
    validate(load_text(after))


def test_a_missing_relationship_section_is_made_at_the_end():
    text = NO_RELATIONSHIP.split("# Public part.")[0].rstrip() + "\n"
    after = apply_edits(text, [MEETING])
    assert (
        after == text + "\nrelationship:\n  meetings:\n    - {date: 2026-11-24, late_minutes: 10}\n"
    )


def test_a_file_without_a_final_line_break():
    text = "name: X\nrelationship:\n  meetings:\n    - {date: 2026-10-02}"
    after = apply_edits(text, [MEETING])
    assert after == text + "\n    - {date: 2026-11-24, late_minutes: 10}"


def test_a_missing_list_goes_before_the_keys_that_follow_it():
    text = (
        "name: X\nrelationship:\n  since: 2019\n  reciprocity:\n    - {direction: given, what: a}\n"
    )
    after = apply_edits(text, [MEETING])
    added = inserted_after(text, after, "  since: 2019")
    assert added == ["  meetings:", "    - {date: 2026-11-24, late_minutes: 10}"]


def test_an_empty_relationship_gets_its_first_list():
    text = "name: X\nrelationship:\npitch: {headline: x}\n"
    after = apply_edits(text, [MEETING])
    assert inserted_after(text, after, "relationship:") == [
        "  meetings:",
        "    - {date: 2026-11-24, late_minutes: 10}",
    ]


def test_flow_sections_stay_flow():
    text = "name: X\nrelationship: {cadence_days: 14, contacts: [Ann, {name: Bob}], meetings: []}\n"
    after = apply_edits(
        text, [MEETING, SetKey(("relationship", "contacts", 0), "last_contact", DAY), GAVE]
    )
    assert after == (
        "name: X\nrelationship: {cadence_days: 14, contacts: [{name: Ann, last_contact: "
        "2026-11-24}, {name: Bob}], meetings: [{date: 2026-11-24, late_minutes: 10}], "
        "reciprocity: [{date: 2026-11-24, direction: given, what: a book}]}\n"
    )


def test_padded_flow_items_get_padding_and_crlf_stays():
    text = "name: X\r\nrelationship:\r\n  meetings:\r\n  - { date: 2026-10-02 }   # x\r\n"
    after = apply_edits(text, [MEETING])
    assert after == text + "  - { date: 2026-11-24, late_minutes: 10 }\r\n"


def test_a_keep_chomped_note_keeps_its_blank_lines():
    text = (
        "name: X\nrelationship:\n  meetings:\n"
        "    - date: 2026-10-01\n      note: |+\n        late\n\n\n# end\n"
    )
    after = apply_edits(text, [MEETING])
    assert load_text(after).data["relationship"]["meetings"][0]["note"] == "late\n\n\n"
    assert after.endswith("\n\n    - date: 2026-11-24\n      late_minutes: 10\n# end\n")


@pytest.mark.parametrize(
    "what",
    [
        '"quoted", with commas',
        "a: colon",
        "# not a comment",
        "true",
        "2026-11-24",
        "12",
        "- dash",
        "line one\nline two",
        "  spaced  ",
        "Dan's café [2]",
        "{brace}",
        "null",
        "~",
        "a #b",
    ],
)
def test_new_text_reads_back_as_written(what):
    exchange = {"date": DAY, "direction": "received", "what": what}
    for text in (FLOW, BLOCK):
        after = apply_edits(text, [Append(("relationship", "reciprocity"), exchange)])
        assert load_text(after).data["relationship"]["reciprocity"][-1]["what"] == what


@given(
    st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t"), max_size=40)
)
def test_scalar_text_round_trips(text):
    assert load_text(f"x: {scalar_text(text)}\n").data["x"] == text
    assert load_text(f"x: [{scalar_text(text)}]\n").data["x"] == [text]


def test_a_splice_that_disturbs_anything_else_is_refused(monkeypatch):
    real = edit._apply
    monkeypatch.setattr(edit, "_apply", lambda text, e, f: real(text, e, f).replace("15", "16"))
    with pytest.raises(EditError, match="make this change by hand"):
        apply_edits(FLOW, [MEETING])


def test_a_list_written_as_text_is_refused_with_its_place():
    with pytest.raises(EditError, match=r"<dossier>:2:26: relationship.meetings: is not a list"):
        apply_edits("name: X\nrelationship: {meetings: none}\n", [MEETING])


@pytest.mark.parametrize(
    "profile", sorted((ROOT / "profiles").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_example_profile(profile, tmp_path):
    copy = tmp_path / profile.name
    shutil.copy(profile, copy)
    text = copy.read_text(encoding="utf-8")
    dossier = validate(load_text(text))
    edits: list[edit.Edit] = [MEETING, GAVE]
    expected_removed = []
    if dossier.relationship and dossier.relationship.contacts:
        edits.append(SetKey(("relationship", "contacts", 0), "last_contact", DAY))
        first = next(
            line
            for line in text.splitlines()
            if "{name: " + dossier.relationship.contacts[0].name in line
        )
        expected_removed = [first]
    after = apply_edits(text, edits, str(copy))
    removed, added = changes(text, after)
    assert removed == expected_removed
    assert "    - {date: 2026-11-24, late_minutes: 10}" in added
    assert "    - {date: 2026-11-24, direction: given, what: a book}" in added
    assert len(added) == len(expected_removed) + 2 + sum(
        line.strip() in ("meetings:", "reciprocity:") for line in added
    )
    validate(load_text(after))


def test_a_plain_name_with_a_comma_is_quoted_when_it_moves_into_braces():
    text = "name: X\nrelationship:\n  contacts:\n    - Smith, John   # the old way\n"
    after = apply_edits(text, [SetKey(("relationship", "contacts", 0), "last_contact", DAY)])
    assert changes(text, after)[1] == [
        '    - {name: "Smith, John", last_contact: 2026-11-24}   # the old way'
    ]


def test_a_key_before_the_first_key_of_an_item_goes_after_its_last():
    text = "name: X\nrelationship:\n  contacts:\n    - note: met at a fair\n      name: Ann\n"
    after = apply_edits(text, [SetKey(("relationship", "contacts", 0), "last_contact", DAY)])
    assert inserted_after(text, after, "      name: Ann") == ["      last_contact: 2026-11-24"]


EVERY_EDIT = [
    MEETING,
    SetKey(("relationship", "contacts", 1), "last_contact", DAY),
    Append(("relationship", "reciprocity"), {"date": DAY, "direction": "given", "what": "a, b"}),
    SetKey(("relationship", "contacts", 0), "last_contact", DAY),
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([FLOW, BLOCK, COMMENTED]),
    st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from(["", "#", "  #", "    #", "        #"])),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
)
def test_comments_and_blank_lines_anywhere_do_not_change_the_edit(base, extra, final_newline):
    """The same edit changes the same lines, whatever comments and blank lines surround them."""
    expected = changes(base, apply_edits(base, EVERY_EDIT))
    lines = base.splitlines()
    for at, line in extra:
        lines.insert(min(at, len(lines)), line + " note" if line else line)
    text = "\n".join(lines) + ("\n" if final_newline else "")
    try:
        load_text(text)
    except DossierError:  # a comment line inside a block scalar's text, say
        assume(False)
    assert changes(text, apply_edits(text, EVERY_EDIT)) == expected
