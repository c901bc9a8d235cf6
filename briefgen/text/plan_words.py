"""The words of the account plan: what `facts.plan` computes (codes and numbers), said for a
person, in the plan's locale. The dossiers' own text (names, titles, what was asked) is never
translated."""

from __future__ import annotations

import datetime as dt

from briefgen.facts.plan import AccountPlan, Component, ContactStatus, PromiseKept
from briefgen.text import formatting, labels
from briefgen.text.i18n import N_, Locale, gettext, language, ngettext

CALLS = {"grow": N_("grow"), "maintain": N_("maintain"), "fix": N_("fix"), "leave": N_("leave")}
COMPONENT_NAMES = {
    "coverage": N_("Coverage"),
    "map": N_("Map"),
    "reciprocity": N_("Reciprocity"),
    "respect": N_("Respect"),
    "self_check": N_("Self-check"),
}
TRENDS = {"up": N_("up"), "same": N_("same"), "down": N_("down")}
ARROWS = {"up": "↑", "same": "→", "down": "↓", None: "·"}
STATES = {
    "warm": N_("warm"),
    "due": N_("due"),
    "overdue": N_("overdue"),
    "never": N_("never contacted"),
    "no-cadence": N_("no cadence"),
}
BECAUSE = {
    "free-work": N_("the free work asked for in a year is at least half the revenue"),
    "low-now-and-then": N_("health below the leave line now and 90 days ago"),
    "low": N_("health below the maintain line"),
    "down": N_("health is falling"),
    "high": N_("healthy and not falling"),
    "middle": N_("healthy enough: keep it so"),
}
# What to do about a weak component, for the fix list.
FIXES = {
    "coverage": N_("call the contacts who are due, at every level"),
    "map": N_("find an executive sponsor and a champion"),
    "reciprocity": N_("do them a good turn before asking for anything"),
    "respect": N_(
        "say what late starts and missed meetings cost; confirm each meeting the day before"
    ),
    "self_check": N_("interview their executives about their business, not about projects"),
}


def call(code: str, locale: Locale) -> str:
    return gettext(CALLS[code], locale)


def component_name(name: str, locale: Locale) -> str:
    return gettext(COMPONENT_NAMES[name], locale)


def trend_word(code: str | None, locale: Locale) -> str:
    return gettext(TRENDS[code], locale) if code else gettext("no trend", locale)


def arrow(code: str | None) -> str:
    return ARROWS.get(code, "·")


def state(code: str, locale: Locale) -> str:
    return gettext(STATES[code], locale)


def because(code: str, locale: Locale) -> str:
    return gettext(BECAUSE[code], locale)


def fix(component: str, locale: Locale) -> str:
    return gettext(FIXES[component], locale)


def level(code: str, locale: Locale) -> str:
    return labels.label("level", code, locale)


def health(value: float | None, locale: Locale) -> str:
    """'58.3'; fr '58,3'; a dash without data."""
    if value is None:
        return "\u2013"
    text = f"{value:.1f}".removesuffix(".0")
    return text if language(locale) == "en" else text.replace(".", ",")


def reason(component: Component, locale: Locale) -> str:
    """Why a component reads what it reads, in a phrase."""
    name, code, counts = component.name, component.reason, component.counts
    if name == "coverage":
        if code == "no-contacts":
            return gettext("no contacts on the map", locale)
        if code == "no-cadence":
            return gettext("no cadence: set relationship.cadence", locale)
        empty, cold = counts
        parts = []
        if empty:
            parts.append(
                ngettext("%(num)d level with nobody", "%(num)d levels with nobody", empty, locale)
                % {"num": empty}
            )
        if cold:
            parts.append(
                ngettext("%(num)d contact past due", "%(num)d contacts past due", cold, locale)
                % {"num": cold}
            )
        return formatting.join(parts, locale) if parts else gettext("everyone is warm", locale)
    if name == "map":
        return {
            "no-contacts": gettext("no contacts", locale),
            "no-executive": gettext("no executive", locale),
            "no-champion": gettext("an executive, but no champion", locale),
            "complete": gettext("an executive and a champion", locale),
        }[code]
    if name == "reciprocity":
        if code == "no-exchanges":
            return gettext("no favours recorded", locale)
        given, received, since = counts
        tally = gettext("given %(given)d, received %(received)d", locale) % {
            "given": given,
            "received": received,
        }
        detail = {
            "only-taken": gettext("we have only taken", locale),
            "only-given": gettext("they have never given back", locale),
            "we-owe": gettext("we owe them", locale),
            "recent": ngettext(
                "our last favour %(num)d day ago", "our last favour %(num)d days ago", since, locale
            )
            % {"num": since},
            "long-ago": (
                ngettext(
                    "our last favour %(num)d day ago",
                    "our last favour %(num)d days ago",
                    since,
                    locale,
                )
                % {"num": since}
                if since >= 0
                else gettext("our favours are undated", locale)
            ),
        }[code]
        return f"{tally}; {detail}"
    if name == "respect":
        if code == "no-meetings":
            return gettext("no meetings recorded", locale)
        on_time, meetings, missed = counts
        text = ngettext(
            "%(on_time)d of the last %(num)d meeting on time",
            "%(on_time)d of the last %(num)d meetings on time",
            meetings,
            locale,
        ) % {"on_time": on_time, "num": meetings}
        if missed:
            text += ", " + ngettext("%(num)d missed", "%(num)d missed", missed, locale) % {
                "num": missed
            }
        return text
    if code == "no-self-check":
        return gettext("no self-check: fill in relationship.self_check", locale)
    return gettext("score %(score)s on -4 to +8", locale) % {"score": f"{counts[0]:+d}"}


