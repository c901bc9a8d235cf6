"""briefgen.review.diff: what changed in meaning, matched by identity, with the changes that need a
reviewer's eye flagged, and nothing unchanged."""

from __future__ import annotations

import json
import textwrap
import typing

import pytest
from pydantic import BaseModel

from briefgen.dossier.load import load_text
from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import validate
from briefgen.review.describe import LAYOUT, Figures, Items, OtherSide, Scalar, Texts, Workbench
from briefgen.review.diff import Change, DiffReport, FileDiff, diff_dossiers

BASE = """\
name: Dan Whitfield
organization: Whitfield Logistics
person:
  family:
    - {relation: parent, profession: machinist}
    - {relation: parent, profession: librarian}
  hobbies: [golf]
  notes: |
    Soft side with family.
    Very deliberate in business.
buttons:
  - {topic: being rushed, kind: hot}
tactics: [silence]
negotiation:
  side: seller
  currency: USD
  opening: 60000
  target: 52000
  walk_away: 47500
  concessions:
    - {give: one extra session per quarter, get: 12-month term, cost: low}
  never_give: [exclusivity]
relationship:
  contacts:
    - {name: Dan Whitfield, title: CEO, stance: champion}
    - {name: Priya Natarajan, title: COO, level: key, stance: neutral}
  meetings:
    - {date: 2026-10-02, late_minutes: 15}
    - {date: 2026-11-10}
  reciprocity:
    - {date: 2026-08-12, direction: given, what: introduced a CFO candidate, sensitive: true}
"""


def dossier(text: str) -> Dossier:
    return validate(load_text(textwrap.dedent(text)))


def edited(*replacements: tuple[str, str], base: str = BASE) -> Dossier:
    text = base
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return dossier(text)


def lines(old: Dossier | None, new: Dossier | None) -> list[str]:
    return [change.line for change in diff_dossiers(old, new)]


def test_an_unchanged_dossier_has_no_changes():
    assert diff_dossiers(dossier(BASE), dossier(BASE)) == []


def test_layout_order_style_and_comments_are_not_changes():
    rewritten = """\
    # the same facts, written differently
    organization: Whitfield Logistics
    name: "Dan Whitfield"
    tactics:
      - tactic: silence
    buttons: [{kind: hot, topic: being rushed}]
    person:
      notes: "Soft side with family.\\nVery deliberate in business."
      hobbies:
        - name: golf
      family: [{relation: parent, profession: machinist}, {relation: parent, profession: librarian}]
    relationship:
      reciprocity:
        - {sensitive: true, what: introduced a CFO candidate, direction: given, date: 2026-08-12}
      meetings:
        - {date: 2026-11-10, late_minutes: 0, missed: false}
        - {date: 2026-10-02, late_minutes: 15}
      contacts:
        - {name: Priya Natarajan, title: COO, level: key, stance: neutral}
        - {name: Dan Whitfield, title: CEO, stance: champion}
    negotiation:
      walk_away: 47500.0
      target: 52000
      opening: 60000
      currency: USD
      side: seller
      never_give: [exclusivity]
      concessions: [{give: one extra session per quarter, cost: low, get: 12-month term}]
    """
    assert diff_dossiers(dossier(BASE), dossier(rewritten)) == []


def test_an_inserted_item_is_one_change_not_a_shift():
    new = edited(
        (
            "    - {date: 2026-10-02, late_minutes: 15}\n",
            "    - {date: 2026-09-15}\n    - {date: 2026-10-02, late_minutes: 15}\n",
        ),
        (
            "  contacts:\n",
            "  contacts:\n"
            "    - {name: Rita Gomez, title: AP manager, level: support, handles: payments}\n",
        ),
    )

    assert lines(dossier(BASE), new) == [
        "  contact added: Rita Gomez (AP manager), support, handles payments",
        "  meeting added: 2026-09-15, on time",
    ]


