"""User text made safe for Markdown: the one escaping helper.

Anything a user, a file or a URL supplied (scenario names, notes, reasons, query parameters,
error messages that quote them) is shown through :func:`escape_markdown` wherever it reaches
Markdown (``st.markdown``, ``st.info``, ``st.error``, captions, ...). The result reads the same
on screen but can never become a link, an image, HTML, a colour directive, a formula, an emoji
or icon shortcode, a heading or a list.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

#: CommonMark lets every ASCII punctuation character be escaped with a backslash; escaping all
#: of them stops every parse-time construct: links, images, HTML, ``:red[...]``, ``$...$``.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")

#: WORD JOINER: invisible and zero-width, but not a letter, digit or punctuation.
_JOINER = "\u2060"

#: Some renderers act on text *after* escapes are resolved: GitHub-style autolinks
#: (``https://…``, ``www.…``, ``naam@domein.nl``) and ``:shortcode:`` emoji and icons. An
#: invisible joiner right after the ``:``, ``@`` or ``www`` breaks those patterns.
_AFTER_TEXT = re.compile(r"(?<=:)(?=[\w/+-])|(?<=@)(?=[\w.+-])|(?i:(?<![\w.])www)(?=\.)")
_LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)


def _break_autolinks(text: str) -> str:
    return _AFTER_TEXT.sub(lambda m: m.group(0) + _JOINER, text)


def escape_markdown(text: Any) -> str:
    """``text`` as Markdown that renders literally (line breaks kept as line breaks)."""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    value = _break_autolinks(value)
    value = _PUNCTUATION.sub(r"\\\1", value)
    # leading spaces would make an indented code block: keep them as visible, harmless spaces
    value = _LEADING_SPACE.sub(lambda m: "\u00a0" * len(m.group(0).expandtabs(4)), value)
    return value.replace("\n", "  \n")


#: What makes Markdown in a widget label (Streamlit renders bold, italics, strikethrough, code,
#: links, images, colour directives, icon shortcodes and formulas there).
_LABEL_SYNTAX = re.compile(r"([\\`*_~\[\]!<>:$])")


def escape_label(text: Any) -> str:
    """``text`` for a widget label: it renders literally, like :func:`escape_markdown`, but
    only the characters that make Markdown in a label are escaped. Streamlit also uses the raw
    label as the field's accessible name, so "Zuid-Holland" must not become "Zuid\\-Holland"
    for a screen reader."""
    value = " ".join(str(text).split())  # a label is one line
    return _LABEL_SYNTAX.sub(r"\\\1", _break_autolinks(value))


def terminal_text(text: Any) -> str:
    """``text`` as it may reach a terminal: one line, every control, format and direction
    character shown as a visible ``\\x1b``/``\\u202e`` escape instead of acting on the screen.

    Text from data (region names from a mirror, scenario names and authors from a shared
    database) goes through this before ``print``; it cannot clear the screen, retitle the
    window or forge a line.
    """
    out = []
    for char in str(text):
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def terminal_json(text: str) -> str:
    """A JSON document for the terminal: every character :func:`terminal_text` would escape
    becomes a JSON escape (``\\u202e``), so the document means the same and cannot drive the
    terminal. Line breaks between the document's lines stay."""
    if text.replace("\n", "").isprintable():  # nothing terminal_text would escape
        return text
    return "".join(
        json.dumps(char)[1:-1] if char != "\n" and terminal_text(char) != char else char
        for char in text
    )


__all__ = ["escape_label", "escape_markdown", "terminal_json", "terminal_text"]
