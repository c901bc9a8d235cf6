"""Likely mistakes in a valid dossier: `briefgen check` warns about them, located like errors,
without failing (`--strict` makes them errors).

`warnings(document, dossier, today)` runs every rule in `RULES`. A rule is a small function of
a `Context` (the Document, for where things were written; the validated Dossier; today) that
yields `Problem`s. Adding a check is writing one such function and listing it in `RULES`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from briefgen.dossier.load import Document, Path_, format_path
from briefgen.dossier.model import Dossier
from briefgen.errors import Problem
from briefgen.facts import checks
from briefgen.facts.brief import meeting_day
from briefgen.facts.negotiation import deal_zone, negotiation_side
from briefgen.facts.tactics import near_miss
from briefgen.facts.workbench import (
    MAX_PACKAGES,
    alternatives,
    batna,
    walk_away_off,
    workbench,
)
from briefgen.review.describe import fold
from briefgen.text import words
from briefgen.text.formatting import money, number
from briefgen.text.i18n import ENGLISH


@dataclass(frozen=True)
class Context:
    document: Document
    dossier: Dossier
    today: dt.date

    def warn(self, path: Path_, message: str, hint: str = "") -> Problem:
        """A warning located where `path` was written (or the nearest thing that was)."""
        line, column = self.document.locate(path)
        return Problem(self.document.file, line, column, format_path(path), message, hint)


Rule = Callable[[Context], Iterable[Problem]]

TODAY_HINT = "check the year; `--today YYYY-MM-DD` checks as of another day"


def future_contacts(context: Context) -> Iterable[Problem]:
    """A last contact or a past meeting dated after today: a typo in the year, most often."""
    for contact in checks.future_contacts(context.dossier, context.today):
        yield context.warn(
            contact.path,
            f"last contact {contact.day} is in the future (today is {context.today})",
            TODAY_HINT,
        )
    for meeting in checks.future_meetings(context.dossier, context.today):
        yield context.warn(
            meeting.path,
            f"meeting {meeting.day} is in the future (today is {context.today}); "
            "the meetings record says how past meetings went",
            TODAY_HINT,
        )


def negotiation_passed(context: Context) -> Iterable[Problem]:
    day = meeting_day(context.dossier)
    if day is not None and day < context.today:
        yield context.warn(
            ("negotiation", "when"),
            f"the negotiation date {day} has already passed (today is {context.today})",
            "set the next meeting's date, or check the year",
        )


def duplicate_contacts(context: Context) -> Iterable[Problem]:
    """The same person twice in the account map (names matched as `diff` matches them)."""
    relationship = context.dossier.relationship
    if relationship is None:
        return
    first: dict[str, int] = {}
    for index, contact in enumerate(relationship.contacts):
        key = fold(contact.name)
        if key in first:
            line = context.document.locate(("relationship", "contacts", first[key]))[0]
            yield context.warn(
                ("relationship", "contacts", index, "name"),
                f"contact '{contact.name}' is listed twice (first on line {line})",
                "merge the two entries: `diff` and the sheet match contacts by name",
            )
        else:
            first[key] = index


FIGURES = {"opening": "opening", "target": "target", "walk_away": "walk-away point"}


def figure_out_of_scale(context: Context) -> Iterable[Problem]:
    """A figure about ten (or a hundred...) times the others: a zero missing or one too many."""
    for odd in checks.out_of_scale(context.dossier.negotiation):
        size = (
            f"about {number(odd.times, ENGLISH)} times"
            if odd.larger
            else f"about 1/{number(odd.times, ENGLISH)} of"
        )
        beside = " and ".join(f"{FIGURES[k]} {number(v, ENGLISH)}" for k, v in odd.others)
        yield context.warn(
            odd.path,
            f"{FIGURES[odd.key]} {number(odd.value, ENGLISH)} is {size} the {beside}",
            "a zero too many or one missing?" if odd.larger else "a zero missing?",
        )


def tactic_near_miss(context: Context) -> Iterable[Problem]:
    """A tactic name a letter or two off a known one, in any language briefgen reads
    (`grignotge` is `grignotage`): the sheet uses the known one's counter."""
    for index, entry in enumerate(context.dossier.tactics):
        found = near_miss(entry.tactic)
        if found is None:
            continue
        english = found.language == "en"
        meant = found.tactic.name.lower() if english else found.spelling
        named = found.tactic.name if english else found.spelling
        uses = "" if entry.counter else f" (the sheet gives it the counter for {named})"
        write = found.tactic.key if english else found.spelling
        yield context.warn(
            ("tactics", index, "tactic"),
            f"tactic '{entry.tactic}' is not a name briefgen knows: did you mean {meant}?{uses}",
            f"write `{write}` to make it plain",
        )


def no_deal_zone(context: Context) -> Iterable[Problem]:
    """Our estimate of their walk-away leaves no overlap with ours: no deal zone. The estimate
    may be wrong, or the deal must change; located on the line the person would edit."""
    negotiation = context.dossier.negotiation
    if negotiation is None:
        return
    side = negotiation_side(negotiation)
    derived = alternatives(negotiation)  # their best alternative, when no estimate is written
    theirs = derived.their_walk_away if derived else negotiation.their_walk_away
    zone = deal_zone(side, negotiation.walk_away, theirs)
    if zone is None or zone.exists:
        return
    written = negotiation.their_walk_away is not None
    yield context.warn(
        ("negotiation", "their_walk_away" if written else "their_alternatives"),
        words.deal_zone(zone, negotiation.currency, locale=ENGLISH),
        words.deal_zone_hint(zone, ENGLISH),
    )