def test_the_issue_examples_read_as_written():
    new = edited(
        ("walk_away: 47500", "walk_away: 39000"),
        ("target: 52000", "target: 40000"),
        ("stance: neutral", "stance: blocker"),
        (
            "    - {date: 2026-11-10}\n",
            "    - {date: 2026-11-09, late_minutes: 5}\n    - {date: 2026-11-10}\n",
        ),
        (
            "  - {topic: being rushed, kind: hot}\n",
            "  - {topic: being rushed, kind: hot}\n  - {topic: his health, kind: hot}\n",
        ),
    )

    assert lines(dossier(BASE), new) == [
        "  button added: his health (hot)",
        "  target lowered: 52,000 -> 40,000 USD",
        "  walk-away point lowered: 47,500 -> 39,000 USD",
        "! Priya Natarajan (COO): stance neutral -> blocker -- now working against the deal",
        "  meeting added: 2026-11-09, 5 min late",
    ]


NO_OPENING = """\
name: Ann
negotiation:
  side: {side}
  currency: EUR
  target: {target}
  walk_away: {walk_away}
"""


@pytest.mark.parametrize(
    ("side", "target", "old", "new", "expected"),
    [
        # a seller's walk-away falls away from the opening: ground given, not flagged
        ("seller", 52000, 47500, 45000, "  walk-away point lowered: 47,500 -> 45,000 EUR"),
        # ...and rises toward it: less room to concede
        (
            "seller",
            52000,
            45000,
            47500,
            "! walk-away point raised: 45,000 -> 47,500 EUR "
            "-- moves toward the opening: less room to concede",
        ),
        (
            "seller",
            52000,
            47500,
            53000,
            "! walk-away point raised: 47,500 -> 53,000 EUR -- moves past the target (52,000 EUR)",
        ),
        # a buyer's figures rise: the same moves mean the opposite
        ("buyer", 40000, 45000, 47500, "  walk-away point raised: 45,000 -> 47,500 EUR"),
        (
            "buyer",
            40000,
            47500,
            45000,
            "! walk-away point lowered: 47,500 -> 45,000 EUR "
            "-- moves toward the opening: less room to concede",
        ),
        (
            "buyer",
            40000,
            47500,
            39000,
            "! walk-away point lowered: 47,500 -> 39,000 EUR -- moves past the target (40,000 EUR)",
        ),
    ],
)
def test_the_walk_away_point_is_judged_from_our_side(side, target, old, new, expected):
    before = dossier(NO_OPENING.format(side=side, target=target, walk_away=old))
    after = dossier(NO_OPENING.format(side=side, target=target, walk_away=new))

    assert lines(before, after) == [expected]


def test_an_opening_that_moves_as_far_leaves_the_room_to_concede_as_it_was():
    new = edited(("opening: 60000", "opening: 65000"), ("walk_away: 47500", "walk_away: 50000"))

    assert lines(dossier(BASE), new) == [
        "  opening raised: 60,000 -> 65,000 USD",
        "  walk-away point raised: 47,500 -> 50,000 USD",
    ]


def test_a_walk_away_point_removed_is_flagged():
    assert lines(dossier(BASE), edited(("  walk_away: 47500\n", ""))) == [
        "! walk-away point removed (was 47,500 USD) -- no point left to walk away at",
    ]


def test_figures_that_now_read_the_other_way_are_flagged():
    before = dossier("name: Ann\nnegotiation:\n  opening: 50000\n  walk_away: 40000\n")
    after = dossier("name: Ann\nnegotiation:\n  opening: 50000\n  walk_away: 60000\n")

    assert lines(before, after) == [
        "! side (read from the figures): seller -> buyer -- every figure now reads the other way",
        "  walk-away point raised: 40,000 -> 60,000",
    ]


def test_writing_out_the_side_already_inferred_is_not_flagged():
    before = dossier("name: Ann\nnegotiation:\n  opening: 50000\n  walk_away: 40000\n")
    after = dossier(
        "name: Ann\nnegotiation:\n  side: seller\n  opening: 50000\n  walk_away: 40000\n"
    )

    assert lines(before, after) == ["  side set: seller"]


