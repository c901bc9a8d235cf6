"""Measures of a laid-out prep sheet, read back from its PDF, for the number line and for line
breaks (issue 18). Reusable by any test that renders a sheet; beside `tests/pdfboxes.py`.

- `number_line_marks(pdf)`: where the number line's marks were drawn (from the page's drawing
  operators: the walk-away's red tick, the target's triangle, the opening's dot, the estimate's
  dashed green tick) and its leader lines.
- `label_findings(pdf, values)`: for each figure, its label's centre (the printed value, from
  `pdftotext -bbox`), its mark's x, and whether a leader joins them; `label_faults` says which
  labels are further than 12 mm from their marks with no leader.
- `broken_units(pdf)`: lines (from `pdftotext -bbox-layout`) that end in a number whose unit
  starts the next line ("overdue 29 / days", "Wed 25 / Nov"), or a date split after its day
  of the week ("Wed / 25 Nov", "le mar. / 24 nov.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdf
from pypdf.generic import ContentStream

from tests.pdfboxes import Word, words

MM = 72 / 25.4  # points in a millimetre
NEAR_MM = 12.0

# The number line's colours, as templates/prep/numbers.html.j2 draws them.
AXIS = "9aa1ab"
STROKES = {"walk_away": "b3261e", "their_walk_away": "2f6b3a"}
TARGET = "1f4b7a"
OPENING = "1b1d21"
LEADER = "737b86"
TICK = "3d4653"


@dataclass(frozen=True)
class Shape:
    """One painted path, in points from the page's top-left corner."""

    stroke: str | None
    fill: str | None
    points: tuple[tuple[float, float], ...]
    curved: bool

    @property
    def xs(self) -> list[float]:
        return [p[0] for p in self.points]

    @property
    def ys(self) -> list[float]:
        return [p[1] for p in self.points]


def _hex(args: list[object]) -> str | None:
    if len(args) != 3:
        return None
    return "".join(f"{round(float(str(a)) * 255):02x}" for a in args)


