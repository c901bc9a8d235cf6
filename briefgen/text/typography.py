"""Typography by country, applied to briefgen's own words (the catalogue's messages) and to
the names it writes after "de" or "que".

The French catalogue (briefgen/locales/fr) is written as a Québécois writes: an apostrophe
may be typed straight, a space (plain or no-break) before a colon, none before ; ! ?. Each
French country then gets its own rules when the catalogue is compiled (`typeset`):

- fr-CA, the Office québécois de la langue française: a no-break space before the colon and
  inside « », nothing before ; ! ?;
- fr-FR, the French national printing rules (Imprimerie nationale): a no-break space before
  the colon and inside « », a narrow no-break space before ; ! ?;
- both: the typographic apostrophe (U+2019), never the typewriter one.

Text between backticks (a YAML example such as `account: existing`) is left as written.
Spanish and German messages are used as written in their catalogues.
"""

from __future__ import annotations

import re

from briefgen.text.typeset import on_text

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space
APOSTROPHE = "\u2019"

_CODE = re.compile(r"(`[^`]*`)")
_SPACES = f"[ {NBSP}{NNBSP}]"
_BEFORE_COLON = re.compile(rf"{_SPACES}*:(?=\s|$)")
_SPACED_COLON = re.compile(rf"{_SPACES}+:")
_BEFORE_MARK = re.compile(rf"(?<=\S){_SPACES}*([;!?])")
_OPEN_QUOTE = re.compile(rf"«{_SPACES}*")
_CLOSE_QUOTE = re.compile(rf"{_SPACES}*»")


def _french(text: str, country: str) -> str:
    text = text.replace("'", APOSTROPHE)
    text = _SPACED_COLON.sub(f"{NBSP}:", text)
    # A colon typed tight against a word ("Objet:") gets its space too, but never one inside
    # a token ("14:00", "http://"): only a colon followed by a space or the end.
    text = _BEFORE_COLON.sub(f"{NBSP}:", text)
    mark = NNBSP if country == "FR" else ""
    text = _BEFORE_MARK.sub(lambda m: mark + m.group(1), text)
    text = _OPEN_QUOTE.sub(f"«{NBSP}", text)
    return _CLOSE_QUOTE.sub(f"{NBSP}»", text)


def typeset(text: str, tag: str) -> str:
    """A message of the catalogue with the punctuation of the locale `tag`'s country:
    typeset("Objet : %(s)s; voir", "fr-FR") is "Objet\\u00a0: %(s)s\\u202f; voir"."""
    language, _, country = tag.partition("-")
    if language != "fr" or not text:
        return text
    parts = _CODE.split(text)
    return "".join(part if part.startswith("`") else _french(part, country) for part in parts)


# Elision: "de" and "que" before a word that starts with a vowel sound lose their vowel.
# briefgen applies it where it writes a name after them ("compte d\u2019Hélène Roy", with
# the typographic apostrophe); only capitalised words are touched, so a common noun the
# catalogue already elides is left alone. A name starting with H elides when a vowel follows
# (Hélène, Hugo): French first names mostly have a mute h.
_ELIDABLE = re.compile(
    "(?<![\\w\u2019'-])(de|De|que|Que|jusque|lorsque|puisque) "
    "(?=[AEIOUYÀÂÄÆÉÈÊËÎÏÔŒÙÛÜ]|H[aeiouyàâäéèêëîïôöùûü])"
)


def elide(text: str, tag: str) -> str:
    """'compte de Hélène Roy' -> 'compte d\u2019Hélène Roy' in French; other languages as is."""
    if not tag.startswith("fr"):
        return text
    return _ELIDABLE.sub(lambda m: m.group(1)[:-1] + APOSTROPHE, text)


def upper_first(text: str) -> str:
    """The first letter in capitals, the rest as written ("BATNA games", "Guter Bulle, böser
    Bulle"), where Jinja's `capitalize` would lower every other letter."""
    return text[:1].upper() + text[1:]


_ENTITY = re.compile(r"(&#?\w+;)")


def _french_text(text: str, country: str) -> str:
    text = text.replace("&#39;", APOSTROPHE).replace("'", APOSTROPHE)
    text = re.sub(rf"{_SPACES}+:(?=\s)", f"{NBSP}:", text)
    text = _OPEN_QUOTE.sub(f"«{NBSP}", text)
    text = _CLOSE_QUOTE.sub(f"{NBSP}»", text)
    if country != "FR":
        return text
    # France's narrow space before ; ! ? ("public ; six mois"), never inside an entity (&amp;)
    parts = _ENTITY.split(text)
    return "".join(
        part if i % 2 else _BEFORE_MARK.sub(lambda m: NNBSP + m.group(1), part)
        for i, part in enumerate(parts)
    )


def typeset_html(html: str, tag: str) -> str:
    """A French page's text typeset as its labels are: the dossier's own words too get the
    typographic apostrophe ("l\u2019ancien parc"), a no-break space before a spaced colon and
    inside « », so no line starts with a lone » or :, and in France a narrow no-break space
    before ; ! ?. Only text between tags changes (never markup, a style sheet or an
    attribute); other languages are returned as they are."""
    language, _, country = tag.partition("-")
    if language != "fr":
        return html
    return on_text(html, lambda text: _french_text(text, country))
