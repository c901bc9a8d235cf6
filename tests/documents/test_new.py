"""`briefgen new`: a commented dossier that already passes `check`, never overwriting."""

from __future__ import annotations

import pytest

from briefgen.documents.new import SCHEMA_MODELINE, new_dossier, slugify
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError

MODELINE = "# yaml-language-server: $schema="


@pytest.mark.parametrize("kind", ["client", "prospect", "candidate"])
def test_new_writes_a_dossier_that_passes_check(workdir, run_cli, kind):
    result = run_cli("new", "Dan Whitfield", "--kind", kind)

    assert result.exit_code == 0
    assert result.stdout == "profiles/dan-whitfield.yaml\n"
    path = workdir / "profiles" / "dan-whitfield.yaml"
    dossier = load_dossier(path)
    assert (dossier.name, dossier.kind) == ("Dan Whitfield", kind)
    assert (dossier.pitch is not None) == (kind == "candidate")
    checked = run_cli("check", "profiles")
    assert checked.exit_code == 0
    assert checked.stdout == "1 dossier checked: all valid\n"


def test_new_defaults_to_a_client(workdir, run_cli):
    run_cli("new", "Dan Whitfield")

    assert load_dossier(workdir / "profiles" / "dan-whitfield.yaml").kind == "client"


def test_new_starts_with_the_schema_modeline(workdir, run_cli):
    run_cli("new", "Dan Whitfield")

    text = (workdir / "profiles" / "dan-whitfield.yaml").read_text(encoding="utf-8")
    assert text.startswith(MODELINE)
    assert text.splitlines()[0] == SCHEMA_MODELINE


def test_new_refuses_to_overwrite(workdir, run_cli):
    path = workdir / "profiles" / "dan-whitfield.yaml"
    run_cli("new", "Dan Whitfield")
    path.write_text("name: Dan Whitfield\nrole: CEO  # edited by hand\n", encoding="utf-8")

    result = run_cli("new", "Dan Whitfield", "--kind", "candidate")

    assert result.exit_code == 1
    assert result.stderr == (
        "profiles/dan-whitfield.yaml: already exists; briefgen never overwrites a dossier\n"
    )
    assert path.read_text(encoding="utf-8") == "name: Dan Whitfield\nrole: CEO  # edited by hand\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["dan-whitfield.yaml"]


def test_new_writes_in_the_folder_given(workdir, run_cli):
    result = run_cli("new", "Rita Gomez", "--dir", "people/clients")

    assert result.exit_code == 0
    assert (workdir / "people" / "clients" / "rita-gomez.yaml").is_file()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ('José "Pepe" O\\Brien', "jose-pepe-o-brien"),
        ("Zoë Ångström", "zoe-angstrom"),
        ("  Dan   Whitfield  ", "dan-whitfield"),
        ("$HOME ${name}", "home-name"),
    ],
)
@pytest.mark.usefixtures("workdir")
def test_new_keeps_the_name_exactly_as_given(name, slug):
    path = new_dossier(name, "client")

    assert path.name == f"{slug}.yaml"
    assert load_dossier(path).name == name.strip()


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("!!!", "cannot make a file name from '!!!': use letters or digits"),
        (
            "Dan\x07",
            "cannot start a dossier for 'Dan\\x07': character U+0007 is not allowed in YAML",
        ),
        (
            "x" * 501,
            f"cannot start a dossier for '{'x' * 501}': text is too long "
            "(501 characters; at most 500)",
        ),
    ],
    ids=["no-letters", "control-character", "too-long"],
)
def test_new_refuses_a_name_that_cannot_make_a_valid_dossier(workdir, run_cli, name, error):
    result = run_cli("new", name)

    assert result.exit_code == 1
    assert result.stderr == error + "\n"
    assert not (workdir / "profiles").exists() or not any((workdir / "profiles").iterdir())


def test_new_refuses_a_bad_kind_as_a_usage_error(workdir, run_cli):
    result = run_cli("new", "Dan", "--kind", "boss")

    assert result.exit_code == 2
    assert not (workdir / "profiles").exists()


@pytest.mark.usefixtures("workdir")
def test_new_dossier_refuses_an_existing_file():
    new_dossier("Dan Whitfield")

    with pytest.raises(BriefgenError, match="already exists"):
        new_dossier("dan whitfield")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Dan Whitfield", "dan-whitfield"),
        ("../../etc/passwd", "etc-passwd"),
        ("Crème Brûlée", "creme-brulee"),
        ("a" * 100, "a" * 80),
        ("a" * 79 + " b", "a" * 79),
        ("李小龙", "李小龙"),
        ("../..", ""),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug
