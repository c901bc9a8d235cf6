"""Step 4a of the pipeline: the prep sheet's HTML, from a dossier, its brief and a fit plan.

Templates come from a user's `templates/` folder (beside their `profiles/`) first, then the
built-in ones, so a user overrides any template or the stylesheet by giving its name. A user's
templates may be a colleague's, so they run sandboxed and are read only inside their folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from . import formatting
from .compute import Brief, Figures
from .errors import RenderError
from .markdown import inline_html, to_html
from .model import Dossier
from .resources import builtin_templates

PREP_TEMPLATE = "prep.html.j2"

# Sections of the sheet, most important first. The first four are never dropped.
SECTIONS = (
    "header",
    "numbers",
    "tactics",
    "buttons",
    "interests",
    "questions",
    "accounts",
    "rapport",
    "positioning",
    "timeline",
    "health",
)
NEVER_DROPPED = frozenset(SECTIONS[:4])


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


@dataclass(frozen=True)
class Level:
    """One rung of the fit ladder: type sizes in pt, spacing as a factor."""

    name: str
    body: float
    spacing: float

    def css(self) -> str:
        s, b = self.spacing, self.body
        return (
            ":root {"
            f" --fs-body: {b:.2f}pt; --fs-small: {b * 0.84:.2f}pt; --fs-label: {b * 0.78:.2f}pt;"
            f" --fs-lead: {b * 1.3:.2f}pt; --fs-name: {b * 2.5:.2f}pt;"
            f" --lh: {1.22 + 0.14 * s:.3f}; --gap: {5.5 * s:.2f}mm; --item-gap: {1.6 * s:.2f}pt;"
            f" --col-gap: {8 * s:.2f}mm;"
            " }"
        )


LEVELS = (
    Level("design size", 8.7, 0.9),
    Level("tighter spacing", 8.7, 0.55),
    Level("8.2 pt type", 8.2, 0.45),
    Level("7.8 pt type", 7.8, 0.35),
    Level("7.4 pt type", 7.4, 0.25),
    Level("7 pt type", 7.0, 0.2),
)


@dataclass
class Plan:
    """What the sheet shows: the type level, list limits and dropped sections."""

    level: Level = LEVELS[0]
    limits: dict[str, int] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    paper: str = "a4"
    text_limit: int | None = None  # the last resort: long notes cut at a word boundary

    def cut(self, key: str, items: list[Any]) -> tuple[list[Any], int]:
        """The items to show and how many were left out ('+3 more')."""
        limit = self.limits.get(key)
        if limit is None or limit >= len(items):
            return list(items), 0
        return list(items[:limit]), len(items) - limit

    def shows(self, section: str) -> bool:
        return section not in self.dropped

    def clip(self, text: str) -> str:
        if self.text_limit is None or len(text) <= self.text_limit:
            return text
        return text[: self.text_limit].rsplit(" ", 1)[0].rstrip(" ,;:.") + " …"


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


def template_dirs(dossier_path: Path | None) -> list[Path]:
    """The user's templates (a `templates/` folder beside the dossier's folder), then ours."""
    dirs = []
    if dossier_path is not None:
        user = dossier_path.resolve().parent.parent / "templates"
        if user.is_dir() and user != builtin_templates():
            dirs.append(user)
    dirs.append(builtin_templates())
    return dirs


def environment(dirs: list[Path]) -> jinja2.Environment:
    """One environment per set of template folders, so each template compiles once a run."""
    return _environment(tuple(dirs))


class ContainedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that serves a template only if it lies inside its folder: a symlink
    in a colleague's templates/ must not put ~/.ssh/id_rsa on the sheet."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        resolved = Path(filename).resolve()
        if not any(resolved.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            raise RenderError(f"template {filename} leads outside its folder, to {resolved}")
        return source, filename, uptodate


@cache
def _environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    env = SandboxedEnvironment(  # a template cannot reach Python: no os, no file, no import
        loader=ContainedLoader([str(d) for d in dirs]),
        autoescape=True,  # every prep template is HTML, CSS or SVG; select_autoescape misses *.j2
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        money=formatting.money,
        number=formatting.number,
        long_date=formatting.long_date,
        short_date=formatting.short_date,
        partial_date=formatting.partial_date,
        clock=formatting.clock,
        markdown=to_html,
        inline=inline_html,
    )
    env.globals.update(
        plural=formatting.plural,
        years_since=formatting.years_since,
        stylesheet=lambda name: Markup(env.loader.get_source(env, name)[0]),
    )
    return env


def render_prep_html(
    dossier: Dossier,
    brief: Brief,
    plan: Plan,
    *,
    dirs: list[Path],
    redacted: bool = False,
) -> str:
    env = environment(dirs)
    return env.get_template(PREP_TEMPLATE).render(
        dossier=dossier,
        brief=brief,
        plan=plan,
        line=number_line(brief.figures),
        layout=columns_for(dossier),
        redacted=redacted,
        today=brief.today,
        created=brief.today.isoformat(),
    )
