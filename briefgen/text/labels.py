"""The words for the dossier's codes (a button's kind, a contact's level and stance...) and the
prep sheet's vocabulary, as gettext messages.

A template cannot have a code's label extracted (`_(b.kind)` names no message), so codes are
said here: `{{ label("button", b.kind) }}` reads "Hot" in English and "Sensible" in French.

`SHEET` lists the labels the prep sheet's templates write today, so the French catalogue has
them before the templates are wrapped: wrapping `<h2>Deadlines</h2>` as
`<h2>{{ _("Deadlines") }}</h2>` finds its translation at once. Once the templates carry every
one of them, `SHEET` can go (extraction then finds them in the templates).
"""

from __future__ import annotations

from briefgen.text.i18n import N_, gettext

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


def label(group: str, code: str | None, locale: str = "en") -> str:
    """The words for a code: label('button', 'hot') is 'Hot'; an unknown code reads as is."""
    if code is None:
        return ""
    message = CODES.get(group, {}).get(code)
    return gettext(message, locale) if message else code


SHEET = (
    # header and footer
    N_("Prep sheet: %(name)s"),
    N_("Negotiation prep sheet"),
    N_("since %(date)s"),
    N_("Prepared %(date)s"),
    N_("Redacted: sensitive items left out"),
    N_("Confidential: holds private notes"),
    # section titles
    N_("The numbers"),
    N_("Goal"),
    N_("Watch for"),
    N_("Interests and concessions"),
    N_("Questions to ask"),
    N_("Deadlines"),
    N_("Buttons"),
    N_("Account map"),
    N_("Rapport"),
    N_("Positioning"),
    N_("Relationship"),
    # numbers
    N_("in %(currency)s"),
    N_("Opening"),
    N_("Target"),
    N_("Walk away"),
    N_("Our BATNA"),
    N_("Theirs"),
    # tactics
    N_("%(pace)s negotiator"),
    N_("conflict style: %(style)s"),
    # interests
    N_("They need"),
    N_("We need"),
    N_("Give only to get"),
    N_("nothing asked in return"),
    N_("Never give:"),
    # timeline
    N_("passed %(countdown)s"),
    # accounts
    N_("signs"),
    N_("handles %(what)s"),
    N_("last spoke %(date)s"),
    N_("next due %(date)s"),
    N_("last %(date)s"),
    # rapport
    N_("Family"),
    N_("Hobbies"),
    N_("School"),
    N_("Career"),
    N_("proud of it"),
    # positioning
    N_("public: `briefgen pitch` draws only from this"),
    N_("Most comfortable with"),
    N_("Thrives in"),
    # relationship health
    N_("meeting record, oldest first"),
    N_("Their time"),
    N_("In touch"),
    N_("Give and take"),
    N_("Self-check"),
    N_("given %(given)d, received %(received)d."),
)


def _sheet_plurals(locale: str = "en") -> None:  # pragma: no cover - never called: extraction only
    """The sheet's plural messages, for the catalogue (a template writes them with
    `ngettext(singular, plural, count)`, the same three strings)."""
    from briefgen.text.i18n import ngettext

    for n in (1, 2):
        ngettext("+%(num)d more", "+%(num)d more", n, locale)
        ngettext("overdue %(num)d day", "overdue %(num)d days", n, locale)
        ngettext("every %(num)d day", "every %(num)d days", n, locale)
        ngettext("%(num)d on time", "%(num)d on time", n, locale)
        ngettext(
            "%(num)d late (avg %(minutes)d min)", "%(num)d late (avg %(minutes)d min)", n, locale
        )
        ngettext("%(num)d missed", "%(num)d missed", n, locale)
        ngettext(
            "Cancellation rule: %(num)d hour's notice, or it counts as missed.",
            "Cancellation rule: %(num)d hours' notice, or it counts as missed.",
            n,
            locale,
        )