def test_a_new_currency_shows_on_both_figures():
    new = edited(("currency: USD", "currency: CAD"), ("opening: 60000", "opening: 80000"))

    assert lines(dossier(BASE), new) == [
        "  currency: USD -> CAD",
        "  opening raised: 60,000 USD -> 80,000 CAD",
    ]


def test_a_concession_with_nothing_in_return_is_flagged():
    new = edited(
        ("get: 12-month term, ", ""),
        (
            "  never_give: [exclusivity]\n",
            "    - free onboarding\n"
            "    - {give: a case study, get: a reference call}\n"
            "  never_give: [exclusivity]\n",
        ),
    )

    assert lines(dossier(BASE), new) == [
        '! concession "one extra session per quarter": get removed (was 12-month term) '
        "-- nothing asked in return",
        "! concession added: free onboarding -- nothing asked in return",
        "  concession added: a case study, for a reference call",
    ]


def test_dropping_a_never_give_is_flagged_adding_one_is_not():
    new = edited(("never_give: [exclusivity]", "never_give: [a price cut]"))

    assert lines(dossier(BASE), new) == [
        "  never give added: a price cut",
        "! never give removed: exclusivity -- no longer off the table",
    ]


def test_sensitive_items_added_or_unmarked_are_flagged():
    new = edited(
        ("tactics: [silence]\n", "tactics: [silence]\n"),
        (
            "  - {topic: being rushed, kind: hot}\n",
            "  - {topic: being rushed, kind: hot, sensitive: true}\n"
            "  - {topic: his divorce, kind: avoid, sensitive: true}\n",
        ),
        ("what: introduced a CFO candidate, sensitive: true", "what: introduced a CFO candidate"),
    )

    assert lines(dossier(BASE), new) == [
        '  button "being rushed": now marked sensitive',
        "! button added: his divorce (avoid) [sensitive] "
        "-- private detail: confirm it belongs in the dossier",
        '! exchange 2026-08-12 "introduced a CFO candidate": no longer marked sensitive '
        "-- may now appear in --redact renders",
    ]


def test_unmarking_a_button_sensitive_does_not_say_it_may_reach_a_pitch():
    old = edited(
        ("{topic: being rushed, kind: hot}", "{topic: being rushed, kind: hot, sensitive: true}")
    )

    assert lines(old, dossier(BASE)) == [
        '! button "being rushed": no longer marked sensitive -- may now appear in --redact renders',
    ]


@pytest.mark.parametrize(
    ("old_name", "new_name"),
    [("Levesque", "Lévesque"), ("Ann Levesque", "ann levesque"), ("Zoë Ng", "Zoe Ng")],
)
def test_a_name_fixed_for_case_or_accents_is_a_rename(old_name, new_name):
    old = edited(("name: Priya Natarajan", f"name: {old_name}"))
    new = edited(
        ("name: Priya Natarajan", f"name: {new_name}"), ("stance: neutral", "stance: blocker")
    )

    assert lines(old, new) == [
        f"  contact renamed: {old_name} (COO) -> {new_name} (COO)",
        f"! {new_name} (COO): stance neutral -> blocker -- now working against the deal",
    ]


def test_a_contact_with_only_a_name_fixed_for_accents_is_a_rename():
    old = dossier("name: Dan\nrelationship:\n  contacts: [Levesque]\n")
    new = dossier("name: Dan\nrelationship:\n  contacts: [Lévesque]\n")

    assert lines(old, new) == ["  contact renamed: Levesque -> Lévesque"]


def test_a_contact_added_as_a_blocker_is_flagged():
    new = edited(
        ("  meetings:\n", "    - {name: Ann Lee, title: CFO, stance: blocker}\n  meetings:\n")
    )

    assert lines(dossier(BASE), new) == [
        "! contact added: Ann Lee (CFO), blocker -- a blocker on the account",
    ]


def test_a_fixed_name_is_a_rename_not_a_new_contact():
    new = edited(("name: Priya Natarajan", "name: Priya Natarajan-Shah"))

    assert lines(dossier(BASE), new) == [
        "  contact renamed: Priya Natarajan (COO) -> Priya Natarajan-Shah (COO)",
    ]


