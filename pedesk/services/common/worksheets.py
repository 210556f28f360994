"""Writing the worksheets pedesk makes (the issue book, the timetable, the support report): a cell that is
never a formula, and the print setup of a wide list. openpyxl's sheets are passed in; no Qt, no database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

__all__ = ["DATE_FORMAT", "print_landscape", "put_cell"]

DATE_FORMAT = "DD.MM.YYYY"
"""How a date cell shows in the workbooks pedesk writes."""


def put_cell(sheet: Any, row: int, column: int, value: object, *, text: bool = False) -> Any:
    """The cell at ``row`` and ``column`` with ``value``, never a formula: text that starts with "=" stays text
    (no formula injection). ``text`` keeps digits as typed (an IIN's leading zero); dates show as dates."""
    cell = sheet.cell(row=row, column=column, value=value)
    if cell.data_type == "f":
        cell.data_type = "s"
        cell.quotePrefix = True
    if text:
        cell.number_format = "@"
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def print_landscape(sheet: Any, title_rows: str, *, centred: bool = True) -> None:
    """Print ``sheet`` on A4 landscape, one page wide, with narrow side margins and the rows ``title_rows``
    ("4:4") on every page; ``centred`` centres it across the page."""
    sheet.print_title_rows = title_rows
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if centred:
        sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
