"""`briefgen offers`: the whole negotiation workbench of one dossier, for the person preparing,
as text or JSON, without rendering anything (no WeasyPrint): the scoring table, every
equivalent package, the offers to make and the one never to make, every priced one-step
concession, the dossier's priced concessions, and both sides' BATNAs.

The numbers are facts/workbench.py's; the words text/workbench_words.py's.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError
from briefgen.facts.brief import meeting_day
from briefgen.facts.workbench import (
    Alternatives,
    Batna,
    Move,
    Package,
    Workbench,
    alternatives,
    workbench,
)
from briefgen.text import workbench_words
from briefgen.text.formatting import long_date, number
from briefgen.text.i18n import Locale, choose_locale, gettext
from briefgen.text.words import countdown

INDENT = "  "


@dataclass(frozen=True)
class Offers:
    """One dossier's workbench, computed: what `offers` prints."""

    source: str
    dossier: Dossier
    today: dt.date
    bench: Workbench | None
    alternatives: Alternatives | None


def make_offers(path: str | os.PathLike[str], today: dt.date) -> Offers:
    """Load the dossier (a DossierError says where it is wrong) and compute its workbench; a
    dossier with neither `negotiation.issues` nor alternatives is a BriefgenError."""
    dossier = load_dossier(path)
    negotiation = dossier.negotiation
    bench = workbench(negotiation)
    alts = alternatives(negotiation)
    if bench is None and alts is None:
        raise BriefgenError(
            f"{path}: no workbench: the dossier has no negotiation.issues and no alternatives\n"
            "  hint: add `issues:` (a scoring table) or `alternatives:` under `negotiation:`; "
            "the README's 'The negotiation workbench' shows the format"
        )
    return Offers(str(path), dossier, today, bench, alts)


# Text.


