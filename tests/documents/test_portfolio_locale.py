"""`agenda` and `calendar` in the reader's language: `--locale` only (a portfolio holds
dossiers of several languages; a dossier's `locale:` is its client's sheet's, not the
user's agenda's), French headings, dates, times and calendar words, JSON and UIDs the same
in every language, and no English word of briefgen's left in the French."""

from __future__ import annotations

import json
import re
from pathlib import Path

import icalendar
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

from briefgen.text import i18n
from briefgen.text.i18n import Locale
from tests.conftest import invoke
from tests.documents.test_agenda import ANN, CANDIDATE, DAN, NOCADENCE

TODAY = "2026-11-23"  # a Monday
PORTFOLIO_WORDS = Path(i18n.__file__).with_name("portfolio_words.py")

# briefgen's own English in the agenda and calendar: none of it may be left in French.
ENGLISH = (
    "Agenda from",
    "Negotiation",
    "Deadlines",
    "Stay in touch",
    "Where the time went",
    "contacts recorded",
    "overdue",
    "due in",
    "due today",
    "due tomorrow",
    "Due",
    "tomorrow",
    "all day",
    "goal",
    "recorded",
    "'s account",
    "handles",
    "no account",
    "none in the window",
    "nobody due",
    "business day",
    "Subject",
    "Today",
    "with ",
    "For ",
    "Last contact",
    "executive",
    "support",
)


@pytest.fixture
def folder(workdir: Path) -> Path:
    """The agenda tests' portfolio, Dan's dossier saying `locale: fr-CA` (his sheet's)."""
    profiles = workdir / "profiles"
    (profiles / "east").mkdir(parents=True)
    (profiles / "east" / "dan.yaml").write_text("locale: fr-CA\n" + DAN)
    (profiles / "ann.yaml").write_text(ANN)
    (profiles / "nora.yaml").write_text(NOCADENCE)
    (profiles / "cara.yaml").write_text(CANDIDATE)
    return profiles


