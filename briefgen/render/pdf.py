"""Step 4b of the pipeline: HTML to a laid-out PDF with WeasyPrint, fetching nothing but the
template folders' own files. This is the only module that imports WeasyPrint (slow to import),
and only commands that render import it.

WeasyPrint has no defence against an absurd document, so every call here runs inside the
limited render child (`render.child.isolated`).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urlsplit

from briefgen.errors import RenderError
from briefgen.render import loaded as record
from briefgen.render.engine import FLOW_CLASS, Measured, Piece, Side
from briefgen.text.markdown import SAFE_SCHEMES


@contextlib.contextmanager
def _libraries_by_file_name() -> Iterator[None]:
    """On Linux, no `ctypes.util.find_library` while WeasyPrint loads its C libraries. It
    tries each library under up to six names, the first ones bare names that only
    find_library resolves; each miss there runs ldconfig, gcc and ld (22 lookups, about
    0.16 s of CPU a process). The names it tries last are the libraries' file names
    (libpango-1.0.so.0), which the dynamic loader finds by itself."""
    if not sys.platform.startswith("linux"):
        yield
        return
    import ctypes.util

    def unfound(name: str) -> str | None:  # noqa: ARG001 - find_library's signature
        return None

    real = ctypes.util.find_library
    ctypes.util.find_library = unfound
    try:
        yield
    finally:
        ctypes.util.find_library = real


def _subset() -> ModuleType:
    return importlib.import_module("fontTools.subset")


def _instancer() -> ModuleType:
    return importlib.import_module("fontTools.varLib.instancer")


# fontTools' subsetter and variable-font instancer, which WeasyPrint imports for its fallbacks
# only (fonts subset without HarfBuzz's subsetter, a variable font made static): about 60 ms of
# CPU a process. Each module -> how it is imported, and the names WeasyPrint imports from it.
ON_FIRST_USE: dict[str, tuple[Callable[[], ModuleType], tuple[str, ...]]] = {
    "fontTools.subset": (_subset, ()),
    "fontTools.varLib.instancer": (_instancer, ("instantiateVariableFont",)),
}


class _OnFirstUse(ModuleType):
    """Stands in for a module while WeasyPrint is imported: what WeasyPrint reads of it later,
    when the stand-in has left `sys.modules`, comes from the real module, imported then."""

    def __init__(self, name: str, load: Callable[[], ModuleType], names: tuple[str, ...]):
        super().__init__(name)
        self._load = load
        for each in names:  # imported by name (`from module import name`): forwarded
            setattr(self, each, _forward(load, each))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # the import machinery asking (`__path__`): not a package
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:  # read during the import (a later
            del sys.modules[self.__name__]  # WeasyPrint's): no saving, the real module now
        return getattr(self._load(), name)


def _forward(load: Callable[[], ModuleType], name: str) -> Callable[..., Any]:
    """A function imported by name: the real one, imported on its first call."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(load(), name)(*args, **kwargs)

    return call


@contextlib.contextmanager
def _font_tools_on_first_use() -> Iterator[None]:
    """While WeasyPrint is imported, the modules of ON_FIRST_USE stand-ins that import them
    when WeasyPrint first uses them (most processes never do)."""
    placed: dict[str, ModuleType] = {}
    for module, (load, names) in ON_FIRST_USE.items():
        if module not in sys.modules:
            placed[module] = sys.modules[module] = _OnFirstUse(module, load, names)
    try:
        yield
    finally:
        for module, placed_in in placed.items():
            if sys.modules.get(module) is placed_in:
                del sys.modules[module]


def _import_weasyprint() -> ModuleType:
    """WeasyPrint, its libraries found by their file names; where one is found only by
    find_library (an unusual system), imported again the usual way, WeasyPrint's complaint
    of the first try unprinted. Its fontTools fallbacks are imported on first use."""
    with _font_tools_on_first_use():
        try:
            with _libraries_by_file_name(), contextlib.redirect_stdout(io.StringIO()):
                return importlib.import_module("weasyprint")
        except OSError:
            for name in [m for m in sys.modules if m.split(".")[0] == "weasyprint"]:
                del sys.modules[name]
            return importlib.import_module("weasyprint")


_import_weasyprint()
import weasyprint  # noqa: E402 - loaded just above, its libraries found by file name
from weasyprint.formatting_structure.boxes import (  # noqa: E402
    FlexBox,
    GridBox,
    InlineBlockBox,
    LineBox,
    MarginBox,
    TableRowBox,
)
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

