"""A dossier's facts in a reader's words, shared by `briefgen diff` (what changed) and
`briefgen show` (the whole dossier, one fact a line, for git's textconv), so both speak alike.

Each kind of list item has an identity (how two versions of it are recognized as the same item)
and facets (what can change about it). The identities are the ones a reader uses: a contact by
name, a meeting by date, a button by topic.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefgen.dossier.model import (
    Contact,
    FamilyMember,
    Meeting,
    PartialDate,
    Rule,
)
from briefgen.text.formatting import number, plural
from briefgen.text.i18n import ENGLISH

SHORT = 120  # longest text shown whole on a diff line


def plain(value: Any, limit: int | None = SHORT) -> str:
    """A field's value as a reader writes it: '' for nothing, yes/no, 60,000, 2026-11-24 10:00."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return number(value, ENGLISH)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (dt.date, PartialDate)):
        return str(value)
    text = " ".join(str(value).split())
    if limit is not None and len(text) > limit:
        return text[: limit - 3].rstrip() + "..."
    return text


def fold(text: str) -> str:
    """Text as a person matches names: without case, accents or extra spaces, so that
    "Levesque" and "Lévesque" are one contact (renamed in a diff, listed twice in a warning)."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_long(value: Any) -> bool:
    """Markdown of several lines: compared and shown line by line, not as one value."""
    return isinstance(value, str) and "\n" in value


@dataclass(frozen=True)
class Facet:
    """One thing that can change about an item, and how a summary line shows it: `form` is
    '{}' for the bare value, '({})' in parentheses after the identity, 'due {}' with words, or
    None to leave it out (it is part of the identity already). A `switch` is a yes/no fact
    named by what it makes the item ("the signer"); `long` text (notes) goes last."""

    name: str
    get: Callable[[Any], Any]
    form: str | None = "{name} {}"
    switch: bool = False
    long: bool = False
    attr: str | None = None  # the model's field name, when the words differ from it

    @property
    def field(self) -> str:
        return self.attr or self.name.replace(" ", "_")

    def words(self, item: Any, limit: int | None = SHORT) -> str:
        value = self.get(item)
        if self.switch:
            return "yes" if value else ""
        return plain(value, limit)


@dataclass(frozen=True)
class ItemKind:
    """How one kind of list item is recognized, named and summarized."""

    noun: str
    key: Callable[[Any], tuple[Any, ...]]
    ident: Callable[[Any], str]
    facets: tuple[Facet, ...]
    label: Callable[[Any], str]
    renames: bool = True  # an item whose identity changed and nothing else is "renamed"

    def summary(self, item: Any, limit: int | None = SHORT, notes: bool = True) -> str:
        """Identity and every facet on one line, e.g. `being rushed (hot)`; notes last."""
        text = self.ident(item)
        for facet in self.facets:
            value = facet.words(item, limit)
            if not value or facet.long or facet.form is None:
                continue
            phrase = facet.form.format(value, name=facet.name)
            text += f" {phrase}" if phrase.startswith("(") else f", {phrase}"
        if getattr(item, "sensitive", False):
            text += " [sensitive]"
        if notes:
            for facet in self.facets:
                if facet.long and (value := facet.words(item, limit)):
                    text += f"; {facet.name}: {value}"
        return text


def _kind(
    noun: str,
    key: Callable[[Any], tuple[Any, ...]],
    ident: Callable[[Any], str],
    *facets: Facet,
    named: bool = False,
    label: Callable[[Any], str] | None = None,
    renames: bool = True,
) -> ItemKind:
    """A named identity stands alone in a change line (`Priya Natarajan (COO)`); free text is
    quoted after the noun (`button "being rushed"`)."""

    def quoted(item: Any) -> str:
        return ident(item) if named else f'{noun} "{ident(item)}"'

    return ItemKind(noun, key, ident, facets, label or quoted, renames)


def _contact_ident(contact: Contact) -> str:
    name = plain(contact.name, None)
    return f"{name} ({plain(contact.title, None)})" if contact.title else name


def _family_ident(member: FamilyMember) -> str:
    return f"{member.relation} {plain(member.name, None)}" if member.name else member.relation


def _meeting_status(meeting: Meeting) -> str:
    if meeting.missed:
        return "missed"
    return f"{meeting.late_minutes} min late" if meeting.late_minutes else "on time"


def _rule_timing(rule: Rule) -> str:
    count = plural(rule.days_before, "business day" if rule.business_days else "day")
    return f"{count} before {plain(rule.of, None)}" if rule.of else f"{count} before"


NOTE = Facet("note", lambda item: item.note, long=True)

FAMILY = _kind(
    "family member",
    lambda m: (m.relation, m.name),
    _family_ident,
    Facet("profession", lambda m: m.profession),
    Facet("born", lambda m: m.born),
    Facet("pronoun", lambda m: m.pronoun),
    NOTE,
    named=True,
)
HOBBY = _kind(
    "hobby",
    lambda h: (h.name,),
    lambda h: plain(h.name, None),
    Facet("seriousness", lambda h: h.seriousness, form="({})"),
    NOTE,
)
EDUCATION = _kind(
    "education",
    lambda _e: (),
    lambda e: plain(e.school, None),
    Facet("school", lambda e: e.school, form=None),
    Facet("degree", lambda e: e.degree, form="{}"),
    Facet("year", lambda e: e.year, form="class of {}"),
    Facet("a point of pride", lambda e: e.proud, form="proud", switch=True, attr="proud"),
    NOTE,
)
BUTTON = _kind(
    "button",
    lambda b: (b.topic,),
    lambda b: plain(b.topic, None),
    Facet("kind", lambda b: b.kind, form="({})"),
    NOTE,
)
TACTIC = _kind(
    "tactic",
    lambda t: (t.tactic,),
    lambda t: plain(t.tactic, None),
    Facet("counter", lambda t: t.counter, form="{name}: {}"),
    NOTE,
)
CONCESSION = _kind(
    "concession",
    lambda c: (c.give,),
    lambda c: plain(c.give, None),
    Facet("get", lambda c: c.get, form="for {}"),
    Facet("cost", lambda c: c.cost),
    Facet("issue", lambda c: c.issue),
    Facet("from", lambda c: c.from_),
    Facet("to", lambda c: c.to),
    NOTE,
)
DELIVERABLE = _kind(
    "deliverable",
    lambda d: (d.name,),
    lambda d: plain(d.name, None),
    Facet("due", lambda d: d.due),
    NOTE,
)
RULE = _kind(
    "rule",
    lambda r: (r.name,),
    lambda r: plain(r.name, None),
    Facet("", _rule_timing, form="{}"),
    NOTE,
)


def _pitch_kind(noun: str) -> ItemKind:
    """A pitch line (`pitch.traits` and the like): its text, and the variants it is for."""
    return _kind(
        noun,
        lambda i: (i.text,),
        lambda i: plain(i.text, None),
        Facet("tags", lambda i: ", ".join(i.tags) or None, form="(for {})"),
    )


TRAIT = _pitch_kind("trait")
BEST_MATCH = _pitch_kind("best match")
CULTURE = _pitch_kind("culture")


CONTACT = _kind(
    "contact",
    lambda c: (c.name,),
    _contact_ident,
    Facet("title", lambda c: c.title, form=None),
    Facet("level", lambda c: c.level, form="{}"),
    Facet("stance", lambda c: c.stance, form="{}"),
    Facet("the signer", lambda c: c.signs, form="signs", switch=True, attr="signs"),
    Facet("handles", lambda c: c.handles),
    Facet("last contact", lambda c: c.last_contact),
    NOTE,
    named=True,
)
MEETING = _kind(
    "meeting",
    lambda m: (m.date,),
    lambda m: m.date.isoformat(),
    Facet("", _meeting_status, form="{}"),
    NOTE,
    label=lambda m: f"meeting {m.date.isoformat()}",
    renames=False,
)
CRITERION = _kind("criterion", lambda c: (c.text,), lambda c: plain(c.text, None))
ACCUSATION = _kind("accusation audit", lambda a: (a.text,), lambda a: plain(a.text, None))
LABEL = _kind("label", lambda label: (label.text,), lambda label: plain(label.text, None))
BLACK_SWAN = _kind("black swan", lambda b: (b.text,), lambda b: plain(b.text, None))
EXCHANGE = _kind(
    "exchange",
    lambda e: (e.date, e.what),
    lambda e: f"{e.date}, {plain(e.what, None)}" if e.date else plain(e.what, None),
    Facet("direction", lambda e: e.direction, form="({})"),
    label=lambda e: " ".join(filter(None, ["exchange", plain(e.date), f'"{plain(e.what, None)}"'])),
    renames=False,
)

DEMAND = _kind(
    "free work asked",
    lambda d: (d.what,),
    lambda d: plain(d.what, None),
    Facet("value", lambda d: d.value, form="worth {}"),
    Facet("date", lambda d: d.date, form="asked {}"),
)

# Where each fact sits in a dossier and what a reader calls it, section by section: the one
# table `diff` and `show` both walk, so a field added to the model is added here once.


@dataclass(frozen=True)
class Scalar:
    path: tuple[str, ...]
    name: str
    unit: str = ""


@dataclass(frozen=True)
class Items:
    path: tuple[str, ...]
    kind: ItemKind
    single: bool = False  # one item, not a list (education)


@dataclass(frozen=True)
class Texts:
    path: tuple[str, ...]
    noun: str


@dataclass(frozen=True)
class Figures:
    """Side, opening, target and walk-away: money, read together."""

    path: tuple[str, ...] = ("negotiation",)
    names: tuple[tuple[str, str], ...] = (
        ("opening", "opening"),
        ("target", "target"),
        ("walk_away", "walk-away point"),
    )


@dataclass(frozen=True)
class OtherSide:
    """Their estimated walk-away, the deal zone it makes with ours, and the offer plan."""

    path: tuple[str, ...] = ("negotiation",)
    fields: tuple[str, ...] = ("their_walk_away", "offer_plan")


@dataclass(frozen=True)
class Workbench:
    """The scoring table (issues and their options), the equivalent offers' value, and both
    sides' alternatives with the BATNA they make: said issue by issue, option by option."""

    path: tuple[str, ...] = ("negotiation",)
    fields: tuple[str, ...] = ("issues", "meso", "alternatives", "their_alternatives")


