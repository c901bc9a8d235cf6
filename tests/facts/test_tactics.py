"""The built-in tactic library: enough tactics, short usable counters, unambiguous lookup."""

from __future__ import annotations

import re

import pytest

from briefgen.facts.tactics import TACTICS, Tactic, find_tactic

REQUIRED = {
    # concept -> one spelling a dossier writer would use; each must resolve, to distinct tactics
    "silence": "silence",
    "slow-walking": "slow-walking",
    "nibbling": "nibbling",
    "good cop/bad cop": "good cop/bad cop",
    "higher authority": "higher authority",
    "anchoring high": "anchoring high",
    "extreme opening": "extreme opening",
    "deadline pressure": "deadline pressure",
    "flinch": "flinch",
    "take-it-or-leave-it": "take-it-or-leave-it",
    "bogey": "bogey",
    "cherry picking": "cherry picking",
    "salami slicing": "salami slicing",
    "false concession": "false concession",
    "walkaway threat": "walkaway threat",
    "splitting the difference": "splitting the difference",
    "playing competitors off": "playing competitors off",
    "the vise": "you'll have to do better than that",
    "reopening settled points": "last-minute changes",
    "free extras": "ask for free extras",
}


def _spellings(tactic: Tactic) -> list[str]:
    return [tactic.key, tactic.name, *tactic.aliases]


def test_at_least_18_tactics_with_unique_slug_keys():
    keys = [t.key for t in TACTICS]
    assert len(keys) >= 18
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", key), key


def test_tactics_are_frozen_dataclasses():
    tactic = TACTICS[0]
    with pytest.raises(AttributeError):
        tactic.counter = "give in"  # type: ignore[misc]
    assert all(isinstance(t.aliases, tuple) for t in TACTICS)


@pytest.mark.parametrize("tactic", TACTICS, ids=lambda t: t.key)
def test_every_tactic_is_fully_written(tactic: Tactic):
    assert tactic.name.strip()
    assert tactic.counter.strip()
    assert len(tactic.counter) <= 140, (len(tactic.counter), tactic.counter)
    assert "\n" not in tactic.counter
    assert tactic.counter == tactic.counter.strip()
    assert tactic.counter.endswith(".")
    assert tactic.counter[0].isupper()


@pytest.mark.parametrize("tactic", TACTICS, ids=lambda t: t.key)
def test_every_spelling_of_a_tactic_finds_it(tactic: Tactic):
    for spelling in _spellings(tactic):
        assert find_tactic(spelling) is tactic, spelling
        assert find_tactic(spelling.upper()) is tactic, spelling


def test_no_alias_maps_to_two_tactics():
    owner: dict[str, str] = {}
    for tactic in TACTICS:
        for spelling in _spellings(tactic):
            # compare through the lookup's own folding, so near-duplicates count too
            folded = " ".join(re.sub(r"[\W_]+", " ", spelling.casefold().replace("'", "")).split())
            folded = folded.removeprefix("the ").removesuffix("s")
            previous = owner.setdefault(folded, tactic.key)
            assert previous == tactic.key, f"{spelling!r}: {previous} and {tactic.key}"


def test_required_tactics_are_all_present_and_distinct():
    found = {}
    for concept, spelling in REQUIRED.items():
        tactic = find_tactic(spelling)
        assert tactic is not None, f"no built-in tactic for {concept!r} ({spelling!r})"
        found[concept] = tactic.key
    # anchoring high and extreme opening are one tactic; everything else is its own
    assert found["anchoring high"] == found["extreme opening"]
    distinct = {k: v for k, v in found.items() if k != "extreme opening"}
    assert len(set(distinct.values())) == len(distinct), distinct


@pytest.mark.parametrize(
    "spelling",
    ["Slow-walking", "slow walking", "slow_walk", "SLOW WALKS", "  slow-walking. ", "slow walk"],
)
def test_slow_walking_spellings(spelling: str):
    tactic = find_tactic(spelling)
    assert tactic is not None
    assert tactic.key == "slow-walking"


@pytest.mark.parametrize(
    "spelling", ["Nibbles", "the nibble", "nibbling", "Nibble", "The Nibbles!", "'nibbling'"]
)
def test_nibbling_spellings(spelling: str):
    tactic = find_tactic(spelling)
    assert tactic is not None
    assert tactic.key == "nibbling"


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        ("Silence", "silence"),
        ("long silences", "silence"),
        ("The silent treatment", "silence"),
        ("Good Cop / Bad Cop", "good-cop-bad-cop"),
        ("good_cop_bad_cop", "good-cop-bad-cop"),
        ("Higher-Authority", "higher-authority"),
        ("Take it, or leave it!", "take-it-or-leave-it"),
        ("The Vise", "vise"),
        ("\u201cYou\u2019ll have to do better than that\u201d", "vise"),
        ("walk-away threats", "walkaway-threat"),
        ("Deadlines", "deadline-pressure"),
        ("free services", "free-extras"),
        ("pay-to-play", "free-extras"),
        ("Cherry-Picking", "cherry-picking"),
        ("limited budget", "bogey"),
        ("vendor shopping", "vendor-shopping"),
        ("red herrings", "red-herring"),
        ("Reopening settled points", "reopening"),
        ("split the difference", "split-the-difference"),
        ("Salami tactics", "salami-slicing"),
    ],
)
def test_free_text_spellings(spelling: str, key: str):
    tactic = find_tactic(spelling)
    assert tactic is not None, spelling
    assert tactic.key == key


@pytest.mark.parametrize(
    "spelling", ["interpretive dance", "", "   ", "---", "the", "s", "silence please", "golf"]
)
def test_unknown_names_find_nothing(spelling: str):
    assert find_tactic(spelling) is None


def test_counters_follow_our_principles():
    by_key = {t.key: t for t in TACTICS}
    assert "never" in by_key["silence"].counter.lower()
    assert "walk" in by_key["free-extras"].counter.lower()
    assert "get" in by_key["nibbling"].counter.lower()
