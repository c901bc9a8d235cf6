"""The words of the portfolio views (`agenda`, `calendar`): what `facts.portfolio` computes,
said for a person. Public facts only go in: names, titles, subjects, places and dates.

Every function takes the locale the agenda or calendar is written in (default "en", the
message itself); the words are gettext messages (see text/i18n.py), the dates and times come
from text/formatting.py in the same locale. The dossier's own text (names, subjects, places,
what a contact handles) is never translated."""

from __future__ import annotations

import datetime as dt

from briefgen.facts.portfolio import (
    GOAL,
    Due,
    Negotiation,
    PromiseCount,
    SilentAccount,
    TimeShare,
    Touch,
)
from briefgen.text import formatting, labels, words
from briefgen.text.i18n import N_, Locale, gettext, ngettext
from briefgen.text.typography import elide

HEADINGS = {
    "negotiations": N_("Negotiations"),
    "deadlines": N_("Deadlines"),
    "touches": N_("Stay in touch"),
    "promises": N_("Promises"),
    "executives": N_("High levels"),
}
NOTHING = {
    "negotiations": N_("none in the window"),
    "deadlines": N_("none in the window, none overdue"),
    "touches": N_("nobody due (dossiers without relationship.cadence_days are left out)"),
}
# The rows of "where the time went": the dossier's `account:` codes, said as a column label.
ACCOUNT_ROWS = {"existing": N_("existing"), "lost": N_("lost"), "new": N_("new")}


def say(message: str, locale: Locale, **values: object) -> str:
    """A message in the locale with the dossier's names put in, elided where French needs it:
    "compte d\u2019Hélène Roy", never "compte de Hélène Roy"."""
    return elide(gettext(message, locale) % values, locale)


def heading(name: str, locale: Locale) -> str:
    """'Negotiations', 'Deadlines', 'Stay in touch'; fr: 'Négociations', ..."""
    return gettext(HEADINGS[name], locale)


def nothing(name: str, locale: Locale) -> str:
    """What an empty section says."""
    return gettext(NOTHING[name], locale)


def agenda_heading(today: dt.date, until: dt.date, locale: Locale) -> str:
    """'Agenda from Monday 23 November 2026 to Sunday 29 November 2026 (7 days)'."""
    days = (until - today).days + 1
    return ngettext(
        "Agenda from %(start)s to %(end)s (%(num)d day)",
        "Agenda from %(start)s to %(end)s (%(num)d days)",
        days,
        locale,
    ) % {
        "start": formatting.long_date(today, locale=locale),
        "end": formatting.long_date(until, locale=locale),
        "num": days,
    }


def short_date(day: dt.date, today: dt.date, locale: Locale) -> str:
    """'Wed 2 Dec' (the year only when it is not this year's); fr: 'mer. 2 déc.'."""
    return formatting.short_date(day, today, locale=locale)


def at(time: dt.time | None, locale: Locale) -> str:
    """A negotiation's time, '10:00' (fr-CA '10 h 00'), or 'all day'."""
    return formatting.clock(time, locale=locale) if time else gettext("all day", locale)


def overdue(days_left: int, locale: Locale) -> str:
    """'3 days overdue', 'due today', 'due in 4 days'."""
    if days_left < 0:
        return ngettext("%(num)d day overdue", "%(num)d days overdue", -days_left, locale) % {
            "num": -days_left
        }
    if days_left == 0:
        return gettext("due today", locale)
    if days_left == 1:
        return gettext("due tomorrow", locale)
    return ngettext("due in %(num)d day", "due in %(num)d days", days_left, locale) % {
        "num": days_left
    }


def countdown(days: int, locale: Locale) -> str:
    return words.countdown(days, locale)


def who(person: str, organization: str | None) -> str:
    return f"{person} ({organization})" if organization else person


