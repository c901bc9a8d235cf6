"""The words for the dossier's codes (a button's kind, a contact's level and stance...) and the
prep sheet's vocabulary, as gettext messages.

A template cannot have a code's label extracted (`_(b.kind)` names no message), so codes are
said here: `{{ label("button", b.kind) }}` reads "Hot" in English and "Sensible" in French.

The sheet's other labels are written in the templates themselves (`{{ _("Deadlines") }}`),
where `pybabel extract` finds them.
"""

from __future__ import annotations

from briefgen.text.i18n import N_, Locale, gettext, pgettext

CODES: dict[str, dict[str, str]] = {
    "kind": {"client": N_("client"), "prospect": N_("prospect"), "candidate": N_("candidate")},
    "account": {
        "existing": N_("existing account"),
        "lost": N_("lost account"),
        "new": N_("new account"),
    },
    "button": {"hot": N_("Hot"), "lever": N_("Lever"), "avoid": N_("Avoid")},
    "level": {
        "executive": N_("executive"),
        "key": N_("key"),
        "staff": N_("staff"),
        "support": N_("support"),
    },
    "stance": {"champion": N_("champion"), "neutral": N_("neutral"), "blocker": N_("blocker")},
    "relation": {
        "spouse": N_("spouse"),
        "partner": N_("partner"),
        "ex-spouse": N_("ex-spouse"),
        "child": N_("child"),
        "parent": N_("parent"),
        "sibling": N_("sibling"),
        "other": N_("other"),
    },
    "seriousness": {
        "casual": N_("casual"),
        "serious": N_("serious"),
        "obsessive": N_("obsessive"),
    },
    "conflict_style": {
        "competing": N_("competing"),
        "collaborating": N_("collaborating"),
        "compromising": N_("compromising"),
        "avoiding": N_("avoiding"),
        "accommodating": N_("accommodating"),
    },
    "pace": {"slow": N_("Slow"), "steady": N_("Steady"), "fast": N_("Fast")},
    "cost": {"low": N_("low cost"), "medium": N_("medium cost"), "high": N_("high cost")},
    "side": {"seller": N_("we are the seller"), "buyer": N_("we are the buyer")},
    "figure": {
        "opening": N_("opening"),
        "target": N_("target"),
        "walk_away": N_("walk away"),
    },
    "meeting": {"on-time": N_("on time"), "late": N_("late"), "missed": N_("missed")},
}


def label(group: str, code: str | None, locale: Locale, pronoun: str | None = None) -> str:
    """The words for a code: label('button', 'hot') is 'Hot'; an unknown code reads as is.
    A relation agrees with the family member's `pronoun` where the language says it
    differently for a woman and a man (fr 'conjointe', 'conjoint'); without one (or with
    'they') it is the language's neutral word (fr 'partenaire de vie', es 'cónyuge')."""
    if code is None:
        return ""
    if group == "relation" and pronoun in ("she", "he"):
        return _gendered_relation(code, pronoun, locale)
    message = CODES.get(group, {}).get(code)
    return gettext(message, locale) if message else code


def _gendered_relation(code: str, pronoun: str, locale: Locale) -> str:
    """The relation said of a woman (context 'she') or a man ('he'); English is the same."""
    if pronoun == "she":
        forms = {
            "spouse": pgettext("she", "spouse", locale),
            "partner": pgettext("she", "partner", locale),
            "ex-spouse": pgettext("she", "ex-spouse", locale),
            "child": pgettext("she", "child", locale),
            "parent": pgettext("she", "parent", locale),
            "sibling": pgettext("she", "sibling", locale),
            "other": pgettext("she", "other", locale),
        }
    else:
        forms = {
            "spouse": pgettext("he", "spouse", locale),
            "partner": pgettext("he", "partner", locale),
            "ex-spouse": pgettext("he", "ex-spouse", locale),
            "child": pgettext("he", "child", locale),
            "parent": pgettext("he", "parent", locale),
            "sibling": pgettext("he", "sibling", locale),
            "other": pgettext("he", "other", locale),
        }
    return forms.get(code, code)
