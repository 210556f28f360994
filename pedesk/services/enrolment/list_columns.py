"""The readers of the less regular cells of a department's list of listeners (тыңдаушылар тізімі / список
слушателей; its column headings are data, in ``resources/import/headers.toml``): full names split into surname,
name and patronymic, qualification categories by their Kazakh or Russian name (the legacy ones too), years of
service ("12 жыл", "12 лет") and the language of instruction. Used by
:mod:`pedesk.services.enrolment.list_import`. No Qt.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _, current_language
from pedesk.models import QualificationCategory
from pedesk.models.enums import Language
from pedesk.services.common import cell_text, fix_name, fold, shorten
from pedesk.services.teachers import MAX_EXPERIENCE_YEARS

__all__ = [
    "CategoryMatcher",
    "read_language",
    "read_years",
    "split_full_name",
]

# --- Full names ----------------------------------------------------------------------------------------------

_PATRONYMIC_WORDS = frozenset({"ұлы", "улы", "қызы", "кызы", "оглы", "кизи"})
_PATRONYMIC_ENDINGS = ("ұлы", "улы", "қызы", "кызы", "вич", "вна", "ична", "оглы")


def split_full_name(text: str) -> tuple[str, str, str] | None:
    """Surname, name and patronymic ("" if none) from a full name in one cell; None when it cannot be
    told apart (one word, or four and more words without a recognisable patronymic).

    The patronymic is the last word when it ends in -ұлы / -қызы / -вич / -вна ("Серікұлы"), or the last
    two words when the last is "ұлы" / "қызы" ("Серік ұлы"); otherwise the third of three words.
    """
    words = fix_name(text.replace(",", " ")).split()
    folded = [fold(word) for word in words]
    if len(words) >= 4 and folded[-1] in _PATRONYMIC_WORDS:
        head, patronymic = words[:-2], " ".join(words[-2:])
    elif len(words) >= 3 and folded[-1].endswith(_PATRONYMIC_ENDINGS) and folded[-1] not in _PATRONYMIC_WORDS:
        head, patronymic = words[:-1], words[-1]
    elif len(words) in (2, 3) and folded[-1] not in _PATRONYMIC_WORDS:
        head, patronymic = words[:2], " ".join(words[2:])
    else:
        return None
    if len(head) != 2:
        return None
    return head[0], head[1], patronymic


# --- Years of service -----------------------------------------------------------------------------------------

_YEARS_TEXT = re.compile(
    r"^(?P<years>[0-9]+(?:[.,][0-9]+)?)\s*(?:(?:жыл|жылы|ж|лет|год|года|г|years?|y)\.?)?"
    r"(?:\s*[0-9]+\s*(?:ай|айы|мес|месяц|месяца|месяцев|months?|m)\.?)?$"
)


def read_years(value: object) -> int | None:
    """Whole years of service from "12", 12, "12 жыл", "12 лет", "12,5" or "12 жыл 3 ай" (months and
    fractions are dropped: the questionnaire asks for years); None for an empty cell.

    Raises ``ValueError`` with a translated message for anything else, or for more years than the
    questionnaire allows (``MAX_EXPERIENCE_YEARS``).
    """
    if isinstance(value, bool):
        value = cell_text(value)
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0:
            raise ValueError(_years_message(cell_text(value)))
        years = math.floor(value)
    else:
        text = cell_text(value)
        if not text or text in {"-", "—", "–"}:
            return None
        match = _YEARS_TEXT.match(fold(text))
        if match is None:
            raise ValueError(_years_message(text))
        years = math.floor(float(match.group("years").replace(",", ".")))
    if years > MAX_EXPERIENCE_YEARS:
        raise ValueError(_(
            "{years} years of service is not possible. Write the whole years, from 0 to {maximum}."
        ).format(years=years, maximum=MAX_EXPERIENCE_YEARS))
    return years


def _years_message(text: str) -> str:
    return _('"{value}" is not a number of years. Write the whole years of service, such as 12.').format(
        value=shorten(text))


# --- Language of instruction ---------------------------------------------------------------------------------

_LANGUAGE_STEMS: dict[Language, tuple[str, ...]] = {
    Language.KK: ("қаз", "каз", "kaz", "kk", "қ"),
    Language.RU: ("орыс", "рус", "rus", "ru", "о"),
    Language.EN: ("ағыл", "агыл", "англ", "eng", "en"),
}
_LANGUAGE_FILLERS = frozenset({"тілі", "тіл", "тілде", "тілінде", "язык", "языке", "на"})


def read_language(text: str) -> Language | None:
    """The language of instruction from "қазақ", "казахский", "қаз.", "орыс тілі", "на русском языке",
    "kk" ...; None for an empty cell. Raises ``ValueError`` (translated) for an unknown or mixed value
    ("қазақ/орыс": a teacher's language of instruction is one)."""
    words = [word for word in re.findall(r"[^\W_]+", fold(text)) if word not in _LANGUAGE_FILLERS]
    if not words and not text.strip():
        return None
    found = {_word_language(word) for word in words}
    if len(found) == 1 and None not in found:
        return found.pop()
    raise ValueError(_(
        'the language of instruction "{value}" is not clear. Write one language: "қазақ" or "орыс" '
        '("казахский" or "русский").'
    ).format(value=shorten(text)))


def _word_language(word: str) -> Language | None:
    for language, stems in _LANGUAGE_STEMS.items():
        if any(word.startswith(stem) if len(stem) > 1 else word == stem for stem in stems):
            return language
    return None


# --- Qualification categories --------------------------------------------------------------------------------

_CATEGORY_NOISE = re.compile(
    r"\b(біліктілік|санаты|санатты|санаттағы|санат|квалификационная|квалификационной|категориясы|категория|"
    r"категории|категорией)\b"
)
_LEGACY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "none": ("жоқ", "нет", "санатсыз", "без категории", "б к", "бк"),
    "second": ("2", "ii", "іі", "екінші", "вторая", "второй"),
    "first": ("1", "i", "і", "бірінші", "первая", "первой"),
    "highest": ("жоғары", "жоғарғы", "высшая", "высшей"),
}
_EMPTY_MARKS = frozenset({"", "-", "—", "–"})


