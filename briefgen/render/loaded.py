"""What a render loaded: every template the Jinja loader served (a cache hit too) and every
asset the URL fetcher served, so that `build` rebuilds an output only when a file it loaded
changed or is now shadowed. The render child notes them (`note`) and hands them back with its
result (`render.child.isolated`); the parent gathers what its children reported (`collect`)."""

from __future__ import annotations

import os
from collections.abc import Iterable

# (the name looked up, the search path it was looked up on, the file found)
Loaded = tuple[str, tuple[str, ...], str]

_seen: dict[tuple[str, str], Loaded] = {}
_reported: dict[tuple[str, str], Loaded] = {}


def note(name: str, search: Iterable[str | os.PathLike[str]], found: str) -> None:
    """Record that this process loaded `found`, looked up as `name` on `search`."""
    _seen.setdefault((name, found), (name, tuple(os.fspath(s) for s in search), found))


def start() -> None:
    """Forget what this process loaded so far (a render child starts afresh)."""
    _seen.clear()


def seen() -> list[Loaded]:
    """What this process loaded since `start`."""
    return list(_seen.values())


def report(loaded: Iterable[Loaded]) -> None:
    """Add what a render child loaded to this process's record."""
    for name, search, found in loaded:
        _reported.setdefault((name, found), (name, tuple(search), found))


def collect() -> list[Loaded]:
    """What the render children reported since the last call, and forget it."""
    found = list(_reported.values())
    _reported.clear()
    return found
