"""The one error family a user can cause. The CLI turns any BriefgenError into a clean
message and exit status 1; every other exception is a bug and keeps its traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located mistake in a dossier: `file:line:col: key.path: message` plus a hint."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


class BriefgenError(Exception):
    """A mistake in the user's input or environment, reported without a traceback."""


class DossierError(BriefgenError):
    """A dossier that cannot be read or does not follow the format; holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(BriefgenError):
    """A dossier or template that could not be turned into a document."""
