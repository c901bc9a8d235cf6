"""The prep sheet in the dossier's locale, or --locale's: dates, money, countdown, rule timings,
verdicts, built-in counters and the sheet's own labels through Babel and the catalogue (the
whole sheet in French: tests/documents/test_prep_french_sheet.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.documents.prep import notices, render_prep_html
from briefgen.dossier.validate import load_dossier
from briefgen.facts.brief import brief
from briefgen.render.engine import Plan
from briefgen.render.theme import Theme
from briefgen.text import words
from briefgen.text.i18n import Locale

TODAY = dt.date(2026, 11, 20)
QUEBEC = """\
name: Claude Bélanger
locale: {locale}
negotiation:
  currency: CAD
  opening: 1240000
  target: 1150000
  walk_away: 1060000
  when: 2026-12-03 14:00
tactics: [silence]
timeline:
  rules:
    - {{name: épreuves, days_before: 2, business_days: true, of: negotiation}}
"""


def sheet(path: Path, locale: str | None = None) -> str:
    dossier = load_dossier(path)
    chosen = locale or dossier.locale or "en"
    return render_prep_html(
        dossier, brief(dossier, TODAY), Plan(), theme=Theme.for_dossier(path), locale=chosen
    )


@pytest.fixture
def quebec(tmp_path) -> Path:
    path = tmp_path / "claude.yaml"
    path.write_text(QUEBEC.format(locale="fr-CA"), encoding="utf-8")
    return path


def test_the_sheet_in_quebec_french(quebec):
    html = sheet(quebec)
    plain = html.replace("\u00a0", " ")  # no-break spaces bind units
    assert "jeudi 3 décembre 2026" in plain
    assert "14 h<" in plain  # the OQLF's hour
    assert "14 h 00" not in plain
    assert "dans 13 jours" in plain
    assert "Laissez durer le silence" in plain  # the built-in counter, translated
    assert "1\u00a0240\u00a0000" in html
    assert "2 jours ouvrables avant la négociation" in plain
    assert "mar. 1er déc." in plain  # the first of the month
    assert "Préparée le vendredi 20 novembre 2026" in plain  # the footer, from the catalogue
    assert '<html lang="fr-CA">' in html


def test_the_same_dossier_with_locale_en_reads_in_english(quebec):
    html = sheet(quebec, "en")
    plain = html.replace("\u00a0", " ")  # no-break spaces bind units
    assert "Thursday 3 December 2026" in plain
    assert "in 13 days" in plain
    assert "Let the pause run" in plain
    assert "1,240,000" in plain
    assert "2 business days before negotiation" in plain
    assert "Prepared Friday 20 November 2026" in plain
    assert '<html lang="en">' in html
    for french in ("jeudi", "décembre", "dans 13 jours", "Laissez"):
        assert french not in html


def test_france_says_jours_ouvres_and_24_hour_time(quebec):
    html = sheet(quebec, "fr-FR")
    plain = html.replace("\u00a0", " ")  # no-break spaces bind units
    assert "jeudi 3 décembre 2026" in plain
    assert "14 h<" in plain  # the Imprimerie nationale's hour, not CLDR's 14:00
    assert "2 jours ouvrés avant la négociation" in plain


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "es-ES",
            (
                "jueves, 3 de diciembre de 2026",
                "14:00",
                "dentro de 13 días",
                "Deje correr el silencio",
                "1.240.000",
                "2 días hábiles antes de la negociación",
                "Preparada el viernes, 20 de noviembre de 2026",
                "Las cifras",
                "Silencio",
            ),
        ),
        ("es-MX", ("2:00\u202fp.m.", "1,240,000", "dentro de 13 días", "Silencio")),
        (
            "de-DE",
            (
                "Donnerstag, 3. Dezember 2026",
                "14:00",
                "in 13 Tagen",
                "Lassen Sie die Pause wirken",
                "1.240.000",
                "2 Arbeitstage vor der Verhandlung",
                "Erstellt am Freitag, 20. November 2026",
                "Die Zahlen",
                "Schweigen",
            ),
        ),
    ],
)
def test_the_sheet_in_spanish_and_german(quebec, locale, expected):
    html = sheet(quebec, locale)
    assert f'<html lang="{locale}">' in html
    plain = html.replace("\u00a0", " ")  # no-break spaces bind units
    for said in expected:
        assert said in plain, said
    assert "Let the pause run" not in html
    assert "business day" not in html


def test_locale_option_refuses_an_unknown_locale(run_cli, write_dossier):
    write_dossier("name: Ann\n", "ann.yaml")
    result = run_cli("prep", "ann.yaml", "--locale", "fr")
    assert result.exit_code == 2
    assert "Invalid value for '--locale': 'fr': use one of en, en-GB, en-US, fr-CA, fr-FR" in (
        result.output
    )


@pytest.mark.render
def test_prep_locale_option_overrides_the_dossier(run_cli, write_dossier, workdir):
    write_dossier(QUEBEC.format(locale="fr-CA"), "claude.yaml")
    result = run_cli("prep", "claude.yaml", "--today", "2026-11-20", "--html", "--locale", "en")
    assert result.exit_code == 0, result.output
    html = (workdir / "output" / "claude-prep.html").read_text(encoding="utf-8")
    plain = html.replace("\u00a0", " ")  # no-break spaces bind units
    assert "Thursday 3 December 2026" in plain
    assert "jeudi" not in html
    result = run_cli("prep", "claude.yaml", "--today", "2026-11-20", "--html")
    assert result.exit_code == 0, result.output
    html = (workdir / "output" / "claude-prep.html").read_text(encoding="utf-8")
    plain = html.replace("\u00a0", " ")  # no-break spaces bind units
    assert "jeudi 3 décembre 2026" in plain


def test_prep_watch_keeps_the_locale_option(run_cli, write_dossier, monkeypatch):
    """`prep --watch --locale fr-CA` once dropped the option and watched in English."""
    seen = []
    monkeypatch.setattr(
        "briefgen.documents.watch.watch_prep",
        lambda sources, job, **_options: seen.append((sources, job)),
    )
    write_dossier("name: Ann\n", "ann.yaml")
    result = run_cli("prep", "ann.yaml", "--watch", "--locale", "fr_ca", "--paper", "letter")
    assert result.exit_code == 0, result.output
    [(sources, job)] = seen
    assert sources == ("ann.yaml",)
    assert job.locale == "fr-CA"
    assert job.paper.name == "letter"


def test_the_passed_meeting_notice_is_in_the_sheets_language(quebec):
    """prep once said the passed meeting in English whatever the sheet's language."""
    dossier = load_dossier(quebec)
    day = dt.date(2026, 12, 5)
    assert notices(dossier, day, Locale("fr-CA")) == [
        words.meeting_passed(dt.date(2026, 12, 3), -2, Locale("fr-CA"))
    ]
    assert notices(dossier, day, Locale("fr-CA"))[0].startswith("la rencontre a eu lieu le")
    assert notices(dossier, day, Locale("fr-FR"))[0].startswith("la réunion a eu lieu le")
    assert notices(dossier, dt.date(2026, 12, 3), Locale("fr-CA")) == []
