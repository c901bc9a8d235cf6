"""`briefgen prep --watch`: a render per save (debounced), the last good sheet kept through an
invalid save, and Ctrl-C ending it cleanly."""

from __future__ import annotations

import datetime as dt
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefgen.documents.watch import watch_prep
from tests.jobs import job

ROOT = Path(__file__).resolve().parents[2]
HANG_GUARD = 180  # seconds: a generous bound on one render; a hang fails rather than blocks


class Watcher:
    """`watch_prep` in a thread, with every render and message in queues."""

    def __init__(self, dossier: Path, out: Path, locale: str | None = None):
        self.renders: queue.Queue[tuple[Path, object]] = queue.Queue()
        self.messages: list[tuple[str, bool]] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=watch_prep,
            args=([dossier], job(out, dt.date.today(), locale=locale)),
            kwargs={
                "follow_clock": True,
                "report": lambda message, error: self.messages.append((message, error)),
                "rendered": lambda source, result: self.renders.put((source, result)),
                "debounce_ms": 300,
                "step_ms": 50,
                "stop": self.stop,
            },
            daemon=True,
        )
        self.thread.start()

    def next_render(self) -> object:
        return self.renders.get(timeout=HANG_GUARD)[1]

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=HANG_GUARD)
        assert not self.thread.is_alive()


@pytest.mark.render
def test_two_saves_two_renders_and_an_invalid_save_keeps_the_last_sheet(tmp_path):
    dossier = tmp_path / "profiles" / "dan.yaml"
    dossier.parent.mkdir()
    shutil.copy(ROOT / "profiles" / "richard-okafor.yaml", dossier)
    out = tmp_path / "output"
    watcher = Watcher(dossier, out)
    try:
        first = watcher.next_render()  # the first render, once the watch is armed
        assert first is not None
        pdf = out / "dan-prep.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")

        text = dossier.read_text(encoding="utf-8")
        dossier.write_text(text.replace("Richard Okafor", "Richard A. Okafor", 1), "utf-8")
        assert watcher.next_render() is not None  # save 1: render 2
        good = pdf.read_bytes()

        dossier.write_text(text + "pace: quick\n", encoding="utf-8")  # invalid
        assert watcher.next_render() is None
        assert pdf.read_bytes() == good
        errors = [message for message, error in watcher.messages if error]
        assert any("dan.yaml:" in m and "unknown key 'pace'" in m for m in errors)
        assert any("not rendered; kept the last good sheet" in m for m in errors)

        dossier.write_text(text, encoding="utf-8")  # save 2 (fixed): render 3
        assert watcher.next_render() is not None
        assert pdf.read_bytes() != good
    finally:
        watcher.close()
    assert watcher.renders.empty()  # one render per save, no more
    assert watcher.messages[-1] == ("stopped watching", False)


def test_a_template_save_renders_again_and_other_files_do_not(tmp_path, monkeypatch):
    """Which saves count, without laying out a PDF: prep_sheet is replaced by a recorder."""
    import briefgen.documents.watch as watch_module

    calls: queue.Queue[Path] = queue.Queue()

    def fake_prep(source, job):
        calls.put(Path(source))
        raise watch_module.BriefgenError("not rendered in this test")

    monkeypatch.setattr(watch_module, "prep_sheet", fake_prep)
    (tmp_path / "profiles").mkdir()
    (tmp_path / "templates").mkdir()
    dossier = tmp_path / "profiles" / "dan.yaml"
    dossier.write_text("name: Dan\n", encoding="utf-8")
    watcher = Watcher(dossier, tmp_path / "output")
    try:
        assert watcher.next_render() is None and calls.get(timeout=HANG_GUARD) == dossier
        (tmp_path / "profiles" / "other.yaml").write_text("name: Other\n", encoding="utf-8")
        (tmp_path / "templates" / "prep.css").write_text("body {}\n", encoding="utf-8")
        assert watcher.next_render() is None and calls.get(timeout=HANG_GUARD) == dossier
    finally:
        watcher.close()
    assert calls.empty()  # the other dossier's save rendered nothing
    errors = [message for message, error in watcher.messages if error]
    assert errors[0] == f"not rendered in this test\n{dossier}: not rendered; no sheet yet"


def test_ctrl_c_ends_the_watch_cleanly(tmp_path):
    (tmp_path / "bad.yaml").write_text("name: [\n", encoding="utf-8")  # nothing to lay out
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "prep", "bad.yaml", "--watch"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("watching bad.yaml")
        assert process.stderr is not None
        first_error = process.stderr.readline()  # the first render has been tried
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=HANG_GUARD)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert out.splitlines()[-1] == "stopped watching"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert first_error.startswith("bad.yaml:2:1: YAML syntax error")
