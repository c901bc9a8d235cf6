"""Every dossier under some folders, loaded for the portfolio views (`agenda`, `calendar`):
valid ones redacted (an agenda or a calendar leaves the user's hands), invalid ones kept as
their located errors, as `check` prints them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.dossier.discover import find_dossiers
from briefgen.dossier.model import Dossier
from briefgen.dossier.privacy import redact
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError


@dataclass
class Portfolio:
    dossiers: list[tuple[str, Dossier]] = field(default_factory=list)  # (path, redacted)
    problems: list[str] = field(default_factory=list)  # one message per invalid dossier

    @property
    def ok(self) -> bool:
        return not self.problems


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
            portfolio.problems.append(str(exc))
            continue
        portfolio.dossiers.append((Path(path).as_posix(), redact(dossier)))
    return portfolio
