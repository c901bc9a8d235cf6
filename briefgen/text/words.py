"""The words briefgen writes for the facts it computes: countdowns, rule timings and verdicts.
`briefgen.facts` returns codes and numbers; this module (and the templates) say them, so a
translation changes words here without touching a computation.

Every sentence is an English gettext message (marked `N_` in a table, or passed to `gettext`),
translated by the catalogue of the locale each function takes (default "en": the message as
written). Plurals go through `ngettext`, so French says "dans 2 jours" and "il y a 1 jour".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

from briefgen.dossier.model import Meeting
from briefgen.facts.checks import FutureContact, OutOfScale, Suspect
from briefgen.facts.dates import Deadline
from briefgen.facts.negotiation import DealZone, OfferPlan, TacticPlan
from briefgen.facts.relationship import GRACE_MINUTES
from briefgen.facts.tactics import tactic_by_key
from briefgen.text import formatting, labels
from briefgen.text.formatting import money, number
from briefgen.text.i18n import (
    N_,
    Locale,
    babel_locale,
    check_locale,
    gettext,
    language,
    ngettext,
    pgettext,
)

VERDICTS = {
    "punctuality": {
        "bad": N_(
            "They treat their time as worth more than yours: state how long you have at the "
            "start, hold the cancellation rule, and be ready to reschedule."
        ),
        "watch": N_(
            "Once is no big deal; a habit is a sign. Note the time you must leave when you arrive."
        ),
        "good": N_("They respect your time."),
    },
    "reciprocity": {
        "only-taken": N_("We have only taken. Deliver a positive impact before asking."),
        "only-given": N_("We have given, they have not yet: there is goodwill to draw on."),
        "we-owe": N_("They have given more than we have: look for a way to pay it back."),
        "both-ways": N_("Both sides have delivered: the relationship can be leaned on."),
    },
    "self_check": {
        "good": N_("You bring the executives something besides a sales call."),
        "watch": N_("Even: ask what you can do for them before you ask about projects."),
        "bad": N_(
            "You risk being \u201conly call me when you need me\u201d: "
            "visit the senior people with no project in hand."
        ),
    },
}


# What the self-check score measures, printed beside it.
SELF_CHECK_SCALE = N_(
    "from \u22124 to +8: senior interviews and offers of help, less calls only about projects"
)


def self_check_scale(locale: Locale) -> str:
    return gettext(SELF_CHECK_SCALE, locale)


def meeting_status(meeting: Meeting, locale: Locale) -> str:
    """'on time', '15 min late' or 'missed', as the dots of the meeting record count it."""
    if meeting.missed:
        return gettext("missed", locale)
    if meeting.late_minutes > GRACE_MINUTES:
        return gettext("%(minutes)d min late", locale) % {"minutes": meeting.late_minutes}
    return gettext("on time", locale)


def verdict(topic: str, code: str, locale: Locale) -> str:
    """The sentence for a computed verdict: verdict('punctuality', 'good')."""
    return gettext(VERDICTS[topic][code], locale)


def countdown(days: int | None, locale: Locale) -> str:
    """Days until a date, in words: 'today', 'tomorrow', 'in 4 days', '2 days ago';
    fr: "aujourd'hui", 'demain', 'dans 4 jours', 'il y a 2 jours'."""
    if days is None:
        return ""
    if days == 0:
        return gettext("today", locale)
    if days == 1:
        return gettext("tomorrow", locale)
    if days == -1:
        return gettext("yesterday", locale)
    if days > 1:
        return ngettext("in %(num)d day", "in %(num)d days", days, locale) % {"num": days}
    return ngettext("%(num)d day ago", "%(num)d days ago", -days, locale) % {"num": -days}


def meeting_countdown(days: int | None, locale: Locale) -> str:
    """The countdown to the meeting: 'tomorrow', 'in 4 days'; once past, 'held 2 days ago'."""
    if days is not None and days < 0:
        return gettext("held %(when)s", locale) % {"when": countdown(days, locale)}
    return countdown(days, locale)


def meeting_passed(day: dt.date, days: int, locale: Locale) -> str:
    """The warning for a sheet printed after its meeting."""
    return gettext(
        "the meeting was on %(date)s (%(countdown)s): "
        "the sheet says it was held; update negotiation.when for the next one",
        locale,
    ) % {"date": formatting.long_date(day, locale=locale), "countdown": countdown(days, locale)}


def rule_timing(deadline: Deadline, locale: Locale) -> str:
    """'2 business days before workshop booklet to print'; empty for a deliverable's own date.
    fr-CA: '2 jours ouvrables avant ...', fr-FR: '2 jours ouvrés avant ...'."""
    rule = deadline.rule
    if rule is None:
        return ""
    if rule.business_days:
        text = ngettext(
            "%(num)d business day before %(what)s",
            "%(num)d business days before %(what)s",
            rule.days,
            locale,
        )
    else:
        text = ngettext(
            "%(num)d day before %(what)s", "%(num)d days before %(what)s", rule.days, locale
        )
    # `of: negotiation` is the dossier's keyword for the meeting itself: said in the language
    if rule.of == "negotiation":
        what = gettext("negotiation", locale)
    else:
        what = deliverable(rule.of, locale)
    return text % {"num": rule.days, "what": what}


# A French name that starts with a determiner can follow "avant" as it is ("avant la séance");
# any other is named as the deliverable it is: "avant l'échéance « séance du conseil »".
_DETERMINER = re.compile(
    r"^(?:le|la|les|l['\u2019]|un|une|des|du|au|aux|son|sa|ses|notre|nos|leur|leurs|ce|cet|"
    r"cette|ces|mon|ma|mes|votre|vos)(?:\s|(?<=['\u2019]))",
    re.IGNORECASE,
)


def deliverable(name: str, locale: Locale) -> str:
    """A deliverable the dossier names, as a rule's timing says it after "before": English
    as written ("booklet to print"); French with an article ("l'échéance « séance du
    conseil »", or as written when it has its own: "la séance du conseil"); Spanish and
    German as a quoted name («...», „...“)."""
    if language(locale) == "fr" and _DETERMINER.match(name):
        return name
    return pgettext("a deliverable named in a rule", "%(name)s", locale) % {"name": name}


def counter(plan: TacticPlan, locale: Locale) -> str | None:
    """Our counter to a tactic: the dossier's own as written, a built-in one translated
    (the built-in library in facts/tactics.py is English data marked for the catalogue)."""
    if plan.counter is None or plan.counter_source != "built-in":
        return plan.counter
    return gettext(plan.counter, locale)


def tactic_name(plan: TacticPlan, locale: Locale) -> str:
    """A tactic's name on the sheet: the dossier's own words when they are in the sheet's
    language (or name no built-in tactic), else the built-in tactic's name in that language:
    `higher authority` reads "Autorité supérieure" on a French sheet, `grignotage` reads
    "Nibbling" on an English one."""
    if plan.key is None or plan.written_in == language(locale):
        return plan.name
    return gettext(tactic_by_key(plan.key).name, locale)


def with_counters(plans: list[TacticPlan], locale: Locale) -> list[TacticPlan]:
    """The plans with each name and built-in counter in the locale's language, for a template
    that prints `t.name` and `t.counter` as they are."""
    return [
        dataclasses.replace(plan, name=tactic_name(plan, locale), counter=counter(plan, locale))
        for plan in plans
    ]


# The other side of the table.

THEIR_WALK_AWAY = N_("their walk-away (est.)")
THEIR_WALK_AWAY_DERIVED = N_("their walk-away (derived)")  # from their_alternatives


def deal_zone(zone: DealZone | None, currency: str | None = None, *, locale: Locale) -> str:
    """'deal zone: 45,000 to 50,000 USD'; 'no deal zone: their walk-away is estimated at 55,000,
    ours is 62,000'."""
    if zone is None:
        return ""
    if zone.status == "overlap":
        return gettext("deal zone: %(low)s to %(high)s", locale) % {
            "low": number(zone.low, locale=locale),
            "high": money(zone.high, currency, locale=locale),
        }
    if zone.status == "touching":
        return gettext("deal zone: one point, %(amount)s (the two walk-aways meet)", locale) % {
            "amount": money(zone.ours, currency, locale=locale)
        }
    return gettext(
        "no deal zone: their walk-away is estimated at %(theirs)s, ours is %(ours)s", locale
    ) % {
        "theirs": money(zone.theirs, currency, locale=locale),
        "ours": money(zone.ours, currency, locale=locale),
    }


def deal_zone_hint(zone: DealZone, locale: Locale) -> str:
    """What to do about a missing deal zone."""
    if zone.side == "seller":
        return gettext(
            "they cannot pay what we need: recheck the estimate, widen the deal "
            "(more scope, a longer term), or prepare our BATNA",
            locale,
        )
    return gettext(
        "they cannot come down to what we can pay: recheck the estimate, change the deal "
        "(less scope, a longer term), or prepare our BATNA",
        locale,
    )


OFFER_PLAN_FLAGS = {
    "first-past-walk-away": N_(
        "the first offer, %(first)s, is already past our walk-away (%(walk)s)"
    ),
    "opening-differs": N_("our opening (%(opening)s) is not the plan's first offer (%(first)s)"),
    "opening-wrong-side": N_(
        "our opening (%(opening)s) is on the wrong side of the target (%(target)s)"
    ),
}


def offer_plan_flags(plan: OfferPlan, currency: str | None = None, *, locale: Locale) -> list[str]:
    """The plan's disagreements with our figures, in words."""
    fields = {
        "first": money(plan.first, currency, locale=locale),
        "walk": money(plan.walk_away, currency, locale=locale),
        "opening": money(plan.opening, currency, locale=locale),
        "target": money(plan.target, currency, locale=locale),
    }
    return [gettext(OFFER_PLAN_FLAGS[code], locale) % fields for code in plan.flags]


def offer_steps(plan: OfferPlan, locale: Locale) -> list[str]:
    """Beside each offer, what it is: a buyer's share of the target ('65 %'), a seller's step
    down ('-3,400'); 'final' last."""
    final = gettext("final", locale)
    if plan.side == "buyer":
        return [*(percent(share, locale) for share in (65, 85, 95)), final]
    offers = plan.offers
    steps = [f"\u2212{number(a - b, locale=locale)}" for a, b in itertools.pairwise(offers[:-1])]
    return [gettext("open", locale), *steps, final]


def percent(share: int, locale: Locale) -> str:
    """'65 %' in the sheet's own English (kept as it was); other locales as CLDR says
    (fr: '65\u00a0%', en-GB: '65%')."""
    if check_locale(locale) == "en":
        return f"{share} %"
    from babel.numbers import format_percent

    return format_percent(share / 100, locale=babel_locale(locale))


# Likely mistakes (facts.checks), said on the sheet's first line and on prep's standard error.

_TIMES = {
    (True, 10): N_("%(figure)s %(value)s is ten times your %(other)s: check the figure"),
    (True, 100): N_("%(figure)s %(value)s is a hundred times your %(other)s: check the figure"),
    (True, 0): N_("%(figure)s %(value)s is about %(times)s times your %(other)s: check the figure"),
    (False, 10): N_("%(figure)s %(value)s is a tenth of your %(other)s: check the figure"),
    (False, 100): N_("%(figure)s %(value)s is a hundredth of your %(other)s: check the figure"),
    (False, 0): N_("%(figure)s %(value)s is about 1/%(times)s of your %(other)s: check the figure"),
}


def check_words(found: Suspect, locale: Locale) -> str:
    """A likely mistake in words: 'walk away 160,000 is a tenth of your target: check the
    figure'; 'last contact with Marc-André Lévesque is dated 2 Nov 2027, in the future'."""
    if isinstance(found, OutOfScale):
        ref_key = found.reference[0]
        message = _TIMES.get((found.larger, found.times)) or _TIMES[found.larger, 0]
        return gettext(message, locale) % {
            "figure": labels.label("figure", found.key, locale),
            "value": number(found.value, locale=locale),
            "other": labels.label("figure", ref_key, locale),
            "times": number(found.times, locale=locale),
        }
    if isinstance(found, FutureContact):
        return gettext("last contact with %(name)s is dated %(date)s, in the future", locale) % {
            "name": found.name,
            "date": formatting.medium_date(found.day, locale),
        }
    return gettext("a past meeting is dated %(date)s, in the future", locale) % {
        "date": formatting.medium_date(found.day, locale)
    }
