"""Whether a text value can be stored as it is: no hidden characters, no mojibake, not longer than its
column. One checker for every import (a department's list of listeners, the schools' list, a results file,
a data package) and for the questionnaire's form, so that each refuses the same values with the same words.

* Hidden characters: control characters (C0 and C1, except tab and line breaks, which become spaces),
  invisible format characters (zero-width spaces and joiners, the byte-order mark, soft hyphens, direction
  marks), private-use and unassigned code points, the replacement character U+FFFD, and Excel's escape of a
  control character (``_x0007_``, as a reader may leave it).
* Mojibake: UTF-8 text decoded in a wrong code page (cp1252 or latin-1: "Ð\u0090Ñ\u0085Ð¼ÐµÑ\u0082"; cp1251:
  "РђС…РјРµС‚"), recognised when encoding it back gives valid UTF-8 in the Kazakh, Russian or Latin letters,
  or when most of it is the lead-and-continuation pairs such text is made of (a lost byte shows as U+FFFD).
* Length: the ``String(n)`` of the model's column (:func:`column_lengths`); ``MAX_NOTE`` for free text,
  ``MAX_CELL`` for a cell that holds a date, a number or a word from a closed list.

A message quotes at most ``MAX_QUOTED`` characters of the bad value (:func:`shorten`). No Qt.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import String, inspect

from pedesk.i18n import _
from pedesk.services.common.text import clean_spaces

MAX_QUOTED = 60
"""A message quotes at most this many characters of a bad value."""
MAX_NOTE = 4000
"""Free text (a note, additional information) is stored up to this many characters."""
MAX_CELL = 100
"""A cell holding a date, a number, an IIN or a word from a closed list is never longer than this."""

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
_SHOWN_AS = "\u25af"  # a hidden character inside a quote

# The letters and signs of ordinary Kazakh, Russian and Latin text (what a repaired mojibake must read as).
_KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
_NATURAL = re.compile(
    "^[\\x20-\\x7e\\t\\n\\r\\u0410-\\u044f\\u0401\\u0451" + _KAZAKH
    + "\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff\\u00a0«»–—№…‘’“”„•·°©®]*$"
)


def _continuations(encoding: str) -> frozenset[str]:
    """What the continuation bytes 0x80-0xBF of UTF-8 turn into when read in ``encoding``."""
    return frozenset(bytes([byte]).decode(encoding, "replace") for byte in range(0x80, 0xC0))


def _leads(encoding: str) -> frozenset[str]:
    """What the lead bytes 0xC2-0xF4 of UTF-8 turn into when read in ``encoding``."""
    return frozenset(bytes([byte]).decode(encoding, "replace") for byte in range(0xC2, 0xF5)) - {"\ufffd"}


_PAIRS = (
    (_leads("cp1252") | _leads("latin-1"), _continuations("cp1252") | _continuations("latin-1")),
    (_leads("cp1251"), _continuations("cp1251")),
)


def shorten(text: str, limit: int = MAX_QUOTED) -> str:
    """``text`` cut to ``limit`` characters for quoting in a message ("…" where it was cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def column_lengths(model: Any) -> dict[str, int]:
    """The length of each ``String(n)`` column of a model, by attribute name."""
    return {
        attribute.key: attribute.columns[0].type.length
        for attribute in inspect(model).column_attrs
        if isinstance(attribute.columns[0].type, String) and attribute.columns[0].type.length
    }


def hidden_character(text: str) -> tuple[int, str] | None:
    """The 1-based position and the code ("U+0007") of the first hidden character, or None."""
    for position, char in enumerate(text, 1):
        if char in _ALLOWED_CONTROLS:
            continue
        if char == "\ufffd" or unicodedata.category(char) in _HIDDEN_CATEGORIES:
            return position, f"U+{ord(char):04X}"
    for match in _EXCEL_ESCAPE.finditer(text):
        code = int(match.group(1), 16)
        if chr(code) not in _ALLOWED_CONTROLS and unicodedata.category(chr(code)) == "Cc":
            return match.start() + 1, f"U+{code:04X}"
    return None


def _visible(text: str) -> str:
    """``text`` with its invisible characters shown (a U+FFFD is visible already)."""
    return "".join(
        _SHOWN_AS if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in _HIDDEN_CATEGORIES else char
        for char in text
    )


def garbled_reading(text: str) -> str | None:
    """What mojibake ``text`` would read as ("" when that cannot be told: a byte was lost), or None when the
    text is not mojibake."""
    if text.isascii():
        return None
    for encoding, lost in (("cp1252", False), ("latin-1", False), ("cp1251", True)):
        try:  # cp1251 leaves one byte undefined (0x98, as in "Ә" = D3 98): a U+FFFD there stood for it
            raw = b"".join(bytes([0x98]) if lost and char == "\ufffd" else char.encode(encoding) for char in text)
            reading = raw.decode("utf-8")
        except UnicodeError:
            continue
        if reading != text and not reading.isascii() and _NATURAL.match(reading):
            return reading
    letters = [char for char in text if not char.isspace()]
    for leads, continuations in _PAIRS:
        pairs = sum(1 for first, second in zip(text, text[1:], strict=False)
                    if first in leads and second in continuations)
        if pairs >= 2 and 2 * pairs >= 0.6 * len(letters):
            return ""
    return None


def value_problem(text: str, maximum: int | None) -> str | None:
    """Why ``text`` cannot be stored (translated, starting in lower case, to follow "Row 5, column B (ТАӘ): "
    or a field's label), or None. ``maximum`` is the column's length (None: not checked); it is compared
    with the text as stored, its spaces cleaned."""
    reading = garbled_reading(text)
    if reading:
        return _(
            'the text "{value}" is garbled: it was saved in one code page and read in another, and probably '
            'reads "{reading}". Type it anew, or save the file again from the program that made it.'
        ).format(value=shorten(_visible(text)), reading=shorten(reading))
    if reading is not None:
        return _(
            'the text "{value}" is garbled: it was saved in one code page and read in another. Type it anew, '
            "or save the file again from the program that made it."
        ).format(value=shorten(_visible(text)))
    hidden = hidden_character(text)
    if hidden is not None:
        position, code = hidden
        return _(
            'the text holds a hidden character ({code}) at position {position}: "{value}". Delete it, or type '
            "the text anew instead of copying it."
        ).format(code=code, position=position, value=shorten(_visible(text)))
    length = len(clean_spaces(text))
    if maximum is not None and length > maximum:
        return _(
            'the text is too long ({length} characters); at most {maximum} fit: "{value}". Shorten it.'
        ).format(length=length, maximum=maximum, value=shorten(clean_spaces(text)))
    return None
