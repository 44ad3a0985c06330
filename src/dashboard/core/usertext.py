"""The rules for text a user, a file or a link supplies: names, notes and reasons.

One set of rules for every way text comes in (the pages, the CLI, scenario files, share links),
so what one accepts the others accept too. Low level on purpose (only :mod:`dashboard.core.errors`):
:mod:`dashboard.mcda.scoring` checks the reasons of own ratings with it, :mod:`dashboard.scenarios`
the names, authors and notes of scenarios.

* No text may hold control characters (line breaks, U+2028 included, and tabs only where a
  text has several lines), bidirectional controls (U+202E turns "04,3 €" into "€ 3,40"), or an
  ``_x0000_``-style code, which PowerPoint and Excel read as a hidden character.
* A name (scenario name, author) is NFKC-normalised ("Ｂasis" becomes "Basis"), its runs of
  white space become one space, and everything that makes two names look alike is refused:
  invisible characters (zero-width, format, variation selectors, combining grapheme joiner,
  Hangul fillers, Braille blank, other spaces), words that mix Latin letters with Cyrillic or
  Greek ones ("Rааd" with a Cyrillic а), and Cyrillic or Greek words made only of letters that
  look Latin ("Рара"). Accented Latin ("Hélène", "Ĳsselstein") is fine.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from dashboard.core.errors import ValidationError

#: Characters that reorder how text is displayed (Unicode bidirectional controls): a text with
#: these can show something else than it says.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: Characters that show as nothing (or as a blank that is not a space) yet are letters, marks or
#: symbols, so the category test below does not catch them: the combining grapheme joiner,
#: Hangul fillers, Khmer inherent vowels, variation selectors and the Braille blank. Together
#: with the format characters (category Cf) this covers Unicode's default-ignorable characters.
_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)
#: How OOXML (PowerPoint, Excel; python-pptx and openpyxl write it through) escapes a character
#: in text: ``_x0000_`` in a reason would reach the slides as a hidden character.
_OOXML_ESCAPE = re.compile(r"_x[0-9a-f]{4}_", re.IGNORECASE)
_SPACE_RUN = re.compile(r" {2,}")  # after NFKC every kind of space is " "
#: Scripts whose letters look like Latin ones; a word may use one of them or Latin, not both.
_LOOK_ALIKE_SCRIPTS = {"LATIN": "Latijnse", "CYRILLIC": "Cyrillische", "GREEK": "Griekse"}
#: Cyrillic and Greek letters that look the same as a Latin letter in common fonts (after
#: Unicode's confusables, conservatively): a word of only these ("Рара") passes for Latin.
_LATIN_LOOK_ALIKES = frozenset(
    "АВЕКМНОРСТХІЈЅҮаеорсухіјѕһԁԛԝӏ"  # Cyrillic
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο"  # Greek
)


def clean_text(
    value: Any,
    what: str,
    max_len: int,
    *,
    required: bool = False,
    name: bool = False,
    multiline: bool = False,
) -> str:
    """Normalised, stripped text that passes :func:`check_characters`; else a Dutch error.

    A ``name`` is NFKC-normalised and its runs of white space become one space, so two names
    that look the same are the same name; other text is NFC-normalised. ``multiline`` allows
    line breaks and tabs (a note); ``what`` names the field in the message.
    """
    if not isinstance(value, str):
        raise ValidationError(f"{what}: moet tekst zijn, niet {type(value).__name__}")
    text = unicodedata.normalize("NFKC" if name else "NFC", value)
    if name:
        text = _SPACE_RUN.sub(" ", text)
    text = text.strip()
    if required and not text:
        raise ValidationError(f"{what}: mag niet leeg zijn")
    if len(text) > max_len:
        raise ValidationError(f"{what}: is {len(text)} tekens lang; maximaal {max_len}")
    check_characters(text, what, name=name, multiline=multiline)
    return text


def check_characters(text: str, what: str, *, name: bool = False, multiline: bool = False) -> None:
    """Refuse control, direction and hidden characters (see the module); a Dutch error."""
    allowed_controls = {"\n", "\t"} if multiline else set()
    visible = text.replace("\n", "").replace("\t", "") if multiline else text
    # str.isprintable() is False for every category the loop refuses: most text skips it
    needs_look = not visible.isprintable() or (name and not _INVISIBLE.isdisjoint(text))
    for char in text if needs_look else "":
        category = unicodedata.category(char)
        if (category in ("Cc", "Cs") and char not in allowed_controls) or (
            category in ("Zl", "Zp") and not multiline  # line breaks by another name
        ):
            raise ValidationError(f"{what}: bevat een onzichtbaar stuurteken (U+{ord(char):04X})")
        if char in _BIDI_CONTROLS or (
            name
            and (
                category in ("Cf", "Co", "Cn", "Zl", "Zp")
                or (category == "Zs" and char != " ")
                or char in _INVISIBLE
            )
        ):
            raise ValidationError(
                f"{what}: bevat een onzichtbaar teken of een richtingsteken (U+{ord(char):04X}); "
                "dat mag hier niet, want dan lijken twee verschillende teksten hetzelfde"
            )
    escape = _OOXML_ESCAPE.search(text)
    if escape:
        raise ValidationError(
            f"{what}: bevat de code ‘{escape.group(0)}’, die PowerPoint en Excel als een "
            "verborgen teken lezen; schrijf het anders (bijvoorbeeld zonder de liggende streepjes)"
        )
    if name:
        _check_one_script_per_word(text, what)


def _script(char: str) -> str | None:
    """LATIN, CYRILLIC or GREEK for a letter of those scripts; None for anything else."""
    first = unicodedata.name(char, "").split(" ", 1)[0]
    return first if first in _LOOK_ALIKE_SCRIPTS else None


def _check_one_script_per_word(text: str, what: str) -> None:
    word: list[str] = []
    for char in [*text, " "]:
        if unicodedata.category(char)[0] in "LMN":  # letters, marks and digits make a word
            word.append(char)
            continue
        scripts: dict[str, str] = {}
        for letter in word:
            script = _script(letter)
            if script is not None:
                scripts.setdefault(script, letter)
        if "LATIN" in scripts and len(scripts) > 1:
            other = next(s for s in scripts if s != "LATIN")
            raise ValidationError(
                f"{what}: het woord ‘{''.join(word)}’ mengt Latijnse en "
                f"{_LOOK_ALIKE_SCRIPTS[other]} letters (U+{ord(scripts[other]):04X}); zo kan een "
                "naam eruitzien als een andere. Typ het woord in één schrift"
            )
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and "LATIN" not in scripts and set(letters) <= _LATIN_LOOK_ALIKES:
            other = _script(letters[0]) or "CYRILLIC"
            raise ValidationError(
                f"{what}: het woord ‘{''.join(word)}’ bestaat uit {_LOOK_ALIKE_SCRIPTS[other]} "
                f"letters die eruitzien als Latijnse (U+{ord(letters[0]):04X}); zo kan een naam "
                "eruitzien als een andere. Typ het woord met Latijnse letters"
            )
        word = []


def name_key(name: str) -> str:
    """The key that makes names unique: "Raad A", "raad  a" and "Ｒaad A" are one scenario."""
    return _SPACE_RUN.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()
