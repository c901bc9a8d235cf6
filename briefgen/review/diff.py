"""`briefgen diff`: what changed in the negotiation between two versions of a dossier, in a
reviewer's words, with the changes that deserve a second look flagged.

`diff_dossiers` is pure: two Dossiers in, Change records out. List items are matched by who or
what they are (a contact by name, a meeting by date), never by position, so inserting one item
reports one item. Nothing unchanged is reported.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from briefgen.dossier.model import (
    Concession,
    Contact,
    Demand,
    Dossier,
    Item,
    Negotiation,
    PartialDate,
)
from briefgen.dossier.validate import load_dossier
from briefgen.facts.negotiation import DealZone, deal_zone, negotiation_side
from briefgen.facts.workbench import batna, walk_away_off
from briefgen.review.describe import (
    LAYOUT,
    Entry,
    Facet,
    Figures,
    ItemKind,
    Items,
    OtherSide,
    Scalar,
    Texts,
    Workbench,
    alternative_summary,
    fold,
    is_long,
    issue_summary,
    items_at,
    lookup,
    option_summary,
    plain,
    range_words,
)
from briefgen.text import words
from briefgen.text.formatting import money, plural
from briefgen.text.i18n import ENGLISH

SECTIONS = tuple(section for section, _ in LAYOUT)
NAME = LAYOUT[0][1][0]

# Why a change is flagged, in the few words printed after " -- ".
NOTHING_IN_RETURN = "nothing asked in return"
SENSITIVE_ADDED = "private detail: confirm it belongs in the dossier"
SENSITIVE_UNMARKED = "may now appear in --redact renders"
SENSITIVE_UNMARKED_PITCH = "may now appear in pitches and --redact renders"  # pitch: items only
BLOCKER_ADDED = "a blocker on the account"
TURNED_BLOCKER = "now working against the deal"
FREE_WORK_ASKED = "work asked for free: weigh it against the account's revenue (briefgen plan)"
NEVER_GIVE_DROPPED = "no longer off the table"
NO_WALK_AWAY = "no point left to walk away at"
TOWARD_OPENING = "moves toward the opening: less room to concede"
SIDE_FLIPPED = "every figure now reads the other way"

Action = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One change a reviewer reads as one line; `flag` says why it deserves a second look."""

    section: str
    path: str
    action: Action
    text: str
    flag: str | None = None
    old: Any = None
    new: Any = None

    @property
    def line(self) -> str:
        return f"! {self.text} -- {self.flag}" if self.flag else f"  {self.text}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "path": self.path,
            "action": self.action,
            "text": self.text,
            "flag": self.flag,
            "old": _json(self.old),
            "new": _json(self.new),
        }


def _json(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, PartialDate):
        return str(value)
    return value


def diff_dossiers(old: Dossier | None, new: Dossier | None) -> list[Change]:
    """Every change in meaning from `old` to `new`; None stands for a dossier that is not there
    (a new file, a deleted one)."""
    if new is None:
        if old is None:
            return []
        return [Change("Dossier", "", "removed", f"dossier removed: {_who(old)}", old=old.name)]
    changes: list[Change] = []
    if old is None:
        changes.append(
            Change("Dossier", "", "added", f"dossier added: {plain(new.name)}", new=new.name)
        )
    for section, entries in LAYOUT:
        for entry in entries:
            if old is None and entry == NAME:
                continue
            changes += _compare(section, entry, old, new)
    return changes


def _compare(section: str, entry: Entry, old: Dossier | None, new: Dossier) -> list[Change]:
    path = ".".join(entry.path)
    if isinstance(entry, Scalar):
        before, after = lookup(old, entry.path), lookup(new, entry.path)
        return _scalar(section, path, entry.name, before, after, entry.unit)
    if isinstance(entry, Items):
        return _items(section, path, entry.kind, items_at(old, entry), items_at(new, entry))
    if isinstance(entry, Texts):
        flag = NEVER_GIVE_DROPPED if entry.path == ("negotiation", "never_give") else None
        before, after = lookup(old, entry.path) or [], lookup(new, entry.path) or []
        return _texts(section, path, entry.noun, before, after, flag)
    if isinstance(entry, OtherSide):
        return _other_side(lookup(old, entry.path), lookup(new, entry.path))
    if isinstance(entry, Workbench):
        return _workbench(lookup(old, entry.path), lookup(new, entry.path))
    return _figures(entry, lookup(old, entry.path), lookup(new, entry.path))


