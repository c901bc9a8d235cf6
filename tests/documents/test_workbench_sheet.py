"""The workbench on the prep sheet (templates/prep/workbench.html.j2): the equivalent offers as
a compact table, the package never to offer, the priced concessions, the BATNA in one line and
the Voss / Fisher-Ertel lines; in English and French, on one page of A4 and of Letter, with
every other section of the sheet full as well."""

from __future__ import annotations

import re

import pytest

from briefgen.documents.prep import prep_sheet, render_prep_html
from briefgen.dossier.validate import load_dossier
from briefgen.facts.brief import brief
from briefgen.render.fit import Plan
from briefgen.render.theme import Theme
from briefgen.text.i18n import ENGLISH, Locale
from tests.documents.test_prep_french_sheet import (
    EVERYTHING,
    TODAY,
    english_phrases_in,
    pdf_text,
)
from tests.jobs import job
from tests.pdfboxes import collisions, have_pdftotext

# The Quebec buyer of photocopiers, as the seller sees him: price, fleet and service.
WORKBENCH = """\
  issues:
    - {{name: prix, weight: 50, their_weight: 30, step: 36000, figures: true}}
    - name: service
      weight: 30
      their_weight: 40
      options:
        - {{value: 3 ans, score: 100, theirs: 20}}
        - {{value: 5 ans, score: 60, theirs: 70, planned: true}}
        - {{value: 7 ans, score: 0, theirs: 100}}
    - name: livraison
      weight: 20
      their_weight: 30
      options:
        - {{value: janvier, score: 100, theirs: 30}}
        - {{value: à la relâche, score: 40, theirs: 100}}
  meso: {{value: 60, tolerance: 3}}
  alternatives:
    - {{name: le contrat de la commission scolaire voisine, value: 1150000, p: 0.9, cost: 15000}}
  their_alternatives:
    - {{name: un appel d'offres public, value: 1180000, p: 0.95}}
  summary: vous voulez un parc fiable avant les bulletins, sans surprise pour le conseil
  next_step: une date de présentation au conseil
  their_explanation: le même fournisseur, un service plus long, le tarif du regroupement
  noncash: [une lettre de référence, une visite de leurs écoles]
"""


def dossier_text(locale: str) -> str:
    text = EVERYTHING.format(locale=locale)
    text = text.replace("  their_walk_away: 1100000\n", "")  # derived from their alternatives
    text = text.replace(
        "    - {{give: formation sur place, get: tout le parc, cost: low}}".format(),
        "    - {give: formation sur place, get: tout le parc, cost: low, issue: livraison, "
        "from: janvier, to: à la relâche}",
    )
    return text.replace("  never_give:", WORKBENCH.format() + "  never_give:")


@pytest.fixture
def claude(tmp_path):
    def write(locale: str):
        path = tmp_path / f"claude-{locale}.yaml"
        path.write_text(dossier_text(locale), encoding="utf-8")
        return path

    return write


def html_text(html: str) -> str:
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)
    return " ".join(text.replace("&#39;", "'").split())


def workbench_html(path, locale: str) -> str:
    dossier = load_dossier(path)
    html = render_prep_html(
        dossier,
        brief(dossier, TODAY),
        Plan(),
        theme=Theme.for_dossier(path),
        locale=Locale(locale),
    )
    found = re.search(
        r'<section class="sec sec-workbench" data-section="workbench">.*?</section>', html, re.S
    )
    assert found, "no workbench section"
    # after the numbers, before the tactics
    assert (
        html.index('data-section="numbers"') < found.start() < html.index('data-section="tactics"')
    )
    return html_text(found.group(0))


def test_the_workbench_section_in_english(claude):
    text = workbench_html(claude("fr-CA"), "en")
    assert text.startswith("Workbench 1 point = 3,600 CAD")
    assert "3 equivalent offers, each worth 60 \u00b1 3 to us" in text
    assert "prix service livraison us them" in text
    assert "equal for us, worst for them: never offer it" in text
    assert (
        "formation sur place: livraison janvier \u2192 à la relâche costs us 12 points "
        "(about 43,200 CAD), gains them 21" in text
    )
    assert (
        "BATNA: le contrat de la commission scolaire voisine, 0.9 \u00d7 1,150,000 \u2212 15,000 "
        "= 1,020,000 CAD" in text
    )
    assert (
        "their walk-away, derived from their BATNA: un appel d'offres public, "
        "0.95 \u00d7 1,180,000 = 1,121,000 CAD" in text
    )
    for label, value in (
        ("Say back", "vous voulez un parc fiable"),
        ("Leave with", "une date de présentation"),
        ("Their yes, told", "le même fournisseur"),
        ("Not money", "une lettre de référence and une visite de leurs écoles"),
    ):
        assert f"{label} {value}" in text


@pytest.mark.parametrize("locale", ["fr-CA", "fr-FR"])
def test_the_workbench_section_in_french_has_no_english(claude, locale):
    text = workbench_html(claude(locale), locale)
    assert english_phrases_in(text) == []
    assert text.startswith("Atelier 1 point = 3 600 $")
    assert "3 offres équivalentes, chacune valant 60 \u00b1 3 pour nous" in text
    assert "égale pour nous, la pire pour eux : ne jamais la proposer" in text
    assert "nous coûte 12 points" in text
    assert "leur rapporte 21" in text
    assert "MESORE : le contrat" in text
    assert "Repartir avec une date de présentation" in text


def test_no_workbench_no_section(tmp_path):
    path = tmp_path / "plain.yaml"
    path.write_text("name: Dan\nnegotiation: {opening: 60000, walk_away: 45000}\n")
    dossier = load_dossier(path)
    html = render_prep_html(
        dossier, brief(dossier, TODAY), Plan(), theme=Theme.for_dossier(path), locale=ENGLISH
    )
    assert 'data-section="workbench"' not in html


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler-utils")
@pytest.mark.parametrize("locale", ["en", "fr-CA"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_full_sheet_with_the_workbench_fits_one_page(claude, tmp_path, paper, locale):
    result = prep_sheet(claude("fr-CA"), job(tmp_path / "out", TODAY, paper=paper, locale=locale))
    pages, text = pdf_text(result.pdf)
    assert pages == 1
    assert collisions(result.pdf) == []
    assert "workbench" not in result.report()  # never left out
    heading = "atelier" if locale != "en" else "workbench"
    assert heading in text.lower()
    assert "1 020 000" in text or "1,020,000" in text
