"""The built-in tactics in French, Spanish and German: a dossier written in those languages gets
the counters, `check` warns about a near miss in them, and each tactic's name on a sheet is
its catalogue's name, which reads back as the same tactic."""

from __future__ import annotations

import pytest

from briefgen.facts.negotiation import tactic_plans
from briefgen.facts.tactics import FOREIGN_ALIASES, TACTICS, find_tactic, near_miss, recognise
from briefgen.text import i18n, words

LANGUAGE_LOCALES = {"fr": "fr-CA", "es": "es-ES", "de": "de-DE"}


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("grignotage", "nibbling"),
        ("autorité supérieure", "higher-authority"),
        ("Autorité Supérieure", "higher-authority"),
        ("date butoir", "deadline-pressure"),
        ("date limite", "deadline-pressure"),
        ("l'étau", "vise"),
        ("L\u2019étau", "vise"),
        ("la grimace", "flinch"),
        ("couper la poire en deux", "split-the-difference"),
        ("à prendre ou à laisser", "take-it-or-leave-it"),
        ("poser un lapin", "keeping-us-waiting"),
        ("magasinage", "vendor-shopping"),
        ("manœuvres dilatoires", "slow-walking"),
        ("dar largas", "slow-walking"),
        ("autoridad superior", "higher-authority"),
        ("lo tomas o lo dejas", "take-it-or-leave-it"),
        ("Höhere Instanz", "higher-authority"),
        ("Salamitaktik", "salami-slicing"),
        ("Friss oder stirb", "take-it-or-leave-it"),
    ],
)
def test_foreign_names_and_synonyms_are_the_built_in_tactics(written, key):
    found = find_tactic(written)
    assert found is not None
    assert found.key == key


def test_every_foreign_table_names_real_tactics_and_every_tactic():
    keys = {tactic.key for tactic in TACTICS}
    for language, table in FOREIGN_ALIASES.items():
        assert set(table) == keys, language


@pytest.mark.parametrize("language", sorted(LANGUAGE_LOCALES))
def test_the_catalogue_name_of_each_tactic_reads_back_as_that_tactic(language):
    """The name a sheet prints (the catalogue's) is the first alias of its language: a person
    copying it from a sheet into a dossier gets the same tactic, written in that language."""
    locale = LANGUAGE_LOCALES[language]
    for tactic in TACTICS:
        name = i18n.gettext(tactic.name, locale)
        assert name != tactic.name or tactic.key == "silence", (language, tactic.key)
        found = recognise(name)
        assert found is not None, (language, name)
        assert found.tactic is tactic, (language, name)
        assert found.language in (language, "en"), (language, name)
        first = FOREIGN_ALIASES[language][tactic.key][0]
        assert recognise(first) == found, (language, first)


@pytest.mark.parametrize(
    ("typo", "spelling"),
    [
        ("grignotge", "grignotage"),
        ("autorité supérieur", "autorité supérieure"),
        ("Salamitaktick", "Salamitaktik"),
    ],
)
def test_a_near_miss_in_another_language_names_its_spelling(typo, spelling):
    found = near_miss(typo)
    assert found is not None
    assert found.spelling == spelling


def test_the_sheet_says_a_tactic_in_its_own_language():
    """The dossier's own words when they are in the sheet's language, else the built-in
    tactic's name in the sheet's language; words naming no built-in tactic as written."""
    plans = tactic_plans_of(["higher authority", "grignotage", "slow-walking", "our own trick"])
    assert [words.tactic_name(p, "fr-CA") for p in plans] == [
        "Autorité supérieure",
        "grignotage",
        "Lenteur calculée",
        "our own trick",
    ]
    assert [words.tactic_name(p, "en") for p in plans] == [
        "higher authority",
        "Nibbling",
        "slow-walking",
        "our own trick",
    ]
    assert [words.tactic_name(p, "de-DE") for p in plans][:2] == [
        "Höhere Instanz",
        "Nachschlag fordern",
    ]
    assert plans[1].counter_source == "built-in"
    assert plans[1].key == "nibbling"


def tactic_plans_of(names: list[str]):
    from briefgen.dossier.model import Dossier

    return tactic_plans(Dossier.model_validate({"name": "A", "tactics": names}).tactics)


def test_check_warns_about_a_french_near_miss(run_cli, write_dossier):
    write_dossier("name: Dan\ntactics:\n  - grignotge\n  - autorité supérieure\n", "dan.yaml")
    result = run_cli("check", "dan.yaml")
    assert result.exit_code == 0
    assert (
        "dan.yaml:3:5: warning: tactics[0].tactic: tactic 'grignotge' is not a name briefgen "
        "knows: did you mean grignotage? (the sheet gives it the counter for grignotage)"
    ) in result.stdout
    assert "write `grignotage` to make it plain" in result.stdout
    assert "autorité" not in result.stdout  # an exact French name is no near miss