def _who(dossier: Dossier) -> str:
    return ", ".join(filter(None, [plain(dossier.name), plain(dossier.organization)]))


# Plain fields.


def _scalar(
    section: str, path: str, name: str, old: Any, new: Any, unit: str = "", flag: str | None = None
) -> list[Change]:
    if old == new:
        return []
    if is_long(old) or is_long(new):
        return [_long_text(section, path, name, old, new)]
    suffix = f" {unit}" if unit else ""
    if old is None:
        return [Change(section, path, "added", f"{name} set: {plain(new)}{suffix}", flag, new=new)]
    if new is None:
        text = f"{name} removed (was {plain(old)}{suffix})"
        return [Change(section, path, "removed", text, flag, old=old)]
    text = f"{name}: {plain(old)} -> {plain(new)}{suffix}"
    return [Change(section, path, "changed", text, flag, old, new)]


def _long_text(section: str, path: str, name: str, old: str | None, new: str | None) -> Change:
    """Markdown notes are counted in lines: the whole text would drown the other changes."""
    old_lines = old.splitlines() if old else []
    new_lines = new.splitlines() if new else []
    if not old_lines:
        return Change(
            section, path, "added", f"{name} added ({plural(len(new_lines), 'line')})", new=new
        )
    if not new_lines:
        text = f"{name} removed (was {plural(len(old_lines), 'line')})"
        return Change(section, path, "removed", text, old=old)
    added = removed = 0
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    counts = [f"{plural(added, 'line')} added"] if added else []
    if removed:
        counts.append(f"{removed} removed" if added else f"{plural(removed, 'line')} removed")
    text = f"{name} edited ({', '.join(counts)})" if counts else f"{name} edited"
    return Change(section, path, "changed", text, old=old, new=new)


def _texts(
    section: str,
    path: str,
    noun: str,
    old: Sequence[str],
    new: Sequence[str],
    removed_flag: str | None = None,
) -> list[Change]:
    """Lists of phrases (questions, never_give, traits): what was added, what was dropped."""
    common = Counter(old) & Counter(new)
    changes = []
    seen: Counter[str] = Counter()
    for text in new:
        seen[text] += 1
        if seen[text] > common[text]:
            changes.append(Change(section, path, "added", f"{noun} added: {plain(text)}", new=text))
    seen.clear()
    for text in old:
        seen[text] += 1
        if seen[text] > common[text]:
            line = f"{noun} removed: {plain(text)}"
            changes.append(Change(section, path, "removed", line, removed_flag, old=text))
    return changes


# List items, matched by identity.


def _items(
    section: str, path: str, kind: ItemKind, old: Sequence[Item], new: Sequence[Item]
) -> list[Change]:
    unmatched_old: dict[tuple[object, ...], list[Item]] = defaultdict(list)
    for item in old:
        unmatched_old[_folded_key(kind, item)].append(item)
    pairs: list[tuple[Item | None, Item]] = []
    for item in new:
        same = unmatched_old.get(_folded_key(kind, item))
        pairs.append((same.pop(0) if same else None, item))
    removed = [item for items in unmatched_old.values() for item in items]
    renamed = _renames(kind, removed, [n for o, n in pairs if o is None]) if kind.renames else {}

    changes: list[Change] = []
    for before, after in pairs:
        here = _item_path(path, kind, after)
        if before is not None:
            if kind.ident(before) != kind.ident(after) and kind.key(before) != kind.key(after):
                # the same name but for case or accents: "Levesque" -> "Lévesque"
                text = f"{kind.noun} renamed: {kind.ident(before)} -> {kind.ident(after)}"
                changes.append(Change(section, here, "changed", text, old=before, new=after))
            changes += _item_changes(section, here, kind, before, after)
        elif id(after) in renamed:
            was = renamed[id(after)]
            text = f"{kind.noun} renamed: {kind.ident(was)} -> {kind.ident(after)}"
            changes.append(Change(section, here, "changed", text, old=was, new=after))
        else:
            text = f"{kind.noun} added: {kind.summary(after)}"
            flags = _added_flags(after)
            changes.append(
                Change(section, here, "added", text, "; ".join(flags) or None, new=after)
            )
    gone = {id(item) for item in renamed.values()}
    for item in removed:
        if id(item) not in gone:
            text = f"{kind.noun} removed: {kind.summary(item, notes=False)}"
            changes.append(Change(section, _item_path(path, kind, item), "removed", text, old=item))
    return changes


