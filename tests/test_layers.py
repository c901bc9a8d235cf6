"""The pipeline runs one way: a stage never imports a later one. `briefgen.dossier` (load,
validate) knows nothing of `briefgen.facts`; facts know no words; nothing but `cli` imports
the commands. Checked on the source, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import briefgen

PACKAGE = Path(briefgen.__file__).resolve().parent
# Earlier stages first. A module may import its own stage and any earlier one.
STAGES = ["errors", "files", "dossier", "facts", "text", "render", "documents", "review", "cli"]
RANK = {stage: rank for rank, stage in enumerate(STAGES)}
RANK["review"] = RANK["documents"]  # reviewing and making documents are siblings
# review may not import documents, nor documents review: siblings stay apart.
SIBLINGS = {("documents", "review"), ("review", "documents")}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "briefgen" or len(parts) < 2:
        return None
    return parts[1]


def imports_of(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: use absolute imports (from briefgen.x import y)"
            assert node.module is not None
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.name not in {"__main__.py"})


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_stage_imports_a_later_one(path):
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    if own == "__init__":
        return
    assert own in RANK, f"{path}: a module outside the known stages {STAGES}"
    for name in imports_of(path):
        other = stage_of(name)
        if other is None or other not in RANK:
            continue
        assert RANK[other] <= RANK[own], f"{path.name} ({own}) imports {name} ({other})"
        assert (own, other) not in SIBLINGS, f"{path.name} ({own}) imports {name} ({other})"


def test_the_layer_check_can_fail(tmp_path):
    """The checker sees a lazy import of a later stage inside a function."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from briefgen.render.pdf import lay_out\n", encoding="utf-8")
    assert "briefgen.render.pdf" in imports_of(bad)
    assert RANK[stage_of("briefgen.render.pdf")] > RANK["dossier"]


def test_weasyprint_is_imported_by_one_module_only():
    importers = [p for p in SOURCES if any(n.startswith("weasyprint") for n in imports_of(p))]
    assert [p.relative_to(PACKAGE).as_posix() for p in importers] == ["render/pdf.py"]
