"""`briefgen pitch`: the positioning pitch (seed 000: "Elisa is an accomplished, world class
traveler and professional..."), as text for an email, Markdown, HTML or a one-page PDF.

A pitch is made for someone outside, so privacy is by construction: the dossier becomes a
`PublicPitch` (the name and the `pitch:` section, nothing else) before any template runs, and
the templates load only from pitch template folders, in a Jinja sandbox.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from briefgen.dossier.model import Dossier, PitchItem
from briefgen.dossier.project import load_project
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError, RenderError
from briefgen.files import write_atomic
from briefgen.render.engine import html_size
from briefgen.render.output import output_name
from briefgen.render.paper import A4, Paper
from briefgen.render.theme import Theme, template_problem
from briefgen.text import grammar_fr
from briefgen.text.grammar import (
    PRONOUNS,
    Narrator,
    as_read,
    capital,
    clean,
    first_name,
    phrase,
    prose,
    read_trait,
    sentence,
    series,
)
from briefgen.text.i18n import Locale, choose_locale, language, pitch_locale

AUDIENCES = ("matchmaker", "recruiter", "agent", "client")
FORMATS = ("text", "md", "html", "pdf", "email")
DEFAULT_AUDIENCE = "client"
SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
SHEET_TEMPLATE = "sheet.html.j2"
MARKDOWN_TEMPLATE = "pitch.md.j2"
EMAIL_TEMPLATE = "email.txt.j2"
CONTEXT_NAMES = (
    "name, first_name, pitch, p, say, sender and on_sheet "
    "(and paragraphs, audience, page_css in the sheet)"
)
NO_SENDER = (
    "pitch: no sender: add a [sender] table (name, role, contact) to briefgen.toml at the "
    "project's root to sign pitches"
)
# What a pitch sheet's HTML may hold before it is laid out: about three pages (a page holds
# about 2,000 characters; Elisa's sheet 980 in 7 list items). More would only be laid out to
# fail, and layout time grows faster than the text: refuse it at once.
TEXT_BUDGET = 6_000  # characters of text
ITEM_BUDGET = 60  # list items
TOO_LONG = "a pitch is one page: shorten pitch.traits, pitch.best_match or pitch.culture"

NO_PITCH = (
    "{source}: no `pitch:` section, and a pitch draws only from it (besides the name).\n"
    "  hint: add one, e.g.\n"
    "    pitch:\n"
    "      pronoun: she\n"
    "      headline: an accomplished, world class traveler and professional\n"
    "      traits: [cultured and sophisticated]\n"
    "      best_match: [someone successful who likes to travel]\n"
    "  `briefgen new NAME --kind candidate` starts a dossier with one."
)
EMPTY_PITCH = (
    "{source}: pitch: nothing to say yet\n"
    "  hint: add pitch.headline and pitch.traits (and best_match for a matchmaker, "
    "culture for a recruiter)"
)


# -- The public view: everything a pitch template may see. ------------------------------------


@dataclass(frozen=True)
class PublicPitch:
    """The name and the `pitch:` section as plain strings: no reference to the dossier."""

    name: str
    first_name: str
    pronoun: str
    audience: str | None
    headline: str | None
    traits: tuple[str, ...] = ()
    best_match: tuple[str, ...] = ()
    culture: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.headline or self.traits or self.best_match or self.culture)


def public_view(
    dossier: Dossier, source: str | os.PathLike[str] = "dossier", tags: tuple[str, ...] = ()
) -> PublicPitch:
    """The only data a pitch ever sees: the name and the `pitch:` section's phrases. With
    `tags` (`pitch --for finance`), the untagged lines and those carrying one of the tags;
    without, the untagged lines only. A line marked `sensitive: true` never."""
    section = dossier.pitch
    if section is None:
        raise BriefgenError(NO_PITCH.format(source=source))
    wanted = frozenset(t.strip().lower() for t in tags)
    view = PublicPitch(
        name=dossier.name,
        first_name=first_name(dossier.name),
        pronoun=section.pronoun,
        audience=section.audience,
        headline=clean(section.headline or "") or None,
        traits=_phrases(section.traits, wanted),
        best_match=_phrases(section.best_match, wanted),
        culture=_phrases(section.culture, wanted),
    )
    if view.empty:
        raise BriefgenError(EMPTY_PITCH.format(source=source))
    return view


def _phrases(items: list[PitchItem], tags: frozenset[str]) -> tuple[str, ...]:
    kept = (
        clean(item.text)
        for item in items
        if not item.sensitive and (not item.tags or tags.intersection(item.tags))
    )
    return tuple(p for p in kept if p)


def pitch_tags(dossier: Dossier) -> tuple[str, ...]:
    """Every tag the dossier's pitch lines carry, sorted: the variants `--for` can make."""
    section = dossier.pitch
    if section is None:
        return ()
    lines = [*section.traits, *section.best_match, *section.culture]
    return tuple(sorted({tag for line in lines for tag in line.tags}))


