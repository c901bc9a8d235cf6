"""One job: what the person asked for, validated once by the CLI (flags over `briefgen.toml`'s
defaults) and handed whole to prep, pitch, watch and build, so no option is threaded by hand
through a dozen parameters and none can be dropped on the way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefgen.dossier.model import Dossier
from briefgen.render.paper import A4, Paper
from briefgen.text.i18n import Locale, choose_locale

Say = Callable[[str, bool], None]  # how the library speaks: a line, and whether it is for stderr


@dataclass(frozen=True)
class Job:
    """What to render, where to, and how: the day the dates are computed from, the paper, the
    language (`locale` None: each dossier's own `locale:`, else English), whether sensitive
    items are left out, whether the HTML is written beside the PDF."""

    today: dt.date
    output: Path = Path("output")
    paper: Paper = A4
    locale: Locale | None = None
    redact: bool = False
    html: bool = False
    sources: tuple[Path, ...] = field(default=())

    def locale_for(self, dossier: Dossier) -> Locale:
        """The language one dossier's documents are written in: --locale, else its
        `locale:`, else English."""
        return choose_locale(self.locale, dossier.locale)

    def into(self, output: Path) -> Job:
        """The same job writing into another folder (a dossier in a sub-folder)."""
        return replace(self, output=output)

    def on(self, today: dt.date) -> Job:
        """The same job on another day (a watch left running overnight)."""
        return replace(self, today=today)
