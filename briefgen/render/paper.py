"""The paper a document is printed on: its size and the sheet's margins, in mm, named once.

The prep sheet's stylesheet (templates/prep.css) sets the same margins in `@page`; the page
engine reads them from here to know the printed width of each column.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.errors import BriefgenError


@dataclass(frozen=True)
class Paper:
    """A paper size by name (`a4`, `letter`), with its width and height and the page margins
    (top, right, bottom, left) every briefgen document uses."""

    name: str
    width_mm: float
    height_mm: float
    margins_mm: tuple[float, float, float, float] = (11.0, 12.0, 12.0, 12.0)

    @property
    def css_size(self) -> str:
        """The CSS `@page { size: ... }` keyword."""
        return "A4" if self.name == "a4" else self.name

    @property
    def content_width_mm(self) -> float:
        return self.width_mm - self.margins_mm[1] - self.margins_mm[3]

    @property
    def content_height_mm(self) -> float:
        return self.height_mm - self.margins_mm[0] - self.margins_mm[2]

    @classmethod
    def named(cls, name: str) -> Paper:
        """The paper called `name` (any case); an unknown name is a BriefgenError."""
        found = PAPERS.get(name.strip().lower())
        if found is None:
            raise BriefgenError(
                f"unknown paper {name!r}: use one of {', '.join(PAPERS)}\n"
                "  hint: a4 is 210 x 297 mm, letter is 8.5 x 11 in"
            )
        return found


A4 = Paper("a4", 210.0, 297.0)
LETTER = Paper("letter", 215.9, 279.4)
PAPERS = {paper.name: paper for paper in (A4, LETTER)}
