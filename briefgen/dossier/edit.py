"""Edit a dossier's YAML text in place: add a list item, set one key of an item, and leave every
other character as the person wrote it (comments, key order, quoting, flow or block style,
blank lines, line endings).

Pure text in, text out; no file I/O. The edit is a splice: the same parser `load` uses (libyaml
through PyYAML's event stream) says where each node starts and ends, and new text is inserted
there, or one scalar is replaced. Nothing is re-serialized, so nothing else can change.
A round-trip serializer (ruamel.yaml) re-emits the whole document and normalizes what it does
not model (spacing inside flow mappings, indentation of sequences, long lines); a splice does not.

New text takes its neighbours' style: a flow `{date: ..., late_minutes: 10}` among flow items,
a block item among block items; a missing key is created where the format puts it (the model's
field order), with the file's own indentation. Every edit is verified before it is returned:
the new text, parsed again, must hold exactly the old data plus the intended change.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import types
import typing
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel

from briefgen.dossier.load import DossierLoader, Path_, format_path, load_text
from briefgen.dossier.model import Dossier, Item
from briefgen.errors import BriefgenError, DossierError

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as in load
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\r\t,\[\]{}#:\"]*")


class EditError(BriefgenError):
    """The file is written in a way this edit cannot change safely: edit it by hand."""


@dataclass(frozen=True)
class Append:
    """Add `item` at the end of the list at `path`, creating the list (and the sections that
    hold it) when missing: Append(("relationship", "meetings"), {"date": ..., ...})."""

    path: tuple[str, ...]
    item: dict[str, Any]


@dataclass(frozen=True)
class SetKey:
    """Set `key` of the mapping (or list item) at `path` to `value`; an item written as a plain
    string (`- Carol Lindqvist`) becomes `{name: Carol Lindqvist, key: value}`."""

    path: Path_
    key: str
    value: Any


Edit = Append | SetKey


def apply_edits(text: str, edits: Sequence[Edit], file: str = "<dossier>") -> str:
    """`text` with every edit made, the rest unchanged; EditError when an edit cannot be made
    without disturbing the rest. `text` must load (`load.load_text`)."""
    expected = copy.deepcopy(load_text(text, file).data)
    for edit in edits:
        text = _apply(text, edit, file)
        _apply_to_data(expected, edit)
    try:
        got = load_text(text, file).data
    except DossierError as exc:  # pragma: no cover - a bug in the splice, caught before writing
        message = exc.problems[0].message
        raise EditError(f"{file}: could not edit the file safely ({message})") from None
    if _plain(got) != _plain(expected):
        raise EditError(
            f"{file}: could not edit the file without changing something else: "
            "make this change by hand"
        )
    return text


def _plain(value: Any) -> Any:
    """Data with dates as text: a date written in quotes stays in quotes, and reads the same."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# The parsed layout: nodes with where they start and end.


@dataclass
class _Node:
    kind: str  # map | seq | scalar
    start: tuple[int, int]  # 0-based line, column
    end: tuple[int, int]
    flow: bool = False
    style: str | None = None  # a scalar's: '' plain, ' " | >
    value: str = ""
    keys: list[_Node] = field(default_factory=list)
    values: list[_Node] = field(default_factory=list)  # a map's values, a seq's items
    parent_key: _Node | None = None