def _category_key(text: str) -> str:
    return "".join(ch for ch in _CATEGORY_NOISE.sub(" ", fold(text)) if ch.isalnum())


class CategoryMatcher:
    """Finds a qualification category (біліктілік санаты / квалификационная категория) by the name a list
    writes: the Kazakh, Russian or English name, with or without the words "санаты" / "категория" and the
    prefix "педагог-" ("модератор"), or a legacy one ("жоғары санатты", "высшая", "II", "санатсыз")."""

    def __init__(self, categories: Sequence[QualificationCategory]) -> None:
        self._by_key: dict[str, int] = {}
        self._names = [category.name(current_language()) for category in categories if not category.legacy]
        for category in categories:
            keys = [_category_key(name) for name in (category.name_kk, category.name_ru, category.name_en)]
            keys += [_category_key(word) for word in _LEGACY_SYNONYMS.get(category.code, ())]
            keys += [key.removeprefix("педагог") for key in list(keys) if key.startswith("педагог")]
            for key in keys:
                if key:
                    self._by_key.setdefault(key, category.id)

    @classmethod
    def load(cls, session: Session) -> CategoryMatcher:
        return cls(session.scalars(
            select(QualificationCategory).order_by(QualificationCategory.legacy, QualificationCategory.sort_order)
        ).all())

    def match(self, text: str) -> int | None:
        """The category's id; None for an empty cell ("", "-"). Raises ``ValueError`` (translated) when the
        text names no known category."""
        if text.strip() in _EMPTY_MARKS:
            return None
        found = self._by_key.get(_category_key(text))
        if found is None:
            raise ValueError(_('the category "{value}" is not known. Write one of: {names}.').format(
                value=shorten(text), names=", ".join(self._names)
            ))
        return found
