"""The issue book of certificates (сертификаттарды беру журналы / журнал выдачи сертификатов) for a period.

One row per certificate handed out (or duplicate printed), with a wide empty column where the recipient
signs on receipt; as an Excel workbook or an A4 landscape PDF, in Kazakh or Russian (the book's language,
not the interface's). The headings are the book's printed wording, kept here in both languages beside
each other; files are written under a temporary name and renamed into place.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.enums import TA_CENTER  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pedesk.i18n import _, format_date
from pedesk.services.common import (
    SANS,
    SANS_BOLD,
    ProgressCallback,
    ValidationError,
    build_pdf,
    check_target,
    legible,
    print_landscape,
    put_cell,
    register_fonts,
    report,
    write_atomically,
)

__all__ = ["WORDS", "IssueBookRow", "write_issue_book_pdf", "write_issue_book_xlsx"]


@dataclass(frozen=True)
class IssueBookRow:
    """One line of the book; ``status`` is already in the book's language ("annulled: <reason>" ...)."""

    number: str
    issued: date
    holder: str
    iin: str
    programme: str
    hours: int
    cohort_code: str
    status: str


WORDS: dict[str, dict[str, Any]] = {
    "kk": {
        "title": "Сертификаттарды беру журналы", "period": "Кезең: {start} – {end}", "sheet": "Журнал",
        "columns": ("№", "Тіркеу нөмірі", "Берілген күні", "Тегі, аты, әкесінің аты", "ЖСН",
                    "Білім беру бағдарламасы", "Сағат саны", "Топ", "Мәртебесі, белгілер", "Алушының қолы"),
        "page": "Бет {page} / {pages}", "xlsx_page": "Бет &P / &N", "total": "Барлығы: {count}",
        "empty": "Осы кезеңде сертификат берілмеген.", "responsible": "Жауапты", "signature": "(қолы)",
        "name": "(Т.А.Ә.)", "date": "Күні",
    },
    "ru": {
        "title": "Журнал выдачи сертификатов", "period": "Период: с {start} по {end}", "sheet": "Журнал",
        "columns": ("№", "Регистрационный номер", "Дата выдачи", "Фамилия, имя, отчество", "ИИН",
                    "Образовательная программа", "Кол-во часов", "Группа", "Статус, отметки", "Подпись получателя"),
        "page": "Стр. {page} из {pages}", "xlsx_page": "Стр. &P из &N", "total": "Всего: {count}",
        "empty": "В этом периоде сертификаты не выдавались.", "responsible": "Ответственный", "signature": "(подпись)",
        "name": "(Ф.И.О.)", "date": "Дата",
    },
}
"""The book's printed wording in Kazakh and Russian."""

_XLSX_WIDTHS = (5, 21, 12, 32, 15, 44, 9, 12, 30, 24)
_PDF_WIDTHS = (20.0, 92.0, 50.0, 116.0, 62.0, 160.0, 34.0, 50.0, 98.0, 104.0)  # 786 pt: A4 landscape less 28 pt
_MARGIN = 28.0
_HEADER_ROW = 5
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


def _words(lang: str) -> dict[str, Any]:
    if lang not in WORDS:
        raise ValidationError.single("lang", _(
            "The issue book is written in Kazakh (kk) or Russian (ru), not {lang}.").format(lang=lang))
    return WORDS[lang]


def _period(words: dict[str, Any], start: date, end: date, lang: str) -> str:
    return str(words["period"]).format(start=format_date(start, "long", lang), end=format_date(end, "long", lang))


def _values(index: int, row: IssueBookRow) -> tuple[object, ...]:
    return (index, row.number, row.issued, row.holder, row.iin, row.programme, row.hours, row.cohort_code,
            row.status, "")


def _target(path: Path) -> Path:
    return check_target(path, _("{path} is a folder; give a file name for the issue book."))


# --- Excel ------------------------------------------------------------------------------------------------


def _xlsx_heading(sheet: Any, words: dict[str, Any], office_name: str, period: str) -> None:
    columns = len(_XLSX_WIDTHS)
    for row, (text, size, bold) in enumerate(((office_name, 11, False), (words["title"], 14, True),
                                              (period, 11, False)), start=1):
        cell = put_cell(sheet, row, 1, text)
        cell.font = Font(size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    for column, heading in enumerate(words["columns"], start=1):
        cell = put_cell(sheet, _HEADER_ROW, column, heading)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = _XLSX_WIDTHS[column - 1]


def _xlsx_rows(sheet: Any, rows: Sequence[IssueBookRow], words: dict[str, Any]) -> int:
    """The rows of the book, tall enough to sign in; returns the next free row."""
    line = _HEADER_ROW + 1
    for index, row in enumerate(rows, start=1):
        for column, value in enumerate(_values(index, row), start=1):
            cell = put_cell(sheet, line, column, value, text=column in (2, 5))  # the number and the IIN as text
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=True,
                                       horizontal="center" if column in (1, 3, 7) else None)
        sheet.row_dimensions[line].height = 30
        line += 1
    if not rows:
        put_cell(sheet, line, 1, words["empty"]).font = Font(italic=True)
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(_XLSX_WIDTHS))
        line += 1
    return line


def _xlsx_signature(sheet: Any, line: int, words: dict[str, Any], count: int) -> None:
    put_cell(sheet, line, 2, str(words["total"]).format(count=count)).font = Font(bold=True)
    line += 2
    for column, value in ((2, f"{words['responsible']}:"), (4, "_" * 28), (6, "_" * 36), (9, f"{words['date']}:"),
                          (10, "«___» ____________ 20___")):
        put_cell(sheet, line, column, value)
    put_cell(sheet, line + 1, 4, words["signature"]).font = Font(size=8, italic=True)
    put_cell(sheet, line + 1, 6, words["name"]).font = Font(size=8, italic=True)