Entry = Scalar | Items | Texts | Figures | OtherSide | Workbench

LAYOUT: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    (
        "Dossier",
        (
            Scalar(("name",), "name"),
            Scalar(("organization",), "organization"),
            Scalar(("role",), "role"),
            Scalar(("kind",), "kind"),
            Scalar(("account",), "account"),
            Scalar(("format",), "format version"),
            Scalar(("locale",), "locale"),
        ),
    ),
    (
        "Person",
        (
            Items(("person", "family"), FAMILY),
            Items(("person", "hobbies"), HOBBY),
            Items(("person", "education"), EDUCATION, single=True),
            Scalar(("person", "career_origin"), "career origin"),
            Scalar(("person", "conflict_style"), "conflict style"),
            Scalar(("person", "pace"), "pace"),
            Scalar(("person", "notes"), "notes"),
        ),
    ),
    ("Buttons", (Items(("buttons",), BUTTON),)),
    ("Tactics", (Items(("tactics",), TACTIC),)),
    (
        "Negotiation",
        (
            Scalar(("negotiation", "subject"), "subject"),
            Scalar(("negotiation", "when"), "meeting"),
            Scalar(("negotiation", "where"), "place"),
            Scalar(("negotiation", "currency"), "currency"),
            Figures(),
            OtherSide(),
            Scalar(("negotiation", "batna"), "our BATNA"),
            Scalar(("negotiation", "their_batna"), "their BATNA"),
            Scalar(("negotiation", "goal"), "goal"),
            Workbench(),
            Scalar(("negotiation", "summary"), "summary"),
            Scalar(("negotiation", "next_step"), "next step"),
            Scalar(("negotiation", "their_explanation"), "their explanation"),
            Texts(("negotiation", "noncash"), "non-cash"),
            Texts(("negotiation", "interests", "ours"), "our interest"),
            Texts(("negotiation", "interests", "theirs"), "their interest"),
            Items(("negotiation", "concessions"), CONCESSION),
            Texts(("negotiation", "never_give"), "never give"),
            Texts(("negotiation", "questions"), "question"),
            Items(("negotiation", "criteria"), CRITERION),
            Items(("negotiation", "accusation_audit"), ACCUSATION),
            Items(("negotiation", "labels"), LABEL),
            Items(("negotiation", "black_swans"), BLACK_SWAN),
            Scalar(("negotiation", "notes"), "notes"),
        ),
    ),
    (
        "Timeline",
        (
            Items(("timeline", "deliverables"), DELIVERABLE),
            Items(("timeline", "rules"), RULE),
            Scalar(("timeline", "cancellation_hours"), "cancellation notice", "hours"),
        ),
    ),
    (
        "Relationship",
        (
            Scalar(("relationship", "since"), "relationship since"),
            Scalar(("relationship", "cadence_days"), "stay-in-touch cadence", "days"),
            *(
                Scalar(
                    ("relationship", "cadence", level, bound), f"{level} cadence, {bound}", "days"
                )
                for level in ("executive", "key", "staff", "support")
                for bound in ("ideal", "max")
            ),
            Scalar(("relationship", "promise", "every"), "promised meetings, every", "days"),
            Scalar(("relationship", "promise", "since"), "promise since"),
            Scalar(("relationship", "promise", "until"), "promise until"),
            Scalar(("relationship", "revenue"), "yearly revenue"),
            Items(("relationship", "demands"), DEMAND),
            Items(("relationship", "contacts"), CONTACT),
            Items(("relationship", "meetings"), MEETING),
            Items(("relationship", "reciprocity"), EXCHANGE),
            Scalar(
                ("relationship", "self_check", "senior_interviews"),
                "self-check, interviews senior executives",
            ),
            Scalar(
                ("relationship", "self_check", "only_call_for_projects"),
                "self-check, calls only about projects",
            ),
            Scalar(("relationship", "self_check", "offer_help"), "self-check, offers help"),
            Scalar(("relationship", "notes"), "notes"),
        ),
    ),
    (
        "Pitch",
        (
            Scalar(("pitch", "audience"), "audience"),
            Scalar(("pitch", "pronoun"), "pronoun"),
            Scalar(("pitch", "headline"), "headline"),
            Items(("pitch", "traits"), TRAIT),
            Items(("pitch", "best_match"), BEST_MATCH),
            Items(("pitch", "culture"), CULTURE),
        ),
    ),
)


