"""`briefgen check`: find dossier files and validate each, collecting every problem, then warn
about likely mistakes in the valid ones (`review.warnings`)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.dossier.discover import find_dossiers
from briefgen.dossier.load import load_file
from briefgen.dossier.validate import validate
from briefgen.errors import BriefgenError, DossierError, Problem
from briefgen.review.warnings import warnings as find_warnings


def warning_text(problem: Problem) -> str:
    """`file:line:col: warning: key.path: message`, and the hint below, as errors print."""
    where = f"{problem.file}:{problem.line}:{problem.column}"
    text = f"{where}: warning: {problem.path}: {problem.message}"
    return f"{text}\n  hint: {problem.hint}" if problem.hint else text


@dataclass
class CheckReport:
    checked: list[Path] = field(default_factory=list)
    problems: dict[Path, list[Problem]] = field(default_factory=dict)
    warnings: dict[Path, list[Problem]] = field(default_factory=dict)
    strict: bool = False  # warnings count as problems

    @property
    def ok(self) -> bool:
        return not self.problems and not (self.strict and self.warnings)

    def summary(self) -> str:
        total = len(self.checked)
        noun = "dossier" if total == 1 else "dossiers"
        count = sum(len(p) for p in self.warnings.values())
        warned = f", {count} warning{'s' if count != 1 else ''}" if count else ""
        if self.strict and count:
            warned += " (--strict: warnings fail the check)"
        if not self.problems:
            return f"{total} {noun} checked: all valid{warned}"
        count = sum(len(p) for p in self.problems.values())
        bad = len(self.problems)
        return (
            f"{total} {noun} checked: {total - bad} valid, {bad} with "
            f"{count} problem{'s' if count != 1 else ''}{warned}"
        )

    def lines(self) -> list[str]:
        """Every problem and warning, file by file, in line order within a file."""
        out = []
        for path in self.checked:
            told = [(p, str(p)) for p in self.problems.get(path, [])]
            told += [(p, warning_text(p)) for p in self.warnings.get(path, [])]
            out += [text for _, text in sorted(told, key=lambda t: (t[0].line, t[0].column))]
        return out

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "files": [
                {
                    "file": str(path),
                    "valid": path not in self.problems,
                    "problems": [p.as_dict() for p in self.problems.get(path, [])],
                    "warnings": [p.as_dict() for p in self.warnings.get(path, [])],
                }
                for path in self.checked
            ],
            "summary": self.summary(),
        }


def check_paths(
    paths: list[str | os.PathLike[str]], *, today: dt.date | None = None, strict: bool = False
) -> CheckReport:
    files = find_dossiers(paths)
    if not files:
        raise BriefgenError(
            "no dossier files (*.yaml, *.yml) found in " + ", ".join(map(str, paths))
        )
    report = CheckReport(checked=files, strict=strict)
    for path in files:
        try:
            document = load_file(path)
            dossier = validate(document)
        except DossierError as exc:
            report.problems[path] = exc.problems
            continue
        if found := find_warnings(document, dossier, today or dt.date.today()):
            report.warnings[path] = found
    return report