def walk_away_against_batna(context: Context) -> Iterable[Problem]:
    """Our walk-away more than 10 % off the BATNA worked out from our alternatives: in plain
    words, which way it is wrong."""
    negotiation = context.dossier.negotiation
    if negotiation is None or negotiation.walk_away is None:
        return
    best = batna(negotiation.alternatives)
    if best is None:
        return
    side = negotiation_side(negotiation)
    off = walk_away_off(side, negotiation.walk_away, best.reservation)
    if off is None:
        return
    currency = negotiation.currency
    ours = money(negotiation.walk_away, currency, ENGLISH)
    theirs = money(best.reservation, currency, ENGLISH)
    where = "below" if negotiation.walk_away < best.reservation else "above"
    if off == "accepts-worse":
        consequence = "we would accept a deal worse than the alternative"
    else:
        consequence = "we would walk away from a deal better than the alternative"
    yield context.warn(
        ("negotiation", "walk_away"),
        f"walk-away point {ours} is {where} the BATNA {theirs} ({best.chosen.name}) by more "
        f"than 10 %: {consequence}",
        f"set walk_away near {theirs}, or check the alternatives' value, p and cost",
    )


# A question that can be answered yes or no closes the talk; "what" and "how" open it (Voss's
# calibrated questions). English: an auxiliary first; French: "est-ce que", or a verb and its
# subject joined by a hyphen ("pouvez-vous", "y a-t-il").
_ENGLISH_CLOSED = re.compile(
    r"(is|are|was|were|am|do|does|did|can|could|will|would|should|shall|may|might|must|"
    r"have|has|had|isn't|aren't|don't|doesn't|didn't|can't|won't|wouldn't|shouldn't)\b",
    re.IGNORECASE,
)
_FRENCH_CLOSED = re.compile(
    r"(est-ce\s+qu|n?'?y\s+a-t-il|\w+-(t-)?(vous|tu|il|elle|on|ils|elles|nous|je)\b)",
    re.IGNORECASE,
)
_OPEN = re.compile(
    r"(what|how|why|which|who|whom|whose|when|where|que|qu'|qu\u2019|quoi|quel|quelle|"
    r"quels|quelles|comment|pourquoi|où|quand|combien|qui|lequel|laquelle)",
    re.IGNORECASE,
)


def closed_question(text: str) -> bool:
    """'Is there anything I can do...?' and 'Pouvez-vous signer ?' can be answered yes or no."""
    text = text.strip().lstrip("\"'«“ ").strip()
    if _OPEN.match(text):
        return False
    return bool(_ENGLISH_CLOSED.match(text) or _FRENCH_CLOSED.match(text))


def yes_no_questions(context: Context) -> Iterable[Problem]:
    negotiation = context.dossier.negotiation
    if negotiation is None:
        return
    for index, question in enumerate(negotiation.questions):
        if closed_question(question):
            yield context.warn(
                ("negotiation", "questions", index),
                f"'{question}' can be answered yes or no",
                "ask it with what or how, so they think and talk: 'What would it take...?', "
                "'How can we...?' (fr: 'Qu'est-ce qui...', 'Comment pourrions-nous...')",
            )


def no_equivalent_offers(context: Context) -> Iterable[Problem]:
    """A scoring table that yields no equivalent offer, or is too large to enumerate."""
    negotiation = context.dossier.negotiation
    bench = workbench(negotiation)
    if negotiation is None or bench is None:
        return
    where: Path_ = ("negotiation", "meso") if negotiation.meso else ("negotiation", "issues")
    if bench.packages > MAX_PACKAGES:
        yield context.warn(
            ("negotiation", "issues"),
            f"the scoring table makes {number(bench.packages, ENGLISH)} packages: more than "
            f"{number(MAX_PACKAGES, ENGLISH)}, so no equivalent offers are worked out",
            "use fewer options or a larger step on a range",
        )
    elif not bench.offers:
        yield context.warn(
            where,
            f"no package is worth {number(round(bench.target, 1), ENGLISH)} \u00b1 "
            f"{number(bench.tolerance, ENGLISH)} to us: there are no equivalent offers to make",
            "widen meso.tolerance, or set meso.value nearer what the options can make",
        )


RULES: list[Rule] = [
    future_contacts,
    negotiation_passed,
    duplicate_contacts,
    figure_out_of_scale,
    tactic_near_miss,
    no_deal_zone,
    walk_away_against_batna,
    yes_no_questions,
    no_equivalent_offers,
]


def warnings(document: Document, dossier: Dossier, today: dt.date) -> list[Problem]:
    """Every warning for one valid dossier, in file order."""
    context = Context(document, dossier, today)
    found = [problem for rule in RULES for problem in rule(context)]
    return sorted(found, key=lambda p: (p.line, p.column))
