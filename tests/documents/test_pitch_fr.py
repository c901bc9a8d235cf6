"""The French pitch, end to end through a small harness of its own (until documents/pitch.py
calls it): the public view of a dossier whose traits are written in French, the templates in
templates/pitch/fr, the French grammar of briefgen/text/grammar_fr.py. No English word of
briefgen's may reach it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from briefgen.documents.pitch import AUDIENCES, make_pitch, paragraphs, public_view, tidy
from briefgen.dossier.validate import load_dossier
from briefgen.render.theme import Theme, builtin_templates
from briefgen.text import grammar_fr
from briefgen.text.grammar_fr import PRONOMS, Narrateur, elide, kind, series
from briefgen.text.i18n import Locale

ELISA = """\
name: Élisa Marchetti
kind: candidate
locale: fr-CA
pitch:
  pronoun: {pronoun}
  headline: Une voyageuse accomplie et une professionnelle de classe mondiale.
  traits:
    - cultivée et raffinée
    - Parle quatre langues
    - adore la cuisine du marché
    - une hôtesse hors pair
    - sa curiosité désarme tout le monde
    - drôle
  best_match:
    - quelqu'un qui aime voyager
    - une personne curieuse et généreuse
  culture:
    - les petites équipes autonomes
    - les organisations à mission
