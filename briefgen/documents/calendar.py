"""`briefgen calendar`: the portfolio's dates as an iCalendar file (RFC 5545, written with the
`icalendar` library) to import or subscribe to.

- each negotiation: an event at its date and time (an hour; all-day when no time is given),
  with its place, and a display alarm on the morning of the day;
- each deliverable and computed rule date: an all-day event, with a display alarm at 09:00 the
  day before;
- each stay-in-touch due date: an all-day reminder naming the contact, with an alarm at 09:00.

Overdue reminders and deadlines are each moved to today ("..., overdue since 20 November
2026"), every day until done: a phone shows today, not August. One event each rather than one
"catch up" event listing them: each keeps its own UID, so logging the call moves that one
reminder on (a re-import updates it), and the others are left as they were.

A changed event keeps its UID and carries a higher SEQUENCE (RFC 5545 3.8.7.4), so a
re-import updates it: the previous SEQUENCE is read from the file at -o when it is there (at
most 16 MiB, a regular file; anything odd counts as no previous file), and raised only for
the events whose content changed. Printed to standard output (-o -), there is no previous
file: every SEQUENCE is 0, as a first import needs.

The words (SUMMARY, DESCRIPTION, the alarms' text) are in the locale asked for (`--locale`,
default en); any locale but `en` is also named on them (`LANGUAGE=fr-CA`, RFC 5545 3.2.10).

UIDs are derived from the dossier's path below its project root (`dossier.project`: the same
from any working folder) and the item (re-importing updates instead of duplicating), never
from the words: a calendar imported in English, then in French, updates the same events;
DTSTAMP is `today` at midnight UTC, so two runs on one day give the same bytes. Public facts
only: a calendar is synced to phones and servers the user does not control.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from functools import lru_cache
from pathlib import Path

import icalendar

from briefgen import __version__
from briefgen.documents.dossiers import load_portfolio
from briefgen.dossier.project import Project, find_root
from briefgen.errors import BriefgenError
from briefgen.facts.portfolio import Agenda, Due, Negotiation, Touch, agenda
from briefgen.files import ReadRefused, read_bounded, write_atomic
from briefgen.text import portfolio_words
from briefgen.text.i18n import Locale, portfolio_locale

MEETING_LENGTH = dt.timedelta(hours=1)  # a dossier gives a start, not an end
MORNING = dt.time(8, 0)  # the negotiation-day alarm
DAY_BEFORE = dt.timedelta(hours=-15)  # 09:00 the day before an all-day deadline
NINE_AM = dt.timedelta(hours=9)  # 09:00 on an all-day reminder's day
PREVIOUS_LIMIT = 16 * 2**20  # the previous calendar read for its SEQUENCEs
_UNCOMPARED = ("DTSTAMP", "SEQUENCE")  # what does not make an event "changed"


def uid(dossier: str, *item: str) -> str:
    """Stable across runs, machines and working folders: the dossier's path relative to its
    project root and the item's identity, hashed (so the UID says nothing about either). A
    file name that is not UTF-8 is hashed as its bytes."""
    where = _below_root(dossier)
    text = "\0".join((where, *item))
    digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{digest[:32]}@briefgen"


@lru_cache(maxsize=4096)
def _below_root(dossier: str) -> str:
    return Project(find_root(dossier)).relative(dossier)


def _language(locale: Locale) -> dict[str, str]:
    """The LANGUAGE parameter of a text written in `locale`; none for briefgen's own English
    (whose files stay as they were)."""
    return {} if locale == "en" else {"LANGUAGE": locale}


def _alarm(description: str, trigger: dt.timedelta, locale: Locale) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description, parameters=_language(locale))
    alarm.add("trigger", trigger)
    return alarm


def _event(
    identity: str, stamp: dt.datetime, summary: str, description: str, locale: Locale
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", identity)
    event.add("dtstamp", stamp)
    event.add("summary", summary, parameters=_language(locale))
    event.add("description", description, parameters=_language(locale))
    return event


def _all_day(event: icalendar.Event, day: dt.date) -> None:
    event.add("dtstart", day)
    if day < dt.date.max:  # without DTEND, a DATE event lasts the day (RFC 5545 3.6.1)
        event.add("dtend", day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a date to meet, not time taken


def negotiation_event(item: Negotiation, stamp: dt.datetime, locale: Locale) -> icalendar.Event:
    event = _event(
        uid(item.key, "negotiation"),
        stamp,
        portfolio_words.negotiation_summary(item, locale),
        portfolio_words.negotiation_description(item, locale),
        locale,
    )
    if item.time is None:
        _all_day(event, item.day)
        trigger = dt.timedelta(hours=MORNING.hour, minutes=MORNING.minute)
    else:
        start = dt.datetime.combine(item.day, item.time)  # floating: the dossier's local time
        event.add("dtstart", start)
        event.add("duration", MEETING_LENGTH)
        morning = dt.datetime.combine(item.day, MORNING)
        trigger = (
            morning - start
            if start - morning >= dt.timedelta(minutes=30)
            else (dt.timedelta(minutes=-30))
        )
    if item.where:
        event.add("location", item.where)
    event.add_component(_alarm(portfolio_words.negotiation_alarm(item, locale), trigger, locale))
    return event


def deadline_event(item: Due, stamp: dt.datetime, locale: Locale) -> icalendar.Event:
    """An all-day event on the deadline's day; an overdue one on today, saying since when."""
    summary = portfolio_words.deadline_summary(item, locale)
    if item.overdue:
        summary = portfolio_words.overdue_summary(summary, item.date, locale)
    event = _event(
        uid(item.key, "deadline", item.name, item.rule.of if item.rule else ""),
        stamp,
        summary,
        portfolio_words.deadline_description(item, locale),
        locale,
    )
    _all_day(event, stamp.date() if item.overdue else item.date)
    event.add_component(_alarm(portfolio_words.deadline_alarm(item, locale), DAY_BEFORE, locale))
    return event


