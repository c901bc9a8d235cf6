"""The sheet's filters and globals bound to one locale, for a Jinja environment of that locale:
`env.filters.update(filters(locale))`, `env.globals.update(helpers(locale))`. A template then
writes `{{ day | long_date }}` and `{{ countdown(n) }}` without naming the locale."""

from __future__ import annotations

from functools import partial
from typing import Any

from briefgen.text import formatting, labels, typography, words, workbench_words
from briefgen.text.i18n import Locale


def filters(locale: Locale) -> dict[str, Any]:
    return {
        "money": partial(formatting.money, locale=locale),
        "number": partial(formatting.number, locale=locale),
        "long_date": partial(formatting.long_date, locale=locale),
        "short_date": partial(formatting.short_date, locale=locale),
        "partial_date": partial(formatting.partial_date, locale=locale),
        "clock": partial(formatting.clock, locale=locale),
        "join_words": partial(formatting.join, locale=locale),
        "upper_first": typography.upper_first,
    }


def helpers(locale: Locale) -> dict[str, Any]:
    return {
        "countdown": partial(words.countdown, locale=locale),
        "rule_timing": partial(words.rule_timing, locale=locale),
        "verdict": partial(words.verdict, locale=locale),
        "counter": partial(words.counter, locale=locale),
        "meeting_countdown": partial(words.meeting_countdown, locale=locale),
        "label": partial(labels.label, locale=locale),
        # English only, kept for templates of users' own written before ngettext; the
        # built-in templates write ngettext("every %(num)d day", "every %(num)d days", n).
        "plural": formatting.plural,
        "years_since": formatting.years_since,
        "meeting_status": partial(words.meeting_status, locale=locale),
        "self_check_scale": words.self_check_scale(locale),
        "deal_zone_words": partial(words.deal_zone, locale=locale),
        "offer_plan_flags": partial(words.offer_plan_flags, locale=locale),
        "offer_steps": partial(words.offer_steps, locale=locale),
        "check_words": partial(words.check_words, locale=locale),
        "workbench_view": partial(workbench_words.sheet_view, locale=locale),
    }
