"""`briefgen prep`: the one-page prep sheet, from dossier file to PDF on disk.

The template and WeasyPrint run in a child process with limits (`render.child.isolated`); the
page engine (`render.engine`) keeps the sheet on one page, with the sheet's description from
`documents.sheet`; this process only writes what the child returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from briefgen.documents.job import Job, Say
from briefgen.documents.numberline import (  # noqa: F401 - re-exported for the tests
    FigureMark,
    Mark,
    NumberLine,
    figure_marks,
    number_line,
    sheet_line,
    text_width_mm,
    with_deal_zone,
)
from briefgen.documents.sheet import SHEET_METRICS, Floors, cut_words, sheet_spec
from briefgen.dossier.load import Document, load_file
from briefgen.dossier.model import Dossier
from briefgen.dossier.privacy import redact as redact_dossier
from briefgen.dossier.validate import validate
from briefgen.errors import BriefgenError, RenderError
from briefgen.facts.brief import Brief, brief, meeting_day
from briefgen.facts.checks import suspects
from briefgen.files import write_atomic
from briefgen.render.engine import (
    Plan,
    first_plan,
    fit_page,
    html_size,
    section_weights,
    trim_to_budget,
)
from briefgen.render.output import assign_outputs, discover, output_name
from briefgen.render.theme import Theme, builtin_templates, template_problem
from briefgen.text import localized, typeset, words
from briefgen.text.i18n import Locale, warm
from briefgen.text.markdown import inline_html, to_html
from briefgen.text.typography import typeset_html

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
    notices: list[str] = field(default_factory=list)  # what the reader must know: a past meeting
    checks: list[str] = field(default_factory=list)  # likely mistakes: 'file:line:col: words'

    def report(self) -> str:
        """For standard error: what had to be cut to fit one page, in a line (none when
        nothing was), then a line for each notice."""
        parts = list(self.shortened)
        lines = [f"{self.source}: to fit one page: " + "; ".join(parts)] if parts else []
        lines += [f"{self.source}: {notice}" for notice in self.notices]
        lines += self.checks
        return "\n".join(lines)


@dataclass(frozen=True)
class Sheet:
    """What the render child hands back: all the parent needs to write and report."""

    html: str
    pdf: bytes
    plan: Plan
    layouts: int
    warnings: list[str]
    refused: list[str]
    sizes: dict[str, int] = field(default_factory=dict)  # the lists' full lengths, for cut_words


def prep_sheet(source: str | os.PathLike[str], job: Job) -> PrepResult:
    """Load, validate, compute, render and write one dossier's prep sheet into `job.output`,
    in the job's locale (--locale), else the dossier's `locale:`, else English."""
    import briefgen.render.pdf  # noqa: F401 - WeasyPrint, imported once here: render children inherit it
    from briefgen.render.child import isolated

    path = Path(source)
    document = load_file(path)
    written = validate(document)
    dossier = redact_dossier(written) if job.redact else written
    theme = Theme.for_dossier(path)
    locale = job.locale_for(dossier)
    found = check_lines(document, written, job.today, locale)
    warm(locale)  # catalogue and CLDR data loaded here: render children inherit them
    precompile(theme, locale)
    sheet = isolated(
        lambda: render_sheet(dossier, job, theme=theme, locale=locale),
        what=str(path),
    )
    target = job.output / output_name(path, "prep", redacted=job.redact)
    html_path = None
    if job.html:
        html_path = write_atomic(target.with_suffix(".html"), sheet.html.encode("utf-8"))
    write_atomic(target, sheet.pdf)
    return PrepResult(
        path,
        target,
        html_path,
        sheet.layouts,
        f"{sheet.plan.body:g} pt type",
        cut_words(sheet.plan, sheet.sizes),
        sheet.warnings,
        sheet.refused,
        notices(dossier, job.today, locale),
        found,
    )


def check_lines(document: Document, dossier: Dossier, today: dt.date, locale: Locale) -> list[str]:
    """`check`'s likely mistakes that the sheet flags (facts.checks), for standard error: where
    each was written (in the dossier as written, before any redaction) and what is wrong, in
    the sheet's language, as its red line says it."""
    lines = []
    for found in suspects(dossier, today):
        line, column = document.locate(found.path)
        lines.append(f"{document.file}:{line}:{column}: {words.check_words(found, locale)}")
    return lines


