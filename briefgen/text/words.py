"""The words briefgen writes for the facts it computes: countdowns, rule timings and verdicts.
`briefgen.facts` returns codes and numbers; this module (and the templates) say them, so a
translation changes words here without touching a computation.

Every sentence is an English gettext message (marked `N_` in a table, or passed to `gettext`),
translated by the catalogue of the locale each function takes (default "en": the message as
written). Plurals go through `ngettext`, so French says "dans 2 jours" and "il y a 1 jour".
"""

from __future__ import annotations

import dataclasses

from briefgen.facts.dates import Deadline
from briefgen.facts.negotiation import TacticPlan
from briefgen.text.i18n import N_, gettext, ngettext

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
            "You risk being 'only call me when you need me': "
            "visit the senior people with no project in hand."
        ),
    },
}


def verdict(topic: str, code: str, locale: str = "en") -> str:
    """The sentence for a computed verdict: verdict('punctuality', 'good')."""
    return gettext(VERDICTS[topic][code], locale)


def countdown(days: int | None, locale: str = "en") -> str:
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


def rule_timing(deadline: Deadline, locale: str = "en") -> str:
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
    what = gettext("negotiation", locale) if rule.of == "negotiation" else rule.of
    return text % {"num": rule.days, "what": what}


def counter(plan: TacticPlan, locale: str = "en") -> str | None:
    """Our counter to a tactic: the dossier's own as written, a built-in one translated
    (the built-in library in facts/tactics.py is English data marked for the catalogue)."""
    if plan.counter is None or plan.counter_source != "built-in":
        return plan.counter
    return gettext(plan.counter, locale)


def with_counters(plans: list[TacticPlan], locale: str = "en") -> list[TacticPlan]:
    """The plans with each built-in counter in the locale's language, for a template that
    prints `t.counter` as it is."""
    return [dataclasses.replace(plan, counter=counter(plan, locale)) for plan in plans]
