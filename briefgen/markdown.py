"""Dossier notes are Markdown, rendered as a safe subset: no raw HTML, no images, links only
to web and mail addresses, and a nesting bound (deep `*` nesting makes markdown-it recurse)."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup

SAFE_SCHEMES = ("http://", "https://", "mailto:")
MAX_NESTING = 12


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False,
                                   "maxNesting": MAX_NESTING})
    md.disable(["image", "html_block", "html_inline", "reference"])
    md.validateLink = _safe_link
    return md


def to_html(text: str) -> Markup:
    """Markdown -> HTML that is safe to place in a template unescaped."""
    return Markup(_parser().render(text))


def inline_html(text: str) -> Markup:
    """One line of Markdown (emphasis, code, links) without a wrapping paragraph."""
    return Markup(_parser().renderInline(text))
