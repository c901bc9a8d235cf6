"""How a prep sheet spends its page, measured from the PDF alone (no briefgen code): the type
sizes (pypdf's text extraction with each run's size), where the two columns end, how full and
how balanced they are, and the order of the section headings in each column. Used on the
examples and provoking dossiers (tests/documents/test_sheet_page.py), and on any PDF by hand:

    python -m tests.pagemeasure output/*.pdf
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdf

from tests.pdfboxes import Word, page_size, words

MM = 72 / 25.4
BOTTOM_MARGIN_MM = 11.0  # prep.css: @page margin-bottom (the footer lives in it)

# The section headings as printed (upper case), English and French, by zone.
AT_THE_TABLE = (
    "WATCH FOR",
    "BUTTONS",
    "INTERESTS AND CONCESSIONS",
    "QUESTIONS TO ASK",
    "DEADLINES",
    "À SURVEILLER",
    "BOUTONS",
    "INTÉRÊTS ET CONCESSIONS",
    "QUESTIONS À POSER",
    "ÉCHÉANCES",
)
BACKGROUND = (
    "ACCOUNT MAP",
    "RAPPORT",
    "RELATIONSHIP",
    "POSITIONING",
    "CARTE DU COMPTE",
    "RELATION",
    "POSITIONNEMENT",
)
TOP = ("THE NUMBERS", "GOAL", "THE PLAN", "LES CHIFFRES", "OBJECTIF", "LE PLAN")


def type_sizes(pdf: Path, *, running: bool = False, footer: bool = False) -> Counter[float]:
    """Characters of text per font size in pt (rounded to 0.1), over every page; `running`:
    lower-case letters only (running text, not the labels set in capitals); `footer`: the
    text in the bottom margin only, else everything but it."""
    sizes: Counter[float] = Counter()
    floor = BOTTOM_MARGIN_MM * MM  # from the bottom of the page, in PDF space
    for page in pypdf.PdfReader(pdf).pages:

        def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
            if not text.strip():
                return
            y = tm[5] * cm[3] + cm[5]  # the baseline, from the bottom (no rotation here)
            if (y < floor - 1) != footer:
                return
            scale = (tm[1] ** 2 + tm[3] ** 2) ** 0.5 * (cm[1] ** 2 + cm[3] ** 2) ** 0.5
            count = sum(c.islower() for c in text) if running else len(text.strip())
            sizes[round(size * scale, 1)] += count

        page.extract_text(visitor_text=visit)
    return sizes


@dataclass(frozen=True)
class Heading:
    text: str
    zone: str  # table | background | top
    x: float
    y: float


@dataclass(frozen=True)
class PageMeasure:
    """One sheet's page, in pt from the top-left corner."""

    body_pt: float  # the size most running text (lower-case letters) is set in
    smallest_pt: float  # the smallest size of any text but the footer's
    footer_pt: float
    top: float  # where the first section heading starts: the body of the page
    bottom: float  # the body's lower edge (the bottom margin)
    columns: tuple[float, float]  # where the text of the left and right columns ends
    headings: tuple[tuple[Heading, ...], tuple[Heading, ...]]  # per column, top to bottom
    pages: int
    right_first: float = 0.0  # where the right column's first text starts

    @property
    def right_continues(self) -> bool:
        """Whether the right column begins inside a section: text above its first heading
        (a section split over the two columns, its heading left behind)."""
        right = self.headings[1]
        return self.right_first > 0 and (not right or self.right_first < right[0].y - 1)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def fill(self) -> tuple[float, float]:
        """How far each column reaches down the body, 0 to 1."""
        return tuple((c - self.top) / self.height if c > 0 else 0.0 for c in self.columns)  # type: ignore[return-value]

    @property
    def fuller(self) -> float:
        return max(self.fill())

    @property
    def emptier(self) -> float:
        return min(self.fill())

    @property
    def both_hold_text(self) -> bool:
        return all(self.headings) or all(c > 0 for c in self.columns)

    @property
    def imbalance(self) -> float:
        """How far apart the columns end, as a share of the body height."""
        a, b = self.fill()
        return abs(a - b)

    def background_above_table(self) -> list[str]:
        """Columns where a background section stands above an at-the-table section."""
        found = []
        for side, column in zip(("left", "right"), self.headings, strict=True):
            zones = [h.zone for h in column if h.zone != "top"]
            if "background" in zones and "table" in zones[zones.index("background") :]:
                found.append(f"{side}: " + ", ".join(h.text for h in column))
        return found

    def order(self) -> list[str]:
        """The headings read column by column."""
        return [h.text for column in self.headings for h in column]

    def line(self) -> str:
        a, b = self.fill()
        return (
            f"body {self.body_pt:.1f} pt, smallest {self.smallest_pt:.1f} pt, "
            f"columns {a:.0%} / {b:.0%}, apart {self.imbalance:.0%}"
        )