LOGGER = logging.getLogger("weasyprint")
# WeasyPrint's own words when it subsets fonts with fontTools; briefgen says it once, its way.
FONTTOOLS_FALLBACK = "Using fontTools instead of HarfBuzz-Subset"
SLOW_SUBSET_HINT = (
    "fonts are subset with fontTools because HarfBuzz's subsetter is missing: every PDF is "
    "written about 15x slower (1 s instead of 60 ms); install it: apt-get install "
    "libharfbuzz-subset0 (Debian, Ubuntu) or harfbuzz (Homebrew, Fedora)"
)

MAX_ASSET_BYTES = 64 * 1024 * 1024  # the largest font or image a template folder may serve


class SafeFetcher(URLFetcher):
    """Serves `file:` URLs that resolve inside one of the allowed folders, and nothing else:
    no network, no `data:` (an SVG in one could name any file), no `..`, no symlink that leads
    out, no device, no file over MAX_ASSET_BYTES. Refusals are recorded, because WeasyPrint
    swallows fetch errors (inside SVG without even a warning)."""

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, timeout=1)
        self.allowed = [p.resolve() for p in allowed]
        self.refused: list[str] = []

    def fetch(self, url: str, _headers: object = None) -> URLFetcherResponse:
        path = self._allowed_path(url)
        body = _read_bounded(path) if path is not None else None
        if path is None or body is None:
            self.refused.append(url)
            raise ValueError(f"briefgen does not fetch {url[:200]!r}")
        return URLFetcherResponse(url, body, headers={"Content-Type": _mime(path)})

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
        for folder in self.allowed:
            if path.is_relative_to(folder):
                record.note(path.relative_to(folder).as_posix(), self.allowed, str(path))
                return path
        return None


_MIME = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
}


def _mime(path: Path) -> str:
    return _MIME.get(path.suffix.lower(), "application/octet-stream")


def _read_bounded(path: Path) -> bytes | None:
    """The file's bytes, or None when it is unreadable or larger than MAX_ASSET_BYTES (read no
    further than that, in case it grows)."""
    try:
        with path.open("rb") as handle:
            body = handle.read(MAX_ASSET_BYTES + 1)
    except OSError:
        return None
    return body if len(body) <= MAX_ASSET_BYTES else None


@dataclass
class WarningLog(logging.Handler):
    """Collects what WeasyPrint logs while one document is laid out."""

    records: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(FONTTOOLS_FALLBACK):  # said once a run: slow_font_subsetting
            self.records.append(message)

    def __hash__(self) -> int:
        return id(self)


@dataclass
class Layout:
    """One laid-out document, with what it takes to measure and write it."""

    document: weasyprint.document.Document
    fetcher: SafeFetcher
    warnings: list[str]
    left_out: list[str] = field(default_factory=list)  # attachments and links kept off the PDF

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    @property
    def refused(self) -> list[str]:
        """Every URL the document named that did not reach the PDF: fetches the fetcher
        refused, then attachments and links left out by `write_pdf`."""
        return self.fetcher.refused + self.left_out

    def write_pdf(self) -> bytes:
        """The PDF, without what a template could smuggle in beside the page: no embedded
        files (`<link rel="attachment">`, `<a rel="attachment">`), and links only to web and
        mail addresses or within the document (no `javascript:`, no `file:`)."""
        self.left_out += [_attachment_url(a) for a in self.document.metadata.attachments]
        self.document.metadata.attachments = []
        for page in self.document.pages:
            self.left_out += [link[1] for link in page.links if not _safe_link(link)]
            page.links = [link for link in page.links if _safe_link(link)]
        handler = WarningLog()  # font subsetting and drawing warn here, not during layout
        LOGGER.addHandler(handler)
        try:
            with _render_errors():
                pdf: bytes = self.document.write_pdf()
                return pdf
        finally:
            LOGGER.removeHandler(handler)
            self.warnings += handler.records


def _attachment_url(attachment: weasyprint.Attachment) -> str:
    """Where a `<link rel="attachment">` pointed: WeasyPrint keeps it only among the arguments
    of the attachment's lazy source."""
    args: tuple[object, ...] = getattr(attachment.source, "args", ())
    return str(args[2]) if len(args) > 2 and args[2] else "attachment"


