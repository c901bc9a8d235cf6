"""Step 4b of the pipeline: HTML to a laid-out PDF with WeasyPrint, fetching nothing but the
template folders' own files. This is the only module that imports WeasyPrint (slow to import),
and only commands that render import it."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.formatting_structure.boxes import MarginBox
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .errors import RenderError

LOGGER = logging.getLogger("weasyprint")


class SafeFetcher(URLFetcher):
    """Serves `file:` URLs that resolve inside one of the allowed folders, and nothing else:
    no network, no `..`, no symlink that leads out, no other local file. Refusals are recorded,
    because WeasyPrint swallows fetch errors (inside SVG without even a warning)."""

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, timeout=1)
        self.allowed = [p.resolve() for p in allowed]
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self._allowed_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"briefgen does not fetch {url[:200]!r}")
        return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": _mime(path)})

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query:
            return None
        raw = unquote(parts.path)
        if "\x00" in raw or ".." in Path(raw).parts:
            return None
        try:
            path = Path(raw).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not path.is_file():
            return None
        if any(path.is_relative_to(folder) for folder in self.allowed):
            return path
        return None


_MIME = {
    ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".woff2": "font/woff2", ".woff": "font/woff", ".otf": "font/otf",
    ".ttf": "font/ttf",
}


def _mime(path: Path) -> str:
    return _MIME.get(path.suffix.lower(), "application/octet-stream")


@dataclass
class WarningLog(logging.Handler):
    """Collects what WeasyPrint logs while one document is laid out."""

    records: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())

    def __hash__(self) -> int:
        return id(self)


@dataclass
class Layout:
    """One laid-out document, with what it takes to measure and write it."""

    document: weasyprint.document.Document
    fetcher: SafeFetcher
    warnings: list[str]

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    def write_pdf(self) -> bytes:
        return self.document.write_pdf()


def lay_out(html: str, *, assets: list[Path]) -> Layout:
    """Lay out `html`; relative URLs resolve in the first assets folder."""
    fetcher = SafeFetcher(assets)
    handler = WarningLog()
    LOGGER.addHandler(handler)
    try:
        document = weasyprint.HTML(
            string=html, base_url=assets[0].resolve().as_uri() + "/", url_fetcher=fetcher
        ).render()
    except RecursionError:
        raise RenderError("could not render: the content is nested too deeply") from None
    except (ZeroDivisionError, OverflowError, MemoryError, ValueError) as exc:
        raise RenderError(f"could not render: {type(exc).__name__}: {exc}") from None
    finally:
        LOGGER.removeHandler(handler)
    return Layout(document, fetcher, handler.records)


@dataclass(frozen=True)
class Measure:
    """What one layout produced, in CSS px, for the fit ladder. Heights are summed over page
    fragments, so they do not depend on where WeasyPrint broke the pages."""

    pages: int
    available: float  # the page's content height
    reach: float  # how far the lowest box reaches below the first page's content top
    sections: dict[str, float]  # each data-section's height
    units: dict[str, list[float]]  # each data-unit list's item heights, in order
    columns: dict[str, list[str]]  # column class -> its top-level sections, in order

    @property
    def fits(self) -> bool:
        return self.pages == 1 and self.reach <= self.available + 0.5

    def column_height(self, column: str) -> float:
        """The header plus the column's sections: what must fit in `available`."""
        return self.sections.get("header", 0.0) + sum(
            self.sections.get(s, 0.0) for s in self.columns.get(column, [])
        )

    @property
    def content(self) -> float:
        return max((self.column_height(c) for c in self.columns), default=self.reach)


def measure(layout: Layout) -> Measure:
    """Where everything landed: the fit ladder decides from this what to shrink or cut."""
    root = layout.document.pages[0]._page_box
    top = root.content_box_y()
    available = root.height
    reach = 0.0
    sections: dict[str, float] = {}
    unit_items: dict[str, dict[int, float]] = {}  # fragments of one item summed
    columns: dict[str, list[str]] = {}
    for number, page in enumerate(layout.document.pages):
        for box, column, outermost in _walk(page._page_box, None, None):
            element = getattr(box, "element", None)
            if element is None or not outermost or box.element_tag in ("html", "body"):
                continue
            bottom = box.position_y + box.margin_height() - top
            reach = max(reach, bottom if number == 0 else available + max(bottom, 1.0))
            section = element.get("data-section")
            if section and box.element_tag in ("section", "header", "div"):
                sections[section] = sections.get(section, 0.0) + box.margin_height()
                top_level = box.element_tag == "section"
                if column and top_level and section not in columns.setdefault(column, []):
                    columns[column].append(section)
            unit = element.get("data-unit")
            if unit and box.element_tag == "li":
                items = unit_items.setdefault(unit, {})
                items[id(element)] = items.get(id(element), 0.0) + box.margin_height()
    units = {unit: list(items.values()) for unit, items in unit_items.items()}
    return Measure(len(layout.document.pages), available, reach, sections, units, columns)


def _walk(box, column: str | None, parent_element) -> Iterator[tuple[object, str | None, bool]]:
    """Every box with its column, and whether it is the outermost box of its element
    (anonymous and line boxes share their parent's element and must not count twice)."""
    if isinstance(box, MarginBox):  # the running footer lives in the page margin
        return
    element = getattr(box, "element", None)
    if element is not None and box.element_tag == "div":
        classes = (element.get("class") or "").split()
        column = next((c for c in classes if c in ("col-main", "col-side")), column)
    yield box, column, element is not parent_element
    for child in getattr(box, "children", ()):
        yield from _walk(child, column, element)
