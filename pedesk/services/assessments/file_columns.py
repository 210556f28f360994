"""The words for "passed" and "not passed" in a file of final-assessment results (п.27-28), in Kazakh, Russian
or English (its column headings are data, in ``resources/import/headers.toml``), and the blank file (.xlsx)
prefilled with a cohort's listeners that the office fills in and imports
(:mod:`pedesk.services.assessments.results_import`). No Qt.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy.orm import Session

from pedesk.i18n import _, current_language, format_date
from pedesk.services.assessments.sheet import AssessmentSheet, SheetRow, assessment_sheet
from pedesk.services.common import check_target, fold, write_atomically
from pedesk.services.schedule import DATE_FORMAT

__all__ = ["PASSED_WORDS", "TEMPLATE_COLUMNS", "write_results_template"]

_YES = ("өтті", "өтті(а)", "тапсырды", "аттестатталды", "иә", "ия", "сдал", "сдала", "сдал(а)", "зачтено",
        "зачет", "зачёт", "аттестован", "аттестована", "да", "yes", "y", "passed", "pass", "true", "1", "+")
_NO = ("өтпеді", "өтпеді(а)", "тапсырмады", "аттестатталмады", "жоқ", "не сдал", "не сдала", "не сдал(а)",
       "не зачтено", "незачтено", "не зачет", "незачет", "не зачёт", "незачёт", "не аттестован", "не аттестована",
       "нет", "no", "n", "not passed", "failed", "fail", "false", "0")
PASSED_WORDS: dict[bool, frozenset[str]] = {True: frozenset(map(fold, _YES)), False: frozenset(map(fold, _NO))}
"""The words of a result cell, folded (see :func:`pedesk.services.common.text.fold`)."""

TEMPLATE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("iin", "ЖСН / ИИН", 16),
    ("full_name", "Т.А.Ә. / ФИО", 42),
    ("score", "Балл", 10),
    ("max_score", "Ең жоғары балл / Максимальный балл", 20),
    ("passed", "Нәтиже / Результат", 18),
    ("held_on", "Күні / Дата", 14),
)
"""(field, header in Kazakh and Russian, width) of the blank file's columns: the headers are data, read
back through the results' headings (``resources/import/headers.toml``) whatever the language of the screen."""

_RESULT_WORDS = {"kk": ("өтті", "өтпеді"), "ru": ("сдал", "не сдал"), "en": ("yes", "no")}
_HEADER_ROW = 4
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


def write_results_template(session: Session, cohort_id: int, path: str | Path, *, lang: str | None = None) -> Path:
    """Write the blank results file of the cohort: one row per listener whose first result can be entered
    (or corrected: the recorded result is filled in), the IIN and full name prefilled. The file is written
    under a temporary name and renamed into place. Returns the path written."""
    target = check_target(Path(path), _("{path} is a folder; give a file name for the results."))
    code = lang or current_language()
    sheet = assessment_sheet(session, cohort_id, lang=code)
    book = _workbook(sheet, code)
    return write_atomically(target, lambda partial: book.save(partial))


def _workbook(sheet: AssessmentSheet, lang: str) -> Any:
    book = Workbook()
    page: Any = book.active
    page.title = sheet.cohort.code[:31] or "1"
    cohort = sheet.cohort
    page["A1"] = _("{code} — {programme}: results of the final assessment (the course ran {start} – {end})").format(
        code=cohort.code, programme=cohort.programme, start=format_date(cohort.start, lang=lang),
        end=format_date(cohort.end, lang=lang))
    page["A1"].font = Font(bold=True, size=12)
    yes, no = _RESULT_WORDS.get(lang, _RESULT_WORDS["kk"])
    page["A2"] = _('Result: "{yes}" or "{no}" (also "өтті" / "өтпеді", "сдал" / "не сдал", 1 / 0). The score and the '
                   "maximum may stay empty. A row without a result is left out of the import.").format(yes=yes, no=no)
    page["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    page.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(TEMPLATE_COLUMNS))
    page.row_dimensions[2].height = 32
    for column, (_field, header, width) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = page.cell(row=_HEADER_ROW, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        page.column_dimensions[get_column_letter(column)].width = width
    rows = [row for row in sheet.rows if row.editable]
    for offset, row in enumerate(rows, start=1):
        _listener_row(page, _HEADER_ROW + offset, row, (yes, no))
    last = _HEADER_ROW + max(len(rows), 1)
    choice = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True, showErrorMessage=False)
    page.add_data_validation(choice)
    choice.add(f"E{_HEADER_ROW + 1}:E{last}")
    page.freeze_panes = f"A{_HEADER_ROW + 1}"
    return book


def _listener_row(page: Any, number: int, row: SheetRow, words: tuple[str, str]) -> None:
    first = row.first
    values: dict[str, object] = {"iin": row.iin, "full_name": row.full_name}
    if first is not None:
        values |= {"score": first.score, "max_score": first.max_score, "passed": words[0 if first.passed else 1],
                   "held_on": first.held_on}
    for column, (field, _header, _width) in enumerate(TEMPLATE_COLUMNS, start=1):
        value = values.get(field)
        cell = page.cell(row=number, column=column, value=float(value) if isinstance(value, Decimal) else value)
        cell.border = _BORDER
        if cell.data_type == "f":  # a text starting with "=" stays text (no formula injection)
            cell.data_type = "s"
        if field == "iin":
            cell.number_format = "@"  # text: Excel keeps the leading zero of an IIN
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
