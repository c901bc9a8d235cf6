"""No-break spaces where a line must not break: between a number and its unit ("29 days",
"21 jours", "60,000 USD"), inside dates ("Wed 25 Nov", "mar. 24 nov.", "2 Nov 2027") and
inside "business days" / "jours ouvrables". Only the kind of space changes: the words, the
dossier's and briefgen's, stay as written.

`bind(text)` for plain text; `bind_html(html)` for a whole page, on its text only (never in a
tag, a stylesheet or a script).
"""

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"

_EN_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_FR_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"janv\.|févr\.|avr\.|juil\.|sept\.|oct\.|nov\.|déc\."
)
# Spanish and German (es-ES, es-MX, de-DE): "13 días", "in 13 Tagen", "24. Nov.", "1 de dic".
_ES_MONTHS = (
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic"
)
_DE_MONTHS = (
    r"Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"Jan\.|Feb\.|Apr\.|Aug\.|Sept\.|Okt\.|Nov\.|Dez\."
)
_UNITS = (
    "business|days?|hours?|minutes?|min|weeks?|months?|years?|"
    "jours?|heures?|semaines?|mois|ans?|h|"
    "días?|horas?|semanas?|meses|años?|"
    "Tage|Tagen|Tag|Stunden?|Wochen?|Monaten?|Monat|Jahren?|Jahr|Arbeitstage?|"
    "USD|EUR|CAD|GBP|CHF|AUD|NZD|JPY|MXN"
)
_EN_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
_FR_DAYS = (
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun\.|mar\.|mer\.|jeu\.|ven\.|sam\.|dim\."
)

_END = r"(?![\w.])"  # a whole word: not the start of a longer one
# units of two words: the one rule whose match holds no digit
_TWO_WORDS = re.compile(
    r"(?<![\w.])(business|jours|días?) (?=days|ouvrables|ouvrés|hábiles?)", re.I
)
_RULES = (
    # a number and its unit or month: "29 days", "7 business", "25 Nov", "24 nov.", "5 %"
    re.compile(
        rf"(?<=\d) (?=(?:{_UNITS}){_END}|(?:{_EN_MONTHS}){_END}|(?:{_FR_MONTHS})|[%$€£])", re.I
    ),
    # a day of the week and its date: "Wed 25", "mar. 24", "Tuesday 24"
    re.compile(rf"(?<![\w.])((?:{_EN_DAYS})|(?:{_FR_DAYS})) (?=\d)", re.I),
    # a month and its year: "Nov 2027", "novembre 2027"
    re.compile(rf"(?<![\w.])((?:{_EN_MONTHS})|(?:{_FR_MONTHS})) (?=\d{{4}}{_END})", re.I),
    _TWO_WORDS,
    # a German date: "24. Nov.", "3. Dezember 2026"
    re.compile(rf"(?<![\w.])(\d{{1,2}}\.) (?=(?:{_DE_MONTHS}))"),
    # a Spanish date: "1 de diciembre de 2026", "24 de nov"
    re.compile(rf"(?<![\w.])(\d{{1,2}}) (?=de (?:{_ES_MONTHS})(?![\w]))", re.I),
    re.compile(rf"(?<=\d{{1}}\u00a0)(de) (?=(?:{_ES_MONTHS})(?![\w]))", re.I),
)


_DIGIT = re.compile(r"\d")


def bind(text: str) -> str:
    """`text` with no-break spaces where a line must not break. Every rule but one binds a
    space beside a digit: text without a space, or without a digit, is spared the others (most
    of a page's text nodes: it is bound once a layout)."""
    if " " not in text:
        return text
    if _DIGIT.search(text) is None:
        return _TWO_WORDS.sub(lambda m: m.group(1) + NBSP, text)
    text = _RULES[0].sub(NBSP, text)
    for rule in _RULES[1:]:
        text = rule.sub(lambda m: m.group(1) + NBSP, text)
    return text


# A page's markup: every tag, and a whole stylesheet or script (their text is not the page's)
_MARKUP = re.compile(r"(<(?:style|script)\b.*?</(?:style|script)\s*>|<[^>]*>)", re.S | re.I)


def on_text(html: str, change: Callable[[str], str]) -> str:
    """`html` with `change` applied to every text node: tags, attributes, stylesheets and
    scripts untouched."""
    parts = _MARKUP.split(html)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(parts))


def bind_html(html: str) -> str:
    """`bind` on every text node of an HTML page: tags, stylesheets and scripts untouched."""
    return on_text(html, bind)
