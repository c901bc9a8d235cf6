"""Threat: losing work. An output is written whole or not at all (a temp file in the same
folder, then os.replace), so a failed, timed-out, interrupted or killed render leaves the
earlier PDF as it was and no temp file; a symlink planted at the output path is replaced,
never written through; a name taken from a dossier cannot leave the output folder; and two
runs writing the same sheet at once both finish and leave one whole PDF."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefgen.documents.prep import output_name
from briefgen.errors import RenderError
from tests.security.test_security_exhaustion import NESTED_DIVS
from tests.security.test_security_files import TODAY, Site, header_with, inspect_pdf, make_site

ROOT = Path(__file__).resolve().parents[2]
HANG_GUARD = 180  # seconds: generous bounds on waits under load; a hang fails rather than blocks
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)


@pytest.fixture
def earlier(site: Site) -> tuple[Path, Path, bytes]:
    """A dossier whose sheet was already written: (dossier, sheet, the sheet's bytes)."""
    source = site.dossier("name: Earl Earlier\nbuttons: [money]\n")
    sheet = site.prep(source).pdf
    return source, sheet, sheet.read_bytes()


def assert_untouched(sheet: Path, before: bytes) -> None:
    assert sheet.read_bytes() == before
    assert sorted(p.name for p in sheet.parent.iterdir()) == [sheet.name]  # no temp file


@pytest.mark.render
def test_a_sheet_is_written_to_a_temp_file_in_its_folder_then_replaced(site: Site, monkeypatch):
    moves = []
    real_replace = os.replace

    def replace(source, target):
        moves.append((Path(source), Path(target), Path(source).read_bytes()[:5]))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    result = site.prep(site.dossier("name: Tim Temp\n"), write_html=True)

    assert [target for _, target, _ in moves] == [result.html, result.pdf]
    for temp, target, _ in moves:
        assert temp.parent == target.parent
        assert temp.name.startswith(f".{target.name}.")
        assert temp.name.endswith(".tmp")
    assert moves[1][2] == b"%PDF-"  # whole when it was moved into place
    assert sorted(p.name for p in site.out.iterdir()) == ["x-prep.html", "x-prep.pdf"]


@pytest.mark.render
def test_a_failed_render_leaves_the_earlier_sheet(site: Site, earlier):
    source, sheet, before = earlier
    site.template("prep/header.html.j2", header_with(NESTED_DIVS))

    with pytest.raises(RenderError, match="nested too deeply"):
        site.prep(source)

    assert_untouched(sheet, before)


@pytest.mark.render
def test_a_render_that_times_out_leaves_the_earlier_sheet(site: Site, earlier, monkeypatch):
    source, sheet, before = earlier
    monkeypatch.setenv("BRIEFGEN_RENDER_TIMEOUT", "1")
    site.template("prep/header.html.j2", header_with(ENDLESS))

    with pytest.raises(RenderError, match="gave up after 1 s"):
        site.prep(source)

    assert_untouched(sheet, before)


@pytest.mark.render
@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_an_interrupted_write_leaves_the_earlier_sheet(site: Site, earlier, monkeypatch, step):
    source, sheet, before = earlier

    def interrupt(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, step, interrupt)
    with pytest.raises(KeyboardInterrupt):
        site.prep(source)

    monkeypatch.undo()
    assert_untouched(sheet, before)


def start_briefgen(site: Site, source: Path, timeout: str) -> subprocess.Popen:
    """`briefgen prep` on an endless template, returned once its render child is running."""
    site.template("prep/header.html.j2", header_with(ENDLESS))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefgen",
            "prep",
            str(source),
            "-o",
            str(site.out),
            "--today",
            str(TODAY),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT), "BRIEFGEN_RENDER_TIMEOUT": timeout},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + HANG_GUARD
    while not rendering(process.pid, source):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the render child never got to its work"
        time.sleep(0.05)
    return process


