"""`briefgen pitch`: the positioning pitch (seed 000: "Elisa is an accomplished, world class
traveler and professional..."), as text for an email, Markdown, HTML or a one-page PDF.

A pitch is made for someone outside, so privacy is by construction: the dossier becomes a
`PublicPitch` (the name and the `pitch:` section, nothing else) before any template runs, and
the templates load only from pitch template folders, in a Jinja sandbox.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError, RenderError
from briefgen.files import write_atomic
from briefgen.render.fit import html_size
from briefgen.render.output import output_name
from briefgen.render.theme import Theme, builtin_templates, shown_path
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
FORMATS = ("text", "md", "html", "pdf")
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
CONTEXT_NAMES = "name, first_name, pitch, p and say (and paragraphs, audience in the sheet)"
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


def public_view(dossier: Dossier, source: str | os.PathLike[str] = "dossier") -> PublicPitch:
    """The only data a pitch ever sees: the name and the `pitch:` section's phrases."""
    section = dossier.pitch
    if section is None:
        raise BriefgenError(NO_PITCH.format(source=source))
    view = PublicPitch(
        name=dossier.name,
        first_name=first_name(dossier.name),
        pronoun=section.pronoun,
        audience=section.audience,
        headline=clean(section.headline or "") or None,
        traits=_phrases(section.traits),
        best_match=_phrases(section.best_match),
        culture=_phrases(section.culture),
    )
    if view.empty:
        raise BriefgenError(EMPTY_PITCH.format(source=source))
    return view


def _phrases(values: list[str]) -> tuple[str, ...]:
    return tuple(p for p in (clean(str(v)) for v in values) if p)


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
    for line in str(text).split("\n"):
        line = _MD_SPECIAL.sub(lambda m: "\\" + m[0], line)
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
        env.globals.update(sentence=grammar_fr.sentence, series=env.filters["series"])


def _context(view: PublicPitch, locale: Locale) -> dict[str, Any]:
    if language(locale) == "fr":
        return grammar_fr.french_pitch_context(view, locale)
    pronoun = PRONOUNS[view.pronoun]
    return {
        "name": view.name,
        "first_name": view.first_name,
        "pitch": view,
        "p": pronoun,
        "say": Narrator(view, pronoun),
    }


def _render(env: SandboxedEnvironment, template: str, context: dict[str, Any]) -> str:
    """Run a pitch template. Whatever goes wrong in a user's template is a located message,
    `templates/pitch/matchmaker.txt.j2:3: division by zero`; in a built-in one it is a bug."""
    try:
        return env.get_template(template).render(context)
    except BriefgenError:
        raise  # a template that leads outside its folder, said so by the loader
    except jinja2.TemplateSyntaxError as exc:
        where = f"{shown_path(exc.filename or exc.name or template)}:{exc.lineno}"
        raise RenderError(f"{where}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        message = (
            f"template not found: {exc.name!r} (pitch templates load only from templates/pitch/)"
        )
        raise RenderError(f"{_where(exc, template)}: {message}") from None
    except jinja2.UndefinedError as exc:
        message = f"{exc.message}; a pitch template sees only {CONTEXT_NAMES}"
        raise RenderError(f"{_where(exc, template)}: {message}") from None
    except jinja2.TemplateError as exc:  # SecurityError from the sandbox, among others
        raise RenderError(f"{_where(exc, template)}: {exc.message or exc}") from None
    except RecursionError as exc:
        raise RenderError(f"{_where(exc, template)}: it includes itself") from None
    except Exception as exc:  # ZeroDivisionError, TypeError, ... in a template's expression
        frame = _template_frame(exc)
        if frame is None or _is_builtin(frame.filename):
            raise  # our own template or code: a bug, with its traceback
        raise RenderError(f"{shown_path(frame.filename)}:{frame.lineno}: {exc}") from None


def _template_frame(exc: BaseException) -> traceback.FrameSummary | None:
    """The innermost template line in `exc`'s traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return frames[-1] if frames else None


def _where(exc: BaseException, template: str) -> str:
    frame = _template_frame(exc)
    return f"{shown_path(frame.filename)}:{frame.lineno}" if frame else template


def _is_builtin(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(builtin_templates().resolve())


def render_text(view: PublicPitch, audience: str, theme: Theme, locale: Locale) -> str:
    """The pitch as plain text: one template per audience, paragraphs split by a blank line."""
    env = pitch_environment(theme, html=False, locale=locale)
    text = _render(env, f"{audience}.txt.j2", _context(view, locale))
    return tidy(text)


def tidy(text: str) -> str:
    """Trailing spaces and runs of blank lines gone; one newline at the end."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return joined + "\n" if joined else ""


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def render_markdown(view: PublicPitch, text: str, theme: Theme, locale: Locale) -> str:
    context = _context(view, locale) | {"paragraphs": paragraphs(text)}
    env = pitch_environment(theme, html=False, locale=locale)
    return tidy(_render(env, MARKDOWN_TEMPLATE, context))


