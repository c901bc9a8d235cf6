"""Built-in negotiation tactics and our default counter to each (used when a dossier names a tactic without a counter)."""  # noqa: E501

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def N_(message: str) -> str:  # the gettext marker pybabel extracts
    """Mark a counter for the catalogue: facts hold English data; text/words.counter says it
    in the sheet's language."""
    return message


@dataclass(frozen=True)
class Tactic:
    key: str  # slug, e.g. "silence"
    name: str  # display name, e.g. "Silence"
    aliases: tuple[str, ...]  # other spellings people write: "long silences", "slow walking", ...
    looks_like: str  # one short sentence: what it looks like at the table
    counter: str  # one or two short imperative sentences: what we do (<= 140 chars)


TACTICS: tuple[Tactic, ...] = (
    Tactic(
        key="silence",
        name="Silence",
        aliases=(
            "long silences",
            "the silent treatment",
            "silent treatment",
            "awkward pause",
            "pregnant pause",
            "dead air",
            "stonewalling",
        ),
        looks_like="After our offer they say nothing and let the pause grow until someone caves.",
        counter=N_(
            "Let the pause run and stay quiet. Restate the value if needed; never lower "
            "our own number to fill the gap."
        ),
    ),
    Tactic(
        key="slow-walking",
        name="Slow-walking",
        aliases=(
            "slow walking",
            "slow walk",
            "slow-walk",
            "slow negotiating",
            "slow negotiator",
            "stalling",
            "foot dragging",
            "dragging feet",
            "delay",
        ),
        looks_like="Replies take days, meetings slip and decisions keep moving to next week.",
        counter=N_(
            "Agree dates for each next step in writing. Tie our offer to an expiry date and "
            "keep other work moving meanwhile."
        ),
    ),
    Tactic(
        key="nibbling",
        name="Nibbling",
        aliases=("nibble", "the nibble", "one more thing", "small add-ons", "add-ons at signing"),
        looks_like="Once the deal is agreed they ask for one more small thing before signing.",
        counter=N_(
            "Treat every add-on as a new trade: ask what we get for it. Keep a priced list "
            "of extras ready."
        ),
    ),
    Tactic(
        key="good-cop-bad-cop",
        name="Good cop / bad cop",
        aliases=("good cop bad cop", "good guy bad guy", "good cop", "bad cop", "good cop/bad cop"),
        looks_like="One of them is tough and unreasonable; the other offers a friendly way out.",
        counter=N_(
            "Name the routine lightly and treat both as one side. Answer the friendly one's "
            "offer exactly as we would the tough one's."
        ),
    ),
    Tactic(
        key="higher-authority",
        name="Higher authority",
        aliases=(
            "limited authority",
            "need to check with my boss",
            "check with the board",
            "the committee decides",
            "absent decision maker",
            "has to go upstairs",
        ),
        looks_like="They agree in principle, then say someone not in the room must approve it.",
        counter=N_(
            "Confirm who decides before we start. Any concession we make is conditional on "
            "the final approval."
        ),
    ),
    Tactic(
        key="anchoring",
        name="Extreme anchor",
        aliases=(
            "anchoring high",
            "anchor",
            "anchoring low",
            "extreme opening",
            "extreme anchor",
            "lowball",
            "lowball offer",
            "highball",
            "outrageous opening",
        ),
        looks_like="Their first number is far outside any reasonable range to drag the middle.",
        counter=N_(
            "Do not counter their number. Restate ours with the reasons behind it and ask "
            "how they arrived at theirs."
        ),
    ),
    Tactic(
        key="deadline-pressure",
        name="Deadline pressure",
        aliases=(
            "deadline",
            "artificial deadline",
            "false deadline",
            "time pressure",
            "rush",
            "rushing",
            "exploding offer",
            "today only",
        ),
        looks_like="A sudden cut-off date is used to force a quick yes on their terms.",
        counter=N_(
            "Ask what really happens after the deadline. Decide against our walk-away, "
            "not the clock; we can say no on time."
        ),
    ),
    Tactic(
        key="flinch",
        name="Flinch",
        aliases=("the flinch", "wince", "visible shock", "sticker shock", "gasp"),
        looks_like="They gasp or look shocked at our price, hoping we back off at once.",
        counter=N_(
            "Stay calm and quiet, then explain what the price buys. Do not discount in "
            "reply to a reaction."
        ),
    ),
    Tactic(
        key="take-it-or-leave-it",
        name="Take it or leave it",
        aliases=(
            "take it or leave it",
            "final offer",
            "best and final",
            "ultimatum",
            "non negotiable",
            "no negotiation",
            "boulwarism",
        ),
        looks_like="They present a single offer and say there is nothing to discuss.",
        counter=N_(
            "Test it: ask which part is truly fixed and trade on the rest. If it is below "
            "our walk-away, leave it politely."
        ),
    ),
    Tactic(
        key="bogey",
        name="Bogey (limited budget)",
        aliases=(
            "limited budget",
            "budget limit",
            "we only have",
            "not in the budget",
            "budget constraint",
            "fixed budget",
            "budget bogey",
        ),
        looks_like="They claim a fixed budget that happens to sit below our price.",
        counter=N_(
            "Ask how the budget was set and whether the money can move between lines. "
            "Cut scope to fit, not our rate."
        ),
    ),
    Tactic(
        key="cherry-picking",
        name="Cherry picking",
        aliases=(
            "cherry pick",
            "cherry-pick",
            "picking line items",
            "mix and match quotes",
            "line item picking",
        ),
        looks_like="They take the cheapest item from each competing quote and ask us to match all.",
        counter=N_(
            "Price as a package and show what breaks when items are split. Any unbundled "
            "item gets its own separate price."
        ),
    ),
    Tactic(
        key="salami-slicing",
        name="Salami slicing",
        aliases=(
            "salami",
            "salami tactics",
            "incremental demands",
            "small slices",
            "death by a thousand cuts",
            "creeping demands",
        ),
        looks_like="They win a string of small points, each harmless, that add up to a big one.",
        counter=N_(
            "Keep a running total of what we have given. Ask to see the whole list before "
            "agreeing to any single item."
        ),
    ),
    Tactic(
        key="red-herring",
        name="Red herring (false concession)",
        aliases=(
            "false concession",
            "fake concession",
            "decoy issue",
            "straw man",
            "trading stock",
            "phantom issue",
        ),
        looks_like="They fight hard for a point they don't need, then trade it for a real win.",
        counter=N_(
            "Ask why each point matters to them. Value their concession by what it costs "
            "them, not by how loudly they argued."
        ),
    ),
    Tactic(
        key="walkaway-threat",
        name="Walk-away threat",
        aliases=(
            "walk away threat",
            "walkaway",
            "threat to walk",
            "threatens to leave",
            "threatening to walk",
            "storming out",
            "we will go elsewhere",
        ),
        looks_like="They threaten to end the talks or leave the room unless we give way.",
        counter=N_(
            "Know our BATNA and stay calm. Summarise where we stand, leave the door open "
            "and do not chase with a lower price."
        ),
    ),
    Tactic(
        key="split-the-difference",
        name="Splitting the difference",
        aliases=(
            "splitting the difference",
            "split the difference",
            "meet in the middle",
            "meet halfway",
            "lets split it",
            "fifty fifty",
        ),
        looks_like="They propose meeting halfway between two numbers, one of which is theirs.",
        counter=N_(
            "Check the midpoint against our target first. If we move, get something in "
            "return; never split twice."
        ),
    ),
    Tactic(
        key="vendor-shopping",
        name="Playing competitors off",
        aliases=(
            "playing competitors off",
            "vendor shopping",
            "competing bids",
            "competitor quote",
            "auction",
            "reverse auction",
            "bidding war",
            "your competitor is cheaper",
            "shopping the quote",
        ),
        looks_like="They quote a rival's lower price, real or not, to make us beat it.",
        counter=N_(
            "Ask to compare like for like, scope and terms. Sell our difference; do not "
            "bid against an unseen quote."
        ),
    ),
    Tactic(
        key="vise",
        name="The vise",
        aliases=(
            "the vise",
            "vice",
            "krunch",
            "the krunch",
            "squeeze",
            "you'll have to do better than that",
            "do better than that",
            "you have to do better",
            "that's too much",
        ),
        looks_like="They say 'you'll have to do better than that' and wait for us to drop.",
        counter=N_(
            "Ask exactly how much better, and why. Never answer with a new number of our "
            "own; make them name theirs."
        ),
    ),
    Tactic(
        key="reopening",
        name="Reopening settled points",
        aliases=(
            "last minute changes",
            "last-minute changes",
            "reopening",
            "reopen",
            "reopening settled points",
            "re trading",
            "retrading",
            "moving goalposts",
            "moving the goalposts",
            "changes after agreement",
        ),
        looks_like="Points we closed come back, or changes arrive just before print or signing.",
        counter=N_(
            "Write each agreed point down as we go. A reopened point reopens everything, "
            "and late changes move the date."
        ),
    ),
    Tactic(
        key="free-extras",
        name="Asking for free extras",
        aliases=(
            "free extras",
            "ask for free extras",
            "decoy",
            "freebies",
            "free services",
            "free work",
            "pay to play",
            "play for free",
            "free pilot",
            "value add for free",
            "spec work",
        ),
        looks_like="They expect free work or services as the price of being considered at all.",
        counter=N_(
            "Put a price on every extra and say it aloud. Decline pay-to-play; be ready to "
            "walk away from the account."
        ),
    ),
    Tactic(
        key="keeping-us-waiting",
        name="Keeping us waiting",
        aliases=(
            "kept waiting",
            "keeping us waiting",
            "late to meetings",
            "running late",
            "lateness",
            "no show",
            "no-show",
            "missed meetings",
            "standing us up",
            "blowing off meetings",
        ),
        looks_like="They start late, cancel at short notice or skip meetings to show power.",
        counter=N_(
            "Keep our original end time and offer to continue another day. Apply our "
            "cancellation rule after the first repeat."
        ),
    ),
    Tactic(
        key="anger",
        name="Anger and intimidation",
        aliases=(
            "intimidation",
            "temper",
            "outburst",
            "emotional outburst",
            "shouting",
            "table pounding",
            "bullying",
            "personal attack",
        ),
        looks_like="They raise their voice or get personal to knock us off balance.",
        counter=N_(
            "Lower our voice and slow down. Call a short break if needed; never trade a "
            "concession for calm."
        ),
    ),
)


