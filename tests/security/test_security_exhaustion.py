"""Threat: input that exhausts WeasyPrint or markdown-it: the stack (about 140 nested boxes,
deep `*` emphasis), arithmetic (absurd sizes), memory, time.

Dossier text cannot get there, by construction: templates are fixed, text is escaped and never
reaches CSS, Markdown nesting is bounded, every field and list is capped, and a sheet many pages
long is trimmed before its first layout. A colleague's template can get there, so every render
runs in a child process with a memory limit and a timeout, and each failure is a clean
"could not render" with exit status 1.
"""

from __future__ import annotations

import faulthandler
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import briefgen.documents.prep
from briefgen.dossier.load import MAX_ITEMS
from briefgen.dossier.model import LONG_TEXT_MAX, SHORT_TEXT_MAX
from briefgen.errors import BriefgenError, DossierError, RenderError
from briefgen.render.child import RENDER_MEMORY, isolated, render_timeout
from briefgen.render.fit import ITEM_BUDGET, TEXT_BUDGET, html_size
from briefgen.render.pdf import lay_out
from briefgen.text.markdown import MAX_EMPHASIS, MAX_NESTING, inline_html, to_html
from tests.security.test_security_files import (
    TODAY,
    HtmlShape,
    Site,
    every_text_field,
    header_with,
    inspect_pdf,
    make_site,
    sheet_html,
)

ROOT = Path(__file__).resolve().parents[2]
WEASYPRINT_BREAKS_AT = 140  # nested boxes, measured with WeasyPrint 70

# --- dossier text cannot reach the exhaustion: by construction ------------------------------

