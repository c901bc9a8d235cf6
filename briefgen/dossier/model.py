"""The dossier format (version 1) as one pydantic model: the contract between the people who
write dossiers and briefgen (README.md, "A dossier"), used both to validate dossiers and to
generate the JSON Schema (`schema/dossier.schema.json`).

Every field carries a description, because the schema is what editors show while typing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StrictBool,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

FORMAT_VERSION = 1

# Caps that no real dossier reaches but that keep hostile input from growing without bound.
SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 10_000


def _as_text(value: Any) -> Any:
    """Let a hand-written `school: 1999` or `note: 2026-01-01` be text where text is expected.
    Strips here too: the length limits are checked before StringConstraints strips, so `'  '`
    would otherwise pass as a name and come out empty."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return value


Text = Annotated[
    str,
    BeforeValidator(_as_text),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_TEXT_MAX),
]
Markdown = Annotated[
    str,
    BeforeValidator(_as_text),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=LONG_TEXT_MAX),
]
Amount = Annotated[float, Field(strict=True, ge=0, le=1e15)]
Count = Annotated[int, Field(strict=True, ge=0, le=100_000)]
Score = Annotated[int, Field(strict=True, ge=0, le=4)]

Relation = Literal["spouse", "partner", "ex-spouse", "child", "parent", "sibling", "other"]
Seriousness = Literal["casual", "serious", "obsessive"]
ConflictStyle = Literal["competing", "collaborating", "compromising", "avoiding", "accommodating"]
Pace = Literal["slow", "steady", "fast"]
ButtonKind = Literal["hot", "lever", "avoid"]
Level = Literal["executive", "key", "staff", "support"]
Stance = Literal["champion", "neutral", "blocker"]
Direction = Literal["given", "received"]
Audience = Literal["matchmaker", "recruiter", "agent", "client"]
Pronoun = Literal["she", "he", "they"]
Kind = Literal["client", "prospect", "candidate"]
Account = Literal["existing", "lost", "new"]
Side = Literal["seller", "buyer"]
Cost = Literal["low", "medium", "high"]
OfferPlanKind = Literal["ackerman", "none"]

# The languages briefgen writes in (`locale:` and `--locale`). `en` is briefgen's own English
# ("Tuesday 24 November 2026", "60,000 USD"); every other tag is formatted by Babel from CLDR
# and translated by the gettext catalogue in briefgen/locales/.
LOCALES = ("en", "en-GB", "en-US", "fr-CA", "fr-FR", "es-ES", "es-MX", "de-DE")
DEFAULT_LOCALE = "en"
Locale = Literal["en", "en-GB", "en-US", "fr-CA", "fr-FR", "es-ES", "es-MX", "de-DE"]


def canonical_locale(value: Any) -> Any:
    """`fr_ca`, `FR-ca` and ` fr-CA ` all mean `fr-CA`: a hurried person's spelling of a
    supported locale is accepted; anything else is left as written for the error to show."""
    if not isinstance(value, str):
        return value
    wanted = value.strip().replace("_", "-").casefold()
    for tag in LOCALES:
        if tag.casefold() == wanted:
            return tag
    return value


_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?")

# The years a dossier's dates may fall in. Nothing real lies outside them, and inside them
# every date briefgen computes (a deadline 100,000 business days back, a contact due
# `cadence_days` on, a countdown) is still a date: year 0 or 9999-12-31 plus a cadence is not.
MIN_YEAR = 1000
MAX_YEAR = 8999


def _check_year(year: int, written: Any) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PydanticCustomError(
            "date_range",
            "{got}: the year must be between {low} and {high}",
            {"got": str(written), "low": MIN_YEAR, "high": MAX_YEAR},
        )


# A date and time with a zone, in any of the forms ISO 8601 allows: `Z`, `+09`, `+0900`, `+09:00`.
_ZONED = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([Zz]|[+-]\d{2}(:?\d{2})?)"
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day: `2019`, `2019-03`, `2019-03-14`."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        found = cls._parse(value)
        _check_year(found.year, found)
        return found

    @classmethod
    def _parse(cls, value: Any) -> PartialDate:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return cls(value)
        if isinstance(value, str) and len(value.strip()) == 10:
            try:
                return cls._parse(dt.date.fromisoformat(value.strip()))
            except ValueError:
                pass
        if isinstance(value, str) and (match := _PARTIAL.fullmatch(value.strip())):
            year, month = int(match[1]), int(match[2]) if match[2] else None
            if month is None or 1 <= month <= 12:
                return cls(year, month)
        raise PydanticCustomError(
            "partial_date",
            "expected a date: YYYY-MM-DD, YYYY-MM or YYYY, got {got}",
            {"got": repr(value)},
        )

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
            ]
        }


