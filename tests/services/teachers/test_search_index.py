"""The trigram index behind the teacher search stays in step with the teacher table (migration 0003)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text

from pedesk.models import Teacher
from pedesk.models.database import Database
from pedesk.services.common.text import search_key
from pedesk.services.teachers import count_teachers, page_teachers


def _add(database: Database, iin: str, surname: str, name: str, born: date) -> int:
    with database.transaction() as session:
        teacher = Teacher(iin=iin, surname=surname, name=name, birth_date=born,
                          search_key=search_key(surname, name, iin))
        session.add(teacher)
        session.flush()
        return teacher.id


def _found(database: Database, fragment: str) -> list[str]:
    with database.reading() as session:
        return [row.surname for row in page_teachers(session, fragment)]


def test_index_follows_inserts_updates_and_deletes(database: Database) -> None:
    first = _add(database, "791028302728", "Әлібеков", "Ерлан", date(1979, 10, 28))
    _add(database, "061211600012", "Иванова", "Мария", date(2006, 12, 11))
    assert _found(database, "ӘЛІБ") == ["Әлібеков"]
    assert _found(database, "іб ерл") == ["Әлібеков"]  # a two-letter word falls back to LIKE
    assert _found(database, "ова мар") == ["Иванова"]
    with database.transaction() as session:
        teacher = session.get(Teacher, first)
        assert teacher is not None
        teacher.surname = "Сейітқали"
        teacher.search_key = search_key("Сейітқали", "Ерлан", teacher.iin)
    assert _found(database, "әліб") == []
    assert _found(database, "сейіт") == ["Сейітқали"]
    with database.transaction() as session:
        session.delete(session.get(Teacher, first))
    assert _found(database, "сейіт") == []
    with database.reading() as session:
        assert count_teachers(session, "ова") == 1
        if database.is_sqlite:  # SQLite's trigram index (PostgreSQL searches with LIKE, without an index of its own)
            rows = session.execute(text("SELECT rowid FROM teacher_fts WHERE teacher_fts MATCH '\"ерлан\"'")).all()
            assert rows == []


def test_index_and_like_agree_on_a_demo(database: Database) -> None:
    from pedesk.services.demo.region import generate_demo
    from pedesk.services.reference.checks import text_filters

    generate_demo(database, teachers=300, today=date(2026, 11, 25))
    with database.reading() as session:
        for fragment in ("ова", "ұлы", "қызы", "бек ұлы", "ович"):
            indexed = {row.id for row in page_teachers(session, fragment, limit=1000)}
            scanned = set(session.scalars(select(Teacher.id).where(*text_filters(Teacher.search_key, fragment))))
            assert indexed == scanned and indexed, fragment