def _headings(found: list[Word]) -> list[Heading]:
    """Section headings: runs of upper-case words on one line that spell a known heading
    (letter-spaced capitals come out of pdftotext as pieces: 'B U T TONS'), each the first
    thing in its column on that line."""
    rows: dict[tuple[int, float], list[Word]] = {}
    for w in found:
        rows.setdefault((w.page, round(w.y0, 0)), []).append(w)
    names = [
        (zone, name)
        for zone, group in (("top", TOP), ("table", AT_THE_TABLE), ("background", BACKGROUND))
        for name in group
    ]
    headings = []
    for row in rows.values():
        row.sort(key=lambda w: w.x0)
        for start, first in enumerate(row):
            previous = row[start - 1] if start else None
            if previous is not None and first.x0 - previous.x1 < 12:
                continue
            joined = ""
            for w in row[start:]:
                joined += w.text
                match = [(z, n) for z, n in names if n.replace(" ", "") == joined]
                if match:
                    zone, name = max(match, key=lambda m: len(m[1]))
                    headings.append(Heading(name, zone, first.x0, first.y0))
                    break
                if not any(n.replace(" ", "").startswith(joined) for _, n in names):
                    break
    return headings


def measure(pdf: Path) -> PageMeasure:
    width, height = page_size(pdf)
    found = [w for w in words(pdf) if w.page == 0]
    bottom = height - BOTTOM_MARGIN_MM * MM
    body = [w for w in found if w.y0 < bottom - 1]
    sizes = type_sizes(pdf)
    running = type_sizes(pdf, running=True)
    footer_sizes = type_sizes(pdf, footer=True)
    body_pt = running.most_common(1)[0][0] if running else 0.0
    smallest = min((s for s in sizes if s > 0), default=0.0)
    heads = _headings(body)
    top = min((h.y for h in heads), default=min((w.y0 for w in body), default=0.0))
    middle = width / 2
    columned = [h for h in heads if h.zone != "top"]
    rights = [h.x for h in columned if h.x > width * 0.35]
    split = min(rights) - 2 if rights else middle
    left = tuple(sorted((h for h in columned if h.x < split), key=lambda h: h.y))
    right = tuple(sorted((h for h in columned if h.x >= split), key=lambda h: h.y))
    below = [w for w in body if w.y0 >= top]
    ends = (
        max((w.y1 for w in below if w.x0 < split), default=0.0),
        max((w.y1 for w in below if w.x0 >= split), default=0.0),
    )
    return PageMeasure(
        body_pt,
        smallest,
        min(footer_sizes, default=0.0),
        top,
        bottom,
        ends,
        (left, right),
        len(pypdf.PdfReader(pdf).pages),
        _right_first(body, columned, split),
    )


def _right_first(body: list[Word], columned: list[Heading], split: float) -> float:
    """Where the right column's first text starts: the first word right of `split` from the
    columns' top (their first section heading) down; 0 when there is none."""
    if not columned:
        return 0.0
    flow_top = min(h.y for h in columned) - 2
    return min((w.y0 for w in body if w.x0 >= split and w.y0 >= flow_top), default=0.0)


def faults(m: PageMeasure, *, cut: bool) -> list[str]:
    """What is wrong with how a sheet spends its page (issue 18's measures); `cut` says
    whether anything was shortened or left out."""
    found = []
    if m.pages != 1:
        found.append(f"{m.pages} pages")
    if m.body_pt < 8.0:
        found.append(f"body {m.body_pt} pt is under 8 pt")
    if m.smallest_pt < 7.0:
        found.append(f"text at {m.smallest_pt} pt (not the footer) is under 7 pt")
    if m.fuller < 0.60 and m.body_pt < 10.0:
        found.append(f"the fuller column ends at {m.fuller:.0%} with {m.body_pt} pt body type")
    if m.both_hold_text and m.imbalance > 0.25:
        found.append(f"the columns end {m.imbalance:.0%} of the body apart")
    if cut and m.emptier < 0.85:
        found.append(f"something was cut while a column is {m.emptier:.0%} full")
    found += [f"background above the table: {c}" for c in m.background_above_table()]
    return found


def main(argv: list[str]) -> None:
    """`python -m tests.pagemeasure [--cut] PDF...`: each sheet's measures and faults."""
    cut = "--cut" in argv
    for name in (a for a in argv if a != "--cut"):
        m = measure(Path(name))
        text = " ".join(pypdf.PdfReader(name).pages[0].extract_text().split())
        shortened = cut or re.search(r"\+\d+ more", text) is not None
        print(f"{name}: {m.line()}; " + ("; ".join(faults(m, cut=shortened)) or "ok"))


if __name__ == "__main__":
    main(sys.argv[1:])
