"""Step 1 of the pipeline: read a dossier's YAML into plain data, remembering where every
key and value stood, so that later errors can name `file:line:col`.

The data is built straight from the parser's event stream rather than PyYAML's composer and
constructor: the walk is iterative (libyaml's recursive composer crashes on deep nesting), it
sees anchors, aliases and explicit tags before anything is built, and it resolves plain scalars
by the dossier format's own small rules (only `true`/`false` are booleans, ISO dates).
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from briefgen.errors import DossierError, Problem
from briefgen.files import ReadRefused, read_bounded

try:  # libyaml's parser when PyYAML was built with it; the pure-Python one otherwise
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 16
MAX_ITEMS = 200  # in one list: no dossier needs more, and 262,000 one-word buttons fit in 1 MiB

Path_ = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks
_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2}))?")


# What a value may not hold: C0 and C1 controls but tab and line feed (a YAML escape such as
# `\e`, `\0` or `\a` makes them from plain ASCII), DEL, the line and paragraph separators
# (`\L`, `\P`), and the bidirectional overrides and isolates that can make a line read in an
# order other than the one it is stored in.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


_CONTROL_NAMES = {"\0": "NUL", "\a": "BEL", "\b": "BS", "\x1b": "ESC", "\x7f": "DEL", "\x85": "NEL"}


def describe_char(char: str) -> str:
    """`U+001B (ESC)`-like: the code point, with its name when Unicode gives one."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


class DossierLoader(_BaseLoader):
    """A local loader class: the global PyYAML loaders are never patched."""


class _PurePythonLoader(yaml.SafeLoader):
    """The pure-Python parser, for what libyaml refuses before our walk can locate it."""