# -- The sender: who signs the pitch, from briefgen.toml's [sender] table. ---------------------


@dataclass(frozen=True)
class Sender:
    """The person sending the pitch (the user, not the dossier's subject)."""

    name: str
    role: str | None = None
    contact: str | None = None


def read_sender(dossier_path: str | os.PathLike[str]) -> Sender | None:
    """[sender] from the project's briefgen.toml (read by `dossier.project`, the one reader):
    name, role, contact. None when there is no file or no table; a malformed one is a located
    error."""
    project = load_project(dossier_path)
    given = project.sender
    if not given:
        return None
    name = " ".join(given.name.split())
    if not name:
        raise BriefgenError(f"{project.config}: sender.name: missing; a pitch is signed by a name")
    return Sender(
        name, " ".join(given.role.split()) or None, " ".join(given.contact.split()) or None
    )


# -- Markdown: a value must read as written, never as markup. ---------------------------------

# Only what Markdown would read as markup, so the text still reads as written when pasted
# as plain text: 'P&L', 'snake_case' and '2 * 3' stay as they are.
_MD_SPECIAL = re.compile(
    r"[\\`\[\]]"  # escapes, code, links and images
    r"|(?<!\s)[*~]|[*~](?!\s)"  # emphasis and strikethrough, unless between spaces
    r"|(?<![^\W_])_|_(?![^\W_])"  # '_' emphasis, unless inside a word
    r"|&(?=#?[0-9A-Za-z]+;)"  # an entity such as &amp; or &#42;
    r"|<(?=[A-Za-z/!?])"  # raw HTML and autolinks
)
_MD_LINE_START = re.compile(r"^(\s*)([#>+=*-]|\d+[.)])")


def markdown_text(text: str) -> str:
    """Plain text as Markdown that renders to the same text: what would be markup
    backslash-escaped, line breaks kept as hard breaks."""
    lines = []
    for raw in str(text).split("\n"):
        line = _MD_SPECIAL.sub(lambda m: "\\" + m[0], raw)
        line = _MD_LINE_START.sub(lambda m: m[1] + "\\" + m[2], line)
        lines.append(line)
    return "\\\n".join(lines)


# -- Templates: their own loader (pitch folders only), sandboxed, StrictUndefined. ------------


def pitch_environment(theme: Theme, *, html: bool, locale: Locale) -> SandboxedEnvironment:
    """The pitch theme's environment (pitch template folders only) with the pitch filters, in
    the pitch's language: French sentences come from text/grammar_fr."""
    return theme.environment(html=html, locale=locale, setup=_pitch_filters)


def _pitch_filters(env: SandboxedEnvironment, locale: Locale) -> None:
    env.filters.update(
        sentence=sentence,
        phrase=phrase,
        series=series,
        capital=capital,
        prose=prose,
        md=markdown_text,
    )
    env.globals.update(sentence=sentence, series=series)
    if language(locale) == "fr":
        env.filters.update(grammar_fr.filters(locale))
        env.globals.update(sentence=sentence, series=env.filters["series"])


