"""`briefgen pitch`: the positioning pitch (seed 000: "Elisa is an accomplished, world class
traveler and professional..."), as text for an email, Markdown, HTML or a one-page PDF.

A pitch is made for someone outside, so privacy is by construction: the dossier becomes a
`PublicPitch` (the name and the `pitch:` section, nothing else) before any template runs, and
the templates load only from pitch template folders, in a Jinja sandbox.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefgen.dossier.model import Dossier, Item
from briefgen.dossier.privacy import redact
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError, RenderError
from briefgen.files import write_atomic
from briefgen.render.theme import Theme

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
class Pronoun:
    """The forms of one pronoun, named after the `they` forms so a template reads naturally:
    `{{ p.they }} {{ p.are }}` is "she is" for she and "they are" for they."""

    they: str
    them: str
    their: str
    are: str
    have: str
    were: str
    plural: bool

    @property
    def they_ll(self) -> str:
        return f"{self.they}'ll"

    def verb(self, base: str) -> str:
        """The verb agreeing with this pronoun: verb('thrive') is 'thrives' for she."""
        return conjugate(base, self.plural)


PRONOUNS = {
    "she": Pronoun("she", "her", "her", "is", "has", "was", plural=False),
    "he": Pronoun("he", "him", "his", "is", "has", "was", plural=False),
    "they": Pronoun("they", "them", "their", "are", "have", "were", plural=True),
}


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
    """The only data a pitch ever sees. Items marked `sensitive: true` are dropped, should the
    pitch section ever hold items rather than plain phrases."""
    if dossier.pitch is None:
        raise BriefgenError(NO_PITCH.format(source=source))
    section = redact(dossier.pitch)
    view = PublicPitch(
        name=dossier.name,
        first_name=first_name(dossier.name),
        pronoun=section.pronoun,
        audience=section.audience,
        headline=_phrase_of(section.headline),
        traits=_phrases(section.traits),
        best_match=_phrases(section.best_match),
        culture=_phrases(section.culture),
    )
    if view.empty:
        raise BriefgenError(EMPTY_PITCH.format(source=source))
    return view


def _phrase_of(value: Any) -> str | None:
    if value is None or (isinstance(value, Item) and value.sensitive):
        return None
    text = getattr(value, value.shorthand) if isinstance(value, Item) else value
    return clean(str(text)) or None


def _phrases(values: list[Any]) -> tuple[str, ...]:
    return tuple(p for p in (_phrase_of(v) for v in values) if p)


TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame", "rev"})


def first_name(name: str) -> str:
    """'Elisa Marchetti' -> 'Elisa'; 'Dr. Ann Lee' -> 'Ann'; a single name stays whole."""
    words = name.split()
    for word in words[:-1]:
        if word.rstrip(".").lower() not in TITLES:
            return word
    return words[-1] if words else name


# -- Prose: the helpers that make the dossier's phrases read like a person wrote them. --------

_ABBREVIATION = re.compile(
    r"(?:\b(?:etc|inc|ltd|co|corp|jr|sr|st|vs|approx)|(?:\b[A-Za-z]\.)+[A-Za-z])\.$", re.IGNORECASE
)
_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.$")  # '..' but not an ellipsis '...'
_LEADING_WORD = re.compile(r"[^\W\d_]+")


def clean(text: str) -> str:
    """A phrase without stray whitespace or the end punctuation a sentence will supply
    ('cultured.' -> 'cultured'); abbreviations keep their full stop ('Acme Inc.')."""
    text = " ".join(text.split())
    while text and text[-1] in ".,;:" and not _ABBREVIATION.search(text):
        text = text[:-1].rstrip()
    return text


def phrase(text: str) -> str:
    """A phrase as it reads mid-sentence: 'Cultured and sophisticated.' -> 'cultured and
    sophisticated'. A capital that only marked the start of the item is lowered; an acronym,
    a mixed-case word (MBA, McKinsey) and 'I' keep theirs."""
    text = clean(str(text))
    word = _LEADING_WORD.match(text)
    letters = word[0] if word else ""
    if (len(letters) > 1 and letters[0].isupper() and letters[1:].islower()) or letters == "A":
        text = text[0].lower() + text[1:]
    return text


def sentence(text: str) -> str:
    """One sentence: whitespace collapsed, a capital first and one full stop at the end,
    whatever the dossier's casing and punctuation."""
    text = " ".join(str(text).split()).rstrip(",;:").rstrip()
    text = _DOUBLED_STOP.sub(".", text)
    if not text:
        return ""
    for index, char in enumerate(text):
        if char.isalnum():
            text = text[:index] + char.upper() + text[index + 1 :]
            break
    return text if _END.search(text) else text + "."