@dataclass
class Document:
    """A dossier's data as written, with the 1-based position of every key and value."""

    file: str
    data: dict[str, object]
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # Mistakes found while reading that leave the rest readable (an impossible date, a
    # duplicate key, a control character): validation reports them with everything else.
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Where `path` (or the nearest enclosing thing that exists) was written."""
        marks = self.key_marks if key else self.value_marks
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in marks:
                return marks[prefix]
            if prefix in self.value_marks:
                return self.value_marks[prefix]
        return (1, 1)


def format_path(path: Path_) -> str:
    """`('relationship', 'contacts', 1, 'name')` -> `relationship.contacts[1].name`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def load_file(path: str | os.PathLike[str]) -> Document:
    """Read and parse one dossier file; every user mistake becomes a DossierError."""
    name = os.fsdecode(path)
    try:
        raw = read_bounded(path, MAX_BYTES)
    except ReadRefused as exc:
        line = 1 if exc.too_large else 0
        raise _fatal(name, line, line, exc.reason) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, file: str = "<dossier>") -> Document:
    if len(raw) > MAX_BYTES:
        raise _fatal(file, 1, 1, f"file is {len(raw):,} bytes; a dossier may be at most 1 MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _utf8_error_position(raw, exc.start)
        raise _fatal(
            file, line, column, "not valid UTF-8 text", hint="save the file as UTF-8"
        ) from None
    return load_text(text, file)


def _utf8_error_position(raw: bytes, start: int) -> tuple[int, int]:
    """Line and column, in characters as YAML counts them, of the first byte that is not UTF-8.
    `start` counts from after a byte-order mark: that is how the utf-8-sig codec reports it."""
    if raw.startswith(codecs.BOM_UTF8):
        start += len(codecs.BOM_UTF8)
    lines = _LINE_BREAK.split(raw[:start].decode("utf-8-sig"))
    return len(lines), len(lines[-1]) + 1


def load_text(text: str, file: str = "<dossier>") -> Document:
    """Parse dossier YAML text into a Document."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise _fatal(file, 1, 1, "a dossier may be at most 1 MiB")
    builder = _Builder(file)
    try:
        for event in yaml.parse(text, Loader=DossierLoader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):
            raise _too_deep(file, text) from None
        raise _syntax_error(file, text, exc) from None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset and the code point as an int, PyYAML a character
        # index and the character: find the character in the text to report it the same way.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        index = found.start() if found else exc.position
        char = found.group() if found else exc.character
        code = char if isinstance(char, int) else ord(char)
        line, column = _line_col(text, index)
        raise _fatal(file, line, column, f"character U+{code:04X} is not allowed in YAML") from None
    except UnicodeEncodeError as exc:  # libyaml meets a lone surrogate (only from a Python str)
        line, column = _line_col(text, exc.start)
        code = ord(text[exc.start])
        raise _fatal(file, line, column, f"character U+{code:04X} is not allowed in YAML") from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is one of the above
        raise _fatal(file, 1, 1, f"not valid YAML: {exc}") from None
    return builder.finish()


class _Stop(Exception):
    """Raised inside the event walk for a mistake that makes the rest meaningless."""


@dataclass
class _Frame:
    path: Path_
    container: dict[str, object] | list[object]
    pending_key: str | None = None
    key_mark: tuple[int, int] | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents = 0
        self.root: object = None
        self.root_mark = (1, 1)
        self.value_marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}

    def problem(self, mark: tuple[int, int], path: Path_, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, *mark, format_path(path), message, hint))

    def stop(self, mark: tuple[int, int], path: Path_, message: str, hint: str = "") -> _Stop:
        self.problem(mark, path, message, hint)
        return _Stop()

    def feed(self, event: yaml.Event) -> None:
        try:
            self._feed(event)
        except _Stop:
            raise DossierError(self.problems) from None

    def _feed(self, event: yaml.Event) -> None:
        start = event.start_mark
        mark = (start.line + 1, start.column + 1) if start else (1, 1)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.stop(
                    mark,
                    (),
                    "several YAML documents in one file",
                    "a dossier is one document: remove the `---` separator or split the file",
                )
            return
        if isinstance(event, yaml.AliasEvent):
            raise self.stop(
                mark,
                self._next_path(),
                f"alias *{event.anchor} is not allowed in a dossier",
                "write the value out in full; anchors and aliases are not supported",
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            if event.anchor is not None:
                raise self.stop(
                    mark,
                    self._next_path(),
                    f"anchor &{event.anchor} is not allowed in a dossier",
                    "write values out in full; anchors and aliases are not supported",
                )
            if event.tag is not None and not (
                isinstance(event, yaml.ScalarEvent) and event.tag == "!"
            ):
                raise self.stop(
                    mark,
                    self._next_path(),
                    f"YAML tag {event.tag!r} is not allowed in a dossier",
                    "remove the tag; quote the value if it should be text",
                )
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event, mark)
        elif isinstance(event, yaml.CollectionStartEvent):
            self._start(event, mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            self._end()

    def _next_path(self) -> Path_:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        if frame.pending_key is not None:
            return (*frame.path, frame.pending_key)
        return frame.path

    def _scalar(self, event: yaml.ScalarEvent, mark: tuple[int, int]) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.pending_key is None:
            self._key(frame, event.value, mark)
            return
        path = self._next_path()
        self._check_characters(event.value, mark, path)
        plain = not event.style and event.implicit[0]
        value = _resolve(event.value, plain, lambda msg, hint: self.problem(mark, path, msg, hint))
        self._place(value, path, mark)

    def _check_characters(self, text: str, mark: tuple[int, int], path: Path_) -> None:
        """Control characters, however they were written (`"\\e[3A"` is an escape YAML turns
        into ESC), could redraw a reviewer's terminal or hide in a PDF: none belongs in a
        dossier."""
        if found := HIDDEN.search(text):
            char = found.group()
            self.problem(
                mark,
                path,
                f"control character {describe_char(char)} is not allowed in a dossier",
                "remove it (in a quoted value it may be written as an escape such as \\e, "
                "\\0 or \\a)",
            )

    def _key(self, frame: _Frame, key: str, mark: tuple[int, int]) -> None:
        assert isinstance(frame.container, dict)
        self._check_characters(key, mark, (*frame.path, key))
        if key in frame.key_lines:
            self.problem(
                mark,
                (*frame.path, key),
                f"duplicate key {key!r} (first written on line {frame.key_lines[key]})",
                "YAML would silently keep only the last one: merge the two or rename one",
            )
        else:
            frame.key_lines[key] = mark[0]
        frame.pending_key = key
        frame.key_mark = mark

    def _start(self, event: yaml.CollectionStartEvent, mark: tuple[int, int]) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.pending_key is None:
            raise self.stop(
                mark, frame.path, "a key must be plain text", "write `key: value` pairs"
            )
        if len(self.stack) >= MAX_DEPTH:
            raise self.stop(
                mark,
                self._next_path(),
                f"nested more than {MAX_DEPTH} levels deep",
                "a dossier is a few levels deep at most; check the indentation and brackets",
            )
        path = self._next_path()
        container: dict[str, object] | list[object] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        self._place(container, path, mark)
        self.stack.append(_Frame(path, container))

    def _end(self) -> None:
        self.stack.pop()

    def _place(self, value: object, path: Path_, mark: tuple[int, int]) -> None:
        if not self.stack:
            self.value_marks.setdefault(path, mark)
            self.root, self.root_mark = value, mark
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list) and len(frame.container) >= MAX_ITEMS:
            raise self.stop(
                mark,
                path,
                f"more than {MAX_ITEMS} items in one list",
                "a prep sheet shows a few dozen at most: keep the ones that matter",
            )
        self.value_marks.setdefault(path, mark)
        if isinstance(frame.container, list):
            frame.container.append(value)
        else:
            assert frame.pending_key is not None
            assert frame.key_mark is not None
            self.key_marks.setdefault(path, frame.key_mark)
            if frame.pending_key not in frame.container:
                frame.container[frame.pending_key] = value
            frame.pending_key = None

    def finish(self) -> Document:
        if self.root is None and not self.problems:
            self.problem(
                (1, 1), (), "the file is empty", "a dossier needs at least `name: Full Name`"
            )
        elif self.root is not None and not isinstance(self.root, dict):
            kind = "a list" if isinstance(self.root, list) else "a single value"
            self.problem(
                self.root_mark,
                (),
                f"a dossier must be a mapping of keys, not {kind}",
                "start the file with `name: Full Name`",
            )
        if self.problems and not isinstance(self.root, dict):
            raise DossierError(self.problems)
        assert isinstance(self.root, dict)
        return Document(self.file, self.root, self.value_marks, self.key_marks, self.problems)


def _resolve(text: str, plain: bool, report: Callable[[str, str], None]) -> object:
    """Type a scalar by the dossier format's rules; quoted and block scalars stay text."""
    if not plain:
        return text
    if text in _NULLS:
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts (4,300): no real figure
            return text
    if _FLOAT.fullmatch(text):
        return float(text)
    if match := _DATE.fullmatch(text):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError as exc:
            report(f"{text} is not a real date ({exc})", "write an existing date as YYYY-MM-DD")
            return text
    if match := _DATETIME.fullmatch(text):
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        try:
            return dt.datetime(year, month, day, hour, minute, second)
        except ValueError as exc:
            report(
                f"{text} is not a real date and time ({exc})",
                "write it as YYYY-MM-DD HH:MM with a 24-hour clock",
            )
            return text
    return text


def _too_deep(file: str, text: str) -> DossierError:
    """libyaml (0.2.6 and later) refuses flow nesting past 1000 levels while it scans ahead,
    before our walk has seen an event. The pure-Python parser has no such limit, so it walks
    the same text until our own depth limit stops it, on the bracket that went too deep."""
    builder = _Builder(file)
    try:
        for event in yaml.parse(text, Loader=_PurePythonLoader):
            builder.feed(event)
    except DossierError as exc:
        return exc
    except yaml.YAMLError:
        pass
    return _fatal(
        file, 1, 1, f"nested more than {MAX_DEPTH} levels deep", "check the brackets"
    )  # pragma: no cover - the walk above always stops first


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `index`, counting every line break YAML counts (CR, CR LF,
    NEL, LS, PS as well as LF), as a parser's marks do."""
    lines = _LINE_BREAK.split(text[:index])
    return len(lines), len(lines[-1]) + 1


def _syntax_error(file: str, text: str, exc: yaml.MarkedYAMLError) -> DossierError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = _LINE_BREAK.split(text)
    # Both parsers stop exactly on an offending tab; a tab elsewhere (inside a block of
    # notes, say) is content and has nothing to do with this error.
    if mark and mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
        return _fatal(
            file,
            line,
            column,
            "tab character in indentation",
            "YAML indents with spaces only: replace the tab with spaces",
        )
    if told := _plain_words(exc, lines):
        (line, column), message, hint = told
        return _fatal(file, line, column, message, hint)
    message = exc.problem or "not valid YAML"
    if exc.context:
        message = f"{exc.context}: {message}"
    return _fatal(
        file,
        line,
        column,
        f"YAML syntax error: {message}",
        "check the indentation and any `:` or `#` inside values (quote such values)",
    )


_CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}


