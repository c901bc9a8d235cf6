"""What the prep sheet is, for the page engine (`render.engine`): its sections in the order
of use, which stand across the full width, what may be shortened and in which order, and the
stylesheet's sizes (the one Python copy of templates/prep.css's page margins, column gap and
type scale).

Order of use: who and when, then the numbers, across the full width; below, in two balanced
columns, what happens at the table (the workbench's equivalent offers, their tactics with our
counters, their buttons, interests and concessions, questions, deadlines) before the
background (account map, rapport, the relationship record, positioning). The order is the
same on every paper.

When the page is full at the smallest type, things go in this order: the oldest relationship
history (meetings, then favours), rapport details, the account map's notes, then the tail of
the long lists, longest first (question 30 before question 1). The numbers, the counters of
the tactics shown, the hot buttons, the next deadline and the concessions are never cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.render.engine import Cut, Metrics, Plan, Section, SheetSpec

SHEET_METRICS = Metrics(
    papers={"a4": (210.0, 297.0), "letter": (215.9, 279.4)},
    margins_mm=(10.0, 10.0, 11.0, 10.0),  # prep.css: @page margin
    column_gap_mm=6.0,  # prep.css: --col-gap
    body_min=8.0,
    body_max=11.0,
    body_step=0.25,
    small_ratio=0.92,
    small_floor=7.5,
    label_ratio=0.84,
    label_floor=7.0,
    label_gap=1.0,
    lead_ratio=1.3,
    name_ratio=2.2,
    line_height=1.2,
    line_spacing=0.1,
    gap_mm=4.5,
    item_gap_pt=1.6,
    spacings=(1.6, 1.3, 1.0, 0.7, 0.4, 0.1),
    reference=9.0,
)

AT_THE_TABLE, BACKGROUND = "table", "background"

SECTIONS = (
    Section("numbers", "top"),
    Section("workbench", AT_THE_TABLE),  # the equivalent offers and priced moves, first
    Section("tactics", AT_THE_TABLE),
    Section("buttons", AT_THE_TABLE),
    Section("interests", AT_THE_TABLE),
    Section("questions", AT_THE_TABLE),
    Section("timeline", AT_THE_TABLE),
    Section("accounts", BACKGROUND),
    Section("rapport", BACKGROUND),
    Section("health", BACKGROUND),
    Section("positioning", BACKGROUND),
)

# Which section each list of the sheet (data-unit) belongs to.
UNIT_SECTION = {
    "tactics": "tactics",
    "accusation_audit": "tactics",
    "labels": "tactics",
    "buttons": "buttons",
    "theirs": "interests",
    "ours": "interests",
    "concessions": "interests",
    "questions": "questions",
    "black_swans": "questions",
    "deadlines": "timeline",
    "contacts": "accounts",
    "family": "rapport",
    "hobbies": "rapport",
    "meetings": "health",
    "exchanges": "health",
    "demands": "health",
    "criteria": "numbers",
}
# Parts of a section left out whole (a data-section inside it), and their section.
PARTS = {
    "relationship-notes": "health",
    "rapport-notes": "rapport",
    "contact-notes": "accounts",
    "negotiation-notes": "numbers",
}
LONG_LISTS = 1  # the group of the long lists' tails: they shorten together, longest first


@dataclass(frozen=True)
class Floors:
    """How many items of a list always stay: every hot button, the deadlines up to the next."""

    hot_buttons: int = 0
    next_deadline: int = 0  # deadlines shown up to and including the next one still ahead


def sheet_spec(floors: Floors = Floors()) -> SheetSpec:
    """The prep sheet for the engine, with the floors of this dossier's lists."""
    tail = LONG_LISTS
    return SheetSpec(
        sections=SECTIONS,
        zones=(AT_THE_TABLE, BACKGROUND),
        cuts=(
            # old relationship history first: the lists are shown newest first
            Cut("health", unit="meetings"),
            Cut("health", unit="exchanges"),
            Cut("health", unit="demands"),
            # rapport details
            Cut("rapport", part="rapport-notes"),
            Cut("rapport", unit="hobbies"),
            Cut("rapport", unit="family"),
            # the account map's notes, then the relationship's
            Cut("accounts", part="contact-notes"),
            Cut("health", part="relationship-notes"),
            # the tail of the long lists, longest first, last items first
            Cut("questions", unit="black_swans", group=tail),
            Cut("questions", unit="questions", floor=1, group=tail),
            Cut("accounts", unit="contacts", floor=1, group=tail),
            Cut("interests", unit="theirs", floor=1, group=tail),
            Cut("interests", unit="ours", floor=1, group=tail),
            Cut("tactics", unit="labels", group=tail),
            Cut("tactics", unit="accusation_audit", floor=1, group=tail),
            Cut("tactics", unit="tactics", floor=1, group=tail),
            Cut("buttons", unit="buttons", floor=max(floors.hot_buttons, 1), group=tail),
            Cut("timeline", unit="deadlines", floor=max(floors.next_deadline, 1), group=tail),
            # then whole background sections, the least used first
            Cut("positioning"),
            Cut("health"),
            Cut("rapport"),
            Cut("accounts"),
        ),
        metrics=SHEET_METRICS,
    )


