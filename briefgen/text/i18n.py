"""The languages briefgen writes in: one gettext catalogue per language, read with Babel.

What is translated: every word briefgen writes (labels, verdicts, countdowns, the built-in
tactics' counters). What is not: the dossier's own text, and the messages of `check`, `diff`
and `show`, which speak to the person editing the YAML (English, like the key names).

Translating a template. Every Theme environment has Jinja's `i18n` extension with newstyle
gettext (values are %-formatted by name and autoescaped; a literal % is written %%):

    <h2>{{ _("Account map") }}</h2>                                  a label
    {{ _("since %(date)s", date=since | partial_date) }}             a label with a value
    {% trans date=today | long_date %}Prepared {{ date }}{% endtrans %}   the same message
    {{ ngettext("+%(num)d more", "+%(num)d more", more) }}           a plural; num is the count
    {{ label("button", b.kind) }}                                    a code (text/labels.py):
                                                                     `_(b.kind)` is not extractable
    <html lang="{{ lang }}">                                         the locale's BCP 47 tag

The prep sheet's templates (base.html.j2, prep.html.j2, prep/*.html.j2) carry every label
this way; the words for computed facts (text/words.py) take the locale and are bound to it by
text/localized.py; the number line's labels come from text/labels.py (documents/prep.py).

Adding or changing a message, then (from the repository root):

    pybabel extract -F babel.cfg --no-location --sort-output --omit-header \\
        -o briefgen/locales/briefgen.pot .
    for l in fr es de; do pybabel update -i briefgen/locales/briefgen.pot \\
        -d briefgen/locales -D briefgen --ignore-obsolete -l $l; done
    # translate the new entries of briefgen/locales/{fr,es,de}/LC_MESSAGES/briefgen.po

`tests/text/test_i18n.py` fails while the .pot is stale or any language's catalogue lacks a
message.
Nothing is compiled by hand: the .po is compiled in memory at its first use in a process (see
`catalogue`), so there is no .mo to go stale. A message the catalogue lacks (or marks fuzzy)
reads in English, never blank.

A language's countries share one catalogue (briefgen/locales/fr, es, de); a message whose
words differ between countries goes, translated again, in the country's folder (fr_FR, es_MX),
read before the language's. French: the business day ("jour ouvrable" in Quebec, "jour ouvré"
in France) and the passed-meeting notice (Quebec's "rencontre", France's "réunion"); Spanish:
Mexico's "junta" and "cita" where Spain says "reunión". The French catalogue is written to
Quebec's typography, and each French country's spaces and apostrophes are set by rule when the
catalogue is compiled (text/typography.py): the .po never carries France's narrow spaces.

The pitch is written in English and French only (its sentences need a grammar per language):
`pitch_locale` says so, once, for any other locale.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.dossier.model import DEFAULT_LOCALE, LOCALES, canonical_locale
from briefgen.errors import BriefgenError
from briefgen.files import read_bounded

if TYPE_CHECKING:  # Babel is imported where it is used: `briefgen check` never pays for it
    from babel.core import Locale as BabelLocale

DOMAIN = "briefgen"
CATALOGUES = Path(__file__).resolve().parent.parent / "locales"


def N_(message: str) -> str:  # the gettext convention pybabel looks for
    """Mark a message for extraction without translating it here (a table of codes)."""
    return message


class Locale(str):
    """A supported locale, validated once where it enters (the CLI, a dossier's `locale:`):
    its canonical BCP 47 tag (`fr-CA`), with its language, Babel locale and translations at
    hand. It is a `str` so that it prints, compares and keys caches as its tag; functions below
    `documents/` take a `Locale` and have no default, so a dropped locale is a type error, not
    English. An unknown tag is a BriefgenError that lists the supported ones."""

    __slots__ = ()

    def __new__(cls, tag: str | None = None) -> Locale:
        if isinstance(tag, Locale):
            return tag
        if tag is None:
            return str.__new__(cls, DEFAULT_LOCALE)
        found = canonical_locale(tag)
        if found not in LOCALES:
            raise BriefgenError(
                f"unknown locale {tag!r}: use one of {', '.join(LOCALES)}\n"
                "  hint: French is fr-CA (Canada) or fr-FR (France), Spanish es-ES (Spain) or es-MX"
                " (Mexico), German de-DE"
            )
        return str.__new__(cls, found)

    @property
    def language(self) -> str:
        """'fr' for fr-CA: the catalogue folder and the language a pitch template folder is
        for."""
        return self.split("-")[0]

    @property
    def babel(self) -> BabelLocale:
        return babel_locale(self)

    @property
    def translations(self) -> stdlib_gettext.NullTranslations:
        return translations(self)


ENGLISH = Locale(None)


def check_locale(tag: str | None) -> Locale:
    """The supported locale `tag` names (`fr_ca` is `fr-CA`); None is the default, English."""
    return Locale(tag)


def choose_locale(override: str | None, dossier_locale: str | None) -> Locale:
    """The locale a document is written in: `--locale`, else the dossier's `locale:`, else en."""
    return Locale(override if override is not None else dossier_locale)


def portfolio_locale(override: str | None) -> Locale:
    """The locale of a view across many dossiers (`agenda`, `calendar`): `--locale`, else en.
    Never a dossier's `locale:`, which says the language of that client's sheet; the agenda
    is the user's own, in one language, however many languages the folder holds."""
    return Locale(override)


def language(tag: str) -> str:
    """'fr' for fr-CA: the catalogue folder and the language a pitch template folder is for."""
    return Locale(tag).language


@cache
def babel_locale(tag: str) -> BabelLocale:
    """The CLDR locale behind a tag. `en` is en-GB's data (day before month), which is the
    house English's order; its own formats are kept exactly (see text/formatting.py)."""
    from babel.core import Locale

    tag = check_locale(tag)
    return Locale.parse("en_GB" if tag == "en" else tag.replace("-", "_"))


def _folders(tag: str, root: Path | None = None) -> list[Path]:
    """The catalogues for a locale under `root` (briefgen's own by default), most specific
    first: fr_CA, then fr."""
    tag = check_locale(tag)
    root = CATALOGUES if root is None else root
    names = [tag.replace("-", "_"), language(tag)] if "-" in tag else [tag]
    return [root / name / "LC_MESSAGES" for name in names]


@cache
def catalogue(po_path: Path, tag: str = "") -> bytes:
    """One .po file compiled to .mo bytes, in memory, once a process (a few ms: see README),
    its messages typeset for the locale `tag`'s country (text/typography.py)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        parsed = read_po(handle, domain=DOMAIN)
    if tag:
        _typeset_catalogue(parsed, tag)
    out = io.BytesIO()
    write_mo(out, parsed, use_fuzzy=False)  # fuzzy and empty entries are left out: English
    return out.getvalue()


def _typeset_catalogue(parsed: Any, tag: str) -> None:
    """Every translation of a parsed catalogue with the punctuation of `tag`'s country."""
    from briefgen.text.typography import typeset

    for message in parsed:
        if not message.id:
            continue
        if isinstance(message.string, (list, tuple)):
            message.string = tuple(typeset(s, tag) for s in message.string)
        elif message.string:
            message.string = typeset(message.string, tag)


@cache
def translations(tag: str) -> stdlib_gettext.NullTranslations:
    """The gettext translations for a locale: its own catalogue, then its language's, then
    the English message itself. English has no catalogue: the messages are the English
    (Python's own null translations: an English sheet loads no Babel)."""
    chain: stdlib_gettext.NullTranslations | None = None
    for folder in reversed(_folders(tag)):  # the language first, the country over it
        po = folder / f"{DOMAIN}.po"
        if not po.is_file():
            continue
        from babel.support import Translations

        layer = Translations(io.BytesIO(catalogue(po, check_locale(tag))), domain=DOMAIN)
        if chain is not None:
            layer.add_fallback(chain)
        chain = layer
    return chain if chain is not None else stdlib_gettext.NullTranslations()


def gettext(message: str, locale: Locale) -> str:
    """`message` in the locale's language (the message itself when the catalogue lacks it).
    The message comes first, as pybabel's default keywords expect."""
    return translations(locale).gettext(message)


def ngettext(singular: str, plural: str, count: int, locale: Locale) -> str:
    """The form for `count` under the locale's plural rule (French: 0 and 1 singular)."""
    return translations(locale).ngettext(singular, plural, count)


def pgettext(context: str, message: str, locale: Locale) -> str:
    """`message` as said in `context` (msgctxt): the same English, different translations,
    e.g. a relation for a woman, a man or anyone (French "conjointe", "conjoint")."""
    return str(translations(locale).pgettext(context, message))


# The languages the pitch's sentences have a grammar for (text/grammar.py, grammar_fr.py).
PITCH_LANGUAGES = ("en", "fr")


def pitch_locale(tag: str) -> tuple[Locale, str | None]:
    """The locale a pitch is written in, and the one line to print when it is not `tag`:
    a Spanish or German pitch is English until its grammar exists."""
    locale = Locale(tag)
    if locale.language in PITCH_LANGUAGES:
        return locale, None
    return ENGLISH, (
        f"the pitch has no {locale} grammar yet: written in English "
        "(the prep sheet, agenda and calendar are translated)"
    )


def warm(tag: str) -> None:
    """Load the locale's catalogue and CLDR data now (about 55 ms the first time), so that
    the render children a process forks inherit them instead of loading them each."""
    translations(tag)
    if check_locale(tag) != "en":
        import babel.dates
        import babel.lists
        import babel.numbers  # noqa: F401

        babel_locale(tag).currency_formats  # noqa: B018 - loads the locale's CLDR data


def install(env: Any, tag: str, folders: tuple[Path, ...] = ()) -> None:
    """Give a Jinja environment `_`, `gettext` and `ngettext` in `tag`'s language (newstyle:
    `_("in %(num)d days", num=n)`), and `lang` for `<html lang>`. `folders` are template
    folders, most specific first: a `locales/<lang>/LC_MESSAGES/briefgen.po` in one of them
    translates the labels of a user's own templates, over briefgen's catalogue."""
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(merged_translations(tag, folders), newstyle=True)
    env.globals["lang"] = check_locale(tag)


USER_CATALOGUE_BYTES = 4 * 1024 * 1024  # a user's .po larger than this is refused, unread


@cache
def merged_translations(tag: str, folders: tuple[Path, ...]) -> stdlib_gettext.NullTranslations:
    """briefgen's translations for `tag` under those of the template folders' own catalogues
    (the nearest folder's first). A catalogue that cannot be read is a BriefgenError that
    names it."""
    chain = translations(tag)
    for folder in reversed(folders):
        for messages in reversed(_folders(tag, folder / "locales")):
            po = messages / f"{DOMAIN}.po"
            if not po.exists():
                continue
            from babel.support import Translations

            layer = Translations(io.BytesIO(_user_catalogue(po, check_locale(tag))), domain=DOMAIN)
            layer.add_fallback(chain)
            chain = layer
    return chain


def _user_catalogue(po: Path, tag: str) -> bytes:
    """A user's .po compiled in memory, read no further than USER_CATALOGUE_BYTES, typeset
    for `tag`'s country as briefgen's own catalogue is."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    data = read_bounded(po, USER_CATALOGUE_BYTES, "a catalogue")  # no FIFO, no /dev/zero
    try:
        parsed = read_po(io.BytesIO(data), domain=DOMAIN, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise BriefgenError(
            f"{po}: not a readable gettext catalogue ({exc})\n"
            "  hint: make it with pybabel init/update, or remove it"
        ) from None
    _typeset_catalogue(parsed, tag)
    out = io.BytesIO()
    write_mo(out, parsed, use_fuzzy=False)
    return out.getvalue()