def test_items_with_the_same_identity_pair_up_in_order():
    new = edited(("profession: librarian", "profession: school librarian"))

    assert lines(dossier(BASE), new) == ["  parent: profession librarian -> school librarian"]


def test_removed_items_and_fields_say_what_they_were():
    new = edited(
        ("  hobbies: [golf]\n", ""),
        ("    - {date: 2026-10-02, late_minutes: 15}\n", ""),
        ("organization: Whitfield Logistics\n", ""),
    )

    assert lines(dossier(BASE), new) == [
        "  organization removed (was Whitfield Logistics)",
        "  hobby removed: golf",
        "  meeting removed: 2026-10-02, 15 min late",
    ]


def test_notes_are_counted_in_lines():
    new = edited(
        (
            "    Very deliberate in business.\n",
            "    Very deliberate in business.\n    Fishes in June.\n    Calls on Mondays.\n",
        )
    )

    assert lines(dossier(BASE), new) == ["  notes edited (2 lines added)"]


def test_item_facets_read_as_field_old_to_new():
    new = edited(
        (
            "{topic: being rushed, kind: hot}",
            "{topic: being rushed, kind: avoid, note: say it twice}",
        ),
        ("{date: 2026-11-10}", "{date: 2026-11-10, missed: true}"),
        (
            "{name: Dan Whitfield, title: CEO, stance: champion}",
            "{name: Dan Whitfield, title: CEO, stance: champion, signs: true}",
        ),
    )

    assert lines(dossier(BASE), new) == [
        '  button "being rushed": kind hot -> avoid',
        '  button "being rushed": note set: say it twice',
        "  Dan Whitfield (CEO): now the signer",
        "  meeting 2026-11-10: on time -> missed",
    ]


def test_a_new_dossier_lists_what_it_holds_and_a_deleted_one_says_so():
    small = dossier(
        "name: Ann Lee\norganization: Acme\nbuttons:\n  - {topic: delays, sensitive: true}\n"
    )

    assert lines(None, small) == [
        "  dossier added: Ann Lee",
        "  organization set: Acme",
        "  kind set: client",
        "! button added: delays (hot) [sensitive] "
        "-- private detail: confirm it belongs in the dossier",
    ]
    assert lines(small, None) == ["  dossier removed: Ann Lee, Acme"]


def test_changes_know_their_section_path_and_values():
    new = edited(("walk_away: 47500", "walk_away: 39000"), ("stance: neutral", "stance: blocker"))

    changes = diff_dossiers(dossier(BASE), new)

    assert [c.as_dict() for c in changes] == [
        {
            "section": "Negotiation",
            "path": "negotiation.walk_away",
            "action": "changed",
            "text": "walk-away point lowered: 47,500 -> 39,000 USD",
            "flag": None,
            "old": 47500,
            "new": 39000,
        },
        {
            "section": "Relationship",
            "path": "relationship.contacts[Priya Natarajan].stance",
            "action": "changed",
            "text": "Priya Natarajan (COO): stance neutral -> blocker",
            "flag": "now working against the deal",
            "old": "neutral",
            "new": "blocker",
        },
    ]


def test_a_report_groups_changes_by_section_under_the_file():
    changes = [
        Change("Relationship", "x", "added", "meeting added: 2026-11-09, 5 min late"),
        Change("Negotiation", "y", "changed", "walk-away point lowered: 1 -> 2", "why"),
    ]
    report = DiffReport(
        [
            FileDiff("a.yaml", "b.yaml", "renamed", changes),
            FileDiff("c.yaml", "c.yaml", "modified"),
        ]
    )

    assert report.text().splitlines() == [
        "a.yaml -> b.yaml (renamed): 2 changes, 1 flagged",
        "Negotiation",
        "! walk-away point lowered: 1 -> 2 -- why",
        "Relationship",
        "  meeting added: 2026-11-09, 5 min late",
        "",
        "c.yaml: no changes in meaning",
    ]
    assert DiffReport([], rev="HEAD", scope="profiles").text() == (
        "no dossier changes in profiles since HEAD"
    )


