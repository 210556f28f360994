"""The registry's name key (migration 0010) and the SQLite search built on it (issue 17 point 5).

``teacher.name_key`` is the Kazakh order of surname, name and patronymic as plain text, kept by triggers for
every writer; the search on SQLite walks its index and must find the same rows in the same order as the
general query (the one PostgreSQL runs) for any text and page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, text, update

from pedesk.models import QualificationCategory, Teacher
from pedesk.models.collation import kazakh_key, name_sort_key
from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.common import name_order
from pedesk.services.common.text import search_key
from pedesk.services.teachers import search_sqlite
from pedesk.services.teachers.search import _filters, page_teachers
from pedesk.services.teachers.search_rows import TeacherRow, row_columns
from tests.backends import Backend

STALE = text("SELECT count(*) FROM teacher WHERE name_key IS NOT pedesk_name_key(surname, name, patronymic)")
NAMES = st.text(alphabet="аАәӘбБеЕёЁиИіІйЙқҚыЫьЪ -'aAéz1", max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAMES, NAMES, NAMES), min_size=2, max_size=12))
def test_the_key_orders_as_the_kazakh_collation(people: list[tuple[str, str, str]]) -> None:
    by_collation = sorted(people, key=lambda parts: tuple(kazakh_key(part) for part in parts))
    by_key = sorted(people, key=lambda parts: name_sort_key(*parts))
    assert by_key == by_collation


def _stale(database: Database) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(STALE).scalar_one())


def _teacher(iin: str, surname: str, name: str, patronymic: str = "") -> dict[str, object]:
    return {"iin": iin, "surname": surname, "name": name, "patronymic": patronymic, "birth_date": date(1980, 1, 1),
            "search_key": search_key(surname, name, patronymic, iin)}


@pytest.mark.sqlite_only("the name key is SQLite's (PostgreSQL sorts in ICU)")
def test_every_writer_keeps_the_key(database: Database) -> None:
    with database.transaction() as session:  # the ORM
        session.add(Teacher(**_teacher("800101300011", "Әлібеков", "Ерлан")))
    with database.transaction() as session:  # Core executemany, as the package import and the demo write
        session.execute(insert(Teacher), [_teacher(f"80010130{n:04d}", f"Ыбыраев{n}", "Дана") for n in range(20, 40)])
    assert _stale(database) == 0
    with database.transaction() as session:
        keys = dict(session.execute(text("SELECT iin, name_key FROM teacher")).all())
        assert keys["800101300011"] == name_sort_key("Әлібеков", "Ерлан", "")
        session.execute(update(Teacher).where(Teacher.iin == "800101300011").values(surname="Іскақов"))  # Core
        session.execute(text("UPDATE teacher SET patronymic = 'Серікұлы' WHERE iin = '800101300020'"))  # raw SQL
        orm = session.scalars(select(Teacher).where(Teacher.iin == "800101300021")).one()
        orm.name = "Айгүл"  # the ORM's unit of work
    assert _stale(database) == 0
    with database.engine.connect() as connection:
        key = connection.execute(text("SELECT name_key FROM teacher WHERE iin = '800101300011'")).scalar_one()
    assert key == name_sort_key("Іскақов", "Ерлан", "")


@pytest.mark.sqlite_only("the name key is SQLite's (PostgreSQL sorts in ICU)")
def test_the_demo_and_the_package_import_write_right_keys(backend: Backend, tmp_path: Path) -> None:
    from pedesk.services.demo.region import generate_demo
    from pedesk.services.packages.export import export_package
    from pedesk.services.packages.importing import import_package

    office, _report = open_database(backend.migrated(tmp_path, "office.sqlite3"))
    generate_demo(office, teachers=80, seed=5, today=date(2026, 11, 25))
    assert _stale(office) == 0
    package = tmp_path / "office.zip"
    with office.transaction("test") as session:
        export_package(session, package, start=date(2026, 7, 1), end=date(2026, 12, 31), label="2026-H2", by="test")
    office.dispose()
    region, _report = open_database(backend.migrated(tmp_path, "region.sqlite3"))
    with region.transaction("test", immediate=True) as session:
        import_package(session, package, today=date(2026, 11, 25), by="test")
    with region.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM teacher WHERE name_key IS NOT NULL")).scalar_one() == 80
    assert _stale(region) == 0
    region.dispose()


def _general(session: object, fragment: str, offset: int, limit: int) -> list[TeacherRow]:
    """The query PostgreSQL runs: the meaning the SQLite search must keep."""
    filters, by_iin = _filters(session, fragment)  # type: ignore[arg-type]
    order = (Teacher.iin,) if by_iin else (name_order(Teacher.surname), name_order(Teacher.name),
                                            name_order(Teacher.patronymic), Teacher.id)
    statement = (select(*row_columns("kk")).outerjoin(QualificationCategory, Teacher.category_id == QualificationCategory.id)
                 .where(*filters).order_by(*order).offset(offset).limit(limit))
    return [TeacherRow(*row) for row in session.execute(statement)]  # type: ignore[attr-defined]


FRAGMENTS = ("", "а", "ә", "әл", "әлі", "ова", "ив", "иван", "ерлан ұлы", "қызы", "бек ұлы", "ов а", "ЖАН", "ё",
             "8", "85", "850312", "9", "999", "0", "7609 26", "zz", "%", "_", "a'", "1234567890123")


@pytest.mark.sqlite_only("the SQLite search (PostgreSQL runs the general query itself)")
@pytest.mark.parametrize("window", [search_sqlite.WINDOW, 40])
def test_the_sqlite_search_finds_what_the_general_query_finds(database: Database, window: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from pedesk.services.demo.region import generate_demo

    generate_demo(database, teachers=400, seed=3, today=date(2026, 11, 25))
    monkeypatch.setattr(search_sqlite, "WINDOW", window)  # 40: the trigram and the index walk answer too
    with database.reading() as session:
        for fragment in FRAGMENTS:
            for offset, limit in ((0, 200), (0, 7), (5, 30), (200, 200), (395, 20)):
                found = page_teachers(session, fragment, offset, limit, lang="kk")
                assert found == _general(session, fragment, offset, limit), (fragment, offset, limit)