"""

# Every word the English pitch templates and narrator write: none may appear in French.
ENGLISH = {
    "i",
    "i'd",
    "i'm",
    "like",
    "to",
    "introduce",
    "you",
    "meet",
    "is",
    "are",
    "was",
    "were",
    "be",
    "will",
    "'ll",
    "and",
    "or",
    "the",
    "a",
    "an",
    "in",
    "with",
    "she",
    "he",
    "they",
    "her",
    "him",
    "his",
    "their",
    "them",
    "thrives",
    "thrive",
    "does",
    "do",
    "best",
    "work",
    "most",
    "comfortable",
    "present",
    "as",
    "when",
    "here",
    "how",
    "sure",
    "enjoy",
    "working",
    "you'll",
    "personal",
    "introduction",
    "candidate",
    "profile",
    "qualities",
    "introducing",
}

QUEBEC = Locale("fr-CA")


def english_words(text: str, allowed: str) -> set[str]:
    said = {w.casefold() for w in re.findall(r"[\w']+", text)}
    written = {w.casefold() for w in re.findall(r"[\w']+", allowed)}
    return (said - written) & ENGLISH


def harness(path: Path, *, html: bool, locale: str = "fr-CA"):
    theme = Theme.for_dossier(path, "pitch", language="fr")
    env = theme.environment(html=html, locale=locale)
    env.filters.update(grammar_fr.filters(locale))
    env.filters.setdefault("md", lambda text: text)
    return env


def render_pitch(path: Path, audience: str, locale: str = "fr-CA") -> str:
    view = public_view(load_dossier(path), path)
    env = harness(path, html=False, locale=locale)
    context = grammar_fr.french_pitch_context(view, locale)
    return tidy(env.get_template(f"{audience}.txt.j2").render(context))


def french_sheet(path: Path, audience: str, locale: str = "fr-CA") -> str:
    view = public_view(load_dossier(path), path)
    text = render_pitch(path, audience, locale)
    context = grammar_fr.french_pitch_context(view, locale)
    context |= {"audience": audience, "paragraphs": paragraphs(text)}
    return harness(path, html=True, locale=locale).get_template("sheet.html.j2").render(context)


@pytest.fixture
def elisa(tmp_path):
    def write(pronoun: str = "she") -> Path:
        path = tmp_path / "profiles" / "elisa.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(ELISA.format(pronoun=pronoun), encoding="utf-8")
        return path

    return write


def test_every_audience_has_a_french_template():
    for audience in AUDIENCES:
        assert (builtin_templates() / "pitch" / "fr" / f"{audience}.txt.j2").is_file()
    assert (builtin_templates() / "pitch" / "fr" / "sheet.html.j2").is_file()


def test_matchmaker_pitch_in_french(elisa):
    text = render_pitch(elisa("she"), "matchmaker")
    assert text == (
        "Élisa Marchetti est une voyageuse accomplie et une professionnelle de classe mondiale. "
        "Elle est cultivée et raffinée. Élisa parle quatre langues et adore la cuisine du "
        "marché. C'est une hôtesse hors pair. Sa curiosité désarme tout le monde. Elle est "
        "drôle. Élisa se sentira le plus à l'aise avec quelqu'un qui aime voyager et une "
        "personne curieuse et généreuse.\n"
    )


def test_he_is_il_and_lui(elisa):
    text = render_pitch(elisa("he"), "client")
    assert "Il est cultivée" in text  # the trait is the person's own words, never changed
    assert text.endswith("Vous aurez plaisir à travailler avec lui.\n")
    assert "qu'Élisa donne toute sa mesure" in text


def test_they_is_the_first_name_every_time(elisa):
    text = render_pitch(elisa("they"), "recruiter")
    assert "iel" not in text.split()
    assert not {"Elle", "elle", "Il", "il"} & set(re.findall(r"\w+", text))
    assert "Élisa est cultivée et raffinée." in text
    assert text.count("Élisa") >= 4
    assert "qu'Élisa s'épanouit" in text


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("pronoun", ["she", "he", "they"])
def test_no_english_word_of_briefgens(elisa, audience, pronoun):
    path = elisa(pronoun)
    text = render_pitch(path, audience)
    assert text.strip()
    assert english_words(text, path.read_text(encoding="utf-8")) == set()
    sheet = french_sheet(path, audience)
    visible = re.sub(r"<style>.*?</style>|<[^>]+>", " ", sheet, flags=re.S)
    assert english_words(visible, path.read_text(encoding="utf-8")) == set()


def test_the_english_check_can_fail():
    assert english_words("Élisa is cultivée", "cultivée") == {"is"}


def test_the_french_sheet_says_its_language(elisa):
    sheet = french_sheet(elisa(), "matchmaker")
    assert '<html lang="fr-CA">' in sheet
    assert "Présentation personnelle" in sheet
    assert "Le plus à l&#39;aise avec" in sheet
    assert "pitch.css" not in sheet
    assert ".pitch p" in sheet
    assert '<html lang="fr-FR">' in french_sheet(elisa(), "client", "fr-FR")


def test_markdown_falls_back_to_the_shared_layout(elisa):
    path = elisa()
    env = harness(path, html=False)
    view = public_view(load_dossier(path), path)
    context = grammar_fr.french_pitch_context(view, QUEBEC) | {"paragraphs": ["Bonjour."]}
    assert env.get_template("pitch.md.j2").render(context).startswith("# Élisa Marchetti")


def test_a_users_french_template_wins_and_english_ones_stay_out(elisa, tmp_path):
    path = elisa()
    mine = tmp_path / "templates" / "pitch"
    (mine / "fr").mkdir(parents=True)
    (mine / "client.txt.j2").write_text("English override: {{ name }}")
    (mine / "fr" / "agent.txt.j2").write_text("À vous : {{ name }}")
    assert render_pitch(path, "agent") == "À vous : Élisa Marchetti\n"
    assert render_pitch(path, "client").startswith("J'aimerais vous présenter")


def test_private_items_never_reach_a_french_pitch(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: Luc Tremblay\nperson: {notes: SECRET-NOTE, hobbies: [SECRET-HOBBY]}\n"
        "relationship: {notes: SECRET-RELATION}\n"
        "pitch: {pronoun: he, traits: [drôle], culture: [les PME familiales]}\n",
        encoding="utf-8",
    )
    for audience in AUDIENCES:
        assert "SECRET" not in render_pitch(path, audience)
        assert "SECRET" not in french_sheet(path, audience)


def test_a_value_never_becomes_markup_in_the_french_sheet(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: '<b>Zoé</b>'\npitch: {pronoun: she, headline: '<script>x</script>'}\n",
        encoding="utf-8",
    )
    sheet = french_sheet(path, "agent")
    assert "<script>" not in sheet
    assert "&lt;script&gt;" in sheet


# -- The grammar, piece by piece. --------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "following", "said"),
    [
        ("que", "elle s'épanouit", "qu'elle s'épanouit"),
        ("que", "il s'épanouit", "qu'il s'épanouit"),
        ("que", "Claude s'épanouit", "que Claude s'épanouit"),
        ("que", "Élisa", "qu'Élisa"),
        ("de", "Hélène", "d'Hélène"),  # h muet
        ("le", "hockey", "le hockey"),  # h aspiré
        ("la", "honte", "la honte"),
        ("le", "hôtel", "l'hôtel"),
        ("Que", "Yves", "Qu'Yves"),
        ("avec", "elle", "avec elle"),  # a word that never elides
    ],
)
def test_elision(word, following, said):
    assert elide(word, following) == said


@pytest.mark.parametrize(
    ("trait", "expected"),
    [
        ("cultivée et raffinée", "adjectif"),
        ("Parle quatre langues", "verbe"),
        ("n'a jamais peur de rien", "verbe"),
        ("se passionne pour la voile", "verbe"),
        ("toujours prête à rendre service", "adjectif"),
        ("adore toujours le jazz", "verbe"),
        ("une hôtesse hors pair", "nom"),
        ("l'âme d'une exploratrice", "nom"),
        ("sa curiosité désarme tout le monde", "proposition"),
        ("Élisa met tout le monde à l'aise", "proposition"),
    ],
)
def test_trait_kinds(trait, expected):
    assert kind(trait, "Élisa") == expected


def test_noun_traits_agree_with_ce_sont():
    class View:
        name, first_name, pronoun, headline = "Luc Roy", "Luc", "he", None
        traits = ("des amis partout", "des goûts sûrs")
        best_match = culture = ()

    assert Narrateur(View(), PRONOMS["he"], QUEBEC).qualites() == (
        "Ce sont des amis partout et des goûts sûrs."
    )
    View.traits = ("un hôte généreux", "des goûts sûrs")
    assert Narrateur(View(), PRONOMS["he"], QUEBEC).qualites() == (
        "C'est un hôte généreux et des goûts sûrs."
    )


def test_a_clause_first_introduces_the_person():
    class View:
        name, first_name, pronoun, headline = "Luc Roy", "Luc", "he", None
        traits = ("son rire est contagieux",)
        best_match = culture = ()

    assert Narrateur(View(), PRONOMS["he"], QUEBEC).qualites() == (
        "Voici Luc Roy. Son rire est contagieux."
    )


def test_french_lists_join_as_cldr_and_keep_commas_apart():
    assert series(["la voile", "le ski", "le jazz"], QUEBEC) == "la voile, le ski et le jazz"
    assert series(["a, b", "c"], "fr-CA") == "a, b et c"
    assert series(["Cultivée", "PME", "McGill"], QUEBEC) == "cultivée, PME et McGill"
    assert series(["x, y", "z", "w"], "fr-CA") == "x, y; z et w"
    assert series(["x, y", "z", "w"], "fr-FR") == "x, y\u202f; z et w"
    assert series([], QUEBEC) == ""
    assert series(["seul"], QUEBEC) == "seul"


def test_accord_of_est_and_sont():
    assert grammar_fr.accorde("est", False) == "est"
    assert grammar_fr.accorde("est", True) == "sont"
    assert grammar_fr.accorde("s'épanouit", True) == "s'épanouissent"


# -- Through `briefgen pitch`. -------------------------------------------------------------------


def test_make_pitch_follows_the_dossier_locale_and_the_override(elisa):
    path = elisa("she")
    french = make_pitch(path, audience="matchmaker").content
    assert french == render_pitch(path, "matchmaker")
    english = make_pitch(path, audience="matchmaker", locale="en").content
    assert english.startswith("Élisa Marchetti is ")  # briefgen's words: English
    html = make_pitch(path, output_format="html", locale="fr-FR").content
    assert '<html lang="fr-FR">' in html
    assert "Présentation" in html


def test_pitch_command_has_the_locale_option(run_cli, elisa, monkeypatch):
    path = elisa("he")
    monkeypatch.chdir(path.parent.parent)
    result = run_cli("pitch", "profiles/elisa.yaml", "--audience", "client")
    assert result.exit_code == 0
    assert "avec lui." in result.output
    result = run_cli("pitch", "profiles/elisa.yaml", "--locale", "en", "--audience", "client")
    assert result.exit_code == 0
    assert "I'm sure you'll enjoy working with him." in result.output


@pytest.mark.render
@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_french_pitch_sheet_is_one_page_in_french(elisa, audience):
    from briefgen.render.pdf import lay_out

    path = elisa("she")
    theme = Theme.for_dossier(path, "pitch", language="fr")
    layout = lay_out(french_sheet(path, audience), assets=list(theme.dirs))
    assert layout.pages == 1
    assert layout.warnings == []
    text = pypdf.PdfReader(io.BytesIO(layout.write_pdf())).pages[0].extract_text()
    assert "Élisa Marchetti" in text
    assert "QUALITÉS" not in text.upper()  # the traits are said once: in the paragraph
    assert text.count("raffinée") == 1


# -- Issue 22: clause traits, one "et", the person starts each sentence. ---------------------

ELISE_TRAITS = (
    "parle français, anglais et espagnol",
    "a dirigé une équipe de 12 techniciens",
    "sait lire un budget d'immobilisations",
    "son calme désarme les directions",
)


def _qualites(*traits: str, pronoun: str = "she") -> str:
    view = type("View", (), {"name": "Élise Tremblay", "first_name": "Élise", "traits": traits})()
    say = Narrateur(view, PRONOMS[pronoun], "fr-CA")
    say.nom()
    return say.qualites()


def test_a_trait_with_its_own_subject_is_its_own_sentence():
    assert _qualites(*ELISE_TRAITS) == (
        "Elle parle français, anglais et espagnol. Élise a dirigé une équipe de 12 techniciens "
        "et sait lire un budget d'immobilisations. Son calme désarme les directions."
    )


def test_each_sentence_has_at_most_one_et_between_verb_phrases():
    text = _qualites(*ELISE_TRAITS[:3], "adore la voile", "joue du piano et du violon")
    for sentence in text.split(". "):
        assert ";" not in sentence
        # the person's name or pronoun starts each sentence about her
        assert sentence.split()[0] in ("Elle", "Élise", "Son"), sentence
    assert "et sait lire un budget d'immobilisations, adore la voile" not in text
    assert text.count(" et ") == 3  # the trait's own, one joining, the violin's own


def test_the_french_pitch_of_a_clause_trait_end_to_end(tmp_path):
    path = tmp_path / "elise.yaml"
    traits = "".join(f"    - {t}\n" for t in ELISE_TRAITS)
    path.write_text(
        f"name: Élise Tremblay\nlocale: fr-CA\npitch:\n  pronoun: she\n  traits:\n{traits}",
        encoding="utf-8",
    )
    text = make_pitch(path, audience="recruiter").content
    assert text == (
        "Élise Tremblay parle français, anglais et espagnol. Elle a dirigé une équipe de 12 "
        "techniciens et sait lire un budget d'immobilisations. Son calme désarme les "
        "directions.\n"
    )
