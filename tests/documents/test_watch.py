"""`briefgen prep --watch`: a render per save (debounced), the last good sheet kept through an
invalid save, and Ctrl-C ending it cleanly."""

from __future__ import annotations

import datetime as dt
import queue
import select
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

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

    def fake_prep(source, _job):
        calls.put(Path(source))
        raise watch_module.BriefgenError("not rendered in this test")

    monkeypatch.setattr(watch_module, "prep_sheet", fake_prep)
    (tmp_path / "profiles").mkdir()
    (tmp_path / "templates").mkdir()
    dossier = tmp_path / "profiles" / "dan.yaml"
    dossier.write_text("name: Dan\n", encoding="utf-8")
    watcher = Watcher(dossier, tmp_path / "output")
    try:
        assert watcher.next_render() is None
        assert calls.get(timeout=HANG_GUARD) == dossier
        (tmp_path / "profiles" / "other.yaml").write_text("name: Other\n", encoding="utf-8")
        (tmp_path / "templates" / "prep.css").write_text("body {}\n", encoding="utf-8")
        assert watcher.next_render() is None
        assert calls.get(timeout=HANG_GUARD) == dossier
    finally:
        watcher.close()
    assert calls.empty()  # the other dossier's save rendered nothing
    errors = [message for message, error in watcher.messages if error]
    assert errors[0] == f"not rendered in this test\n{dossier}: not rendered; no sheet yet"


def line_within(stream: IO[str] | None, seconds: float) -> str:
    """The next line, once the process has written it: a hang fails instead of blocking."""
    assert stream is not None
    ready, _, _ = select.select([stream], [], [], seconds)
    assert ready, f"nothing written in {seconds} s"
    return stream.readline()


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
        assert line_within(process.stdout, HANG_GUARD).startswith("watching bad.yaml")
        first_error = line_within(process.stderr, HANG_GUARD)  # the first render has been tried
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=HANG_GUARD)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert out.splitlines()[-1] == "stopped watching"
    assert "Traceback" not in err
    assert "KeyboardInterrupt" not in err
    assert first_error.startswith("bad.yaml:2:1: YAML syntax error")


# Issue 19: the watch takes folders, the clash rule, --locale, new templates, renderer crashes.


class Recorder:
    """A prep_sheet that lays out nothing: it records its calls and which file serves the
    `prep/buttons.html.j2` template, as the render would load it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, crash: str | None = None):
        import briefgen.documents.watch as watch_module

        self.calls: queue.Queue[tuple[Path, dict, str]] = queue.Queue()
        self.crash = crash

        def fake_prep(source, job):
            from briefgen.render.theme import Theme
            from briefgen.text.i18n import ENGLISH

            env = Theme.for_dossier(Path(source)).environment(locale=ENGLISH)
            served = env.get_template("prep/buttons.html.j2").filename or ""
            self.calls.put((Path(source), {"job": job}, served))
            if self.crash and self.crash in str(source):
                raise RuntimeError("the render child's traceback:\nIndexError: list index")
            raise watch_module.BriefgenError("not rendered in this test")

        monkeypatch.setattr(watch_module, "prep_sheet", fake_prep)

    def next(self) -> tuple[Path, dict, str]:
        return self.calls.get(timeout=HANG_GUARD)


def test_the_watch_takes_a_folder_and_mirrors_it(tmp_path, monkeypatch):
    recorder = Recorder(monkeypatch)
    (tmp_path / "profiles" / "east").mkdir(parents=True)
    (tmp_path / "profiles" / "east" / "dan.yaml").write_text("name: Dan\n")
    (tmp_path / "profiles" / "ann.yaml").write_text("name: Ann\n")
    watcher = Watcher(tmp_path / "profiles", tmp_path / "output")
    try:
        seen = dict(recorder.next()[:2] for _ in range(2))
    finally:
        watcher.close()
    folders = {s.name: Path(o["job"].output).relative_to(tmp_path) for s, o in seen.items()}
    assert folders == {"dan.yaml": Path("output/east"), "ann.yaml": Path("output")}
    assert not any("is a folder" in m for m, _ in watcher.messages)


def test_the_watch_refuses_two_dossiers_that_would_share_a_sheet(tmp_path, monkeypatch):
    recorder = Recorder(monkeypatch)
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "ann.yaml").write_text(f"name: Ann {folder}\n")
    (tmp_path / "c.yaml").write_text("name: C\n")
    stop = threading.Event()
    messages: list[tuple[str, bool]] = []
    thread = threading.Thread(
        target=watch_prep,
        args=(
            [tmp_path / "a" / "ann.yaml", tmp_path / "b" / "ann.yaml", tmp_path / "c.yaml"],
            job(tmp_path / "output", dt.date.today()),
        ),
        kwargs={
            "report": lambda m, e: messages.append((m, e)),
            "debounce_ms": 300,
            "step_ms": 50,
            "stop": stop,
        },
        daemon=True,
    )
    thread.start()
    try:
        assert recorder.next()[0] == tmp_path / "c.yaml"
    finally:
        stop.set()
        thread.join(timeout=HANG_GUARD)
    assert recorder.calls.empty()
    assert any("both would be written to" in m for m, error in messages if error)


def test_prep_watch_passes_the_locale_on(tmp_path, monkeypatch):
    seen: dict = {}
    monkeypatch.setattr(
        "briefgen.documents.watch.watch_prep",
        lambda _sources, job, **_options: seen.update(locale=job.locale),
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dan.yaml").write_text("name: Dan\n")
    from tests.conftest import invoke

    result = invoke("prep", "dan.yaml", "--watch", "--locale", "fr-CA")
    assert result.exit_code == 0, result.output
    assert str(seen.get("locale")) == "fr-CA"


def test_a_template_override_made_while_watching_is_used(tmp_path, monkeypatch):
    recorder = Recorder(monkeypatch)
    (tmp_path / "profiles").mkdir()
    dossier = tmp_path / "profiles" / "dan.yaml"
    dossier.write_text("name: Dan\n")
    watcher = Watcher(dossier, tmp_path / "output")
    try:
        from briefgen.render.theme import builtin_templates

        assert Path(recorder.next()[2]).is_relative_to(builtin_templates())
        override = tmp_path / "templates" / "prep" / "buttons.html.j2"
        override.parent.mkdir(parents=True)
        override.write_text("<p>mine</p>\n")
        assert Path(recorder.next()[2]) == override  # the save renders, with the override
        dossier.write_text("name: Dan Two\n")
        assert Path(recorder.next()[2]) == override
    finally:
        watcher.close()


def test_a_renderer_crash_does_not_end_the_watch(tmp_path, monkeypatch):
    recorder = Recorder(monkeypatch, crash="dan")
    dossier = tmp_path / "dan.yaml"
    dossier.write_text("name: Dan\n")
    watcher = Watcher(dossier, tmp_path / "output")
    try:
        recorder.next()
        dossier.write_text("name: Dan Two\n")
        recorder.next()  # still watching after the crash
    finally:
        watcher.close()
    errors = [m for m, error in watcher.messages if error]
    assert any("the renderer failed (IndexError: list index)" in m for m in errors)
