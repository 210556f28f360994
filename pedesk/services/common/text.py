"""Text folding for search and matching: Kazakh and Russian case, look-alike Latin letters, spacing.

SQLite's LIKE folds only ASCII case, so every searchable record stores ``search_key`` = ``fold(...)`` of
its words, and a search folds the user's text the same way ("әлі" finds "Әлібеков").

Names are ordered by the Kazakh alphabet: ``kazakh_key`` for Python's ``sorted``, ``name_order(column)`` for
an ORDER BY (the same order, as a collation on SQLite and PostgreSQL; see ``pedesk.models.collation``).
"""

from __future__ import annotations

import re
import unicodedata

from pedesk.models.collation import kazakh_key, name_order

__all__ = ["clean_spaces", "fix_lookalikes", "fix_name", "fold", "kazakh_key", "like_pattern", "name_order",
           "search_key"]

# Latin letters that look like Cyrillic ones, as they slip into names typed on a mixed keyboard.
_LOOKALIKE_TO_CYRILLIC = str.maketrans(
    {
        "A": "А", "a": "а", "B": "В", "C": "С", "c": "с", "E": "Е", "e": "е", "H": "Н", "K": "К",
        "M": "М", "O": "О", "o": "о", "P": "Р", "p": "р", "T": "Т", "X": "Х", "x": "х", "y": "у",
        "I": "І", "i": "і",
    }
)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
_SPACES = re.compile(r"\s+")


def clean_spaces(text: str) -> str:
    """Trim and collapse every kind of space (including non-breaking) to one ordinary space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


def fix_lookalikes(word: str) -> str:
    """Replace look-alike Latin letters inside a mostly Cyrillic word (``Aбай`` -> ``Абай``)."""
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LOOKALIKE_TO_CYRILLIC)
    return word


def fix_name(text: str) -> str:
    """A person's name as typed in a department's list: spaces cleaned, look-alike letters fixed."""
    return " ".join(fix_lookalikes(word) for word in clean_spaces(text).split(" "))


def fold(text: str) -> str:
    """The search form of ``text``: case-folded in any script, ё as е, look-alikes fixed, spaces collapsed."""
    words = (fix_lookalikes(word) for word in clean_spaces(text).split(" "))
    return " ".join(words).casefold().replace("ё", "е")


def search_key(*parts: str | None) -> str:
    return fold(" ".join(part for part in parts if part))


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere in a ``search_key`` (``%`` and ``_`` escaped with ``\\``)."""
    folded = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{folded}%"
