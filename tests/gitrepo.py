"""A throwaway git repository for tests that read dossiers from git (`diff --rev`, the plan's
trend): the working directory, with no user or system git config, and commits on any date."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def git(*args: str, date: str | None = None) -> str:
    """Run git here; `date` (YYYY-MM-DD) dates the commit it makes, as author and committer."""
    env = dict(os.environ)
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    return subprocess.run(
        ["git", *args], capture_output=True, text=True, check=True, env=env
    ).stdout


def make_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository with a `profiles/` folder, made the working directory; git sees
    neither the user's config nor any repository above it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test Author")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "author@example.com")
    root = tmp_path / "repo"
    (root / "profiles").mkdir(parents=True)
    monkeypatch.chdir(root)
    git("init", "--quiet")
    return root
