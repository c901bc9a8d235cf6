"""Check before you go: a figure with a zero too many or one missing, and a last contact dated
in the future, are flagged in one red line at the top of the sheet and on `prep`'s standard
error (file:line:col), in the sheet's language; a clean dossier gets neither."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pypdf
import pytest

from briefgen.documents.prep import prep_sheet
from briefgen.dossier.validate import load_dossier
from briefgen.facts import checks
from briefgen.text import words
from briefgen.text.i18n import Locale
from tests.jobs import job

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 23)


def dossier_text(opening: int, target: int, walk_away: int, last_contact: str) -> str:
    return textwrap.dedent(
        f"""\
        name: Marc-André Lévesque
        organization: Groupe Lévesque
        negotiation:
          when: 2026-11-26 10:00
          currency: CAD
          opening: {opening}
          target: {target}
          walk_away: {walk_away}
        relationship:
          contacts:
            - {{name: Marc-André Lévesque, level: executive, last_contact: {last_contact}}}
        """
    )


MISSING_ZERO = dossier_text(1_850_000, 1_790_000, 160_000, "2027-11-02")
EXTRA_ZERO = dossier_text(600_000, 52_000, 45_000, "2026-11-10")
CLEAN = dossier_text(60_000, 52_000, 45_000, "2026-11-10")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "levesque.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def said(tmp_path: Path, text: str, locale: str | None = None) -> list[str]:
    dossier = load_dossier(write(tmp_path, text))
    return [words.check_words(f, Locale(locale)) for f in checks.suspects(dossier, TODAY)]


def test_a_missing_zero_and_a_future_contact_in_words(tmp_path):
    assert said(tmp_path, MISSING_ZERO) == [
        "walk away 160,000 is a tenth of your target: check the figure",
        "last contact with Marc-André Lévesque is dated 2 Nov 2027, in the future",
    ]


def test_an_extra_zero_in_words(tmp_path):
    assert said(tmp_path, EXTRA_ZERO) == [
        "opening 600,000 is ten times your target: check the figure"
    ]


def test_in_french(tmp_path):
    assert said(tmp_path, MISSING_ZERO, "fr-CA") == [
        "seuil de rupture 160\u00a0000 vaut le dixième de votre cible\u00a0: vérifiez le chiffre",
        "le dernier contact avec Marc-André Lévesque est daté du 2 nov. 2027, une date à venir",
    ]


def test_a_clean_dossier_has_nothing_to_check(tmp_path):
    assert said(tmp_path, CLEAN) == []


def test_the_codes_say_where_the_mistake_was_written(tmp_path):
    dossier = load_dossier(write(tmp_path, MISSING_ZERO))
    found = checks.suspects(dossier, TODAY)
    assert [f.path for f in found] == [
        ("negotiation", "walk_away"),
        ("relationship", "contacts", 0, "last_contact"),
    ]
    odd = found[0]
    assert isinstance(odd, checks.OutOfScale)
    assert not odd.larger
    assert odd.times == 10
    assert odd.reference == ("target", 1_790_000)


def page_text(pdf: Path) -> str:
    return " ".join(pypdf.PdfReader(pdf).pages[0].extract_text().split())


@pytest.mark.render
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_sheet_and_stderr_flag_the_mistakes(tmp_path, paper):
    source = write(tmp_path, MISSING_ZERO)
    result = prep_sheet(source, job(tmp_path / "out", TODAY, paper=paper))
    text = page_text(result.pdf)
    first = text.index("walk away 160,000 is a tenth of your target: check the figure")
    assert first < text.index("CLIENT")  # above the kicker and the name: the top line
    assert "is dated 2 Nov 2027, in the future" in text
    assert result.checks == [
        f"{source}:8:14: walk away 160,000 is a tenth of your target: check the figure",
        f"{source}:11:67: last contact with Marc-André Lévesque is dated 2 Nov 2027, in the future",
    ]
    for line in result.checks:
        assert line in result.report().splitlines()


@pytest.mark.render
def test_the_french_sheet_flags_them_in_french(tmp_path):
    source = write(tmp_path, EXTRA_ZERO)
    result = prep_sheet(source, job(tmp_path / "out", TODAY, locale="fr-CA"))
    assert "ouverture 600 000 vaut dix fois votre cible : vérifiez le chiffre" in (
        page_text(result.pdf).replace("\u00a0", " ").replace("\u202f", " ")
    )
    # standard error says it as the sheet does, in the sheet's language
    assert result.checks[0].endswith("vaut dix fois votre cible\u00a0: vérifiez le chiffre")


@pytest.mark.render
def test_a_clean_dossier_gets_no_red_line_and_no_stderr(tmp_path):
    result = prep_sheet(write(tmp_path, CLEAN), job(tmp_path / "out", TODAY))
    assert result.checks == []
    assert "check the figure" not in page_text(result.pdf)
    assert "in the future" not in page_text(result.pdf)
    assert result.report() == ""


@pytest.mark.render
def test_prep_prints_them_on_stderr(tmp_path, run_cli):
    source = write(tmp_path, MISSING_ZERO)
    out = run_cli("prep", str(source), "--today", "2026-11-23", "-o", str(tmp_path / "out"))
    assert out.exit_code == 0
    assert f"{source}:8:14: walk away 160,000 is a tenth of your target" in out.stderr
    assert "is dated 2 Nov 2027, in the future" in out.stderr