_QUOTES = "'\u2018\u2019\u02bc`"


def _normalize(text: str) -> str:
    """Fold a tactic name to a matching form: `The Slow_Walks!` -> `slow walk`."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = "".join(ch for ch in text if ch not in _QUOTES)  # "you'll" -> "youll"
    text = " ".join(re.sub(r"[\W_]+", " ", text).split())
    if text.startswith("the "):
        text = text[4:]
    if len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return text


def _build_index() -> dict[str, Tactic]:
    index: dict[str, Tactic] = {}
    for tactic in TACTICS:
        for spelling in (tactic.key, tactic.name, *tactic.aliases):
            form = _normalize(spelling)
            other = index.setdefault(form, tactic)
            if other is not tactic:  # pragma: no cover - guarded by tests
                raise ValueError(f"{spelling!r} names both {other.key!r} and {tactic.key!r}")
    return index


_INDEX = _build_index()


def find_tactic(name: str) -> Tactic | None:
    """The built-in tactic a dossier's free-text name refers to, if any: written as the
    library spells it, or misspelt by a letter or two (`nibling`: nibbling's counter still
    reaches the sheet, and `check` warns about the spelling)."""
    if not isinstance(name, str):
        return None
    return _INDEX.get(_normalize(name)) or close_tactic(name)


def close_tactic(name: str) -> Tactic | None:
    """The one built-in tactic `name` is a near miss of (a typo: one letter wrong, missing,
    extra or swapped; two in a long name), or None: an exact spelling, a short name, or a name
    as near to two different tactics is no near miss."""
    form = _normalize(name)
    if len(form) < 5 or form in _INDEX:
        return None
    allowed = 1 if len(form) < 9 else 2
    near = {
        tactic.key: tactic
        for spelling, tactic in _INDEX.items()
        if abs(len(spelling) - len(form)) <= allowed and _typos(form, spelling) <= allowed
    }
    return next(iter(near.values())) if len(near) == 1 else None


def _typos(a: str, b: str) -> int:
    """Edits from `a` to `b`: a letter changed, added, removed, or two swapped (optimal string
    alignment distance)."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        previous, before, row = before, row, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous[j - 2] + 1)
    return row[-1]