def capital(text: str) -> str:
    """A list item on the sheet: a capital first, no end punctuation."""
    text = clean(str(text))
    return text[:1].upper() + text[1:]


def series(items: Any, conjunction: str = "and") -> str:
    """Items joined the way a person writes them: 'a, b and c'. Items that hold commas are
    kept apart with semicolons ('a; b, c; and d'), and items that hold 'and' get a comma
    before the last one, so the list never reads ambiguously."""
    parts = [phrase(item) for item in items if str(item).strip()]
    if len(parts) <= 1:
        return "".join(parts)
    if any("," in part for part in parts):
        if len(parts) == 2:
            return f"{parts[0]}, {conjunction} {parts[1]}"
        return "; ".join(parts[:-1]) + f"; {conjunction} {parts[-1]}"
    serial = any(f" {conjunction} " in part for part in parts)
    head = ", ".join(parts[:-1])
    return f"{head}{',' if serial else ''} {conjunction} {parts[-1]}"


def prose(text: str) -> str:
    """A paragraph on one line: a template may spread it over several."""
    return " ".join(str(text).split())


# Verbs a trait may start with ("speaks four languages"), so it reads "she speaks" / "they speak".
VERBS = frozenset(
    """be have do go speak love enjoy know like bring build lead run travel cook write think
    work make take get live value thrive care prefer want need dance play read hold own manage
    collect volunteer mentor listen keep give find plan paint sing teach coach ski sail swim
    hike cycle believe seek appreciate adore laugh fly grow win raise help create design
    follow spend say miss put turn show treat light stay speak""".split()  # noqa: SIM905
)
IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}
PLURAL = {"be": "are"}
ADVERBS = frozenset({"never", "always", "often", "still", "also", "rarely", "usually", "really"})
CLAUSE_STARTS = frozenset(
    {
        "her",
        "his",
        "their",
        "she",
        "he",
        "they",
        "she's",
        "he's",
        "they're",
        "she'll",
        "he'll",
        "they'll",
        "people",
        "everyone",
        "everybody",
        "friends",
    }
)
ARTICLES = frozenset({"a", "an", "the", "one"})


