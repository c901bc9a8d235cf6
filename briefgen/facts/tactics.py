"""Built-in negotiation tactics and our default counter to each (used when a dossier names a
tactic without a counter).

A dossier may name a tactic in any language briefgen writes: `higher authority`,
`autorité supérieure`, `autoridad superior`, `höhere Instanz` are one tactic. The English
names and counters are data marked for the catalogue (text/words.py says them in the sheet's
language); the other languages' spellings are in FOREIGN_ALIASES, matching only (each
language's first alias is its catalogue name, so a sheet's name reads back as itself)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def N_(message: str) -> str:  # the gettext marker pybabel extracts
    """Mark a name or counter for the catalogue: facts hold English data; text/words says it
    in the sheet's language."""
    return message


@dataclass(frozen=True)
class Tactic:
    key: str  # slug, e.g. "silence"
    name: str  # display name, e.g. "Silence"
    aliases: tuple[str, ...]  # other spellings people write: "long silences", "slow walking", ...
    counter: str  # one or two short imperative sentences: what we do (<= 140 chars)


TACTICS: tuple[Tactic, ...] = (
    Tactic(
        key="silence",
        name=N_("Silence"),
        aliases=(
            "long silences",
            "the silent treatment",
            "silent treatment",
            "awkward pause",
            "pregnant pause",
            "dead air",
            "stonewalling",
        ),
        counter=N_(
            "Let the pause run and stay quiet. Restate the value if needed; never lower "
            "our own number to fill the gap."
        ),
    ),
    Tactic(
        key="slow-walking",
        name=N_("Slow-walking"),
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
        counter=N_(
            "Agree dates for each next step in writing. Tie our offer to an expiry date and "
            "keep other work moving meanwhile."
        ),
    ),
    Tactic(
        key="nibbling",
        name=N_("Nibbling"),
        aliases=("nibble", "the nibble", "one more thing", "small add-ons", "add-ons at signing"),
        counter=N_(
            "Treat every add-on as a new trade: ask what we get for it. Keep a priced list "
            "of extras ready."
        ),
    ),
    Tactic(
        key="good-cop-bad-cop",
        name=N_("Good cop / bad cop"),
        aliases=("good cop bad cop", "good guy bad guy", "good cop", "bad cop", "good cop/bad cop"),
        counter=N_(
            "Name the routine lightly and treat both as one side. Answer the friendly one's "
            "offer exactly as we would the tough one's."
        ),
    ),
    Tactic(
        key="higher-authority",
        name=N_("Higher authority"),
        aliases=(
            "limited authority",
            "need to check with my boss",
            "check with the board",
            "the committee decides",
            "absent decision maker",
            "has to go upstairs",
        ),
        counter=N_(
            "Confirm who decides before we start. Any concession we make is conditional on "
            "the final approval."
        ),
    ),
    Tactic(
        key="anchoring",
        name=N_("Extreme anchor"),
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
        counter=N_(
            "Do not counter their number. Restate ours with the reasons behind it and ask "
            "how they arrived at theirs."
        ),
    ),
    Tactic(
        key="deadline-pressure",
        name=N_("Deadline pressure"),
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
        counter=N_(
            "Ask what really happens after the deadline. Decide against our walk-away, "
            "not the clock; we can say no on time."
        ),
    ),
    Tactic(
        key="flinch",
        name=N_("Flinch"),
        aliases=("the flinch", "wince", "visible shock", "sticker shock", "gasp"),
        counter=N_(
            "Stay calm and quiet, then explain what the price buys. Do not discount in "
            "reply to a reaction."
        ),
    ),
    Tactic(
        key="take-it-or-leave-it",
        name=N_("Take it or leave it"),
        aliases=(
            "take it or leave it",
            "final offer",
            "best and final",
            "ultimatum",
            "non negotiable",
            "no negotiation",
            "boulwarism",
        ),
        counter=N_(
            "Test it: ask which part is truly fixed and trade on the rest. If it is below "
            "our walk-away, leave it politely."
        ),
    ),
    Tactic(
        key="bogey",
        name=N_("Bogey (limited budget)"),
        aliases=(
            "limited budget",
            "budget limit",
            "we only have",
            "not in the budget",
            "budget constraint",
            "fixed budget",
            "budget bogey",
        ),
        counter=N_(
            "Ask how the budget was set and whether the money can move between lines. "
            "Cut scope to fit, not our rate."
        ),
    ),
    Tactic(
        key="cherry-picking",
        name=N_("Cherry picking"),
        aliases=(
            "cherry pick",
            "cherry-pick",
            "picking line items",
            "mix and match quotes",
            "line item picking",
        ),
        counter=N_(
            "Price as a package and show what breaks when items are split. Any unbundled "
            "item gets its own separate price."
        ),
    ),
    Tactic(
        key="salami-slicing",
        name=N_("Salami slicing"),
        aliases=(
            "salami",
            "salami tactics",
            "incremental demands",
            "small slices",
            "death by a thousand cuts",
            "creeping demands",
        ),
        counter=N_(
            "Keep a running total of what we have given. Ask to see the whole list before "
            "agreeing to any single item."
        ),
    ),
    Tactic(
        key="red-herring",
        name=N_("Red herring (false concession)"),
        aliases=(
            "false concession",
            "fake concession",
            "decoy issue",
            "straw man",
            "trading stock",
            "phantom issue",
        ),
        counter=N_(
            "Ask why each point matters to them. Value their concession by what it costs "
            "them, not by how loudly they argued."
        ),
    ),
    Tactic(
        key="walkaway-threat",
        name=N_("Walk-away threat"),
        aliases=(
            "walk away threat",
            "walkaway",
            "threat to walk",
            "threatens to leave",
            "threatening to walk",
            "storming out",
            "we will go elsewhere",
        ),
        counter=N_(
            "Know our BATNA and stay calm. Summarise where we stand, leave the door open "
            "and do not chase with a lower price."
        ),
    ),
    Tactic(
        key="split-the-difference",
        name=N_("Splitting the difference"),
        aliases=(
            "splitting the difference",
            "split the difference",
            "meet in the middle",
            "meet halfway",
            "lets split it",
            "fifty fifty",
        ),
        counter=N_(
            "Check the midpoint against our target first. If we move, get something in "
            "return; never split twice."
        ),
    ),
    Tactic(
        key="vendor-shopping",
        name=N_("Playing competitors off"),
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
        counter=N_(
            "Ask to compare like for like, scope and terms. Sell our difference; do not "
            "bid against an unseen quote."
        ),
    ),
    Tactic(
        key="vise",
        name=N_("The vise"),
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
        counter=N_(
            "Ask exactly how much better, and why. Never answer with a new number of our "
            "own; make them name theirs."
        ),
    ),
    Tactic(
        key="reopening",
        name=N_("Reopening settled points"),
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
        counter=N_(
            "Write each agreed point down as we go. A reopened point reopens everything, "
            "and late changes move the date."
        ),
    ),
    Tactic(
        key="free-extras",
        name=N_("Asking for free extras"),
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
        counter=N_(
            "Put a price on every extra and say it aloud. Decline pay-to-play; be ready to "
            "walk away from the account."
        ),
    ),
    Tactic(
        key="keeping-us-waiting",
        name=N_("Keeping us waiting"),
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
        counter=N_(
            "Keep our original end time and offer to continue another day. Apply our "
            "cancellation rule after the first repeat."
        ),
    ),
    Tactic(
        key="anger",
        name=N_("Anger and intimidation"),
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
        counter=N_(
            "Lower our voice and slow down. Call a short break if needed; never trade a "
            "concession for calm."
        ),
    ),
)