def _safe_link(link: tuple[object, ...]) -> bool:
    kind, target = link[0], link[1]
    if kind == "internal":
        return True
    return kind == "external" and str(target).strip().lower().startswith(SAFE_SCHEMES)


@contextlib.contextmanager
def _render_errors() -> Iterator[None]:
    """WeasyPrint's failures on absurd input, as a RenderError: deep nesting exhausts the stack,
    absurd sizes divide by zero or overflow, in layout or only when the PDF is drawn."""
    try:
        yield
    except RecursionError:
        raise RenderError("could not render: the content is nested too deeply") from None
    except (ZeroDivisionError, OverflowError, MemoryError, ValueError) as exc:
        raise RenderError(f"could not render: {type(exc).__name__}: {exc}") from None


def slow_font_subsetting() -> bool:
    """Whether WeasyPrint lacks HarfBuzz's subsetter (>= 4.1) and falls back to fontTools,
    which makes every `write_pdf` about 15x slower. Reads how WeasyPrint loaded HarfBuzz."""
    from weasyprint.text import ffi

    subset = getattr(ffi, "harfbuzz_subset", None)
    return subset is None or not ffi.harfbuzz.hb_version_atleast(4, 1, 0)


def font_configuration() -> FontConfiguration:
    """A font configuration for the layouts of one document: given to each of them, Fontconfig
    loads its configuration and font list once (about 20 ms a layout) and Pango's caches of
    the fonts stay warm from one layout to the next. One document's: the fonts of its
    `@font-face` rules are not another document's."""
    return FontConfiguration()


def lay_out(html: str, *, assets: list[Path], fonts: FontConfiguration | None = None) -> Layout:
    """Lay out `html`; relative URLs resolve in the first assets folder. Layouts of one
    document share `fonts` (`font_configuration`)."""
    fetcher = SafeFetcher(assets)
    handler = WarningLog()
    LOGGER.addHandler(handler)
    try:
        with _render_errors():
            document = weasyprint.HTML(
                string=html, base_url=assets[0].resolve().as_uri() + "/", url_fetcher=fetcher
            ).render(font_config=fonts)
    finally:
        LOGGER.removeHandler(handler)
    return Layout(document, fetcher, handler.records)


@dataclass(frozen=True)
class Measure:
    """What one layout produced, in CSS px, for the pitch's fit. Heights are summed over page
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


def measure(layout: Layout, *, paper_height_mm: float | None = None) -> Measure:
    """Where everything landed: the fit ladder decides from this what to shrink or cut. A
    layout on a page taller than `paper_height_mm` (a probe: one tall page paginates nothing
    and costs less) is measured against the paper's own content height."""
    root = layout.document.pages[0]._page_box
    top = root.content_box_y()
    available = root.height
    if paper_height_mm is not None:
        available -= max(0.0, root.margin_height() - paper_height_mm * 96 / 25.4)
    reach = 0.0
    sections: dict[str, float] = {}
    unit_items: dict[str, dict[int, float]] = {}  # fragments of one item summed
    columns: dict[str, list[str]] = {}
    for number, page in enumerate(layout.document.pages):
        for found, column, outermost in _walk(page._page_box, None, None):
            box: Any = found  # a WeasyPrint box: its attributes are not typed
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


def _walk(
    box: Any, column: str | None, parent_element: object
) -> Iterator[tuple[object, str | None, bool]]:
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


_HEADINGS = frozenset({"h1", "h2", "h3"})