def agenda(*args: str) -> str:
    result = invoke("agenda", "--today", TODAY, "--days", "30", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.usefixtures("folder")
def test_the_agenda_in_french_has_french_headings_dates_and_no_english():
    text = agenda("--locale", "fr-CA")
    lines = text.splitlines()
    assert lines[0] == "Agenda du lundi 23 novembre 2026 au mardi 22 décembre 2026 (30 jours)"
    for heading in ("Négociations", "Échéances", "Garder le contact"):
        assert heading in lines
    assert "Répartition du temps (contacts notés depuis le mar. 25 août\u00a0: 6)" in lines
    assert "mar. 24 nov. 10\u00a0h " in text  # the OQLF's time: not 10 h 00
    assert re.search(
        r"mar\. 24 nov\. 10\u00a0h +demain +Dan Whitfield, Whitfield Logistics\u00a0: "
        r"coaching retainer; lieu\u00a0: his office",
        text,
    )
    assert "dim. 20 déc. toute la journée" in text  # Ann's lunch has no time
    assert "en retard de 3 jours" in text
    assert "échéance dans 11 jours" in text
    # A deliverable named without an article is named as one: "avant l'échéance « ... »"
    assert (
        "final changes (2 jours ouvrables avant l\u2019échéance «\u00a0booklet to print\u00a0»)"
        in (text)
    )
    assert "Rita Gomez, AP manager, soutien, s\u2019occupe de payments (compte de Dan" in text
    assert "  existants   83\u00a0%   objectif 50\u00a0%   (5 notés)" in lines
    assert "  perdus      17\u00a0%   objectif 30\u00a0%   (1 noté)" in lines
    assert "  nouveaux     0\u00a0%   objectif 20\u00a0%   (0 noté)" in lines  # French: 0 is one
    assert any(line.startswith("  sans type de compte\u00a0: Nora Nocadence") for line in lines)
    for word in ENGLISH:
        assert word not in text, word
    assert not [line for line in lines if line.startswith(("  existing", "  lost", "  new"))]


def test_the_agenda_is_english_whatever_the_dossiers_locale_unless_asked(folder):
    """Dan's dossier says fr-CA, the others nothing: the agenda is one language, English."""
    default = agenda()
    assert default.startswith("Agenda from Monday 23 November 2026 to Tuesday 22 December 2026")
    assert "\nNegotiations\n" in default
    assert "Négociations" not in default
    assert agenda("--locale", "en") == default
    (folder / "east" / "dan.yaml").write_text(DAN)  # the same dossier without locale:
    assert agenda() == default


@pytest.mark.usefixtures("folder")
def test_the_agenda_in_france_french():
    text = agenda("--locale", "fr-FR")
    assert re.search(r"mar\. 24 nov\. 10\u00a0h +demain", text)  # the Imprimerie nationale's
    assert "coaching retainer\u202f; lieu\u00a0: his office" in text  # France's space before ';'
    assert "2 jours ouvrés avant l\u2019échéance «\u00a0booklet to print\u00a0»" in text


def test_empty_sections_say_so_in_french(workdir):
    (workdir / "profiles").mkdir()
    (workdir / "profiles" / "quiet.yaml").write_text("name: Quiet One\n")
    lines = agenda("--locale", "fr-CA").splitlines()
    assert lines.count("  aucune dans la période") == 1
    assert "  aucune dans la période, aucune en retard" in lines
    assert any(line.startswith("  personne à relancer (les dossiers sans") for line in lines)


@pytest.mark.usefixtures("folder")
def test_json_is_the_same_in_every_locale():
    """JSON is for tools: English keys, ISO dates and codes whatever --locale says; it carries
    no words of briefgen's, only the dossiers' own text, so nothing in it translates."""
    english = invoke("agenda", "--today", TODAY, "--format", "json").stdout
    french = invoke("agenda", "--today", TODAY, "--format", "json", "--locale", "fr-CA").stdout
    assert french == english
    data = json.loads(french)
    assert data["negotiations"][0]["date"] == "2026-11-24"
    assert data["stay_in_touch"][0]["level"] == "support"  # the code, not "soutien"


def test_an_unknown_locale_is_a_usage_error_listing_the_supported_ones(folder):
    for command in (["agenda"], ["calendar", "-o", "x.ics"]):
        result = invoke(*command, "--today", TODAY, "--locale", "fr")
        assert result.exit_code == 2
        assert "'fr': use one of en, en-GB, en-US, fr-CA, fr-FR" in result.output
    assert not (folder.parent / "x.ics").exists()


def calendar(path: str, *args: str) -> dict[str, icalendar.Event]:
    """The calendar's events by UID."""
    result = invoke("calendar", "--today", TODAY, "-o", path, *args)
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(Path(path).read_bytes())
    return {str(event["uid"]): event for event in cal.walk("VEVENT")}


def alarm_text(event: icalendar.Event) -> str:
    (alarm,) = event.walk("VALARM")
    return str(alarm["description"])


@pytest.mark.usefixtures("folder")
def test_the_calendar_in_french_keeps_every_uid():
    english = calendar("en.ics")
    french = calendar("fr.ics", "--locale", "fr-CA")
    assert french.keys() == english.keys()  # the UIDs do not depend on the language
    for key, event in french.items():
        assert event.decoded("dtstart") == english[key].decoded("dtstart")
        assert event["summary"].params["LANGUAGE"] == "fr-CA"
        assert event["description"].params["LANGUAGE"] == "fr-CA"
        assert "LANGUAGE" not in english[key]["summary"].params  # en: as it always was
    by_summary = {str(e["summary"]): e for e in french.values()}

    meeting = by_summary["Négociation\u00a0: Dan Whitfield, coaching retainer"]
    assert str(meeting["description"]) == (
        "Négociation avec Dan Whitfield (Whitfield Logistics).\nObjet\u00a0: coaching retainer."
    )
    assert (
        alarm_text(meeting) == "Aujourd\u2019hui à 10\u00a0h\u00a0: négociation avec Dan Whitfield"
    )
    lunch = by_summary["Négociation\u00a0: Ann Lost, win-back lunch"]
    assert alarm_text(lunch) == "Aujourd\u2019hui\u00a0: négociation avec Ann Lost"

    final = by_summary["Échéance\u00a0: final changes (Dan Whitfield)"]
    assert str(final["description"]) == (
        "final changes (2 jours ouvrables avant l\u2019échéance «\u00a0booklet to print\u00a0»), "
        "pour Dan Whitfield."
    )
    assert alarm_text(final) == "Échéance demain\u00a0: final changes (Dan Whitfield)"
    signed = by_summary[
        "Échéance\u00a0: signed retainer (Dan Whitfield), "
        "en retard depuis le vendredi 20 novembre 2026"
    ]
    assert str(signed["description"]) == "Pour Dan Whitfield."

    rita = by_summary[
        "Garder le contact\u00a0: Rita Gomez (compte de Dan Whitfield), "
        "en retard depuis le mardi 15 septembre 2026"
    ]
    assert str(rita["description"]) == (
        "Rita Gomez, AP manager, soutien, s\u2019occupe de payments (compte de Dan Whitfield)."
        "\nDernier contact\u00a0: mardi 1er septembre 2026."
    )
    assert alarm_text(rita) == "Garder le contact\u00a0: Rita Gomez (compte de Dan Whitfield)"

    words = "\n".join(
        str(e[k]) for e in french.values() for k in ("summary", "description")
    ) + "\n".join(alarm_text(e) for e in french.values())
    for word in ENGLISH:
        assert word not in words, word


@pytest.mark.usefixtures("folder")
def test_the_calendar_is_english_whatever_the_dossiers_locale():
    events = calendar("default.ics")
    summaries = {str(e["summary"]) for e in events.values()}
    assert "Negotiation: Dan Whitfield, coaching retainer" in summaries  # Dan's says fr-CA


def portfolio_messages() -> list[str | tuple[str, str]]:
    """Every message text/portfolio_words.py writes, as `pybabel extract` finds it."""
    extracted = extract_from_file("python", str(PORTFOLIO_WORDS), DEFAULT_KEYWORDS)
    found = [message for _line, message, _comments, _context in extracted]
    return [m if isinstance(m, str) else (m[0], m[1]) for m in found]


@pytest.mark.parametrize("locale", ["fr-CA", "fr-FR"])
def test_every_word_of_the_agenda_and_calendar_has_its_french(locale):
    """Fails when the French catalogue lacks (or leaves fuzzy) a message of the agenda or
    calendar: that message would print in English in a French agenda."""
    messages = portfolio_messages()
    assert len(messages) > 30  # headings, verdicts, calendar words: extraction works
    missing = []
    for message in messages:
        if isinstance(message, str):
            if i18n.gettext(message, locale) == message:
                missing.append(message)
        elif any(i18n.ngettext(*message, n, locale) in message for n in (1, 2)):
            missing.append(message[0])
    assert missing == []


@pytest.mark.usefixtures("folder")
def test_the_library_reads_a_hurried_locale_and_none_as_english():
    import datetime as dt

    from briefgen.documents.calendar import calendar_bytes
    from briefgen.documents.dossiers import load_portfolio
    from briefgen.facts.portfolio import agenda as compute

    result = compute(load_portfolio(["profiles"]).dossiers, dt.date(2026, 11, 23), 30)
    assert b"SUMMARY;LANGUAGE=fr-CA:N\xc3\xa9gociation" in calendar_bytes(result, Locale("fr_ca"))
    assert b"LANGUAGE" not in calendar_bytes(result, Locale(None))


# -- Elision: "d'Hélène", "qu'Isabelle" wherever briefgen writes a name after "de" or "que". ----

HELENE = """
name: Hélène Roy
organization: Centre de services scolaire
account: existing
timeline:
  deliverables: [{name: dossier pour le conseil, due: 2026-12-01}]
relationship:
  cadence_days: 14
  contacts:
    - {name: Hélène Roy, level: executive, last_contact: 2026-10-01}
    - {name: Isabelle Caron, title: adjointe, level: staff, last_contact: 2026-10-01}
"""


@pytest.fixture
def elision(workdir: Path) -> Path:
    profiles = workdir / "profiles"
    profiles.mkdir()
    (profiles / "helene.yaml").write_text(HELENE)
    return profiles


@pytest.mark.usefixtures("elision")
def test_the_french_agenda_elides_de_before_a_vowel():
    text = agenda("--locale", "fr-CA")
    assert "Isabelle Caron, adjointe, personnel (compte d\u2019Hélène Roy)" in text
    assert "de Hélène" not in text
    assert "de Isabelle" not in text


@pytest.mark.usefixtures("elision")
def test_the_french_calendar_elides_de_before_a_vowel():
    events = calendar("fr.ics", "--locale", "fr-FR")
    summaries = {str(e["summary"]) for e in events.values()}
    assert any(
        line.startswith("Garder le contact\u00a0: Isabelle Caron (compte d\u2019Hélène Roy)")
        for line in summaries
    )
    text = "\n".join(str(e[k]) for e in events.values() for k in ("summary", "description"))
    assert "de Hélène" not in text
    assert "compte d\u2019Hélène Roy" in text


def test_elision_is_french_only_and_spares_consonants():
    from briefgen.text.typography import elide

    assert elide("compte de Hélène, de Anne, que Isabelle, de Bob", "fr-CA") == (
        "compte d\u2019Hélène, d\u2019Anne, qu\u2019Isabelle, de Bob"
    )
    assert elide("lorsque Olivier", "fr-FR") == "lorsqu\u2019Olivier"
    assert elide("cuenta de Ana", "es-ES") == "cuenta de Ana"  # Spanish never elides
    assert elide("de Hélène", "en") == "de Hélène"


# -- Spanish and German. ---------------------------------------------------------------------

SPANISH_ENGLISH = tuple(w for w in ENGLISH if w not in ("Agenda from",))


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "es-ES",
            (
                "Agenda del lunes, 23 de noviembre de 2026 al martes, 22 de diciembre de 2026 "
                "(30 días)",
                "Negociaciones",
                "Plazos",
                "Mantener el contacto",
                "mar, 24 nov 10:00",
                "final changes (2 días hábiles antes de «booklet to print»)",
                "(cuenta de Dan Whitfield)",
                "3 días de retraso",
            ),
        ),
        (
            "es-MX",
            (
                "Negociaciones",
                "10:00\u202fa.m.",
                "final changes (2 días hábiles antes de «booklet to print»)",
            ),
        ),
        (
            "de-DE",
            (
                "Agenda von Montag, 23. November 2026 bis Dienstag, 22. Dezember 2026 (30 Tage)",
                "Verhandlungen",
                "Fristen",
                "Kontakt halten",
                "Di., 24. Nov. 10:00",
                "final changes (2 Arbeitstage vor \u201ebooklet to print\u201c)",
                "(Kunde Dan Whitfield)",
                "3 Tage überfällig",
            ),
        ),
    ],
)
@pytest.mark.usefixtures("folder")
def test_the_agenda_in_spanish_and_german(locale, expected):
    text = agenda("--locale", locale)
    for words in expected:
        assert words in text, words
    for word in ENGLISH:
        if word != "Agenda from" or locale.startswith("es"):
            assert word not in text, word


@pytest.mark.parametrize("locale", ["es-ES", "es-MX", "de-DE"])
@pytest.mark.usefixtures("folder")
def test_the_calendar_in_spanish_and_german_keeps_every_uid(locale):
    english = calendar("en.ics")
    other = calendar("x.ics", "--locale", locale)
    assert other.keys() == english.keys()
    words = "\n".join(str(e[k]) for e in other.values() for k in ("summary", "description"))
    words += "\n".join(alarm_text(e) for e in other.values())
    for event in other.values():
        assert event["summary"].params["LANGUAGE"] == locale
    for word in ENGLISH:
        assert word not in words, (locale, word)
    assert ("Negociación: Dan Whitfield" if locale.startswith("es") else "Verhandlung: Dan") in (
        words
    )
