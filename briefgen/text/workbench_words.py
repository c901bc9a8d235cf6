"""The workbench in words (facts/workbench.py computes it): the equivalent offers as rows of a
table, each priced concession as a line, the BATNA's derivation in one line. Shared by the prep
sheet's partial (templates/prep/workbench.html.j2) and `briefgen offers`.

Every sentence is a gettext message in the locale each function takes; numbers and money are
Babel's (text/formatting.py). Points are shown whole, or to one decimal when they are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.dossier.model import Negotiation
from briefgen.facts.workbench import (
    Alternatives,
    Batna,
    Expected,
    Issue,
    Move,
    Option,
    Package,
    Workbench,
)
from briefgen.text.formatting import money, number
from briefgen.text.i18n import Locale, gettext, ngettext

ARROW = "\u2192"
MINUS = "\u2212"
TIMES = "\u00d7"


def points(value: float, locale: Locale) -> str:
    """71 -> '71'; 70.45 -> '70.5' (fr: '70,5'): whole when it is within a twentieth."""
    rounded = round(value)
    if abs(value - rounded) < 0.05:
        return number(float(rounded), locale)
    return number(round(value, 1), locale).rstrip("0").rstrip(".,")


def option_words(issue: Issue, option: Option, currency: str | None, locale: Locale) -> str:
    """An option as said at the table: '12 months', or a range's figure '57,000 USD' (money
    on the `figures` issue, a plain number elsewhere)."""
    if option.value is not None:
        return option.value
    assert option.amount is not None
    return (
        money(option.amount, currency, locale) if issue.figures else number(option.amount, locale)
    )


@dataclass(frozen=True)
class Row:
    """One package as a row of the offers table."""

    cells: tuple[str, ...]  # one per issue
    ours: str  # V
    theirs: str  # U


def row(bench: Workbench, package: Package, locale: Locale) -> Row:
    cells = tuple(
        option_words(issue, issue.options[index], bench.currency, locale)
        for issue, index in zip(bench.issues, package.choices, strict=True)
    )
    return Row(cells, points(package.ours, locale), points(package.theirs, locale))


def offers_heading(bench: Workbench, locale: Locale) -> str:
    """'3 equivalent offers, each worth 70 ± 2 to us'; with fewer, says so plainly."""
    fields = {
        "num": len(bench.offers),
        "value": points(bench.target, locale),
        "tolerance": points(bench.tolerance, locale),
    }
    if not bench.offers:
        return gettext("no package is worth %(value)s \u00b1 %(tolerance)s to us", locale) % fields
    if len(bench.offers) < 3:
        return (
            ngettext(
                "only %(num)d package is worth %(value)s \u00b1 %(tolerance)s to us and "
                "different enough to offer: none is made up",
                "only %(num)d packages are worth %(value)s \u00b1 %(tolerance)s to us and "
                "different enough to offer: no third is made up",
                len(bench.offers),
                locale,
            )
            % fields
        )
    return gettext(
        "3 equivalent offers, each worth %(value)s \u00b1 %(tolerance)s to us", locale
    ) % (fields)


def target_source(bench: Workbench, locale: Locale) -> str:
    """Where T comes from, when it is not written: the target and the planned options."""
    if bench.target_source == "written":
        return ""
    return gettext("worth of the target price with each planned option", locale)


def never_offer(locale: Locale) -> str:
    return gettext("equal for us, worst for them: never offer it", locale)


def point_value(bench: Workbench, locale: Locale) -> str:
    """'1 point = 300 USD'."""
    if bench.point_value is None:
        return ""
    return gettext("1 point = %(amount)s", locale) % {
        "amount": money(round(bench.point_value, 2), bench.currency, locale)
    }


def move_parts(
    bench: Workbench, move: Move, locale: Locale, start: str = "", end: str = ""
) -> tuple[str, str]:
    """The move and its price apart, for a table: ('term 24 months → 12 months',
    'costs us 9 points (about 2,700 USD), gains them 20'). `start`/`end` name the two figures
    of a priced concession that is not on the range's grid."""
    issue = bench.issues[move.issue]
    if move.start >= 0:
        start = option_words(issue, issue.options[move.start], bench.currency, locale)
        end = option_words(issue, issue.options[move.end], bench.currency, locale)
    fields = {
        "issue": issue.name,
        "start": start,
        "end": end,
        "arrow": ARROW,
        "cost": points(move.cost, locale),
        "gain": points(move.gain, locale),
    }
    what = gettext("%(issue)s %(start)s %(arrow)s %(end)s", locale) % fields
    if move.money is not None:
        price = gettext("costs us %(cost)s points (about %(amount)s), gains them %(gain)s", locale)
        fields["amount"] = money(_about(move.money), bench.currency, locale)
    else:
        price = gettext("costs us %(cost)s points, gains them %(gain)s", locale)
    return what, price % fields


