"""How numbers, money and dates read on a page: nothing a person must compute.

Every function takes a locale (default "en"). `en` is briefgen's own English, written here and
kept byte for byte ("Tuesday 24 November 2026", "60,000 USD", "14:00"): CLDR's en and en-GB
differ from it by a comma or a currency sign, and the golden sheets and everyone's habits are
built on it. Every other locale is Babel's CLDR data: "jeudi 3 décembre 2026", "14 h",
"185 000 $" (fr-CA, CAD), "185 000 $CA" (fr-FR, CAD), "US$60,000" (en-GB).
"""

from __future__ import annotations

import datetime as dt
import re

from briefgen.dossier.model import PartialDate
from briefgen.text.i18n import Locale, babel_locale, check_locale

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _english(locale: Locale) -> bool:
    return check_locale(locale) == "en"


def number(value: float, locale: Locale) -> str:
    """60000 -> '60,000'; 1234.5 -> '1,234.50'; fr-CA: '60 000', '1 234,50'; de-DE '60.000';
    es-ES groups from five digits only, as the RAE writes: '1234', '60.000'."""
    whole = float(value).is_integer()
    if _english(locale):
        return f"{value:,.0f}" if whole else f"{value:,.2f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" if whole else "#,##0.00"
    if check_locale(locale) == "es-ES" and abs(value) < 10000:
        pattern = pattern.replace("#,##", "")  # CLDR's minimum grouping digits, 2 for Spain
    return format_decimal(value, pattern, locale=babel_locale(locale))


_DECIMALS = re.compile(r"0\.0+")


def money(value: float | None, currency: str | None, locale: Locale) -> str:
    """'60,000 USD'; fr-CA '60 000 $' (CAD), '60 000 $ US'; the currency is left off only
    when the dossier names none. Whole amounts show no cents, in every locale."""
    if value is None:
        return ""
    if _english(locale) or not currency:
        amount = number(value, locale)
        return f"{amount} {currency}" if currency else amount
    from babel.numbers import format_currency

    where = babel_locale(locale)
    pattern = where.currency_formats["standard"].pattern
    if float(value).is_integer():
        pattern = _DECIMALS.sub("0", pattern)
    text = format_currency(value, currency, pattern, locale=where, currency_digits=False)
    if check_locale(locale) == "es-ES" and abs(value) < 10000:
        text = text.replace(where.number_symbols["latn"]["group"], "", 1)
    # A code or lettered sign before the amount keeps a no-break space (es-MX 'USD 60,000',
    # never 'USD60,000'); Mexico's own '$60,000' is left tight.
    return _LETTERS_THEN_DIGIT.sub("\\1\u00a0\\2", text)


_LETTERS_THEN_DIGIT = re.compile(r"^([^\W\d_]+)(\d)")


def _first_of_month(text: str, day: int, locale: Locale) -> str:
    """French writes the first of the month as an ordinal: 'mardi 1er décembre 2026'."""
    if day != 1 or not check_locale(locale).startswith("fr-"):
        return text
    return re.sub(r"(?<!\d)1(?=[ \u00a0])", "1er", text, count=1)


def long_date(day: dt.date, locale: Locale) -> str:
    """'Tuesday 24 November 2026'; fr: 'jeudi 3 décembre 2026', 'mardi 1er décembre 2026';
    es: 'jueves, 3 de diciembre de 2026'; de: 'Donnerstag, 3. Dezember 2026'."""
    if _english(locale):
        return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_date

    return _first_of_month(format_date(day, "full", locale=babel_locale(locale)), day.day, locale)


def short_date(day: dt.date, today: dt.date | None = None, *, locale: Locale) -> str:
    """'Wed 2 Dec', with the year only when it is not this year's; fr: 'mer. 2 déc.'."""
    other_year = today is not None and day.year != today.year
    if _english(locale):
        text = f"{WEEKDAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]}"
        return text + f" {day.year}" if other_year else text
    from babel.dates import format_skeleton

    text = format_skeleton("yMMMEd" if other_year else "MMMEd", day, locale=babel_locale(locale))
    return _first_of_month(text, day.day, locale)


def medium_date(day: dt.date, locale: Locale) -> str:
    """'2 Nov 2027', the year always; fr: '2 nov. 2027'."""
    if _english(locale):
        return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMd", day, locale=babel_locale(locale))


def partial_date(value: PartialDate, locale: Locale) -> str:
    """'March 2019', '2019', '14 March 2019'; fr: 'mars 2019', '14 mars 2019'."""
    if value.month is None:
        return str(value.year)
    if _english(locale):
        if value.day is None:
            return f"{MONTHS[value.month - 1]} {value.year}"
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    from babel.dates import format_date, format_skeleton

    where = babel_locale(locale)
    if value.day is None:
        return format_skeleton("yMMMM", value.earliest(), locale=where)
    return _first_of_month(format_date(value.earliest(), "long", locale=where), value.day, locale)


def years_since(value: PartialDate, today: dt.date) -> int:
    start = value.earliest()
    years = today.year - start.year
    if (today.month, today.day) < (start.month, start.day):
        years -= 1
    return max(0, years)


def clock(time: dt.time, locale: Locale) -> str:
    """'14:00'; en-US '2:00 PM'; French (OQLF and the Imprimerie nationale alike) '9 h 30' and
    '14 h', never '09 h 30' nor '14 h 00'; de-DE '09:30'; es-ES '9:30'."""
    if _english(locale):
        return f"{time.hour:02d}:{time.minute:02d}"
    if check_locale(locale).startswith("fr-"):
        minutes = f"\u00a0{time.minute:02d}" if time.minute else ""
        return f"{time.hour}\u00a0h{minutes}"
    from babel.dates import format_time

    return format_time(time, "short", locale=babel_locale(locale))


def join(items: list[str], locale: Locale) -> str:
    """'a, b and c' (en, no serial comma, as briefgen writes); fr: 'a, b et c'."""
    if _english(locale):  # en-GB's list pattern, written out: no CLDR data to load (~15 ms)
        *before, last = [str(item) for item in items] or [""]
        return f"{', '.join(before)} and {last}" if before else last
    from babel.lists import format_list

    text = format_list([str(item) for item in items], locale=babel_locale(locale))
    if len(items) > 1 and check_locale(locale).startswith("es-") and _I_SOUND.match(items[-1]):
        # Spanish "y" becomes "e" before an /i/ sound: "francés e inglés", "padres e hijos"
        # (not before "hie-", "hia-": "agua y hielo").
        head, _, tail = text.rpartition(" y ")
        text = f"{head} e {tail}"
    return text


_I_SOUND = re.compile(r"^h?[iíIÍ](?![aeiouáéíóú])")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """English only ('3 days'), for `check`, `diff` and `show`; a document uses ngettext."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
