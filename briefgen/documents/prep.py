"""`briefgen prep`: the one-page prep sheet, from dossier file to PDF on disk.

The template and WeasyPrint run in a child process with limits (`render.child.isolated`); the
fit ladder (`render.fit`) keeps the sheet on one page; this process only writes what the child
returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from briefgen.dossier.model import Dossier
from briefgen.dossier.privacy import redact as redact_dossier
from briefgen.dossier.validate import load_dossier
from briefgen.errors import RenderError
from briefgen.facts.brief import Brief, brief
from briefgen.facts.negotiation import Figures
from briefgen.files import write_atomic
from briefgen.render.fit import LEVELS, SECTIONS, Plan, fit_one_page
from briefgen.render.theme import Theme, template_problem
from briefgen.text import localized, words
from briefgen.text.i18n import choose_locale, warm
from briefgen.text.markdown import inline_html, to_html

PREP_TEMPLATE = "prep.html.j2"


@dataclass
class PrepResult:
    source: Path
    pdf: Path
    html: Path | None
    layouts: int
    level: str
    shortened: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint logged
    refused: list[str] = field(default_factory=list)  # URLs the templates named, kept off

    def report(self) -> str:
        """What the fit ladder did, in a line; empty when the sheet fit at the design size."""
        parts = []
        if self.level != LEVELS[0].name:
            parts.append(self.level)
        parts += self.shortened
        return f"{self.source}: to fit one page: " + "; ".join(parts) if parts else ""


def output_name(source: Path) -> str:
    """`<dossier file stem>-prep.pdf`, made safe: it can never leave the output folder."""
    stem = unicodedata.normalize("NFKC", source.stem)
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.ASCII).strip("-.") or "dossier"
    return stem[:100] + "-prep.pdf"


@dataclass(frozen=True)
class Sheet:
    """What the render child hands back: all the parent needs to write and report."""

    html: str
    pdf: bytes
    plan: Plan
    layouts: int
    warnings: list[str]
    refused: list[str]


def prep_sheet(
    source: str | os.PathLike[str],
    *,
    out_dir: str | os.PathLike[str] = "output",
    today: dt.date,
    paper: str = "a4",
    redact: bool = False,
    write_html: bool = False,
    locale: str | None = None,
) -> PrepResult:
    """Load, validate, compute, render and write one dossier's prep sheet, in `locale`
    (--locale), else the dossier's `locale:`, else English."""
    import briefgen.render.pdf  # noqa: F401 - WeasyPrint, imported once here: render children inherit it
    from briefgen.render.child import isolated

    path = Path(source)
    dossier = load_dossier(path)
    if redact:
        dossier = redact_dossier(dossier)
    theme = Theme.for_dossier(path)
    locale = choose_locale(locale, dossier.locale)
    warm(locale)  # catalogue and CLDR data loaded here: render children inherit them
    sheet = isolated(
        lambda: render_sheet(
            dossier, today, paper=paper, theme=theme, redacted=redact, locale=locale
        ),
        what=str(path),
    )
    target = Path(out_dir) / output_name(path)
    html_path = None
    if write_html:
        html_path = write_atomic(target.with_suffix(".html"), sheet.html.encode("utf-8"))
    write_atomic(target, sheet.pdf)
    return PrepResult(
        path,
        target,
        html_path,
        sheet.layouts,
        sheet.plan.level.name,
        describe_cuts(sheet.plan, dossier, today),
        sheet.warnings,
        sheet.refused,
    )


@dataclass(frozen=True)
class Mark:
    key: str
    label: str
    value: float
    x: float  # where the mark sits, in viewBox units
    label_x: float  # where its label sits, in % of the width (kept clear of the ends)
    align: str  # start | center | end


@dataclass(frozen=True)
class NumberLine:
    """Where the figures sit on one line from the lowest to the highest."""

    width: float
    start: float
    end: float
    marks: tuple[Mark, ...]
    room: tuple[float, float] | None  # the stretch between target and walk-away


def number_line(
    figures: Figures | None, width: float = 100.0, pad: float = 1.5
) -> NumberLine | None:
    if figures is None:
        return None
    named = [
        (key, label, value)
        for key, label, value in (
            ("walk_away", "walk away", figures.walk_away),
            ("target", "target", figures.target),
            ("opening", "opening", figures.opening),
        )
        if value is not None
    ]
    if len(named) < 2:
        return None
    low = min(v for _, _, v in named)
    high = max(v for _, _, v in named)
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return round(pad + (value - low) / span * (width - 2 * pad), 2)

    marks = []
    for key, label, value in named:
        at = x(value)
        if value == low and key != "target":
            align, label_x = "start", 0.0
        elif value == high and key != "target":
            align, label_x = "end", 100.0
        else:
            align, label_x = "center", min(max(at / width * 100, 24.0), 76.0)
        marks.append(Mark(key, label, value, at, round(label_x, 2), align))
    room = None
    if figures.target is not None and figures.walk_away is not None:
        a, b = sorted((x(figures.target), x(figures.walk_away)))
        room = (a, b)
    return NumberLine(width, pad, width - pad, tuple(marks), room)