def _mul(a: list[float], b: list[float]) -> list[float]:
    """The PDF matrix product a x b (a applied first)."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def shapes(pdf: Path, page: int = 0) -> list[Shape]:
    """Every path painted on `page` (text excluded), with its stroke and fill colours."""
    reader = pypdf.PdfReader(pdf)
    sheet = reader.pages[page]
    height = float(sheet.mediabox.height)
    ops = ContentStream(sheet.get_contents(), reader).operations
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack: list[tuple[list[float], str | None, str | None]] = []
    stroke: str | None = None
    fill: str | None = None
    path: list[tuple[float, float]] = []
    curved = False
    found: list[Shape] = []

    def point(x: float, y: float) -> tuple[float, float]:
        return (
            ctm[0] * x + ctm[2] * y + ctm[4],
            height - (ctm[1] * x + ctm[3] * y + ctm[5]),
        )

    for args, op in ops:
        name = op.decode("latin-1") if isinstance(op, bytes) else str(op)
        nums = (
            [float(str(a)) for a in args] if name in {"cm", "m", "l", "c", "v", "y", "re"} else []
        )
        if name == "q":
            stack.append((ctm[:], stroke, fill))
        elif name == "Q" and stack:
            ctm, stroke, fill = stack.pop()
        elif name == "cm":
            ctm = _mul(nums, ctm)
        elif name == "RG":
            stroke = _hex(list(args))
        elif name == "rg":
            fill = _hex(list(args))
        elif name in {"m", "l"}:
            path.append(point(nums[0], nums[1]))
        elif name in {"c", "v", "y"}:
            curved = True
            path.append(point(nums[-2], nums[-1]))
        elif name == "re":
            x, y, w, h = nums
            path += [point(x, y), point(x + w, y), point(x + w, y + h), point(x, y + h)]
        elif name in {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}:
            if path and name != "n":
                paints_stroke = name in {"S", "s", "B", "B*", "b", "b*"}
                paints_fill = name != "S" and name != "s"
                found.append(
                    Shape(
                        stroke if paints_stroke else None,
                        fill if paints_fill else None,
                        tuple(path),
                        curved,
                    )
                )
            path, curved = [], False
    return found


@dataclass(frozen=True)
class LineMarks:
    axis_y: float
    axis: tuple[float, float]  # the axis's ends
    marks: dict[str, float]  # key -> x, in points
    leaders: list[tuple[tuple[float, float], tuple[float, float]]]  # (mark end, label end)
    ticks: list[float]


def number_line_marks(pdf: Path) -> LineMarks | None:
    """The number line as drawn: the axis (the longest grey horizontal stroke), the marks that
    cross it, its leader lines and its offer-plan ticks; None when the sheet draws none."""
    found = shapes(pdf)
    axes = [
        s for s in found if s.stroke == AXIS and len(s.points) == 2 and abs(s.ys[0] - s.ys[1]) < 0.1
    ]
    if not axes:
        return None
    axis = max(axes, key=lambda s: abs(s.xs[1] - s.xs[0]))
    y = axis.ys[0]
    ends = (min(axis.xs), max(axis.xs))

    def near(s: Shape, reach: float = 6 * MM) -> bool:
        return all(abs(py - y) <= reach for py in s.ys) and ends[0] - 5 <= min(s.xs) <= ends[1] + 5

    def vertical(s: Shape) -> bool:
        return len(s.points) == 2 and abs(s.xs[0] - s.xs[1]) < 0.1 and abs(s.ys[0] - s.ys[1]) > 4

    marks: dict[str, float] = {}
    for s in found:
        if not near(s):
            continue
        for key, colour in STROKES.items():
            if s.stroke == colour and vertical(s) and min(s.ys) < y < max(s.ys):
                marks[key] = s.xs[0]
        if s.fill == TARGET and len(s.points) == 3 and not s.curved:
            marks["target"] = sum(s.xs) / 3
        if s.fill == OPENING and s.curved:
            marks["opening"] = (min(s.xs) + max(s.xs)) / 2
    leaders = []
    for s in found:
        if s.stroke == LEADER and len(s.points) == 2:
            a, b = s.points
            leaders.append((a, b) if abs(a[1] - y) < abs(b[1] - y) else (b, a))
    ticks = [s.xs[0] for s in found if s.stroke == TICK and near(s) and vertical(s)]
    return LineMarks(y, ends, marks, leaders, sorted(ticks))


@dataclass(frozen=True)
class Finding:
    key: str
    label: float  # the label's centre, x in points
    mark: float  # the mark's x, in points
    leader: bool  # a leader line joins them

    @property
    def off_mm(self) -> float:
        return abs(self.label - self.mark) / MM

    def __str__(self) -> str:
        led = ", with a leader" if self.leader else ""
        return f"{self.key}: label centre {self.off_mm:.1f} mm from its mark{led}"


def _groups(found: list[Word]) -> list[Word]:
    """Words, and runs of words on one baseline less than 3 pt apart ('62 000' split by
    pdftotext at a narrow no-break space) as one word."""
    runs: list[Word] = []
    for word in found:
        last = runs[-1] if runs else None
        if (
            last is not None
            and abs(last.y0 - word.y0) < 0.5
            and 0 <= word.x0 - last.x1 < 3
            and re.fullmatch(r"[\d\s,.\u00a0\u202f]+", last.text + word.text)
        ):
            runs[-1] = Word(last.page, last.text + word.text, last.x0, last.y0, word.x1, last.y1)
        else:
            runs.append(word)
    return runs


def label_findings(pdf: Path, values: dict[str, float]) -> list[Finding]:
    """For each figure drawn on the line (key -> value), where its printed value is centred
    against where its mark is drawn: the value nearest the axis vertically (within 30 mm)
    among the largest printings of that number."""
    line = number_line_marks(pdf)
    assert line is not None, "no number line drawn"
    printed = [w for w in _groups(words(pdf)) if w.page == 0]
    findings = []
    for key, value in values.items():
        if key not in line.marks:
            continue
        digits = str(round(value))
        candidates = [
            w
            for w in printed
            if re.sub(r"\D", "", w.text) == digits
            and abs((w.y0 + w.y1) / 2 - line.axis_y) < 30 * MM
        ]
        assert candidates, f"{key}: {digits} not printed near the line"
        tallest = max(w.height for w in candidates)
        word = min(
            (w for w in candidates if w.height > tallest - 0.5),
            key=lambda w: abs((w.y0 + w.y1) / 2 - line.axis_y),
        )
        centre = (word.x0 + word.x1) / 2
        mark = line.marks[key]
        led = any(abs(a[0] - mark) < 1.0 and abs(b[0] - centre) < 2.5 for a, b in line.leaders)
        findings.append(Finding(key, centre, mark, led))
    return findings


def label_faults(pdf: Path, values: dict[str, float]) -> list[str]:
    """Labels further than 12 mm from their marks with no leader line, in words."""
    return [str(f) for f in label_findings(pdf, values) if f.off_mm > NEAR_MM and not f.leader]


# --- line breaks -------------------------------------------------------------------------------

UNITS = {
    # English and French units briefgen prints after a number
    "day", "days", "business", "hour", "hours", "minute", "minutes", "min", "h", "week", "weeks",
    "month", "months", "year", "years", "%", "usd", "eur", "cad", "gbp", "$", "€", "£",
    "jour", "jours", "heure", "heures", "semaine", "semaines", "mois", "an", "ans", "$us", "$ca",
    # months, as short and long dates print them
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.", "janvier", "février", "avril",
    "juillet", "septembre", "octobre", "novembre", "décembre",
}  # fmt: skip
WEEKDAYS = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.",
}  # fmt: skip
_NUMBER = re.compile(r"[\u2212\-+]?\d[\d,.\u00a0\u202f]*$")


SPACE_PT = 3.6  # wider than a word space: two runs of text side by side (flex items)


def segments(pdf: Path) -> list[list[Word]]:
    """Runs of words printed on one baseline with no more than a word space between them: the
    lines of text as a reader sees them, a flex row's items apart."""
    rows: list[list[Word]] = []
    for word in sorted(words(pdf), key=lambda w: (w.page, w.y1)):
        if rows and rows[-1][0].page == word.page and word.y1 - rows[-1][0].y1 < 1.2:
            rows[-1].append(word)
        else:
            rows.append([word])
    found = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        run = [row[0]]
        for word in row[1:]:
            if word.x0 - run[-1].x1 > SPACE_PT:
                found.append(run)
                run = []
            run.append(word)
        found.append(run)
    return found


