"""briefgen.files: whole or not at all, never through a symlink, never over a dossier."""

from __future__ import annotations

import errno
import os
import signal

import pytest

from briefgen.errors import BriefgenError
from briefgen.files import ReadRefused, read_bounded, write_atomic


def test_write_atomic_replaces_the_whole_file(tmp_path):
    target = tmp_path / "sheet.html"
    target.write_bytes(b"an older and much longer sheet" * 100)

    returned = write_atomic(target, b"new")

    assert returned == target
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.html"]


def test_write_atomic_creates_missing_folders(tmp_path):
    target = tmp_path / "out" / "2026" / "sheet.html"

    write_atomic(target, b"<html>")

    assert target.read_bytes() == b"<html>"


def _fail(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("step", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch, step):
    target = tmp_path / "sheet.html"
    target.write_bytes(b"the old sheet")
    monkeypatch.setattr(os, step, _fail)

    with pytest.raises(BriefgenError) as caught:
        write_atomic(target, b"the new sheet")

    assert str(caught.value) == f"{target}: cannot write: No space left on device"
    assert target.read_bytes() == b"the old sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.html"]


def test_a_failed_write_of_a_new_file_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", _fail)

    with pytest.raises(BriefgenError):
        write_atomic(tmp_path / "sheet.html", b"data")

    assert [p.name for p in tmp_path.iterdir()] == []


def test_overwrite_false_refuses_an_existing_file(tmp_path):
    target = tmp_path / "dan.yaml"
    target.write_bytes(b"name: Dan\n")

    with pytest.raises(BriefgenError) as caught:
        write_atomic(target, b"name: Someone else\n", overwrite=False)

    assert str(caught.value) == f"{target}: already exists; briefgen never overwrites a dossier"
    assert target.read_bytes() == b"name: Dan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["dan.yaml"]


def test_overwrite_false_writes_a_new_file(tmp_path):
    target = tmp_path / "dan.yaml"

    write_atomic(target, b"name: Dan\n", overwrite=False)

    assert target.read_bytes() == b"name: Dan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["dan.yaml"]


def test_a_symlink_at_the_target_is_replaced_not_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    target = tmp_path / "sheet.html"
    target.symlink_to(victim)

    write_atomic(target, b"the sheet")

    assert not target.is_symlink()
    assert target.read_bytes() == b"the sheet"
    assert victim.read_bytes() == b"keep me"


def test_overwrite_false_refuses_even_a_dangling_symlink(tmp_path):
    target = tmp_path / "dan.yaml"
    target.symlink_to(tmp_path / "elsewhere.yaml")

    with pytest.raises(BriefgenError, match="already exists"):
        write_atomic(target, b"name: Dan\n", overwrite=False)

    assert not (tmp_path / "elsewhere.yaml").exists()
    assert target.is_symlink()


def test_a_folder_that_cannot_be_made_is_a_briefgen_error(tmp_path):
    (tmp_path / "file").write_bytes(b"")

    with pytest.raises(BriefgenError, match="cannot write here"):
        write_atomic(tmp_path / "file" / "sheet.html", b"data")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_termination_signal_during_the_write_leaves_no_temp_file(tmp_path, monkeypatch, signum):
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"the earlier sheet")

    def killed_while_syncing(_fd):
        os.kill(os.getpid(), signum)  # as `kill` or a closed terminal would, mid-write

    monkeypatch.setattr(os, "fsync", killed_while_syncing)
    with pytest.raises(SystemExit) as caught:
        write_atomic(target, b"new")

    assert caught.value.code == 128 + signum
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
    assert target.read_bytes() == b"the earlier sheet"
    assert signal.getsignal(signum) == signal.SIG_DFL  # put back afterwards


def test_read_bounded_reads_a_regular_file_through_a_symlink(tmp_path):
    (tmp_path / "real.yaml").write_bytes(b"name: Dan\n")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "real.yaml")

    assert read_bounded(tmp_path / "link.yaml", 100) == b"name: Dan\n"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.symlink_to("/dev/zero"), "is a device, not a file"),
        (os.mkfifo, "is a named pipe (FIFO), not a file"),  # and does not hang
        (lambda p: p.mkdir(), "is a folder, not a file"),
        (lambda _p: None, "no such file"),
        (
            lambda p: p.write_bytes(b"x" * 101),
            "file is 101 bytes; a dossier may be at most 100 bytes",
        ),
    ],
)
def test_read_bounded_refuses_anything_but_a_small_regular_file(tmp_path, make, reason):
    path = tmp_path / "zz.yaml"
    make(path)

    with pytest.raises(ReadRefused) as caught:
        read_bounded(path, 100)

    assert caught.value.reason == reason
    assert str(caught.value) == f"{path}: {reason}"
