"""A schools' list with bad text (issue 14 point 7): mojibake, control and invisible characters and values
longer than the column, each refused with its row and column and quoting at most 60 characters, the good rows
imported and the bad ones not stored."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from pedesk.models import School
from pedesk.models.database import Database
from pedesk.services.reference.school_import import apply_school_import, preview_school_import
from tests.builders import (
    CONTROL,
    HUGE,
    MOJIBAKE_1251,
    MOJIBAKE_1252,
    ZERO_WIDTH,
    karaganda_districts,
    quotes,
    workbook,
)


def test_garbled_hidden_and_long_values_are_refused_by_row_and_column(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        region = karaganda_districts(session)["region"]
    path = workbook([
        ["Атауы", "Наименование", "Аудан", "Мекенжайы", "Телефон"],
        [MOJIBAKE_1252, "Школа №1", "Абай ауданы", None, None],
        ["№2 мектеп", MOJIBAKE_1251, "Абай ауданы", None, None],
        ["№3 мектеп", "Школа №3", "Абай ауданы", CONTROL, None],
        ["№4 мектеп", "Школа №4", f"Абай{ZERO_WIDTH}", None, None],
        ["№5 мектеп", "Школа №5", "Абай ауданы", HUGE, "8" * 50],
        ["№6 мектеп", "Школа №6", "Абай ауданы", "Абай к., 1", "8 (72131) 4-55-55"],
    ], tmp_path / "schools.xlsx")
    with database.reading() as session:
        preview = preview_school_import(session, path, region)
    assert [(p.row, p.column) for p in preview.problems] == [
        (2, "A"), (3, "B"), (4, "D"), (5, "C"), (6, "D"), (6, "E")]
    messages = [p.message for p in preview.problems]
    assert messages[0].startswith('Row 2, column A (Атауы): the text "Ð�Ñ…Ð¼ÐµÑ‚Ð¾Ð²Ð°" is garbled')
    assert 'probably reads "Ахметова"' in messages[1]
    assert "hidden character (U+0007)" in messages[2] and "hidden character (U+200B)" in messages[3]
    assert "too long (32767 characters); at most 400 fit" in messages[4]
    assert "too long (50 characters); at most 40 fit" in messages[5]
    assert all(len(quoted) <= 60 for message in messages for quoted in quotes(message))
    assert [row.row for row in preview.to_add] == [7]
    with database.transaction() as session:
        apply_school_import(session, preview)
    with database.reading() as session:
        assert session.scalars(select(School.name_kk)).all() == ["№6 мектеп"]
