"""briefgen.review.gitrev and the git integration: `diff --rev` against a real temporary repository,
the textconv driver as git runs it, and the pre-commit and .gitattributes files."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.gitrepo import git, make_repo

REPO = Path(__file__).resolve().parents[2]

DAN_V1 = """\
# Dan, as first written
name: Dan Whitfield
organization: Whitfield Logistics
negotiation:
  side: seller
  currency: USD
  opening: 60000
  target: 52000
  walk_away: 47500
  concessions:
    - {give: one extra session per quarter, get: 12-month term}
relationship:
  contacts:
    - {name: Dan Whitfield, title: CEO, stance: champion}
    - {name: Priya Natarajan, title: COO, stance: neutral}
  meetings:
    - {date: 2026-10-02, late_minutes: 15}
    - {date: 2026-11-10}
"""

DAN_V2 = DAN_V1.replace("walk_away: 47500", "walk_away: 50000").replace(
    "    - {date: 2026-11-10}\n",
    "    - {date: 2026-10-16, missed: true}\n    - {date: 2026-11-10}\n",
)

TRAVIS = """\
name: Travis Kessler
role: VP Marketing
buttons:
  - {topic: being contradicted, kind: hot}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_repo(tmp_path, monkeypatch)


def write(path: str, text: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(text, encoding="utf-8")


def commit(message: str) -> None:
    git("add", "--all")
    git("commit", "--quiet", "-m", message)


@pytest.fixture
def two_commits(repo: Path) -> Path:
    """Commit 1: Dan and Travis. Commit 2: Dan renamed, a meeting inserted, walk-away moved."""
    write("profiles/dan.yaml", DAN_V1)
    write("profiles/travis-kessler.yaml", TRAVIS)
    commit("Dan and Travis")
    git("mv", "profiles/dan.yaml", "profiles/dan-whitfield.yaml")
    write("profiles/dan-whitfield.yaml", DAN_V2)
    commit("Dan: missed meeting, walk-away up")
    return repo


@pytest.mark.usefixtures("two_commits")
def test_diff_rev_reads_the_change_between_two_commits_line_by_line(run_cli):
    (renamed,) = git("diff", "--name-status", "-M", "HEAD~1").splitlines()
    status, old, new = renamed.split("\t")
    assert (status[0], old, new) == ("R", "profiles/dan.yaml", "profiles/dan-whitfield.yaml")

    result = run_cli("diff", "--rev", "HEAD~1")

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "profiles/dan.yaml -> profiles/dan-whitfield.yaml (renamed): 2 changes, 1 flagged",
        "Negotiation",
        "! walk-away point raised: 47,500 -> 50,000 USD "
        "-- moves toward the opening: less room to concede",
        "Relationship",
        "  meeting added: 2026-10-16, missed",
    ]


@pytest.mark.usefixtures("two_commits")
def test_diff_rev_includes_new_deleted_and_moved_dossiers(run_cli):
    git("rm", "--quiet", "profiles/travis-kessler.yaml")
    write("profiles/ann-lee.yaml", "name: Ann Lee\nrole: CFO\n")  # new, not yet added to git
    Path("profiles/dan-whitfield.yaml").rename("profiles/dan.yaml")  # a plain mv, not git mv
    write("profiles/dan.yaml", DAN_V2.replace("stance: neutral", "stance: blocker"))

    result = run_cli("diff", "--rev", "HEAD")

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "profiles/ann-lee.yaml (new dossier): 3 changes",
        "Dossier",
        "  dossier added: Ann Lee",
        "  role set: CFO",
        "  kind set: client",
        "",
        "profiles/dan-whitfield.yaml -> profiles/dan.yaml (renamed): 1 change, 1 flagged",
        "Relationship",
        "! Priya Natarajan (COO): stance neutral -> blocker -- now working against the deal",
        "",
        "profiles/travis-kessler.yaml (deleted): 1 change",
        "Dossier",
        "  dossier removed: Travis Kessler",
    ]


@pytest.mark.usefixtures("two_commits")
def test_diff_rev_with_nothing_changed_says_so(run_cli):
    write(
        "profiles/travis-kessler.yaml", "# reviewed\n" + TRAVIS.replace("kind: hot", "kind:   hot")
    )
    write("notes/dan.yaml", "not: a dossier folder\n")

    result = run_cli("diff", "--rev", "HEAD")

    assert result.exit_code == 0
    assert result.stdout == "profiles/travis-kessler.yaml: no changes in meaning\n"
    git("checkout", "--", "profiles")
    assert run_cli("diff", "--rev", "HEAD").stdout == "no dossier changes in profiles since HEAD\n"