HALF = LONG_TEXT_MAX // 2 - 1
DEEP_MARKDOWN = {
    "stars": "*" * HALF + "a" + "*" * HALF,
    "underscores": "_" * HALF + "a" + "_" * HALF,
    "mixed-emphasis": "*_" * (HALF // 2) + "a" + "_*" * (HALF // 2),
    "quotes": "> " * HALF,
    "lists": "".join("  " * i + "- x\n" for i in range(300))[:LONG_TEXT_MAX],
    "ordered-lists": "1. " * (LONG_TEXT_MAX // 3),
    "brackets": "[" * HALF + "x" + "]" * HALF,
    "links": "[a](http://x " * (LONG_TEXT_MAX // 13),
    "backticks": "`" * LONG_TEXT_MAX,
    "emphasis-in-quotes": "> " * 20 + "*" * 4000 + "a" + "*" * 4000,
}


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)


@pytest.mark.parametrize("text", DEEP_MARKDOWN.values(), ids=DEEP_MARKDOWN.keys())
def test_markdown_nesting_is_bounded_and_quick(text):
    assert len(text) <= LONG_TEXT_MAX
    for render in (to_html, inline_html):
        shape = HtmlShape(str(render(text)))  # speed: benchmarks/, not a timed test
        assert shape.max_depth <= MAX_NESTING + MAX_EMPHASIS + 1


def test_emphasis_past_the_bound_stays_text():
    assert str(inline_html("*a **b** a*")) == "<em>a <strong>b</strong> a</em>"
    deep = inline_html("*" * 40 + "x" + "*" * 40)
    assert str(deep).count("<strong>") + str(deep).count("<em>") == MAX_EMPHASIS
    assert "*" * 10 in str(deep)


@pytest.mark.render
def test_the_deepest_notes_nest_the_sheet_far_below_what_breaks_weasyprint(site: Site):
    data = every_text_field("plain")
    for path in markdown_fields(data):
        set_at(data, path, DEEP_MARKDOWN["stars"])
    source = site.dossier(data)

    depth = HtmlShape(sheet_html(source)).max_depth
    result = site.prep(source)

    assert depth < WEASYPRINT_BREAKS_AT // 2
    assert inspect_pdf(result.pdf).pages == 1


@pytest.mark.render
def test_no_dossier_text_reaches_css(site: Site):
    """Absurd sizes break WeasyPrint only through CSS, and dossier text never becomes CSS."""
    css = "x; font-size: 1e30px; } * { font-size: 1e30px } /*"
    plain = HtmlShape(sheet_html(site.dossier(every_text_field("plain"), "plain.yaml")))
    hostile_source = site.dossier(every_text_field(css))
    hostile = HtmlShape(sheet_html(hostile_source))

    assert sorted(hostile.attribute_values("style")) == sorted(plain.attribute_values("style"))
    assert hostile.styles == plain.styles
    assert sum(css in text for text in hostile.text) >= 20  # it is all there, as text
    assert inspect_pdf(site.prep(hostile_source).pdf).pages == 1


def markdown_fields(data: dict, path: tuple = ()) -> list[tuple]:
    """Where a dossier holds Markdown: every `note` and `notes`."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        if key in ("note", "notes") and isinstance(value, str):
            found.append((*path, key))
        elif isinstance(value, (dict, list)):
            found += markdown_fields(value, (*path, key))
    return found


def set_at(data, path: tuple, value) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


CAPS = [
    (
        "name",
        "name: " + "n" * (SHORT_TEXT_MAX + 1) + "\n",
        f"x.yaml:1:7: name: text is too long (501 characters; at most {SHORT_TEXT_MAX:,})",
    ),
    (
        "notes",
        "name: N\nperson:\n  notes: " + "n" * (LONG_TEXT_MAX + 1) + "\n",
        "x.yaml:3:10: person.notes: "
        f"text is too long (10,001 characters; at most {LONG_TEXT_MAX:,})",
    ),
    (
        "list",
        "name: N\nbuttons: [" + ",".join(["b"] * (MAX_ITEMS + 1)) + "]\n",
        f"x.yaml:2:{11 + 2 * MAX_ITEMS}: buttons[{MAX_ITEMS}]: "
        f"more than {MAX_ITEMS} items in one list",
    ),
    (
        "file",
        "name: N\nrole: " + "r" * (1024 * 1024) + "\n",
        f"x.yaml:1:1: file is {14 + 1024 * 1024 + 1:,} bytes; a dossier may be at most 1 MiB",
    ),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CAPS], ids=[c[0] for c in CAPS])
def test_every_cap_is_a_located_error_and_nothing_is_rendered(
    site: Site, content, expected, monkeypatch
):
    monkeypatch.chdir(site.profiles)
    (site.profiles / "x.yaml").write_text(content)

    with pytest.raises(DossierError) as caught:
        site.prep(Path("x.yaml"))

    assert str(caught.value).splitlines()[0] == expected
    assert not site.out.exists()


def test_a_list_at_the_cap_loads():
    from briefgen.dossier.load import load_text

    text = "name: N\nbuttons: [" + ",".join(["b"] * MAX_ITEMS) + "]\n"
    assert len(load_text(text).data["buttons"]) == MAX_ITEMS


def test_the_budget_leaves_real_sheets_to_the_fit_ladder(site: Site):
    """Trimming before layout is for hostile volume only: the examples, and the test dossier
    three pages long, are laid out and measured as they are."""
    from tests.documents.test_prep import overlong_dossier

    sources = [*sorted((ROOT / "profiles").glob("*.yaml")), site.dossier(overlong_dossier(2))]
    for source in sources:
        text, items = html_size(sheet_html(source))
        assert text <= TEXT_BUDGET, source
        assert items <= ITEM_BUDGET, source


VOLUME = {
    # about 1 MiB of notes: 60 KB of text already takes WeasyPrint half a minute to lay out
    "notes": {
        "name": "Nora Notes",
        "person": {
            "notes": "word " * 1999,
            "family": [{"relation": "child", "note": "word " * 1999} for _ in range(95)],
        },
    },
    # every list at the cap, the longest text in each item, the pitch lists never shortened
    "lists": {
        "name": "Lena Lists",
        "buttons": ["b" * 480] * MAX_ITEMS,
        "tactics": [{"tactic": "t" * 480, "counter": "c" * 480} for _ in range(MAX_ITEMS)],
        "pitch": {
            "best_match": ["m" * 480] * MAX_ITEMS,
            "culture": ["c" * 480] * MAX_ITEMS,
            "traits": ["t" * 480] * MAX_ITEMS,
        },
    },
}


@pytest.mark.render
@pytest.mark.parametrize("name", VOLUME)
def test_a_dossier_at_the_caps_renders_in_seconds(site: Site, name):
    source = site.dossier(VOLUME[name])
    assert source.stat().st_size < 1024 * 1024

    started = time.perf_counter()
    result = site.prep(source)

    assert time.perf_counter() - started < 120  # a hang guard, not a speed test
    assert inspect_pdf(result.pdf).pages == 1
    assert "to fit one page" in result.report()


# --- a hostile template reaches it: the render child contains it -------------------------------

NESTED_DIVS = "<div>" * 200 + "x" + "</div>" * 200
HOSTILE_TEMPLATES = {
    "nested-boxes": (NESTED_DIVS, "the content is nested too deeply"),
    "nested-jinja": (
        "{% if true %}" * 3000 + "x" + "{% endif %}" * 3000,
        "the content is nested too deeply",
    ),
    "letter-spacing": ('<p style="letter-spacing: 1e30px">xx</p>', "OverflowError: "),
    "memory": (
        '{{ "x" * 4000000000 }}',
        f"it needs more than {RENDER_MEMORY / 2**30:g} GiB of memory",
    ),
    "endless-loop": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "gave up after 2 s",
    ),
}


@pytest.mark.render
@pytest.mark.parametrize(("markup", "reason"), HOSTILE_TEMPLATES.values(), ids=HOSTILE_TEMPLATES)
def test_a_template_that_exhausts_the_renderer_is_a_clean_error(
    site: Site, markup, reason, monkeypatch
):
    monkeypatch.setenv("BRIEFGEN_RENDER_TIMEOUT", "2")
    site.template("prep/header.html.j2", header_with(markup))
    source = site.dossier("name: Eve Exhaust\n")

    started = time.perf_counter()
    with pytest.raises(RenderError) as caught:
        site.prep(source)

    assert time.perf_counter() - started < 120  # the 2 s limit worked: no hang
    assert str(caught.value).startswith(f"could not render {source}: {reason}")
    assert not site.out.exists()
    assert no_render_children()


def test_absurd_sizes_are_render_errors_even_when_the_pdf_is_drawn(site: Site):
    """WeasyPrint lays out `font-size: 1e30px`, then divides by zero drawing it."""
    layout = lay_out('<p style="font-size: 1e30px">x</p>', assets=[site.root])

    with pytest.raises(RenderError, match="ZeroDivisionError"):
        layout.write_pdf()


@pytest.mark.render
def test_absurd_sizes_in_a_template_are_a_clean_error(site: Site):
    site.template("prep/header.html.j2", header_with('<p style="font-size: 1e30px">x</p>'))

    with pytest.raises(RenderError, match=r"^could not render .*x\.yaml: "):
        site.prep(site.dossier("name: Ada Absurd\n"))


def test_a_crashed_renderer_is_a_clean_error(site: Site, monkeypatch):
    def crash(*_args, **_kwargs):
        faulthandler.disable()  # pytest's handler would print "Fatal Python error" into the run
        os.kill(os.getpid(), signal.SIGSEGV)

    monkeypatch.setattr(briefgen.documents.prep, "fit_one_page", crash)
    source = site.dossier("name: Cal Crash\n")

    with pytest.raises(RenderError) as caught:
        site.prep(source)

    assert str(caught.value) == f"could not render {source}: the renderer crashed (SIGSEGV)"
    assert not site.out.exists()


def test_a_bug_in_the_render_keeps_its_traceback(site: Site, monkeypatch):
    """Only user-caused failures become clean messages: a bug still shows where it happened."""

    def bug(*_args, **_kwargs):
        return {}["missing"]

    monkeypatch.setattr(briefgen.documents.prep, "fit_one_page", bug)

    with pytest.raises(RuntimeError) as caught:
        site.prep(site.dossier("name: Bo Bug\n"))

    assert not isinstance(caught.value, BriefgenError)
    assert "Traceback" in str(caught.value)
    assert "KeyError: 'missing'" in str(caught.value)


def test_the_render_child_runs_under_its_limits():
    def limits():
        return {
            kind: resource.getrlimit(kind)[0]
            for kind in (resource.RLIMIT_AS, resource.RLIMIT_CORE, resource.RLIMIT_CPU)
        }

    found = isolated(limits, what="limits")

    assert found[resource.RLIMIT_AS] == RENDER_MEMORY
    assert found[resource.RLIMIT_CORE] == 0  # a core file would hold the dossier
    assert 0 < found[resource.RLIMIT_CPU] <= render_timeout() + 10


@pytest.mark.parametrize("value", ["abc", "0", "-5", "nan", "inf", "1e999", "2.2e6", "1e300"])
def test_a_bad_timeout_setting_is_a_briefgen_error(monkeypatch, value):
    monkeypatch.setenv("BRIEFGEN_RENDER_TIMEOUT", value)

    with pytest.raises(BriefgenError, match="BRIEFGEN_RENDER_TIMEOUT="):
        render_timeout()


def test_a_huge_timeout_setting_is_refused_before_any_render(monkeypatch):
    # 2.2e6 s used to reach poll() and end in an OverflowError traceback.
    monkeypatch.setenv("BRIEFGEN_RENDER_TIMEOUT", "2200000")

    with pytest.raises(BriefgenError, match="at most 86,400 seconds"):
        isolated(lambda: 1, what="x")


ORPHAN = """
import os, sys, time
from briefgen.render.child import isolated

def work():
    with open(sys.argv[1], "w") as out:
        out.write(str(os.getpid()))
    time.sleep(3)  # the parent is killed meanwhile
    return b"x" * 1_000_000  # far more than a pipe buffer holds: send blocks with no reader

isolated(work, what="a sheet")
"""


def _alive(pid: int) -> bool:
    try:
        with Path(f"/proc/{pid}/stat").open() as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize(
    "signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP], ids=["KILL", "TERM", "HUP"]
)
def test_the_render_child_dies_with_its_parent(tmp_path, signum):
    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen(
        [sys.executable, "-c", ORPHAN, str(pid_file)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    child = None
    try:
        for _ in range(600):  # hang guard: up to a minute for the child to start
            if pid_file.exists() and pid_file.read_text():
                child = int(pid_file.read_text())
                break
            time.sleep(0.1)
        assert child is not None, "the render child never started"
        parent.send_signal(signum)
        parent.wait(timeout=60)
        for _ in range(600):  # it used to stay blocked in send() forever
            if not _alive(child):
                break
            time.sleep(0.1)
        assert not _alive(child), "the render child outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if child is not None and _alive(child):
            os.kill(child, signal.SIGKILL)


@pytest.mark.render
def test_the_cli_reports_could_not_render_and_goes_on_with_the_others(site: Site):
    site.template("prep/header.html.j2", header_with(NESTED_DIVS))
    bad = site.dossier("name: Deep Template\n", "deep.yaml")
    elsewhere = site.root / "elsewhere"  # no templates/ beside it: the built-in ones
    (elsewhere / "profiles").mkdir(parents=True)
    good = elsewhere / "profiles" / "good.yaml"
    good.write_text(yaml.safe_dump({"name": "Good Sheet"}))

    done = run_briefgen("prep", str(bad), str(good), "-o", str(site.out), "--today", str(TODAY))

    assert done.returncode == 1
    assert f"could not render {bad}: the content is nested too deeply\n" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == f"{site.out / 'good-prep.pdf'}\n"
    assert sorted(p.name for p in site.out.iterdir()) == ["good-prep.pdf"]


def run_briefgen(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """`python -m briefgen` on this checkout, whatever copy is installed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        **kwargs,
        check=False,
    )


def no_render_children() -> bool:
    import multiprocessing

    return multiprocessing.active_children() == []


@pytest.mark.render
def test_prep_computes_the_brief_only_inside_the_render_child(site: Site, monkeypatch):
    # 200 rules of 100,000 business days were computed twice, once outside the time limit.
    calls = []
    real = briefgen.documents.prep.brief

    def counted(*args, **kwargs):
        calls.append(os.getpid())
        return real(*args, **kwargs)

    monkeypatch.setattr(briefgen.documents.prep, "brief", counted)
    site.prep(site.dossier("name: Ona Once\ntactics: [silence]\n"))

    assert os.getpid() not in calls  # the child's calls are not seen here; none of ours
