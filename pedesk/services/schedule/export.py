"""Export the schedule of courses (Кесте, п.13) for a period: an Excel workbook or a PDF.

The document's language (kk or ru) is independent of the interface's. Everything is checked before a
file is touched; files are written under a temporary name in the target folder and renamed into place,
so a failure never leaves half a file (nor replaces a good one). The layout is described in
:mod:`~pedesk.services.schedule.document`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import (  # type: ignore[import-untyped, unused-ignore]
    Alignment,
    Border,
    Font,
    PatternFill,
    Side,
)
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy.orm import Session

from pedesk.i18n import gettext_in
from pedesk.services.common import DATE_FORMAT, check_target, print_landscape, put_cell, write_atomically
from pedesk.services.schedule.document import CohortBlock, ScheduleDocument, schedule_document
from pedesk.services.schedule.export_pdf import write_schedule_pdf

__all__ = ["DATE_FORMAT", "export_schedule_pdf", "export_schedule_xlsx", "write_atomically"]
__all__ = ["DATE_FORMAT", "export_schedule_pdf", "export_schedule_xlsx"]
_COLUMNS = 12
_WIDTHS = (5, 14, 48, 12, 9, 12, 12, 12, 28, 8, 9, 14)
_HEADER_ROW = 5  # cohort header; the session header is the row below; data starts two rows below
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_COHORT_FILL = PatternFill("solid", fgColor="DDEBF7")


# --- Excel ------------------------------------------------------------------------------------------------


def _style_row(sheet: Any, row: int, *, font: Any = None, fill: Any = None, align: Any = _WRAP) -> None:
    for column in range(1, _COLUMNS + 1):
        cell = sheet.cell(row=row, column=column)
        cell.border = _BORDER
        cell.alignment = align
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill


def _merge(sheet: Any, row: int, first: int, last: int) -> None:
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _xlsx_heading(sheet: Any, doc: ScheduleDocument) -> None:
    for row, (text, size) in enumerate(((doc.title, 14), (doc.office, 11), (doc.period, 11)), start=1):
        put_cell(sheet, row, 1, text)
        _merge(sheet, row, 1, _COLUMNS)
        sheet.cell(row=row, column=1).font = Font(bold=row == 1, size=size)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
    for column, header in enumerate(doc.cohort_headers, start=1):
        put_cell(sheet, _HEADER_ROW, column, header)
    for label, first, last in doc.session_headers:
        put_cell(sheet, _HEADER_ROW + 1, first + 1, label)
        _merge(sheet, _HEADER_ROW + 1, first + 1, last + 1)
    _style_row(sheet, _HEADER_ROW, font=Font(bold=True), fill=_HEADER_FILL, align=_CENTRE)
    _style_row(sheet, _HEADER_ROW + 1, font=Font(bold=True, italic=True), fill=_HEADER_FILL, align=_CENTRE)


def _xlsx_block(sheet: Any, row: int, block: CohortBlock, no_sessions: str) -> int:
    values = (block.number, block.code, block.programme, block.kind, block.academic_hours, block.start,
              block.end, block.language, block.location, block.capacity, block.enrolled, block.status)
    for column, value in enumerate(values, start=1):
        put_cell(sheet, row, column, value)
    _style_row(sheet, row, font=Font(bold=True), fill=_COHORT_FILL)
    row += 1
    if not block.sessions:
        put_cell(sheet, row, 2, no_sessions)
        _merge(sheet, row, 2, _COLUMNS)
        _style_row(sheet, row, font=Font(italic=True))
        return row + 1
    for line in block.sessions:
        for column, value in ((2, line.day), (3, line.topic), (4, line.times), (5, line.academic_hours),
                              (6, line.trainer), (8, line.form), (9, line.room)):
            put_cell(sheet, row, column, value)
        _merge(sheet, row, 6, 7)
        _merge(sheet, row, 10, _COLUMNS)
        _style_row(sheet, row)
        row += 1
    return row


def _page_setup(sheet: Any) -> None:
    print_landscape(sheet, f"{_HEADER_ROW}:{_HEADER_ROW + 1}")
    sheet.oddFooter.center.text = "&P / &N"


def _workbook(doc: ScheduleDocument) -> Any:
    book = Workbook()
    sheet: Any = book.active
    sheet.title = gettext_in(doc.lang, "Schedule")[:31]
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _xlsx_heading(sheet, doc)
    row = _HEADER_ROW + 2
    for block in doc.blocks:
        row = _xlsx_block(sheet, row, block, doc.no_sessions)
    sheet.freeze_panes = sheet.cell(row=_HEADER_ROW + 2, column=1).coordinate
    _page_setup(sheet)
    book.properties.title = doc.title
    book.properties.creator = "pedesk"
    return book


# --- Public -----------------------------------------------------------------------------------------------


def export_schedule_xlsx(session: Session, start: date | None, end: date | None, path: Path, lang: str, *,
                         cohort_id: int | None = None) -> Path:
    """Write the office's schedule from ``start`` to ``end`` (or of the one cohort ``cohort_id``) as an Excel
    workbook in ``lang`` (kk or ru)."""
    doc = schedule_document(session, start, end, lang, cohort_id=cohort_id)
    target = check_target(path)
    book = _workbook(doc)
    return write_atomically(target, lambda partial: book.save(partial))


def export_schedule_pdf(session: Session, start: date | None, end: date | None, path: Path, lang: str, *,
                        cohort_id: int | None = None) -> Path:
    """Write the office's schedule from ``start`` to ``end`` (or of the one cohort ``cohort_id``) as an A4
    landscape PDF in ``lang`` (kk or ru)."""
    doc = schedule_document(session, start, end, lang, cohort_id=cohort_id)
    target = check_target(path)
    return write_atomically(target, lambda partial: write_schedule_pdf(doc, partial))