def render_sheet(view: PublicPitch, audience: str, text: str, theme: Theme, locale: Locale) -> str:
    """The pitch sheet's HTML: autoescaped, so a value never becomes markup."""
    context = _context(view, locale) | {"audience": audience, "paragraphs": paragraphs(text)}
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
) -> PitchResult:
    """Load a dossier and make its pitch. Text, md and html are returned (or written to
    `output`); a PDF is always written: to `output`, or `out_dir/<stem>-pitch.pdf`."""
    path = Path(source)
    fmt = choose_format(output_format, output)
    if fmt not in FORMATS:
        raise BriefgenError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if audience is not None and audience not in AUDIENCES:
        raise BriefgenError(f"unknown audience {audience!r}: use one of {', '.join(AUDIENCES)}")
    target = Path(output) if output is not None else None
    if target is None and fmt == "pdf":
        target = Path(out_dir) / output_name(path, "pitch")
    if target is not None and path.exists() and target.resolve() == path.resolve():
        raise BriefgenError(f"{target}: that is the dossier itself; choose another -o file")

    dossier = load_dossier(path)
    locale, fallback = pitch_locale(choose_locale(locale, dossier.locale))
    lang = language(locale)
    view = public_view(dossier, path)
    chosen = audience or view.audience or DEFAULT_AUDIENCE
    notes = [f"{path}: {fallback}"] if fallback else []
    notes += list(_missing_notes(view, chosen, path))
    if lang == "en":  # the English grammar's doubts; French sentences are built differently
        notes += list(_unclear_traits(view, path))
    theme = Theme.for_dossier(path, "pitch", language=None if lang == "en" else lang)
    text = render_text(view, chosen, theme, locale)

    if fmt == "text":
        content = text
    elif fmt == "md":
        content = render_markdown(view, text, theme, locale)
    else:
        content = render_sheet(view, chosen, text, theme, locale)
    if fmt == "pdf":
        data, warnings = _pdf(content, theme, path)
        notes += [f"{path}: pitch sheet: {w}" for w in warnings]
        assert target is not None
        return PitchResult(chosen, fmt, None, write_atomic(target, data), tuple(notes))
    if target is not None:
        written = write_atomic(target, content.encode("utf-8"))
        return PitchResult(chosen, fmt, None, written, tuple(notes))
    return PitchResult(chosen, fmt, content, None, tuple(notes))


def _pdf(html: str, theme: Theme, path: Path) -> tuple[bytes, list[str]]:
    """The sheet laid out and written in the limited render child, as prep's is; a sheet far
    too long for a page is refused from its HTML alone, before any layout."""
    from briefgen.render.child import isolated

    text, items = html_size(html)
    if text > TEXT_BUDGET or items > ITEM_BUDGET:
        raise RenderError(
            f"{path}: the pitch sheet holds {text:,} characters in {items} list items, "
            f"several pages' worth, and {TOO_LONG}"
        )
    return isolated(lambda: _lay_out_pdf(html, theme), what=str(path))


def _lay_out_pdf(html: str, theme: Theme) -> tuple[bytes, list[str]]:
    """What the render child does: lay out, check the page count, write the PDF."""
    from briefgen.render.pdf import lay_out  # WeasyPrint is slow to import: only pdf pays

    layout = lay_out(html, assets=list(theme.dirs))
    if layout.pages != 1:
        raise RenderError(f"the pitch sheet runs to {layout.pages} pages, and {TOO_LONG}")
    return layout.write_pdf(), list(layout.warnings)


def _missing_notes(view: PublicPitch, audience: str, path: Path):
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
        if read_trait(trait, view.first_name).unclear:
            yield (
                f'{path}: pitch.traits: {trait!r}: read as "{as_read(trait, view.first_name)}"\n'
                f'  hint: if that is wrong, begin the trait with "is", "has" or another verb, '
                f'or write it as a whole sentence beginning with "{pronoun}"'
            )