def measure_flow(layout: Layout, *, body: float, spacing: float) -> Measured:
    """The page engine's measure (`render.engine.Measured`) of a layout set at `body` pt with
    the spacing factor `spacing`: every block of text before the multi-column container (the
    full-width top) and in it (the flow), with its height, lines and text length. A block
    split over columns or pages is counted once, its fragments summed."""

    root = layout.document.pages[0]._page_box
    available = root.height
    top: dict[int, dict[str, Any]] = {}
    flow: dict[int, dict[str, Any]] = {}
    counters: dict[str, dict[int, int]] = {}  # unit -> element id -> its index
    bottoms: list[float] = []  # where each column's text ends
    ends: list[float] = []  # and its boxes, margins included
    columns_of: dict[str, set[int]] = {}  # section -> the flow columns it stands in
    for page in layout.document.pages:
        for zone, column_top, column in _zones(page._page_box):
            pieces: list[tuple[Any, dict[str, Any]]] = []
            _pieces(column, {}, pieces, counters)
            target = flow if zone == "flow" else top
            # where the zone's content ends, its boxes' bottom margins and paddings included
            inner = [column] if zone == "top" else list(getattr(column, "children", ()))
            end = max((b.position_y + b.margin_height() for b in inner), default=column_top)
            for i, (box, info) in enumerate(pieces):
                start = box.position_y
                later = [b for b, _ in pieces[i + 1 :] if b is not box]
                advance = (later[0].position_y if later else end) - start
                if info["area"]:  # a chip: its share of its lines' area
                    advance *= info["area"]
                key = info["key"]
                if key in target:
                    seen = target[key]
                    for name in ("height", "lines", "text_px"):
                        seen[name] += advance if name == "height" else info[name]
                else:
                    target[key] = {**info, "height": advance}
            if zone == "flow":
                bottoms.append(
                    max((b.position_y + b.margin_height() for b, _ in pieces), default=column_top)
                    - column_top
                )
                ends.append(end - column_top)
                for _, info in pieces:
                    columns_of.setdefault(info["section"], set()).add(len(ends))

    def made(found: dict[int, dict[str, Any]]) -> tuple[Any, ...]:
        return tuple(
            Piece(
                section=i["section"],
                height=max(i["height"], 0.0),
                lines=i["lines"],
                line_px=i["line_px"],
                text_px=i["text_px"],
                width_px=i["width_px"],
                unit=i["unit"],
                index=i["index"],
                part=i["part"],
                keep_with_next=i["heading"],
                hard_lines=i["hard_lines"],
                atomic=i["atomic"] or i["lines"] < 4,
                area=i["area"] > 0,
                sides=i.get("sides", ()),
            )
            for i in found.values()
        )

    return Measured(
        body=body,
        spacing=spacing,
        available=available,
        top=made(top),
        flow=made(flow),
        pages=len(layout.document.pages),
        columns_used=len([b for b in bottoms if b > 0.5]) if bottoms else 0,
        column_bottoms=tuple(bottoms),
        split=any(len(found) > 1 for found in columns_of.values()),
    )


def _zones(page: Any) -> Iterator[tuple[str, float, Any]]:
    """The page's zones: ('top', y, box) for each block before the flow container, then
    ('flow', y, column) for each of its columns (a box per column in a multi-column layout)."""
    html = page.children[0] if page.children else None
    body = next(iter(getattr(html, "children", ())), None)
    for box in getattr(body, "children", ()):
        element = getattr(box, "element", None)
        if isinstance(box, MarginBox) or element is None:
            continue
        classes = (element.get("class") or "").split()
        if FLOW_CLASS in classes:
            children = [c for c in box.children if getattr(c, "element", None) is element]
            for column in children or [box]:
                yield "flow", column.content_box_y(), column
        elif element.tag != "footer":
            yield "top", box.position_y, box


def _pieces(
    box: Any,
    context: dict[str, Any],
    out: list[tuple[Any, dict[str, Any]]],
    counters: dict[str, dict[int, int]],
) -> None:
    """The pieces under `box`, in flow order: each block that holds lines of text (a flex,
    grid or table row, or a drawing, whole), with the section, part and list item it is in.
    A list item's pieces keep together; chips set in lines (inline blocks that are list
    items) are a piece each, their share of the lines' area."""
    element = getattr(box, "element", None)
    context = dict(context)
    item = False
    if element is not None and element.tag not in ("html", "body"):
        section = element.get("data-section")
        if section:
            if element.tag in ("section", "header") or "section" not in context:
                context["section"] = section
            else:
                context["part"] = section
        unit = element.get("data-unit")
        if unit and element.tag == "li" and "unit" not in context:
            indices = counters.setdefault(unit, {})
            context["unit"] = unit
            context["index"] = indices.setdefault(id(element), len(indices))
            item = True
    children = list(getattr(box, "children", ()))
    lines = [c for c in children if isinstance(c, LineBox)]
    chips = [c for ln in lines for c in _inline_items(ln)]
    if chips:
        row = max((ln.height for ln in lines), default=0.0)
        total = sum(chip.margin_width() for chip in chips) or 1.0
        for chip in chips:
            inner = {**context}
            unit = chip.element.get("data-unit")
            indices = counters.setdefault(unit, {})
            inner.update(unit=unit, index=indices.setdefault(id(chip.element), len(indices)))
            share = chip.margin_width() / total
            out.append((box, _info(chip, inner, 0, row, 0.0, box.width, False, area=share)))
        return
    if lines or not children or isinstance(box, (FlexBox, GridBox, TableRowBox)):
        texts = _line_boxes(box)
        info = _info(
            box,
            context,
            len(texts),
            max((ln.height for ln in texts), default=0.0),
            sum(_text_width(ln) for ln in texts),
            box.width,
            element is not None and element.tag in _HEADINGS,
            atomic="unit" in context or not lines,
            hard_lines=len({id(_parent_of(ln, box)) for ln in texts}) if texts else 0,
        )
        out.append((box, {**info, "sides": _sides(box) if isinstance(box, FlexBox) else ()}))
        return
    first = len(out)
    for child in children:
        _pieces(child, context, out, counters)
    if item:  # a list item never splits: its pieces keep together
        for _, info in out[first:-1]:
            info["heading"] = True