def _from_text(value: Any) -> Any:
    """A quoted ISO date ("2026-11-24") is still a date; other text is left for the error."""
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            if len(text) in (16, 19) and text[10] in " T":
                return dt.datetime.fromisoformat(text)
        except ValueError:
            return value
    return value


def _no_zone(value: Any) -> None:
    zoned = (isinstance(value, str) and _ZONED.fullmatch(value.strip())) or (
        isinstance(value, dt.datetime) and value.tzinfo is not None
    )
    if zoned:
        raise PydanticCustomError(
            "zone",
            "{got}: a time zone is not supported",
            {"got": str(value).strip()},
        )


def _when(value: Any) -> dt.datetime | dt.date:
    _no_zone(value)
    value = _from_text(value)
    if isinstance(value, (dt.datetime, dt.date)):
        _check_year(value.year, value)
        return value
    raise PydanticCustomError(
        "when",
        "expected a date or date-time: YYYY-MM-DD or YYYY-MM-DD HH:MM, got {got}",
        {"got": repr(value)},
    )


def _day(value: Any) -> dt.date:
    _no_zone(value)
    value = _from_text(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        _check_year(value.year, value)
        return value
    raise PydanticCustomError("day", "expected a date: YYYY-MM-DD, got {got}", {"got": repr(value)})


When = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(_when),
    Field(json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$"}),
]
Day = Annotated[dt.date, BeforeValidator(_day)]


def _whole_number(value: Any) -> Any:
    if isinstance(value, (bool, float)):
        raise PydanticCustomError(
            "format", "expected the format version 1, got {got}", {"got": repr(value)}
        )
    return value


class Section(BaseModel):
    """Strict: unknown keys are errors, so typos never vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Item(Section):
    """A list item. A plain string is short for the item's first field; any item may be
    marked `sensitive: true` (kept off pitches and `--redact` renders)."""

    shorthand: ClassVar[str]

    sensitive: StrictBool = Field(
        False,
        description="true keeps this item off anything made for a third party (pitch, --redact).",
    )

    @model_validator(mode="before")
    @classmethod
    def _expand_shorthand(cls, value: Any) -> Any:
        if isinstance(value, (str, int, float, dt.date)) and not isinstance(value, bool):
            return {cls.shorthand: value}
        return value


class FamilyMember(Item):
    shorthand: ClassVar[str] = "relation"
    relation: Relation = Field(description="How they are related to the person.")
    name: Text | None = Field(None, description="Their first name.")
    profession: Text | None = Field(None, description="What they do for a living.")
    born: PartialDate | None = Field(None, description="Year (or date) of birth.")
    note: Markdown | None = Field(None, description="Anything worth remembering (Markdown).")
    pronoun: Pronoun | None = Field(
        None,
        description=(
            "she | he | they: how a language with gendered words says the relation "
            "(French 'conjointe', Spanish 'esposa'); left out, the sheet uses a neutral word."
        ),
    )


class Hobby(Item):
    shorthand: ClassVar[str] = "name"
    name: Text = Field(description="The hobby, e.g. fly fishing.")
    seriousness: Seriousness | None = Field(None, description="casual | serious | obsessive.")
    note: Markdown | None = Field(None, description="Detail that shows you listened (Markdown).")


class Education(Item):
    shorthand: ClassVar[str] = "school"
    school: Text = Field(description="The school or university.")
    degree: Text | None = Field(None, description="Degree or field of study.")
    year: PartialDate | None = Field(None, description="Year of graduation.")
    proud: StrictBool | None = Field(None, description="true when the school is a point of pride.")
    note: Markdown | None = Field(None, description="Anything worth remembering (Markdown).")


class Person(Section):
    family: list[FamilyMember] = Field([], description="Spouse, children, parents and others.")
    hobbies: list[Hobby] = Field([], description="What they do for fun, and how seriously.")
    education: Education | None = Field(None, description="Alma mater.")
    career_origin: Text | None = Field(None, description="How they chose their profession.")
    conflict_style: ConflictStyle | None = Field(None, description="How they handle conflict.")
    pace: Pace | None = Field(None, description="How fast they negotiate: slow | steady | fast.")
    notes: Markdown | None = Field(None, description="Free notes about the person (Markdown).")


class Button(Item):
    shorthand: ClassVar[str] = "topic"
    topic: Text = Field(description="The subject that moves them.")
    kind: ButtonKind = Field(
        "hot", description="hot: do not press | lever: press gently | avoid: keep off the topic."
    )
    note: Markdown | None = Field(None, description="Why, or how to use it (Markdown).")


class TacticEntry(Item):
    shorthand: ClassVar[str] = "tactic"
    tactic: Text = Field(description="What they do at the table, e.g. silence, nibbling.")
    note: Markdown | None = Field(None, description="How they do it (Markdown).")
    counter: Text | None = Field(
        None, description="Our counter; left out, briefgen supplies its default for a known tactic."
    )


class Interests(Section):
    ours: list[Text] = Field([], description="What we need from the deal.")
    theirs: list[Text] = Field([], description="What they need from the deal.")


class Concession(Item):
    shorthand: ClassVar[str] = "give"
    model_config = ConfigDict(populate_by_name=True)
    give: Text = Field(description="What we can give.")
    get: Text | None = Field(None, description="What we ask in return: never give for nothing.")
    cost: Cost | None = Field(None, description="What it costs us: low | medium | high.")
    note: Markdown | None = Field(None, description="Conditions or timing (Markdown).")
    issue: Text | None = Field(
        None,
        description="The workbench issue this give moves (negotiation.issues[].name): with "
        "`from` and `to`, briefgen prices it in points and money.",
    )
    from_: Text | None = Field(
        None, alias="from", description="The issue's option (or figure) we move from."
    )
    to: Text | None = Field(None, description="The issue's option (or figure) we move to.")


class Criterion(Item):
    shorthand: ClassVar[str] = "text"
    text: Text = Field(description="An objective standard that makes our number fair.")


class Accusation(Item):
    shorthand: ClassVar[str] = "text"
    text: Text = Field(description="The worst they may think of us, to say before they do.")


class Label(Item):
    shorthand: ClassVar[str] = "text"
    text: Text = Field(description="A line to use at the table: 'It seems like ...'.")


class BlackSwan(Item):
    shorthand: ClassVar[str] = "text"
    text: Text = Field(description="An unknown that would change the deal: find it out.")


# The negotiation workbench (Raiffa's scoring table, MESOs, priced concessions, the BATNA
# worked out from the alternatives): see facts/workbench.py for what is computed.

Weight = Annotated[float, Field(strict=True, gt=0, le=1e6)]
Points = Annotated[float, Field(strict=True, ge=0, le=100)]


class IssueOption(Item):
    shorthand: ClassVar[str] = "value"
    value: Text = Field(description="The option as said at the table, e.g. 12 months.")
    score: Points = Field(description="What it is worth to us, 0 (worst) to 100 (best).")
    theirs: Points | None = Field(
        None, description="What it is worth to them, 0-100; default: 100 minus our score."
    )
    planned: StrictBool = Field(
        False, description="true for the outcome we expect (at most one option per issue)."
    )
    never: StrictBool = Field(False, description="true: never offered in any package.")


class NegotiationIssue(Item):
    shorthand: ClassVar[str] = "name"
    name: Text = Field(description="What is negotiated, e.g. fee, term, sessions per quarter.")
    weight: Weight = Field(description="How much it matters to us, on any scale (normalised).")
    their_weight: Weight | None = Field(
        None, description="Our estimate of how much it matters to them; default: ours."
    )
    range: Annotated[list[Amount], Field(min_length=2, max_length=2)] | None = Field(
        None,
        description="[worst, best] for us, for a figure scored linearly 0-100; the `figures` "
        "issue defaults to [walk_away, opening].",
    )
    step: Annotated[float, Field(strict=True, gt=0, le=1e15)] | None = Field(
        None,
        description="The figures to consider, from the worst by this step (it must divide "
        "the range); default: a fifth of the range.",
    )
    figures: StrictBool = Field(
        False,
        description="true for the price issue (one at most): its range defaults to "
        "walk_away..opening and it gives the money worth of one point.",
    )
    options: list[IssueOption] = Field(
        [], description="Named options with our score and (optionally) theirs, instead of a range."
    )


class Meso(Section):
    value: Points | None = Field(
        None,
        description="What each equivalent offer is worth to us, 0-100; default: the target "
        "price with each planned option.",
    )
    tolerance: Annotated[float, Field(strict=True, ge=0, le=50)] = Field(
        2, description="How far from `value` an offer may be and still count as equivalent."
    )


class Alternative(Item):
    shorthand: ClassVar[str] = "name"
    name: Text = Field(description="The alternative, e.g. the recruiting firm's workshop series.")
    value: Amount = Field(description="What it is worth, in the negotiation's currency.")
    p: Annotated[float, Field(strict=True, ge=0, le=1)] = Field(
        1, description="The chance it comes through, from 0 to 1."
    )
    cost: Amount = Field(0, description="What pursuing it costs, in the negotiation's currency.")


def side_of(
    side: object, opening: float | None, walk_away: float | None
) -> Literal["seller", "buyer"]:
    """The one rule for the side, also used on raw data before validation."""
    if side == "seller" or side == "buyer":
        return side
    if opening is not None and walk_away is not None and walk_away > opening:
        return "buyer"
    return "seller"


class Negotiation(Section):
    subject: Text | None = Field(None, description="What is being negotiated.")
    when: When | None = Field(None, description="Date or date-time of the meeting.")
    where: Text | None = Field(None, description="Where it takes place.")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
        None, description="ISO 4217 code of the figures, e.g. USD, EUR, CAD."
    )
    side: Side | None = Field(
        None,
        description="seller: we ask and the figures fall (opening >= target >= walk_away); "
        "buyer: we pay and they rise. Inferred from the figures when left out.",
    )
    opening: Amount | None = Field(None, description="What we ask (or offer) first.")
    target: Amount | None = Field(None, description="What we aim for.")
    walk_away: Amount | None = Field(
        None, description="The reservation point: past it we leave the table."
    )
    their_walk_away: Amount | None = Field(
        None,
        description="Our estimate of their reservation point: with our walk-away, "
        "it gives the deal zone (ZOPA).",
    )
    offer_plan: OfferPlanKind = Field(
        "none",
        description="ackerman: planned offers at 65, 85, 95 % of target, then a precise final "
        "figure (a seller mirrors it from the opening) | none.",
    )
    batna: Text | None = Field(None, description="Our best alternative to a negotiated agreement.")
    their_batna: Text | None = Field(None, description="Their best alternative.")
    goal: Text | None = Field(None, description="What a good outcome looks like.")
    interests: Interests | None = Field(None, description="The needs behind the positions.")
    concessions: list[Concession] = Field(
        [], description="The concession plan: each give beside the get it buys."
    )
    never_give: list[Text] = Field([], description="What we never concede.")
    questions: list[Text] = Field([], description="Questions to ask at the table.")
    criteria: list[Criterion] = Field(
        [], description="Objective standards that make our number fair (legitimacy)."
    )
    accusation_audit: list[Accusation] = Field(
        [], description="The worst they may think of us, said first."
    )
    labels: list[Label] = Field([], description="'It seems like ...' lines to use at the table.")
    black_swans: list[BlackSwan] = Field(
        [], description="Unknowns that would change everything: find them out."
    )
    notes: Markdown | None = Field(
        None, description="Anything else about this negotiation (Markdown)."
    )
    summary: Text | None = Field(
        None, description='What we will say back to them to earn "that\'s right".'
    )
    next_step: Text | None = Field(None, description="What we must leave the meeting with.")
    their_explanation: Text | None = Field(
        None, description="How they can explain the yes to their boss."
    )
    noncash: list[Text] = Field([], description="What they could give us that is not money.")
    issues: list[NegotiationIssue] = Field(
        [],
        description="The scoring table: each issue weighted, each option scored 0-100; "
        "it yields equivalent offers and priced concessions (`briefgen offers`).",
    )
    meso: Meso | None = Field(
        None, description="Multiple equivalent simultaneous offers: their value to us."
    )
    alternatives: list[Alternative] = Field(
        [], description="Our alternatives: the best expected one (p * value - cost) is the BATNA."
    )
    their_alternatives: list[Alternative] = Field(
        [],
        description="Theirs: the best gives their reservation value, which fills "
        "their_walk_away when that is not written.",
    )


class Deliverable(Item):
    shorthand: ClassVar[str] = "name"
    name: Text = Field(description="What is due, e.g. workshop booklet to print.")
    due: Day | None = Field(None, description="When it is due (YYYY-MM-DD).")
    done: StrictBool = Field(
        False, description="true once it is done: the sheet shows it done, never overdue."
    )
    note: Markdown | None = Field(None, description="Anything worth remembering (Markdown).")


class Rule(Item):
    shorthand: ClassVar[str] = "name"
    name: Text = Field(description="What the computed date is, e.g. final changes.")
    days_before: Count = Field(0, description="How many days before the deliverable.")
    of: Text | None = Field(
        None, description="The deliverable's name, or `negotiation` for the meeting itself."
    )
    business_days: StrictBool = Field(False, description="true counts only Monday to Friday.")
    done: StrictBool = Field(
        False, description="true once it is done: the sheet shows it done, never overdue."
    )
    note: Markdown | None = Field(None, description="Anything worth remembering (Markdown).")


class Timeline(Section):
    deliverables: list[Deliverable] = Field([], description="Dated deliverables.")
    rules: list[Rule] = Field(
        [],
        description="Deadlines computed from deliverables: "
        "if it prints Friday, changes by Wednesday.",
    )
    cancellation_hours: Count | None = Field(
        None, description="Our missed-appointment rule: cancel at least this many hours ahead."
    )


class Contact(Item):
    shorthand: ClassVar[str] = "name"
    name: Text = Field(description="Full name.")
    title: Text | None = Field(None, description="Job title.")
    level: Level | None = Field(None, description="executive | key | staff | support.")
    stance: Stance | None = Field(None, description="champion | neutral | blocker.")
    signs: StrictBool | None = Field(None, description="true for the person who signs.")
    handles: Text | None = Field(
        None, description="What they handle: payments, meetings, logistics."
    )
    last_contact: Day | None = Field(None, description="When we last spoke (YYYY-MM-DD).")
    note: Markdown | None = Field(None, description="Anything worth remembering (Markdown).")


class Meeting(Item):
    shorthand: ClassVar[str] = "date"
    date: Day = Field(description="When the meeting was (YYYY-MM-DD).")
    late_minutes: Count = Field(0, description="How many minutes late they were.")
    missed: StrictBool = Field(False, description="true when they did not show up.")
    note: Markdown | None = Field(None, description="Anything worth remembering (Markdown).")


class Exchange(Item):
    shorthand: ClassVar[str] = "what"
    date: Day | None = Field(None, description="When (YYYY-MM-DD).")
    direction: Direction = Field(description="given: we helped them | received: they helped us.")
    what: Text = Field(description="The positive professional impact.")


class SelfCheck(Section):
    senior_interviews: Score | None = Field(
        None, description="0-4: I interview senior executives about their business."
    )
    only_call_for_projects: Score | None = Field(
        None, description="0-4: I call only to ask what projects are coming (counts against)."
    )
    offer_help: Score | None = Field(
        None, description='0-4: I ask "is there anything I can do for you?"'
    )


Days = Annotated[int, Field(strict=True, ge=1, le=3650)]
LEVELS: tuple[Level, ...] = ("executive", "key", "staff", "support")
MAX_FACTOR = 1.5  # a level's maximum, when only its ideal is written


class LevelCadence(Section):
    """How often one level of contacts should hear from us: `30` is short for `{ideal: 30}`."""

    shorthand: ClassVar[str] = "ideal"
    ideal: Days = Field(description="Days between contacts, ideally: past it the contact is due.")
    max: Days | None = Field(
        None, description="The most days that may pass (default 1.5 x ideal): past it, red."
    )

    @model_validator(mode="before")
    @classmethod
    def _number_is_ideal(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"ideal": value}
        return value

    @property
    def maximum(self) -> int:
        return self.max if self.max is not None else round(self.ideal * MAX_FACTOR)


class Cadence(Section):
    executive: LevelCadence | None = Field(None, description="Executives: ideal days, and max.")
    key: LevelCadence | None = Field(None, description="Key contacts: ideal days, and max.")
    staff: LevelCadence | None = Field(None, description="Staff who do the work.")
    support: LevelCadence | None = Field(
        None, description="Support staff: payments, meetings, logistics."
    )


class Promise(Section):
    every: Days = Field(description="A meeting every this many days, e.g. 14: every two weeks.")
    since: Day = Field(description="When the promise began (YYYY-MM-DD).")
    until: Day | None = Field(None, description="When it ends (YYYY-MM-DD); open when left out.")


class Demand(Item):
    shorthand: ClassVar[str] = "what"
    what: Text = Field(description="The work they asked us to do for free.")
    value: Amount | None = Field(None, description="What that work is worth, in our currency.")
    date: Day | None = Field(None, description="When they asked (YYYY-MM-DD).")


class Relationship(Section):
    since: PartialDate | None = Field(None, description="When the relationship began.")
    cadence_days: Days | None = Field(
        None,
        description="Stay-in-touch rhythm in days, for every level: due = last contact + "
        "cadence. `cadence` sets it per level.",
    )
    cadence: Cadence | None = Field(
        None,
        description="Per level (executive, key, staff, support), in days: {ideal, max}, or a "
        "number for the ideal (max 1.5 x). A level left out uses cadence_days.",
    )
    promise: Promise | None = Field(
        None, description="A promise of meetings: {every: 14, since: ..., until: ...}."
    )
    revenue: Amount | None = Field(
        None, description="This account's yearly revenue, to weigh the free work it asks for."
    )
    demands: list[Demand] = Field([], description="Work they asked us to do for free.")
    contacts: list[Contact] = Field([], description="The account map.")
    meetings: list[Meeting] = Field([], description="Who respects whose time.")
    reciprocity: list[Exchange] = Field([], description="Positive professional impacts, both ways.")
    self_check: SelfCheck | None = Field(
        None, description="Check yourself: 0 = never ... 4 = always."
    )
    notes: Markdown | None = Field(None, description="Notes on the relationship (Markdown).")

    def cadence_for(self, level: str | None) -> LevelCadence | None:
        """The cadence of a contact at `level`: the level's own, else `cadence_days` for
        every level (its maximum 1.5 x), else none."""
        own: LevelCadence | None = (
            getattr(self.cadence, level, None) if self.cadence and level in LEVELS else None
        )
        if own is not None:
            return own
        if self.cadence_days is not None:
            return LevelCadence(ideal=self.cadence_days)
        return None


Tag = Annotated[
    str,
    BeforeValidator(_as_text),
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=40),
]


class PitchItem(Item):
    """A trait, best match or culture line: a plain string, or `{text: ..., tags: [...]}`
    for a line that only some variants of the pitch say (`pitch --for TAG`)."""

    shorthand: ClassVar[str] = "text"
    text: Text = Field(description="The phrase, as the pitch should say it.")
    tags: list[Tag] = Field(
        [],
        description=(
            "Variants this line belongs to (e.g. finance, startups): `pitch --for finance` "
            "keeps the untagged lines and those tagged finance. Matched without regard to case."
        ),
    )

    def __str__(self) -> str:
        return self.text


class Pitch(Section):
    audience: Audience | None = Field(None, description="Who hears the pitch.")
    pronoun: Pronoun = Field("they", description="she | he | they.")
    headline: Text | None = Field(None, description="Who they are, in a phrase.")
    traits: list[PitchItem] = Field([], description="Qualities, each a phrase.")
    best_match: list[PitchItem] = Field([], description="Who they will be most comfortable with.")
    culture: list[PitchItem] = Field(
        [], description="Organizations and cultures they thrive in (for a recruiter)."
    )


class Dossier(Section):
    """One person's dossier."""

    format: Annotated[Literal[1], BeforeValidator(_whole_number)] | None = Field(
        None, description="Format version; 1."
    )
    locale: Annotated[Locale, BeforeValidator(canonical_locale)] | None = Field(
        None,
        description=(
            "The language briefgen writes this dossier's sheet and pitch in: en (default, "
            "briefgen's English), en-GB, en-US, fr-CA (French, Canada), fr-FR (French, "
            "France), es-ES (Spanish, Spain), es-MX (Spanish, Mexico) or de-DE (German). "
            "Dates, numbers, money and briefgen's own labels follow it; the dossier's "
            "own text is never translated. `--locale` overrides it."
        ),
    )
    name: Text = Field(description="The person's full name (the only required key).")
    organization: Text | None = Field(None, description="Their organization.")
    role: Text | None = Field(None, description="Their role or title.")
    kind: Kind = Field("client", description="client | prospect | candidate.")
    account: Account | None = Field(
        None, description="existing | lost | new (the 50 / 30 / 20 split of selling time)."
    )
    person: Person | None = Field(None, description="Knowing the client as a person.")
    buttons: list[Button] = Field([], description="Hot points, levers and topics to avoid.")
    tactics: list[TacticEntry] = Field(
        [], description="What they do at the table, and our counter."
    )
    negotiation: Negotiation | None = Field(None, description="The numbers and the plan.")
    timeline: Timeline | None = Field(None, description="Deliverables and deadline rules.")
    relationship: Relationship | None = Field(None, description="The relationship record.")
    pitch: Pitch | None = Field(
        None, description="Public positioning: the only section a pitch may draw from."
    )
