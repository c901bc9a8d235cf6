"""The page engine's plans kept between runs: what is kept, where, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.documents.sheet import SHEET_METRICS
from briefgen.render import plancache
from briefgen.render.engine import Plan

FIRST = Plan(paper="letter", body=9.0, metrics=SHEET_METRICS)
SOLVED = Plan(
    paper="letter",
    body=8.25,
    spacing=0.4,
    limits={"questions": 3, "buttons": 2},
    dropped=frozenset({"rapport-notes"}),
    text_limit=160,
    metrics=SHEET_METRICS,
    flow_mm=176.4,
    column_break="deadlines",
)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / plancache.FOLDER


def test_a_kept_plan_comes_back_whole_on_the_first_plans_paper(cache: Path) -> None:
    name = plancache.key("<p>Dan Whitfield</p>", FIRST)
    assert plancache.load(cache.parent, name, FIRST) is None
    plancache.store(cache.parent, name, SOLVED)
    assert plancache.load(cache.parent, name, FIRST) == SOLVED
    assert oct(cache.stat().st_mode & 0o777) == oct(0o700)


def test_only_numbers_and_the_specs_names_are_kept(cache: Path) -> None:
    html = "<p>Dan Whitfield, a very private note</p>"
    plancache.store(cache.parent, plancache.key(html, FIRST), SOLVED)
    (kept,) = cache.iterdir()
    text = kept.read_text(encoding="utf-8")
    assert "Whitfield" not in text
    assert "private" not in text
    assert "rapport-notes" in text


def test_another_html_or_paper_is_another_key() -> None:
    name = plancache.key("<p>a</p>", FIRST)
    assert plancache.key("<p>b</p>", FIRST) != name
    assert plancache.key("<p>a</p>", Plan(paper="a4", metrics=SHEET_METRICS)) != name


def test_a_damaged_entry_is_ignored(cache: Path) -> None:
    name = plancache.key("<p>a</p>", FIRST)
    plancache.store(cache.parent, name, SOLVED)
    (cache / f"{name}.json").write_text('{"body": "large"}', encoding="utf-8")
    assert plancache.load(cache.parent, name, FIRST) is None


def test_a_folder_others_may_write_is_never_used(cache: Path) -> None:
    cache.mkdir(parents=True)
    cache.chmod(0o777)
    name = plancache.key("<p>a</p>", FIRST)
    plancache.store(cache.parent, name, SOLVED)
    assert list(cache.iterdir()) == []
    assert plancache.load(cache.parent, name, FIRST) is None


def test_a_folder_keeps_at_most_kept_plans(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plancache, "KEPT", 3)
    for n in range(5):
        plancache.store(cache.parent, plancache.key(f"<p>{n}</p>", FIRST), SOLVED)
    assert len(list(cache.glob("*.json"))) == 3
