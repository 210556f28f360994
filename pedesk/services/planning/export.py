"""The annual plan (п.9-11) as an Excel workbook, in Kazakh or Russian whatever the interface's language:
schools' applications, district plans, the region's plan (short and long) and planned against actual.
Checked before anything is written, then written atomically. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, gettext_in
from pedesk.services.common import ValidationError, check_target, write_atomically
from pedesk.services.planning.plan import KIND_LABELS
from pedesk.services.planning.totals import application_rows, district_plan, planned_vs_actual, region_plan

__all__ = ["plan_export"]

DATE_FORMAT = "DD.MM.YYYY"
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_WRAP = Alignment(wrap_text=True, vertical="top")

_APPLICATION_HEADINGS = (N_("School"), N_("District"), N_("Programme or direction"), N_("Course"),
                         N_("Teachers"), N_("Teachers' IINs"), N_("Received on"), N_("Note"))
_DISTRICT_HEADINGS = (N_("District"), N_("Course"), N_("Schools"), N_("Teachers"), N_("Forwarded on"))
_REGION_HEADINGS = (N_("Course"), N_("Teachers"), N_("Formed on"))
_FACT_HEADINGS = (N_("Programme or direction"), N_("District"), N_("Planned"), N_("Actual"), N_("Difference"))


def _sheet(book: Any, lang: str, title: str, headings: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    sheet = book.create_sheet(gettext_in(lang, title)[:31])
    sheet.append([gettext_in(lang, heading) for heading in headings])
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _WRAP
    for row in rows:
        sheet.append(list(row))
    for column in range(1, len(headings) + 1):
        letter = get_column_letter(column)
        widest = max((len(str(c.value or "")) for c in sheet[letter]), default=8)
        sheet.column_dimensions[letter].width = min(max(widest + 2, 10), 60)
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"


def _application_rows(session: Session, plan_year: int, lang: str) -> list[list[object]]:
    return [[r.school, r.district, r.subject, gettext_in(lang, KIND_LABELS[r.course_kind]), r.teachers,
             ", ".join(r.teacher_iins), r.received_on, r.note] for r in application_rows(session, plan_year, lang)]


def _workbook(session: Session, plan_year: int, lang: str) -> Any:
    book: Any = Workbook()
    book.remove(book.active)
    _sheet(book, lang, N_("School applications"), _APPLICATION_HEADINGS,
           _application_rows(session, plan_year, lang))
    _sheet(book, lang, N_("District plans"), _DISTRICT_HEADINGS, [
        [r.district, gettext_in(lang, KIND_LABELS[r.course_kind]), r.schools, r.teachers, r.forwarded_on]
        for r in district_plan(session, plan_year, lang)])
    region = region_plan(session, plan_year)
    _sheet(book, lang, N_("Region plan"), _REGION_HEADINGS, [
        [gettext_in(lang, label), count, region.formed_on]
        for label, count in ((N_("short"), region.short), (N_("long"), region.long))])
    _sheet(book, lang, N_("Planned vs actual"), _FACT_HEADINGS, [
        [f.programme, f.district, f.planned, f.actual, f.actual - f.planned]
        for f in planned_vs_actual(session, plan_year, lang)])
    book.properties.title = gettext_in(lang, "Plan of teachers' courses for {year}").format(year=plan_year)
    book.properties.creator = "pedesk"
    return book


def plan_export(session: Session, plan_year: int, path: Path, lang: str = "kk") -> Path:
    """Write the plan for ``plan_year`` to ``path`` (.xlsx) in ``lang`` (kk or ru); returns the path."""
    if Path(path).suffix.lower() != ".xlsx":
        raise ValidationError.single("path", _("The plan is written as .xlsx; give a file name ending in .xlsx."))
    target = check_target(path, _("{path} is a folder; give a file name for the plan."))
    book = _workbook(session, plan_year, lang)
    return write_atomically(target, lambda partial: book.save(partial))
