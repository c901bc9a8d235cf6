"""Every dossier under some folders, loaded for the portfolio views (`agenda`, `calendar`):
valid ones redacted (an agenda or a calendar leaves the user's hands), invalid ones kept as
their locations only: where the problem is, never what the value was (`check` says that)."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.dossier.discover import find_dossiers
from briefgen.dossier.model import Dossier
from briefgen.dossier.privacy import redact
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError, DossierError
from briefgen.files import ReadRefused
from briefgen.text.terminal import terminal_safe


@dataclass
class Portfolio:
    dossiers: list[tuple[str, Dossier]] = field(default_factory=list)  # (path, redacted)
    problems: list[str] = field(default_factory=list)  # one per invalid dossier: where it is wrong
    # The same dossiers unredacted: only ever counted (what the agenda hid), never shown.
    private: list[tuple[str, Dossier]] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems


def shown_path(path: str | os.PathLike[str]) -> str:
    """A dossier's path as an agenda, a calendar or their messages show it: `/`-separated,
    with what is unprintable or not UTF-8 written as escapes (`caf\\xe9.yaml`), so the text
    and the JSON stay valid UTF-8 and nothing can move the cursor."""
    return terminal_safe(Path(path).as_posix())


def located(path: str | os.PathLike[str], exc: BriefgenError) -> str:
    """An invalid dossier's problems, located but without their message: a message may quote
    the value (`walk_away: expected a number, got '45k'`), and an agenda or a calendar is shown
    and shared. `briefgen check` prints the whole."""
    shown = shown_path(path)
    hint = f"  hint: briefgen check {shlex.quote(shown)} says what is wrong"
    if isinstance(exc, DossierError) and exc.problems:
        lines = []
        for problem in exc.problems:
            where = shown_path(problem.file)
            if problem.line:
                where += f":{problem.line}:{problem.column}"
            lines.append(f"{where}: {terminal_safe(problem.path) or 'dossier'}: not valid")
        return "\n".join([*lines, hint])
    if isinstance(exc, ReadRefused):
        return f"{shown}: {exc.reason}"
    return f"{shown}: not a valid dossier\n{hint}"


def load_portfolio(paths: list[str | os.PathLike[str]]) -> Portfolio:
    """Load every dossier under `paths`; an invalid one is reported, never fatal."""
    files = find_dossiers(paths)
    if not files:
        raise BriefgenError(
            "no dossier files (*.yaml, *.yml) found in " + ", ".join(map(str, paths))
        )
    portfolio = Portfolio()
    for path in files:
        try:
            dossier = load_dossier(path)
        except BriefgenError as exc:
            portfolio.problems.append(located(path, exc))
            continue
        key = Path(path).as_posix()
        portfolio.dossiers.append((key, redact(dossier)))
        portfolio.private.append((key, dossier))
    return portfolio
