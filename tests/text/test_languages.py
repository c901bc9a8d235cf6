"""Typography by country, the first of the month, gendered relations, Spanish and German
formats, and the pitch's English fallback for languages it has no grammar for."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.dossier.model import PartialDate
from briefgen.text import i18n, labels, words
from briefgen.text.formatting import clock, long_date, money, number, partial_date, short_date
from briefgen.text.typography import typeset, upper_first

NBSP = "\u00a0"
NNBSP = "\u202f"
FIRST = dt.date(2026, 12, 1)


# -- French typography by country. ------------------------------------------------------------


def test_quebec_puts_a_no_break_space_before_the_colon_only():
    text = "Objet : %(s)s; voir ceci! Vraiment? « oui »"
    assert typeset(text, "fr-CA") == f"Objet{NBSP}: %(s)s; voir ceci! Vraiment? «{NBSP}oui{NBSP}»"


def test_france_adds_narrow_spaces_before_semicolon_exclamation_and_question():
    text = "Objet: %(s)s; voir ceci! Vraiment ? « oui »"
    assert typeset(text, "fr-FR") == (
        f"Objet{NBSP}: %(s)s{NNBSP}; voir ceci{NNBSP}! Vraiment{NNBSP}? «{NBSP}oui{NBSP}»"
    )


def test_typography_spares_code_times_and_other_languages():
    assert typeset("ajoutez `account: existing` à 14:00", "fr-FR") == (
        "ajoutez `account: existing` à 14:00"
    )
    assert typeset("l'heure", "fr-CA") == "l\u2019heure"
    assert typeset("Asunto: l'x; y?", "es-ES") == "Asunto: l'x; y?"


@pytest.mark.parametrize("locale", ["fr-CA", "fr-FR"])
def test_the_catalogue_is_typeset_for_each_country(locale):
    said = i18n.gettext("%(title)s; at %(where)s", locale)
    semicolon = ";" if locale == "fr-CA" else f"{NNBSP};"
    assert said == f"%(title)s{semicolon} lieu{NBSP}: %(where)s"
    assert "'" not in i18n.gettext("Say it first", locale)  # the typographic apostrophe
    assert i18n.gettext("Say it first", locale) == "À dire d\u2019abord"


def test_the_first_of_the_month_is_an_ordinal_in_french_only():
    assert long_date(FIRST, "fr-CA") == "mardi 1er décembre 2026"
    assert long_date(FIRST, "fr-FR") == "mardi 1er décembre 2026"
    assert short_date(FIRST, dt.date(2026, 1, 5), locale="fr-CA") == "mar. 1er déc."
    assert partial_date(PartialDate(2026, 12, 1), "fr-CA") == "1er décembre 2026"
    assert long_date(dt.date(2026, 12, 11), "fr-CA") == "vendredi 11 décembre 2026"  # not 11er
    assert long_date(dt.date(2026, 12, 21), "fr-CA") == "lundi 21 décembre 2026"
    assert long_date(FIRST, "es-ES") == "martes, 1 de diciembre de 2026"
    assert long_date(FIRST, "de-DE") == "Dienstag, 1. Dezember 2026"


# -- Spanish and German formats. -------------------------------------------------------------


def test_spanish_and_german_money_numbers_and_times():
    assert money(1060000, "EUR", "es-ES") == f"1.060.000{NBSP}€"
    assert money(4500, "EUR", "es-ES") == f"4500{NBSP}€"  # the RAE: no point in four digits
    assert number(1234, "es-ES") == "1234"
    assert number(12345, "es-ES") == "12.345"
    assert money(60000, "MXN", "es-MX") == "$60,000"
    assert money(60000, "USD", "es-MX") == f"USD{NBSP}60,000"  # never "USD60,000"
    assert money(1060000, "EUR", "de-DE") == f"1.060.000{NBSP}€"
    assert number(1234.5, "de-DE") == "1.234,50"
    assert clock(dt.time(9, 30), "es-ES") == "9:30"
    assert clock(dt.time(9, 30), "de-DE") == "09:30"


def test_spanish_and_german_countdowns_and_plurals():
    assert [words.countdown(n, "es-ES") for n in (0, 1, -1, 2, -3)] == [
        "hoy",
        "mañana",
        "ayer",
        "dentro de 2 días",
        "hace 3 días",
    ]
    assert [words.countdown(n, "de-DE") for n in (0, 1, -1, 2, -3)] == [
        "heute",
        "morgen",
        "gestern",
        "in 2 Tagen",
        "vor 3 Tagen",
    ]
    one = ("%(num)d business day before %(what)s", "%(num)d business days before %(what)s")
    assert i18n.ngettext(*one, 1, locale="es-MX") == "%(num)d día hábil antes de %(what)s"
    assert i18n.ngettext(*one, 0, locale="de-DE") == "%(num)d Arbeitstage vor %(what)s"  # 0: plural


def test_mexico_overrides_only_what_differs():
    assert i18n.gettext("Hobbies", "es-MX") == "Pasatiempos"
    assert i18n.gettext("Hobbies", "es-ES") == "Aficiones"
    assert i18n.gettext("Deadlines", "es-MX") == "Plazos"  # the rest from es


# -- Relations agree with the family member's pronoun. -----------------------------------------


@pytest.mark.parametrize(
    ("locale", "she", "he", "neutral"),
    [
        ("fr-CA", "conjointe", "conjoint", "partenaire de vie"),
        ("es-ES", "esposa", "esposo", "cónyuge"),
        ("de-DE", "Ehefrau", "Ehemann", "Ehepartner/-in"),
        ("en", "spouse", "spouse", "spouse"),
    ],
)
def test_a_relation_agrees_with_the_pronoun(locale, she, he, neutral):
    assert labels.label("relation", "spouse", locale, pronoun="she") == she
    assert labels.label("relation", "spouse", locale, pronoun="he") == he
    assert labels.label("relation", "spouse", locale, pronoun="they") == neutral
    assert labels.label("relation", "spouse", locale) == neutral


def test_every_relation_has_a_form_for_each_pronoun_in_every_language():
    for locale in ("fr-CA", "es-ES", "de-DE"):
        for code in labels.CODES["relation"]:
            forms = {labels.label("relation", code, locale, p) for p in ("she", "he", None)}
            assert all(forms), (locale, code)


def test_upper_first_keeps_the_rest_as_written():
    assert upper_first("guter Bulle, böser Bulle") == "Guter Bulle, böser Bulle"
    assert upper_first("BATNA games") == "BATNA games"
    assert upper_first("") == ""


# -- A rule's deliverable, said with its article. ------------------------------------------------


def test_a_french_deliverable_gets_an_article_unless_it_has_one():
    assert words.deliverable("séance du conseil", "fr-CA") == (
        f"l\u2019échéance «{NBSP}séance du conseil{NBSP}»"
    )
    assert words.deliverable("la séance du conseil", "fr-CA") == "la séance du conseil"
    assert words.deliverable("l'impression", "fr-FR") == "l'impression"
    assert words.deliverable("booklet to print", "en") == "booklet to print"  # English as written
    assert words.deliverable("folleto", "es-ES") == "«folleto»"
    assert words.deliverable("Broschüre", "de-DE") == "\u201eBroschüre\u201c"


# -- The pitch speaks English and French only, for now. -----------------------------------------


def test_the_pitch_falls_back_to_english_with_one_line():
    assert i18n.pitch_locale("fr-CA") == ("fr-CA", None)
    assert i18n.pitch_locale("en-GB") == ("en-GB", None)
    locale, note = i18n.pitch_locale("de-DE")
    assert locale == "en"
    assert note == (
        "the pitch has no de-DE grammar yet: written in English "
        "(the prep sheet, agenda and calendar are translated)"
    )


def test_a_german_dossier_pitch_is_english_and_says_so_once(run_cli, write_dossier):
    write_dossier(
        "name: Jonas Weber\nlocale: de-DE\npitch:\n  audience: recruiter\n"
        "  headline: a plant manager\n  traits: [calm under pressure]\n",
        "jonas.yaml",
    )
    result = run_cli("pitch", "jonas.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("the pitch has no de-DE grammar yet") == 1
    assert "Jonas" in result.stdout


def test_a_french_page_typesets_the_dossiers_words_but_never_markup():
    from briefgen.text.typography import typeset_html

    page = (
        "<style>a[x='y'] { content: ' :' }</style>"
        '<p title="l&#39;x">garder l&#39;ancien parc : « Vous »</p><b>d\'équipement</b>'
    )
    assert typeset_html(page, "fr-CA") == (
        "<style>a[x='y'] { content: ' :' }</style>"
        f'<p title="l&#39;x">garder l\u2019ancien parc{NBSP}: «{NBSP}Vous{NBSP}»</p>'
        "<b>d\u2019équipement</b>"
    )
    assert typeset_html(page, "es-ES") == page


def test_lists_join_in_each_language():
    from briefgen.text.formatting import join

    assert join(["a", "b", "c"], "es-ES") == "a, b y c"
    assert join(["francés", "inglés"], "es-ES") == "francés e inglés"  # y -> e before /i/
    assert join(["padres", "hijos"], "es-MX") == "padres e hijos"
    assert join(["agua", "hielo"], "es-ES") == "agua y hielo"  # a diphthong keeps y
    assert join(["a", "b", "c"], "de-DE") == "a, b und c"


def test_a_page_in_france_spaces_the_dossiers_semicolons_but_not_entities():
    from briefgen.text.typography import typeset_html

    page = "<p>public; six mois &amp; plus! Vraiment?</p>"
    assert typeset_html(page, "fr-FR") == (
        f"<p>public{NNBSP}; six mois &amp; plus{NNBSP}! Vraiment{NNBSP}?</p>"
    )
    assert typeset_html(page, "fr-CA") == page  # Quebec: as the person wrote it


def test_a_users_own_french_catalogue_is_typeset_too(tmp_path):
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "briefgen.po").write_text(
        'msgid ""\nmsgstr "Language: fr\\n"\n\n'
        'msgid "Our label"\nmsgstr "Notre libellé : l\'x; y"\n',
        encoding="utf-8",
    )
    quebec = i18n.merged_translations("fr-CA", (tmp_path,))
    france = i18n.merged_translations("fr-FR", (tmp_path,))
    assert quebec.gettext("Our label") == f"Notre libellé{NBSP}: l\u2019x; y"
    assert france.gettext("Our label") == f"Notre libellé{NBSP}: l\u2019x{NNBSP}; y"


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("dentro de 13 días", "dentro de 13_días"),
        ("2 días hábiles antes de", "2_días_hábiles antes de"),
        ("martes, 1 de diciembre de 2026", "martes, 1_de_diciembre de 2026"),
        ("mar, 24 nov", "mar, 24_nov"),
        ("seit 3 Tagen überfällig", "seit 3_Tagen überfällig"),
        ("Di., 24. Nov.", "Di., 24._Nov."),
        ("2 Arbeitstage vor", "2_Arbeitstage vor"),
        ("Abteilung 3. Stock", "Abteilung 3. Stock"),
        ("Plan 3 de la obra", "Plan 3 de la obra"),
    ],
)
def test_spanish_and_german_numbers_hold_to_their_units_and_dates(text, bound):
    from briefgen.text.typeset import NBSP as BIND
    from briefgen.text.typeset import bind

    assert bind(text) == bound.replace("_", BIND)
