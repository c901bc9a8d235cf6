"""`briefgen new`: start a commented dossier that already passes `check`."""

from __future__ import annotations

import string
from pathlib import Path

from briefgen.dossier.discover import slugify
from briefgen.dossier.load import load_text
from briefgen.dossier.validate import validate
from briefgen.errors import BriefgenError, DossierError
from briefgen.files import write_atomic
from briefgen.render.theme import builtin_templates

__all__ = ["SCHEMA_MODELINE", "dossier_text", "new_dossier", "slugify"]

SCHEMA_MODELINE = "# yaml-language-server: $schema=../schema/dossier.schema.json"


def dossier_text(name: str, kind: str) -> str:
    source = (builtin_templates() / "new-dossier.yaml").read_text(encoding="utf-8")
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    part = "pitch" if kind == "candidate" else "negotiation"
    section = (builtin_templates() / f"new-{part}.yaml").read_text(encoding="utf-8")
    return string.Template(source).substitute(
        modeline=SCHEMA_MODELINE, name=quoted, kind=kind, section=section.rstrip("\n")
    )


def new_dossier(name: str, kind: str = "client", folder: str | Path = "profiles") -> Path:
    """Write `folder/<slug>.yaml`; never overwrites."""
    name = name.strip()
    slug = slugify(name)
    if not slug:
        raise BriefgenError(f"cannot make a file name from {name!r}: use letters or digits")
    target = Path(folder) / f"{slug}.yaml"
    text = dossier_text(name, kind)
    try:  # a name with control characters, or 500+ characters long, would not pass `check`
        validate(load_text(text, str(target)))
    except DossierError as exc:
        raise BriefgenError(
            f"cannot start a dossier for {name!r}: {exc.problems[0].message}"
        ) from None
    return write_atomic(target, text.encode("utf-8"), overwrite=False)