def _folded_key(kind: ItemKind, item: Item) -> tuple[object, ...]:
    return tuple(fold(part) if isinstance(part, str) else part for part in kind.key(item))


def _item_path(path: str, kind: ItemKind, item: Item) -> str:
    key = ", ".join(plain(part, None) for part in kind.key(item) if part is not None)
    return f"{path}[{key}]" if key else path


def _facts(kind: ItemKind, item: Item) -> tuple[object, ...]:
    return (*(facet.get(item) for facet in kind.facets), item.sensitive)


def _renames(kind: ItemKind, removed: list[Item], added: list[Item]) -> dict[int, Item]:
    """Added item id -> the removed item it replaces, when the two differ only in identity and
    each has exactly one such partner (a fixed typo in a name, not a new contact)."""
    found: dict[int, Item] = {}
    for before in removed:
        facts = _facts(kind, before)
        if not any(facet.words(before) for facet in kind.facets):
            continue  # nothing but a name: too little to call it the same item
        candidates = [after for after in added if _facts(kind, after) == facts]
        if len(candidates) == 1 and sum(_facts(kind, r) == facts for r in removed) == 1:
            found[id(candidates[0])] = before
    return found


def _added_flags(item: Item) -> list[str]:
    flags = []
    if isinstance(item, Concession) and not item.get:
        flags.append(NOTHING_IN_RETURN)
    if isinstance(item, Contact) and item.stance == "blocker":
        flags.append(BLOCKER_ADDED)
    if isinstance(item, Demand):
        flags.append(FREE_WORK_ASKED)
    if item.sensitive:
        flags.append(SENSITIVE_ADDED)
    return flags


def _facet_flag(facet: Facet, after: Item) -> str | None:
    if isinstance(after, Concession) and facet.field == "get" and not after.get:
        return NOTHING_IN_RETURN
    if isinstance(after, Contact) and facet.field == "stance" and after.stance == "blocker":
        return TURNED_BLOCKER
    return None


def _item_changes(
    section: str, path: str, kind: ItemKind, before: Item, after: Item
) -> list[Change]:
    label = kind.label(after)
    changes = []
    for facet in kind.facets:
        old, new = facet.get(before), facet.get(after)
        if facet.switch:
            old, new = bool(old), bool(new)
        if old == new:
            continue
        here = f"{path}.{facet.field}" if facet.field else path
        flag = _facet_flag(facet, after)
        if facet.switch:
            text = f"{label}: now {facet.name}" if new else f"{label}: no longer {facet.name}"
            changes.append(Change(section, here, "changed", text, flag, old, new))
        elif facet.long and (is_long(old) or is_long(new)):
            text = _long_text(section, here, facet.name, old, new).text
            changes.append(Change(section, here, "changed", f"{label}: {text}", flag, old, new))
        else:
            changes.append(_facet_change(section, here, label, facet, old, new, flag))
    if before.sensitive != after.sensitive:
        marked = after.sensitive
        text = f"{label}: {'now' if marked else 'no longer'} marked sensitive"
        # A pitch draws on its `pitch:` section alone: a button or a contact never reaches one.
        unmarked = SENSITIVE_UNMARKED_PITCH if path.startswith("pitch.") else SENSITIVE_UNMARKED
        flag = None if marked else unmarked
        here = f"{path}.sensitive"
        changes.append(Change(section, here, "changed", text, flag, before.sensitive, marked))
    return changes


def _facet_change(
    section: str, path: str, label: str, facet: Facet, old: Any, new: Any, flag: str | None
) -> Change:
    name = f"{facet.name} " if facet.name else ""
    if old is None:
        return Change(section, path, "changed", f"{label}: {name}set: {plain(new)}", flag, old, new)
    if new is None:
        text = f"{label}: {name}removed (was {plain(old)})"
        return Change(section, path, "changed", text, flag, old, new)
    text = f"{label}: {name}{plain(old)} -> {plain(new)}"
    return Change(section, path, "changed", text, flag, old, new)