def move_words(bench: Workbench, move: Move, locale: Locale, start: str = "", end: str = "") -> str:
    """'sessions per quarter 4 → 5: costs us 10 points (about 3,000 USD), gains them 12'."""
    what, price = move_parts(bench, move, locale, start, end)
    return gettext("%(move)s: %(price)s", locale) % {"move": what, "price": price}


def _about(amount: float) -> float:
    """Money from points, rounded as a person says it: to the unit, or two digits of cents."""
    return float(round(amount)) if abs(amount) >= 100 else round(amount, 2)


def alternative_line(alternative: Expected, currency: str | None, locale: Locale) -> str:
    """'0.8 x 40,000 - 2,000 = 30,000 USD' (with the signs x and minus), worked out."""
    parts = []
    if alternative.p != 1:
        parts.append(f"{number(alternative.p, locale).rstrip('0')} {TIMES} ")
    parts.append(number(alternative.value, locale))
    if alternative.cost:
        parts.append(f" {MINUS} {number(alternative.cost, locale)}")
    if len(parts) == 1:
        return money(alternative.expected, currency, locale)
    return "".join(parts) + f" = {money(round(alternative.expected, 2), currency, locale)}"


def batna_line(batna: Batna, currency: str | None, locale: Locale) -> str:
    """'BATNA: the recruiting firm's workshop series, 0.8 x 40,000 - 2,000 = 30,000 USD
    (best of 2)': the derivation in one line."""
    best = batna.chosen
    text = gettext("BATNA: %(name)s, %(sum)s", locale) % {
        "name": best.name,
        "sum": alternative_line(best, currency, locale),
    }
    if len(batna.alternatives) > 1:
        text += " " + gettext("(best of %(num)d)", locale) % {"num": len(batna.alternatives)}
    return text


def their_line(alternatives: Alternatives, currency: str | None, locale: Locale) -> str:
    """Their BATNA in one line, and whether it gives their walk-away (derived)."""
    theirs = alternatives.theirs
    if theirs is None:
        return ""
    best = theirs.chosen
    fields = {"name": best.name, "sum": alternative_line(best, currency, locale)}
    if alternatives.their_walk_away_derived:
        return gettext("their walk-away, derived from their BATNA: %(name)s, %(sum)s", locale) % (
            fields
        )
    return gettext("their BATNA: %(name)s, %(sum)s", locale) % fields


def concession_price(bench: Workbench, negotiation: Negotiation, index: int, locale: Locale) -> str:
    """The price of the dossier's concession number `index`, when it names a move."""
    for priced in bench.concessions:
        if priced.index == index:
            concession = negotiation.concessions[index]
            return move_words(
                bench, priced.move, locale, start=concession.from_ or "", end=concession.to or ""
            )
    return ""


# The prep sheet's view: the strings its partial prints, in one call.

SHEET_MOVES = 3  # the cheapest one-step concessions shown when the plan prices none


@dataclass(frozen=True)
class Priced:
    give: str | None  # the dossier's concession, or None for a computed move
    move: str
    price: str


@dataclass(frozen=True)
class SheetView:
    heading: str  # '3 equivalent offers, each worth 70 ± 2 to us'
    header: tuple[str, ...]  # the issue names
    rows: tuple[Row, ...]  # the offers
    never: Row | None  # equal for us, worst for them
    never_words: str
    point_value: str
    concessions: tuple[Priced, ...]
    batna: str
    theirs: str


def sheet_view(
    bench: Workbench | None,
    alternatives: Alternatives | None,
    negotiation: Negotiation | None,
    locale: Locale,
) -> SheetView | None:
    """What templates/prep/workbench.html.j2 prints: the offers, the priced concessions (the
    dossier's own, else the cheapest three moves), the BATNA derivations."""
    if bench is None and alternatives is None:
        return None
    currency = negotiation.currency if negotiation else None
    heading, value = "", ""
    header: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    never: Row | None = None
    priced: list[Priced] = []
    if bench is not None:
        heading = offers_heading(bench, locale)
        header = tuple(issue.name for issue in bench.issues)
        rows = tuple(row(bench, package, locale) for package in bench.offers)
        never = row(bench, bench.never_offer, locale) if bench.never_offer else None
        value = point_value(bench, locale)
        if bench.concessions and negotiation is not None:
            for found in bench.concessions:
                concession = negotiation.concessions[found.index]
                what, price = move_parts(
                    bench, found.move, locale, concession.from_ or "", concession.to or ""
                )
                priced.append(Priced(concession.give, what, price))
        else:
            for move in bench.moves[:SHEET_MOVES]:
                priced.append(Priced(None, *move_parts(bench, move, locale)))
    batna = theirs = ""
    if alternatives is not None:
        if alternatives.ours is not None:
            batna = batna_line(alternatives.ours, currency, locale)
        theirs = their_line(alternatives, currency, locale)
    return SheetView(
        heading,
        header,
        rows,
        never,
        never_offer(locale),
        value,
        tuple(priced),
        batna,
        theirs,
    )
