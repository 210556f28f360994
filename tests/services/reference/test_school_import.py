"""Importing schools from department spreadsheets of different shapes: preview (every problem by row and
column, nothing written), apply (counts and stored fields), refused files and cancelled imports that
change nothing; and the general spreadsheet helpers the import is built on."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pedesk.models import District, Region, School
from pedesk.models.database import Database
from pedesk.services.common import spreadsheets as sheets
from pedesk.services.common.errors import ValidationError
from pedesk.services.reference import regions as ref
from pedesk.services.reference.school_import import (
    SchoolImportPreview,
    apply_school_import,
    preview_school_import,
)
from tests.builders import karaganda_districts, make_bin, workbook

BIN_OLD = make_bin(100)  # the stored school №5, updated by BIN
BIN_NEW = make_bin(200)
BIN_NUMERIC = make_bin(300)  # starts with 0: a number cell drops it
BIN_GIM = make_bin(400, "1003400")


def kazakh_file(tmp_path: Path) -> Path:
    """Kazakh headers, a merged title, a row of column numbers, a totals row and a footer after it."""
    return workbook([
        ["Қарағанды облысы білім беру ұйымдарының тізімі"],
        [],
        ["№", "Атауы (қазақ тілінде)", "Атауы (орыс тілінде)", "Аудан (қала)", "БСН", "Мекенжайы", "Телефон"],
        [1, 2, 3, 4, 5, 6, 7],
        [1, "Ботақара жалпы орта мектебі", "Ботакаринская средняя школа", "Бұқар жырау ауданы", BIN_NEW,
         "Ботақара к., Мектеп к-сі 1", "8 (72154) 2-11-11"],
        [2, "№5 жалпы білім беретін мектеп", "Общеобразовательная школа №5", "Абай ауданы", BIN_OLD,
         "Абай қ., Жеңіс к-сі 5", ""],
        [3, "", "", "Абай ауданы", make_bin(500), "", ""],
        [4, "Қарабас мектебі", "Карабасская школа", "Абай ауданы", "12345", "", ""],
        [5, "Жаңа мектеп", "Новая школа", "Жаңа аудан", "", "Жаңа к.", ""],
        [6, "Ботақара мектебі (қайталау)", "Ботакаринская (дубль)", "Бұқар жырау ауданы", BIN_NEW, "", ""],
        [],
        [7, "Сарань гимназиясы", "Гимназия г. Сарань", "г. Сарань", "", "", ""],
        ["Барлығы", None, None, None, None, None, 7],
        ["Орындаған: Ахметова Г."],
    ], tmp_path / "mektepter.xlsx", "A1:G1")


def russian_file(tmp_path: Path) -> Path:
    """Russian headers under a title, blank rows inside, a BIN stored as a number, "Итого" at the end."""
    return workbook([
        ["Список организаций образования", None, None],
        ["Наименование на казахском языке", "Наименование на русском языке", "Район", "БИН", "Адрес"],
        ["Гимназия №1", "Гимназия №1", "Бухар-Жырауский район", BIN_GIM, "пос. Ботакара"],
        [None, None, None, None, None],
        ["Ақтас мектебі", "Актасская школа", "Абайский р-н", int(BIN_NUMERIC), "с. Актас"],
        [],
        [],
        ["Итого: 2", None, None, None, None],
    ], tmp_path / "школы.xlsx")


def single_column_file(tmp_path: Path) -> Path:
    """One name column; Latin look-alike letters in Cyrillic words; non-breaking and stray spaces."""
    return workbook([
        ["Наименование\u00a0", " Paйoн ", "Телефон"],
        ["Шкoла-гимназия\u00a0№\u00a012 ", "Aбайский\u00a0район", "+7 701 111 22 33"],
        ["  общеобразовательная   школа №5", "Абай ауданы", "8 (72131) 4-55-55"],
        ["IT-лицей", "Бұқар  жырау ауданы", ""],
    ], tmp_path / "one-column.xlsx")


@pytest.fixture
def region_id(database: Database) -> int:
    """Karaganda region with three districts and two stored schools."""
    with database.transaction() as session:
        ids = karaganda_districts(session, saran=True)
        region, abai, saran = ids["region"], ids["abai"], ids["saran"]
        ref.save_school(session, ref.SchoolData("№5 жалпы білім беретін мектеп", "Общеобразовательная школа №5",
                                                region, abai, bin=BIN_OLD, address="ескі мекенжай"))
        ref.save_school(session, ref.SchoolData("Сарань гимназиясы", "Гимназия г. Сарань", region, saran))
        return region


def _counts(database: Database) -> tuple[int, int]:
    with database.reading() as session:
        return (int(session.scalar(select(func.count(School.id))) or 0),
                int(session.scalar(select(func.count(District.id))) or 0))


def _preview(database: Database, path: Path, region_id: int, **kwargs: object) -> SchoolImportPreview:
    with database.reading() as session:
        return preview_school_import(session, path, region_id, **kwargs)  # type: ignore[arg-type]


def test_kazakh_file_preview_names_every_problem_by_row_and_column(
    database: Database, region_id: int, tmp_path: Path
) -> None:
    before = _counts(database)
    preview = _preview(database, kazakh_file(tmp_path), region_id)
    assert _counts(database) == before  # the preview writes nothing
    assert (preview.sheet, preview.header_row, preview.single_name_column) == ("Sheet", 3, False)
    assert [(f, letter) for f, letter, _h in preview.columns] == [
        ("name_kk", "B"), ("name_ru", "C"), ("district", "D"), ("bin", "E"), ("address", "F"), ("phone", "G")
    ]
    problems = [(p.row, p.column, p.field) for p in preview.problems]
    assert problems == [(7, "B", "name_kk"), (8, "E", "bin"), (9, "D", "district"), (10, "E", "bin")]
    messages = {p.row: p.message for p in preview.problems}
    assert messages[7] == "Row 7, column B (Атауы (қазақ тілінде)): the school's name is empty. Fill it in, or delete the row."
    assert messages[8].startswith("Row 8, column E (БСН): BIN: a BIN has exactly 12 digits, but 12345 has 5.")
    assert 'the district "Жаңа аудан" is not in the list of districts of Karaganda Region' in messages[9]
    assert f"the BIN {BIN_NEW} is already in row 5 of the file" in messages[10]
    assert [row.row for row in preview.to_add] == [5]
    assert [(row.row, row.changes) for row in preview.to_update] == [(6, ("address",))]
    assert [row.row for row in preview.unchanged] == [12]  # "г. Сарань" is the district "Сарань қаласы"
    assert [row.row for row in preview.needs_district] == [9]
    assert preview.unknown_districts == ("Жаңа аудан",)
    assert preview.rows_with_problems == 3


def test_kazakh_file_apply_adds_and_updates_only_the_good_rows(
    database: Database, region_id: int, tmp_path: Path
) -> None:
    preview = _preview(database, kazakh_file(tmp_path), region_id)
    with database.transaction() as session:
        result = apply_school_import(session, preview)
    assert (result.added, result.updated, result.unchanged, result.districts_created, result.skipped) == (1, 1, 1, 0, 4)
    assert _counts(database) == (3, 3)
    with database.reading() as session:
        added = session.scalars(select(School).where(School.bin == BIN_NEW)).one()
        updated = session.scalars(select(School).where(School.bin == BIN_OLD)).one()
        assert (added.name_kk, added.name_ru, added.district.name_kk, added.region_id) == (  # type: ignore[union-attr]
            "Ботақара жалпы орта мектебі", "Ботакаринская средняя школа", "Бұқар жырау ауданы", region_id
        )
        assert (added.address, added.phone) == ("Ботақара к., Мектеп к-сі 1", "8 (72154) 2-11-11")
        assert updated.address == "Абай қ., Жеңіс к-сі 5"
        assert [row.name_ru for row in ref.page_schools(session, "БОТАҚАРА")] == ["Ботакаринская средняя школа"]


def test_unknown_districts_are_created_when_asked(database: Database, region_id: int, tmp_path: Path) -> None:
    preview = _preview(database, kazakh_file(tmp_path), region_id)
    with database.transaction() as session:
        result = apply_school_import(session, preview, create_districts=True)
    assert (result.added, result.districts_created, result.skipped) == (2, 1, 3)
    with database.reading() as session:
        school = session.scalars(select(School).where(School.name_ru == "Новая школа")).one()
        assert school.district is not None and school.district.name_kk == "Жаңа аудан"
        assert school.district.region_id == region_id


def test_russian_file_with_blank_and_totals_rows(database: Database, region_id: int, tmp_path: Path) -> None:
    preview = _preview(database, russian_file(tmp_path), region_id)
    assert preview.problems == ()
    assert preview.header_row == 2
    assert [(row.row, row.bin, row.district) for row in preview.to_add] == [
        (3, BIN_GIM, "Бухар-Жырауский район"), (5, BIN_NUMERIC, "Абайский район")  # names in English = ru
    ]
    with database.transaction() as session:
        result = apply_school_import(session, preview)
    assert (result.added, result.updated, result.skipped) == (2, 0, 0)
    with database.reading() as session:
        school = session.scalars(select(School).where(School.bin == BIN_NUMERIC)).one()
        assert (school.name_kk, school.name_ru, school.address) == ("Ақтас мектебі", "Актасская школа", "с. Актас")


def test_one_name_column_with_look_alikes_and_nbsp(database: Database, region_id: int, tmp_path: Path) -> None:
    preview = _preview(database, single_column_file(tmp_path), region_id)
    assert preview.single_name_column is True and preview.problems == ()
    assert [(row.name_kk, row.name_ru, row.district) for row in preview.to_add] == [
        ("Школа-гимназия № 12", "Школа-гимназия № 12", "Абайский район"),
        ("IT-лицей", "IT-лицей", "Бухар-Жырауский район"),
    ]
    assert [(row.row, row.changes) for row in preview.to_update] == [(3, ("phone",))]
    with database.transaction() as session:
        result = apply_school_import(session, preview)
    assert (result.added, result.updated) == (2, 1)
    with database.reading() as session:
        stored = session.scalars(select(School).where(School.bin == BIN_OLD)).one()
        # a lone name column never overwrites the stored names in the other language
        assert (stored.name_kk, stored.name_ru, stored.phone) == (
            "№5 жалпы білім беретін мектеп", "Общеобразовательная школа №5", "8 (72131) 4-55-55"
        )
        assert ref.count_schools(session, "гимназия № 12") == 1


def test_rows_that_contradict_the_stored_schools_are_refused(
    database: Database, region_id: int, tmp_path: Path
) -> None:
    other_bin = make_bin(700)
    with database.transaction() as session:
        astana = session.scalars(select(Region.id).where(Region.code == "ASTANA")).one()
        ref.save_school(session, ref.SchoolData("Астана мектебі", "Школа Астаны", astana, bin=other_bin))
    path = workbook([
        ["Атауы", "Наименование", "Аудан", "БСН"],
        ["Басқа мектеп", "Другая школа", "Абай ауданы", other_bin],
        ["Сарань гимназиясы", "Гимназия г. Сарань", "Сарань қаласы", BIN_OLD],
        ["№5 жалпы білім беретін мектеп", "Общеобразовательная школа №5", "Абай ауданы", make_bin(800)],
    ], tmp_path / "conflicts.xlsx")
    preview = _preview(database, path, region_id)
    messages = [(p.row, p.column, p.message.split(": ", 1)[1]) for p in preview.problems]
    assert messages == [
        (2, "D", f'the BIN {other_bin} belongs to "Школа Астаны" in another region. Check the BIN.'),
        (3, "D", f'the BIN {BIN_OLD} belongs to "Общеобразовательная школа №5", but the name is that of another '
                 'school, "Гимназия г. Сарань". Check the BIN and the name.'),
        (4, "D", f'the school "Общеобразовательная школа №5" is stored with the BIN {BIN_OLD}, not '
                 f"{make_bin(800)}. Check which BIN is right and correct the file or the school's record."),
    ]
    assert preview.to_add == preview.to_update == preview.unchanged == ()
    twice = workbook([
        ["Атауы", "Наименование", "Аудан"],
        ["Сарань гимназиясы", "Новое название", "Сарань қаласы"],
        ["Жаңа атауы", "Гимназия г. Сарань", "Сарань қаласы"],
    ], tmp_path / "twice.xlsx")
    preview = _preview(database, twice, region_id)
    assert [(row.row, row.changes) for row in preview.to_update] == [(2, ("name_ru",))]
    assert [(p.row, p.column, p.field) for p in preview.problems] == [(3, "A", "name_kk")]
    assert 'this row and row 2 both match the stored school "Гимназия г. Сарань"' in preview.problems[0].message


def test_cancelled_import_changes_nothing(database: Database, region_id: int, tmp_path: Path) -> None:
    before = _counts(database)
    for path in (kazakh_file(tmp_path), russian_file(tmp_path), single_column_file(tmp_path)):
        _preview(database, path, region_id)
    assert _counts(database) == before


def test_apply_refuses_when_schools_changed_since_the_preview(
    database: Database, region_id: int, tmp_path: Path
) -> None:
    preview = _preview(database, russian_file(tmp_path), region_id)
    with database.transaction() as session:
        ref.save_school(session, ref.SchoolData("Басқа", "Другая", region_id, bin=BIN_GIM))
    before = _counts(database)
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        apply_school_import(session, preview)
    assert caught.value.problems[0].field == "file"
    assert "Open the file again" in caught.value.problems[0].message
    assert _counts(database) == before


def _refusal(database: Database, path: Path, region_id: int) -> str:
    before = _counts(database)
    with pytest.raises(ValidationError) as caught:
        _preview(database, path, region_id)
    assert _counts(database) == before
    assert [p.field for p in caught.value.problems] == ["file"]
    return caught.value.problems[0].message


def test_corrupt_and_foreign_files_are_refused(database: Database, region_id: int, tmp_path: Path) -> None:
    good = kazakh_file(tmp_path).read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    assert "is damaged" in _refusal(database, truncated, region_id)
    csv = tmp_path / "schools.xlsx"
    csv.write_text("Атауы;Аудан\nМектеп;Абай\n", encoding="utf-8")
    assert "is not an Excel workbook (.xlsx)" in _refusal(database, csv, region_id)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # an .xls is read now, a broken one refused
    assert "is damaged" in _refusal(database, old, region_id)
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "is not an Excel workbook" in _refusal(database, docx, region_id)
    broken_xml = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(tmp_path / "mektepter.xlsx") as source, zipfile.ZipFile(broken_xml, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<worksheet><sheetData><row" if "worksheets/sheet1" in item.filename else data)
    assert "is damaged" in _refusal(database, broken_xml, region_id)
    assert "does not exist" in _refusal(database, tmp_path / "missing.xlsx", region_id)


def test_file_without_a_header_row_is_refused(database: Database, region_id: int, tmp_path: Path) -> None:
    path = workbook([["Тізім"], ["Мектеп 1", "Абай"], ["Мектеп 2", "Абай"]], tmp_path / "no-header.xlsx")
    assert "has no header row with the school's name" in _refusal(database, path, region_id)


def test_preview_checks_region_and_default_district(database: Database, region_id: int, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        _preview(database, russian_file(tmp_path), 999_999)
    assert caught.value.problems[0].field == "region_id"
    with database.reading() as session:
        astana = session.scalars(select(Region.id).where(Region.code == "ASTANA")).one()
        abai = ref.find_district(session, region_id, "Абай ауданы")
        assert abai is not None
    with pytest.raises(ValidationError) as caught:
        _preview(database, russian_file(tmp_path), astana, district_id=abai.id)
    assert caught.value.problems[0].field == "district_id"
    department = workbook([["Атауы", "БСН"], ["Көктал мектебі", make_bin(600)]], tmp_path / "department.xlsx")
    preview = _preview(database, department, region_id, district_id=abai.id)
    assert [(row.name_kk, row.district_id) for row in preview.to_add] == [("Көктал мектебі", abai.id)]


# --- The general helpers --------------------------------------------------------------------------------


def test_header_matching_ignores_case_spaces_and_punctuation() -> None:
    aliases = {"name": ["Т.А.Ә.", "ФИО"], "iin": ["ЖСН", "ИИН"], "school": ["Мектептің атауы"]}
    rows: list[tuple[object, ...]] = [
        ("Педагогтер тізімі",),
        (),
        ("№", " ТАӘ ", "жсн", "Мектептің атауы (толық)", "Мектептің директоры"),
    ]
    assert sheets.find_header_row(rows, aliases, 2) == (2, {"name": 1, "iin": 2, "school": 3})
    assert sheets.find_header_row(rows, aliases, 4) is None
    director_only = [("ФИО", "Мектептің директоры")]
    assert sheets.find_header_row(director_only, aliases, 1) == (0, {"name": 0})


def test_cell_readers() -> None:
    assert sheets.cell_text("  Абай\u00a0 ауданы ") == "Абай ауданы"
    assert sheets.cell_text(12.0) == "12" and sheets.cell_text(None) == ""
    assert sheets.cell_date(datetime(2026, 3, 5, 0, 0)) == date(2026, 3, 5)
    assert sheets.cell_date("05.03.2026") == date(2026, 3, 5)
    assert sheets.cell_date("5/3/2026 ж.") == date(2026, 3, 5)
    assert sheets.cell_date("2026-03-05") == date(2026, 3, 5)
    assert sheets.cell_date("05.03.85", today=date(2026, 1, 1)) == date(1985, 3, 5)
    assert sheets.cell_date("05.03.26", today=date(2026, 1, 1)) == date(2026, 3, 5)
    assert sheets.cell_date(46086) == date(2026, 3, 5)  # an Excel serial number
    assert sheets.cell_date(" ") is None
    with pytest.raises(ValueError, match="is not a date"):
        sheets.cell_date("31.02.2026")
    assert sheets.cell_int(" 12 ") == 12 and sheets.cell_int(12.0) == 12 and sheets.cell_int("") is None
    with pytest.raises(ValueError, match="is not a whole number"):
        sheets.cell_int("12,5")
    assert sheets.cell_digits(50340001238, 12) == "050340001238"
    assert sheets.cell_digits("0503 4000 1238", 12) == "050340001238"
    assert sheets.cell_digits(123, 12) == "123"


def test_row_kinds_and_column_letters() -> None:
    assert sheets.is_blank_row((None, " ", "\u00a0"))
    assert not sheets.is_blank_row((None, "x"))
    assert sheets.is_totals_row(("Барлығы:", None, 12))
    assert sheets.is_totals_row((None, "ИТОГО", 3))
    assert not sheets.is_totals_row(("Всеобуч орталығы", "Абай"))
    assert sheets.is_column_numbers_row((1, 2, "3", None, 4))
    assert not sheets.is_column_numbers_row((1, "Абай мектебі", 3))
    assert [sheets.column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    assert sheets.column_index("AB") == 27
    assert sheets.cell_ref(7, 2) == "C7"