# The built-in tactics as French, Spanish and German dossiers write them: the first spelling of
# each is the name the catalogue gives the tactic in that language (tests/facts check it).
FOREIGN_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "silence": ("silence", "longs silences", "mutisme", "silence radio"),
        "slow-walking": (
            "lenteur calculée",
            "faire traîner",
            "faire traîner les choses",
            "tactique dilatoire",
            "manœuvres dilatoires",
            "atermoiements",
            "temporisation",
            "gagner du temps",
            "étirer le temps",
        ),
        "nibbling": (
            "grignotage",
            "grignoter",
            "une dernière chose",
            "encore une petite chose",
            "petits ajouts à la signature",
        ),
        "good-cop-bad-cop": (
            "bon flic, méchant flic",
            "gentil flic méchant flic",
            "bon policier méchant policier",
            "le bon et le méchant",
            "bon cop bad cop",
        ),
        "higher-authority": (
            "autorité supérieure",
            "autorité limitée",
            "mandat limité",
            "décideur absent",
            "je dois vérifier avec mon patron",
            "je dois en parler à mon patron",
            "le conseil décide",
            "le comité décide",
        ),
        "anchoring": (
            "ancrage extrême",
            "ancrage",
            "ancre",
            "offre extrême",
            "offre ridicule",
            "offre dérisoire",
            "première offre extrême",
        ),
        "deadline-pressure": (
            "pression de l'échéance",
            "date butoir",
            "date limite",
            "échéance artificielle",
            "fausse échéance",
            "pression du temps",
            "urgence",
            "aujourd'hui seulement",
            "offre qui expire",
        ),
        "flinch": (
            "sursaut",
            "grimace",
            "air choqué",
            "réaction choquée",
            "choc du prix",
            "tressaillement",
        ),
        "take-it-or-leave-it": (
            "à prendre ou à laisser",
            "c'est à prendre ou à laisser",
            "offre finale",
            "dernière offre",
            "offre finale et définitive",
            "non négociable",
        ),
        "bogey": (
            "budget limité",
            "budget fixe",
            "contrainte budgétaire",
            "plafond budgétaire",
            "enveloppe fermée",
            "pas dans le budget",
        ),
        "cherry-picking": (
            "choix à la pièce",
            "à la pièce",
            "à la carte",
            "écrémage",
            "cueillette sélective",
        ),
        "salami-slicing": (
            "tactique du salami",
            "tranches de salami",
            "demandes progressives",
            "petites demandes successives",
        ),
        "red-herring": (
            "fausse concession",
            "leurre",
            "fausse piste",
            "enjeu bidon",
            "concession bidon",
            "monnaie d'échange",
        ),
        "walkaway-threat": (
            "menace de rupture",
            "menace de partir",
            "menace de quitter la table",
            "claquer la porte",
            "on va aller ailleurs",
        ),
        "split-the-difference": (
            "couper la poire en deux",
            "partager la différence",
            "se rejoindre à mi-chemin",
            "moitié-moitié",
        ),
        "vendor-shopping": (
            "mise en concurrence",
            "jouer les concurrents",
            "soumissions concurrentes",
            "enchère inversée",
            "votre concurrent est moins cher",
            "magasinage",
            "magasiner les prix",
        ),
        "vise": (
            "étau",
            "il faudra faire mieux",
            "vous devez faire mieux",
            "faites mieux",
            "c'est trop cher",
        ),
        "reopening": (
            "réouverture des points réglés",
            "réouverture",
            "rouvrir l'entente",
            "revenir sur l'entente",
            "changements de dernière minute",
            "déplacer les poteaux",
        ),
        "free-extras": (
            "extras gratuits",
            "travail gratuit",
            "services gratuits",
            "projet pilote gratuit",
            "gratuités",
            "payer pour jouer",
        ),
        "keeping-us-waiting": (
            "nous faire attendre",
            "faire attendre",
            "retards",
            "retards aux rencontres",
            "rendez-vous manqués",
            "poser un lapin",
        ),
        "anger": (
            "colère et intimidation",
            "colère",
            "crise",
            "coup de gueule",
            "éclats de voix",
            "attaque personnelle",
            "taper sur la table",
        ),
    },
    "es": {
        "silence": ("silencio", "silencios largos", "silencio incómodo", "ley del hielo"),
        "slow-walking": (
            "dar largas",
            "dilación",
            "táctica dilatoria",
            "alargar los tiempos",
            "marear la perdiz",
            "ganar tiempo",
        ),
        "nibbling": (
            "mordisqueo",
            "mordisco",
            "una cosita más",
            "una última cosa",
            "añadidos a la firma",
        ),
        "good-cop-bad-cop": (
            "policía bueno, policía malo",
            "poli bueno poli malo",
            "el bueno y el malo",
        ),
        "higher-authority": (
            "autoridad superior",
            "autoridad limitada",
            "decisor ausente",
            "tengo que consultarlo con mi jefe",
            "lo decide el comité",
            "lo decide el consejo",
        ),
        "anchoring": (
            "ancla extrema",
            "anclaje",
            "ancla",
            "oferta extrema",
            "oferta ridícula",
            "oferta a la baja",
        ),
        "deadline-pressure": (
            "presión del plazo",
            "fecha límite",
            "plazo artificial",
            "falso plazo",
            "presión de tiempo",
            "prisas",
            "solo por hoy",
            "oferta que caduca",
        ),
        "flinch": ("respingo", "sobresalto", "cara de susto", "susto por el precio"),
        "take-it-or-leave-it": (
            "lo tomas o lo dejas",
            "lo toma o lo deja",
            "oferta final",
            "última oferta",
            "no negociable",
        ),
        "bogey": (
            "presupuesto limitado",
            "presupuesto fijo",
            "tope de presupuesto",
            "no está en el presupuesto",
            "solo tenemos",
        ),
        "cherry-picking": (
            "selección a la carta",
            "escoger partidas",
            "elegir lo mejor de cada oferta",
        ),
        "salami-slicing": (
            "táctica del salami",
            "rebanadas",
            "demandas graduales",
            "demandas progresivas",
        ),
        "red-herring": (
            "falsa concesión",
            "concesión falsa",
            "pista falsa",
            "señuelo",
            "cortina de humo",
        ),
        "walkaway-threat": (
            "amenaza de abandono",
            "amenaza de irse",
            "amenaza con levantarse",
            "nos vamos a otro lado",
            "portazo",
        ),
        "split-the-difference": (
            "partir la diferencia",
            "dividir la diferencia",
            "quedar a medias",
            "mitad y mitad",
            "a partes iguales",
        ),
        "vendor-shopping": (
            "enfrentar a la competencia",
            "subasta inversa",
            "cotizaciones de la competencia",
            "la competencia es más barata",
            "guerra de ofertas",
        ),
        "vise": ("apretón", "tiene que mejorarlo", "tendrá que mejorarlo", "eso es demasiado"),
        "reopening": (
            "reabrir lo acordado",
            "reabrir",
            "reapertura",
            "cambios de última hora",
            "mover la portería",
        ),
        "free-extras": (
            "extras gratis",
            "trabajo gratis",
            "servicios gratis",
            "piloto gratis",
            "pagar por jugar",
        ),
        "keeping-us-waiting": (
            "hacernos esperar",
            "retrasos",
            "impuntualidad",
            "plantones",
            "dejar plantado",
            "citas canceladas",
        ),
        "anger": (
            "ira e intimidación",
            "ira",
            "enojo",
            "enfado",
            "gritos",
            "ataque personal",
            "golpes en la mesa",
        ),
    },
    "de": {
        "silence": ("Schweigen", "Stille", "lange Pausen", "Schweigetaktik", "Funkstille"),
        "slow-walking": (
            "Verschleppen",
            "Verzögerungstaktik",
            "Hinhaltetaktik",
            "Verschleppungstaktik",
            "auf Zeit spielen",
            "hinhalten",
        ),
        "nibbling": ("Nachschlag fordern", "Nachschlag", "noch eine Kleinigkeit", "Nachforderung"),
        "good-cop-bad-cop": (
            "Guter Bulle, böser Bulle",
            "guter Cop böser Cop",
            "guter Polizist böser Polizist",
        ),
        "higher-authority": (
            "Höhere Instanz",
            "begrenzte Vollmacht",
            "fehlende Vollmacht",
            "Rücksprache mit dem Chef",
            "muss mit meinem Chef sprechen",
            "der Vorstand entscheidet",
            "der Ausschuss entscheidet",
        ),
        "anchoring": (
            "Extremer Anker",
            "Ankern",
            "Anker",
            "Ankereffekt",
            "extremes Erstangebot",
            "Mondpreis",
            "Dumpingangebot",
        ),
        "deadline-pressure": (
            "Zeitdruck",
            "Fristdruck",
            "künstliche Frist",
            "falsche Frist",
            "nur heute",
            "befristetes Angebot",
        ),
        "flinch": ("Zusammenzucken", "Schockreaktion", "Preisschock", "entsetzte Miene"),
        "take-it-or-leave-it": (
            "Friss oder stirb",
            "Vogel friss oder stirb",
            "letztes Angebot",
            "nicht verhandelbar",
        ),
        "bogey": ("Begrenztes Budget", "festes Budget", "Budgetgrenze", "nicht im Budget"),
        "cherry-picking": ("Rosinenpicken", "Rosinen picken", "Rosinenpickerei"),
        "salami-slicing": ("Salamitaktik", "Salami-Taktik", "scheibchenweise Forderungen"),
        "red-herring": (
            "Scheinzugeständnis",
            "falsche Fährte",
            "Ablenkungsmanöver",
            "Verhandlungsmasse",
        ),
        "walkaway-threat": (
            "Abbruchdrohung",
            "Drohung mit Abbruch",
            "mit Abbruch drohen",
            "wir gehen woanders hin",
        ),
        "split-the-difference": (
            "Differenz teilen",
            "in der Mitte treffen",
            "halbe-halbe",
        ),
        "vendor-shopping": (
            "Anbieter gegeneinander ausspielen",
            "Wettbewerber ausspielen",
            "Konkurrenzangebot",
            "Rückwärtsauktion",
            "die Konkurrenz ist billiger",
        ),
        "vise": (
            "Schraubstock",
            "Schraubstocktaktik",
            "da müssen Sie mehr tun",
            "da geht noch was",
        ),
        "reopening": (
            "Wiederaufrollen",
            "Nachverhandeln",
            "Änderungen in letzter Minute",
            "Torpfosten verschieben",
        ),
        "free-extras": (
            "Gratisleistungen",
            "kostenlose Extras",
            "Gratisarbeit",
            "kostenloser Pilot",
        ),
        "keeping-us-waiting": (
            "Warten lassen",
            "lässt uns warten",
            "Verspätungen",
            "Unpünktlichkeit",
            "geplatzte Termine",
        ),
        "anger": (
            "Wut und Einschüchterung",
            "Einschüchterung",
            "Wutausbruch",
            "Anschreien",
            "auf den Tisch hauen",
            "persönlicher Angriff",
        ),
    },
}