def _context(
    view: PublicPitch, locale: Locale, sender: Sender | None = None, *, on_sheet: bool = False
) -> dict[str, Any]:
    """What a pitch template sees. `on_sheet`: the text is for the PDF sheet, whose masthead
    already says the headline and whose lists say the best matches and culture, so the
    paragraph leaves them out (one statement of each thing)."""
    if language(locale) == "fr":
        context = grammar_fr.french_pitch_context(view, locale)
    else:
        pronoun = PRONOUNS[view.pronoun]
        context = {
            "name": view.name,
            "first_name": view.first_name,
            "pitch": view,
            "p": pronoun,
            "say": Narrator(view, pronoun),
        }
    return context | {"sender": sender, "on_sheet": on_sheet}


def _render(env: SandboxedEnvironment, template: str, context: dict[str, Any]) -> str:
    """Run a pitch template. Whatever goes wrong in a user's template is a located message,
    `templates/pitch/matchmaker.txt.j2:3: division by zero`; in a built-in one it is a bug."""
    try:
        return env.get_template(template).render(context)
    except BriefgenError:
        raise  # a template that leads outside its folder, said so by the loader
    except Exception as exc:  # ZeroDivisionError, TypeError, ... in a template's expression
        problem = template_problem(
            exc,
            template,
            not_found=" (pitch templates load only from templates/pitch/)",
            undefined=f"; a pitch template sees only {CONTEXT_NAMES}",
        )
        if problem is None:
            raise  # our own template or code: a bug, with its traceback
        raise RenderError(problem) from None


def render_text(
    view: PublicPitch,
    audience: str,
    theme: Theme,
    locale: Locale,
    *,
    on_sheet: bool = False,
    sender: Sender | None = None,
) -> str:
    """The pitch as plain text: one template per audience, paragraphs split by a blank line."""
    env = pitch_environment(theme, html=False, locale=locale)
    text = _render(env, f"{audience}.txt.j2", _context(view, locale, sender, on_sheet=on_sheet))
    return tidy(text)


def render_email(
    view: PublicPitch, audience: str, theme: Theme, locale: Locale, sender: Sender | None = None
) -> str:
    """A short introduction to paste into an email: greeting, two sentences, the ask, the
    sender."""
    env = pitch_environment(theme, html=False, locale=locale)
    context = _context(view, locale, sender) | {"audience": audience}
    return _render(env, EMAIL_TEMPLATE, context).strip("\n") + "\n"


def tidy(text: str) -> str:
    """Trailing spaces and runs of blank lines gone; one newline at the end."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return joined + "\n" if joined else ""


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def render_markdown(
    view: PublicPitch, text: str, theme: Theme, locale: Locale, sender: Sender | None = None
) -> str:
    context = _context(view, locale, sender) | {"paragraphs": paragraphs(text)}
    env = pitch_environment(theme, html=False, locale=locale)
    return tidy(_render(env, MARKDOWN_TEMPLATE, context))


# The sheet's type and spacing, as the design sets them (pitch.css): the fit scales the type
# (and the spacing with it) by `scale`, and the vertical spacing alone by `air`.
SHEET_SIZES = {
    "fs-body": (10.5, "pt"),
    "fs-list": (11.5, "pt"),
    "fs-pitch": (13.5, "pt"),
    "fs-label": (7.5, "pt"),
    "fs-lead": (14.0, "pt"),
    "fs-name": (34.0, "pt"),
}
SHEET_SPACES = {"gap": 9.0, "head-pad": 4.0, "item-gap": 1.8}  # mm, times scale and air
SHEET_PAD = 6.0  # mm, the pitch panel's padding: times scale only (air would hollow it)


def page_css(paper: Paper = A4, scale: float = 1.0, air: float = 1.0) -> Markup:
    """The paper and the fitted sizes, after the sheet's stylesheet: `@page` size, the type
    variables times `scale`, the spacing times `scale` and `air`."""
    size = paper.css_size
    sizes = [f"--{k}: {v * scale:.2f}{unit}" for k, (v, unit) in SHEET_SIZES.items()]
    sizes += [f"--{k}: {v * scale * air:.2f}mm" for k, v in SHEET_SPACES.items()]
    sizes.append(f"--pad: {SHEET_PAD * scale:.2f}mm")
    sizes.append(f"--lh-pitch: {min(1.75, 1.55 + 0.1 * (air - 1)):.3f}")
    return Markup(f"@page {{ size: {size}; }} :root {{ {'; '.join(sizes)}; }}")


def render_pitch_sheet(
    view: PublicPitch,
    audience: str,
    text: str,
    theme: Theme,
    locale: Locale,
    *,
    sender: Sender | None = None,
    paper: Paper = A4,
    scale: float = 1.0,
    air: float = 1.0,
) -> str:
    """The pitch sheet's HTML: autoescaped, so a value never becomes markup. `text` is the
    sheet's paragraph (render_text with on_sheet=True)."""
    context = _context(view, locale, sender, on_sheet=True) | {
        "audience": audience,
        "paragraphs": paragraphs(text),
        "page_css": page_css(paper, scale, air),
    }
    return _render(pitch_environment(theme, html=True, locale=locale), SHEET_TEMPLATE, context)


