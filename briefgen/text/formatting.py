"""How numbers, money and dates read on a page: nothing a person must compute."""

from __future__ import annotations

import datetime as dt

from briefgen.dossier.model import PartialDate

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


def number(value: float) -> str:
    """60000 -> '60,000'; 1234.5 -> '1,234.50'."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def money(value: float | None, currency: str | None) -> str:
    """'60,000 USD'; the currency is left off only when the dossier names none."""
    if value is None:
        return ""
    return f"{number(value)} {currency}" if currency else number(value)


def long_date(day: dt.date) -> str:
    """'Tuesday 24 November 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date, today: dt.date | None = None) -> str:
    """'Wed 2 Dec', with the year only when it is not this year's."""
    text = f"{WEEKDAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


def partial_date(value: PartialDate) -> str:
    """'March 2019', '2019', '14 March 2019'."""
    if value.month is None:
        return str(value.year)
    if value.day is None:
        return f"{MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def years_since(value: PartialDate, today: dt.date) -> int:
    start = value.earliest()
    years = today.year - start.year
    if (today.month, today.day) < (start.month, start.day):
        years -= 1
    return max(0, years)


def clock(time: dt.time) -> str:
    return f"{time.hour:02d}:{time.minute:02d}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
