"""The words `briefgen log` says after it records a meeting, a call or a favour: what follows
from the new record (the next contact due, the recent punctuality, the reciprocity balance).
The facts come from `briefgen.facts.relationship`; only their wording lives here."""

from __future__ import annotations

import datetime as dt

from briefgen.text.formatting import plural, short_date
from briefgen.text.i18n import ENGLISH


def next_contact(name: str, due: dt.date, today: dt.date, overdue_days: int = 0) -> str:
    """'Dan Whitfield: next contact due Tue 8 Dec (was 3 days overdue)'."""
    text = f"{name}: next contact due {short_date(due, today, locale=ENGLISH)}"
    if overdue_days:
        text += f" (was {plural(overdue_days, 'day')} overdue)"
    return text


def recent_punctuality(late: int, missed: int, meetings: int) -> str:
    """'punctuality: 2 late in the last 3 meetings', 'on time at the last 2 meetings'."""
    last = "the last meeting" if meetings == 1 else f"the last {meetings} meetings"
    if not late and not missed:
        return f"punctuality: on time at {last}"
    slips = [f"{late} late"] if late else []
    if missed:
        slips.append(f"{missed} missed")
    return f"punctuality: {', '.join(slips)} in {last}"


def reciprocity_count(given: int, received: int) -> str:
    """'reciprocity: 3 given, 2 received'."""
    return f"reciprocity: {given} given, {received} received"


def already_later(name: str, last: dt.date, today: dt.date) -> str:
    """A call older than the one on record does not move the last contact back."""
    return f"{name}: last contact already {short_date(last, today, locale=ENGLISH)}; left as it is"


def count_as_contact(name: str) -> str:
    """A meeting alone does not move the person's own last contact: say how to."""
    return f'hint: add --contact "{name}" to count the meeting as your last contact with them'


NOW = "Now"  # the heading over what follows from the change
NOTHING_TO_CHANGE = "nothing to change"
DRY_RUN = "dry run: nothing written"