@dataclass(frozen=True)
class Spelling:
    """How a dossier's tactic name was recognised: the tactic, the language of the spelling it
    matched ("en" for the key, the name and the English aliases) and that spelling."""

    tactic: Tactic
    language: str
    spelling: str


_QUOTES = "'\u2018\u2019\u02bc`"
# A leading article is no part of a tactic's name: "the nibble", "l'étau", "la grimace",
# "el apretón", "der Anker".
_ARTICLE = re.compile(
    r"^(?:(?:the|le|la|les|el|los|las|der|die|das)\s+|l['\u2018\u2019\u02bc]\s*)(?=\w)",
    re.IGNORECASE,
)


_NO_QUOTES = str.maketrans("", "", _QUOTES)
_NOT_WORD = re.compile(r"[\W_]+")


def _normalize(text: str) -> str:
    """Fold a tactic name to a matching form: `The Slow_Walks!` -> `slow walk`,
    `L'Étau` -> `etau`. (Run on every known spelling when the module loads: ASCII, which has
    no accents to strip, skips the Unicode steps.)"""
    text = _ARTICLE.sub("", text.strip())
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("\u0153", "oe")  # manœuvres
    text = text.translate(_NO_QUOTES)  # "you'll" -> "youll"
    text = " ".join(_NOT_WORD.sub(" ", text).split())
    if len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return text


