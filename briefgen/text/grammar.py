"""Pitch English: pronouns, the helpers that make a dossier's phrases read as a person wrote them
(capitals, full stops, lists), how a trait fits a sentence, and the narrator that decides who a
sentence names. The pitch document (`documents/pitch.py`) renders with them; nothing here knows
a dossier.

How a trait fits a sentence is read from its first words, with a small lexicon and no guessing
where it matters: "led a 40-person team" and "can read a P&L" take the subject directly ("He
led", "They can read"), "has run two plants" agrees with it ("They have run"), "cultured and
sophisticated" and "an electric personality" follow "is"/"are". A trait the rules cannot read
for sure is flagged (`TraitReading.unclear`), so the pitch command can say so on standard
error and how to write it unambiguously.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

# -- Pronouns. ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pronoun:
    """The forms of one pronoun, named after the `they` forms so a template reads naturally:
    `{{ p.they }} {{ p.are }}` is "she is" for she and "they are" for they."""

    they: str
    them: str
    their: str
    are: str
    have: str
    were: str
    plural: bool

    def verb(self, base: str) -> str:
        """The verb agreeing with this pronoun: verb('thrive') is 'thrives' for she."""
        return conjugate(base, self.plural)


PRONOUNS = {
    "she": Pronoun("she", "her", "her", "is", "has", "was", plural=False),
    "he": Pronoun("he", "him", "his", "is", "has", "was", plural=False),
    "they": Pronoun("they", "them", "their", "are", "have", "were", plural=True),
}

TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame", "rev"})


def first_name(name: str) -> str:
    """'Elisa Marchetti' -> 'Elisa'; 'Dr. Ann Lee' -> 'Ann'; a single name stays whole."""
    words = name.split()
    for word in words[:-1]:
        if word.rstrip(".").lower() not in TITLES:
            return word
    return words[-1] if words else name


# -- Phrases, sentences and lists. -------------------------------------------------------------

_ABBREVIATION = re.compile(
    r"(?:\b(?:etc|inc|ltd|co|corp|jr|sr|st|vs|approx)|(?:\b[A-Za-z]\.)+[A-Za-z])\.$", re.IGNORECASE
)
_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019\u00bb)\]]*$")  # closing quotes, French too
_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.$")  # '..' but not an ellipsis '...'
_LEADING_WORD = re.compile(r"[^\W\d_]+")


def clean(text: str) -> str:
    """A phrase without stray whitespace or the end punctuation a sentence will supply
    ('cultured.' -> 'cultured'); abbreviations keep their full stop ('Acme Inc.')."""
    text = " ".join(text.split())
    while text and text[-1] in ".,;:" and not _ABBREVIATION.search(text):
        text = text[:-1].rstrip()
    return text


def phrase(text: str) -> str:
    """A phrase as it reads mid-sentence: 'Cultured and sophisticated.' -> 'cultured and
    sophisticated'. The person's case is kept, except a capital that only marked the start of
    a list item on a common word briefgen knows ('Cultured', 'A man', 'Warm'): a proper noun
    ('English', 'French-Canadian', 'McKinsey'), an acronym (MBA) and 'I' keep theirs, and so
    does any word briefgen does not know (when unsure, the person's case wins)."""
    text = clean(str(text))
    word = _LEADING_WORD.match(text)
    letters = word[0] if word else ""
    after = text[len(letters) : len(letters) + 1] if word and word.start() == 0 else ""
    if (
        letters[:1].isupper()
        and (len(letters) == 1 or letters[1:].islower())
        and after not in ("-", "'", "\u2019", ".")  # French-Canadian, O'Brien, U.S.
        and letters.lower() in COMMON_WORDS
        and letters != "I"
    ):
        text = text[0].lower() + text[1:]
    return text


def sentence(text: str) -> str:
    """One sentence: whitespace collapsed, a capital first and one full stop at the end,
    whatever the dossier's punctuation. A first word that holds a capital already (iPhone,
    eBay, MBA) is left as written: the sentence's first letter is the only case briefgen
    changes."""
    text = " ".join(str(text).split()).rstrip(",;:").rstrip()
    text = _DOUBLED_STOP.sub(".", text)
    if not text:
        return ""
    for index, char in enumerate(text):
        if char.isalnum():
            word = _LEADING_WORD.match(text, index)
            if not (word and any(c.isupper() for c in word[0])):  # iPhone, eBay stay
                text = text[:index] + char.upper() + text[index + 1 :]
            break
    return text if _END.search(text) else text + "."


def capital(text: str) -> str:
    """A list item on the sheet: a capital first, no end punctuation."""
    text = clean(str(text))
    return text[:1].upper() + text[1:]


def series(items: Iterable[Any], conjunction: str = "and") -> str:
    """Items joined the way a person writes them: 'a, b and c'. Items that hold commas are
    kept apart with semicolons ('a; b, c; and d'), and items that hold 'and' get a comma
    before the last one, so the list never reads ambiguously."""
    parts = [phrase(item) for item in items if str(item).strip()]
    if len(parts) <= 1:
        return "".join(parts)
    if any("," in part for part in parts):
        if len(parts) == 2:
            return f"{parts[0]}, {conjunction} {parts[1]}"
        return "; ".join(parts[:-1]) + f"; {conjunction} {parts[-1]}"
    serial = any(f" {conjunction} " in part for part in parts)
    head = ", ".join(parts[:-1])
    return f"{head}{',' if serial else ''} {conjunction} {parts[-1]}"


def prose(text: str) -> str:
    """A paragraph on one line: a template may spread it over several."""
    return " ".join(str(text).split())


# -- Verbs. ------------------------------------------------------------------------------------

# Verbs in their base form that a trait may start with, in the present ("speaks four
# languages") or, regularly formed, in the past ("managed a team").
VERBS = frozenset(
    """be have do go speak love enjoy know like bring build lead run travel cook write think
    work make take get live value thrive care prefer want need dance play read hold own manage
    collect volunteer mentor listen keep give find plan paint sing teach coach ski sail swim
    hike cycle believe seek appreciate adore laugh fly grow win raise help create design
    follow spend say miss put turn show treat light stay start found launch open close sell
    buy negotiate deliver lift cut fix solve head chair direct oversee steer shape drive ride
    scale turn rebuild restructure sign hire train recruit coach publish present serve earn
    save invest study research move learn speak translate organize organise host throw walk
    climb row race compete garden bake read ship deploy automate streamline reduce increase
    double triple grow close handle juggle balance combine bridge connect unite inspire
    motivate support champion advocate protect mediate resolve settle""".split()  # noqa: SIM905
)
IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}
PLURAL = {"be": "are"}
# Auxiliaries that agree with the subject, as (singular, plural).
AGREEING = {
    "is": ("is", "are"),
    "are": ("is", "are"),
    "was": ("was", "were"),
    "were": ("was", "were"),
    "has": ("has", "have"),
    "have": ("has", "have"),
    "does": ("does", "do"),
    "do": ("does", "do"),
    "isn't": ("isn't", "aren't"),
    "aren't": ("isn't", "aren't"),
    "wasn't": ("wasn't", "weren't"),
    "weren't": ("wasn't", "weren't"),
    "hasn't": ("hasn't", "haven't"),
    "haven't": ("hasn't", "haven't"),
    "doesn't": ("doesn't", "don't"),
    "don't": ("doesn't", "don't"),
}
# Words that take any subject unchanged.
MODALS = frozenset(
    """can could will would shall should may might must cannot can't couldn't won't wouldn't
    shouldn't mustn't""".split()  # noqa: SIM905
)
# Irregular past tenses; those that are never also an adjective ("ran", "grew") and those that
# can be a participle too ("built", "made": "built by hand" follows "is").
PAST_ONLY = frozenset(
    """ran grew took wrote began went came saw became gave drove spoke rode swam sang flew knew
    threw drew chose broke ate fell forgot overcame undertook oversaw rose""".split()  # noqa: SIM905
)
PAST = PAST_ONLY | frozenset(
    """led built made held kept sold taught brought bought found won lost left sent told paid
    spent met stood understood fought caught thought read ran put set cut hit let shut spread
    quit won dealt meant felt heard""".split()  # noqa: SIM905
)
# Words in -ed that, at the start of a trait, describe rather than tell what was done.
ED_ADJECTIVES = frozenset(
    """accomplished balanced based celebrated certified committed composed connected cultured
    dedicated devoted divorced driven educated engaged experienced focused gifted grounded
    interested invested involved known licensed married measured motivated organized organised
    polished qualified refined relaxed renowned reserved respected retired seasoned self-taught
    skilled sophisticated talented trained trusted unflappable versed widowed well-read
    well-traveled well-travelled tired excited determined reserved""".split()  # noqa: SIM905
)
# Participles that tell a fact of the past: "born in Lyon" reads "she was born in Lyon".
PAST_PASSIVES = frozenset({"born", "raised", "brought"})
ADVERBS = frozenset(
    """never always often still also rarely usually really once recently regularly quickly
    easily genuinely truly deeply""".split()  # noqa: SIM905
)
# A trait that starts with one of these is a clause of its own ("her style puts people at ease").
CLAUSE_STARTS = frozenset(
    """her his their she he they she's he's they're she'll he'll they'll people everyone
    everybody friends colleagues clients""".split()  # noqa: SIM905
)
ARTICLES = frozenset({"a", "an", "the", "one"})
# Words after a verb that show it has an object: "managed a team", "led two plants".
OBJECT_STARTS = frozenset(
    """a an the two three four five six seven eight nine ten dozens hundreds thousands her his
    their its this that these those every each several many more over multiple numerous some
    teams people companies businesses projects""".split()  # noqa: SIM905
)
COORDINATORS = frozenset({"and", "or", "but", "&"})
NUMBERS = frozenset("two three four five six seven eight nine ten twelve twenty".split())  # noqa: SIM905