def _next_line(line: list[Word], every: list[list[Word]]) -> list[Word] | None:
    """The line a run continues on: starting at (or a hanging indent right of) its left edge,
    just below it."""
    first, last = line[0], line[-1]
    height = max(w.height for w in line)
    below = [
        other
        for other in every
        if other[0].page == first.page
        and first.x0 - 1.0 <= other[0].x0 <= first.x0 + 12.0
        and other[0].x0 < last.x1
        and 0.5 * height < other[0].y0 - first.y0 < 1.9 * height
    ]
    return min(below, key=lambda o: (o[0].y0, abs(o[0].x0 - first.x0)), default=None)


def _bare(word: str) -> str:
    return word.strip("()[]«»“”\"',;:").lower()


def broken_units(pdf: Path) -> list[str]:
    """Places where a line ends in a number and the next line starts with its unit, or a line
    ends in a day of the week and the next starts with the date: 'overdue 29 | days'."""
    faults = []
    every = segments(pdf)
    for line in every:
        last = line[-1].text
        number_end = _NUMBER.search(last.strip("()"))
        day_end = _bare(last) in WEEKDAYS
        if not (number_end or day_end):
            continue
        following = _next_line(line, every)
        if following is None:
            continue
        first = following[0].text
        if (number_end and _bare(first) in UNITS) or (day_end and re.match(r"\d", first)):
            said = " ".join(w.text for w in line[-3:])
            faults.append(f"{said} | {' '.join(w.text for w in following[:3])}")
    return faults


def figure_values(dossier: Path) -> dict[str, float]:
    """The figures a dossier puts on the number line (key -> value), for `label_findings`."""
    from briefgen.dossier.validate import load_dossier

    n = load_dossier(dossier).negotiation
    if n is None:
        return {}
    found = {
        "opening": n.opening,
        "target": n.target,
        "walk_away": n.walk_away,
        "their_walk_away": n.their_walk_away,
    }
    return {key: value for key, value in found.items() if value is not None}
