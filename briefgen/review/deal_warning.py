"""`check`'s warning for a negotiation with no deal zone: our estimate of their walk-away
leaves no overlap with ours. A warning, not an error: the dossier is valid and `check` exits 0;
the estimate may be wrong, or the deal must change. Located at `negotiation.their_walk_away`,
the line the person would edit."""

from __future__ import annotations

from briefgen.dossier.load import Document
from briefgen.dossier.model import Dossier
from briefgen.errors import Problem
from briefgen.facts.negotiation import deal_zone, negotiation_side, no_deal_zone
from briefgen.text import words

PATH = ("negotiation", "their_walk_away")


def deal_zone_warning(document: Document, dossier: Dossier) -> Problem | None:
    """The located warning when the two walk-away points leave no deal zone, else None."""
    negotiation = dossier.negotiation
    if negotiation is None:
        return None
    side = negotiation_side(negotiation)
    if no_deal_zone(side, negotiation.walk_away, negotiation.their_walk_away) is None:
        return None
    zone = deal_zone(side, negotiation.walk_away, negotiation.their_walk_away)
    assert zone is not None
    line, column = document.locate(PATH)
    return Problem(
        document.file,
        line,
        column,
        "negotiation.their_walk_away",
        words.deal_zone(zone, negotiation.currency),
        words.deal_zone_hint(zone),
    )