def _sides(row: Any) -> tuple[Side, ...]:
    """The lists a flex row sets side by side (`render.engine.Side`): for each of its items
    that holds list items, the list, the heights of its items and the rest of the side."""
    sides = []
    for item in getattr(row, "children", ()):
        found: list[tuple[str, float]] = []
        _list_items(item, found)
        if found:
            unit = found[0][0]
            heights = tuple(h for u, h in found if u == unit)
            sides.append(Side(unit, heights, max(item.margin_height() - sum(heights), 0.0)))
    return tuple(sides)


def _list_items(box: Any, found: list[tuple[str, float]]) -> None:
    """The outermost list items under `box` that belong to a list (`data-unit`), in order."""
    element = getattr(box, "element", None)
    if element is not None and element.tag == "li" and element.get("data-unit"):
        found.append((element.get("data-unit"), box.margin_height()))
        return
    for child in getattr(box, "children", ()):
        if not isinstance(child, LineBox):
            _list_items(child, found)


def _inline_items(line: Any) -> list[Any]:
    """The list items set as inline blocks in a line (chips)."""
    found = []
    for child in getattr(line, "children", ()):
        element = getattr(child, "element", None)
        if (
            isinstance(child, InlineBlockBox)
            and element is not None
            and element.tag == "li"
            and element.get("data-unit")
        ):
            found.append(child)
        elif not isinstance(child, InlineBlockBox):
            found += _inline_items(child)
    return found


def _info(
    box: Any,
    context: dict[str, Any],
    lines: int,
    line_px: float,
    text_px: float,
    width_px: float,
    heading: bool,
    *,
    atomic: bool = True,
    area: float = 0.0,
    hard_lines: int = 1,
) -> dict[str, Any]:
    element = getattr(box, "element", None)
    return {
        "key": (id(element) if element is not None else id(box), area > 0 and id(box)),
        "section": context.get("section", ""),
        "part": context.get("part"),
        "unit": context.get("unit"),
        "index": context.get("index"),
        "lines": lines,
        "line_px": line_px,
        "text_px": text_px,
        "width_px": max(width_px, 1.0),
        "heading": heading,
        "atomic": atomic,
        "area": area,
        "hard_lines": hard_lines,
    }


def _parent_of(line: Any, root: Any) -> Any:
    """The block that holds `line`, below `root`."""
    stack = [root]
    while stack:
        box = stack.pop()
        children = list(getattr(box, "children", ()))
        if any(c is line for c in children):
            return box
        stack += [c for c in children if not isinstance(c, LineBox)]
    return root


def _line_boxes(box: Any) -> list[Any]:
    """The line boxes of a block: its own, or in a flex or grid row those of its tallest item
    (items side by side: the row is as tall as the tallest)."""
    children = list(getattr(box, "children", ()))
    own = [c for c in children if isinstance(c, LineBox)]
    if own:
        return own
    if isinstance(box, (FlexBox, GridBox, TableRowBox)):
        return max((_line_boxes(c) for c in children), key=len, default=[])
    found: list[Any] = []
    for child in children:
        found += _line_boxes(child)
    return found


def _text_width(line: Any) -> float:
    right = max(
        (c.position_x + c.margin_width() for c in getattr(line, "children", ())),
        default=line.position_x,
    )
    return max(float(right - line.position_x), 0.0)