# Nouns a trait may be, bare ("team player", "mentor to young engineers"): they take an
# article after "is" ("she is a team player").
NOUN_HEADS = frozenset(
    """player person leader mentor coach speaker parent mother father friend partner
    professional expert host cook chef athlete fan lover traveler traveller native citizen
    veteran graduate alum alumna alumnus engineer manager builder founder owner listener
    communicator negotiator storyteller problem-solver self-starter learner reader writer
    thinker doer planner organizer organiser networker connector advocate champion volunteer
    entrepreneur operator executive generalist specialist polyglot rock asset hire natural
    teacher student researcher designer developer strategist analyst adviser advisor
    consultant pilot sailor runner cyclist swimmer golfer skier climber musician artist
    collector gardener baker mediator diplomat""".split()  # noqa: SIM905
)
# Verbs in their base form that are nouns too: before a preposition or alone ("mentor to
# young engineers", "coach") they are the noun.
NOUN_VERBS = frozenset(
    """mentor coach host champion advocate volunteer lead guide chair head parent cook judge
    partner model speaker""".split()  # noqa: SIM905
)
# Words in -er, -or that are not nouns of a person: never read as one.
NOT_NOUNS = frozenset(
    """clever eager proper sober bitter tender other over better older younger faster
    together never ever super under after junior senior major minor prior inferior superior
    bigger smarter stronger greater higher lower earlier later""".split()  # noqa: SIM905
)
PREPOSITIONS = frozenset(
    """to of for with in at on from about across among who that which""".split()  # noqa: SIM905
)
# Adjectives and nouns a list item often starts with: a capital on one of these only marked
# the start of the item ("Warm,", "Someone who..."), and a phrase lowers it mid-sentence.
COMMON_ADJECTIVES = frozenset(
    """warm funny kind generous calm patient curious honest loyal smart bright sharp witty
    charming friendly outgoing shy quiet gentle thoughtful caring loving playful adventurous
    ambitious creative confident humble reliable dependable resilient steady fluent fit
    active sporty elegant stylish easygoing easy-going down open-minded hard-working
    hardworking energetic enthusiastic passionate positive practical pragmatic decisive
    direct candid discreet diplomatic fair firm tough gracious graceful sincere spontaneous
    independent strong successful wise worldly young old new great good excellent natural
    someone somebody man woman person people anyone family single divorced world
    well""".split()  # noqa: SIM905
)