def _side_known(negotiation: Negotiation | None) -> bool:
    """Written out, or readable from the figures (both the opening and the walk-away)."""
    if negotiation is None:
        return False
    return negotiation.side is not None or None not in (negotiation.opening, negotiation.walk_away)


def _figures(entry: Figures, before: Negotiation | None, after: Negotiation | None) -> list[Change]:
    """The side, then opening, target and walk-away, judged from our side of the table: a
    seller's figures fall from the opening to the walk-away, a buyer's rise."""
    section, prefix, changes = "Negotiation", ".".join(entry.path), []
    old_side = negotiation_side(before) if before else None
    new_side = negotiation_side(after) if after else None
    flipped = _side_known(before) and _side_known(after) and old_side != new_side
    if flipped:
        name = "side" if after and after.side else "side (read from the figures)"
        changes += _scalar(section, f"{prefix}.side", name, old_side, new_side, flag=SIDE_FLIPPED)
    else:
        old, new = lookup(before, ("side",)), lookup(after, ("side",))
        changes += _scalar(section, f"{prefix}.side", "side", old, new)
    old_currency, new_currency = lookup(before, ("currency",)), lookup(after, ("currency",))
    for field_name, name in entry.names:
        old, new = lookup(before, (field_name,)), lookup(after, (field_name,))
        if old == new:
            continue
        path = f"{prefix}.{field_name}"
        flag = _walk_away_flag(before, after) if field_name == "walk_away" else None
        if old is None:
            text = f"{name} set: {money(new, new_currency, ENGLISH)}"
            changes.append(Change(section, path, "added", text, flag, new=new))
        elif new is None:
            text = f"{name} removed (was {money(old, old_currency, ENGLISH)})"
            changes.append(Change(section, path, "removed", text, flag, old=old))
        else:
            verb = "raised" if new > old else "lowered"
            if old_currency == new_currency:
                figures = f"{plain(old)} -> {money(new, new_currency, ENGLISH)}"
            else:
                figures = (
                    f"{money(old, old_currency, ENGLISH)} -> {money(new, new_currency, ENGLISH)}"
                )
            text = f"{name} {verb}: {figures}"
            changes.append(Change(section, path, "changed", text, flag, old, new))
    return changes


def _walk_away_flag(before: Negotiation | None, after: Negotiation | None) -> str | None:
    """Flag a walk-away point that goes, moves past the target, or moves toward the opening
    (the room to concede shrinks; both figures count, so an opening raised as far is fine)."""
    old, new = lookup(before, ("walk_away",)), lookup(after, ("walk_away",))
    if new is None:
        return NO_WALK_AWAY if old is not None else None
    assert after is not None
    toward_opening = 1 if negotiation_side(after) == "seller" else -1
    if after.target is not None and toward_opening * (new - after.target) > 0:
        return f"moves past the target ({money(after.target, after.currency, ENGLISH)})"
    if old is None:
        return None
    old_opening, new_opening = lookup(before, ("opening",)), after.opening
    if old_opening is not None and new_opening is not None:
        closer = abs(new_opening - new) < abs(old_opening - old)
    else:
        closer = toward_opening * (new - old) > 0
    return TOWARD_OPENING if closer else None


# The other side of the table: their estimated walk-away and the deal zone it makes with ours.

ZONE_SHRINKS = "the deal zone shrinks"
ZONE_GROWS = "the deal zone grows"


def _zone(negotiation: Negotiation | None) -> DealZone | None:
    if negotiation is None:
        return None
    side = negotiation_side(negotiation)
    return deal_zone(side, negotiation.walk_away, negotiation.their_walk_away)