# -- The command. -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PitchResult:
    """What `make_pitch` made: the content (text, md, html) or the file it wrote."""

    audience: str
    format: str
    content: str | None = None
    path: Path | None = None
    notes: tuple[str, ...] = field(default=())


def choose_format(output_format: str | None, output: str | os.PathLike[str] | None) -> str:
    """--format when given, else from -o's extension (.md, .html, .pdf), else text."""
    if output_format:
        return output_format
    if output is not None:
        return SUFFIX_FORMATS.get(Path(output).suffix.lower(), "text")
    return "text"


def make_pitch(
    source: str | os.PathLike[str],
    *,
    audience: str | None = None,
    output_format: str | None = None,
    output: str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] = "output",
    locale: str | None = None,
    paper: Paper | str = A4,
    tags: tuple[str, ...] = (),
) -> PitchResult:
    """Load a dossier and make its pitch. Text, md, html and email are returned (or written to
    `output`); a PDF is always written, on `paper`: to `output`, or `out_dir/<stem>-pitch.pdf`.
    `tags` chooses the variant (`--for`): the untagged lines and those with one of the tags.

    Every template runs in the limited render child (render/child.isolated), as a prep sheet
    does: a user's template that never ends is stopped after BRIEFGEN_RENDER_TIMEOUT."""
    path = Path(source)
    fmt = choose_format(output_format, output)
    if fmt not in FORMATS:
        raise BriefgenError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if audience is not None and audience not in AUDIENCES:
        raise BriefgenError(f"unknown audience {audience!r}: use one of {', '.join(AUDIENCES)}")
    paper = Paper.named(paper) if isinstance(paper, str) else paper
    target = Path(output) if output is not None else None
    if target is None and fmt == "pdf":
        target = Path(out_dir) / output_name(path, "pitch")
    if target is not None and path.exists() and target.resolve() == path.resolve():
        raise BriefgenError(f"{target}: that is the dossier itself; choose another -o file")

    dossier = load_dossier(path)
    locale, fallback = pitch_locale(choose_locale(locale, dossier.locale))
    lang = language(locale)
    view = public_view(dossier, path, tags)
    chosen = audience or view.audience or DEFAULT_AUDIENCE
    notes = [f"{path}: {fallback}"] if fallback else []
    notes += list(_missing_notes(view, chosen, path))
    if lang == "en":  # the English grammar's doubts; French sentences are built differently
        notes += list(_unclear_traits(view, path))
    unknown = sorted({t.strip().lower() for t in tags} - set(pitch_tags(dossier)))
    if unknown:
        notes.append(f"{path}: pitch: no line is tagged {', '.join(unknown)}")
    sender = read_sender(path)
    if sender is None and fmt in ("pdf", "email"):
        notes += _no_sender_note()
    theme = Theme.for_dossier(path, "pitch", language=None if lang == "en" else lang)
    job = _Job(view, chosen, fmt, theme, locale, sender, paper, str(path))
    content, data, warnings = _run_isolated(job)
    if fmt == "pdf":
        notes += [f"{path}: pitch sheet: {w}" for w in warnings]
        assert target is not None
        assert data is not None
        return PitchResult(chosen, fmt, None, write_atomic(target, data), tuple(notes))
    assert content is not None
    if target is not None:
        written = write_atomic(target, content.encode("utf-8"))
        return PitchResult(chosen, fmt, None, written, tuple(notes))
    return PitchResult(chosen, fmt, content, None, tuple(notes))