def _table(header: list[str], rows: list[list[str]], notes: list[str] | None = None) -> list[str]:
    """Columns padded to their widest cell; a note after a row's last column."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str], note: str = "") -> str:
        text = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        return (INDENT + text + (f"  {note}" if note else "")).rstrip()

    notes = notes or [""] * len(rows)
    return [line(header), *(line(r, n) for r, n in zip(rows, notes, strict=True))]


def _package_rows(
    bench: Workbench, packages: tuple[Package, ...] | list[Package], locale: Locale
) -> list[list[str]]:
    rows = []
    for package in packages:
        row = workbench_words.row(bench, package, locale)
        rows.append([*row.cells, row.ours, row.theirs])
    return rows


def _label(text: str, locale: Locale) -> str:
    """'fee:'; fr 'fee :' (the catalogue's no-break space before the colon)."""
    return gettext("%(label)s:", locale) % {"label": text}


def _share(weight: float, locale: Locale) -> str:
    return workbench_words.points(weight * 100, locale) + "\u00a0%"


def _scoring_table(bench: Workbench, locale: Locale) -> list[str]:
    lines = [gettext("Scoring table (weights: ours, theirs; scores: ours/theirs)", locale)]
    for issue in bench.issues:
        options = []
        for option in issue.options:
            text = f"{workbench_words.option_words(issue, option, bench.currency, locale)} "
            ours = workbench_words.points(option.ours, locale)
            text += f"{ours}/{workbench_words.points(option.theirs, locale)}"
            if option.planned:
                text += " " + gettext("(planned)", locale)
            if option.never:
                text += " " + gettext("(never)", locale)
            options.append(text)
        weights = f"{_share(issue.weight, locale)}, {_share(issue.their_weight, locale)}"
        label = _label(f"{issue.name} ({weights})", locale)
        lines.append(f"{INDENT}{label} " + " \u00b7 ".join(options))
    if bench.point_value is not None:
        lines.append(INDENT + workbench_words.point_value(bench, locale))
    return lines


def _offers_section(bench: Workbench, locale: Locale) -> list[str]:
    header = [issue.name for issue in bench.issues] + [
        gettext("us", locale),
        gettext("them", locale),
    ]
    lines = [workbench_words.offers_heading(bench, locale)]
    if source := workbench_words.target_source(bench, locale):
        lines[0] += f" ({source})"
    shown = list(bench.offers)
    notes = [""] * len(shown)
    if bench.never_offer is not None:
        shown.append(bench.never_offer)
        notes.append(workbench_words.never_offer(locale))
    if shown:
        lines += _table(header, _package_rows(bench, shown, locale), notes)
    return lines


def _every_package(bench: Workbench, locale: Locale) -> list[str]:
    if not bench.equivalent:
        return []
    header = [issue.name for issue in bench.issues] + [
        gettext("us", locale),
        gettext("them", locale),
    ]
    title = gettext(
        "Every equivalent package (%(num)d of %(all)s), best for them first", locale
    ) % {"num": len(bench.equivalent), "all": number(bench.packages, locale)}
    return [title, *_table(header, _package_rows(bench, bench.equivalent, locale))]


def _moves(bench: Workbench, locale: Locale) -> list[str]:
    if not bench.moves:
        return []
    title = gettext("Concessions, cheapest for us per point they gain first", locale)
    return [
        title,
        *(INDENT + workbench_words.move_words(bench, move, locale) for move in bench.moves),
    ]


def _priced(bench: Workbench, dossier: Dossier, locale: Locale) -> list[str]:
    negotiation = dossier.negotiation
    if not bench.concessions or negotiation is None:
        return []
    lines = [gettext("Our concession plan, priced", locale)]
    for priced in bench.concessions:
        concession = negotiation.concessions[priced.index]
        price = workbench_words.concession_price(bench, negotiation, priced.index, locale)
        lines.append(f"{INDENT}{_label(concession.give, locale)} {price}")
    return lines


def _batnas(alts: Alternatives, currency: str | None, locale: Locale) -> list[str]:
    lines = []
    if alts.ours is not None:
        lines.append(workbench_words.batna_line(alts.ours, currency, locale))
        lines += _alternatives(alts.ours, currency, locale)
    if alts.theirs is not None:
        lines.append(workbench_words.their_line(alts, currency, locale))
        lines += _alternatives(alts.theirs, currency, locale)
    return lines


def _alternatives(batna: Batna, currency: str | None, locale: Locale) -> list[str]:
    if len(batna.alternatives) < 2:
        return []
    return [
        f"{INDENT}{_label(a.name, locale)} {workbench_words.alternative_line(a, currency, locale)}"
        for a in batna.alternatives
    ]


def offers_text(offers: Offers, override: str | None = None) -> str:
    """The workbench for a terminal, in `override` (`--locale`), else the dossier's `locale:`,
    else English."""
    locale = choose_locale(override, offers.dossier.locale)
    dossier, bench = offers.dossier, offers.bench
    negotiation = dossier.negotiation
    title = dossier.name
    if negotiation and negotiation.subject:
        title = gettext("%(who)s: %(subject)s", locale) % {
            "who": dossier.name,
            "subject": negotiation.subject,
        }
    day = meeting_day(dossier)
    if day is not None:
        title += f" ({long_date(day, locale)}, {countdown((day - offers.today).days, locale)})"
    blocks = [[title]]
    if bench is not None:
        blocks.append(_scoring_table(bench, locale))
        blocks.append(_offers_section(bench, locale))
        blocks += [b for b in (_priced(bench, dossier, locale), _moves(bench, locale)) if b]
        if every := _every_package(bench, locale):
            blocks.append(every)
    if offers.alternatives is not None:
        currency = negotiation.currency if negotiation else None
        if lines := _batnas(offers.alternatives, currency, locale):
            blocks.append(lines)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


# JSON: numbers and codes, the same in every locale.


def _package_json(bench: Workbench, package: Package) -> dict[str, Any]:
    return {
        "options": {
            issue.name: (option.value if option.value is not None else option.amount)
            for issue, index in zip(bench.issues, package.choices, strict=True)
            for option in [issue.options[index]]
        },
        "ours": round(package.ours, 6),
        "theirs": round(package.theirs, 6),
    }


def _move_json(bench: Workbench, move: Move) -> dict[str, Any]:
    issue = bench.issues[move.issue]

    def value(index: int) -> Any:
        option = issue.options[index]
        return option.value if option.value is not None else option.amount

    found: dict[str, Any] = {"issue": issue.name}
    if move.start >= 0:
        found |= {"from": value(move.start), "to": value(move.end)}
    return found | {
        "cost_points": round(move.cost, 6),
        "cost_money": None if move.money is None else round(move.money, 2),
        "gain_points": round(move.gain, 6),
    }


def _batna_json(batna: Batna | None) -> dict[str, Any] | None:
    if batna is None:
        return None
    return {
        "best": batna.chosen.name,
        "reservation": round(batna.reservation, 2),
        "alternatives": [
            {"name": a.name, "value": a.value, "p": a.p, "cost": a.cost, "expected": a.expected}
            for a in batna.alternatives
        ],
    }


def offers_json(offers: Offers) -> dict[str, Any]:
    bench, alts = offers.bench, offers.alternatives
    negotiation = offers.dossier.negotiation
    found: dict[str, Any] = {
        "dossier": offers.source,
        "name": offers.dossier.name,
        "currency": negotiation.currency if negotiation else None,
    }
    if bench is not None:
        found["issues"] = [
            {
                "name": issue.name,
                "weight": round(issue.weight, 6),
                "their_weight": round(issue.their_weight, 6),
                "figures": issue.figures,
                "options": [
                    {
                        "value": o.value if o.value is not None else o.amount,
                        "ours": o.ours,
                        "theirs": o.theirs,
                        "planned": o.planned,
                        "never": o.never,
                    }
                    for o in issue.options
                ],
            }
            for issue in bench.issues
        ]
        found |= {
            "target": round(bench.target, 6),
            "target_source": bench.target_source,
            "tolerance": bench.tolerance,
            "packages": bench.packages,
            "point_value": None if bench.point_value is None else round(bench.point_value, 6),
            "offers": [_package_json(bench, p) for p in bench.offers],
            "never_offer": None
            if bench.never_offer is None
            else _package_json(bench, bench.never_offer),
            "equivalent": [_package_json(bench, p) for p in bench.equivalent],
            "moves": [_move_json(bench, m) for m in bench.moves],
            "concessions": [
                {"index": p.index, "give": negotiation.concessions[p.index].give}
                | _move_json(bench, p.move)
                for p in bench.concessions
                if negotiation is not None
            ],
        }
    if alts is not None:
        found |= {
            "batna": _batna_json(alts.ours),
            "their_batna": _batna_json(alts.theirs),
            "their_walk_away": alts.their_walk_away,
            "their_walk_away_derived": alts.their_walk_away_derived,
        }
    return found