def _other_side(before: Negotiation | None, after: Negotiation | None) -> list[Change]:
    """Their estimated walk-away, said with what it does to the deal zone; a flag when the zone
    disappears, whichever figure made it go; and the offer plan switched on or off."""
    section, changes = "Negotiation", []
    old, new = lookup(before, ("their_walk_away",)), lookup(after, ("their_walk_away",))
    old_zone, new_zone = _zone(before), _zone(after)
    currency = lookup(after, ("currency",)) or lookup(before, ("currency",))
    gone = new_zone is not None and not new_zone.exists and (old_zone is None or old_zone.exists)
    flag = words.deal_zone(new_zone, currency, locale=ENGLISH) if gone else None
    note = ""
    if old_zone is not None and new_zone is not None and old_zone.exists and new_zone.exists:
        if new_zone.width != old_zone.width:
            note = ZONE_SHRINKS if new_zone.width < old_zone.width else ZONE_GROWS
    elif new_zone is not None and new_zone.exists:
        note = words.deal_zone(new_zone, currency, locale=ENGLISH)
    suffix = f" -- {note}" if note else ""
    path, name = "negotiation.their_walk_away", "their estimated walk-away"
    if old != new:
        if old is None:
            text = f"{name} set: {money(new, currency, ENGLISH)}{suffix}"
            changes.append(Change(section, path, "added", text, flag, new=new))
        elif new is None:
            was = money(old, lookup(before, ("currency",)), ENGLISH)
            text = f"{name} removed (was {was})"
            changes.append(Change(section, path, "removed", text, old=old))
        else:
            verb = "raised" if new > old else "lowered"
            text = f"{name} {verb}: {plain(old)} -> {money(new, currency, ENGLISH)}{suffix}"
            changes.append(Change(section, path, "changed", text, flag, old, new))
    elif old_zone is not None and new_zone is not None and old_zone.status != new_zone.status:
        # Our own figures moved the zone: say so once, beside their estimate.
        if gone:
            changes.append(Change(section, path, "changed", "deal zone gone", flag))
        elif new_zone.exists and not old_zone.exists:
            text = f"deal zone opens -- {words.deal_zone(new_zone, currency, locale=ENGLISH)}"
            changes.append(Change(section, path, "changed", text))
    old_plan, new_plan = lookup(before, ("offer_plan",)), lookup(after, ("offer_plan",))
    if (old_plan or "none") != (new_plan or "none"):
        text = f"offer plan: {old_plan or 'none'} -> {new_plan or 'none'}"
        changes.append(Change(section, "negotiation.offer_plan", "changed", text, None, old, new))
    return changes


# The workbench: issues and options matched by name, alternatives by name, the BATNA they make.

WALK_AWAY_OFF_BATNA = "the walk-away is now more than 10 % off the BATNA"


