"""`briefgen log`: record a meeting, a call or a favour in a dossier without touching anything
else in the file, checked before it is written, and said in the words of `briefgen diff`.

The steps: find the file (a path, or a name `new` would have made), read it once, make the
edits as text (`dossier.edit`: a splice, so comments, order, quoting and style stay), load and
validate the result exactly as `check` does, and write it atomically only if the file on disk
is still the one that was read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.dossier.discover import DOSSIER_SUFFIXES, slugify
from briefgen.dossier.edit import Append, Edit, SetKey, apply_edits
from briefgen.dossier.load import MAX_BYTES, Document, load_bytes, load_text
from briefgen.dossier.model import Dossier
from briefgen.dossier.project import DEFAULT_DOSSIERS, find_root
from briefgen.dossier.validate import validate
from briefgen.errors import BriefgenError, DossierError, Problem
from briefgen.facts.relationship import punctuality, reciprocity, stay_in_touch
from briefgen.files import write_atomic
from briefgen.review.diff import Change, FileDiff, diff_dossiers
from briefgen.text import record
from briefgen.text.i18n import ENGLISH
from briefgen.text.words import verdict

RECENT_MEETINGS = 3  # "2 late in the last 3 meetings"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class LogResult:
    path: Path
    changes: list[Change]
    consequences: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # said first: what was left as it is
    hints: list[str] = field(default_factory=list)  # said last
    written: bool = False
    dry_run: bool = False

    def lines(self) -> list[str]:
        lines = list(self.notices)
        if self.changes:
            lines += FileDiff(str(self.path), str(self.path), "modified", self.changes).lines()
            if self.consequences:
                lines += [record.NOW, *(f"  {line}" for line in self.consequences)]
        elif not self.notices:
            lines.append(f"{self.path}: {record.NOTHING_TO_CHANGE}")
        lines += self.hints
        if self.dry_run and self.changes:
            lines.append(record.DRY_RUN)
        return lines

    def text(self) -> str:
        return "\n".join(self.lines())


def parse_day(text: str, today: dt.date, option: str) -> dt.date:
    """YYYY-MM-DD, `today` or `yesterday`, for --on and --meeting."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        if today == dt.date.min:
            raise BriefgenError(f"{option} yesterday: there is no day before {today.isoformat()}")
        return today - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BriefgenError(
            f"{option} {text!r} is not a date\n  hint: write YYYY-MM-DD, today or yesterday"
        ) from None


def find_dossier(given: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """A path as given, or the file `briefgen new NAME` would have made: in `folder` (--dir),
    else anywhere in the project (see `dossier.project`), `profiles/` first."""
    path = Path(given)
    if path.is_file():
        return path
    if path.is_dir():
        raise BriefgenError(f"{path}: is a folder; name one dossier file")
    root = None if folder is not None else find_root(".", fallback=Path())
    where = _shown(root / DEFAULT_DOSSIERS) if root is not None else Path(folder or ".")
    candidates: list[Path] = []
    if path.suffix not in DOSSIER_SUFFIXES and len(path.parts) == 1 and slugify(given):
        slug = slugify(given)
        candidates = [where / f"{slug}{suffix}" for suffix in DOSSIER_SUFFIXES]
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        if root is not None:
            found = _named_in(root, {f"{slug}{suffix}" for suffix in DOSSIER_SUFFIXES})
            if len(found) == 1:
                return found[0]
            if found:
                raise BriefgenError(
                    f"{given!r}: {len(found)} dossiers have that name: "
                    + ", ".join(map(str, found))
                    + "\n  hint: give the file's path"
                )
    tried = f"no file {given!r}" + (f", and no {candidates[0]}" if candidates else "")
    known = sorted(p.stem for p in where.glob("*.y*ml")) if where.is_dir() else []
    close = difflib.get_close_matches(slugify(given) or given, known, n=1, cutoff=0.6)
    hint = f"did you mean {where / close[0]}.yaml?" if close else ""
    if not hint and known:
        hint = f"dossiers in {where}/: " + ", ".join(known)
    raise BriefgenError(f"{tried}\n  hint: {hint}" if hint else tried)


SEARCH_LIMIT = 20_000  # folders looked in for a name: a project, not a disk


def _named_in(root: Path, names: set[str]) -> list[Path]:
    """The files called one of `names` under `root`, hidden folders skipped, as shown paths."""
    found: list[Path] = []
    for seen, (folder, dirs, files) in enumerate(os.walk(root)):
        if seen >= SEARCH_LIMIT:
            break
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [_shown(Path(folder) / f) for f in sorted(files) if f in names]
    return found


def _shown(path: Path) -> Path:
    """`path` relative to the working folder, as the person would type it."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # pragma: no cover - another drive (Windows)
        return path


@dataclass(frozen=True)
class LogRequest:
    """What `briefgen log` was asked to record in one dossier: a meeting (and how it went), a
    call with some contacts, favours given or received, on a day; `dossier` is a path or a
    person's name, looked for in `folder` (else the project's profiles/)."""

    dossier: str
    today: dt.date
    on: dt.date | None = None  # the day of the call and of the favours (default: today)
    meeting: dt.date | None = None
    late: int | None = None
    missed: bool = False
    note: str | None = None
    contacts: tuple[str, ...] = ()
    gave: tuple[str, ...] = ()
    received: tuple[str, ...] = ()
    dry_run: bool = False
    folder: str | os.PathLike[str] | None = None

    def check(self) -> None:
        """The options' own mistakes, before any file is read: a BriefgenError each."""
        on = self.on or self.today
        if self.meeting is None and (self.late is not None or self.missed or self.note is not None):
            raise BriefgenError(
                "--late, --missed and --note describe a meeting: add --meeting DATE"
            )
        if self.late is not None and self.missed:
            raise BriefgenError("a meeting is either --late MINUTES or --missed, not both")
        if self.meeting is None and not (self.contacts or self.gave or self.received):
            raise BriefgenError(
                "nothing to log\n  hint: give --meeting DATE, --contact NAME, --gave TEXT "
                "or --received TEXT"
            )
        for option, day in (("--on", on), ("--meeting", self.meeting)):
            if day is not None and day > self.today:
                raise BriefgenError(
                    f"{option} {day.isoformat()} is after today ({self.today.isoformat()}): "
                    "log what has happened"
                )
        for option, texts in (
            ("--note", (self.note,)),
            ("--gave", self.gave),
            ("--received", self.received),
        ):
            for text in texts:
                if text is not None and (not text.strip() or _CONTROL.search(text)):
                    raise BriefgenError(f"{option} {text!r}: write some plain text")


