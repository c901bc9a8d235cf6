"""Text bound for a terminal, made safe to print: what a dossier, a file name or a template
holds must not move the cursor, erase a line, recolour the screen or reorder what a reviewer
reads. Every unprintable character is shown as an escape instead (`\\x1b`, `\\u202e`); a file name
that is not UTF-8 shows its bytes the same way (`caf\\xe9.yaml`) instead of crashing the print.
"""

from __future__ import annotations

import re

# C0 and C1 controls but tab and line feed, DEL, the line and paragraph separators, the
# bidirectional overrides and isolates, and the lone surrogates Python uses for the bytes of a
# file name that are not UTF-8.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every unprintable character written as an escape; line breaks and tabs kept
    (a CR LF pair becomes a plain line break: a lone CR could return to the start of a line and
    print over it)."""
    return _UNPRINTABLE.sub(_escape, text.replace("\r\n", "\n"))


def terminal_safe_bytes(raw: bytes) -> bytes:
    """The same for bytes of unknown encoding: UTF-8 where they are, escapes elsewhere."""
    return terminal_safe(raw.decode("utf-8", "surrogateescape")).encode("utf-8")
