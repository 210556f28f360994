"""The report on post-course support and monitoring (курстан кейінгі қолдау мен мониторинг есебі / отчёт о
посткурсовом сопровождении и мониторинге, п.35-37) as an Excel workbook in Kazakh or Russian, for a cohort or a
period. Checked before anything is written, then written atomically. No Qt.

A cohort: one row per certified listener with support (a valid certificate of ours, not after a course abroad):
the independent works by the 12-month deadline (of 3), late works (held after it: shown, not counted), the
monitoring years due by ``today`` (due date <= today), done among them and overdue (today > due, not done), and
the final analysis (п.35); then the totals: listeners, with three works, their coverage and monitoring done
against due, in per cent.

DECISION (ours), a period [start, end]: the works count for the listeners whose 12-month works deadline falls in
the period (covered with three independent works held by the deadline); the monitoring counts the years 1-3
whose due date falls in the period, each done (on or before the due date), done late (after it) or not done, and
the final analyses due in the period apart from them. The figures are as recorded on ``today``: in a period not
yet over, what falls due later in it shows as not done (yet). A summary sheet per cohort with a total line, then
a sheet of the listeners.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date, gettext_in
from pedesk.models import Cohort
from pedesk.services.common import ValidationError, check_target, print_landscape, put_cell, write_atomically
from pedesk.services.reference import require_own_office
from pedesk.services.support.shared import (
    Listener,
    check_language,
    listeners_in_period,
    listeners_of_cohort,
    percent,
    yes_no,
)

__all__ = ["SupportReportSummary", "write_support_report"]

_HEADER_ROW = 6
_BOLD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="D9D9D9")
_WRAP = Alignment(wrap_text=True, vertical="top")
# (heading, width, text): a column of a sheet; ``text`` keeps digits as typed (IINs)
_COHORT_COLUMNS = ((N_("No."), 5, False), (N_("Listener"), 32, False), (N_("IIN"), 15, True),
                   (N_("Certificate"), 16, True), (N_("Course ended"), 12, False),
                   (N_("Independent works by the deadline (of 3)"), 14, False), (N_("Works due"), 14, False),
                   (N_("Three works"), 11, False), (N_("Late works (not counted)"), 11, False),
                   (N_("Monitoring due by today"), 12, False), (N_("Monitoring done"), 12, False),
                   (N_("Monitoring overdue"), 12, False), (N_("Final analysis due"), 12, False),
                   (N_("Final analysis done on"), 12, False))
_TOTAL_HEADINGS = (N_("Listeners"), N_("With three works"), N_("Coverage with three works, %"), N_("Monitoring due"),
                   N_("Monitoring done"), N_("Monitoring done, %"))
_SUMMARY_COLUMNS = ((N_("Cohort"), 14, True), (N_("Programme"), 40, False),
                    (N_("Listeners with the works deadline in the period"), 14, False),
                    (N_("With three works"), 11, False), (N_("Coverage with three works, %"), 11, False),
                    (N_("Monitoring due"), 13, False), (N_("Done on time"), 10, False), (N_("Done late"), 10, False),
                    (N_("Not done"), 10, False), (N_("Monitoring done, %"), 11, False),
                    (N_("Final analyses due"), 11, False), (N_("Final analyses done"), 11, False))
_DETAIL_COLUMNS = ((N_("Cohort"), 14, True), (N_("Listener"), 32, False), (N_("IIN"), 15, True),
                   (N_("Certificate"), 16, True), (N_("Course ended"), 12, False), (N_("Works due"), 14, False),
                   (N_("Independent works by the deadline (of 3)"), 14, False), (N_("Three works"), 11, False),
                   (N_("Late works (not counted)"), 11, False), (N_("Monitoring due"), 13, False),
                   (N_("Done on time"), 10, False), (N_("Done late"), 10, False), (N_("Not done"), 10, False),
                   (N_("Final analysis due"), 12, False), (N_("Final analysis done on"), 12, False))


@dataclass(frozen=True)
class SupportReportSummary:
    """What was written: ``listeners`` rows of listeners; the works of ``works_listeners`` of them were due in
    the scope (in a cohort, all), ``works_complete`` with three; monitoring years due and done (late included)."""

    path: Path
    listeners: int
    works_listeners: int
    works_complete: int
    monitoring_due: int
    monitoring_done: int
    monitoring_late: int = 0
    final_due: int = 0
    final_done: int = 0

    @property
    def coverage(self) -> float | None:
        """Per cent of the listeners whose works were due that held three independent works by the deadline."""
        return percent(self.works_complete, self.works_listeners)

    @property
    def monitoring_percent(self) -> float | None:
        return percent(self.monitoring_done, self.monitoring_due)


@dataclass
class _Tally:
    """The counts of a cohort's line of the period's summary (or of the total line)."""

    listeners: int = 0
    complete: int = 0
    due: int = 0
    on_time: int = 0
    late: int = 0
    final_due: int = 0
    final_done: int = 0

    def add(self, other: _Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def values(self) -> list[object]:
        done = self.on_time + self.late
        return [self.listeners, self.complete, percent(self.complete, self.listeners), self.due, self.on_time,
                self.late, self.due - done, percent(done, self.due), self.final_due, self.final_done]


def _scope_problems(cohort_id: int | None, start: date | None, end: date | None) -> None:
    if cohort_id is not None and (start is not None or end is not None):
        raise ValidationError.single("cohort", _("Choose either a cohort or a period for the report, not both."))
    if cohort_id is None and start is None and end is None:
        raise ValidationError.single("cohort", _("Choose a cohort or a period for the report."))
    if cohort_id is None and (start is None or end is None):
        raise ValidationError.single("start" if start is None else "end",
                                     _("Period: enter its first and last day."))
    if start is not None and end is not None and end < start:
        raise ValidationError.single("end", _("The period ends ({end}) before it starts ({start}).").format(
            end=format_date(end), start=format_date(start)))


def _lines(text: str, width: float) -> int:
    """About how many lines ``text`` wraps to in a column ``width`` characters wide (bold, so a bit wider)."""
    count, used = 1, 0.0
    for word in text.split():
        size = len(word) * 1.1
        if used and used + 1 + size > width - 1:
            count, used = count + 1, size
        else:
            used += size + (1 if used else 0)
    return count


def _fit_height(sheet: Any, row: int) -> None:
    """The height wrapped text needs: openpyxl does not measure text, and not every spreadsheet program does."""
    lines = max((_lines(cell.value, sheet.column_dimensions[cell.column_letter].width or 8.43)
                 for cell in sheet[row] if isinstance(cell.value, str) and cell.alignment.wrap_text), default=1)
    if lines > 1:
        sheet.row_dimensions[row].height = 15 * lines


def _sheet(book: Any, title: str, lines: Sequence[str], columns: Sequence[tuple[str, int, bool]],
           rows: Sequence[Sequence[object]], lang: str) -> Any:
    """A sheet: the title lines, the headings (frozen, repeated on every printed page), the rows."""
    sheet = book.create_sheet(title[:31])
    for number, line in enumerate(lines, start=1):
        put_cell(sheet, number, 1, line).font = Font(bold=number == 2, size=13 if number == 2 else 11)
    for column, (heading, width, _text) in enumerate(columns, start=1):
        cell = put_cell(sheet, _HEADER_ROW, column, gettext_in(lang, heading))
        cell.font, cell.fill = _BOLD, _FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    _fit_height(sheet, _HEADER_ROW)
    for number, row in enumerate(rows, start=_HEADER_ROW + 1):
        for column, value in enumerate(row, start=1):
            put_cell(sheet, number, column, value, text=columns[column - 1][2] and value is not None).alignment = _WRAP
        _fit_height(sheet, number)
    sheet.freeze_panes = sheet.cell(row=_HEADER_ROW + 1, column=3).coordinate
    print_landscape(sheet, f"{_HEADER_ROW}:{_HEADER_ROW}", centred=False)
    return sheet


def _monitoring_by(listener: Listener, today: date) -> tuple[int, int, int]:
    """The monitoring years due by ``today``, done among them, and overdue (past the due date, not done)."""
    due = [(year_due, done_on) for _year, year_due, done_on in listener.years() if year_due <= today]
    done = sum(1 for _due, done_on in due if done_on is not None)
    return len(due), done, sum(1 for year_due, done_on in due if done_on is None and today > year_due)


def _cohort_row(index: int, listener: Listener, today: date, lang: str) -> list[object]:
    return [index, listener.holder, listener.iin, listener.number, listener.course_end, listener.works_done,
            listener.works_due, yes_no(lang, listener.works_complete), listener.works_late,
            *_monitoring_by(listener, today), listener.final_due, listener.final_done]


def _cohort_book(book: Any, lines: list[str], listeners: list[Listener], today: date, lang: str,
                 path: Path) -> SupportReportSummary:
    rows = [_cohort_row(index, listener, today, lang) for index, listener in enumerate(listeners, start=1)]
    sheet = _sheet(book, gettext_in(lang, "Listeners"), lines, _COHORT_COLUMNS, rows, lang)
    complete = sum(1 for listener in listeners if listener.works_complete)
    due = sum(_monitoring_by(listener, today)[0] for listener in listeners)
    done = sum(_monitoring_by(listener, today)[1] for listener in listeners)
    line = _HEADER_ROW + len(rows) + 2
    put_cell(sheet, line + 1, 2, gettext_in(lang, "Total")).font = _BOLD
    totals = [len(listeners), complete, percent(complete, len(listeners)), due, done, percent(done, due)]
    for column, (heading, value) in enumerate(zip(_TOTAL_HEADINGS, totals, strict=True), start=3):
        cell = put_cell(sheet, line, column, gettext_in(lang, heading))
        cell.font, cell.fill, cell.alignment = _BOLD, _FILL, Alignment(wrap_text=True, vertical="center")
        put_cell(sheet, line + 1, column, value).font = _BOLD
    _fit_height(sheet, line)
    return SupportReportSummary(path, len(listeners), len(listeners), complete, due, done)


def _in_period(listener: Listener, start: date, end: date, lang: str) -> tuple[_Tally, list[object]] | None:
    """The listener's counts in the period and the row of the listeners' sheet, or None: nothing falls due."""
    works = start <= listener.works_due <= end
    years = [(due, done_on) for _year, due, done_on in listener.years() if start <= due <= end]
    final = start <= listener.final_due <= end
    if not (works or years or final):
        return None
    on_time = sum(1 for due, done_on in years if done_on is not None and done_on <= due)
    late = sum(1 for due, done_on in years if done_on is not None and done_on > due)
    tally = _Tally(int(works), int(works and listener.works_complete), len(years), on_time, late, int(final),
                   int(final and listener.final_done is not None))
    row: list[object] = [listener.cohort_code, listener.holder, listener.iin, listener.number, listener.course_end]
    row += ([listener.works_due, listener.works_done, yes_no(lang, listener.works_complete), listener.works_late]
            if works else [None] * 4)
    row += [len(years), on_time, late, len(years) - on_time - late]
    row += [listener.final_due, listener.final_done] if final else [None, None]
    return tally, row


def _period_book(book: Any, lines: list[str], listeners: list[Listener], start: date, end: date, lang: str,
                 path: Path) -> SupportReportSummary:
    cohorts: dict[int, tuple[list[object], _Tally]] = {}
    details: list[list[object]] = []
    for listener in listeners:
        found = _in_period(listener, start, end, lang)
        if found is None:
            continue
        tally, row = found
        details.append(row)
        cohort = cohorts.setdefault(listener.cohort_id, ([listener.cohort_code, listener.programme], _Tally()))
        cohort[1].add(tally)
    total = _Tally()
    summary_rows = []
    for head, tally in sorted(cohorts.values(), key=lambda item: str(item[0][0])):
        total.add(tally)
        summary_rows.append([*head, *tally.values()])
    summary_rows.append([gettext_in(lang, "Total"), "", *total.values()])
    summary = _sheet(book, gettext_in(lang, "Summary"), lines, _SUMMARY_COLUMNS, summary_rows, lang)
    for cell in summary[_HEADER_ROW + len(summary_rows)]:
        cell.font = _BOLD
    _sheet(book, gettext_in(lang, "Listeners"), lines, _DETAIL_COLUMNS, details, lang)
    return SupportReportSummary(path, len(details), total.listeners, total.complete, total.due,
                                total.on_time + total.late, total.late, total.final_due, total.final_done)


def write_support_report(session: Session, path: Path, *, lang: str, today: date, cohort_id: int | None = None,
                         start: date | None = None, end: date | None = None) -> SupportReportSummary:
    """Write the report of a cohort (``cohort_id``) or of a period (``start``-``end``) to ``path`` (.xlsx) in
    ``lang`` (kk or ru), as of ``today``; see the module's docstring for what is counted."""
    check_language(lang)
    _scope_problems(cohort_id, start, end)
    if Path(path).suffix.lower() != ".xlsx":
        raise ValidationError.single("path", _("The report is written as .xlsx; give a file name ending in .xlsx."))
    target = check_target(path, _("{path} is a folder; give a file name for the report."))
    office = require_own_office(session)
    book: Any = Workbook()
    book.remove(book.active)
    lines = [office.name_kk if lang == "kk" else office.name_ru,
             gettext_in(lang, "Post-course support and monitoring (п.35-37)"), "",
             gettext_in(lang, "Made on {date}").format(date=format_date(today, "long", lang))]
    if cohort_id is not None:
        cohort = session.get(Cohort, cohort_id)
        if cohort is None:
            raise ValidationError.single("cohort", _("There is no such cohort; refresh the list."))
        if cohort.programme.abroad:  # п.5
            raise ValidationError.single("cohort", _(
                "The cohort {code} studied abroad: there is no post-course support or monitoring after a course "
                "abroad (п.5).").format(code=cohort.code))
        title = cohort.programme.title_kk if lang == "kk" else cohort.programme.title_ru
        lines[2] = gettext_in(lang, "Cohort {code}: {programme}, {start} – {end}").format(
            code=cohort.code, programme=title, start=format_date(cohort.start_date, "long", lang),
            end=format_date(cohort.end_date, "long", lang))
        summary = _cohort_book(book, lines, listeners_of_cohort(session, cohort.id, lang), today, lang, target)
    else:
        assert start is not None and end is not None  # checked by _scope_problems
        lines[2] = gettext_in(lang, "Period: {start} – {end}").format(
            start=format_date(start, "long", lang), end=format_date(end, "long", lang))
        summary = _period_book(book, lines, listeners_in_period(session, start, end, lang), start, end, lang,
                               target)
    book.properties.title = lines[1]
    book.properties.creator = "pedesk"
    write_atomically(target, lambda partial: book.save(partial))
    return summary