def third_person(base: str) -> str:
    if base in IRREGULAR:
        return IRREGULAR[base]
    if re.search(r"(s|sh|ch|x|z)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


_BASES = {third_person(verb): verb for verb in VERBS} | {verb: verb for verb in VERBS}
_BASES.update({"is": "be", "are": "be"})


COMMON_WORDS = (
    frozenset(_BASES)
    | VERBS
    | PAST
    | ED_ADJECTIVES
    | PAST_PASSIVES
    | ADVERBS
    | CLAUSE_STARTS
    | ARTICLES
    | OBJECT_STARTS
    | NUMBERS
    | MODALS
    | frozenset(AGREEING)
    | NOUN_HEADS
    | COMMON_ADJECTIVES
    | {"an", "a", "loves", "has", "is", "was", "can", "will", "never", "always"}
)


def conjugate(base: str, plural: bool) -> str:
    """The present tense of `base` ('thrive', or 'thrives') for a singular or plural subject."""
    word = base.lower()
    if word in AGREEING:
        return AGREEING[word][plural]
    base = _BASES.get(word, word)
    return PLURAL.get(base, base) if plural else third_person(base)


def _past_stem(word: str) -> str | None:
    """The base verb of a regular past form in the lexicon: 'managed' -> 'manage'."""
    if not word.endswith("ed"):
        return None
    candidates = [word[:-1], word[:-2]]
    if word.endswith("ied"):
        candidates.append(word[:-3] + "y")
    if len(word) > 4 and word[-3] == word[-4]:  # planned, shipped
        candidates.append(word[:-3])
    return next((c for c in candidates if c in VERBS), None)


def _is_verb_s(word: str) -> bool:
    """A present tense in -s: 'loves', 'juggles', 'teaches' (not 'generous', 'tireless')."""
    if word in _BASES and _BASES[word] != word:
        return True
    return bool(re.fullmatch(r"[a-z]+[^suiy']s", word))


# -- Traits. -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TraitReading:
    """How a trait fits a sentence about the person.

    kind: 'clause' stands alone ('her style puts people at ease'); 'does' takes the subject
    directly ('speaks four languages', 'led a team', 'can read a P&L'); 'was' follows
    'was'/'were' ('born in Lyon'); 'noun' and 'adjective' follow 'is'/'are'.
    verb: the index of the word that agrees with the subject, if any.
    unclear: the rules could not tell for sure; `kind` is the likelier reading.
    article: the article a bare singular noun takes after 'is' ('a team player')."""

    kind: str
    verb: int | None = None
    unclear: bool = False
    article: str = ""  # 'a' or 'an' for a bare noun: "team player" reads "a team player"


def _words(text: str) -> list[str]:
    return [w.strip("\"'(),;:").lower() for w in text.split()]


def read_trait(text: str, first: str = "") -> TraitReading:
    """How `text` fits a sentence (see TraitReading)."""
    words = _words(text)
    if not words:
        return TraitReading("adjective")
    if words[0] in CLAUSE_STARTS or (first and words[0] == first.lower()):
        return TraitReading("clause")
    index = 0
    while index < len(words) - 1 and words[index] in ADVERBS:
        index += 1
    word = words[index]
    after = words[index + 1 :]
    following = after[0] if after else None
    if word in MODALS:
        return TraitReading("does")
    if (
        word in NOUN_VERBS
        and _BASES.get(word) == word
        and index == 0
        and (following is None or following in PREPOSITIONS)
    ):  # 'mentor to young engineers': the noun, most likely
        return TraitReading("noun", unclear=True, article=article_for(text))
    if word in AGREEING or word in _BASES:
        return TraitReading("does", index)
    has_object = following is not None and (following in OBJECT_STARTS or following[:1].isdigit())
    if word in PAST_PASSIVES and not has_object and following not in COORDINATORS:
        return TraitReading("was")
    if word in PAST_ONLY:
        return TraitReading("does")
    if word in PAST:
        return TraitReading("adjective" if following == "by" else "does")
    if word.endswith("ed") and "-" not in word:
        return _read_past(word, after)
    if words[0] in ARTICLES:
        return TraitReading("noun")
    if word[:1].isdigit() or word in NUMBERS:  # 'two kids': has? is? cannot tell
        return TraitReading("noun", unclear=True)
    if _is_verb_s(word):  # 'juggles three jobs': a plural noun rarely starts a trait
        return TraitReading("does", index)
    head = _head(words)
    guessed = (
        len(words) > 1
        and head not in NOT_NOUNS
        and bool(re.fullmatch(r"[a-z-]{3,}(?:er|or|ist)", head))
    )
    if head in NOUN_HEADS or guessed:
        # 'team player', 'English and Spanish speaker': a bare singular noun takes an article;
        # a head briefgen only guessed from its ending is said on stderr.
        sure = head in NOUN_HEADS and not _capitalized_head(text, words)
        return TraitReading("noun", unclear=not sure, article=article_for(text))
    return TraitReading("adjective")


def _head(words: list[str]) -> str:
    """The noun a phrase is about: its last word before a preposition ('mentor to ...')."""
    for index, word in enumerate(words):
        if word in PREPOSITIONS or (word in COORDINATORS and index == len(words) - 1):
            return words[index - 1] if index else ""
    return words[-1]


def _capitalized_head(text: str, words: list[str]) -> bool:
    raw = [w.strip("\"'(),;:") for w in text.split()]
    head = _head(words)
    return any(w.lower() == head and w[:1].isupper() for w in raw)


_AN_SOUNDS = re.compile(r"(?:[aeio]|u(?!ni|s[eu]|r[aeiou]|t[ie])|hour|honest|honou?r|heir)", re.I)
_AN_LETTERS = frozenset("AEFHILMNORSX")  # letters said with a vowel first: an MBA, an HR lead


def article_for(text: str) -> str:
    """'a' or 'an' before `text`, by its sound: an engineer, a union leader, an MBA."""
    word = _LEADING_WORD.match(clean(text))
    if not word:
        return "a"
    letters = word[0]
    if len(letters) > 1 and letters.isupper():  # an acronym, said letter by letter
        return "an" if letters[0] in _AN_LETTERS else "a"
    if letters.lower().startswith(("one", "eu", "uni", "use", "usu", "ura", "ute")):
        return "a"
    return "an" if _AN_SOUNDS.match(letters) else "a"


def _read_past(word: str, after: list[str]) -> TraitReading:
    """A first word in -ed: a past tense ('managed a team') or an adjective ('talented')."""
    # Over a chain of coordinated words ('managed and grew a team'), the last one decides.
    while len(after) >= 2 and after[0] in COORDINATORS:
        word, after = after[1], after[2:]
    following = after[0] if after else None
    if word in PAST_ONLY or (word in PAST and following != "by"):
        return TraitReading("does")
    if following in OBJECT_STARTS or (following and following[:1].isdigit()):
        return TraitReading("does")  # it has an object: 'managed two plants'
    if word in ED_ADJECTIVES or following in (None, "by", *COORDINATORS):
        return TraitReading("adjective")
    if _past_stem(word):
        return TraitReading("does")  # 'worked in five countries', 'traveled widely'
    return TraitReading("does", unclear=True)


def as_read(trait: str, subject: str) -> str:
    """The trait as a clause about `subject` (a name: singular), as the pitch will read it."""
    reading = read_trait(trait)
    text = _with_article(phrase(trait), reading)
    if reading.kind == "does":
        return f"{subject} {agree(text, reading, plural=False)}"
    if reading.kind == "was":
        return f"{subject} was {text}"
    if reading.kind == "clause":
        return text
    return f"{subject} is {text}"


def _with_article(text: str, reading: TraitReading) -> str:
    return f"{reading.article} {text}" if reading.article else text


def agree(text: str, reading: TraitReading, plural: bool) -> str:
    """The trait with its verb agreeing: 'speaks four languages' for she, 'speak' for they."""
    if reading.verb is None:
        return text
    words = text.split(" ")
    words[reading.verb] = conjugate(words[reading.verb], plural)
    return " ".join(words)


# -- The narrator. -----------------------------------------------------------------------------


class Subject(Protocol):
    """What the narrator needs to know of the person."""

    @property
    def name(self) -> str: ...
    @property
    def first_name(self) -> str: ...
    @property
    def traits(self) -> tuple[str, ...]: ...


@dataclass
class _Group:
    kind: str
    items: list[str]
    clause: str | None = None


class Narrator:
    """Who a sentence is about, as a person writing would choose: the full name at the first
    mention, then the pronoun; the first name again when the sentence before ended on someone
    or something else ('...and her style puts people at ease. Elisa is...'), or after two
    sentences in a row that began with the pronoun, but never in two sentences in a row.
    Templates call it in reading order: `{{ say.be() }}`, `{{ say.will() }}`,
    `{{ say.does('thrive') }}`, `{{ say.name() }}`, `{{ say.qualities() }}`."""

    PRONOUN_RUN = 2  # sentences in a row that may begin with the pronoun

    def __init__(self, view: Subject, pronoun: Pronoun):
        self.view = view
        self.p = pronoun
        self.mentions = 0
        self._run = 0  # sentences in a row begun with the pronoun
        self._elsewhere = False  # the last sentence ended on another subject
        self._named = True  # the person's last mention as a subject was by name

    def __repr__(self) -> str:  # the default repr shows a memory address: output must not vary
        return f"Narrator({self.view.name!r})"

    def subject(self) -> str:
        return self._next()[0]

    def _next(self) -> tuple[str, bool]:
        """(subject, plural verb?): a name always takes a singular verb, 'they' a plural one."""
        self.mentions += 1
        if self.mentions == 1:
            return self.view.name, False
        if (self._elsewhere and not self._named) or self._run >= self.PRONOUN_RUN:
            self._elsewhere, self._run, self._named = False, 0, True
            return self.view.first_name, False
        self._elsewhere, self._named = False, False
        self._run += 1
        return self.p.they, self.p.plural

    def name(self) -> str:
        """The name where it is not the subject: full at the first mention, then the first name."""
        self.mentions += 1
        self._elsewhere, self._run, self._named = False, 0, True
        return self.view.name if self.mentions == 1 else self.view.first_name

    def be(self) -> str:
        who, plural = self._next()
        return f"{who} {'are' if plural else 'is'}"

    def will(self) -> str:
        who, _ = self._next()
        return f"{who}'ll" if who == self.p.they else f"{who} will"

    def does(self, verb: str) -> str:
        who, plural = self._next()
        return f"{who} {conjugate(verb, plural)}"

    def qualities(self, limit: int | None = None) -> str:
        """The traits as sentences, at most `limit` of them (an email says one). Consecutive
        traits of one kind share a sentence ('she is warm, funny and generous'), and so do short
        groups of different kinds ('he led a team and is calm under pressure'), so that the
        pitch never runs five short sentences on one subject; a clause joins the sentence
        before it."""
        first = self.view.first_name
        groups: list[_Group] = []
        for trait in self.view.traits:
            reading = read_trait(trait, first)
            kind = "is" if reading.kind in ("noun", "adjective") else reading.kind
            last = groups[-1] if groups else None
            if kind == "clause" and last and last.kind != "clause" and last.clause is None:
                last.clause = trait
            elif kind != "clause" and last and last.kind == kind and last.clause is None:
                last.items.append(trait)
            else:
                groups.append(_Group(kind, [trait]))
        sentences: list[str] = []
        if groups and groups[0].kind == "clause" and self.mentions == 0:
            sentences.append(sentence(f"meet {self.name()}"))
        for run in _sentences(groups):
            if limit is not None and len(sentences) >= limit:
                break
            if run[0].kind == "clause":
                sentences.append(sentence(run[0].items[0]))
                self._elsewhere = True
                continue
            who, plural = self._next()
            predicates = [self._predicate(group, plural) for group in run]
            body = f"{who} {_join(predicates)}"
            if run[-1].clause:
                body += f", and {phrase(run[-1].clause)}"
                self._elsewhere = True
            sentences.append(sentence(body))
        return " ".join(sentences)

    def _predicate(self, group: _Group, plural: bool) -> str:
        """What a group says of the person, agreeing with the subject: 'led a team', 'is calm'."""
        first = self.view.first_name
        readings = [read_trait(item, first) for item in group.items]
        if group.kind == "does":
            return series(
                agree(phrase(i), r, plural) for i, r in zip(group.items, readings, strict=True)
            )
        if group.kind == "was":
            return f"{'were' if plural else 'was'} {series(group.items)}"
        items = [_with_article(phrase(i), r) for i, r in zip(group.items, readings, strict=True)]
        return f"{'are' if plural else 'is'} {series(items)}"


# A sentence holds at most this many traits when it joins groups of different kinds.
SENTENCE_TRAITS = 3
SENTENCE_CHARS = 90


def _sentences(groups: list[_Group]) -> list[list[_Group]]:
    """Groups packed into sentences: a group of one trait joins the sentence before it (one
    subject, two predicates), up to SENTENCE_TRAITS traits and SENTENCE_CHARS characters; a
    clause stands alone or ends its sentence."""
    runs: list[list[_Group]] = []
    for group in groups:
        last = runs[-1] if runs else None
        if (
            last
            and group.kind != "clause"
            and last[-1].kind != "clause"
            and last[-1].clause is None
            and len(group.items) == 1
            and group.clause is None
            and sum(len(g.items) for g in last) + 1 <= SENTENCE_TRAITS
            and sum(len(" ".join(g.items)) for g in [*last, group]) <= SENTENCE_CHARS
        ):
            last.append(group)
        else:
            runs.append([group])
    return runs


def _join(predicates: list[str]) -> str:
    """Predicates of one subject: 'led a team and is calm', 'a, b, and c' when one holds 'and'."""
    if len(predicates) == 1:
        return predicates[0]
    serial = any(" and " in p or "," in p for p in predicates)
    return ", ".join(predicates[:-1]) + ("," if serial else "") + " and " + predicates[-1]
