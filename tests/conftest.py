"""Shared fixtures: dossier text written into a temp folder, and the CLI run in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefgen.cli import cli


@pytest.fixture(autouse=True)
def renders_are_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that lays out a PDF in this process must carry @pytest.mark.render, so that
    `pytest -m "not render"` stays the fast loop: unmarked, the layout itself refuses."""
    if request.node.get_closest_marker("render"):
        return
    import briefgen.render.pdf

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError(f"{request.node.nodeid} lays out a PDF: mark it @pytest.mark.render")

    monkeypatch.setattr(briefgen.render.pdf, "lay_out", refuse)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder that is also the working directory, so messages name `bad.yaml` plainly."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write_dossier(workdir: Path) -> Callable[..., Path]:
    """Write dossier text (or raw bytes, byte for byte) to `workdir/<name>`."""

    def write(content: str | bytes, name: str = "bad.yaml") -> Path:
        path = workdir / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


def invoke(*args: str) -> Result:
    """Run the CLI in-process. A user mistake ends in SystemExit; anything else is a bug and is
    re-raised here so the test fails with its traceback."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    return invoke


@pytest.fixture
def check_text(write_dossier: Callable[..., Path]) -> Callable[..., Result]:
    """Write `bad.yaml` and run `briefgen check bad.yaml` on it."""

    def check(content: str | bytes, name: str = "bad.yaml") -> Result:
        write_dossier(content, name)
        return invoke("check", name)

    return check


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """Under `--dist=loadfile` (the README's command), deal the files out as tests/scheduling.py
    says: the files sharing the examples' renders together, the heaviest first."""
    if config.getvalue("dist") != "loadfile":
        return None
    from tests.scheduling import SharedRenderScheduling

    return SharedRenderScheduling(config, log)  # type: ignore[arg-type]