def log_dossier(request: LogRequest) -> LogResult:
    """Record what happened in one dossier, changing only those lines; every user mistake is a
    BriefgenError and then nothing is written."""
    request.check()
    today, on, meeting = request.today, request.on or request.today, request.meeting
    contacts, gave, received = request.contacts, request.gave, request.received
    path = find_dossier(request.dossier, request.folder)
    raw = _read(path)
    name = str(path)
    old_doc = load_bytes(raw, name)
    try:
        old = validate(old_doc)
    except DossierError as exc:
        raise BriefgenError(
            f"{exc}\nnothing logged: {path} is not a valid dossier as it stands "
            f"(fix it first; `briefgen check {path}` lists the problems)"
        ) from None

    edits: list[Edit] = []
    notices: list[str] = []
    hints: list[str] = []
    if meeting is not None:
        _no_meeting_on(old, old_doc, meeting, name)
        item: dict[str, object] = {"date": meeting}
        if request.missed:
            item["missed"] = True
        else:
            item["late_minutes"] = request.late or 0
        if request.note is not None:
            item["note"] = request.note.strip()
        edits.append(Append(("relationship", "meetings"), item))
    if meeting is not None and not request.missed and old.relationship is not None:
        own = [c for c in old.relationship.contacts if _normal(c.name) == _normal(old.name)]
        named = {_normal(wanted) for wanted in contacts}
        last = own[0].last_contact if own else None
        if own and _normal(old.name) not in named and (last is None or last < meeting):
            hints.append(record.count_as_contact(old.name))
    for wanted in dict.fromkeys(contacts):
        index = _contact_index(old, old_doc, wanted, name)
        assert old.relationship is not None
        contact = old.relationship.contacts[index]
        if contact.last_contact is not None and contact.last_contact >= on:
            notices.append(record.already_later(contact.name, contact.last_contact, today))
            continue
        edits.append(SetKey(("relationship", "contacts", index), "last_contact", on))
    for direction, texts in (("given", gave), ("received", received)):
        for text in texts:
            exchange = {"date": on, "direction": direction, "what": text.strip()}
            edits.append(Append(("relationship", "reciprocity"), exchange))

    text, bom = _decode(raw)
    result = LogResult(path, [], notices=notices, hints=hints, dry_run=request.dry_run)
    if not edits:
        return result
    new_text = apply_edits(text, edits, name)
    try:
        new = validate(load_text(new_text, name))
    except DossierError as exc:
        raise BriefgenError(
            f"{exc}\nnothing logged: the change would make {path} invalid "
            "(the lines above are those of the file as it would be)"
        ) from None
    result.changes = diff_dossiers(old, new)
    result.consequences = consequences(old, new, today)
    if request.dry_run:
        return result
    data = (bom + new_text).encode("utf-8")
    _write(path, raw, data)
    result.written = True
    return result


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BriefgenError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return raw


def _decode(raw: bytes) -> tuple[str, str]:
    text = raw.decode("utf-8-sig")  # load_bytes has already said where it is not UTF-8
    return text, "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""


