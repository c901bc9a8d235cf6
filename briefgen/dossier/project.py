"""The project a dossier belongs to: its root folder, and the defaults a person sets once in
`briefgen.toml` there.

The root is found once, walking up from the dossier (or the folder a command is given):
the nearest folder holding a `briefgen.toml`; failing that, the nearest holding `profiles/`
or `.git`. It decides the template search path (`templates/` in the dossier's folder, then in
each folder up to the root, then the built-in), where `log NAME` looks, how `build` mirrors
folders in its output, and what calendar UIDs are relative to.

`briefgen.toml` (read with `tomllib`, at most 64 KiB) holds:

    paper = "letter"            # a4 | letter: prep, pitch, build
    locale = "fr-CA"            # agenda and calendar (the portfolio commands)
    output = "out"              # the output folder of prep, pitch and build
    [sender]                    # who signs a pitch
    name = "Ann Example"
    role = "Executive coach"
    contact = "ann@example.com"
    [plan]                      # read by `plan` (weights, thresholds): kept raw here

Flags override it; a project without one has the built-in defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.files import ReadRefused, read_bounded

CONFIG = "briefgen.toml"
CONFIG_LIMIT = 64 * 1024
DEFAULT_DOSSIERS = "profiles"  # the folder of dossiers `new` writes to; `build` maps it to DIR
_MARKERS = (DEFAULT_DOSSIERS, ".git")
_PAPERS = ("a4", "letter")
_SENDER_KEYS = ("name", "role", "contact")
_TOP_KEYS = ("paper", "locale", "output", "sender", "plan")
_TEXT_LIMIT = 500


@dataclass(frozen=True)
class Sender:
    """Who signs a pitch (`[sender]` in briefgen.toml); empty strings where not given."""

    name: str = ""
    role: str = ""
    contact: str = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.role or self.contact)


@dataclass(frozen=True)
class Project:
    """A project root and its settings. `config` is None when there is no briefgen.toml."""

    root: Path
    config: Path | None = None
    paper: str | None = None
    locale: str | None = None
    output: Path | None = None
    sender: Sender = field(default_factory=Sender)
    tables: MappingProxyType[str, Any] = field(
        default_factory=lambda: MappingProxyType({}), compare=False
    )

    def table(self, name: str) -> dict[str, Any]:
        """A raw table of briefgen.toml (`[plan]`), a copy; {} when absent."""
        value = self.tables.get(name)
        return dict(value) if isinstance(value, dict) else {}

    def relative(self, path: str | os.PathLike[str]) -> str:
        """`path` relative to the root, with `/` (a UID or an output path made from it is the
        same whichever folder briefgen runs from); as it is when it lies outside the root."""
        full = absolute(path)
        try:
            return full.relative_to(self.root).as_posix()
        except ValueError:
            return full.as_posix()

    def template_dirs(self, dossier: str | os.PathLike[str]) -> list[Path]:
        """`templates/` in the dossier's folder, then in each folder up to the root, most
        specific first (those that exist). The path as given, not a symlink's target: a dossier
        linked into my profiles/ renders with my templates."""
        folder = absolute(dossier).parent
        found: list[Path] = []
        while True:
            candidate = folder / "templates"
            if candidate.is_dir():
                found.append(candidate)
            if folder == self.root or folder.parent == folder:
                break
            if not folder.is_relative_to(self.root):
                break
            folder = folder.parent
        return found


def absolute(path: str | os.PathLike[str]) -> Path:
    """`path` made absolute and normal, symlinks kept (not `resolve()`: a dossier linked into
    my project belongs to my project)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - resolve() would follow symlinks


def find_root(start: str | os.PathLike[str], *, fallback: Path | None = None) -> Path:
    """The project root above `start` (a dossier or a folder): the nearest folder holding a
    briefgen.toml, else the nearest holding profiles/ or .git, else `fallback` (default: the
    folder above the dossier's, where `templates/` beside `profiles/` used to be looked for)."""
    path = absolute(start)
    first = path if path.is_dir() else path.parent
    folders = [first, *first.parents]
    for folder in folders:
        if os.path.lexists(folder / CONFIG):  # a FIFO or a link to /dev/zero is refused on reading
            return folder
    for folder in folders:
        if any((folder / marker).is_dir() for marker in _MARKERS):
            return folder
    if fallback is not None:
        return absolute(fallback)
    return first.parent if path.is_file() or not path.exists() else first


def load_project(start: str | os.PathLike[str] = ".") -> Project:
    """The project of `start` (a dossier, a folder, default the working folder), with its
    briefgen.toml read and checked: `file: key: what is wrong` for a bad one."""
    return _load(find_root(start))


def project_of(paths: list[str] | tuple[str, ...] | None) -> Project:
    """The project of a command's first PATH (or, without one, of the working folder)."""
    first = paths[0] if paths else "."
    return load_project(first if Path(first).exists() else ".")


def _load(root: Path) -> Project:
    config = root / CONFIG
    if not os.path.lexists(config):
        return Project(root)
    import tomllib  # only a project with a briefgen.toml loads the parser

    try:
        raw = read_bounded(config, CONFIG_LIMIT, "briefgen.toml")
    except ReadRefused as exc:
        raise BriefgenError(str(exc)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BriefgenError(f"{config}: not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise BriefgenError(f"{config}: {exc}\n  hint: see 'briefgen.toml' in the README") from None
    return _project(root, config, data)


def _project(root: Path, config: Path, data: dict[str, Any]) -> Project:
    def problem(key: str, what: str) -> BriefgenError:
        return BriefgenError(f"{config}: {key}: {what}\n  hint: see 'briefgen.toml' in the README")

    for key in data:
        if key not in _TOP_KEYS:
            raise problem(key, f"unknown setting; briefgen.toml knows {', '.join(_TOP_KEYS)}")

    def text(value: object, key: str) -> str:
        if not isinstance(value, str):
            shown = value if isinstance(value, int | float | bool) else type(value).__name__
            raise problem(key, f"expected text, got {shown!r}")
        if len(value) > _TEXT_LIMIT or any(ord(c) < 32 or c == "\x7f" for c in value):
            raise problem(key, f"expected one line of at most {_TEXT_LIMIT} characters")
        return value

    paper = data.get("paper")
    if paper is not None and paper not in _PAPERS:
        raise problem("paper", f"expected {' or '.join(_PAPERS)}")
    locale = data.get("locale")
    if locale is not None:  # a tag; the command checks it as it checks --locale
        locale = text(locale, "locale")
    output = data.get("output")
    folder = None
    if output is not None:
        folder = Path(text(output, "output"))
        folder = folder if folder.is_absolute() else root / folder
    sender = data.get("sender", {})
    if not isinstance(sender, dict):
        raise problem("sender", "expected a table: [sender] with name, role, contact")
    for key in sender:
        if key not in _SENDER_KEYS:
            raise BriefgenError(
                f"{config}: sender.{key}: unknown key\n  hint: [sender] holds name, role, contact"
            )
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    if "plan" in data and not isinstance(data["plan"], dict):
        raise problem("plan", "expected a table: [plan]")
    return Project(
        root,
        config,
        paper=paper,
        locale=locale,
        output=folder,
        sender=Sender(**{k: text(v, f"sender.{k}") for k, v in sender.items()}),
        tables=MappingProxyType(tables),
    )
