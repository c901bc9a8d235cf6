"""What a fake renderer reports it loaded: the files a real render loads (render/loaded.py),
found on the dossier's real search paths, so the build's narrow-rebuild rules are tested
without WeasyPrint."""

from __future__ import annotations

from pathlib import Path

from briefgen.render.loaded import Loaded
from briefgen.render.theme import Theme

NAMES = {
    "prep": ("prep.html.j2", "base.html.j2", "prep.css", "prep/buttons.html.j2"),
    "pitch": ("sheet.html.j2", "pitch.css"),
}


def loaded_by(source: Path, kind: str) -> list[Loaded]:
    """The files an output of `kind` loads, as the Jinja loader would find them."""
    dirs = Theme.for_dossier(source, "pitch" if kind == "pitch" else "").dirs
    found: list[Loaded] = []
    for name in NAMES[kind]:
        for folder in dirs:
            if (folder / name).is_file():
                found.append((name, tuple(map(str, dirs)), str(folder / name)))
                break
    return found