def prep_sheets(paths: Sequence[str | os.PathLike[str]], job: Job, say: Say) -> bool:
    """`briefgen prep`: a sheet for every dossier under `paths` (files as given, folders
    searched, mirrored into sub-folders of `job.output`), each said as it is written. A
    dossier named twice is rendered once; dossiers that would share an output name are
    refused by name; a missing path or a failed dossier is said and the others still
    rendered. True when every one was written."""
    from briefgen.render.pdf import SLOW_SUBSET_HINT, slow_font_subsetting

    if slow_font_subsetting():
        say(f"briefgen: {SLOW_SUBSET_HINT}", True)
    failed = False
    found: list[tuple[Path, Path]] = []
    for raw in paths:
        try:
            found += list(discover([str(raw)], job.output))
        except BriefgenError as exc:
            say(str(exc), True)
            failed = True
    outputs = assign_outputs(found, "prep", redacted=job.redact)  # the one clash rule
    for clash in outputs.clashes:
        say(clash, True)
    failed = failed or bool(outputs.clashes)
    planned = set(outputs.targets)  # the dossiers that get a sheet
    for source, folder in found:
        if source not in planned:
            continue  # named twice (rendered at its first mention) or refused as a clash
        planned.discard(source)
        try:
            result = prep_sheet(source, job.into(folder))
        except BriefgenError as exc:
            say(str(exc), True)
            failed = True
            continue
        if result.report():
            say(result.report(), True)
        for warning in result.warnings:  # what WeasyPrint logged, in layout and in writing
            say(f"{source}: WeasyPrint: {warning}", True)
        say(str(result.pdf), False)
        if result.html:
            say(str(result.html), False)
    return not failed


def notices(dossier: Dossier, today: dt.date, locale: Locale) -> list[str]:
    """What the person printing the sheet must hear, in the sheet's language: a meeting that
    has already taken place."""
    day = meeting_day(dossier)  # not the whole brief: that is computed in the render child
    if day is not None and day < today:
        return [words.meeting_passed(day, (day - today).days, locale)]
    return []


@dataclass(frozen=True)
class Zones:
    """Where the sections stand: across the full width under who and when (`top`), then one
    flow over the two columns in the order of use (`flow`), the same on every paper."""

    top: tuple[str, ...]
    flow: tuple[str, ...]


def columns_for(dossier: Dossier) -> Zones:  # noqa: ARG001 - one order for every dossier
    spec = sheet_spec()
    return Zones(spec.top(), spec.flow())


def newest_first(items: list[Any]) -> list[Any]:
    """Dated items (meetings, exchanges) newest first; undated ones last, in their order."""
    return sorted(items, key=lambda item: item.date or dt.date.min, reverse=True)


def theme_source(env: SandboxedEnvironment, name: str) -> str:
    """A stylesheet's text, found on the theme's search path, to include raw in the page."""
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def precompile(theme: Theme, locale: Locale) -> None:
    """Compile the sheet's built-in templates in this process, before the render child is
    forked: every child inherits them compiled (one compile however many sheets a run
    renders). A template the user's folder overrides is neither read nor compiled here: it
    compiles in the child, where its cost is limited."""
    env = prep_environment(theme, locale)
    builtin = builtin_templates()
    names = [PREP_TEMPLATE, "base.html.j2"]
    names += [f"prep/{p.name}" for p in sorted((builtin / "prep").glob("*.html.j2"))]
    for name in names:
        if any(os.path.lexists(folder / name) for folder in theme.dirs[:-1]):
            continue
        try:
            env.get_template(name)
        except (jinja2.TemplateError, BriefgenError, OSError):
            continue  # the child meets it again and says what is wrong


def prep_environment(theme: Theme, locale: Locale) -> SandboxedEnvironment:
    """The theme's environment for the sheet in `locale` (built once a process by the Theme,
    built-in templates kept compiled between runs): money, dates, Markdown, the words for
    facts, and `_`/`ngettext` for labels, `lang` for `<html lang>` (see text/i18n.py)."""
    return theme.environment(html=True, locale=locale, setup=_sheet_helpers, keep_compiled=True)


def _sheet_helpers(env: SandboxedEnvironment, locale: Locale) -> None:
    env.filters.update(localized.filters(locale), markdown=to_html, inline=inline_html)
    env.globals.update(
        localized.helpers(locale),
        newest_first=newest_first,
        stylesheet=lambda name: Markup(theme_source(env, name)),
    )


