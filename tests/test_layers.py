"""The pipeline runs one way: a stage never imports a later one. `briefgen.dossier` (load,
validate) knows nothing of `briefgen.facts`; facts know no words; nothing but `cli` imports
the commands. Checked on the source, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
import importlib.util
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
    """Every module `path` names for import: import statements anywhere (a lazy one inside a
    function too), and `importlib.import_module("briefgen.x")` or `__import__("briefgen.x")`
    called with a string."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: use absolute imports (from briefgen.x import y)"
            assert node.module is not None
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and _calls_an_importer(node.func):
            name = _constant_text(node.args[0]) if node.args else None
            assert name is not None, f"{path}:{node.lineno}: import a module named in the code"
            if name.startswith("."):  # import_module(".x", "briefgen.y")
                package = _constant_text(node.args[1]) if len(node.args) > 1 else None
                assert package is not None, f"{path}:{node.lineno}: a relative name, no package"
                name = importlib.util.resolve_name(name, package)
            found.append(name)
    return found


def _calls_an_importer(func: ast.expr) -> bool:
    """`importlib.import_module`, `import_module` (imported from importlib) or `__import__`."""
    if isinstance(func, ast.Attribute):
        return func.attr == "import_module"
    return isinstance(func, ast.Name) and func.id in {"import_module", "__import__"}


def _constant_text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def later_stage_imports(path: Path, root: Path = PACKAGE) -> list[str]:
    """What `path`, a module of the package at `root`, imports from a later stage or its
    sibling, as readable lines; none for the package's __init__."""
    own = path.relative_to(root).parts[0].removesuffix(".py")
    if own == "__init__":
        return []
    assert own in RANK, f"{path}: a module outside the known stages {STAGES}"
    found = []
    for name in imports_of(path):
        other = stage_of(name)
        if other is None or other not in RANK:
            continue
        if RANK[other] > RANK[own] or (own, other) in SIBLINGS:
            found.append(f"{path.name} ({own}) imports {name} ({other})")
    return found


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.name not in {"__main__.py"})


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_stage_imports_a_later_one(path):
    assert later_stage_imports(path) == []


BAD = """\
import importlib
from importlib import import_module

from briefgen.errors import DossierError


def lazy():
    from briefgen.render.pdf import lay_out


def by_name():
    importlib.import_module("briefgen.documents.prep")
    import_module(".review.check", "briefgen")
    __import__("briefgen.cli")
"""


def test_the_layer_check_can_fail(tmp_path):
    """The checker, run on a module of the dossier stage that imports later stages every way
    it can, reports each import; the earlier stage it also imports is not reported."""
    bad = tmp_path / "dossier" / "bad.py"
    bad.parent.mkdir()
    bad.write_text(BAD, encoding="utf-8")

    assert later_stage_imports(bad, root=tmp_path) == [
        "bad.py (dossier) imports briefgen.render.pdf (render)",
        "bad.py (dossier) imports briefgen.render.pdf.lay_out (render)",
        "bad.py (dossier) imports briefgen.documents.prep (documents)",
        "bad.py (dossier) imports briefgen.review.check (review)",
        "bad.py (dossier) imports briefgen.cli (cli)",
    ]


def test_siblings_may_not_import_each_other(tmp_path):
    bad = tmp_path / "review" / "bad.py"
    bad.parent.mkdir()
    bad.write_text('import importlib\nimportlib.import_module("briefgen.documents.prep")\n')

    assert later_stage_imports(bad, root=tmp_path) == [
        "bad.py (review) imports briefgen.documents.prep (documents)"
    ]


def test_weasyprint_is_imported_by_one_module_only():
    importers = [p for p in SOURCES if any(n.startswith("weasyprint") for n in imports_of(p))]
    assert [p.relative_to(PACKAGE).as_posix() for p in importers] == ["render/pdf.py"]
