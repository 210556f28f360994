"""The one checker of text values (issue 14 point 7): mojibake in the code pages that produce it, hidden
characters, the column's length, and quotes cut to 60 characters; ordinary Kazakh, Russian and Latin text
passes untouched."""

from __future__ import annotations

import pytest

from pedesk.models import Teacher
from pedesk.services.common import (
    MAX_QUOTED,
    column_lengths,
    garbled_reading,
    hidden_character,
    shorten,
    value_problem,
)
from pedesk.services.rules import check_iin

ORDINARY = ["Ахметова Айгүл Серікқызы", "Жақсыбеков Нұрлан Асқарұлы", "Иванова Мария Петровна", "Сіз", "Сі",
            'КГУ «Общеобразовательная школа №5»', "ТОО «Ғылым» — 2022 ж.", "José Müller", "Ли", "Ә", "12 жыл",
            "мұғалім\tжәне\nсынып жетекшісі", "aigul@mail.kz", "+7 701 111 22 33", "Ёлкин Пётр"]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_passes(text: str) -> None:
    assert (garbled_reading(text), hidden_character(text), value_problem(text, 600)) == (None, None, None)


@pytest.mark.parametrize(
    ("original", "encoding"),
    [("Ахметов", "cp1252"), ("Әбдірахманов", "cp1252"), ("Ахметов", "latin-1"), ("Иванова", "cp1251"),
     ("Әбдірахманов Ғабит", "cp1251"), ("өтті", "cp1252"), ("café", "cp1252")],
)
def test_mojibake_is_recognised_and_read_back(original: str, encoding: str) -> None:
    garbled = original.encode().decode(encoding, "replace")
    reading = garbled_reading(garbled)
    assert reading in (original, "")  # "": a byte was lost (U+FFFD), so it is garbled but not read back
    if "\ufffd" not in garbled:
        assert reading == original


def test_mojibake_with_a_lost_byte_is_garbled_without_a_reading() -> None:
    assert garbled_reading("Ð�Ñ…Ð¼ÐµÑ‚") == ""
    assert garbled_reading("Әбдірахманов".encode().decode("cp1251", "replace")) == "Әбдірахманов"  # 0x98 restored


@pytest.mark.parametrize(
    ("text", "found"),
    [("a\x00b", (2, "U+0000")), ("a\x07", (2, "U+0007")), ("\x1fa", (1, "U+001F")), ("a\x7f", (2, "U+007F")),
     ("a\x85", (2, "U+0085")), ("a\u200bb", (2, "U+200B")), ("\ufeffa", (1, "U+FEFF")), ("a\u00adb", (2, "U+00AD")),
     ("a\u202eb", (2, "U+202E")), ("a\ue000", (2, "U+E000")), ("a\ufffd", (2, "U+FFFD")),
     ("мұғалім_x0007_", (8, "U+0007"))],
)
def test_hidden_characters_are_found_with_their_position(text: str, found: tuple[int, str]) -> None:
    assert hidden_character(text) == found


def test_length_is_the_columns_and_quotes_are_cut_to_60() -> None:
    assert column_lengths(Teacher)["surname"] == 100
    assert value_problem("Ж" * 100, 100) is None and value_problem(" Ж " * 34, 100) is None  # spaces cleaned
    message = value_problem("Ж" * 101, 100)
    assert message == f'the text is too long (101 characters); at most 100 fit: "{"Ж" * 59}…". Shorten it.'
    assert shorten("a" * 60) == "a" * 60 and len(shorten("a" * 61)) == MAX_QUOTED
    hidden = value_problem("Ж" * 200 + "\x07", None)
    assert hidden is not None and f'"{"Ж" * 59}…"' in hidden


def test_a_refused_iin_quotes_at_most_60_characters() -> None:
    reason = check_iin("ЖСН " + "x" * 90).reason or ""
    assert reason.startswith('The IIN "ЖСНxxx')  # spaces are dropped inside an IIN and max(len(quoted) for quoted in reason.split('"')[1::2]) == 60
