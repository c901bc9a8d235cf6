"""Find dossier files: files as named, folders searched for *.yaml and *.yml."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from briefgen.errors import BriefgenError

DOSSIER_SUFFIXES = (".yaml", ".yml")


def find_dossiers(paths: list[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders searched for *.yaml and *.yml (hidden folders skipped)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in candidate.relative_to(path).parts)
                if candidate.suffix in DOSSIER_SUFFIXES and candidate.is_file() and not hidden:
                    found.append(candidate)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise BriefgenError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))  # a file named twice is checked (and counted) once


def slugify(name: str) -> str:
    """'Dan Whitfield' -> 'dan-whitfield'; safe as a file name on every system. `new` names a
    dossier file so, and `log "Dan Whitfield"` finds it so."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not slug:  # a name in a non-Latin script keeps its letters
        slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", name).lower()).strip("-")
    return slug[:80].rstrip("-")
