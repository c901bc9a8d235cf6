"""The installed package works without the source tree: templates travel inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pypdf
import pytest

import briefgen
from briefgen.documents.build import versions

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory) -> Path:
    builder = pytest.importorskip("hatchling.builders.wheel")
    out = tmp_path_factory.mktemp("wheel")
    wheel = Path(
        next(builder.WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))
    )
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_wheel_carries_the_templates(unpacked_wheel):
    templates = unpacked_wheel / "briefgen" / "templates"
    for name in (
        "prep.html.j2",
        "prep.css",
        "prep/numbers.html.j2",
        "new-dossier.yaml",
        "plan/plan.html.j2",
        "plan/plan.css",
    ):
        assert (templates / name).is_file(), name


def test_wheel_carries_the_catalogues_and_french_templates(unpacked_wheel):
    package = unpacked_wheel / "briefgen"
    for name in ("briefgen.pot", "fr/LC_MESSAGES/briefgen.po", "fr_FR/LC_MESSAGES/briefgen.po"):
        assert (package / "locales" / name).is_file(), name
    assert not list(package.rglob("*.mo"))  # compiled in memory at first use: nothing stale
    assert (package / "templates" / "pitch" / "fr" / "client.txt.j2").is_file()


@pytest.mark.render
def test_installed_package_renders_away_from_the_source_tree(unpacked_wheel, tmp_path):
    dossier = tmp_path / "somewhere" / "pat.yaml"
    dossier.parent.mkdir()
    dossier.write_text("name: Pat Elsewhere\nnegotiation: {opening: 9, target: 8, walk_away: 7}\n")
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel)}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import briefgen, sys; assert 'site' in briefgen.__file__, briefgen.__file__;"
            "from briefgen.cli import main; sys.argv=['briefgen','prep','somewhere/pat.yaml',"
            "'--today','2026-11-23']; main()",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "output" / "pat-prep.pdf"
    assert result.stdout.strip() == "output/pat-prep.pdf"
    assert "Pat Elsewhere" in pypdf.PdfReader(pdf).pages[0].extract_text()


def test_the_version_is_written_once_and_everything_reports_it(unpacked_wheel):
    """pyproject.toml reads the version from briefgen/__init__.py; the wheel's metadata,
    `briefgen --version` and the build manifest's line all say it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "briefgen/__init__.py"

    version = briefgen.__version__
    (info,) = unpacked_wheel.glob("briefgen-*.dist-info")
    assert f"\nVersion: {version}\n" in (info / "METADATA").read_text(encoding="utf-8")
    shown = subprocess.run(
        [sys.executable, "-m", "briefgen", "--version"], capture_output=True, text=True, check=True
    )
    assert shown.stdout == f"briefgen, version {version}\n"
    assert versions().startswith(f"briefgen {version}; ")