def render_prep_html(
    dossier: Dossier,
    facts: Brief,
    plan: Plan,
    *,
    theme: Theme,
    redacted: bool = False,
    locale: Locale,
) -> str:
    env = prep_environment(theme, locale)
    facts = dataclasses.replace(facts, tactics=words.with_counters(facts.tactics, locale))
    metrics = plan.metrics or SHEET_METRICS
    scale = metrics.type_scale(plan.body)
    line = sheet_line(
        facts.figures,
        facts.offer_plan,
        width_mm=metrics.content_mm(plan.paper)[0],
        value_pt=scale["lead"],
        label_pt=scale["label"],
        locale=locale,
    )
    page = env.get_template(PREP_TEMPLATE).render(
        dossier=dossier,
        brief=facts,
        plan=plan,
        line=line,
        layout=columns_for(dossier),
        redacted=redacted,
        today=facts.today,
        created=facts.today.isoformat(),
    )
    # no line breaks between a number and its unit; French: the dossier's apostrophes and
    # spaces typeset as the labels are
    return typeset_html(typeset.bind_html(page), locale)


def render_sheet(dossier: Dossier, job: Job, *, theme: Theme, locale: Locale) -> Sheet:
    """The part of `prep` that runs templates and WeasyPrint: what the render child does."""
    facts = brief(dossier, job.today)

    def render(plan: Plan) -> str:
        try:
            return render_prep_html(
                dossier, facts, plan, theme=theme, redacted=job.redact, locale=locale
            )
        except (BriefgenError, RecursionError, MemoryError):
            raise  # said already, or said by the render child ("nested too deeply", memory)
        except Exception as exc:  # a user's template can raise anything: say where, in words
            problem = template_problem(exc)
            if problem is None:
                raise  # briefgen's own template or code: a bug, with its traceback
            raise RenderError(problem) from None

    sizes = _list_sizes(dossier, facts)
    spec = sheet_spec(_floors(dossier, facts))
    first, html = trim_to_budget(
        Plan(paper=job.paper.name, body=SHEET_METRICS.reference, metrics=SHEET_METRICS),
        sizes,
        spec,
        render,
    )
    first = first_plan(
        spec,
        job.paper.name,
        first_size(html, job.paper.name),
        section_weights(html),
        base=first,
    )
    fitted = fit_page(render, spec, paper=job.paper.name, assets=list(theme.dirs), first=first)
    layout = fitted.layout
    pdf = layout.write_pdf()
    return Sheet(
        fitted.html, pdf, fitted.plan, fitted.layouts, layout.warnings, layout.refused, sizes
    )


# The first layout's type size, from the sheet's text alone: a page holds about
# PAGE_CHARACTERS characters at 9 pt (its text grows with the square of the size). Near the
# mark the first layout is the final one; far off, it is the measure the solver works from.
PAGE_CHARACTERS = {"a4": 3700, "letter": 3400}


def first_size(html: str, paper: str) -> float:
    """The guessed body size in pt, not rounded to the sheet's sizes: a guess well under the
    smallest is a page that will be cut (`render.engine.first_plan`)."""
    text, _ = html_size(html)
    return float(9.0 * (PAGE_CHARACTERS.get(paper, 5000) / max(text, 1)) ** 0.5)


def _floors(dossier: Dossier, facts: Brief) -> Floors:
    """The items of this dossier's lists that are never cut: every hot button, and the
    deadlines up to the next one still ahead."""
    hot = sum(1 for b in dossier.buttons if b.kind == "hot")
    ahead = next(
        (i + 1 for i, d in enumerate(facts.deadlines) if not d.done and not d.overdue),
        len(facts.deadlines),
    )
    return Floors(hot_buttons=hot, next_deadline=ahead)


def _list_sizes(dossier: Dossier, facts: Brief) -> dict[str, int]:
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
        "meetings": len([m for m in r.meetings if m.note]) if r else 0,
        "exchanges": len(r.reciprocity) if r else 0,
        "demands": len(r.demands) if r else 0,
        "criteria": len(n.criteria) if n else 0,
        "accusation_audit": len(n.accusation_audit) if n else 0,
        "labels": len(n.labels) if n else 0,
        "black_swans": len(n.black_swans) if n else 0,
    }