def touch_event(item: Touch, stamp: dt.datetime, locale: Locale) -> icalendar.Event:
    """An all-day reminder on the day the contact is due; an overdue one on today, saying
    since when."""
    summary = portfolio_words.touch_summary(item, locale)
    if item.overdue:
        summary = portfolio_words.overdue_summary(summary, item.due, locale)
    event = _event(
        uid(item.key, "stay-in-touch", item.contact),
        stamp,
        summary,
        portfolio_words.touch_description(item, locale),
        locale,
    )
    _all_day(event, stamp.date() if item.overdue else item.due)
    event.add_component(_alarm(portfolio_words.touch_summary(item, locale), NINE_AM, locale))
    return event


def calendar_bytes(
    result: Agenda, locale: Locale, previous: dict[str, tuple[int, bytes]] | None = None
) -> bytes:
    """The agenda as an iCalendar file in `locale`'s words; the same agenda, locale and
    previous file give the same bytes. `previous` maps each UID of the
    previous file to its SEQUENCE and content (`previous_events`): an event whose content
    changed gets the next SEQUENCE, an unchanged one keeps its own."""
    stamp = dt.datetime.combine(result.today, dt.time(0), tzinfo=dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//briefgen//briefgen {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "briefgen")
    made = [negotiation_event(n, stamp, locale) for n in result.negotiations]
    made += [deadline_event(d, stamp, locale) for d in result.deadlines]
    made += [touch_event(t, stamp, locale) for t in result.touches]
    for event in made:
        before = (previous or {}).get(str(event["uid"]))
        if before is not None:
            sequence = before[0] if _content(event) == before[1] else before[0] + 1
            if sequence:
                event.add("sequence", sequence)
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical


def _content(event: icalendar.Component) -> bytes:
    """An event as it would be imported, less what does not count as a change."""
    lines = event.to_ical().splitlines()
    return b"\n".join(
        line for line in lines if line.split(b":", 1)[0].split(b";", 1)[0] not in _UNCOMPARED
    )


def previous_events(path: Path) -> dict[str, tuple[int, bytes]]:
    """UID -> (SEQUENCE, content) of each event in the calendar file at `path`; {} when there
    is none, or it is not a regular file of at most PREVIOUS_LIMIT bytes, or not a calendar
    (a hand-edited or damaged file is replaced, its numbers not trusted)."""
    try:
        data = read_bounded(path, PREVIOUS_LIMIT, "a calendar")
        events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    except (ReadRefused, ValueError, TypeError, IndexError, KeyError, RecursionError):
        return {}
    found: dict[str, tuple[int, bytes]] = {}
    for event in events:
        try:
            sequence = int(event.get("sequence", 0))
        except (TypeError, ValueError):
            continue
        if "uid" in event and 0 <= sequence < 2**31 - 1:
            found[str(event["uid"])] = (sequence, _content(event))
    return found


def make_calendar(
    paths: list[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None,
    today: dt.date,
    days: int = 90,
    locale: str | None = None,
) -> tuple[bytes, Path | None, Agenda, list[str]]:
    """Write (or, with no output, return) the calendar of every valid dossier under `paths`,
    in `locale` (None: English; never a dossier's `locale:`, see `portfolio_locale`); the
    errors of the invalid ones come back to be shown."""
    target = Path(output) if output is not None else None
    if target is not None and target.suffix.lower() != ".ics":
        raise BriefgenError(f"{target}: a calendar file ends in .ics (e.g. -o output/briefgen.ics)")
    portfolio = load_portfolio(paths)
    result = agenda(portfolio.dossiers, today, days)
    previous = previous_events(target) if target is not None else None
    data = calendar_bytes(result, portfolio_locale(locale), previous)  # 'fr_ca' is fr-CA
    written = write_atomic(target, data) if target is not None else None
    return data, written, result, portfolio.problems
