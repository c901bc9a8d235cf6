"""The whole prep sheet in French: every section's labels from the catalogue, no English word of
briefgen's left on the page, on one page of A4 and of Letter with no two words printed over
each other; the same dossier with --locale en reads in English.

The dossier's own text is French here (a Quebec buyer's dossier, written in French by the
person), so any English phrase found on the page is one of briefgen's."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdf
import pytest
from babel.messages.pofile import read_po

from briefgen.documents.prep import figure_marks, prep_sheet, render_prep_html
from briefgen.dossier.validate import load_dossier
from briefgen.facts.brief import brief
from briefgen.facts.negotiation import Figures
from briefgen.render.engine import Plan
from briefgen.render.theme import Theme
from briefgen.text import i18n
from briefgen.text.i18n import ENGLISH, Locale
from tests.jobs import job
from tests.pdfboxes import collisions, have_pdftotext

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 20)

# Every section of the sheet, in French: figures with their walk-away and an Ackerman plan,
# tactics (one built-in counter), buttons of each kind, deadlines (due, overdue, done, undated),
# a cancellation rule, contacts, rapport, positioning, and the whole relationship record.
EVERYTHING = """\
locale: {locale}
name: Claude Bélanger
organization: Centre de services scolaire du Lac-aux-Érables
role: directeur des ressources matérielles
kind: client
account: existing
person:
  family:
    - {{relation: spouse, name: Francine, profession: enseignante de français}}
    - {{relation: child, name: Mathieu, born: 1998, note: monteur de lignes}}
  hobbies:
    - {{name: ski de fond, seriousness: serious, note: le Loppet de Gatineau chaque février}}
  education: {{school: Université Laval, degree: physique, proud: true}}
  career_origin: douze ans comme enseignant de physique
  conflict_style: avoiding
  pace: slow
buttons:
  - {{topic: la pression de vente, kind: hot}}
  - {{topic: la cabane à sucre, kind: lever}}
  - {{topic: le gel budgétaire de 2016, kind: avoid}}
tactics:
  - higher authority
  - {{tactic: silence, note: laisse durer les pauses, counter: attendre sans bouger}}
