"""Where the words of a PDF landed, from poppler's `pdftotext -bbox`, and which of them print
over each other. Reusable by any test that lays out a sheet.

Two glyph runs drawn over each other may come out of pdftotext as ONE word
("1,790,0001,850,000"), so a word is also checked against itself: a word much wider than its
characters can be at its own height is two words on top of or against each other.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    def __str__(self) -> str:
        box = f"{self.x0:.1f},{self.y0:.1f}-{self.x1:.1f},{self.y1:.1f}"
        return f"{self.text!r}@p{self.page}({box})"


def have_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def words(pdf: Path) -> list[Word]:
    """Every word on every page, in points from the page's top-left corner."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    found: list[Word] = []
    for number, page in enumerate(out.split("<page ")[1:]):
        for x0, y0, x1, y1, text in _WORD.findall(page):
            found.append(
                Word(number, html.unescape(text), float(x0), float(y0), float(x1), float(y1))
            )
    return found


def page_size(pdf: Path) -> tuple[float, float]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    match = _PAGE.search(out)
    assert match, "no page in the PDF"
    return float(match[1]), float(match[2])


def overlaps(
    found: list[Word], *, slack: float = 0.35, lines: float = 0.0
) -> list[tuple[Word, Word]]:
    """Pairs of words whose boxes cross. Boxes are the font's full ascent-to-descent, so lines
    set tight touch a little: two boxes collide when they share more than a sliver across
    (0.5 pt) and, down, more than `slack` of the shorter box's height and more than `lines`
    points (with `slack=0, lines=2`: a fixed 2 pt, which lets the header's large clock reach
    1.2 pt into the date line above it, as its box does without a glyph touching)."""
    hits = []
    ordered = sorted(found, key=lambda w: (w.page, w.x0))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.page != a.page or b.x0 >= a.x1 - 0.5:
                break
            across = min(a.x1, b.x1) - max(a.x0, b.x0)
            down = min(a.y1, b.y1) - max(a.y0, b.y0)
            if across > 0.5 and down > max(lines, slack * min(a.height, b.height)):
                hits.append((a, b))
    return hits


def run_together(found: list[Word]) -> list[Word]:
    """Words that are two figures printed against each other: '1,790,0001,850,000' is no
    number anyone wrote (a group of four digits after a comma)."""
    glued = re.compile(r"\d,\d{4}|\d{4},\d")
    return [w for w in found if glued.search(w.text)]


def off_the_page(found: list[Word], width: float, height: float) -> list[Word]:
    """Words that run past an edge of the page."""
    return [w for w in found if w.x0 < 0 or w.y0 < 0 or w.x1 > width or w.y1 > height]


def collisions(pdf: Path, *, slack: float = 0.35, lines: float = 0.0) -> list[str]:
    """Everything on the sheet that prints over something else or off the page, in words, for
    an assert (`slack` and `lines` as in `overlaps`)."""
    found = words(pdf)
    return (
        [f"{a} over {b}" for a, b in overlaps(found, slack=slack, lines=lines)]
        + [f"{w} is two figures run together" for w in run_together(found)]
        + [f"{w} runs off the page" for w in off_the_page(found, *page_size(pdf))]
    )
