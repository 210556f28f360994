"""The Kazakh alphabetical order: the Python key, the SQLite collation KAZAKH registered on every connection, and
``name_order`` as each dialect writes it."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import column, select, table, text
from sqlalchemy.dialects import postgresql, sqlite

from pedesk.models import Teacher
from pedesk.models.collation import kazakh_compare, kazakh_key, name_order
from pedesk.models.database import Database
from tests.builders import ALPHABETICAL, SCRAMBLED, teacher

#: the Rules' alphabet, as issue 14 lists it
ALPHABET = ["А", "Ә", "Б", "В", "Г", "Ғ", "Д", "Е", "Ё", "Ж", "З", "И", "Й", "К", "Қ", "Л", "М", "Н", "Ң", "О", "Ө", "П", "Р", "С", "Т", "У", "Ұ", "Ү", "Ф", "Х", "Һ", "Ц", "Ч", "Ш", "Щ", "Ъ", "Ы", "І", "Ь", "Э", "Ю", "Я"]


def test_every_letter_takes_its_place_in_the_kazakh_alphabet() -> None:
    shuffled = ALPHABET[:]
    random.Random(14).shuffle(shuffled)
    assert sorted(shuffled, key=kazakh_key) == ALPHABET
    lower = [letter.lower() for letter in shuffled]
    assert sorted(lower, key=kazakh_key) == [letter.lower() for letter in ALPHABET]
    assert sorted(SCRAMBLED, key=kazakh_key) == list(ALPHABETICAL)


@pytest.mark.parametrize(("first", "second"), [
    ("Ахметов", "Әбдірахманов"),  # Ә after all of А
    ("Есенов", "Ёлкин"),  # Ё is a letter of its own, after Е
    ("Ыбыраев", "Іскақов"),  # І after Ы
    ("Иванов", "Йорданов"),  # Й after И
    ("Шәріпов", "Щукин"), ("Съедин", "Сыздықов"),  # the Russian letters in their places
    ("абаев", "Абаев"),  # case only as a tie-break, lower case first
    ("Абаев", "абаева"),  # ... never before the letters
    ("Ахмет Бек", "Ахметов"),  # a space before any letter
    ("«Өрлеу»", "12 мектеп"), ("12 мектеп", "2 мектеп"),  # marks, then digits one by one
    ("2 мектеп", "Абай"), ("Яковлев", "Abay"), ("Abay", "Élise"),  # Cyrillic before Latin, accents aside
])
def test_pairs_in_order(first: str, second: str) -> None:
    assert kazakh_key(first) < kazakh_key(second)
    assert kazakh_compare(first, second) == -1 and kazakh_compare(second, first) == 1


def test_only_the_same_text_is_equal() -> None:
    assert kazakh_compare("Абаев", "Абаев") == 0
    assert kazakh_compare("Абаев", "Абаев ") != 0
    assert kazakh_compare(None, "") == 0 and kazakh_compare(None, "А") == -1


def test_name_order_is_a_collation_on_both_dialects() -> None:
    names = table("teacher", column("surname"))
    query = select(names.c.surname).order_by(name_order(names.c.surname))
    assert str(query.compile(dialect=sqlite.dialect())).endswith("ORDER BY teacher.surname COLLATE KAZAKH")
    assert str(query.compile(dialect=postgresql.dialect())).endswith('ORDER BY teacher.surname COLLATE "kk_icu"')


def test_sqlite_sorts_with_the_same_key_on_every_connection(database: Database) -> None:
    with database.transaction() as session:
        for serial, surname in enumerate(SCRAMBLED, start=1):
            teacher(session, serial, surname)
    for _connection in range(2):  # a new connection has the collation too
        database.engine.dispose()
        with database.reading() as session:
            raw = session.execute(text("SELECT surname FROM teacher ORDER BY surname COLLATE KAZAKH")).scalars().all()
            built = session.scalars(select(Teacher.surname).order_by(name_order(Teacher.surname))).all()
        assert list(raw) == list(built) == list(ALPHABETICAL)