def lookup(model: Any, path: tuple[str, ...]) -> Any:
    """`model.a.b`, or None when anything on the way is missing (a section left out)."""
    value = model
    for name in path:
        if value is None:
            return None
        value = getattr(value, name)
    return value


def items_at(model: Any, entry: Items) -> list[Any]:
    value = lookup(model, entry.path)
    if entry.single:
        return [] if value is None else [value]
    return list(value or [])


# The workbench in a reader's words, for `show` and `diff` alike.


def range_words(issue: Any) -> str:
    """'45,000 to 60,000 by 3,000', or 'walk-away to opening' for a figures issue without one."""
    if issue.range is not None:
        text = f"{number(issue.range[0], ENGLISH)} to {number(issue.range[1], ENGLISH)}"
    elif issue.figures:
        text = "walk-away to opening"
    else:
        return ""
    return f"{text} by {number(issue.step, ENGLISH)}" if issue.step else text


def issue_summary(issue: Any) -> str:
    """'fee, weight 50, theirs 20, range 45,000 to 60,000 by 3,000, the figures issue'."""
    parts = [plain(issue.name, None), f"weight {number(issue.weight, ENGLISH)}"]
    if issue.their_weight is not None:
        parts.append(f"theirs {number(issue.their_weight, ENGLISH)}")
    if text := range_words(issue):
        parts.append(f"range {text}")
    if issue.figures:
        parts.append("the figures issue")
    return ", ".join(parts)


def option_summary(option: Any) -> str:
    """'24 months: our score 100, theirs 60, planned'."""
    parts = [f"our score {number(option.score, ENGLISH)}"]
    if option.theirs is not None:
        parts.append(f"theirs {number(option.theirs, ENGLISH)}")
    if option.planned:
        parts.append("planned")
    if option.never:
        parts.append("never offered")
    return f"{plain(option.value, None)}: " + ", ".join(parts)


def alternative_summary(alternative: Any, currency: str | None) -> str:
    """'the workshop series, 40,000 USD, p 0.8, cost 2,000 USD (expected 30,000 USD)'."""
    from briefgen.text.formatting import money

    expected = alternative.p * alternative.value - alternative.cost
    parts = [plain(alternative.name, None), money(alternative.value, currency, ENGLISH)]
    if alternative.p != 1:
        parts.append(f"p {alternative.p:g}")
    if alternative.cost:
        parts.append(f"cost {money(alternative.cost, currency, ENGLISH)}")
    return ", ".join(parts) + f" (expected {money(expected, currency, ENGLISH)})"
