"""Output names: a person's name kept in any script, safely; a redacted sheet says so; one run
never writes two dossiers to one path, and renders a dossier named twice once."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from briefgen.render.output import STEM_BYTES, output_name, plan_outputs

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("dan-whitfield.yaml", "dan-whitfield-prep.pdf"),
        ("ольга-петрова.yaml", "ольга-петрова-prep.pdf"),
        ("李雷.yaml", "李雷-prep.pdf"),
        ("محمد-علي.yaml", "محمد-علي-prep.pdf"),
        ("प्रिया-शर्मा.yaml", "प्रिया-शर्मा-prep.pdf"),  # vowel signs are marks: kept
        ("Zoë Ångström.yaml", "Zoë-Ångström-prep.pdf"),
        ("profiles/clients/dan.yaml", "dan-prep.pdf"),  # the folder never counts
        ("ﬁona.yaml", "fiona-prep.pdf"),  # NFKC: the ligature is two letters
        ("dan  o'brien (2).yaml", "dan-o-brien-2-prep.pdf"),
        ("..yaml", "dossier-prep.pdf"),
        ("---.yaml", "dossier-prep.pdf"),
    ],
)
def test_output_name_keeps_the_name_in_any_script(source, name):
    assert output_name(Path(source)) == name


def test_output_name_says_what_it_is():
    assert output_name("dan-whitfield.yaml", redacted=True) == "dan-whitfield-prep-redacted.pdf"
    assert output_name("dan-whitfield.yaml", "pitch") == "dan-whitfield-pitch.pdf"
    assert output_name("dan.yaml", "prep", extension=".html") == "dan-prep.html"
    with pytest.raises(ValueError, match=r"output kind '\.\./prep'"):
        output_name("dan.yaml", "../prep")
    with pytest.raises(ValueError, match="output extension '/x'"):
        output_name("dan.yaml", extension="/x")


HOSTILE = [
    "../../etc/passwd",
    "..\\..\\windows",
    ".hidden",
    "...",
    "a\uff0fb",  # a fullwidth solidus is a slash after NFKC
    "a\u2215b",  # division slash
    "a\x00b\x1b[2Jc",
    "\u202egnp.exe",  # a right-to-left override would show 'exe.png'
    "a\u200bb\u2066c\u2069d",  # zero-width space, bidi isolates
    "\u0301accent-first",  # a combining mark cannot start a name
    "\udcff\udcfe",  # a file name that is not UTF-8 (surrogate escapes)
    "x" * 400,
    "李" * 200,
    "\n\r\t",
    "~",
    "con",
]


@pytest.mark.parametrize("stem", HOSTILE)
def test_output_name_is_always_safe(tmp_path, stem):
    name = output_name(Path(stem + ".yaml"), "prep", redacted=True)

    assert name.endswith("-prep-redacted.pdf")
    assert (tmp_path / name).parent == tmp_path
    assert "/" not in name
    assert "\\" not in name
    assert not name.startswith((".", "-"))
    assert all(unicodedata.category(c)[0] not in "CZ" or c == " " for c in name)
    assert " " not in name
    assert len(name.encode("utf-8")) <= STEM_BYTES + len("-prep-redacted.pdf") < 255
    assert name == unicodedata.normalize("NFKC", name)
    (tmp_path / name).write_bytes(b"")  # the file system takes it


@pytest.mark.usefixtures("workdir")
def test_a_name_briefgen_new_creates_keeps_its_letters(run_cli):
    for person in ("Ольга Петрова", "李雷", "محمد علي"):
        created = Path(run_cli("new", person).stdout.strip())
        assert output_name(created) == created.stem + "-prep.pdf"
        assert output_name(created) != "dossier-prep.pdf"


def test_a_dossier_named_twice_is_planned_once_in_first_order(workdir):
    (workdir / "a.yaml").write_text("name: A\n")
    (workdir / "b.yaml").write_text("name: B\n")
    (workdir / "link.yaml").symlink_to("a.yaml")
    plan = plan_outputs(
        ["b.yaml", "a.yaml", "./a.yaml", str(workdir / "a.yaml"), "b.yaml", "link.yaml"], "out"
    )

    assert plan.targets == {
        Path("b.yaml"): Path("out/b-prep.pdf"),
        Path("a.yaml"): Path("out/a-prep.pdf"),
    }
    assert plan.clashes == []


def test_two_dossiers_never_share_an_output_path(workdir):
    for folder in ("a", "b", "c"):
        (workdir / folder).mkdir()
        (workdir / folder / "dan.yaml").write_text("name: Dan\n")
    (workdir / "Dan.yaml").write_text("name: Dan\n")
    (workdir / "ann.yaml").write_text("name: Ann\n")
    plan = plan_outputs(["a/dan.yaml", "ann.yaml", "b/dan.yaml", "Dan.yaml", "c/dan.yaml"], "out")

    assert plan.targets == {Path("ann.yaml"): Path("out/ann-prep.pdf")}
    assert plan.clashes == [
        "a/dan.yaml, b/dan.yaml, Dan.yaml and c/dan.yaml: all would be written to "
        "out/dan-prep.pdf, so none was.\n"
        "  hint: rename one of the files, or render them in separate runs with different "
        "-o folders"
    ]


def test_prep_refuses_two_dossiers_for_one_sheet_and_names_both(workdir, run_cli):
    # Not a render test: nothing may be laid out, since neither sheet is made.
    for folder in ("a", "b"):
        (workdir / folder).mkdir()
        (workdir / folder / "dan.yaml").write_text(f"name: Dan {folder}\n")
    result = run_cli("prep", "a/dan.yaml", "b/dan.yaml")

    assert result.exit_code == 1
    assert result.stderr.startswith(
        "a/dan.yaml and b/dan.yaml: both would be written to output/dan-prep.pdf, so neither was."
    )
    assert result.stdout == ""
    assert not (workdir / "output").exists()


def test_prep_renders_a_dossier_named_twice_once(workdir, run_cli, monkeypatch):
    import briefgen.documents.prep

    made = []

    def prep_sheet(source, _job):
        made.append(source)
        raise briefgen.documents.prep.RenderError(f"{source}: not rendered in this test")

    monkeypatch.setattr(briefgen.documents.prep, "prep_sheet", prep_sheet)
    (workdir / "a.yaml").write_text("name: A\n")
    (workdir / "b.yaml").write_text("name: B\n")
    run_cli("prep", "a.yaml", "./a.yaml", "b.yaml", str(workdir / "a.yaml"), "a.yaml")

    assert made == [Path("a.yaml"), Path("b.yaml")]


@pytest.mark.render
def test_prep_writes_a_redacted_sheet_under_its_own_name(workdir, run_cli):
    source = workdir / "ольга-петрова.yaml"
    # a short dossier: what is under test is the names, not the layout of a full sheet
    source.write_text(
        "name: Olga Petrova\nbuttons:\n  - {topic: her divorce, sensitive: true}\n",
        encoding="utf-8",
    )
    private = run_cli("prep", source.name, "--today", "2026-11-20")
    redacted = run_cli("prep", source.name, "--today", "2026-11-20", "--redact")

    assert private.stdout == "output/ольга-петрова-prep.pdf\n"
    assert redacted.stdout == "output/ольга-петрова-prep-redacted.pdf\n"
    assert sorted(p.name for p in (workdir / "output").iterdir()) == [
        "ольга-петрова-prep-redacted.pdf",
        "ольга-петрова-prep.pdf",
    ]
