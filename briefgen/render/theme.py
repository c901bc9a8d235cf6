"""Where templates come from, and the one Jinja environment built from them.

A `Theme` is a template search path: the user's folders (`templates/` in the dossier's folder,
then in each folder up to the project root, see `dossier.project`) first, then the built-in
one, so a user overrides any template or stylesheet by giving its name, and can
`{% extends "base.html.j2" %}` to change one block of the built-in sheet. A user's templates
may be a colleague's, so they run sandboxed and are read only inside their folder.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefgen.dossier.project import Project, find_root
from briefgen.errors import RenderError
from briefgen.render import loaded as record
from briefgen.text.i18n import Locale, install


@cache
def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates"


class ContainedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that serves a template only if it lies inside its folder: a symlink
    in a colleague's templates/ must not put ~/.ssh/id_rsa on the sheet."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:  # a template saved in another encoding
            where = self._find(template)
            raise RenderError(
                f"{shown_path(where) if where else template}: not UTF-8 text "
                f"(byte {exc.object[exc.start]:#04x} at offset {exc.start}); "
                "save the template as UTF-8"
            ) from None
        resolved = Path(filename).resolve()
        if not any(resolved.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            raise RenderError(f"template {filename} leads outside its folder, to {resolved}")
        record.note(template, self.searchpath, filename)  # `build` rebuilds on its change
        return source, filename, uptodate

    def _find(self, template: str) -> str | None:
        for folder in self.searchpath:
            candidate = Path(folder, *template.split("/"))
            if candidate.is_file():
                return str(candidate)
        return None


@dataclass(frozen=True)
class Theme:
    """A template search path, most specific first. `folder` names a sub-folder of both the
    user's and the built-in templates (`pitch`): a pitch template cannot include a prep one."""

    dirs: tuple[Path, ...]

    @classmethod
    def for_dossier(
        cls, dossier_path: Path | None, folder: str = "", language: str | None = None
    ) -> Theme:
        """`language` ("fr") puts the folder's language sub-folder first (templates/pitch/fr,
        the user's then the built-in), before the folder itself, which still serves what the
        language does not replace (a stylesheet, the Markdown layout)."""
        if language:
            specific = cls.for_dossier(dossier_path, f"{folder}/{language}" if folder else language)
            return cls(specific.dirs + cls.for_dossier(dossier_path, folder).dirs)
        builtin = builtin_templates() / folder if folder else builtin_templates()
        dirs = []
        if dossier_path is not None:
            # `templates/` in the dossier's folder, then in each folder up to the project root
            # (dossier.project), beside the path as given, not beside a symlink's target: a
            # dossier linked into my profiles/ renders with my templates.
            project = Project(find_root(dossier_path))
            for found in project.template_dirs(dossier_path):
                user = found / folder if folder else found
                if user.is_dir() and user.resolve() != builtin.resolve():
                    dirs.append(user)
        dirs.append(builtin)
        return cls(tuple(dirs))

    def environment(
        self,
        *,
        html: bool = True,
        locale: Locale,
        setup: Setup | None = None,
        keep_compiled: bool = False,
    ) -> SandboxedEnvironment:
        """The sandboxed environment for this path, locale and document, built once a
        process, so each template compiles once however many sheets are rendered: the one
        place briefgen builds a Jinja environment. It has Jinja's i18n extension with the
        locale's catalogue merged with the catalogues of the template folders
        (`{{ _("Deadlines") }}`, and a user's own new labels: see text/i18n.py), and `lang`,
        the locale's tag for `<html lang="{{ lang }}">`. `setup` adds a document's filters and
        globals (the same function gets the same environment back, never one shared with
        another document); `keep_compiled` keeps the built-in templates compiled between runs
        (a user's are never stored: they compile in the render child)."""
        return _environment(self.dirs, html, Locale(locale), setup, keep_compiled)


Setup = Callable[[SandboxedEnvironment, Locale], None]  # a document's filters and globals