def _spellings() -> list[tuple[str, Tactic, str]]:
    """(spelling, tactic, language) for every name the library knows, English first."""
    by_key = {tactic.key: tactic for tactic in TACTICS}
    found = [
        (spelling, tactic, "en")
        for tactic in TACTICS
        for spelling in (tactic.key, tactic.name, *tactic.aliases)
    ]
    for language, table in FOREIGN_ALIASES.items():
        for key, spellings in table.items():
            found += [(spelling, by_key[key], language) for spelling in spellings]
    return found


def _build_index() -> dict[str, Spelling]:
    index: dict[str, Spelling] = {}
    for spelling, tactic, language in _spellings():
        form = _normalize(spelling)
        other = index.setdefault(form, Spelling(tactic, language, spelling))
        if other.tactic is not tactic:  # pragma: no cover - guarded by tests
            raise ValueError(f"{spelling!r} names both {other.tactic.key!r} and {tactic.key!r}")
    return index


_INDEX = _build_index()


def recognise(name: str) -> Spelling | None:
    """How briefgen reads a dossier's tactic name: a spelling it knows, in any language, or
    one a letter or two off (`nibling`, `grignotge`: the counter still reaches the sheet,
    and `check` warns about the spelling)."""
    if not isinstance(name, str):
        return None
    return _INDEX.get(_normalize(name)) or near_miss(name)


def find_tactic(name: str) -> Tactic | None:
    """The built-in tactic a dossier's free-text name refers to, if any."""
    found = recognise(name)
    return found.tactic if found else None


def near_miss(name: str) -> Spelling | None:
    """The one spelling `name` is a near miss of (a typo: one letter wrong, missing, extra or
    swapped; two in a long name), or None: an exact spelling, a short name, or a name as near
    to two different tactics is no near miss."""
    form = _normalize(name)
    if len(form) < 5 or form in _INDEX:
        return None
    allowed = 1 if len(form) < 9 else 2
    near: dict[str, tuple[int, Spelling]] = {}
    for spelling, found in _INDEX.items():
        if abs(len(spelling) - len(form)) > allowed:
            continue
        typos = _typos(form, spelling)
        best = near.get(found.tactic.key)
        if typos <= allowed and (best is None or typos < best[0]):
            near[found.tactic.key] = (typos, found)
    return next(iter(near.values()))[1] if len(near) == 1 else None


def tactic_by_key(key: str) -> Tactic:
    return next(tactic for tactic in TACTICS if tactic.key == key)


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
