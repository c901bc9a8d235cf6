"""The words of the portfolio views (`agenda`, `calendar`): what `facts.portfolio` computes,
said for a person. Public facts only go in: names, titles, subjects, places and dates."""

from __future__ import annotations

from briefgen.facts.portfolio import GOAL, Due, Negotiation, TimeShare, Touch
from briefgen.text import formatting, words

HEADINGS = {
    "negotiations": "Negotiations",
    "deadlines": "Deadlines",
    "touches": "Stay in touch",
    "time": "Where the time went",
}
NOTHING = {
    "negotiations": "none in the window",
    "deadlines": "none in the window, none overdue",
    "touches": "nobody due (dossiers without relationship.cadence_days are left out)",
}


def overdue(days_left: int) -> str:
    """'3 days overdue', 'due today', 'due in 4 days'."""
    if days_left < 0:
        return f"{formatting.plural(-days_left, 'day')} overdue"
    if days_left == 0:
        return "due today"
    if days_left == 1:
        return "due tomorrow"
    return f"due in {days_left} days"


def countdown(days: int) -> str:
    return words.countdown(days)


def who(person: str, organization: str | None) -> str:
    return f"{person} ({organization})" if organization else person


def negotiation_title(item: Negotiation) -> str:
    """'Dan Whitfield, Whitfield Logistics: 2027 leadership coaching retainer; at his office'."""
    title = f"{item.person}, {item.organization}" if item.organization else item.person
    if item.subject:
        title += f": {item.subject}"
    return f"{title}; at {item.where}" if item.where else title


def deadline_title(item: Due) -> str:
    """'final changes (2 business days before workshop booklet to print)'."""
    timing = words.rule_timing(item.deadline)
    return f"{item.name} ({timing})" if timing else item.name


def contact_role(item: Touch) -> str:
    """'AP manager, support, handles payments'."""
    parts = [p for p in (item.title, item.level) if p]
    if item.handles:
        parts.append(f"handles {item.handles}")
    return ", ".join(parts)


def touch_title(item: Touch) -> str:
    """'Rita Gomez, AP manager, support, handles payments (Dan Whitfield's account)'."""
    role = contact_role(item)
    text = f"{item.contact}, {role}" if role else item.contact
    if item.contact != item.person:
        return f"{text} ({item.person}'s account)"
    return f"{text} ({item.organization})" if item.organization else text


def time_heading(share: TimeShare) -> str:
    return (
        f"{HEADINGS['time']} (contacts recorded since {formatting.short_date(share.since)}: "
        f"{share.total})"
    )


def share_line(share: TimeShare, account: str) -> str:
    """'existing   61 %  (goal 50 %)'; a dash when nothing is recorded."""
    value = share.share(account)
    shown = "  -" if value is None else f"{value:3d}"
    return (
        f"{account:<9} {shown} %   goal {GOAL[account]:2d} %   ({share.counts[account]} recorded)"
    )


def unassigned_line(share: TimeShare) -> str:
    names = ", ".join(f"{person} ({key})" for key, person in share.unassigned)
    return f"no account: {names}: add `account: existing | lost | new` to count them"


# -- Calendar entries: a summary, a description and an alarm's words for each item. ----------


def negotiation_summary(item: Negotiation) -> str:
    """'Negotiation: Dan Whitfield, 2027 leadership coaching retainer'."""
    return f"Negotiation: {item.person}" + (f", {item.subject}" if item.subject else "")


def negotiation_description(item: Negotiation) -> str:
    parts = [f"Negotiation with {who(item.person, item.organization)}"]
    if item.subject:
        parts.append(f"Subject: {item.subject}")
    return ".\n".join(parts) + "."


def negotiation_alarm(item: Negotiation) -> str:
    at = f" at {formatting.clock(item.time)}" if item.time else ""
    return f"Today{at}: negotiation with {item.person}"


def deadline_summary(item: Due) -> str:
    """'Due: final changes (Dan Whitfield)'."""
    return f"Due: {item.name} ({item.person})"


def deadline_description(item: Due) -> str:
    timing = words.rule_timing(item.deadline)
    return f"{deadline_title(item)}, for {item.person}." if timing else f"For {item.person}."


def deadline_alarm(item: Due) -> str:
    return f"Due tomorrow: {item.name} ({item.person})"


def touch_summary(item: Touch) -> str:
    """'Stay in touch: Rita Gomez (Dan Whitfield's account)'."""
    if item.contact != item.person:
        return f"Stay in touch: {item.contact} ({item.person}'s account)"
    return f"Stay in touch: {item.contact}"


def touch_description(item: Touch) -> str:
    role = contact_role(item)
    last = f"Last contact: {formatting.long_date(item.last_contact)}."
    return f"{touch_title(item) if role else item.contact}.\n{last}"
