"""The prep sheet in Spanish (Spain, Mexico) and German, as the French sheet is tested in
test_prep_french_sheet.py: every section's labels from the catalogue and no English word of
briefgen's left on the page; the examples on one page of A4 and of Letter in each language.

The dossier's own text is French (the Quebec dossier of the French test), so an English phrase
found on the page is one of briefgen's."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdf
import pytest

from briefgen.documents.prep import prep_sheet, render_prep_html
from briefgen.dossier.validate import load_dossier
from briefgen.facts.brief import brief
from briefgen.render.engine import Plan
from briefgen.render.theme import Theme
from briefgen.text import i18n
from briefgen.text.i18n import Locale
from tests.documents.test_prep_french_sheet import EVERYTHING, english_phrases_in
from tests.jobs import job
from tests.pdfboxes import collisions, have_pdftotext

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 20)
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))

LABELS = {
    "es-ES": (
        "Las cifras",
        "Plazos",
        "Puntos sensibles",
        "Atención a",
        "punto de ruptura",
        "Plan de ofertas",
        "zona de acuerdo",
        "Mapa de interlocutores",
        "Preparada el viernes, 20 de noviembre de 2026",
        "jueves, 3 de diciembre de 2026",
        "1.240.000",
        "dentro de 13 días",
        "Autoridad superior",  # `higher authority`: the built-in tactic's name in Spanish
        "Francine (cónyuge)",  # no pronoun: the neutral word
        "Mathieu",
        "Decirlo primero",
        "Nuestra MAAN",
    ),
    "es-MX": ("Las cifras", "2:00 p.m.", "1,240,000", "Autoridad superior", "Pasatiempos"),
    "de-DE": (
        "Die Zahlen",
        "Fristen",
        "Reizthemen",
        "Worauf achten",
        "Schmerzgrenze",
        "Angebotsplan",
        "Einigungsbereich",
        "Ansprechpartner",
        "Erstellt am Freitag, 20. November 2026",
        "Donnerstag, 3. Dezember 2026",
        "1.240.000",
        "in 13 Tagen",
        "Höhere Instanz",
        "Francine (Ehepartner/-in)",
        "Zuerst aussprechen",
        "Unsere BATNA",
    ),
}


def test_the_phrase_list_can_fail():
    assert "Account map" in english_phrases_in("ACCOUNT MAP · Plazos", "es")
    assert "Deadlines" in english_phrases_in("Die Zahlen DEADLINES", "de")
    assert english_phrases_in("Mapa de interlocutores, vencido hace 2 días", "es") == []


@pytest.fixture
def everything(tmp_path) -> Path:
    path = tmp_path / "claude.yaml"
    path.write_text(EVERYTHING.format(locale="es-ES"), encoding="utf-8")
    return path


@pytest.mark.parametrize("locale", ["es-ES", "es-MX", "de-DE"])
def test_every_section_has_no_english_label(everything, locale):
    """The HTML of every section, nothing cut: no phrase of briefgen's English in the text."""
    dossier = load_dossier(everything)
    html = render_prep_html(
        dossier,
        brief(dossier, TODAY),
        Plan(),
        theme=Theme.for_dossier(everything),
        locale=Locale(locale),
    )
    assert f'<html lang="{locale}">' in html
    sections = re.findall(r'data-section="([a-z-]+)"', html)
    for section in ("numbers", "tactics", "buttons", "timeline", "accounts", "rapport", "health"):
        assert section in sections
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)
    text = " ".join(text.replace("&#39;", "'").replace("&middot;", "·").split())
    assert english_phrases_in(text, i18n.language(locale)) == []
    for label in LABELS[locale]:
        assert label in text, label


def test_a_dossier_written_in_spanish_keeps_its_words_on_a_spanish_sheet(tmp_path):
    """`dar largas` is the Spanish name of slow-walking: kept as written on a Spanish sheet,
    said in German on a German one, and the built-in counter reaches both."""
    path = tmp_path / "ana.yaml"
    path.write_text("name: Ana\ntactics: [dar largas, la grimace]\n", encoding="utf-8")
    dossier = load_dossier(path)
    facts = brief(dossier, TODAY)
    spanish = render_prep_html(
        dossier, facts, Plan(), theme=Theme.for_dossier(path), locale=Locale("es-ES")
    )
    german = render_prep_html(
        dossier, facts, Plan(), theme=Theme.for_dossier(path), locale=Locale("de-DE")
    )
    assert "<b>Dar largas</b>" in spanish
    assert "Acuerde por escrito una fecha" in spanish
    assert "<b>Respingo</b>" in spanish  # French `la grimace` (the flinch), in Spanish
    assert "<b>Verschleppen</b>" in german
    assert "Vereinbaren Sie" in german
    assert "<b>Zusammenzucken</b>" in german


def pdf_text(pdf: Path) -> tuple[int, str]:
    reader = pypdf.PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler-utils")
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize(("locale", "heading"), [("es-ES", "Las cifras"), ("de-DE", "Die Zahlen")])
def test_every_example_fits_one_page_in_spanish_and_german(tmp_path, locale, heading, paper):
    for example in EXAMPLES:
        result = prep_sheet(example, job(tmp_path, TODAY, paper=paper, locale=locale))
        pages, text = pdf_text(result.pdf)
        assert pages == 1, (example.name, result.level, result.cuts)
        assert collisions(result.pdf) == [], example.name
        if "walk_away:" in example.read_text(encoding="utf-8"):
            assert heading.lower() in text.lower(), example.name