def rendering(parent: int, marker: Path) -> bool:
    """Whether `parent` waits on a render child that is in its work: the child (a fork, so its
    command line names `marker` too) ignores SIGINT, which it does just before the work, and
    the parent is asleep, which after the fork it only is in poll(), waiting for the result.
    A plain count of processes also matched a child not yet set up, or a parent still forking."""
    children = [pid for pid in running(marker) if pid != parent and field(pid, "PPid") == parent]
    return any(field(pid, "SigIgn") & 1 << (signal.SIGINT - 1) for pid in children) and (
        proc_state(parent) == "S"
    )


def field(pid: int, name: str) -> int:
    """A number from /proc/<pid>/status (SigIgn is a hexadecimal mask); 0 once it is gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    value = next(line.split()[1] for line in lines if line.startswith(f"{name}:"))
    return int(value, 16 if name.startswith("Sig") else 10)


def proc_state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def running(marker: Path) -> list[int]:
    """The processes whose command line names `marker` (zombies have none)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(marker).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_until_gone(marker: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while running(marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.render
def test_ctrl_c_during_a_render_stops_it_and_leaves_the_earlier_sheet(site: Site, earlier):
    source, sheet, before = earlier
    process = start_briefgen(site, source, timeout="60")

    process.send_signal(signal.SIGINT)  # to briefgen alone: it must end its child itself
    _, stderr = process.communicate(timeout=HANG_GUARD)

    assert process.returncode == 1
    assert "Traceback" not in stderr
    assert wait_until_gone(source, HANG_GUARD)
    assert_untouched(sheet, before)


@pytest.mark.render
def test_a_killed_briefgen_leaves_no_render_running_for_long(site: Site, earlier):
    """SIGKILL gives briefgen no chance to clean up; the orphaned child still stops, at its
    CPU limit (the time limit plus 5 s), and never writes."""
    source, sheet, before = earlier
    process = start_briefgen(site, source, timeout="10")

    process.kill()
    process.communicate(timeout=HANG_GUARD)

    assert wait_until_gone(source, HANG_GUARD)
    assert_untouched(sheet, before)


@pytest.mark.render
def test_a_symlink_at_the_output_path_is_replaced_not_written_through(site: Site):
    site.out.mkdir()
    victims = {}
    for suffix in ("pdf", "html"):
        victim = site.root / f"victim-{suffix}.txt"
        victim.write_text("keep me")
        (site.out / f"x-prep.{suffix}").symlink_to(victim)
        victims[suffix] = victim

    result = site.prep(site.dossier("name: Sid Symlink\n"), write_html=True)

    for path in (result.pdf, result.html):
        assert not path.is_symlink()
    assert inspect_pdf(result.pdf).pages == 1
    assert all(victim.read_text() == "keep me" for victim in victims.values())


@pytest.mark.render
def test_sheets_are_readable_by_their_owner_only(site: Site):
    old_umask = os.umask(0o022)
    try:
        result = site.prep(site.dossier("name: Pat Private\n"), write_html=True)
    finally:
        os.umask(old_umask)

    assert {path.stat().st_mode & 0o777 for path in (result.pdf, result.html)} == {0o600}


HOSTILE_NAMES = [
    "../../etc/passwd",
    "/etc/cron.d/job",
    "a\x00b",
    "\uff0e\uff0e",  # fullwidth full stops: ".." after NFKC
    "\uff0e\uff0e\uff0f\uff0e\uff0e\uff0fetc",  # and a fullwidth solidus: "../../etc"
    "x" * 300,
    "..",
    ".",
    "...",
    ".hidden",
    "-rf",
    "--help",
    "\u202egpj.exe",
    "a/../../b",
    "~root",
    "é" * 200,
    "name with spaces",
    "\n\r\t",
    "%2e%2e%2f",
    "CON",
    "\\..\\..\\windows",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_an_output_name_never_leaves_the_output_folder(tmp_path, name):
    safe = output_name(Path(name + ".yaml"))

    assert safe.endswith("-prep.pdf")
    assert len(safe.encode()) <= 255
    assert not safe.startswith((".", "-"))
    assert not set(safe) & set("/\\\x00\n\r\t")
    assert (tmp_path / safe).resolve().parent == tmp_path.resolve()


@pytest.mark.render
@pytest.mark.parametrize(
    "stem", ["\uff0e\uff0e", "..", "-rf", "x" * 250, "\u202egpj", " ", "ümlaut"]
)
def test_prep_of_an_oddly_named_dossier_writes_inside_the_output_folder(site: Site, stem):
    source = site.dossier("name: Odd Name\n", stem + ".yaml")

    result = site.prep(source)

    assert result.pdf.parent == site.out
    assert [p.name for p in site.out.iterdir()] == [result.pdf.name]
    assert sorted(p.name for p in site.root.iterdir()) == ["output", "profiles", "secret"]


@pytest.mark.render
def test_two_runs_writing_the_same_sheet_at_once_leave_one_whole_pdf(site: Site):
    source = ROOT / "profiles" / "dan-whitfield.yaml"  # two layouts: a long window to collide in
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [
        sys.executable,
        "-m",
        "briefgen",
        "prep",
        str(source),
        "-o",
        str(site.out),
        "--today",
        str(TODAY),
        "--html",
    ]

    runs = [
        subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]

    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert sorted(p.name for p in site.out.iterdir()) == [
        "dan-whitfield-prep.html",
        "dan-whitfield-prep.pdf",
    ]
    facts = inspect_pdf(site.out / "dan-whitfield-prep.pdf")
    assert facts.pages == 1
    assert "DanWhitfield" in facts.text
    assert "45,000" in facts.text
    assert (site.out / "dan-whitfield-prep.html").read_text().rstrip().endswith("</html>")


# --- what reaches a terminal -----------------------------------------------------------------


def _run(*args: str | bytes, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        check=False,
    )


def test_a_non_utf8_file_name_is_printed_escaped_under_a_strict_utf8_locale(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.yaml")).write_bytes(b"name: Dan\nkind: customer\n")

    result = _run("check", "profiles", cwd=tmp_path, env={"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"})

    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert result.stdout.startswith(b"profiles/caf\\xe9.yaml:2:7: kind: expected one of")


def test_escape_sequences_in_a_file_name_are_printed_as_escapes(tmp_path):
    name = "x\x1b[2K\x1b[1A.yaml"
    (tmp_path / name).write_text("name: Dan\nkind: customer\n")

    for args in (("check", name), ("show", name), ("diff", name, name)):
        result = _run(*args, cwd=tmp_path)
        assert result.returncode == 1, args
        assert b"\x1b" not in result.stdout + result.stderr, args
        assert b"x\\x1b[2K\\x1b[1A.yaml:2:7: kind" in result.stdout + result.stderr, args


def test_textconv_prints_an_invalid_files_escape_sequences_as_escapes(tmp_path):
    (tmp_path / "x.yaml").write_bytes(b"name: Dan\r\nnote: \x1b[3A\x1b[J\x07 hidden\r\n")

    result = _run("show", "--textconv", "x.yaml", cwd=tmp_path)

    assert result.returncode == 0
    assert result.stdout == b"name: Dan\nnote: \\x1b[3A\\x1b[J\\x07 hidden\n"


def test_diff_and_show_print_unprintable_text_as_escapes_whatever_let_it_through(
    monkeypatch, run_cli
):
    # check refuses control characters now; the terminal is defended anyway.
    import briefgen.review.diff
    import briefgen.review.show
    from briefgen.dossier.model import Dossier
    from briefgen.review.diff import DiffReport, FileDiff, diff_dossiers
    from briefgen.review.show import show_text

    old = Dossier.model_validate({"name": "Dan", "role": "CEO"})
    new = Dossier.model_validate({"name": "Dan", "role": "CEO\x1b[1A\x1b[2K\u202e"})
    report = DiffReport([FileDiff("a", "b", "compared", diff_dossiers(old, new))])
    monkeypatch.setattr(briefgen.review.diff, "diff_files", lambda _a, _b: report)
    monkeypatch.setattr(briefgen.review.show, "show_file", lambda _path: show_text(new))

    shown = run_cli("show", "x.yaml").stdout + run_cli("diff", "a", "b").stdout

    assert "\x1b" not in shown
    assert "\u202e" not in shown
    assert "role: CEO -> CEO\\x1b[1A\\x1b[2K\\u202e" in shown
    assert "role: CEO\\x1b[1A\\x1b[2K\\u202e" in shown
