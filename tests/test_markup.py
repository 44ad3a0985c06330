"""The one Markdown escaper: user and URL text is shown literally, whatever it contains."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.core.markup import escape_markdown

HOSTILE = [
    "![a](//e.vil/p.png)",
    "[klik](https://e.vil/)",
    "zie https://e.vil/pad voor meer",
    "HTTP://E.VIL",
    "www.e.vil/x",
    "mail naar iemand@e.vil",
    ":red[rood] :blue-background[x]",
    "$$x^2$$ en $y$",
    "<img src=x onerror=alert(1)>",
    "&lt;b&gt; &amp;",
    "# kop",
    "1. lijst",
    "> citaat",
    "**vet** _schuin_ ~~weg~~ `code`",
    ":smile: :material/home:",
    "    ingesprongen code",
    "[ref]: https://e.vil",
]


PUNCTUATION = r"[!-/:-@\[-`{-~]"


def _bare_punctuation(escaped: str) -> list[str]:
    """Punctuation left without its backslash (Markdown would act on it)."""
    return re.findall(PUNCTUATION, re.sub(r"\\" + PUNCTUATION, "", escaped))


def _unescaped(escaped: str) -> str:
    """What a Markdown renderer shows: backslash escapes resolved."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped)


@pytest.mark.parametrize("text", HOSTILE)
def test_every_punctuation_character_is_escaped(text: str) -> None:
    escaped = escape_markdown(text)
    assert _bare_punctuation(escaped) == [], escaped


@pytest.mark.parametrize("text", HOSTILE)
def test_nothing_an_autolinker_or_shortcode_would_find_is_left(text: str) -> None:
    """GitHub-style autolinks and ``:emoji:`` work on the text after escapes are resolved."""
    shown = _unescaped(escape_markdown(text))
    assert not re.search(r"(?i)\b(https?|ftp|mailto|xmpp):/*\w", shown), shown
    assert not re.search(r"(?i)(?<![\w.])www\.", shown), shown
    assert not re.search(r"[\w.+-]@[\w-]", shown), shown
    assert not re.search(r":[\w/+-]+:", shown), shown


@pytest.mark.parametrize("text", HOSTILE)
def test_the_text_reads_the_same(text: str) -> None:
    """Only invisible joiners and non-breaking leading spaces are added."""
    shown = _unescaped(escape_markdown(text)).replace("\u2060", "").replace("\u00a0", " ")
    assert shown == text


def test_line_breaks_stay_line_breaks_and_indentation_is_no_code_block() -> None:
    assert escape_markdown("a\r\nb\nc") == "a  \nb  \nc"
    assert escape_markdown("    x").startswith("\u00a0" * 4)


@settings(deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_escaped_and_reads_the_same(text: str) -> None:
    escaped = escape_markdown(text)
    assert _bare_punctuation(escaped) == []
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    expected = re.sub(r"^[ \t]+", lambda m: " " * len(m.group(0).expandtabs(4)), lines, flags=re.M)
    shown = _unescaped(escaped).replace("  \n", "\n").replace("\u2060", "")
    assert shown.replace("\u00a0", " ") == expected.replace("\u00a0", " ").replace("\u2060", "")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Zuid-Holland Centraal", "Zuid-Holland Centraal"),
        ("A\x1b]0;titel\x07\x1b[2JB", "A\\x1b]0;titel\\x07\\x1b[2JB"),
        ("naam\nFout: vervalst", "naam\\x0aFout: vervalst"),
        ("abc\u202edef", "abc\\u202edef"),
        ("café ’s-Gravenhage", "café ’s-Gravenhage"),
    ],
)
def test_terminal_text_shows_control_characters_instead_of_obeying_them(raw, shown):
    from dashboard.core.markup import terminal_text

    assert terminal_text(raw) == shown


@pytest.mark.parametrize(
    "doc",
    [
        {"name": "Leiden\x1b]0;gehackt\x07\x1b[2J\u202e"},
        {"name": "a\u2028b\u2029c\u200bd"},
        {"name": "Zuid-Holland Centraal", "list": [1, 2]},
    ],
)
def test_terminal_json_means_the_same_and_cannot_drive_the_terminal(doc: dict) -> None:
    import json

    from dashboard.core.markup import terminal_json, terminal_text

    text = terminal_json(json.dumps(doc, ensure_ascii=False, indent=2))
    assert json.loads(text) == doc
    assert all(terminal_text(line) == line for line in text.split("\n"))
