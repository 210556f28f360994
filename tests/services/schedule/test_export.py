"""The schedule (Кесте) for a period as xlsx and PDF, read back with openpyxl and pypdf."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from pedesk.i18n import format_date
from pedesk.models import Cohort
from pedesk.models.database import Database
from pedesk.models.enums import EnrolmentStatus
from pedesk.services.common.errors import ValidationError
from pedesk.services.schedule import cohorts as schedule
from pedesk.services.schedule.cohorts import CohortData, SessionData
from pedesk.services.schedule.export import export_schedule_pdf, export_schedule_xlsx
from tests.builders import listener, own_office, programme, provider, teacher, trainer

KK_TITLE = "Педагогтердің біліктілігін арттыру курстарының кестесі"
RU_TITLE = "График курсов повышения квалификации педагогов"
PROGRAMME_KK = "Қазақ әдебиетін оқытудағы Үздік тәжірибе: Өлең және Ұлттық құндылықтар"
START, END = date(2026, 3, 1), date(2026, 3, 31)
KK_START, KK_END = format_date(START, "long", "kk"), format_date(END, "long", "kk")  # "2026 ж. 1 наурыз"


@pytest.fixture
def filled(database: Database) -> Database:
    with database.transaction() as session:
        office = own_office(session, name_kk="Қарағанды облысының әдістемелік кабинеті",
                            name_ru="Методический кабинет Карагандинской области")
        host = provider(session)
        course = programme(session, office, "P1", PROGRAMME_KK, "Лучшая практика преподавания казахской литературы",
                           36)
        lecturer = trainer(session, "Әлібеков Ерлан Серікұлы")
        session.flush()
        first = schedule.save_cohort(session, CohortData(
            "2026-001", course.id, host.id, date(2026, 3, 2), date(2026, 3, 13), "kk", 25, "Қарағанды"))
        schedule.save_cohort(session, CohortData(
            "2026-002", course.id, host.id, date(2026, 3, 30), date(2026, 4, 10), "ru", 20))
        schedule.save_cohort(session, CohortData(  # outside the period
            "2026-003", course.id, host.id, date(2026, 4, 6), date(2026, 4, 17), "ru", 20))
        for i, topic in enumerate(["Кіріспе", "=HYPERLINK(\"http://x\")", "Қорытынды"]):
            schedule.add_session(session, first.id, SessionData(date(2026, 3, 2 + i), time(9, 0), 12, topic,
                                                                 lecturer.id, "Ауд. 101"))
        schedule.agree_schedule(session, first.id, date(2026, 2, 10), "Білім басқармасы")
        person = teacher(session, 1, "Ахметова", "Айгүл", birth=date(1985, 1, 1))
        listener(session, first, person, EnrolmentStatus.ENROLLED, applied_on=date(2026, 1, 5))
    return database


def test_xlsx_is_a_formatted_workbook(filled: Database, tmp_path: Path) -> None:
    path = tmp_path / "kesté.xlsx"
    with filled.reading() as session:
        assert export_schedule_xlsx(session, START, END, path, "kk") == path
    sheet = load_workbook(path).active
    assert sheet["A1"].value == KK_TITLE and sheet["A1"].font.bold
    assert "A1:L1" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet["A2"].value == "Қарағанды облысының әдістемелік кабинеті"
    assert f"{KK_START} – {KK_END}" in sheet["A3"].value
    assert sheet["B5"].value == "Топ" and sheet["C5"].font.bold  # the document's language, not the UI's
    assert sheet["B6"].value == "Күні"
    assert sheet.freeze_panes == "A7"
    assert (sheet["B7"].value, sheet["C7"].value) == ("2026-001", PROGRAMME_KK)
    assert sheet["F7"].value == datetime(2026, 3, 2) and sheet["F7"].number_format == "DD.MM.YYYY"
    assert (sheet["J7"].value, sheet["K7"].value) == (25, 1)
    assert sheet["B8"].value == datetime(2026, 3, 2) and sheet["B8"].is_date
    assert (sheet["D8"].value, sheet["E8"].value, sheet["F8"].value) == ("09:00–18:00", 12, "Әлібеков Ерлан Серікұлы")
    assert sheet["C8"].alignment.wrap_text and sheet["C8"].border.left.style == "thin"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    codes = [sheet.cell(row=r, column=2).value for r in range(7, sheet.max_row + 1)]
    assert "2026-002" in codes and "2026-003" not in codes
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    injected = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert [(cell.coordinate, cell.data_type) for cell in injected] == [("C9", "s")]  # a topic, kept as text
    assert sheet.column_dimensions["C"].width == 48


def _spaced(text: str) -> str:
    """Any run of spaces (babel writes "2026\u202fж.") as one ordinary space."""
    return re.sub(r"\s+", " ", text)


def _pdf_text(path: Path) -> tuple[str, PdfReader]:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages), reader


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use -> whether a TrueType font file (/FontFile2) is embedded for it."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            parts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            descriptors = [p["/FontDescriptor"].get_object() for p in parts if "/FontDescriptor" in p]
            found[str(font["/BaseFont"])] = any("/FontFile2" in d for d in descriptors)
    return found


def test_pdf_carries_kazakh_text_in_an_embedded_font(filled: Database, tmp_path: Path) -> None:
    path = tmp_path / "kesté.pdf"
    with filled.reading() as session:
        export_schedule_pdf(session, START, END, path, "kk")
    text, reader = _pdf_text(path)
    flat = re.sub(r"\s+", " ", text)
    assert KK_TITLE in text
    assert PROGRAMME_KK.split(":")[0] in flat and "Ұлттық құндылықтар" in flat
    assert "наурыз" in KK_START and _spaced(f"{KK_START} – {KK_END}") in _spaced(text)
    assert "Әлібеков Ерлан Серікұлы" in flat
    assert "Бет 1 / 1" in text
    fonts = _fonts(reader)
    assert any("NotoSans" in name for name in fonts)
    assert all(fonts.values()), fonts  # no font that is not embedded, not even Helvetica
    assert reader.metadata is not None and reader.metadata.title == KK_TITLE
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape


def test_pdf_in_russian_and_its_header_repeats_on_every_page(filled: Database, tmp_path: Path) -> None:
    with filled.transaction() as session:
        cohort = session.scalars(select(Cohort).where(Cohort.code == "2026-002")).one()
        for day in range(30, 32):
            for hour in range(8, 20):
                schedule.add_session(session, cohort.id, SessionData(date(2026, 3, day), time(hour, 0), 1,
                                                                     f"Тема {day}-{hour} " + "текст " * 20))
    path = tmp_path / "schedule.pdf"
    with filled.reading() as session:
        export_schedule_pdf(session, START, END, path, "ru")
    text, reader = _pdf_text(path)
    pages = len(reader.pages)
    assert pages > 1
    assert RU_TITLE in text and "1 марта 2026" in text
    for number, page in enumerate(reader.pages, start=1):
        page_text = page.extract_text()
        assert "Группа" in page_text and "Тренер" in page_text  # both header rows, on every page
        assert f"Страница {number} из {pages}" in page_text


@pytest.mark.parametrize("export", [export_schedule_xlsx, export_schedule_pdf])
def test_a_reversed_period_writes_nothing(filled: Database, tmp_path: Path, export) -> None:  # type: ignore[no-untyped-def]
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    path = tmp_path / "out.file"
    path.write_bytes(b"previous")
    with pytest.raises(ValidationError) as error, filled.reading() as session:
        export(session, END, START, path, "kk")
    assert error.value.for_field("end")
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.file"]
    empty = tmp_path / "empty.file"
    with pytest.raises(ValidationError) as error, filled.reading() as session:
        export(session, date(2027, 1, 1), date(2027, 1, 31), empty, "ru")
    assert "No cohorts" in error.value.for_field("period")[0]
    with pytest.raises(ValidationError) as error, filled.reading() as session:
        export(session, START, END, tmp_path / "missing" / "x.file", "kk")
    assert error.value.for_field("path")
    with pytest.raises(ValidationError) as error, filled.reading() as session:
        export(session, START, END, tmp_path / "x.file", "en")
    assert error.value.for_field("lang")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.file"]


def test_bundled_fonts_cover_kazakh_and_the_standard_ones_do_not() -> None:
    from pedesk.services.common import fonts as pdf_fonts
    kazakh = "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі №–\n"
    for name in pdf_fonts.FONT_FILES:
        assert pdf_fonts.font_covers(name, kazakh), name
    assert not pdf_fonts.font_covers("Helvetica", "Қ")
    assert pdf_fonts.font_covers("Helvetica", "café")
    assert not pdf_fonts.font_covers(pdf_fonts.SANS, "smile \U0001F600")
    assert pdf_fonts.covering_font("Қазақ") == pdf_fonts.SANS
    assert pdf_fonts.covering_font("\U0001F600") is None
    with pytest.raises(KeyError):
        pdf_fonts.font_covers("NoSuchFont", "a")


def test_one_cohort_over_its_own_dates(filled: Database, tmp_path: Path) -> None:
    """The schedule of one cohort (``pedesk cohorts schedule --cohort``): only it, whatever period is passed."""
    path = tmp_path / "one.xlsx"
    with filled.reading() as session:
        cohort_id = session.scalars(select(Cohort.id).where(Cohort.code == "2026-003")).one()
        export_schedule_xlsx(session, None, None, path, "ru", cohort_id=cohort_id)
    sheet = load_workbook(path).active
    codes = {sheet.cell(row=r, column=2).value for r in range(7, sheet.max_row + 1)}
    assert "2026-003" in codes and not codes & {"2026-001", "2026-002"}
    assert "6 апреля 2026" in sheet["A3"].value and "17 апреля 2026" in sheet["A3"].value
    with pytest.raises(ValidationError) as caught, filled.reading() as session:
        export_schedule_pdf(session, START, END, tmp_path / "gone.pdf", "kk", cohort_id=9999)
    assert caught.value.problems[0].field == "cohort" and not (tmp_path / "gone.pdf").exists()