def negotiation_title(item: Negotiation, locale: Locale) -> str:
    """'Dan Whitfield, Whitfield Logistics: 2027 leadership coaching retainer; at his office'."""
    title = f"{item.person}, {item.organization}" if item.organization else item.person
    if item.subject:
        title = say(N_("%(who)s: %(subject)s"), locale, who=title, subject=item.subject)
    if item.where:
        return say(N_("%(title)s; at %(where)s"), locale, title=title, where=item.where)
    return title


def deadline_title(item: Due, locale: Locale) -> str:
    """'final changes (2 business days before workshop booklet to print)'."""
    timing = words.rule_timing(item.deadline, locale)
    return f"{item.name} ({timing})" if timing else item.name


def contact_role(item: Touch, locale: Locale) -> str:
    """'AP manager, support, handles payments'."""
    parts = [p for p in (item.title, labels.label("level", item.level, locale)) if p]
    if item.handles:
        parts.append(say(N_("handles %(what)s"), locale, what=item.handles))
    return ", ".join(parts)


def account_of(person: str, locale: Locale) -> str:
    """ "Dan Whitfield's account"; fr: 'compte de Dan Whitfield'."""
    return say(N_("%(person)s's account"), locale, person=person)


def touch_title(item: Touch, locale: Locale) -> str:
    """'Rita Gomez, AP manager, support, handles payments (Dan Whitfield's account)'."""
    role = contact_role(item, locale)
    text = f"{item.contact}, {role}" if role else item.contact
    if item.contact != item.person:
        return f"{text} ({account_of(item.person, locale)})"
    return f"{text} ({item.organization})" if item.organization else text


def promise_line(item: PromiseCount, locale: Locale) -> str:
    """'visits kept 27 of 27: Claude Bélanger (Centre de services scolaire ...)'."""
    kept = gettext("visits kept %(held)d of %(promised)d", locale) % {
        "held": item.held,
        "promised": item.promised,
    }
    return gettext("%(kept)s: %(who)s", locale) % {
        "kept": kept,
        "who": who(item.person, item.organization),
    }


def silent_line(item: SilentAccount, locale: Locale) -> str:
    """'Meridian Components: no executive contacted for 187 days (twice the cadence: 90)'."""
    if item.days_since is None:
        text = gettext(
            "no executive on the account map (twice the cadence: %(limit)d days)", locale
        )
    else:
        text = ngettext(
            "no executive contacted for %(num)d day (twice the cadence: %(limit)d)",
            "no executive contacted for %(num)d days (twice the cadence: %(limit)d)",
            item.days_since,
            locale,
        )
    return gettext("%(account)s: %(what)s", locale) % {
        "account": item.account,
        "what": text % {"num": item.days_since or 0, "limit": item.limit},
    }


def time_heading(share: TimeShare, locale: Locale) -> str:
    """'Where the time went (contacts recorded since Tue 25 Aug: 30)'."""
    return say(
        N_("Where the time went (contacts recorded since %(date)s: %(total)d)"),
        locale,
        date=formatting.short_date(share.since, locale=locale),
        total=share.total,
    )


def share_lines(share: TimeShare, accounts: tuple[str, ...], locale: Locale) -> list[str]:
    """'existing   61 %   goal 50 %   (25 recorded)', one per account, the labels padded to
    the longest; a dash when nothing is recorded."""
    names = {a: gettext(ACCOUNT_ROWS[a], locale) for a in accounts}
    width = max(len(name) for name in names.values()) + 1
    lines = []
    for account in accounts:
        value = share.share(account)
        count = share.counts[account]
        lines.append(
            gettext("%(account)s %(share)s %%   goal %(goal)2d %%   (%(recorded)s)", locale)
            % {
                "account": names[account].ljust(width),
                "share": "  -" if value is None else f"{value:3d}",
                "goal": GOAL[account],
                "recorded": ngettext("%(num)d recorded", "%(num)d recorded", count, locale)
                % {"num": count},
            }
        )
    return lines