def _xlsx_print_setup(sheet: Any, words: dict[str, Any]) -> None:
    sheet.freeze_panes = sheet.cell(row=_HEADER_ROW + 1, column=1).coordinate
    print_landscape(sheet, f"{_HEADER_ROW}:{_HEADER_ROW}")
    sheet.oddFooter.right.text = words["xlsx_page"]


def write_issue_book_xlsx(path: Path, rows: Sequence[IssueBookRow], *, office_name: str, start: date, end: date,
                          lang: str) -> Path:
    """The issue book from ``start`` to ``end`` as an Excel workbook in ``lang`` (kk or ru)."""
    words = _words(lang)
    target = _target(path)
    book = Workbook()
    sheet: Any = book.active
    sheet.title = words["sheet"]
    _xlsx_heading(sheet, words, office_name, _period(words, start, end, lang))
    _xlsx_signature(sheet, _xlsx_rows(sheet, rows, words) + 1, words, len(rows))
    _xlsx_print_setup(sheet, words)
    book.properties.title = words["title"]
    book.properties.creator = "pedesk"
    return write_atomically(target, lambda partial: book.save(partial))


# --- PDF --------------------------------------------------------------------------------------------------


def _safe(text: str, font: str = SANS) -> str:
    """Text the font can draw (unknown spaces made ordinary, other missing letters "?"), XML-escaped."""
    return escape(legible(font, text))


def _styles() -> dict[str, Any]:
    cell = ParagraphStyle("cell", fontName=SANS, fontSize=8, leading=9.6)
    return {
        "cell": cell,
        "centre": ParagraphStyle("centre", parent=cell, alignment=TA_CENTER),
        "header": ParagraphStyle("header", parent=cell, fontName=SANS_BOLD, fontSize=7.5, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=SANS_BOLD, fontSize=13, leading=16, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", fontName=SANS, fontSize=10, leading=13, alignment=TA_CENTER),
        "sign": ParagraphStyle("sign", fontName=SANS, fontSize=10, leading=13),
    }


def _table(rows: Sequence[IssueBookRow], words: dict[str, Any], styles: dict[str, Any],
           progress: ProgressCallback | None) -> Any:
    data: list[list[Any]] = [[Paragraph(_safe(text, SANS_BOLD), styles["header"]) for text in words["columns"]]]
    for index, row in enumerate(rows, start=1):
        values = _values(index, row)
        cells: list[Any] = [Paragraph(_safe(f"{value:%d.%m.%Y}" if isinstance(value, date) else str(value)),
                                      styles["centre" if column in (0, 2, 6) else "cell"])
                            for column, value in enumerate(values[:-1])]
        data.append([*cells, Spacer(1, 9 * mm)])  # the recipient's signature: room to sign by hand
        if index % 50 == 0:
            report(progress, index, len(rows) + 2)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#808080")),
        ("FONTNAME", (0, 0), (-1, -1), SANS),  # empty cells too: the default is Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9D9D9")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if not rows:
        data.append([Paragraph(_safe(words["empty"]), styles["cell"])] + [""] * (len(_PDF_WIDTHS) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    return Table(data, colWidths=list(_PDF_WIDTHS), repeatRows=1, style=TableStyle(commands))


def _signature(words: dict[str, Any], styles: dict[str, Any], count: int) -> Any:
    line = "_" * 30
    text = (f"{_safe(words['responsible'])}: {line} {_safe(words['signature'])}&nbsp;&nbsp;&nbsp; {line} "
            f"{_safe(words['name'])}&nbsp;&nbsp;&nbsp; {_safe(words['date'])}: «___» ____________ 20___")
    return KeepTogether([Spacer(0, 4 * mm), Paragraph(_safe(str(words["total"]).format(count=count)), styles["sign"]),
                         Spacer(0, 8 * mm), Paragraph(text, styles["sign"])])


def _build(target: Any, story: list[Any], words: dict[str, Any], office_name: str, running: str, pages: int) -> int:
    return build_pdf(target, story, pagesize=landscape(A4), margin=_MARGIN, title=words["title"], author=office_name,
                     lang=words["lang"], footer_size=8, running=running,
                     page_label=lambda page: str(words["page"]).format(page=page, pages=pages))


def write_issue_book_pdf(path: Path, rows: Sequence[IssueBookRow], *, office_name: str, start: date, end: date,
                         lang: str, progress: ProgressCallback | None = None) -> Path:
    """The issue book from ``start`` to ``end`` as an A4 landscape PDF in ``lang`` (kk or ru); the column
    headings repeat on every page, each page says "page N of M" (the book is laid out twice: first to
    count its pages), signature lines close the book."""
    words = {**_words(lang), "lang": lang}
    target = _target(path)
    register_fonts()
    styles = _styles()
    period = _period(words, start, end, lang)
    running = f"{words['title']}. {office_name}. {period}"
    total = len(rows) + 2
    report(progress, 0, total)

    def story(progress: ProgressCallback | None) -> list[Any]:
        return [Paragraph(_safe(office_name), styles["subtitle"]),
                Paragraph(_safe(words["title"], SANS_BOLD), styles["title"]), Paragraph(_safe(period), styles["subtitle"]),
                Spacer(0, 5 * mm), _table(rows, words, styles, progress), _signature(words, styles, len(rows))]

    pages = _build(io.BytesIO(), story(progress), words, office_name, running, 0)
    report(progress, total - 1, total)

    def write(partial: Path) -> None:
        _build(str(partial), story(None), words, office_name, running, pages)
        report(progress, total, total)

    return write_atomically(target, write)
