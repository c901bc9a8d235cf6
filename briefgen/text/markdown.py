"""Dossier notes are Markdown, rendered as a safe subset: no raw HTML, no images, links only
to web and mail addresses, and nesting bounds: WeasyPrint runs out of stack near 140 nested
boxes, and 10,000 characters of `*` would otherwise nest 2,500 deep."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

SAFE_SCHEMES = ("http://", "https://", "mailto:")
MAX_NESTING = 12  # quotes and lists inside each other
MAX_EMPHASIS = 8  # *emphasis* inside emphasis


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {"html": False, "linkify": False, "typographer": False, "maxNesting": MAX_NESTING},
    )
    md.disable(["image", "html_block", "html_inline", "reference"])
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.core.ruler.push("flatten_deep_emphasis", _flatten_deep_emphasis)
    return md


def _flatten_deep_emphasis(state: StateCore) -> None:
    """maxNesting bounds blocks, not emphasis: past MAX_EMPHASIS levels, `*` and `_` stay
    the text they were written as."""
    for block in state.tokens:
        kept: list[bool] = []  # for each open emphasis: rendered as emphasis, or as text
        children = block.children or []
        for index, token in enumerate(children):
            if token.type in ("em_open", "strong_open"):
                kept.append(sum(kept) < MAX_EMPHASIS)
                keep = kept[-1]
            elif token.type in ("em_close", "strong_close"):
                keep = kept.pop()
            else:
                continue
            if not keep:
                children[index] = Token("text", "", 0, content=token.markup)


def to_html(text: str) -> Markup:
    """Markdown -> HTML that is safe to place in a template unescaped."""
    return Markup(_parser().render(text))


def inline_html(text: str) -> Markup:
    """One line of Markdown (emphasis, code, links) without a wrapping paragraph."""
    return Markup(_parser().renderInline(text))
