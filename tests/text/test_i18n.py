"""The catalogues: complete, current, compiled in memory, falling back to English."""

from __future__ import annotations

import io
from pathlib import Path

import jinja2
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from briefgen.dossier.model import LOCALES, Dossier, Locale
from briefgen.errors import BriefgenError
from briefgen.render.theme import Theme
from briefgen.text import i18n

ROOT = Path(__file__).resolve().parent.parent.parent
POT = i18n.CATALOGUES / "briefgen.pot"
FRENCH = i18n.CATALOGUES / "fr" / "LC_MESSAGES" / "briefgen.po"
# Every language's own catalogue (its countries' folders hold only what differs).
LANGUAGES = ("fr", "es", "de")


def po(language: str) -> Path:
    return i18n.CATALOGUES / language / "LC_MESSAGES" / "briefgen.po"


def extracted() -> set[str | tuple[str, ...]]:
    """The messages in the code and templates now, extracted as `pybabel extract` does."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        found.add(keyed(message if isinstance(message, str) else tuple(message), context))
    return found


def keyed(message: str | tuple[str, ...], context: str | None) -> str | tuple[str, ...]:
    """A message said in a context (pgettext) is its own message: keyed 'context\x04message'
    as gettext keys it, so 'spouse' said of a woman is checked apart from plain 'spouse'."""
    return f"{context}\x04{message}" if context and isinstance(message, str) else message


def ids(path: Path) -> set[str | tuple[str, ...]]:
    with path.open("rb") as handle:
        return {keyed(m.id, m.context) for m in read_po(handle) if m.id}


@pytest.fixture(scope="module")
def messages() -> set[str | tuple[str, ...]]:
    return extracted()


def test_extraction_finds_python_and_templates(messages):
    assert "They respect your time." in messages  # text/words.py
    assert ("in %(num)d day", "in %(num)d days") in messages  # a plural
    assert any(isinstance(m, str) and m.startswith("Let the pause run") for m in messages)


def test_the_committed_pot_is_current(messages):
    """Fails when a message was added or changed without re-extracting (commands in i18n.py)."""
    assert ids(POT) == messages


def untranslated(po: Path, messages) -> list:
    """The messages `po` lacks, leaves empty or marks fuzzy (which gettext would not use)."""
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    missing = []
    for message in sorted(messages, key=str):
        context, _, msgid = message.rpartition("\x04") if isinstance(message, str) else ("", "", "")
        entry = catalogue.get(msgid if isinstance(message, str) else message[0], context or None)
        if entry is None or entry.fuzzy:
            missing.append(message)
            continue
        strings = entry.string if isinstance(entry.string, (list, tuple)) else [entry.string]
        if not all(strings):
            missing.append(message)
    return missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_has_every_message(messages, language):
    """Fails when a language's catalogue lacks, leaves empty or marks fuzzy a message the
    English source has: run `pybabel update` and translate (see briefgen/text/i18n.py)."""
    assert untranslated(po(language), messages) == []


def test_every_locale_has_a_catalogue():
    for tag in LOCALES:
        if not tag.startswith("en"):
            assert i18n.language(tag) in LANGUAGES, tag


def test_a_message_in_a_context_is_checked_on_its_own(messages, tmp_path):
    assert "she\x04spouse" in messages
    assert "spouse" in messages
    path = tmp_path / "briefgen.po"
    path.write_text(
        'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "spouse"\nmsgstr "partenaire de vie"\n',
        encoding="utf-8",
    )
    assert untranslated(path, {"spouse", "she\x04spouse"}) == ["she\x04spouse"]


def test_the_completeness_check_can_fail(tmp_path):
    po = tmp_path / "briefgen.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: fr\\n"\n\n'
        'msgid "Deadlines"\nmsgstr "Échéances"\n\n'
        'msgid "Goal"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Rapport"\nmsgstr "Affinités"\n',
        encoding="utf-8",
    )
    wanted = {"Deadlines", "Goal", "Rapport", "Family"}
    assert untranslated(po, wanted) == ["Family", "Goal", "Rapport"]


@pytest.mark.parametrize(
    "path", sorted(i18n.CATALOGUES.glob("*/LC_MESSAGES/briefgen.po")), ids=lambda p: p.parts[-3]
)
def test_placeholders_match_the_english(path):
    """A translation must keep every %(name)s of its message, or formatting it fails."""
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalogue.check()]
    assert problems == []


def test_country_overlays_only_override_known_messages(messages):
    for po in i18n.CATALOGUES.glob("*_*/LC_MESSAGES/briefgen.po"):
        assert ids(po) <= messages, po


def test_business_days_differ_between_quebec_and_france():
    one = ("%(num)d business day before %(what)s", "%(num)d business days before %(what)s")
    assert i18n.ngettext(*one, 3, locale="fr-CA") == "%(num)d jours ouvrables avant %(what)s"
    assert i18n.ngettext(*one, 3, locale="fr-FR") == "%(num)d jours ouvrés avant %(what)s"
    assert i18n.gettext("tomorrow", locale="fr-FR") == "demain"  # the rest from fr


def test_french_plural_rule_counts_zero_and_one_as_singular():
    pair = ("in %(num)d day", "in %(num)d days")
    assert i18n.ngettext(*pair, 0, locale="fr-CA") == "dans %(num)d jour"
    assert i18n.ngettext(*pair, 1, locale="fr-CA") == "dans %(num)d jour"
    assert i18n.ngettext(*pair, 2, locale="fr-CA") == "dans %(num)d jours"
    assert i18n.ngettext(*pair, 0, locale="en") == "in %(num)d days"


def test_a_missing_translation_reads_in_english_never_blank(tmp_path, monkeypatch):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "briefgen.po").write_text(
        'msgid ""\nmsgstr "Language: fr\\n"\n\n'
        'msgid "today"\nmsgstr ""\n\n'  # left empty by a translator
        '#, fuzzy\nmsgid "tomorrow"\nmsgstr "demain?"\n\n'  # not checked yet
        'msgid "yesterday"\nmsgstr "hier"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "CATALOGUES", tmp_path)
    i18n.translations.cache_clear()
    try:
        assert i18n.gettext("today", "fr-CA") == "today"
        assert i18n.gettext("tomorrow", "fr-CA") == "tomorrow"
        assert i18n.gettext("yesterday", "fr-CA") == "hier"
        assert i18n.gettext("not in any catalogue", "fr-CA") == "not in any catalogue"
    finally:
        i18n.translations.cache_clear()


def test_english_has_no_catalogue_and_reads_the_message():
    assert i18n.gettext("They respect your time.", "en") == "They respect your time."
    assert i18n.gettext("They respect your time.", "en-GB") == "They respect your time."


def test_compiling_a_catalogue_gives_mo_bytes_once():
    data = i18n.catalogue(FRENCH)
    assert data[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # the .mo magic number
    assert i18n.catalogue(FRENCH) is data  # cached: compiled once a process


def test_locales_list_and_model_agree():
    import typing

    assert typing.get_args(Locale) == LOCALES


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("fr-CA", "fr-CA"),
        ("fr_CA", "fr-CA"),
        ("FR-ca", "fr-CA"),
        (" en-gb ", "en-GB"),
        ("en", "en"),
    ],
)
def test_a_hurried_spelling_of_a_locale_is_accepted(written, meant):
    assert Dossier.model_validate({"name": "A", "locale": written}).locale == meant
    assert i18n.check_locale(written) == meant


def test_an_unknown_locale_lists_the_supported_ones():
    with pytest.raises(BriefgenError) as caught:
        i18n.check_locale("fr")
    assert (
        "unknown locale 'fr': use one of en, en-GB, en-US, fr-CA, fr-FR, es-ES, es-MX, de-DE"
        in (str(caught.value))
    )
    assert "fr-CA (Canada) or fr-FR (France)" in str(caught.value)


def test_an_unknown_locale_in_a_dossier_is_a_located_error(write_dossier):
    from briefgen.dossier.validate import load_dossier
    from briefgen.errors import DossierError

    path = write_dossier("name: Ann\nlocale: klingon\n")
    with pytest.raises(DossierError) as caught:
        load_dossier(path)
    text = str(caught.value)
    assert (
        "bad.yaml:2:9: locale: expected one of en, en-GB, en-US, fr-CA, fr-FR, es-ES, es-MX "
        "or de-DE" in text
    )
    assert "got 'klingon'" in text
    assert "hint: French is fr-CA (Canada) or fr-FR (France), Spanish es-ES or es-MX" in text


def test_the_override_wins_over_the_dossier():
    assert i18n.choose_locale(None, None) == "en"
    assert i18n.choose_locale(None, "fr-CA") == "fr-CA"
    assert i18n.choose_locale("en", "fr-CA") == "en"
    with pytest.raises(BriefgenError):
        i18n.choose_locale("xx", "fr-CA")


def test_theme_environment_translates_templates_per_locale(tmp_path):
    (tmp_path / "t.html.j2").write_text(
        '<html lang="{{ lang }}">{{ _("Deadlines") }} '
        '{{ ngettext("+%(num)d more", "+%(num)d more", n) }} '
        '{{ _("since %(date)s", date=d) }}</html>'
    )
    theme = Theme((tmp_path,))
    french = theme.environment(html=True, locale="fr-CA")
    english = theme.environment(html=True, locale="en")
    assert french is theme.environment(html=True, locale="fr_CA")  # cached per (theme, locale)
    assert french is not english
    out = french.get_template("t.html.j2").render(n=3, d="<mars 2019>")
    assert out == '<html lang="fr-CA">Échéances +3 autres depuis &lt;mars 2019&gt;</html>'
    out = english.get_template("t.html.j2").render(n=1, d="March 2019")
    assert out == '<html lang="en">Deadlines +1 more since March 2019</html>'


def test_a_translated_template_stays_sandboxed(tmp_path):
    (tmp_path / "t.j2").write_text("{{ _.__globals__ }}")
    env = Theme((tmp_path,)).environment(html=False, locale="fr-CA")
    with pytest.raises(jinja2.exceptions.SecurityError):
        env.get_template("t.j2").render()


def test_mo_round_trip_reads_back_through_babel():
    from babel.support import Translations

    catalogue = Translations(io.BytesIO(i18n.catalogue(FRENCH)), domain="briefgen")
    assert catalogue.gettext("Deadlines") == "Échéances"


def test_a_trans_block_is_the_same_message_as_a_call(tmp_path):
    (tmp_path / "t.html.j2").write_text(
        '{% trans date=d %}Prepared {{ date }}{% endtrans %}|{{ _("Prepared %(date)s", date=d) }}'
    )
    env = Theme((tmp_path,)).environment(html=True, locale="fr-CA")
    out = env.get_template("t.html.j2").render(d="<jeudi 3 décembre 2026>")
    assert (
        out == "Préparée le &lt;jeudi 3 décembre 2026&gt;|Préparée le &lt;jeudi 3 décembre 2026&gt;"
    )


def test_a_users_template_folder_translates_its_own_new_labels(tmp_path):
    """A catalogue in a template folder (templates/locales/fr/LC_MESSAGES/briefgen.po)
    translates the user's own labels; briefgen's labels keep briefgen's French."""
    folder = tmp_path / "templates"
    messages = folder / "locales" / "fr" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "briefgen.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Coffee order"\nmsgstr "Commande de café"\n',
        encoding="utf-8",
    )
    (folder / "t.html.j2").write_text('{{ _("Coffee order") }} | {{ _("Deadlines") }}')
    theme = Theme((folder,))
    french = theme.environment(html=True, locale="fr-CA")
    assert french.get_template("t.html.j2").render() == "Commande de café | Échéances"
    english = theme.environment(html=True, locale="en")
    assert english.get_template("t.html.j2").render() == "Coffee order | Deadlines"


def test_a_broken_user_catalogue_is_named_not_a_traceback(tmp_path):
    messages = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "briefgen.po").write_text('msgid "a" msgstr "b"\nfoo bar\n', encoding="utf-8")
    with pytest.raises(BriefgenError, match=r"briefgen\.po: not a readable gettext catalogue"):
        Theme((tmp_path,)).environment(html=True, locale="fr-FR")


def test_each_document_gets_its_own_environment(tmp_path):
    """prep and pitch once added their filters to one shared environment."""
    theme = Theme((tmp_path,))

    def with_a(env, _locale):
        env.filters["a"] = str

    def with_b(env, _locale):
        env.filters["b"] = str

    first = theme.environment(html=True, locale="en", setup=with_a)
    second = theme.environment(html=True, locale="en", setup=with_b)
    assert first is not second
    assert "a" in first.filters
    assert "a" not in second.filters
    assert "b" not in theme.environment(html=True, locale="en").filters
    assert first is theme.environment(html=True, locale="en", setup=with_a)