def test_diff_rev_takes_paths_relative_to_where_it_runs(two_commits, run_cli, monkeypatch):
    monkeypatch.chdir(two_commits / "profiles")

    result = run_cli("diff", "--rev", "HEAD~1", "travis-kessler.yaml", "dan-whitfield.yaml")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "profiles/dan.yaml -> profiles/dan-whitfield.yaml (renamed): 2 changes, 1 flagged"
    )


@pytest.mark.usefixtures("two_commits")
def test_diff_rev_reports_a_version_that_is_not_a_dossier_and_exits_1(run_cli):
    write("profiles/dan-whitfield.yaml", DAN_V2.replace("stance: neutral", "stance: unsure"))
    write("profiles/travis-kessler.yaml", TRAVIS.replace("kind: hot", "kind: lever"))

    result = run_cli("diff", "--rev", "HEAD")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "profiles/dan-whitfield.yaml: cannot compare: not a valid dossier (run briefgen check)",
        "profiles/dan-whitfield.yaml:15:51: relationship.contacts[1].stance: expected one of "
        "champion, neutral or blocker, got 'unsure'",
        "",
        "profiles/travis-kessler.yaml: 1 change",
        "Buttons",
        '  button "being contradicted": kind hot -> lever',
    ]


@pytest.mark.usefixtures("two_commits")
def test_diff_rev_json_lists_each_file_with_its_status(run_cli):
    result = run_cli("diff", "--rev", "HEAD~1", "--format", "json")

    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert (report["rev"], report["changes"], report["flagged"]) == ("HEAD~1", 2, 1)
    (file,) = report["files"]
    assert (file["status"], file["old_path"], file["new_path"]) == (
        "renamed",
        "profiles/dan.yaml",
        "profiles/dan-whitfield.yaml",
    )
    assert [c["path"] for c in file["changes"]] == [
        "negotiation.walk_away",
        "relationship.meetings[2026-10-16]",
    ]


@pytest.mark.usefixtures("two_commits")
def test_an_unknown_revision_is_an_error(run_cli):
    result = run_cli("diff", "--rev", "no-such-branch")

    assert result.exit_code == 1
    assert result.stderr == "no-such-branch: not a commit in this repository\n"


def test_a_revision_is_never_read_as_a_git_option(two_commits, run_cli):
    result = run_cli("diff", "--rev", "--output=stolen.txt")

    assert result.exit_code == 1
    assert result.stderr == "--output=stolen.txt: not a commit in this repository\n"
    assert not (two_commits / "stolen.txt").exists()


def test_a_path_outside_the_repository_is_an_error(two_commits, tmp_path, run_cli):
    result = run_cli("diff", "--rev", "HEAD", str(tmp_path))

    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path}: outside the repository ({two_commits})\n"


def test_diff_rev_outside_a_repository_is_an_error(tmp_path, monkeypatch, run_cli):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)

    result = run_cli("diff", "--rev", "HEAD")

    assert result.exit_code == 1
    assert result.stderr.startswith("git rev-parse: fatal: not a git repository")


# git's own diff, through the textconv driver the README documents.


@pytest.fixture
def driver(two_commits: Path) -> Path:
    shutil.copy(REPO / ".gitattributes", two_commits / ".gitattributes")
    show = f"{shlex.quote(sys.executable)} -m briefgen show --textconv"
    git("config", "diff.briefgen.textconv", show)
    git("config", "diff.briefgen.xfuncname", "^[A-Z][a-z]+$")
    return two_commits


@pytest.mark.usefixtures("driver")
def test_git_diff_shows_the_readable_form():
    shown = git("diff", "-M", "--unified=0", "HEAD~1", "HEAD").splitlines()

    assert "rename to profiles/dan-whitfield.yaml" in shown
    assert shown[shown.index("+++ b/profiles/dan-whitfield.yaml") + 1 :] == [
        "@@ -11 +11 @@ Negotiation",
        "-walk-away point: 47,500 USD",
        "+walk-away point: 50,000 USD",
        "@@ -17,0 +18 @@ Relationship",
        "+meeting: 2026-10-16, missed",
    ]