def third_person(base: str) -> str:
    if base in IRREGULAR:
        return IRREGULAR[base]
    if re.search(r"(s|sh|ch|x|z)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


_BASES = {third_person(verb): verb for verb in VERBS} | {verb: verb for verb in VERBS}
_BASES.update({"is": "be", "are": "be"})


def conjugate(base: str, plural: bool) -> str:
    base = _BASES.get(base.lower(), base.lower())
    return PLURAL.get(base, base) if plural else third_person(base)


def _words(text: str) -> list[str]:
    return [w.strip("\"'()").lower() for w in text.split()]


def trait_kind(text: str, first: str) -> str:
    """How a trait fits a sentence: 'clause' stands alone ('her style puts people at ease'),
    'does' follows the subject ('speaks four languages'), 'noun' and 'adjective' follow
    'is' ('an electric personality', 'cultured and sophisticated')."""
    words = _words(text)
    if not words:
        return "adjective"
    if words[0] in CLAUSE_STARTS or words[0] == first.lower():
        return "clause"
    verb = words[1] if words[0] in ADVERBS and len(words) > 1 else words[0]
    if verb in _BASES:
        return "does"
    if words[0] in ARTICLES:
        return "noun"
    return "adjective"


def agree(text: str, plural: bool) -> str:
    """'speaks four languages' for she, 'speak four languages' for they."""
    words = text.split(" ")
    index = 1 if words[0].lower() in ADVERBS and len(words) > 1 else 0
    words[index] = conjugate(words[index], plural)
    return " ".join(words)


@dataclass
class _Group:
    kind: str
    items: list[str]
    clause: str | None = None


class Narrator:
    """Who a sentence is about: the full name at the first mention, then the pronoun and the
    first name in turn, so the prose neither repeats the full name nor says "she" six times.
    Templates call it in reading order: `{{ say.be() }}`, `{{ say.will() }}`,
    `{{ say.does('thrive') }}`, `{{ say.name() }}`, `{{ say.qualities() }}`."""

    def __init__(self, view: PublicPitch, pronoun: Pronoun):
        self.view = view
        self.p = pronoun
        self.mentions = 0

    def __repr__(self) -> str:  # the default repr shows a memory address: output must not vary
        return f"Narrator({self.view.name!r})"

    def subject(self) -> str:
        return self._next()[0]

    def _next(self) -> tuple[str, bool]:
        """(subject, plural verb?): a name always takes a singular verb, 'they' a plural one."""
        count = self.mentions
        self.mentions += 1
        if count == 0:
            return self.view.name, False
        if count % 2 == 1:
            return self.p.they, self.p.plural
        return self.view.first_name, False

    def name(self) -> str:
        """The name where it is not the subject: full at the first mention, then the first name."""
        self.mentions += 1
        return self.view.name if self.mentions == 1 else self.view.first_name

    def be(self) -> str:
        who, plural = self._next()
        return f"{who} {'are' if plural else 'is'}"

    def will(self) -> str:
        who, _ = self._next()
        return f"{who}'ll" if who == self.p.they else f"{who} will"

    def does(self, verb: str) -> str:
        who, plural = self._next()
        return f"{who} {conjugate(verb, plural)}"

    def qualities(self) -> str:
        """The traits as sentences. Consecutive traits of one kind share a sentence
        ('she is warm, funny and generous'); a clause joins the sentence before it."""
        groups: list[_Group] = []
        for trait in self.view.traits:
            kind = trait_kind(trait, self.view.first_name)
            last = groups[-1] if groups else None
            if kind == "clause" and last and last.kind != "clause" and last.clause is None:
                last.clause = trait
            elif kind != "clause" and last and last.kind == kind and last.clause is None:
                last.items.append(trait)
            else:
                groups.append(_Group(kind, [trait]))
        sentences = []
        if groups and groups[0].kind == "clause" and self.mentions == 0:
            sentences.append(sentence(f"meet {self.name()}"))
        for group in groups:
            if group.kind == "clause":
                sentences.append(sentence(group.items[0]))
                continue
            if group.kind == "does":
                who, plural = self._next()
                body = f"{who} {series(agree(phrase(i), plural) for i in group.items)}"
            else:
                body = f"{self.be()} {series(group.items)}"
            if group.clause:
                body += f", and {phrase(group.clause)}"
            sentences.append(sentence(body))
        return " ".join(sentences)


# -- Markdown: a value must read as written, never as markup. ---------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def markdown_text(text: str) -> str:
    """Plain text as Markdown that renders to the same text: specials backslash-escaped,
    line breaks kept as hard breaks."""
    lines = []
    for line in str(text).split("\n"):
        line = _MD_SPECIAL.sub(r"\\\1", line)
        line = _MD_LINE_START.sub(lambda m: m[1] + "\\" + m[2], line)
        lines.append(line)
    return "\\\n".join(lines)


# -- Templates: their own loader (pitch folders only), sandboxed, StrictUndefined. ------------


@cache
def pitch_environment(theme: Theme, *, html: bool) -> SandboxedEnvironment:
    """The pitch theme's environment (pitch template folders only) with the pitch filters."""
    env = theme.environment(html=html)
    env.filters.update(
        sentence=sentence,
        phrase=phrase,
        series=series,
        capital=capital,
        prose=prose,
        md=markdown_text,
    )
    env.globals.update(sentence=sentence, series=series)
    return env


def _context(view: PublicPitch) -> dict[str, Any]:
    pronoun = PRONOUNS[view.pronoun]
    return {
        "name": view.name,
        "first_name": view.first_name,
        "pitch": view,
        "p": pronoun,
        "say": Narrator(view, pronoun),
    }


def _render(env: SandboxedEnvironment, template: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateNotFound as exc:
        missing = exc.name if exc.name != template else template
        raise RenderError(
            f"pitch template not found: {missing!r} "
            "(pitch templates load only from templates/pitch/)"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            f"pitch template {exc.filename or exc.name or template}:{exc.lineno}: {exc.message}"
        ) from None
    except jinja2.UndefinedError as exc:
        raise RenderError(
            f"pitch template {template}: {exc.message}; a pitch template sees only {CONTEXT_NAMES}"
        ) from None
    except jinja2.TemplateError as exc:  # SecurityError from the sandbox, among others
        raise RenderError(f"pitch template {template}: {exc}") from None
    except RecursionError:
        raise RenderError(f"pitch template {template}: it includes itself") from None


def render_text(view: PublicPitch, audience: str, theme: Theme) -> str:
    """The pitch as plain text: one template per audience, paragraphs split by a blank line."""
    text = _render(pitch_environment(theme, html=False), f"{audience}.txt.j2", _context(view))
    return tidy(text)


def tidy(text: str) -> str:
    """Trailing spaces and runs of blank lines gone; one newline at the end."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return joined + "\n" if joined else ""


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def render_markdown(view: PublicPitch, text: str, theme: Theme) -> str:
    context = _context(view) | {"paragraphs": paragraphs(text)}
    return tidy(_render(pitch_environment(theme, html=False), MARKDOWN_TEMPLATE, context))


def render_sheet(view: PublicPitch, audience: str, text: str, theme: Theme) -> str:
    """The pitch sheet's HTML: autoescaped, so a value never becomes markup."""
    context = _context(view) | {"audience": audience, "paragraphs": paragraphs(text)}
    return _render(pitch_environment(theme, html=True), SHEET_TEMPLATE, context)


# -- The command. -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PitchResult:
    """What `make_pitch` made: the content (text, md, html) or the file it wrote."""

    audience: str
    format: str
    content: str | None = None
    path: Path | None = None
    notes: tuple[str, ...] = field(default=())


def output_name(source: Path) -> str:
    """`<dossier file stem>-pitch.pdf`, made safe: it can never leave the output folder."""
    stem = unicodedata.normalize("NFKC", source.stem)
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.ASCII).strip("-.") or "dossier"
    return stem[:100] + "-pitch.pdf"


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
        target = Path(out_dir) / output_name(path)
    if target is not None and path.exists() and target.resolve() == path.resolve():
        raise BriefgenError(f"{target}: that is the dossier itself; choose another -o file")

    view = public_view(load_dossier(path), path)
    chosen = audience or view.audience or DEFAULT_AUDIENCE
    notes = list(_missing_notes(view, chosen, path))
    theme = Theme.for_dossier(path, "pitch")
    text = render_text(view, chosen, theme)

    if fmt == "text":
        content = text
    elif fmt == "md":
        content = render_markdown(view, text, theme)
    else:
        content = render_sheet(view, chosen, text, theme)
    if fmt == "pdf":
        data, warnings = _pdf(content, theme)
        notes += [f"{path}: pitch sheet: {w}" for w in warnings]
        assert target is not None
        return PitchResult(chosen, fmt, None, write_atomic(target, data), tuple(notes))
    if target is not None:
        written = write_atomic(target, content.encode("utf-8"))
        return PitchResult(chosen, fmt, None, written, tuple(notes))
    return PitchResult(chosen, fmt, content, None, tuple(notes))


def _pdf(html: str, theme: Theme) -> tuple[bytes, list[str]]:
    from briefgen.render.pdf import (
        lay_out,  # WeasyPrint is slow to import: only the pdf format pays for it
    )

    layout = lay_out(html, assets=list(theme.dirs))
    if layout.pages != 1:
        raise RenderError(
            f"the pitch sheet runs to {layout.pages} pages, and a pitch is one page: "
            "shorten pitch.traits, pitch.best_match or pitch.culture"
        )
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
