"""`briefgen check`: find dossier files and validate each, collecting every problem."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.dossier.discover import find_dossiers
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError, DossierError, Problem


@dataclass
class CheckReport:
    checked: list[Path] = field(default_factory=list)
    problems: dict[Path, list[Problem]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        total = len(self.checked)
        noun = "dossier" if total == 1 else "dossiers"
        if self.ok:
            return f"{total} {noun} checked: all valid"
        count = sum(len(p) for p in self.problems.values())
        bad = len(self.problems)
        return (
            f"{total} {noun} checked: {total - bad} valid, {bad} with "
            f"{count} problem{'s' if count != 1 else ''}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "files": [
                {
                    "file": str(path),
                    "valid": path not in self.problems,
                    "problems": [p.as_dict() for p in self.problems.get(path, [])],
                }
                for path in self.checked
            ],
            "summary": self.summary(),
        }


def check_paths(paths: list[str | os.PathLike[str]]) -> CheckReport:
    files = find_dossiers(paths)
    if not files:
        raise BriefgenError(
            "no dossier files (*.yaml, *.yml) found in " + ", ".join(map(str, paths))
        )
    report = CheckReport(checked=files)
    for path in files:
        try:
            load_dossier(path)
        except DossierError as exc:
            report.problems[path] = exc.problems
    return report