negotiation:
  side: seller
  subject: renouvellement du parc de photocopieurs
  when: 2026-12-03 14:00
  where: son bureau
  currency: CAD
  opening: 1240000
  target: 1150000
  walk_away: 1060000
  their_walk_away: 1100000
  offer_plan: ackerman
  batna: garder l'ancien parc sous contrat
  their_batna: un appel d'offres public
  goal: la recommandation de Claude au conseil
  criteria: [le tarif public du regroupement d'achats]
  accusation_audit: [vous pensez que nous voulons seulement vendre]
  labels: [on dirait que le conseil veut des preuves]
  black_swans: [une fusion de centres de services]
  interests:
    ours: [tout le parc en une commande]
    theirs: [aucune interruption pendant les bulletins]
  concessions:
    - {{give: formation sur place, get: tout le parc, cost: low}}
    - {{give: installation à la relâche, cost: medium}}
  never_give: [un prix sous le coût]
  questions: [Que voudra voir le conseil avant de voter?]
timeline:
  deliverables:
    - {{name: dossier pour le conseil, due: 2026-12-18}}
    - {{name: visite des écoles, due: 2026-11-16}}
    - {{name: inventaire, due: 2026-11-10, done: true}}
    - {{name: lettre d'appui}}
  rules:
    - name: nos chiffres à Claude
      days_before: 3
      of: dossier pour le conseil
      business_days: true
  cancellation_hours: 24
relationship:
  since: 2025-09
  cadence_days: 14
  contacts:
    - {{name: Hélène Roy, title: directrice générale, level: executive, stance: neutral,
       signs: true, last_contact: 2026-05-21}}
    - {{name: Lise Côté, title: commis aux achats, level: support,
       handles: les bons de commande, last_contact: 2026-10-16}}
  meetings:
    - {{date: 2026-09-18, late_minutes: 0}}
    - {{date: 2026-10-02, late_minutes: 20, note: bloqué par une réunion du conseil}}
    - {{date: 2026-10-16, missed: true, note: tempête de neige}}
  reciprocity:
    - {{date: 2026-02-12, direction: given, what: un technicien prêté}}
    - {{date: 2026-04-09, direction: received, what: le plan budgétaire sur trois ans}}
  self_check:
    senior_interviews: 2
    only_call_for_projects: 0
    offer_help: 4
pitch:
  audience: client
  pronoun: he
  headline: un gestionnaire rigoureux
  traits: [prudent, loyal]
  best_match: [des fournisseurs patients]
  culture: [les équipes stables]
"""

FRENCH_LABELS = (
    "Les chiffres",
    "Échéances",
    "Points sensibles",
    "À surveiller",
    "Seuil de rupture",  # the number line's label, small caps
    "Plan d\u2019offres",  # the typographic apostrophe
    "zone d\u2019entente",
    "Carte des interlocuteurs",
    "Préparée le vendredi 20 novembre 2026",
    "jeudi 3 décembre 2026",
    "14 h",  # the OQLF's hour: not "14 h 00"
    "1 240 000",
    "dans 13 jours",
)
ENGLISH_LABELS = (
    "The numbers",
    "Deadlines",
    "Buttons",
    "Watch for",
    "Offer plan",
    "deal zone",
    "Account map",
    "Prepared Friday 20 November 2026",
    "Thursday 3 December 2026",
    "1,240,000",
    "in 13 days",
)


def briefgens_english(language: str = "fr") -> list[str]:
    """Every phrase of briefgen's English, from the catalogue: each msgid (singular and plural)
    cut at its placeholders, trimmed of punctuation; a phrase the language's translation also
    contains (client, prospect, parent; neutral, final) is the same word in both languages and
    is left out."""
    with (i18n.CATALOGUES / language / "LC_MESSAGES" / "briefgen.po").open("rb") as handle:
        catalogue = read_po(handle)
    phrases = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated = " ".join(strings).lower()
        for msgid in ids:
            for part in re.split(r"%\([a-z_]+\)[sd]|[+\u2212]?%\([a-z_]+\)d", msgid):
                phrase = part.strip(" .,:;()!?+-\u2212'\u201c\u201d")
                if re.search(r"[A-Za-z]{2}", phrase) and phrase.lower() not in translated:
                    phrases.add(phrase)
    return sorted(phrases, key=len, reverse=True)


def english_phrases_in(text: str, language: str = "fr") -> list[str]:
    """The phrases of briefgen's English found in `text` as whole words (any case: headings
    print in capitals)."""
    return [
        phrase
        for phrase in briefgens_english(language)
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE)
    ]


def pdf_text(pdf: Path) -> tuple[int, str]:
    reader = pypdf.PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


@pytest.fixture
def everything(tmp_path) -> Path:
    path = tmp_path / "claude.yaml"
    path.write_text(EVERYTHING.format(locale="fr-CA"), encoding="utf-8")
    return path


def test_the_english_phrase_list_is_built_from_the_catalogue_and_can_fail():
    phrases = briefgens_english()
    assert "Account map" in phrases
    assert "passed" in phrases
    assert "on time" in phrases
    assert "client" not in phrases  # the same word in French
    found = english_phrases_in("ÉCHÉANCES  ACCOUNT MAP  passed dans 2 jours, 3 on time")
    assert {"Account map", "passed", "on time"} <= set(found)
    assert english_phrases_in("Carte des interlocuteurs, échue il y a 2 jours") == []


@pytest.mark.parametrize("locale", ["fr-CA", "fr-FR"])
def test_every_section_of_the_french_sheet_has_no_english_label(everything, locale):
    """The HTML of every section, nothing cut: no phrase of briefgen's English in the text."""
    dossier = load_dossier(everything)
    html = render_prep_html(
        dossier, brief(dossier, TODAY), Plan(), theme=Theme.for_dossier(everything), locale=locale
    )
    assert f'<html lang="{locale}">' in html
    sections = re.findall(r'data-section="([a-z-]+)"', html)
    for section in ("numbers", "tactics", "buttons", "timeline", "accounts", "rapport"):
        assert section in sections
    assert "positioning" in sections
    assert "health" in sections
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)
    text = " ".join(text.replace("&#39;", "'").split())
    assert english_phrases_in(text) == []
    for french in (
        "leur seuil (estim.)",
        "finale",
        "Pourquoi notre chiffre est juste",
        "À dire d\u2019abord",
        "Étiquettes",
        "À découvrir (changerait tout)",
        "échue il y a 4 jours",
        "sans date",
        "fait",
        "ven. 2 oct., 20 min de retard : bloqué",  # French spacing before a colon
        "reçu jeu. 9 avr. : le plan",
        "(enfant) : monteur de lignes",
        "« vous pensez que nous voulons seulement vendre »",  # French quotation marks
        "1 manqué",
        "donné 1, reçu 1.",
        "de \u22124 à +8",
        "préavis de 24 heures",
        "rien demandé en échange",
        "rythme de négociation : lent",
        "public : la seule section où puise un argumentaire",
    ):
        assert french in text, french


def test_figure_marks_are_labelled_in_the_locale():
    figures = Figures("seller", 120.0, 110.0, 100.0, None, 105.0)
    assert [label for _, label, _ in figure_marks(figures, "fr-CA")] == [
        "seuil de rupture",
        "cible",
        "ouverture",
        "leur seuil (estim.)",
    ]
    assert [label for _, label, _ in figure_marks(figures, locale=ENGLISH)] == [
        "walk away",
        "target",
        "opening",
        "their walk-away (est.)",
    ]


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler-utils")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_french_sheet_reads_in_french_on_one_page(everything, tmp_path, paper):
    result = prep_sheet(everything, job(tmp_path / "out", TODAY, paper=paper))
    pages, text = pdf_text(result.pdf)
    assert pages == 1
    assert collisions(result.pdf) == []
    for french in FRENCH_LABELS:
        assert french.lower() in text.lower(), (french, result.level, result.cuts)
    assert english_phrases_in(text) == []


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler-utils")
def test_the_same_dossier_with_locale_en_reads_in_english(everything, tmp_path):
    result = prep_sheet(everything, job(tmp_path / "out", TODAY, locale="en"))
    pages, text = pdf_text(result.pdf)
    assert pages == 1
    for english in ENGLISH_LABELS:
        assert english.lower() in text.lower(), english
    for french in FRENCH_LABELS:
        if french not in ("14 h", "1 240 000"):
            assert french.lower() not in text.lower(), french


@pytest.mark.render
@pytest.mark.skipif(not have_pdftotext(), reason="needs poppler-utils")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_claude_belanger_in_french_on_one_page(tmp_path, paper):
    result = prep_sheet(
        ROOT / "profiles" / "claude-belanger.yaml", job(tmp_path, TODAY, paper=paper)
    )
    pages, text = pdf_text(result.pdf)
    assert pages == 1
    assert collisions(result.pdf) == []
    for french in ("Les chiffres", "Échéances", "vendredi 11 décembre 2026", "dans 21 jours"):
        assert french.lower() in text.lower(), french
    assert "1 240 000" in text


def test_the_french_example_speaks_french():
    """Claude Bélanger's dossier is a Quebec rep's own notes: its sheet has no English phrase
    (briefgen's or the dossier's), the built-in tactic is named in French, the relations agree
    with the family's pronouns, and the apostrophes are typographic."""
    path = ROOT / "profiles" / "claude-belanger.yaml"
    dossier = load_dossier(path)
    html = render_prep_html(
        dossier,
        brief(dossier, TODAY),
        Plan(),
        theme=Theme.for_dossier(path),
        locale=Locale("fr-CA"),
    )
    text = " ".join(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S).split())
    assert english_phrases_in(text) == []
    for french in (
        "Autorité supérieure",
        "Francine (conjointe)",
        "28 (fils)",
        "d\u2019équipement",
        "l\u2019échéance « dossier de recommandation au conseil »",
        "compte existant",
    ):
        assert french in text, french
    assert "'" not in text
    assert "&#39;" not in text
    for english in ("Higher authority", "the council", "his office", "sales"):
        assert english not in text, english


@pytest.mark.parametrize("locale", ["fr-CA", "en"])
def test_dossier_text_inside_a_translated_label_is_escaped_and_never_formatted(tmp_path, locale):
    """A dossier value that looks like a placeholder or HTML prints as written."""
    path = tmp_path / "odd.yaml"
    path.write_text(
        "name: Odd\nrelationship:\n  contacts:\n"
        "    - {name: Ann, handles: '50 % of %(date)s <b>x</b>', last_contact: 2026-11-02}\n"
        "  reciprocity:\n    - {direction: given, what: '%s'}\n",
        encoding="utf-8",
    )
    dossier = load_dossier(path)
    html = render_prep_html(
        dossier, brief(dossier, TODAY), Plan(), theme=Theme.for_dossier(path), locale=locale
    )
    plain = html.replace("\u00a0", " ")  # no-break spaces bind units
    assert "50 % of %(date)s &lt;b&gt;x&lt;/b&gt;" in plain
    assert "<b>x</b>" not in html