# How the sheet names its sections and lists to the reader (stderr, in English like the
# rest of the command's report): the section headings as printed, never an internal name.
HEADINGS = {
    "numbers": "The numbers",
    "workbench": "Workbench",
    "tactics": "Watch for",
    "buttons": "Buttons",
    "interests": "Interests and concessions",
    "questions": "Questions to ask",
    "timeline": "Deadlines",
    "accounts": "Account map",
    "rapport": "Rapport",
    "health": "Relationship",
    "positioning": "Positioning",
}
NOUNS = {  # (singular, plural) of a list's items
    "tactics": ("tactic", "tactics"),
    "accusation_audit": ("thing to say first", "things to say first"),
    "labels": ("label", "labels"),
    "buttons": ("button", "buttons"),
    "theirs": ("need of theirs", "needs of theirs"),
    "ours": ("need of ours", "needs of ours"),
    "concessions": ("concession", "concessions"),
    "questions": ("question", "questions"),
    "black_swans": ("unknown to find out", "unknowns to find out"),
    "deadlines": ("deadline", "deadlines"),
    "contacts": ("contact", "contacts"),
    "family": ("family member", "family members"),
    "hobbies": ("hobby", "hobbies"),
    "meetings": ("meeting note", "meeting notes"),
    "exchanges": ("favour", "favours"),
    "demands": ("free-work request", "free-work requests"),
    "criteria": ("criterion", "criteria"),
}
# shown newest first: what goes is the oldest
OLDEST = frozenset({"meetings", "exchanges", "demands"})
PART_WORDS = {
    "relationship-notes": "notes left out",
    "rapport-notes": "notes left out",
    "contact-notes": "the contacts' notes left out",
    "negotiation-notes": "notes left out",
}


def cut_words(plan: Plan, totals: dict[str, int]) -> list[str]:
    """What the reader does not see, in the sheet's own words: 'Relationship: 3 oldest
    meeting notes left out', 'Questions to ask: 12 of 30 questions shown', 'Positioning left
    out'. `totals` are the lists' full lengths."""
    notes = []
    for unit, shown in plan.limits.items():
        total = totals.get(unit, 0)
        section = UNIT_SECTION.get(unit, "")
        if shown >= total or section in plan.dropped:
            continue
        one, many = NOUNS.get(unit, (unit, unit))
        heading = HEADINGS.get(section, section)
        if unit in OLDEST:
            gone = total - shown
            notes.append(f"{heading}: {gone} oldest {one if gone == 1 else many} left out")
        else:
            notes.append(f"{heading}: {shown} of {total} {one if total == 1 else many} shown")
    for part, section in PARTS.items():
        if part in plan.dropped and section not in plan.dropped:
            notes.append(f"{HEADINGS.get(section, section)}: {PART_WORDS[part]}")
    notes += [f"{HEADINGS[s.name]} left out" for s in SECTIONS if s.name in plan.dropped]
    if plan.text_limit:
        notes.append(f"long notes cut to {plan.text_limit} characters")
    return notes