@dataclass(frozen=True)
class Columns:
    """Which sections stand in which column: what to say on the left, who they are on the
    right. With no negotiation (a candidate), the person moves left to balance the page."""

    main: tuple[str, ...]
    side: tuple[str, ...]


def columns_for(dossier: Dossier) -> Columns:
    if dossier.negotiation is None:
        return Columns(
            ("tactics", "positioning", "rapport", "timeline"), ("buttons", "accounts", "health")
        )
    return Columns(
        ("numbers", "tactics", "interests", "questions", "timeline"),
        ("buttons", "accounts", "rapport", "positioning", "health"),
    )


def theme_source(env: SandboxedEnvironment, name: str) -> str:
    """A stylesheet's text, found on the theme's search path, to include raw in the page."""
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


@cache
def prep_environment(theme: Theme, locale: str = "en") -> SandboxedEnvironment:
    """The theme's environment in `locale` with the sheet's filters: money, dates, Markdown,
    and `_`/`ngettext` for labels, `lang` for `<html lang>` (see briefgen/text/i18n.py)."""
    env = theme.environment(html=True, locale=locale)
    env.filters.update(localized.filters(locale), markdown=to_html, inline=inline_html)
    env.globals.update(
        localized.helpers(locale), stylesheet=lambda name: Markup(theme_source(env, name))
    )
    return env


def render_prep_html(
    dossier: Dossier,
    facts: Brief,
    plan: Plan,
    *,
    theme: Theme,
    redacted: bool = False,
    locale: str = "en",
) -> str:
    env = prep_environment(theme, locale)
    facts = dataclasses.replace(facts, tactics=words.with_counters(facts.tactics, locale))
    return env.get_template(PREP_TEMPLATE).render(
        dossier=dossier,
        brief=facts,
        plan=plan,
        line=number_line(facts.figures),
        layout=columns_for(dossier),
        redacted=redacted,
        today=facts.today,
        created=facts.today.isoformat(),
    )


def render_sheet(
    dossier: Dossier,
    today: dt.date,
    *,
    paper: str,
    theme: Theme,
    redacted: bool,
    locale: str = "en",
) -> Sheet:
    """The part of `prep` that runs templates and WeasyPrint: what the render child does."""
    facts = brief(dossier, today)

    def render(plan: Plan) -> str:
        try:
            return render_prep_html(
                dossier, facts, plan, theme=theme, redacted=redacted, locale=locale
            )
        except jinja2.TemplateError as exc:
            raise RenderError(template_problem(exc)) from None

    fitted = fit_one_page(render, _list_sizes(dossier, facts), paper=paper, assets=list(theme.dirs))
    layout = fitted.layout
    pdf = layout.write_pdf()
    return Sheet(fitted.html, pdf, fitted.plan, fitted.layouts, layout.warnings, layout.refused)


def describe_cuts(plan: Plan, dossier: Dossier, today: dt.date) -> list[str]:
    """What the reader does not see, in words: 'tactics: 3 of 9 shown', 'left out: deadlines'."""
    facts = brief(dossier, today)
    totals = _list_sizes(dossier, facts)
    notes = [
        f"{unit}: {shown} of {totals[unit]} shown"
        for unit, shown in sorted(plan.limits.items())
        if unit in totals and shown < totals[unit]
    ]
    dropped = [s for s in SECTIONS if s in plan.dropped]
    if "rapport-notes" in plan.dropped and "rapport" not in plan.dropped:
        dropped.append("rapport notes")
    if dropped:
        notes.append("left out: " + ", ".join(dropped))
    if plan.text_limit:
        notes.append(f"long notes cut to {plan.text_limit} characters")
    return notes


def _list_sizes(dossier: Dossier, facts) -> dict[str, int]:
    n, p, r = dossier.negotiation, dossier.person, dossier.relationship
    interests = n.interests if n else None
    return {
        "tactics": len(facts.tactics),
        "buttons": len(dossier.buttons),
        "theirs": len(interests.theirs) if interests else 0,
        "ours": len(interests.ours) if interests else 0,
        "concessions": len(n.concessions) if n else 0,
        "questions": len(n.questions) if n else 0,
        "contacts": len(r.contacts) if r else 0,
        "family": len(p.family) if p else 0,
        "hobbies": len(p.hobbies) if p else 0,
        "deadlines": len(facts.deadlines),
    }