_SAID: set[str] = set()


def _no_sender_note() -> list[str]:
    """The missing sender, said once a process (a build makes many pitches)."""
    if NO_SENDER in _SAID:
        return []
    _SAID.add(NO_SENDER)
    return [NO_SENDER]


@dataclass(frozen=True)
class _Job:
    """One pitch to make: everything the render child needs."""

    view: PublicPitch
    audience: str
    fmt: str
    theme: Theme
    locale: Locale
    sender: Sender | None
    paper: Paper
    what: str


def _run_isolated(job: _Job) -> tuple[str | None, bytes | None, list[str]]:
    """Make the pitch in the render child. A mistake in a template comes back as it was
    raised (`templates/pitch/x.txt.j2:3: ...`), a layout failure as 'could not render ...',
    a template that runs too long as the child's time-out."""
    from briefgen.render.child import isolated

    outcome = isolated(lambda: _captured(job), what=job.what)
    if outcome[0] == "error":
        raise RenderError(outcome[1]) if outcome[2] else BriefgenError(outcome[1])
    return outcome[1], outcome[2], outcome[3]


def _captured(job: _Job) -> tuple[Any, ...]:
    """What the child does: a template's mistake is returned as its message (isolated would
    prefix it), a layout's failure raised (isolated says 'could not render <dossier>')."""
    try:
        if job.fmt == "email":
            email = render_email(job.view, job.audience, job.theme, job.locale, job.sender)
            return ("ok", email, None, [])
        if job.fmt in ("pdf", "html"):
            text = render_text(
                job.view, job.audience, job.theme, job.locale, on_sheet=True, sender=job.sender
            )

            def html(scale: float, air: float = 1.0) -> str:
                return render_pitch_sheet(
                    job.view,
                    job.audience,
                    text,
                    job.theme,
                    job.locale,
                    sender=job.sender,
                    paper=job.paper,
                    scale=scale,
                    air=air,
                )

            first = html(1.0, 1.0)
            if job.fmt == "html":
                return ("ok", first, None, [])
        else:
            text = render_text(job.view, job.audience, job.theme, job.locale, sender=job.sender)
            if job.fmt == "md":
                text = render_markdown(job.view, text, job.theme, job.locale, job.sender)
            return ("ok", text, None, [])
    except BriefgenError as exc:
        return ("error", str(exc), isinstance(exc, RenderError))
    # A sheet far too long for a page is refused from its HTML alone, before any layout.
    size, _ = html_size(first)
    items = len(job.view.traits) + len(job.view.best_match) + len(job.view.culture)
    if size > TEXT_BUDGET or items > ITEM_BUDGET:
        message = (
            f"{job.what}: the pitch sheet holds {size:,} characters in {items} items, "
            f"several pages' worth, and {TOO_LONG}"
        )
        return ("error", message, True)
    data, warnings = _fit_pdf(html, first, job.theme)
    return ("ok", None, data, warnings)


# The sheet's fit: its type and spacing scaled so the content reaches about FILL of the page's
# height, never larger than MAX_SCALE (a short pitch then fills what it warrants: a half page),
# never smaller than MIN_SCALE (a longer one is refused: a pitch is one page).
FILL = 0.9
MAX_SCALE = 1.35
MIN_SCALE = 0.8
MAX_AIR = 2.2
FIT_TRIES = 4