def _write(path: Path, read: bytes, data: bytes) -> None:
    """Replace the file, unless someone saved it since it was read (an editor left open)."""
    real = Path(os.path.realpath(path))  # edit the file a symlink names, not the link

    def unchanged() -> None:
        try:
            now = real.read_bytes()
        except OSError:
            now = None
        if now != read:
            raise BriefgenError(
                f"{path}: changed on disk since it was read; nothing written\n"
                "  hint: save or close it in your editor, then run the command again"
            )

    unchanged()
    if not os.access(real, os.W_OK):
        raise BriefgenError(f"{path}: the file is read-only; nothing written")
    info = real.stat()
    write_atomic(
        real,
        data,
        mode=info.st_mode & 0o7777,
        owner=(info.st_uid, info.st_gid),
        before_replace=unchanged,
    )


def _normal(name: str) -> str:
    """Names compared as a person reads them: case, accents and spacing aside."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _contact_index(dossier: Dossier, document: Document, wanted: str, file: str) -> int:
    contacts = dossier.relationship.contacts if dossier.relationship else []
    matches = [i for i, c in enumerate(contacts) if _normal(c.name) == _normal(wanted)]
    if len(matches) == 1:
        return matches[0]
    line, column = document.locate(("relationship", "contacts"))
    if matches:
        raise BriefgenError(
            str(
                Problem(
                    file,
                    line,
                    column,
                    "relationship.contacts",
                    f"{len(matches)} contacts are named {wanted!r}",
                    "give each a distinct name (add a last initial)",
                )
            )
        )
    names = [c.name for c in contacts]
    if not names:
        message = f"no contact named {wanted!r} in {file}; it lists no contacts"
        hint = "add them under relationship.contacts: - {name: ..., title: ...}"
    else:
        message = f"no contact named {wanted!r} in {file}; contacts are: {', '.join(names)}"
        by_normal = {_normal(n): n for n in names}
        close = difflib.get_close_matches(_normal(wanted), list(by_normal), n=1, cutoff=0.6)
        if not close:  # a first or last name alone
            parts = [n for n in by_normal if _normal(wanted) in n.split()]
            close = parts if len(parts) == 1 else []
        hint = f"did you mean {by_normal[close[0]]!r}?" if close else ""
    where = f"{file}:{line}:{column}: relationship.contacts"
    raise BriefgenError(f"{where}: {message}" + (f"\n  hint: {hint}" if hint else ""))


def _no_meeting_on(dossier: Dossier, document: Document, day: dt.date, file: str) -> None:
    meetings = dossier.relationship.meetings if dossier.relationship else []
    for index, meeting in enumerate(meetings):
        if meeting.date == day:
            line, column = document.locate(("relationship", "meetings", index))
            raise BriefgenError(
                f"{file}:{line}:{column}: relationship.meetings[{index}]: a meeting on "
                f"{day.isoformat()} is already logged\n"
                "  hint: to change it, edit that line by hand"
            )


def consequences(old: Dossier, new: Dossier, today: dt.date) -> list[str]:
    """What follows from the new record, when something does."""
    lines: list[str] = []
    before = stay_in_touch(old.relationship, today, old.name)
    after = stay_in_touch(new.relationship, today, new.name)
    if after is not None:
        was = {c.name: c for c in before.contacts} if before else {}
        for status in after.contacts:
            prior = was.get(status.name)
            if status.due is not None and (prior is None or prior.due != status.due):
                overdue = prior.overdue_days if prior else 0
                lines.append(record.next_contact(status.name, status.due, today, overdue))
        listed = any(c.name == new.name for c in after.contacts)
        if not listed and after.due is not None and (before is None or before.due != after.due):
            overdue = before.overdue_days if before else 0
            lines.append(record.next_contact(new.name, after.due, today, overdue))
    old_meetings = old.relationship.meetings if old.relationship else []
    new_meetings = new.relationship.meetings if new.relationship else []
    if len(new_meetings) != len(old_meetings):
        now = punctuality(new_meetings)
        if now is not None:
            recent = now.record[-RECENT_MEETINGS:]
            lines.append(
                record.recent_punctuality(recent.count("late"), recent.count("missed"), len(recent))
            )
            earlier = punctuality(old_meetings)
            if earlier is None or earlier.level != now.level:
                lines.append("  " + verdict("punctuality", now.level, ENGLISH))
    old_balance = reciprocity(old.relationship)
    new_balance = reciprocity(new.relationship)
    if new_balance is not None and (
        old_balance is None
        or (old_balance.given, old_balance.received) != (new_balance.given, new_balance.received)
    ):
        lines.append(record.reciprocity_count(new_balance.given, new_balance.received))
        if old_balance is None or old_balance.verdict != new_balance.verdict:
            lines.append("  " + verdict("reciprocity", new_balance.verdict, ENGLISH))
    return lines
