"""French for the pitch: the sentence around the dossier's traits, which the person writes in
French ("cultivée et raffinée", "parle quatre langues", "une voyageuse accomplie").

The pronoun. `she` is *elle* and `he` is *il*. `they` is the person's first name, every time:
*iel* is in Le Robert since 2021 but neither the Académie française nor the Office québécois
de la langue française recommends it, and many readers still stop at it. A pitch is read by a
matchmaker, a recruiter or a client, and must not make them stop; the name is never wrong,
needs no agreement, and is how a French writer avoids a gendered pronoun. (A person who wants
*iel* writes their own template: `p.sujet` is the pronoun the narrator uses.)

Agreement. Every supported pronoun is singular in French (*iel est*, not *sont*), so briefgen
writes *est*, *a*, *sera*; a verb agrees in number with `Pronom.pluriel`, and
*c'est* / *ce sont* agrees with a list of noun traits (*ce sont des amis fidèles*).

Elision: *que elle* is *qu'elle*, *de Élisa* is *d'Élisa*, *le hôtel* is *l'hôtel*; an h
aspiré (*le hockey*) keeps its vowel. Lists join as French does: *a, b et c*, no comma before
*et*; items that hold a comma are kept apart with semicolons (with the thin space France puts
before one, none in Quebec).

The hook for documents/pitch.py: `french_pitch_context(view, locale)` is the context a French
pitch template sees (name, first_name, pitch, p, say, lang), `filters(locale)` the filters
(sentence, phrase, series, capital, prose, elide). Templates live in templates/pitch/fr/.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Protocol

from briefgen.text.grammar import sentence as sentence  # part of this module's API
from briefgen.text.i18n import Locale, babel_locale, check_locale


class PitchView(Protocol):
    """What a pitch may see (documents.pitch.PublicPitch): the name and the pitch section."""

    @property
    def name(self) -> str: ...
    @property
    def first_name(self) -> str: ...
    @property
    def pronoun(self) -> str: ...
    @property
    def headline(self) -> str | None: ...
    @property
    def traits(self) -> tuple[str, ...]: ...
    @property
    def best_match(self) -> tuple[str, ...]: ...
    @property
    def culture(self) -> tuple[str, ...]: ...


# -- Elision. -----------------------------------------------------------------------------------

ELIDING = {"que": "qu'", "de": "d'", "le": "l'", "la": "l'", "ne": "n'", "se": "s'", "je": "j'"}
# Words whose h is aspiré: no elision before them (le héros, la honte, le hockey).
H_ASPIRE = frozenset(
    """hache haie haine hall halte hameau hamac hanche handicap hangar hanter harceler hardi
    hareng haricot harpe hasard hâte hausse haut hauteur hérisson héron héros hibou hiérarchie
    hockey homard honte hors hotte houx huit hurler hutte""".split()  # noqa: SIM905
)
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"


def _bare(word: str) -> str:
    letters = unicodedata.normalize("NFC", word).casefold()
    return letters.strip("«»\"'()[] ")


def elides_before(word: str) -> bool:
    """Whether `word` starts with a vowel sound: a vowel, or an h muet."""
    bare = _bare(word)
    if not bare:
        return False
    if bare[0] in _VOWELS:
        return True
    if bare[0] == "h":
        head = re.split(r"[\s'’-]", bare)[0]
        return head not in H_ASPIRE
    return False


def elide(word: str, following: str) -> str:
    """`word` before `following`, elided when French elides: elide('que', 'elle') is
    "qu'elle", elide('de', 'Claude') is 'de Claude', elide('le', 'hockey') 'le hockey'."""
    short = ELIDING.get(word.casefold())
    if short and elides_before(following):
        if word[:1].isupper():
            short = short[0].upper() + short[1:]
        return f"{short}{following}"
    return f"{word} {following}"


# -- The pronoun and the verbs it takes. ------------------------------------------------------


@dataclass(frozen=True)
class Pronom:
    """The forms of one pronoun; None where French uses the first name (for `they`)."""

    sujet: str | None  # elle, il
    tonique: str | None  # avec elle, avec lui
    pluriel: bool = False


PRONOMS = {
    "she": Pronom("elle", "elle"),
    "he": Pronom("il", "lui"),
    "they": Pronom(None, None),
}

# Third person singular -> plural, for the verbs the templates use.
PLURIELS = {
    "est": "sont",
    "a": "ont",
    "sera": "seront",
    "fait": "font",
    "donne": "donnent",
    "s'épanouit": "s'épanouissent",
    "se sentira": "se sentiront",
    "c'est": "ce sont",
}


def accorde(verbe: str, pluriel: bool) -> str:
    """The verb agreeing in number: accorde('est', True) is 'sont'."""
    return PLURIELS.get(verbe, verbe) if pluriel else verbe


# -- Phrases and sentences. ---------------------------------------------------------------------

_LEADING_WORD = re.compile(r"[^\W\d_]+")


def clean(text: str) -> str:
    """A phrase without stray whitespace or the end punctuation a sentence will supply."""
    text = " ".join(str(text).split())
    while text and text[-1] in ".,;:" and not text.endswith("etc."):
        text = text[:-1].rstrip()
    return text


def phrase(text: str, keep: str = "") -> str:
    """A phrase as it reads mid-sentence: 'Cultivée et raffinée.' is 'cultivée et raffinée'.
    A capital that only marked the start of the item is lowered; an acronym (PME), a
    mixed-case word (McGill) and the word `keep` (the first name) keep theirs."""
    text = clean(text)
    word = _LEADING_WORD.match(text)
    letters = word[0] if word else ""
    if keep and letters == keep:
        return text
    if (len(letters) > 1 and letters[0].isupper() and letters[1:].islower()) or letters == "À":
        text = text[0].lower() + text[1:]
    return text


def capital(text: str) -> str:
    text = clean(text)
    return text[:1].upper() + text[1:]


def prose(text: str) -> str:
    return " ".join(str(text).split())


def series(items: Any, locale: Locale, keep: str = "") -> str:
    """Items joined as French does, by CLDR: 'a, b et c'. Items that hold a comma are kept
    apart with semicolons ('a ; b, c et d' in France, 'a; b, c et d' in Quebec)."""
    parts = [phrase(item, keep) for item in items if str(item).strip()]
    if len(parts) <= 1:
        return "".join(parts)
    if any("," in part for part in parts):
        semicolon = "\u202f; " if check_locale(locale) == "fr-FR" else "; "
        return semicolon.join(parts[:-1]) + f" et {parts[-1]}"
    from babel.lists import format_list

    return format_list(parts, locale=babel_locale(locale))


# -- What kind of phrase a trait is, and the narrator. -------------------------------------------

ARTICLES = frozenset({"un", "une", "des", "le", "la", "les", "l", "du", "de", "d", "ce", "cette"})
CLAUSES = frozenset(
    {"elle", "il", "iel", "sa", "son", "ses", "leur", "leurs", "on", "tout", "tous", "chacun"}
)
# Verbs a trait may start with, in the third person singular the person writes them in.
VERBES = frozenset(
    """a adore aime anime apprécie accueille apporte bâtit chante collectionne connaît construit
    consacre court crée cuisine cultive danse dessine dirige donne écoute écrit enseigne est
    excelle fait gère inspire jardine joue lit mène met nage organise parle partage peint
    pratique préfère prend rassemble reçoit rit sait sculpte skie suit tient transmet travaille
    valorise vit voyage""".split()  # noqa: SIM905
)
ADVERBES = frozenset({"toujours", "souvent", "aussi", "vraiment", "volontiers", "encore"})


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s'’]+", _bare(text)) if w]


def kind(trait: str, first_name: str) -> str:
    """How a trait fits a sentence: 'proposition' stands alone ('sa curiosité désarme'),
    'verbe' follows the subject ('parle quatre langues'), 'nom' follows *c'est*
    ('une voyageuse accomplie'), 'adjectif' follows *est* ('cultivée et raffinée')."""
    words = _words(trait)
    if not words:
        return "adjectif"
    first = words[0]
    if first in CLAUSES or first == _bare(first_name):
        return "proposition"
    if first in {"ne", "n", "se", "s"}:  # n'a jamais peur, se passionne pour la voile
        return "verbe"
    verb = words[1] if first in ADVERBES and len(words) > 1 else first
    if verb in VERBES:
        return "verbe"
    if first in ARTICLES:
        return "nom"
    return "adjectif"


@dataclass
class _Groupe:
    kind: str
    items: list[str]
    proposition: str | None = None


class Narrateur:
    """Who a sentence is about: the full name at the first mention, then the pronoun and the
    first name in turn (only the first name for `they`). Templates call it in reading order:
    `{{ say.est() }}`, `{{ say.fait("se sentira") }}`, `{{ say.que("s'épanouit") }}`,
    `{{ say.nom() }}`, `{{ say.lui() }}`, `{{ say.qualites() }}`."""

    def __init__(self, view: PitchView, pronom: Pronom, locale: Locale):
        self.view = view
        self.p = pronom
        self.locale = locale
        self.mentions = 0

    def __repr__(self) -> str:
        return f"Narrateur({self.view.name!r})"

    def _sujet(self) -> str:
        self.mentions += 1
        if self.mentions == 1:
            return self.view.name
        if self.p.sujet is None or self.mentions % 2 == 0:
            return self.p.sujet or self.view.first_name
        return self.view.first_name

    def nom(self) -> str:
        """The name where it is not the subject: full at the first mention, then the first."""
        self.mentions += 1
        return self.view.name if self.mentions == 1 else self.view.first_name

    def lui(self) -> str:
        """The person after a preposition: 'avec elle', 'avec lui', 'avec Camille'."""
        if self.mentions == 0:
            return self.nom()
        return self.p.tonique or self.view.first_name

    def fait(self, verbe: str) -> str:
        """The subject and its verb: fait('se sentira') is 'elle se sentira'."""
        return f"{self._sujet()} {accorde(verbe, self.p.pluriel)}"

    def est(self) -> str:
        return self.fait("est")

    def sera(self) -> str:
        return self.fait("sera")

    def que(self, verbe: str) -> str:
        """'qu'elle s'épanouit', 'que Claude s'épanouit', "qu'Élisa s'épanouit"."""
        return elide("que", self.fait(verbe))

    def qualites(self, limite: int | None = None) -> str:
        """The traits as sentences, at most `limite` of them (an email says one). Consecutive
        traits of one kind share a sentence ('elle est chaleureuse, drôle et généreuse'),
        joined by one *et*: a trait that holds its own *et* or comma ('parle français, anglais
        et espagnol') has a sentence of its own. A trait with its own subject ('son calme
        désarme les directions') is a sentence of its own; every other sentence starts with
        the person's name or pronoun."""
        first = self.view.first_name
        groupes: list[_Groupe] = []
        for trait in self.view.traits:
            what = kind(trait, first)
            last = groupes[-1] if groupes else None
            if (
                what != "proposition"
                and last
                and last.kind == what
                and not _compound(trait)
                and not any(_compound(item) for item in last.items)
            ):
                last.items.append(trait)
            else:
                groupes.append(_Groupe(what, [trait]))
        phrases: list[str] = []
        if groupes and groupes[0].kind == "proposition" and self.mentions == 0:
            phrases.append(sentence(f"voici {self.nom()}"))
        for groupe in groupes:
            if limite is not None and len(phrases) >= limite:
                break
            items = groupe.items
            if groupe.kind == "proposition":
                phrases.append(sentence(phrase(items[0], first)))
                continue
            joined = series(items, self.locale, first)
            if groupe.kind == "verbe":
                body = f"{self._sujet()} {joined}"
            elif groupe.kind == "nom":
                plural = all(_words(i)[0] in {"des", "les"} for i in items)
                body = accorde("c'est", plural) + " " + joined
            else:
                body = f"{self.est()} {joined}"
            phrases.append(sentence(body))
        return " ".join(phrases)


def _compound(trait: str) -> bool:
    """A trait that joins things itself ('parle français, anglais et espagnol'): a list around
    it would need a second *et*."""
    return " et " in f" {clean(trait)} " or "," in trait


def french_pitch_context(view: PitchView, locale: Locale) -> dict[str, Any]:
    """What a French pitch template sees: the same names as an English one."""
    pronom = PRONOMS.get(view.pronoun, PRONOMS["they"])
    return {
        "name": view.name,
        "first_name": view.first_name,
        "pitch": view,
        "p": pronom,
        "say": Narrateur(view, pronom, locale),
        "lang": check_locale(locale),
        "sender": None,  # documents/pitch.py sets it from briefgen.toml
        "on_sheet": False,  # True for the PDF sheet's paragraph
    }


def filters(locale: Locale) -> dict[str, Any]:
    """The French pitch filters, under the names the English templates use."""
    return {
        "sentence": sentence,
        "phrase": phrase,
        "series": lambda items: series(items, locale),
        "capital": capital,
        "prose": prose,
        "elide": elide,
    }