def _plain_words(
    exc: yaml.MarkedYAMLError, lines: list[str]
) -> tuple[tuple[int, int], str, str] | None:
    """The usual syntax mistakes, told on the line the person must edit, in their words: a key
    without its `:`, a key indented out of step with its neighbours, a bracket or quote never
    closed. None for anything else (the parser's own words are then the best there are)."""
    context, problem = exc.context or "", exc.problem or ""
    start, stop = exc.context_mark, exc.problem_mark

    def text(index: int) -> str:
        return lines[index] if 0 <= index < len(lines) else ""

    def indent(row: str) -> int:
        return len(row) - len(row.lstrip(" "))

    def content_before(index: int) -> int:
        """The nearest line above `index` that holds something (not blank, not a comment)."""
        index -= 1
        while index >= 0 and (not text(index).strip() or text(index).lstrip().startswith("#")):
            index -= 1
        return index

    if "simple key" in context and "':'" in problem and start is not None:
        row = text(start.line)[start.column :].split("#")[0].rstrip()
        key, _, value = row.partition(" ")
        fix = f"`{key}: {value.strip()}`" if value.strip() else f"`{key}: ...`"
        return (
            (start.line + 1, start.column + 1),
            f"`{row}` has no `:` after the key",
            f"write {fix}: a key, a colon and a space, then the value",
        )
    if context.startswith(("while parsing a flow", "while scanning a quoted")) and start:
        opened = text(start.line)[start.column : start.column + 1]
        if opened in _CLOSERS and ("end of stream" in problem or "expected ','" in problem):
            closer = _CLOSERS[opened]
            kind = "quote" if opened in "\"'" else "bracket"
            return (
                (start.line + 1, start.column + 1),
                f"the {kind} `{opened}` opened here is never closed",
                f"close it with `{closer}` at the end of the value"
                + ("" if kind == "quote" else ", and separate the items with `, `"),
            )
    if stop is None:
        return None
    here = text(stop.line)
    if "unknown escape" in problem:
        column = stop.column - 1 if here[stop.column : stop.column + 1] != "\\" else stop.column
        escape = here[column : column + 2]
        return (
            (stop.line + 1, column + 1),
            f"`{escape}` is not an escape YAML knows, in a double-quoted value",
            "write `\\\\` for a backslash, or put the value in single quotes",
        )
    if "cannot start any token" in problem:
        first = here[stop.column : stop.column + 1]
        return (
            (stop.line + 1, stop.column + 1),
            f"a value cannot start with `{first}`",
            f'put the value in quotes: "{first}..."',
        )
    if problem.startswith("mapping values are not allowed"):
        above = content_before(stop.line)
        if above >= 0 and indent(here) > indent(text(above)) and ":" in text(above):
            before = content_before(above)
            if before >= 0 and indent(text(before)) == indent(here):
                # `walk_away` pulled out of its section: the line above is the odd one out
                return _out_of_step(above + 1, text(above), indent(here))
            return _out_of_step(stop.line + 1, here, indent(text(above)))
        return (
            (stop.line + 1, stop.column + 1),
            "a value holds `: `, which YAML reads as another key",
            'put the value in quotes: key: "text: more text"',
        )
    if problem.startswith(("did not find expected key", "expected <block end>")):
        above = content_before(stop.line)
        if above >= 0 and indent(here) != indent(text(above)):
            return _out_of_step(stop.line + 1, here, indent(text(above)))
    if "'-' indicator" in problem or ("expected <block end>" in problem and "'?'" in problem):
        return (
            (stop.line + 1, stop.column + 1),
            "a key where the list above expects an item",
            "start the line with `- ` to add an item, or indent the key under the item it "
            "belongs to",
        )
    return None


def _out_of_step(line: int, row: str, neighbours: int) -> tuple[tuple[int, int], str, str]:
    own = len(row) - len(row.lstrip(" "))
    key = row.strip().split(":")[0]
    spaces = "space" if own == 1 else "spaces"
    return (
        (line, own + 1),
        f"`{key}` is indented differently from the keys around it "
        f"({own} {spaces}; they have {neighbours})",
        f"indent it by {neighbours} spaces like its neighbours: the keys of one section line up",
    )


def _fatal(file: str, line: int, column: int, message: str, hint: str = "") -> DossierError:
    return DossierError([Problem(file, line, column, "", message, hint)])
