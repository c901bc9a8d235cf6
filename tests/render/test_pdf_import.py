"""How briefgen loads WeasyPrint: on Linux its C libraries are found by their file names,
without `ctypes.util.find_library` (each miss of which runs ldconfig, gcc and ld), and the
usual way again where that fails. Each test imports in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

COUNTING = """
import ctypes.util
calls = []
real = ctypes.util.find_library
def counting(name):
    calls.append(name)
    return real(name)
ctypes.util.find_library = counting
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_weasyprint_loads_without_a_single_find_library_lookup():
    done = _run(
        COUNTING
        + """
import briefgen.render.pdf, weasyprint
assert ctypes.util.find_library is counting, "find_library is given back"
print(len(calls))
"""
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"  # WeasyPrint 70 alone: 22 lookups


def test_a_library_only_find_library_finds_is_still_loaded_and_nothing_is_printed():
    # a system where the libraries' file names do not resolve: every direct load fails
    done = _run(
        COUNTING
        + """
import cffi
direct = cffi.FFI.dlopen
def no_file_names(self, name, flags=0):
    if ".so" in str(name):
        raise OSError(f"cannot load {name}")
    return direct(self, name, flags)
cffi.FFI.dlopen = no_file_names
import briefgen.render.pdf
import weasyprint
print(weasyprint.__version__, len(calls) > 0)
"""
    )
    assert done.returncode == 0, done.stderr
    version, looked_up = done.stdout.split()
    assert version[0].isdigit()
    assert looked_up == "True"
    assert "WeasyPrint could not import" not in done.stdout + done.stderr
