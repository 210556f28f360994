"""The issue book of certificates (журнал выдачи сертификатов) as xlsx and PDF, read back."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pedesk.i18n import format_date
from pedesk.services.certificates.issue_book import IssueBookRow, write_issue_book_pdf, write_issue_book_xlsx
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.progress import Cancelled

OFFICE_KK = "Қарағанды облысының әдістемелік кабинеті"
OFFICE_RU = "Методический кабинет Карагандинской области"
START, END = date(2026, 1, 1), date(2026, 12, 31)
PROGRAMME_KK = "Қазақ әдебиетін оқытудағы үздік тәжірибе: өлең және ұлттық құндылықтар"
ROWS = [
    IssueBookRow("KRG-MK-2026-00001", date(2026, 3, 14), "Әлібекова Гүлнәр Қайратқызы", "050101400011", PROGRAMME_KK,
                 72, "2026-001", "берілді"),
    IssueBookRow("KRG-MK-2026-00002", date(2026, 3, 14), "Өмірзақов Нұрлан Һамитұлы", "880303300033", PROGRAMME_KK,
                 72, "2026-001", "=HYPERLINK(\"http://x\") күшін жойды: қате"),
]


def _many(count: int) -> list[IssueBookRow]:
    names = ("Ғабитов Самат Маратұлы", "Ұлықпанова Жанар Серікқызы", "Үсенова Іңкәр Бекқызы")
    return [IssueBookRow(f"KRG-MK-2026-{n:05}", date(2026, 1, 10) + timedelta(days=n), f"{names[n % 3]} {n}",
                         f"{n:012}", PROGRAMME_KK, 36, "2026-002", "берілді") for n in range(1, count + 1)]


def test_xlsx_is_a_printable_book(tmp_path: Path) -> None:
    path = write_issue_book_xlsx(tmp_path / "журнал.xlsx", ROWS, office_name=OFFICE_KK, start=START, end=END, lang="kk")
    assert path == tmp_path / "журнал.xlsx"
    sheet = load_workbook(path).active
    assert (sheet["A1"].value, sheet["A2"].value) == (OFFICE_KK, "Сертификаттарды беру журналы")
    assert sheet["A2"].font.bold
    assert sheet["A3"].value == f"Кезең: {format_date(START, 'long', 'kk')} – {format_date(END, 'long', 'kk')}"
    headings = [cell.value for cell in sheet[5]]
    assert headings == ["№", "Тіркеу нөмірі", "Берілген күні", "Тегі, аты, әкесінің аты", "ЖСН",
                        "Білім беру бағдарламасы", "Сағат саны", "Топ", "Мәртебесі, белгілер", "Алушының қолы"]
    assert all(cell.font.bold and cell.border.left.style == "thin" for cell in sheet[5])
    first = [cell.value for cell in sheet[6]]
    assert first[:2] == [1, "KRG-MK-2026-00001"] and first[3:9] == [ROWS[0].holder, "050101400011", PROGRAMME_KK, 72,
                                                                   "2026-001", "берілді"]
    assert sheet["C6"].value == datetime(2026, 3, 14) and sheet["C6"].number_format == "DD.MM.YYYY"
    assert sheet["E6"].data_type == "s" and sheet["E6"].number_format == "@"  # the IIN keeps its leading zero
    assert sheet["I7"].data_type == "s" and sheet["I7"].value.startswith("=HYPERLINK")  # text, not a formula
    assert sheet["J6"].value is None and sheet.column_dimensions["J"].width >= 20
    assert sheet.row_dimensions[6].height >= 30
    assert sheet.freeze_panes == "A6"
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert int(sheet.page_setup.paperSize) == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage
    texts = [cell.value for row in sheet.iter_rows(min_row=8) for cell in row if isinstance(cell.value, str)]
    assert "Барлығы: 2" in texts and "Жауапты:" in texts and "(қолы)" in texts


def test_xlsx_in_russian(tmp_path: Path) -> None:
    path = write_issue_book_xlsx(tmp_path / "book.xlsx", ROWS, office_name=OFFICE_RU, start=START, end=END, lang="ru")
    sheet = load_workbook(path).active
    assert sheet["A2"].value == "Журнал выдачи сертификатов"
    assert sheet["A3"].value == "Период: с 1 января 2026 по 31 декабря 2026"
    assert sheet["B5"].value == "Регистрационный номер" and sheet["J5"].value == "Подпись получателя"
    assert sheet["E5"].value == "ИИН"


def _pages(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(path).pages]


def test_pdf_repeats_the_headings_and_numbers_its_pages(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    path = write_issue_book_pdf(tmp_path / "book.pdf", _many(60), office_name=OFFICE_KK, start=START, end=END,
                                lang="kk", progress=lambda done, total, _stage: calls.append((done, total)))
    pages = _pages(path)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Тіркеу нөмірі" in text and "Алушының қолы" in text and "Тегі, аты, әкесінің аты" in text
        assert f"Бет {number} / {len(pages)}" in text
        assert "Сертификаттарды беру журналы" in text
    assert OFFICE_KK in pages[0] and "Ғабитов Самат Маратұлы 3" in " ".join(pages)
    assert "Ғабитов Самат Маратұлы 60" in pages[-1] and "Жауапты:" in pages[-1] and "Барлығы: 60" in pages[-1]
    assert "000000000060" in pages[-1]
    assert calls[0] == (0, 62) and (50, 62) in calls and calls[-1] == (62, 62)
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape


def test_pdf_rows_are_tall_enough_to_sign(tmp_path: Path) -> None:
    path = write_issue_book_pdf(tmp_path / "book.pdf", _many(60), office_name=OFFICE_RU, start=START, end=END,
                                lang="ru")
    reader = PdfReader(path)
    baselines: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
        if text.startswith("KRG-MK-2026-"):
            baselines.append(tm[5] * cm[3] + cm[5])

    reader.pages[0].extract_text(visitor_text=visit)
    gaps = [above - below for above, below in zip(baselines, baselines[1:], strict=False)]
    assert len(gaps) >= 10 and min(gaps) >= 9 * 72 / 25.4  # at least 9 mm from one row to the next
    pages = _pages(path)
    assert "Стр. 1 из" in pages[0] and "Подпись получателя" in pages[1] and "Ответственный:" in pages[-1]
    assert "Период: с 1 января 2026 по 31 декабря 2026" in pages[0]


def test_an_empty_period_says_so(tmp_path: Path) -> None:
    pdf = write_issue_book_pdf(tmp_path / "e.pdf", [], office_name=OFFICE_KK, start=START, end=END, lang="kk")
    assert "Осы кезеңде сертификат берілмеген." in _pages(pdf)[0]
    xlsx = write_issue_book_xlsx(tmp_path / "e.xlsx", [], office_name=OFFICE_RU, start=START, end=END, lang="ru")
    assert load_workbook(xlsx).active["A6"].value == "В этом периоде сертификаты не выдавались."


@pytest.mark.parametrize("when", ["laying out", "writing"])
def test_cancel_and_bad_input_leave_nothing_behind(tmp_path: Path, when: str) -> None:
    def cancel(done: int, total: int, _stage: str) -> None:
        if (when == "laying out" and done == 50) or (when == "writing" and done == total):
            raise Cancelled

    with pytest.raises(Cancelled):
        write_issue_book_pdf(tmp_path / "book.pdf", _many(120), office_name=OFFICE_KK, start=START, end=END,
                             lang="kk", progress=cancel)
    with pytest.raises(ValidationError, match="en"):
        write_issue_book_xlsx(tmp_path / "book.xlsx", ROWS, office_name=OFFICE_KK, start=START, end=END, lang="en")
    with pytest.raises(ValidationError):
        write_issue_book_pdf(tmp_path, ROWS, office_name=OFFICE_KK, start=START, end=END, lang="ru")
    assert list(tmp_path.iterdir()) == []