def promise(found: PromiseKept, locale: Locale) -> str:
    """'visits kept 11 of 13'."""
    return gettext("visits kept %(held)d of %(promised)d", locale) % {
        "held": found.held,
        "promised": found.promised,
    }


def free_work(account: AccountPlan, locale: Locale) -> str:
    """'free work asked 60,000 of 180,000 revenue (33 %)', or '' with nothing asked."""
    if not account.demands:
        return ""
    asked = formatting.money(account.free_work, account.currency, locale)
    if not account.revenue:
        return gettext("free work asked in a year: %(asked)s", locale) % {"asked": asked}
    return gettext(
        "free work asked %(asked)s against %(revenue)s revenue (%(share)d %%)", locale
    ) % {
        "asked": asked,
        "revenue": formatting.money(account.revenue, account.currency, locale),
        "share": round(100 * account.free_work / account.revenue),
    }


def contact(status: ContactStatus, locale: Locale) -> str:
    """'Dan Whitfield (CEO), champion: 16 days ago, ideal 30, max 45: warm'."""
    who = f"{status.name} ({status.title})" if status.title else status.name
    if status.stance:
        who += ", " + labels.label("stance", status.stance, locale)
    if status.days_since is None:
        when = gettext("never", locale)
    else:
        when = ngettext("%(num)d day ago", "%(num)d days ago", status.days_since, locale) % {
            "num": status.days_since
        }
    if status.ideal is not None:
        when += ", " + gettext("ideal %(ideal)d, max %(max)d", locale) % {
            "ideal": status.ideal,
            "max": status.maximum or status.ideal,
        }
    return gettext("%(who)s: %(when)s: %(state)s", locale) % {
        "who": who,
        "when": when,
        "state": state(status.state, locale),
    }


def fix_by(day: dt.date, locale: Locale) -> str:
    return gettext("fix by %(date)s", locale) % {"date": formatting.long_date(day, locale=locale)}


def no_history(locale: Locale) -> str:
    return gettext(
        "no trend: the dossiers are not in a git repository, so how they were 90 days ago is "
        "unknown",
        locale,
    )


def no_old_commit(day: dt.date, locale: Locale) -> str:
    return gettext("no trend: no commit as old as %(date)s", locale) % {
        "date": formatting.long_date(day, locale=locale)
    }


def heading(today: dt.date, count: int, locale: Locale) -> str:
    return ngettext(
        "Account plan, %(date)s: %(num)d account",
        "Account plan, %(date)s: %(num)d accounts",
        count,
        locale,
    ) % {"date": formatting.long_date(today, locale=locale), "num": count}


def executive_silent(locale: Locale) -> str:
    return gettext("no executive contacted for twice the executive cadence", locale)


def health_line(now: float | None, then: float | None, moved: str | None, locale: Locale) -> str:
    """'health 58.3, down from 66.0 90 days ago', or 'health 58.3'."""
    if moved is None:
        return gettext("health %(now)s", locale) % {"now": health(now, locale)}
    return gettext("health %(now)s, %(trend)s from %(then)s 90 days ago", locale) % {
        "now": health(now, locale),
        "trend": trend_word(moved, locale),
        "then": health(then, locale),
    }


def demand(
    what: str, value: float | None, day: dt.date | None, currency: str | None, locale: Locale
) -> str:
    """'pilot for three depots, 60,000 USD, Monday 1 June 2026'."""
    parts = [what]
    if value is not None:
        parts.append(formatting.money(value, currency, locale))
    if day is not None:
        parts.append(formatting.long_date(day, locale=locale))
    return ", ".join(parts)


def contacts_heading(locale: Locale) -> str:
    return gettext("Contacts", locale)


def fix_line(component: str, locale: Locale) -> str:
    """'Respect: say what late starts and missed meetings cost; ...'."""
    return gettext("%(component)s: %(fix)s", locale) % {
        "component": component_name(component, locale),
        "fix": fix(component, locale),
    }


def call_line(code: str, reasons: tuple[str, ...], locale: Locale) -> str:
    """'fix: health below the maintain line'."""
    return gettext("%(call)s: %(because)s", locale) % {
        "call": call(code, locale),
        "because": "; ".join(because(r, locale) for r in reasons),
    }
