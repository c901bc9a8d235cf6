"""`briefgen show`: a dossier as normalized, readable text, one fact a line, in the words of
`briefgen diff`. Made for git's textconv: flow or block style, quoting, comments, key order and
shorthand all vanish, so `git diff` and `git log -p` show what changed, not how it was typed.
"""

from __future__ import annotations

import os
from typing import Any

from briefgen.dossier.load import MAX_BYTES
from briefgen.dossier.model import Dossier, Negotiation
from briefgen.dossier.validate import load_dossier
from briefgen.facts.negotiation import deal_zone, negotiation_side
from briefgen.facts.workbench import batna
from briefgen.files import ReadRefused, read_bounded
from briefgen.review.describe import (
    LAYOUT,
    Entry,
    Figures,
    Items,
    OtherSide,
    Scalar,
    Texts,
    Workbench,
    alternative_summary,
    is_long,
    issue_summary,
    items_at,
    lookup,
    option_summary,
    plain,
)
from briefgen.text import words
from briefgen.text.formatting import money
from briefgen.text.i18n import ENGLISH
from briefgen.text.terminal import terminal_safe, terminal_safe_bytes

INDENT = "  "


def show_text(dossier: Dossier) -> str:
    """Every fact of the dossier, section by section, in the order the format lists them."""
    blocks = []
    for section, entries in LAYOUT:
        lines = [line for entry in entries for line in _lines(entry, dossier)]
        if lines:
            blocks.append("\n".join([section, *lines]))
    return "\n\n".join(blocks) + "\n"


def _lines(entry: Entry, dossier: Dossier) -> list[str]:
    if isinstance(entry, Scalar):
        value = lookup(dossier, entry.path)
        if value is None:
            return []
        if is_long(value):
            return [f"{entry.name}:", *_indented(value)]
        unit = f" {entry.unit}" if entry.unit else ""
        return [f"{entry.name}: {plain(value, None)}{unit}"]
    if isinstance(entry, Texts):
        return [f"{entry.noun}: {plain(text, None)}" for text in lookup(dossier, entry.path) or []]
    if isinstance(entry, Items):
        return [line for item in items_at(dossier, entry) for line in _item(entry, item)]
    if isinstance(entry, OtherSide):
        return _other_side(lookup(dossier, entry.path))
    if isinstance(entry, Workbench):
        return _workbench(lookup(dossier, entry.path))
    return _figures(entry, lookup(dossier, entry.path))


def _item(entry: Items, item: Any) -> list[str]:
    kind = entry.kind
    lines = [f"{kind.noun}: {kind.summary(item, None, notes=False)}"]
    for facet in kind.facets:
        value = facet.get(item)
        if facet.long and value:
            if is_long(value):
                lines += [f"{INDENT}{facet.name}:", *_indented(value, 2)]
            else:
                lines.append(f"{INDENT}{facet.name}: {plain(value, None)}")
    return lines


def _figures(entry: Figures, negotiation: Negotiation | None) -> list[str]:
    if negotiation is None:
        return []
    figures = [(name, getattr(negotiation, field)) for field, name in entry.names]
    if all(value is None for _, value in figures):
        return []
    side = negotiation_side(negotiation)
    lines = [f"side: {side}" if negotiation.side else f"side: {side} (read from the figures)"]
    lines += [
        f"{name}: {money(value, negotiation.currency, ENGLISH)}"
        for name, value in figures
        if value is not None
    ]
    return lines


def _other_side(negotiation: Negotiation | None) -> list[str]:
    """Their estimated walk-away, the deal zone it makes with ours, the offer plan if any."""
    if negotiation is None:
        return []
    lines = []
    if negotiation.their_walk_away is not None:
        theirs = money(negotiation.their_walk_away, negotiation.currency, ENGLISH)
        lines.append(f"their estimated walk-away: {theirs}")
        zone = deal_zone(
            negotiation_side(negotiation), negotiation.walk_away, negotiation.their_walk_away
        )
        if zone is not None:
            lines.append(words.deal_zone(zone, negotiation.currency, locale=ENGLISH))
    if negotiation.offer_plan != "none":
        lines.append(f"offer plan: {negotiation.offer_plan}")
    return lines


def _workbench(negotiation: Negotiation | None) -> list[str]:
    """Each issue with its options, the equivalent offers' value, and both sides' alternatives
    with the BATNA they make."""
    if negotiation is None:
        return []
    lines = []
    for issue in negotiation.issues:
        lines.append(f"issue: {issue_summary(issue)}")
        lines += [f"{INDENT}option {option_summary(option)}" for option in issue.options]
    if negotiation.meso is not None:
        value = negotiation.meso.value
        worth = plain(value, None) if value is not None else "the target with the planned options"
        lines.append(f"equivalent offers: worth {worth} \u00b1 {plain(negotiation.meso.tolerance)}")
    currency = negotiation.currency
    for noun, alternatives in (
        ("alternative", negotiation.alternatives),
        ("their alternative", negotiation.their_alternatives),
    ):
        lines += [f"{noun}: {alternative_summary(a, currency)}" for a in alternatives]
    for name, best in (
        ("BATNA", batna(negotiation.alternatives)),
        ("their BATNA", batna(negotiation.their_alternatives)),
    ):
        if best is not None:
            derived = (
                ": gives their walk-away"
                if name == "their BATNA" and negotiation.their_walk_away is None
                else ""
            )
            worth = money(best.reservation, currency, ENGLISH)
            lines.append(f"{name}: {best.chosen.name} ({worth}){derived}")
    return lines


def _indented(text: str, depth: int = 1) -> list[str]:
    return [f"{INDENT * depth}{line}".rstrip() for line in text.splitlines()]


def show_file(path: str | os.PathLike[str]) -> str:
    """`briefgen show FILE`: a dossier that is not valid is an error, located as `check` does."""
    return show_text(load_dossier(path))


def textconv(path: str | os.PathLike[str]) -> bytes:
    """`briefgen show --textconv FILE`, for git: the readable form, or the file's own bytes when
    it is not a valid dossier. git gives up on the whole diff when a textconv fails, so nothing
    here may fail: whatever goes wrong, the raw text is what git would have shown anyway."""
    try:
        return terminal_safe(show_file(path)).encode("utf-8")
    except Exception:  # a user's mistake or a bug alike must not break `git diff`
        pass
    try:  # bounded like every dossier read: no /dev/zero, no FIFO, nothing past MAX_BYTES
        # A file that is not a valid dossier may hold anything: an ESC sequence in it must not
        # redraw the terminal `git diff` prints to.
        return terminal_safe_bytes(read_bounded(path, MAX_BYTES))
    except ReadRefused as exc:
        if exc.reason == "no such file":
            return b""
        return f"(briefgen show --textconv: not shown: {exc.reason})\n".encode()