def forget_environments() -> None:
    """Drop every environment (and the templates compiled in it) of this process, so the
    next render reads the templates as they are now: a template override saved while
    `prep --watch` runs is used, not the built-in one Jinja had cached under its name."""
    _environment.cache_clear()


class RecordingEnvironment(SandboxedEnvironment):
    """Notes every template a render loads, those served from the compiled cache too (the
    loader sees only the first load), so `build` knows what each output depends on."""

    def _load_template(
        self, name: str, globals: MutableMapping[str, Any] | None
    ) -> jinja2.Template:
        template = super()._load_template(name, globals)
        if template.filename is not None and isinstance(self.loader, ContainedLoader):
            record.note(template.name or name, self.loader.searchpath, template.filename)
        return template


@cache
def _environment(
    dirs: tuple[Path, ...], html: bool, locale: Locale, setup: Setup | None, keep_compiled: bool
) -> SandboxedEnvironment:
    env = RecordingEnvironment(  # a template cannot reach Python: no os, no file, no import
        loader=ContainedLoader([str(d) for d in dirs]),
        autoescape=html,  # select_autoescape would miss *.j2
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=bytecode_cache() if keep_compiled else None,
    )
    install(env, locale, dirs)
    if setup is not None:
        setup(env, locale)
    return env


class BuiltinBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled built-in templates kept between runs, so a cold `prep` skips the compile. A
    user's or colleague's template is never stored: it compiles afresh, in the render child."""

    def __init__(self, folder: Path, builtin: Path):
        super().__init__(str(folder), "prep-%s.cache")
        self.builtin = builtin.resolve()

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        if filename is None or not Path(filename).resolve().is_relative_to(self.builtin):
            return jinja2.bccache.Bucket(environment, "", "")  # empty: compiled, not stored
        return super().get_bucket(environment, name, filename, source)

    def set_bucket(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key:
            super().set_bucket(bucket)


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """The cache in the user's cache folder ($XDG_CACHE_HOME/briefgen/jinja, else
    ~/.cache/briefgen/jinja). Python code is loaded from it, so only a folder of the user's
    own that no one else may write is used; with none, templates compile as before."""
    base = os.environ.get("XDG_CACHE_HOME") or Path("~").expanduser() / ".cache"
    folder = Path(base) / "briefgen" / "jinja"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None
    return BuiltinBytecodeCache(folder, builtin_templates())


def shown_path(filename: str) -> str:
    """A template's file name as the person knows it: relative to where briefgen runs when it
    lies below it (`templates/prep/buttons.html.j2`), else as it is."""
    try:
        return str(Path(filename).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return filename


def template_problem(
    exc: BaseException,
    template: str = "template",
    *,
    not_found: str = "",
    undefined: str = "",
) -> str | None:
    """`<template file>:<line>: <message>`: where a (user's) template went wrong, in words; the
    one translator of template errors, for every document. Any exception a template raises
    counts (a division by zero, a TypeError, a sandbox refusal), so that a user's template
    never ends in a traceback; `not_found` and `undefined` add a document's hint to those
    errors. None when the error is not a template's to answer for (it arose in briefgen's own
    code or in a built-in template's expression): a bug, which keeps its traceback."""
    frame = _template_frame(exc)
    where = f"{shown_path(frame.filename)}:{frame.lineno}" if frame else template
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{shown_path(exc.filename or exc.name or template)}:{exc.lineno}"
        return f"{where}: {exc.message or type(exc).__name__}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"{where}: template not found: {exc.name!r}{not_found}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"{where}: {exc.message}{undefined}"
    if isinstance(exc, jinja2.TemplateError):  # SecurityError from the sandbox, among others
        return f"{where}: {exc.message or type(exc).__name__}"
    if isinstance(exc, RecursionError):
        return f"{where}: it includes itself"
    if frame is None or _is_builtin(frame.filename):
        return None
    return f"{where}: {exc or type(exc).__name__}"


def _template_frame(exc: BaseException) -> traceback.FrameSummary | None:
    """The innermost template line in `exc`'s traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return frames[-1] if frames else None


def _is_builtin(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(builtin_templates().resolve())
