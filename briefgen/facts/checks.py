"""Likely mistakes in a valid dossier, as facts: a figure about ten times (or a tenth of) the
others, a last contact or a past meeting dated after today. Codes and numbers only, with the
key path where each was written; `review.warnings` words them for `check` (located like errors)
and `text.words.check_words` for the prep sheet and `prep`'s standard error.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from briefgen.dossier.model import Dossier, Negotiation

KeyPath = tuple[str | int, ...]

FIGURES = ("opening", "target", "walk_away")
OUT_OF_SCALE = 7.0  # times the other figures: a zero too many, or one missing


@dataclass(frozen=True)
class FutureContact:
    """A contact's last_contact dated after today: a typo in the year, most often."""

    path: KeyPath
    name: str
    day: dt.date


@dataclass(frozen=True)
class FutureMeeting:
    """A meeting in the record of past meetings dated after today."""

    path: KeyPath
    day: dt.date


@dataclass(frozen=True)
class OutOfScale:
    """A figure about `times` times (larger) or 1/`times` of (not larger) the others: a zero
    too many or one missing. `ratio` is against the others' geometric mean; `others` the other
    figures as written, in FIGURES order; `reference` the one the sheet compares it with (the
    target, or for the target itself the opening)."""

    path: KeyPath
    key: str
    value: float
    ratio: float
    others: tuple[tuple[str, float], ...]
    reference: tuple[str, float]

    @property
    def larger(self) -> bool:
        return self.ratio > 1

    @property
    def times(self) -> int:
        return int(10 ** round(abs(math.log10(self.ratio))))


Suspect = FutureContact | FutureMeeting | OutOfScale


def future_contacts(dossier: Dossier, today: dt.date) -> list[FutureContact]:
    relationship = dossier.relationship
    if relationship is None:
        return []
    return [
        FutureContact(("relationship", "contacts", i, "last_contact"), c.name, c.last_contact)
        for i, c in enumerate(relationship.contacts)
        if c.last_contact is not None and c.last_contact > today
    ]


def future_meetings(dossier: Dossier, today: dt.date) -> list[FutureMeeting]:
    relationship = dossier.relationship
    if relationship is None:
        return []
    return [
        FutureMeeting(("relationship", "meetings", i, "date"), m.date)
        for i, m in enumerate(relationship.meetings)
        if m.date > today
    ]


def out_of_scale(negotiation: Negotiation | None) -> list[OutOfScale]:
    """A figure about ten (or a hundred...) times the others: a zero missing or one too many.
    With two figures only the second is named; with three, one that the other two agree on."""
    if negotiation is None:
        return []
    figures = [
        (key, value)
        for key in FIGURES
        if (value := getattr(negotiation, key)) is not None and value > 0
    ]
    if len(figures) < 2:
        return []
    found = []
    for key, value in figures[1:] if len(figures) == 2 else figures:
        others = [(k, v) for k, v in figures if k != key]
        numbers = [v for _, v in others]
        if len(numbers) == 2 and max(numbers) / min(numbers) >= OUT_OF_SCALE:
            continue  # the other two disagree as well: no one figure is the odd one
        ratio = value / math.exp(sum(math.log(v) for v in numbers) / len(numbers))
        if ratio >= OUT_OF_SCALE or ratio <= 1 / OUT_OF_SCALE:
            reference = dict(others)
            ref_key = "target" if "target" in reference else others[0][0]
            found.append(
                OutOfScale(
                    ("negotiation", key),
                    key,
                    value,
                    ratio,
                    tuple(others),
                    (ref_key, reference[ref_key]),
                )
            )
    return found


def suspects(dossier: Dossier, today: dt.date) -> list[Suspect]:
    """Every likely mistake the sheet should flag, figures first, then dates."""
    found: list[Suspect] = list(out_of_scale(dossier.negotiation))
    found += future_contacts(dossier, today)
    found += future_meetings(dossier, today)
    return found