@pytest.mark.usefixtures("driver")
def test_git_log_p_shows_an_invalid_dossier_as_it_is():
    write("profiles/dan-whitfield.yaml", "name: [Dan\n")
    commit("broken")

    shown = git("log", "-p", "-1", "--format=%s").splitlines()

    assert "+name: [Dan" in shown
    assert "-walk-away point: 50,000 USD" in shown


def test_the_project_gitattributes_sends_dossiers_to_the_driver():
    found = subprocess.run(
        [
            "git",
            "check-attr",
            "diff",
            "--",
            "profiles/dan-whitfield.yaml",
            "profiles/x/y.yml",
            "README.md",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()

    assert found == [
        "profiles/dan-whitfield.yaml: diff: briefgen",
        "profiles/x/y.yml: diff: briefgen",
        "README.md: diff: unspecified",
    ]


# pre-commit: the hook offered to other repositories and the project's own configuration.


def test_the_offered_hook_runs_briefgen_check_on_dossiers():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))

    assert (hook["id"], hook["entry"], hook["language"]) == (
        "briefgen-check",
        "briefgen check",
        "python",
    )
    assert hook["files"] == r"^profiles/.*\.ya?ml$"


def test_the_project_runs_ruff_and_briefgen_before_each_commit():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))

    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == {"ruff-check", "ruff-format", "mypy", "briefgen-check", "briefgen-schema"}
    assert hooks["briefgen-check"]["entry"] == "briefgen check"
    assert hooks["briefgen-schema"]["entry"] == "briefgen schema -o schema/dossier.schema.json"


def tool(name: str) -> str | None:
    """A command installed next to this Python (the venv's bin/, not activated, as the
    README's set-up leaves it), else on PATH."""
    beside = shutil.which(name, path=str(Path(sys.executable).parent))
    return beside or shutil.which(name)


PRE_COMMIT = tool("pre-commit")


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")
def test_pre_commit_accepts_both_files():
    assert PRE_COMMIT is not None
    for command in (
        [PRE_COMMIT, "validate-config", ".pre-commit-config.yaml"],
        [PRE_COMMIT, "validate-manifest", ".pre-commit-hooks.yaml"],
    ):
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)


@pytest.mark.usefixtures("two_commits")
def test_diff_rev_refuses_a_committed_symlink_to_dev_zero_without_reading_it(run_cli):
    Path("profiles/zz.yaml").symlink_to("/dev/zero")  # read until MemoryError before
    commit("a hostile link")
    Path("profiles/big.yaml").write_bytes(b"name: Big\nnotes: " + b"x" * (1024 * 1024) + b"\n")

    result = run_cli("diff", "--rev", "HEAD~1")

    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "profiles/zz.yaml: is a device, not a file" in lines
    assert "profiles/big.yaml: file is 1,048,594 bytes; a dossier may be at most 1 MiB" in lines


@pytest.mark.usefixtures("two_commits")
def test_diff_rev_reads_a_working_tree_dev_zero_link_as_a_problem(run_cli):
    write("profiles/dan-whitfield.yaml", "")
    Path("profiles/dan-whitfield.yaml").unlink()
    Path("profiles/dan-whitfield.yaml").symlink_to("/dev/zero")  # replaces a tracked dossier

    result = run_cli("diff", "--rev", "HEAD")

    assert result.exit_code == 1
    assert "profiles/dan-whitfield.yaml: is a device, not a file" in result.stdout.splitlines()


@pytest.mark.usefixtures("two_commits")
def test_diff_rev_paths_follow_one_rule_for_tracked_and_untracked_files(run_cli):
    write("profiles/travis-kessler.yaml", TRAVIS.replace("kind: hot", "kind: lever"))  # tracked
    write("profiles/tess.yaml", "name: Tess\n")  # untracked

    result = run_cli("diff", "--rev", "HEAD", "profiles/t*")

    # Before: the untracked file matched the pattern and the modified tracked one silently did not.
    assert result.exit_code == 1
    assert "profiles/t*: no such file or folder" in result.stderr
    assert "let the shell do it" in result.stderr
    both = run_cli("diff", "--rev", "HEAD", "profiles/travis-kessler.yaml", "profiles/tess.yaml")
    assert both.stdout.splitlines()[0] == "profiles/tess.yaml (new dossier): 2 changes"
    assert "profiles/travis-kessler.yaml: 1 change" in both.stdout.splitlines()