def _fit_pdf(
    html: Callable[[float, float], str], first: str, theme: Theme
) -> tuple[bytes, list[str]]:
    """Lay the sheet out at the design size, then at the scale that fills the page; keep the
    largest that fits on one page."""
    from briefgen.render.pdf import font_configuration, lay_out, measure  # only pdf pays

    assets = list(theme.dirs)
    fonts = font_configuration()
    scale, source = 1.0, first
    best: tuple[float, Any] | None = None  # the largest scale that fits, and its layout
    over: float | None = None  # the smallest scale that does not
    pages = 1
    for _ in range(FIT_TRIES):
        layout = lay_out(source, assets=assets, fonts=fonts)
        measured = measure(layout)
        pages = measured.pages
        fill = measured.reach / measured.available if measured.available else 1.0
        fits = measured.pages == 1 and fill <= 1.0
        if fits:
            if best is None or scale > best[0]:
                best = (scale, layout)
            if fill >= FILL - 0.06:
                break
        elif over is None or scale < over:
            over = scale
        # The content's height grows about as the square of the scale (taller, more lines).
        wanted = scale * math.sqrt(FILL / max(fill, 0.05))
        if best is not None and over is not None:
            wanted = (best[0] + over) / 2
        elif not fits:
            wanted = min(wanted, scale * 0.93)
        wanted = round(min(MAX_SCALE, max(MIN_SCALE, wanted)), 3)
        if abs(wanted - scale) < 0.02 or (best is not None and wanted <= best[0]):
            break
        scale, source = wanted, html(wanted, 1.0)
    if best is None:
        raise RenderError(f"the pitch sheet runs to {max(pages, 2)} pages, and {TOO_LONG}")
    # At the largest type, a short pitch gets more air between its parts: the spacing grows
    # (linearly with `air`, measured twice) until the content reaches FILL, or MAX_AIR.
    scale, layout = best
    reach, available = _reach(layout, measure)
    if reach < (FILL - 0.06) * available:
        wider = lay_out(html(scale, 2.0), assets=assets, fonts=fonts)
        reach2, _ = _reach(wider, measure)
        slope = reach2 - reach  # what one unit of air adds
        if slope > 1:
            air = min(MAX_AIR, 1 + (FILL * available - reach) / slope)
            for candidate in (air, (1 + air) / 2):
                spaced = lay_out(html(scale, candidate), assets=assets, fonts=fonts)
                measured = measure(spaced)
                if measured.pages == 1 and measured.reach <= measured.available:
                    best = (scale, spaced)
                    break
    layout = best[1]
    return layout.write_pdf(), list(layout.warnings)


def _reach(layout: Any, measure: Callable[[Any], Any]) -> tuple[float, float]:
    measured = measure(layout)
    return measured.reach, measured.available


def _missing_notes(view: PublicPitch, audience: str, path: Path) -> Iterator[str]:
    if audience == "matchmaker" and not view.best_match:
        yield (
            f"{path}: pitch.best_match is empty: a matchmaker pitch says who "
            f"{view.first_name} will be most comfortable with"
        )
    if audience == "recruiter" and not view.culture:
        yield (
            f"{path}: pitch.culture is empty: a recruiter pitch says the kind of "
            f"organization {view.first_name} thrives in"
        )


def _unclear_traits(view: PublicPitch, path: Path) -> Iterator[str]:
    """A warning for each trait whose grammar briefgen could only guess."""
    pronoun = PRONOUNS[view.pronoun].they
    for trait in view.traits:
        reading = read_trait(trait, view.first_name)
        if not reading.unclear:
            continue
        said = f'{path}: pitch.traits: {trait!r}: read as "{as_read(trait, view.first_name)}"\n'
        if reading.article:  # read as a noun: the article settles it, a verb reads otherwise
            yield said + (
                f'  hint: write "{reading.article} {phrase(trait)}" to keep this reading, or '
                f'begin the trait with a verb ("mentors ...", "has ...") for the other'
            )
        else:
            yield said + (
                f'  hint: if that is wrong, begin the trait with "is", "has" or another verb, '
                f'or write it as a whole sentence beginning with "{pronoun}"'
            )