def model_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every field of the dossier model, down to the sections (list items count as one)."""
    found = set()
    for name, field in model.model_fields.items():
        path = (*prefix, name)
        inner = [a for a in typing.get_args(field.annotation) if isinstance(a, type)] or [
            field.annotation
        ]
        section = next(
            (
                a
                for a in inner
                if isinstance(a, type) and issubclass(a, BaseModel) and a.__name__ in SECTIONS
            ),
            None,
        )
        found |= model_paths(section, path) if section else {path}
    return found


SECTIONS = {
    "Person",
    "Negotiation",
    "Interests",
    "Timeline",
    "Relationship",
    "SelfCheck",
    "Pitch",
    "Cadence",
    "LevelCadence",
    "Promise",
}


def test_the_layout_covers_every_field_of_the_model():
    covered = set()
    for _, entries in LAYOUT:
        for entry in entries:
            if isinstance(entry, Figures):
                covered |= {(*entry.path, name) for name, _ in entry.names} | {
                    (*entry.path, "side")
                }
            elif isinstance(entry, (OtherSide, Workbench)):
                covered |= {(*entry.path, name) for name in entry.fields}
            else:
                assert isinstance(entry, (Scalar, Items, Texts))
                covered.add(entry.path)

    assert model_paths(Dossier) == covered


def test_cli_diff_prints_the_changes_and_exits_0(write_dossier, run_cli):
    write_dossier(BASE, "old.yaml")
    write_dossier(BASE.replace("walk_away: 47500", "walk_away: 50000"), "new.yaml")

    result = run_cli("diff", "old.yaml", "new.yaml")

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "old.yaml -> new.yaml: 1 change, 1 flagged",
        "Negotiation",
        "! walk-away point raised: 47,500 -> 50,000 USD "
        "-- moves toward the opening: less room to concede",
    ]


def test_cli_diff_json_is_for_tools(write_dossier, run_cli):
    write_dossier(BASE, "old.yaml")
    write_dossier(BASE, "new.yaml")

    result = run_cli("diff", "old.yaml", "new.yaml", "--format", "json")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "rev": None,
        "ok": True,
        "changes": 0,
        "flagged": 0,
        "files": [
            {
                "old_path": "old.yaml",
                "new_path": "new.yaml",
                "status": "compared",
                "flagged": 0,
                "changes": [],
                "problems": [],
            }
        ],
    }


def test_cli_diff_of_an_invalid_dossier_is_a_located_error(write_dossier, run_cli):
    write_dossier(BASE, "old.yaml")
    write_dossier("name: Dan\nperson:\n  pace: quick\n", "new.yaml")

    result = run_cli("diff", "old.yaml", "new.yaml")

    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "new.yaml:3:9: person.pace: expected one of slow, steady or fast, got 'quick'"
    )


def test_cli_diff_needs_two_files_or_a_revision(run_cli):
    result = run_cli("diff", "old.yaml")

    assert result.exit_code == 2
    assert "give two files, OLD and NEW, or --rev REV [PATH ...]" in result.stderr


def test_a_time_zone_is_a_located_error_not_a_phantom_change(write_dossier, run_cli):
    write_dossier("name: Dan\nnegotiation:\n  when: 2026-11-24T10:00\n", "old.yaml")
    write_dossier("name: Dan\nnegotiation:\n  when: 2026-11-24T10:00+09\n", "new.yaml")

    result = run_cli("diff", "old.yaml", "new.yaml")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        "new.yaml:3:9: negotiation.when: 2026-11-24T10:00+09: a time zone is not supported"
    )


def test_a_family_members_pronoun_is_a_change():
    """`pronoun:` decides a relation's words in French, Spanish and German: diff says it."""
    new = edited(
        (
            "{relation: parent, profession: librarian}",
            "{relation: parent, profession: librarian, pronoun: she}",
        )
    )

    assert lines(dossier(BASE), new) == ["  parent: pronoun set: she"]
