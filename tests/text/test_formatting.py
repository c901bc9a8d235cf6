"""Numbers, money, dates, times, lists and countdowns in each locale: English exactly as
before, every other locale as CLDR (Babel) says."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from briefgen.dossier.model import LOCALES, PartialDate
from briefgen.facts.dates import Deadline, RuleTiming
from briefgen.facts.negotiation import TacticPlan
from briefgen.facts.tactics import TACTICS
from briefgen.text import formatting, labels, localized, words
from briefgen.text.formatting import clock, join, long_date, money, number, partial_date, short_date
from briefgen.text.i18n import ENGLISH

NBSP, NNBSP = "\u00a0", "\u202f"
THURSDAY = dt.date(2026, 12, 3)


# -- English: byte for byte what briefgen wrote before locales. -------------------------------


def test_english_is_unchanged():
    assert number(1850000, locale=ENGLISH) == "1,850,000"
    assert number(1234.5, locale=ENGLISH) == "1,234.50"
    assert money(60000, "USD", locale=ENGLISH) == "60,000 USD"
    assert money(60000, None, locale=ENGLISH) == "60,000"
    assert money(None, "USD", locale=ENGLISH) == ""
    assert long_date(dt.date(2026, 11, 24), locale=ENGLISH) == "Tuesday 24 November 2026"
    assert short_date(dt.date(2026, 12, 2), dt.date(2026, 11, 1), locale=ENGLISH) == "Wed 2 Dec"
    assert short_date(dt.date(2027, 1, 5), dt.date(2026, 11, 1), locale=ENGLISH) == "Tue 5 Jan 2027"
    assert partial_date(PartialDate(2019, 3), locale=ENGLISH) == "March 2019"
    assert partial_date(PartialDate(2019, 3, 14), locale=ENGLISH) == "14 March 2019"
    assert partial_date(PartialDate(2019), locale=ENGLISH) == "2019"
    assert clock(dt.time(9, 5), locale=ENGLISH) == "09:05"
    assert join(["a", "b", "c"], locale=ENGLISH) == "a, b and c"


@pytest.mark.parametrize("count", range(6))
def test_english_lists_join_as_cldr_en_gb_without_loading_it(count):
    """briefgen's English joins a list itself (an English sheet then loads no CLDR data): as
    Babel joins it for en-GB, whatever the items hold."""
    from babel.core import Locale
    from babel.lists import format_list

    items = ["a {0}", "b, c", "d and e", "", "{1}", "f"][:count]
    assert join(items, locale=ENGLISH) == format_list(items, locale=Locale.parse("en_GB"))


def test_an_english_sheet_s_words_load_no_babel():
    """English is briefgen's own: its numbers, dates, lists and messages load no Babel module
    (nor CLDR's data), in a sheet's render child or anywhere."""
    code = (
        "import sys\n"
        "import datetime as dt\n"
        "from briefgen.text.formatting import join, long_date, money\n"
        "from briefgen.text.i18n import ENGLISH, gettext, merged_translations, ngettext\n"
        "join(['a', 'b', 'c'], ENGLISH), money(60000, 'USD', ENGLISH)\n"
        "long_date(dt.date(2026, 11, 24), ENGLISH)\n"
        "gettext('Questions', ENGLISH), ngettext('day', 'days', 2, ENGLISH)\n"
        "merged_translations(ENGLISH, ()).gettext('Questions')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_english_named_explicitly_is_the_default():
    assert long_date(THURSDAY, "en") == long_date(THURSDAY, locale=ENGLISH)
    assert money(185000, "CAD", "en") == "185,000 CAD"


# -- French from CLDR. -------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["fr-CA", "fr-FR"])
def test_french_dates(locale):
    assert long_date(THURSDAY, locale) == "jeudi 3 décembre 2026"
    assert short_date(THURSDAY, dt.date(2026, 11, 1), locale=locale) == "jeu. 3 déc."
    assert short_date(THURSDAY, dt.date(2025, 11, 1), locale=locale) == "jeu. 3 déc. 2026"
    assert partial_date(PartialDate(2019, 3), locale) == "mars 2019"
    assert partial_date(PartialDate(2019, 3, 14), locale) == "14 mars 2019"
    assert partial_date(PartialDate(2019), locale) == "2019"


@pytest.mark.parametrize("locale", ["fr-CA", "fr-FR"])
def test_french_times_as_the_oqlf_and_the_imprimerie_nationale_write_them(locale):
    """'9 h 30', never '09 h 30' (Babel's fr-CA) nor '09:30' (Babel's fr-FR); '14 h', not
    '14 h 00'."""
    assert clock(dt.time(9, 30), locale) == f"9{NBSP}h{NBSP}30"
    assert clock(dt.time(14, 0), locale) == f"14{NBSP}h"
    assert clock(dt.time(14, 5), locale) == f"14{NBSP}h{NBSP}05"


def test_english_us_time():
    assert clock(dt.time(14, 0), "en-US") == f"2:00{NNBSP}PM"


def test_french_money_as_cldr_says():
    assert money(185000, "CAD", "fr-CA") == f"185{NBSP}000{NBSP}$"
    assert money(185000, "USD", "fr-CA") == f"185{NBSP}000{NBSP}${NBSP}US"
    assert money(185000, "CAD", "fr-FR") == f"185{NNBSP}000{NBSP}$CA"
    assert money(1234.5, "EUR", "fr-FR") == f"1{NNBSP}234,50{NBSP}€"
    assert money(185000, None, "fr-CA") == f"185{NBSP}000"


def test_english_variants_follow_cldr():
    assert money(60000, "USD", "en-US") == "$60,000"
    assert money(60000, "USD", "en-GB") == "US$60,000"
    assert long_date(THURSDAY, "en-US") == "Thursday, December 3, 2026"
    assert long_date(THURSDAY, "en-GB") == "Thursday, 3 December 2026"


def test_french_numbers_and_lists():
    assert number(1850000, "fr-CA") == f"1{NBSP}850{NBSP}000"
    assert number(1234.5, "fr-CA") == f"1{NBSP}234,50"
    assert join(["a", "b", "c"], "fr-CA") == "a, b et c"
    assert join(["a", "b"], "fr-FR") == "a et b"
    assert join(["a"], "fr-FR") == "a"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_formats_everything(locale):
    for text in (
        number(3, locale),
        money(3.5, "JPY", locale),
        long_date(THURSDAY, locale),
        short_date(THURSDAY, None, locale=locale),
        clock(dt.time(0, 0), locale),
    ):
        assert text.strip()


def test_an_unknown_locale_is_refused():
    from briefgen.errors import BriefgenError

    with pytest.raises(BriefgenError, match="unknown locale 'it-IT'"):
        long_date(THURSDAY, "it-IT")


# -- The words: countdown, rule timing, verdicts, counters, codes. -----------------------------


def test_countdown_in_english_is_unchanged():
    said = [words.countdown(n, locale=ENGLISH) for n in (None, 0, 1, -1, 13, -2)]
    assert said == ["", "today", "tomorrow", "yesterday", "in 13 days", "2 days ago"]


@pytest.mark.parametrize("locale", ["fr-CA", "fr-FR"])
def test_countdown_in_french(locale):
    said = [words.countdown(n, locale) for n in (0, 1, -1, 2, 13, -2, -13)]
    assert said == [
        "aujourd\u2019hui",  # the typographic apostrophe
        "demain",
        "hier",
        "dans 2 jours",
        "dans 13 jours",
        "il y a 2 jours",
        "il y a 13 jours",
    ]


def deadline(days: int, business: bool) -> Deadline:
    rule = RuleTiming(days=days, business_days=business, of="l'impression du cahier")
    return Deadline("épreuves", THURSDAY, 3, of="l'impression du cahier", rule=rule)


def test_rule_timing_in_every_language():
    assert (
        words.rule_timing(deadline(2, True), locale=ENGLISH)
        == "2 business days before l'impression du cahier"
    )
    assert (
        words.rule_timing(deadline(1, False), locale=ENGLISH)
        == "1 day before l'impression du cahier"
    )
    assert words.rule_timing(deadline(2, True), "fr-CA") == (
        "2 jours ouvrables avant l'impression du cahier"
    )
    assert words.rule_timing(deadline(1, True), "fr-FR") == (
        "1 jour ouvré avant l'impression du cahier"
    )
    assert words.rule_timing(deadline(5, False), "fr-FR") == (
        "5 jours avant l'impression du cahier"
    )


def test_verdicts_in_french_and_english():
    assert words.verdict("punctuality", "good", locale=ENGLISH) == "They respect your time."
    assert words.verdict("punctuality", "good", "fr-CA") == "Cette personne respecte votre temps."
    for topic, codes in words.VERDICTS.items():
        for code, english in codes.items():
            assert words.verdict(topic, code, "fr-CA") != english


def test_every_built_in_counter_reads_in_french_and_a_dossier_counter_as_written():
    for tactic in TACTICS:
        plan = TacticPlan(tactic.name, None, tactic.counter, "built-in")
        french = words.counter(plan, "fr-CA")
        assert french, tactic.key
        assert french != tactic.counter, tactic.key
        assert words.counter(plan, locale=ENGLISH) == tactic.counter
    own = TacticPlan("silence", None, "Let the pause run", "dossier")
    assert words.counter(own, "fr-CA") == "Let the pause run"  # the dossier's text: never
    assert words.counter(TacticPlan("x", None, None, "none"), "fr-CA") is None


def test_with_counters_translates_only_built_in_ones():
    plans = [
        TacticPlan("silence", None, TACTICS[0].counter, "built-in"),
        TacticPlan("nibbling", "n", "our own words", "dossier"),
    ]
    out = words.with_counters(plans, "fr-CA")
    assert out[0].counter.startswith("Laissez durer le silence")
    assert out[1] == plans[1]


def test_code_labels():
    assert labels.label("button", "hot", locale=ENGLISH) == "Hot"
    assert labels.label("button", "hot", "fr-CA") == "Sensible"
    assert labels.label("stance", "blocker", "fr-FR") == "opposant"
    assert labels.label("stance", "unheard-of", "fr-FR") == "unheard-of"
    assert labels.label("stance", None, "fr-FR") == ""


def test_localized_filters_are_bound_to_their_locale():
    french = localized.filters("fr-CA")
    assert french["long_date"](THURSDAY) == "jeudi 3 décembre 2026"
    assert french["money"](185000, "CAD") == f"185{NBSP}000{NBSP}$"
    assert french["short_date"](THURSDAY, dt.date(2026, 1, 1)) == "jeu. 3 déc."
    assert localized.helpers("fr-CA")["countdown"](13) == "dans 13 jours"
    english = localized.filters(locale=ENGLISH)
    assert english["money"](185000, "CAD") == formatting.money(185000, "CAD", locale=ENGLISH)
