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


def test_fonttools_fallbacks_are_imported_only_when_weasyprint_uses_them():
    # fontTools' subsetter and instancer serve WeasyPrint's fallbacks only: about 60 ms of
    # import a process that most processes never use
    done = _run(
        """
import sys
import briefgen.render.pdf
from weasyprint.pdf import fonts
late = ("fontTools.subset", "fontTools.varLib")
print(sorted(m for m in sys.modules if m.startswith(late)))
import fontTools.subset
print(fonts.subset.Options is fontTools.subset.Options)
try:
    fonts.instantiateVariableFont(None, {})
except Exception as exc:
    import traceback
    print("/".join(traceback.extract_tb(exc.__traceback__)[-1].filename.split("/")[-3:]))
from fontTools.varLib import instancer
print(sys.modules["fontTools.varLib.instancer"] is instancer, hasattr(instancer, "solver"))
"""
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "[]"
    assert lines[1] == "True"  # read later, the real module's
    assert lines[2] == "varLib/instancer/__init__.py"  # the real function, failing on None
    assert lines[3] == "True True"


def test_a_name_read_from_a_stand_in_during_the_import_is_the_real_one():
    # a later WeasyPrint may import more names from these modules: it then loads them, and
    # still loads
    done = _run(
        """
import briefgen.render.pdf as pdf
with pdf._font_tools_on_first_use():
    from fontTools.subset import Options
    from fontTools.varLib.instancer import OverlapMode
print(Options.__module__, OverlapMode.__module__)
"""
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["fontTools.subset", "fontTools.varLib.instancer"]
