"""The Kazakh alphabetical order: the Python key, the SQLite collation KAZAKH registered on every connection,
``name_order`` as each dialect writes it, the registry's index in that order (migration 0008), and PostgreSQL's
ICU collation kk_icu, which sorts as the key does."""

from __future__ import annotations

import random

import pytest
from alembic import command
from sqlalchemy import ARRAY, String, bindparam, column, literal_column, select, table, text
from sqlalchemy.dialects import postgresql, sqlite

from pedesk.models import Teacher
from pedesk.models.collation import kazakh_compare, kazakh_key, name_order
from pedesk.models.database import Database
from pedesk.models.schema import alembic_config, open_database
from pedesk.services.demo import names
from pedesk.services.teachers.search import page_teachers
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


@pytest.mark.sqlite_only("the SQLite collation KAZAKH, registered on each connection")
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


def _migrate(database: Database, target: str, *, down: bool = False) -> None:
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, target)


@pytest.mark.sqlite_only("SQLite's query plan and index list")
def test_the_registry_reads_its_first_page_off_the_name_index(database: Database) -> None:
    first_page = _first_page_sql()
    with database.engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {first_page}"))
    assert "ix_teacher_name_order" in plan and "TEMP B-TREE" not in plan  # no sort of the whole table
    _migrate(database, "0007", down=True)  # migration 0008 goes back and forth
    with database.engine.connect() as connection:
        assert "ix_teacher_name_order" not in {row[1] for row in connection.exec_driver_sql("PRAGMA index_list(teacher)")}
    _migrate(database, "head")
    with database.engine.connect() as connection:
        assert "ix_teacher_name_order" in {row[1] for row in connection.exec_driver_sql("PRAGMA index_list(teacher)")}


def _first_page_sql() -> str:
    """The registry's first page as SQLite runs it (``teachers.page_teachers`` with no search text)."""
    order = (name_order(Teacher.surname), name_order(Teacher.name), name_order(Teacher.patronymic), Teacher.id)
    query = select(Teacher.id, Teacher.surname).order_by(*order).limit(200)
    return str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def _sample() -> list[str]:
    """Names of the demo and random texts of Kazakh, Russian and Latin letters, digits, spaces and marks."""
    rng = random.Random(17)
    letters = "".join(ALPHABET) + "".join(ALPHABET).lower()
    others = letters + "abcXYZéÉ0123456789 -.,«»№()\"'/"
    words = {"".join(rng.choice(others if rng.random() < 0.2 else letters) for _i in range(rng.randint(1, 7)))
             for _j in range(1500)}
    words |= set(names.KAZAKH_MALE + names.KAZAKH_FEMALE + names.KAZAKH_FATHERS + names.KAZAKH_PLAIN_SURNAMES)
    return sorted(words)


def test_postgresql_sorts_as_kazakh_key_does(postgres_url: str) -> None:
    database, _report = open_database(postgres_url)
    try:
        with database.transaction() as session:
            for serial, surname in enumerate(SCRAMBLED, start=1):
                teacher(session, serial, surname, "Айгүл")
        with database.reading() as session:
            assert [row.surname for row in page_teachers(session, "")] == list(ALPHABETICAL)
            words = _sample()
            values = select(literal_column("w").label("w")).select_from(
                text("unnest(:words) AS w").bindparams(bindparam("words", words, type_=ARRAY(String)))
            ).subquery()
            ordered = session.scalars(select(values.c.w).order_by(name_order(values.c.w))).all()
        assert list(ordered) == sorted(words, key=kazakh_key)
    finally:
        database.dispose()