def _by_name(items: Sequence[Any], name: Callable[[Any], str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in items:
        found.setdefault(fold(name(item)), item)
    return found


def _matched(
    old: Sequence[Any], new: Sequence[Any], name: Callable[[Any], str]
) -> tuple[list[tuple[Any | None, Any]], list[Any]]:
    """Items matched by folded name (the first of a name counts): for each new item in order,
    (the old one or None, the new one); then the old items no new one matches."""
    before, after = _by_name(old, name), _by_name(new, name)
    pairs = [(before.get(key), item) for key, item in after.items()]
    return pairs, [item for key, item in before.items() if key not in after]


def _workbench(before: Negotiation | None, after: Negotiation | None) -> list[Change]:
    section = "Negotiation"
    changes: list[Change] = []
    pairs, gone = _matched(
        before.issues if before else [], after.issues if after else [], lambda i: i.name
    )
    for was, issue in pairs:
        path = f"negotiation.issues[{plain(issue.name, None)}]"
        if was is None:
            text = f"issue added: {issue_summary(issue)}"
            changes.append(Change(section, path, "added", text, new=issue))
        else:
            changes += _issue_changes(section, path, was, issue)
    for issue in gone:
        path = f"negotiation.issues[{plain(issue.name, None)}]"
        text = f"issue removed: {plain(issue.name, None)}"
        changes.append(Change(section, path, "removed", text, old=issue))
    changes += _meso(section, before, after)
    currency = lookup(after, ("currency",)) or lookup(before, ("currency",))
    for field_name, noun in (
        ("alternatives", "alternative"),
        ("their_alternatives", "their alternative"),
    ):
        changes += _alternatives(section, field_name, noun, before, after, currency)
    changes += _batna_changes(section, before, after)
    return changes


def _issue_changes(section: str, path: str, old: Any, new: Any) -> list[Change]:
    name = plain(new.name, None)
    changes = []
    for field_name, noun in (("weight", "weight"), ("their_weight", "their weight")):
        a, b = getattr(old, field_name), getattr(new, field_name)
        if a == b:
            continue
        here = f"{path}.{field_name}"
        if a is None:
            text = f"{noun} of {name} set: {plain(b)}"
        elif b is None:
            text = f"{noun} of {name} removed (was {plain(a)})"
        else:
            verb = "raised" if b > a else "lowered"
            text = f"{noun} of {name} {verb} {plain(a)} -> {plain(b)}"
        changes.append(Change(section, here, "changed", text, None, a, b))
    if range_words(old) != range_words(new):
        text = f"range of {name}: {range_words(old) or 'none'} -> {range_words(new) or 'none'}"
        changes.append(
            Change(section, f"{path}.range", "changed", text, None, old.range, new.range)
        )
    if old.figures != new.figures:
        text = f"{name}: {'now' if new.figures else 'no longer'} the figures issue"
        changes.append(
            Change(section, f"{path}.figures", "changed", text, None, old.figures, new.figures)
        )
    pairs, gone = _matched(old.options, new.options, lambda o: o.value)
    for was, option in pairs:
        here = f"{path}.options[{plain(option.value, None)}]"
        if was is None:
            text = f"option added to {name}: {option_summary(option)}"
            changes.append(Change(section, here, "added", text, new=option))
            continue
        label = f"option {plain(option.value, None)}"
        for field_name, noun in (("score", "our score"), ("theirs", "their score")):
            a, b = getattr(was, field_name), getattr(option, field_name)
            if a != b:
                text = f"{label}: {noun} {plain(a) or 'default'} -> {plain(b) or 'default'}"
                changes.append(Change(section, f"{here}.{field_name}", "changed", text, None, a, b))
        for field_name, noun in (("planned", "planned"), ("never", "never offered")):
            a, b = getattr(was, field_name), getattr(option, field_name)
            if a != b:
                text = f"{label}: {'now' if b else 'no longer'} {noun}"
                changes.append(Change(section, f"{here}.{field_name}", "changed", text, None, a, b))
    for option in gone:
        here = f"{path}.options[{plain(option.value, None)}]"
        text = f"option removed from {name}: {plain(option.value, None)}"
        changes.append(Change(section, here, "removed", text, old=option))
    return changes


def _meso(section: str, before: Negotiation | None, after: Negotiation | None) -> list[Change]:
    old, new = lookup(before, ("meso",)), lookup(after, ("meso",))
    changes = []
    for field_name, noun in (
        ("value", "equivalent offers' worth"),
        ("tolerance", "equivalent offers' tolerance"),
    ):
        a, b = lookup(old, (field_name,)), lookup(new, (field_name,))
        if a != b:
            text = f"{noun}: {plain(a) or 'the plan'} -> {plain(b) or 'the plan'}"
            changes.append(
                Change(section, f"negotiation.meso.{field_name}", "changed", text, None, a, b)
            )
    return changes


def _alternatives(
    section: str,
    field_name: str,
    noun: str,
    before: Negotiation | None,
    after: Negotiation | None,
    currency: str | None,
) -> list[Change]:
    pairs, gone = _matched(
        lookup(before, (field_name,)) or [], lookup(after, (field_name,)) or [], lambda a: a.name
    )
    changes = []
    for was, item in pairs:
        path = f"negotiation.{field_name}[{plain(item.name, None)}]"
        if was is None:
            text = f"{noun} added: {alternative_summary(item, currency)}"
            changes.append(Change(section, path, "added", text, new=item))
        elif (was.value, was.p, was.cost) != (item.value, item.p, item.cost):
            then, now = alternative_summary(was, currency), alternative_summary(item, currency)
            text = f"{noun} changed: {then} -> {now}"
            changes.append(Change(section, path, "changed", text, None, was, item))
    for item in gone:
        path = f"negotiation.{field_name}[{plain(item.name, None)}]"
        text = f"{noun} removed: {plain(item.name, None)}"
        changes.append(Change(section, path, "removed", text, old=item))
    return changes


def _batna_changes(
    section: str, before: Negotiation | None, after: Negotiation | None
) -> list[Change]:
    """'BATNA now the in-house trainer (52,000)', 'BATNA raised 30,000 -> 32,000'; flagged when
    our walk-away ends up more than 10 % off it."""
    changes = []
    for field_name, noun in (("alternatives", "BATNA"), ("their_alternatives", "their BATNA")):
        old = batna(lookup(before, (field_name,)) or [])
        new = batna(lookup(after, (field_name,)) or [])
        path = f"negotiation.{field_name}"
        flag = None
        if noun == "BATNA" and after is not None and new is not None:
            side = negotiation_side(after)
            now_off = walk_away_off(side, after.walk_away, new.reservation)
            was_off = (
                walk_away_off(negotiation_side(before), before.walk_away, old.reservation)
                if before is not None and old is not None
                else None
            )
            flag = WALK_AWAY_OFF_BATNA if now_off and not was_off else None
        if old is None and new is None:
            continue
        if new is None:
            assert old is not None
            text = f"{noun} removed (was {old.chosen.name}, {plain(old.reservation)})"
            changes.append(Change(section, path, "removed", text, old=old.chosen.name))
        elif old is None or fold(old.chosen.name) != fold(new.chosen.name):
            text = f"{noun} now {new.chosen.name} ({plain(new.reservation)})"
            changes.append(
                Change(
                    section,
                    path,
                    "changed",
                    text,
                    flag,
                    None if old is None else old.chosen.name,
                    new.chosen.name,
                )
            )
        elif old.reservation != new.reservation:
            verb = "raised" if new.reservation > old.reservation else "lowered"
            figures = f"{plain(old.reservation)} -> {plain(new.reservation)}"
            text = f"{noun} {verb} {figures} ({new.chosen.name})"
            changes.append(
                Change(section, path, "changed", text, flag, old.reservation, new.reservation)
            )
    return changes


# Reports: one file's changes, and several files'.

Status = Literal["compared", "modified", "added", "deleted", "renamed"]


@dataclass
class FileDiff:
    """One dossier's changes, or why they could not be worked out (a version that is not valid)."""

    old_path: str | None
    new_path: str | None
    status: Status
    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> int:
        return sum(1 for change in self.changes if change.flag)

    def title(self) -> str:
        if self.status in ("compared", "renamed"):
            where = f"{self.old_path} -> {self.new_path}"
            where += " (renamed)" if self.status == "renamed" else ""
        elif self.status == "added":
            where = f"{self.new_path} (new dossier)"
        elif self.status == "deleted":
            where = f"{self.old_path} (deleted)"
        else:
            where = str(self.new_path)
        if self.problems:
            return f"{where}: cannot compare: not a valid dossier (run briefgen check)"
        if not self.changes:
            return f"{where}: no changes in meaning"
        flagged = f", {self.flagged} flagged" if self.flagged else ""
        return f"{where}: {plural(len(self.changes), 'change')}{flagged}"

    def lines(self) -> list[str]:
        lines = [self.title(), *self.problems]
        for section in SECTIONS:
            here = [change.line for change in self.changes if change.section == section]
            if here:
                lines += [section, *here]
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "old_path": self.old_path,
            "new_path": self.new_path,
            "status": self.status,
            "flagged": self.flagged,
            "changes": [change.as_dict() for change in self.changes],
            "problems": self.problems,
        }


@dataclass
class DiffReport:
    files: list[FileDiff]
    rev: str | None = None
    scope: str | None = None  # the paths compared, for the "nothing changed" line

    @property
    def ok(self) -> bool:
        """False when a version could not be read as a dossier."""
        return not any(file.problems for file in self.files)

    def text(self) -> str:
        if not self.files:
            where = f" in {self.scope}" if self.scope else ""
            since = f" since {self.rev}" if self.rev else ""
            return f"no dossier changes{where}{since}"
        return "\n\n".join("\n".join(file.lines()) for file in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rev": self.rev,
            "ok": self.ok,
            "changes": sum(len(file.changes) for file in self.files),
            "flagged": sum(file.flagged for file in self.files),
            "files": [file.as_dict() for file in self.files],
        }


def diff_files(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> DiffReport:
    """`briefgen diff OLD NEW`: both must be valid dossiers (a DossierError says where not)."""
    changes = diff_dossiers(load_dossier(old), load_dossier(new))
    return DiffReport([FileDiff(str(old), str(new), "compared", changes)])