def _parse(text: str) -> _Node:
    stack: list[_Node] = []
    root: _Node | None = None
    pending: list[_Node | None] = []  # per open map: the key waiting for its value

    def place(node: _Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if parent.kind == "seq":
            parent.values.append(node)
        elif pending[-1] is None:
            parent.keys.append(node)
            pending[-1] = node
        else:
            node.parent_key = pending[-1]
            parent.values.append(node)
            pending[-1] = None

    for event in yaml.parse(text, Loader=DossierLoader):
        assert event.start_mark is not None
        assert event.end_mark is not None
        start = (event.start_mark.line, event.start_mark.column)
        end = (event.end_mark.line, event.end_mark.column)
        if isinstance(event, yaml.ScalarEvent):
            place(_Node("scalar", start, end, style=event.style or "", value=event.value))
        elif isinstance(event, yaml.CollectionStartEvent):
            kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
            node = _Node(kind, start, end, flow=bool(event.flow_style))
            place(node)
            stack.append(node)
            pending.append(None)
        elif isinstance(event, yaml.CollectionEndEvent):
            node = stack.pop()
            pending.pop()
            node.end = end
    assert root is not None
    assert root.kind == "map"
    return root


class _Text:
    """The text with its line starts, to turn (line, column) into an offset and back."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        found = _LINE_BREAK.search(text)
        self.newline = found.group() if found else "\n"

    def offset(self, line: int, column: int) -> int:
        return self.starts[line] + column

    def line(self, number: int) -> str:
        start = self.starts[number]
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return _LINE_BREAK.sub("", self.text[start:end])

    def after_line(self, number: int) -> tuple[int, str]:
        """Where text inserted below line `number` goes, and what it must start with."""
        if number + 1 < len(self.starts):
            return self.starts[number + 1], ""
        return len(self.text), self.newline  # the last line has no line break of its own

    def blank(self, number: int) -> bool:
        return not self.line(number).strip()


def _content_end(node: _Node, t: _Text) -> tuple[int, int]:
    """Where the node's own text ends: a block scalar's end mark lies past its trailing blank
    lines, and a block collection's past the comments after it."""
    if node.kind == "scalar":
        if node.style in ("|", ">"):
            line = node.end[0] - 1 if node.end[1] == 0 else node.end[0]
            header = t.line(node.start[0])[node.start[1] :].split("#")[0]
            while "+" not in header and line > node.start[0] and t.blank(line):
                line -= 1  # `|+` keeps its trailing blank lines: they are its text
            return line, len(t.line(line))
        return node.end
    if node.flow or not node.values:
        return node.end
    return _content_end(node.values[-1], t)


def _find(root: _Node, path: Path_) -> _Node | None:
    node: _Node | None = root
    for part in path:
        if node is None:
            return None
        if isinstance(part, int):
            node = node.values[part] if node.kind == "seq" and part < len(node.values) else None
        else:
            node = _value_of(node, part)
    return node


def _value_of(node: _Node, key: str) -> _Node | None:
    if node.kind != "map":
        return None
    for k, v in zip(node.keys, node.values, strict=False):
        if k.kind == "scalar" and k.value == key:
            return v
    return None


# The file's habits: how far it indents, where the dash of a list stands, flow or block items.


@dataclass(frozen=True)
class _Style:
    indent: int = 2  # a nested mapping's keys, past its parent key
    dash: int = 2  # a list's dash, past its parent key
    flow_items: bool = True  # new lists of mappings are written `- {a: b}`
    item: int = 2  # a block item's keys, past its dash: `- a: b` is 2, `-   a: b` is 4


def _style_of(root: _Node) -> _Style:
    indents: Counter[int] = Counter()
    dashes: Counter[int] = Counter()
    items: Counter[bool] = Counter()
    offsets: Counter[int] = Counter()

    def walk(node: _Node) -> None:
        for child in node.values:
            key = child.parent_key
            if key is not None and not child.flow and child.kind in ("map", "seq"):
                offset = child.start[1] - key.start[1]
                if child.kind == "map" and offset > 0:
                    indents[offset] += 1
                elif child.kind == "seq" and offset >= 0:
                    dashes[offset] += 1
            if node.kind == "seq" and not node.flow and child.kind == "map":
                items[child.flow] += 1
                if not child.flow and child.start[1] > node.start[1] + 1:
                    offsets[child.start[1] - node.start[1]] += 1
            walk(child)

    walk(root)
    return _Style(
        indent=indents.most_common(1)[0][0] if indents else 2,
        dash=dashes.most_common(1)[0][0] if dashes else 2,
        flow_items=items[True] >= items[False],
        item=offsets.most_common(1)[0][0] if offsets else 2,
    )


# Writing values.


def scalar_text(value: Any) -> str:
    """A value as YAML that `load` reads back as the same value, plain when that is safe."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, int, float)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text == text.strip():
        try:
            if load_text(f"x: {text}\n").data.get("x") == text:
                return text
        except DossierError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _flow(value: Any, pad: str = "") -> str:
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {_flow(v)}" for k, v in value.items())
        return f"{{{pad}{inner}{pad}}}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar_text(value)


def _block_item(item: Any, column: int, key_offset: int, style: _Style, pad: str) -> list[str]:
    """A list item whose dash stands at `column`: `- {a: b}` or block `- a: b` lines."""
    dash = " " * column + "-" + " " * (key_offset - 1)
    if not isinstance(item, dict) or style.flow_items:
        return [dash + _flow(item, pad)]
    lines = []
    for index, (key, value) in enumerate(item.items()):
        lead = dash if index == 0 else " " * (column + key_offset)
        lines.append(f"{lead}{key}: {_flow(value)}")
    return lines


def _block_entry(key: str, value: Any, column: int, style: _Style) -> list[str]:
    """`key: value` at `column`, a new mapping or list of it in block style below."""
    lead = " " * column
    if isinstance(value, dict) and value:
        lines = [f"{lead}{key}:"]
        for k, v in value.items():
            lines += _block_entry(k, v, column + style.indent, style)
        return lines
    if isinstance(value, list) and value:
        lines = [f"{lead}{key}:"]
        for item in value:
            lines += _block_item(item, column + style.dash, style.item, style, "")
        return lines
    return [f"{lead}{key}: {_flow(value)}"]


# The edits.


def _apply(text: str, edit: Edit, file: str) -> str:
    root = _parse(text)
    t = _Text(text)
    if isinstance(edit, Append):
        return _append(t, root, edit, file)
    return _set_key(t, root, edit, file)


def _splice(t: _Text, at: int, new: str, end: int | None = None) -> str:
    return t.text[:at] + new + t.text[at if end is None else end :]


def _append(t: _Text, root: _Node, edit: Append, file: str) -> str:
    # The deepest part of the path that exists, and what is missing below it.
    node, depth = root, 0
    for depth, part in enumerate(edit.path):
        child = _value_of(node, part)
        if child is None or (child.kind == "scalar" and _is_null(child)):
            break
        if child.kind != "map" and depth < len(edit.path) - 1:
            raise _cannot(file, child, edit.path[: depth + 1], "is not a mapping")
        node = child
    else:
        if node.kind != "seq":
            raise _cannot(file, node, edit.path, "is not a list")
        return _append_item(t, root, node, edit.item)
    missing: Any = [edit.item]
    for part in reversed(edit.path[depth + 1 :]):
        missing = {part: missing}
    key = edit.path[depth]
    value = _value_of(node, key)
    if value is not None:  # written, but empty: `relationship:`
        return _set_null(t, root, node, value, missing)
    return _insert_key(t, root, node, key, missing, _field_order(edit.path[:depth]))


def _is_null(node: _Node) -> bool:
    return node.style == "" and node.value in ("", "~", "null", "Null", "NULL")


def _append_item(t: _Text, root: _Node, seq: _Node, item: dict[str, Any]) -> str:
    last = seq.values[-1] if seq.values else None
    pad = " " if last is not None and last.flow and _opens_padded(t, last) else ""
    if seq.flow:
        written = _flow(item, pad)
        if last is None:  # `[]`
            return _splice(t, t.offset(*seq.start) + 1, written)
        return _splice(t, t.offset(*_content_end(last, t)), ", " + written)
    assert last is not None  # a block list has at least one item
    base = _style_of(root)
    block = last.kind == "map" and not last.flow  # else a flow item, or a plain one
    style = _Style(base.indent, base.dash, flow_items=not block)
    dash_line = t.line(last.start[0])
    key_offset = base.item
    if dash_line[seq.start[1] : seq.start[1] + 1] == "-" and last.start[1] > seq.start[1] + 1:
        key_offset = last.start[1] - seq.start[1]
    lines = _block_item(item, seq.start[1], key_offset, style, pad)
    return _insert_lines(t, _content_end(last, t)[0], lines)


def _opens_padded(t: _Text, node: _Node) -> bool:
    at = t.offset(*node.start)
    return t.text[at : at + 2] in ("{ ", "[ ")


def _insert_lines(t: _Text, below: int, lines: list[str], *, blank_before: bool = False) -> str:
    at, lead = t.after_line(below)
    body = t.newline.join(lines)
    if blank_before:
        body = t.newline + body
    if lead:
        return _splice(t, at, lead + body)
    return _splice(t, at, body + t.newline)


def _insert_key(
    t: _Text, root: _Node, mapping: _Node, key: str, value: Any, order: list[str]
) -> str:
    """Add `key: value` to `mapping`, before the first key the format puts after it."""
    later = set(order[order.index(key) + 1 :]) if key in order else set()
    before = next((k for k in mapping.keys if k.kind == "scalar" and k.value in later), None)
    if (
        before is not None
        and not mapping.flow
        and t.line(before.start[0])[: before.start[1]].strip()
    ):
        before = None  # it shares its line with a dash: `- note: ...`; add the key at the end
    if mapping.flow:
        entry = f"{key}: {_flow(value)}"
        if before is not None:
            return _splice(t, t.offset(*before.start), entry + ", ")
        if not mapping.values:  # `{}`
            return _splice(t, t.offset(*mapping.start) + 1, entry)
        return _splice(t, t.offset(*_content_end(mapping.values[-1], t)), ", " + entry)
    style = _style_of(root)
    column = mapping.start[1]
    lines = _block_entry(key, value, column, style)
    top = mapping is root
    if before is not None:
        line = before.start[0]
        while line - 1 >= mapping.start[0] and _comment_at(t, line - 1, column):
            line -= 1  # the comments just above a key are that key's
        if top and line > 0 and t.blank(line - 1):
            lines.append("")  # sections stand apart: keep the blank line on both sides
        at = t.starts[line]
        return _splice(t, at, t.newline.join(lines) + t.newline)
    last = mapping.keys[-1]
    spaced = top and last.start[0] > 0 and t.blank(last.start[0] - 1)
    return _insert_lines(t, _content_end(mapping.values[-1], t)[0], lines, blank_before=spaced)


def _comment_at(t: _Text, line: int, column: int) -> bool:
    """A comment line at exactly `column`: it belongs to the key below it."""
    text = t.line(line)
    stripped = text.lstrip(" ")
    return stripped.startswith("#") and len(text) - len(stripped) == column


def _set_null(t: _Text, root: _Node, mapping: _Node, value: _Node, new: Any) -> str:
    """Give an empty key (`relationship:`) its first content."""
    key = value.parent_key
    assert key is not None
    if value.value == "" and not mapping.flow:
        style = _style_of(root)
        below = _block_entry("x", new, key.start[1], style)[1:]
        return _insert_lines(t, key.start[0], below)
    start, end = t.offset(*value.start), t.offset(*value.end)
    written = _flow(new)
    if value.value == "":  # `{relationship: }`: the empty value has no width
        return _splice(t, start, " " + written if t.text[start - 1 : start] == ":" else written)
    return _splice(t, start, written, end)


def _set_key(t: _Text, root: _Node, edit: SetKey, file: str) -> str:
    node = _find(root, edit.path)
    if node is None:
        raise EditError(f"{file}: {format_path(edit.path)}: not found")
    written = scalar_text(edit.value)
    if node.kind == "scalar":  # `- Carol Lindqvist`, short for {name: Carol Lindqvist}
        first = _shorthand(edit.path)
        if first is None or node.style in ("|", ">"):
            raise _cannot(file, node, edit.path, "is not a mapping")
        start, end = t.offset(*node.start), t.offset(*node.end)
        quoted = node.style in ("'", '"')  # as written; plain text may need quotes in braces
        name = t.text[start:end] if quoted else scalar_text(node.value)
        return _splice(t, start, f"{{{first}: {name}, {edit.key}: {written}}}", end)
    if node.kind != "map":
        raise _cannot(file, node, edit.path, "is not a mapping")
    value = _value_of(node, edit.key)
    if value is None:
        order = _field_order(edit.path)
        return _insert_key(t, root, node, edit.key, edit.value, order)
    if value.kind != "scalar" or value.style in ("|", ">"):
        raise _cannot(file, value, (*edit.path, edit.key), "is not a single value")
    start, end = t.offset(*value.start), t.offset(*value.end)
    if value.style in ("'", '"') and _safe_quoted(written):  # keep the quotes they chose
        return _splice(t, start + 1, written, end - 1)
    if value.value == "":  # `last_contact:` with nothing after it
        return _splice(t, start, " " + written if t.text[start - 1 : start] == ":" else written)
    return _splice(t, start, written, end)


def _safe_quoted(text: str) -> bool:
    return bool(re.fullmatch(r"[\w .-]*", text))


def _cannot(file: str, node: _Node, path: Path_, what: str) -> EditError:
    line, column = node.start
    return EditError(
        f"{file}:{line + 1}:{column + 1}: {format_path(path)}: {what}; make this change by hand"
    )


# The format's order of keys, from the model: where a missing key belongs.


def _model_at(path: Path_) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Dossier
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        model = _model_in(info.annotation) if info else None
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            if found := _model_in(arg):
                return found
    return None


def _field_order(path: Path_) -> list[str]:
    model = _model_at(path)
    return list(model.model_fields) if model else []


def _shorthand(path: Path_) -> str | None:
    model = _model_at(path)
    if model is not None and issubclass(model, Item):
        return model.shorthand
    return None


# The same edits on plain data, to verify the text.


def _apply_to_data(data: dict[str, Any], edit: Edit) -> None:
    if isinstance(edit, Append):
        here: Any = data
        for part in edit.path[:-1]:
            if here.get(part) is None:
                here[part] = {}
            here = here[part]
        if here.get(edit.path[-1]) is None:
            here[edit.path[-1]] = []
        here[edit.path[-1]].append(dict(edit.item))
        return
    parent: Any = data
    for step in edit.path[:-1]:
        parent = parent[step]
    last: Any = edit.path[-1]
    target = parent[last]
    if not isinstance(target, dict):
        first = _shorthand(edit.path)
        assert first is not None
        target = parent[last] = {first: target}
    target[edit.key] = edit.value