def unassigned_line(share: TimeShare, locale: Locale) -> str:
    names = ", ".join(f"{person} ({key})" for key, person in share.unassigned)
    return gettext(
        "no account: %(names)s: add `account: existing | lost | new` to count them", locale
    ) % {"names": names}


# -- Calendar entries: a summary, a description and an alarm's words for each item. ----------


def negotiation_summary(item: Negotiation, locale: Locale) -> str:
    """'Negotiation: Dan Whitfield, 2027 leadership coaching retainer'."""
    if item.subject:
        return say(
            N_("Negotiation: %(person)s, %(subject)s"),
            locale,
            person=item.person,
            subject=item.subject,
        )
    return say(N_("Negotiation: %(person)s"), locale, person=item.person)


def negotiation_description(item: Negotiation, locale: Locale) -> str:
    parts = [say(N_("Negotiation with %(who)s."), locale, who=who(item.person, item.organization))]
    if item.subject:
        parts.append(say(N_("Subject: %(subject)s."), locale, subject=item.subject))
    return "\n".join(parts)


def negotiation_alarm(item: Negotiation, locale: Locale) -> str:
    if item.time:
        return say(
            N_("Today at %(time)s: negotiation with %(person)s"),
            locale,
            time=formatting.clock(item.time, locale=locale),
            person=item.person,
        )
    return say(N_("Today: negotiation with %(person)s"), locale, person=item.person)


def deadline_summary(item: Due, locale: Locale) -> str:
    """'Due: final changes (Dan Whitfield)'."""
    return say(
        N_("Due: %(name)s (%(person)s)"),
        locale,
        name=item.name,
        person=item.person,
    )


def deadline_description(item: Due, locale: Locale) -> str:
    if words.rule_timing(item.deadline, locale):
        return say(
            N_("%(deadline)s, for %(person)s."),
            locale,
            deadline=deadline_title(item, locale),
            person=item.person,
        )
    return say(N_("For %(person)s."), locale, person=item.person)


def deadline_alarm(item: Due, locale: Locale) -> str:
    return say(
        N_("Due tomorrow: %(name)s (%(person)s)"),
        locale,
        name=item.name,
        person=item.person,
    )


def touch_summary(item: Touch, locale: Locale) -> str:
    """'Stay in touch: Rita Gomez (Dan Whitfield's account)'."""
    if item.contact != item.person:
        return say(
            N_("Stay in touch: %(contact)s (%(account)s)"),
            locale,
            contact=item.contact,
            account=account_of(item.person, locale),
        )
    return say(N_("Stay in touch: %(contact)s"), locale, contact=item.contact)


def touch_description(item: Touch, locale: Locale) -> str:
    role = contact_role(item, locale)
    last = say(
        N_("Last contact: %(date)s."),
        locale,
        date=formatting.long_date(item.last_contact, locale=locale),
    )
    return f"{touch_title(item, locale) if role else item.contact}.\n{last}"


def hidden_line(name: str, count: int, locale: Locale) -> str:
    """What a section of the agenda left out because it is marked sensitive:
    '2 deadlines marked sensitive are not shown'."""
    if name == "negotiations":
        text = ngettext(
            "%(num)d negotiation marked sensitive is not shown",
            "%(num)d negotiations marked sensitive are not shown",
            count,
            locale,
        )
    elif name == "deadlines":
        text = ngettext(
            "%(num)d deadline marked sensitive is not shown",
            "%(num)d deadlines marked sensitive are not shown",
            count,
            locale,
        )
    else:
        text = ngettext(
            "%(num)d contact marked sensitive is not shown",
            "%(num)d contacts marked sensitive are not shown",
            count,
            locale,
        )
    return text % {"num": count}


def overdue_summary(summary: str, since: dt.date, locale: Locale) -> str:
    """An overdue item written for today, saying since when it is due:
    'Due: signed retainer (Dan Whitfield), overdue since 20 November 2026'."""
    return gettext("%(summary)s, overdue since %(date)s", locale) % {
        "summary": summary,
        "date": formatting.long_date(since, locale=locale),
    }
