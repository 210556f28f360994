"""Two parts of the questionnaire dialog: the table of earlier PD courses (Appendix 3) and the teacher's
5-year history (п.21: 36 to 180 academic hours per inter-course period)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _, format_date
from pedesk.services.common import Problem
from pedesk.services.enrolment import status_label
from pedesk.services.rules import MIN_HOURS_IN_WINDOW
from pedesk.services.teachers import PreviousCourseData, TeacherHistory
from pedesk.ui.widgets.editors import ERROR_COLOUR, OK_COLOUR
from pedesk.ui.widgets.tables import StaticTableModel, fit_columns, read_only_table

COURSE_HEADERS = (N_("Topic"), N_("Place"), N_("Start"), N_("End"), N_("Academic hours"), N_("Certificate no."))
DAY_FORMAT = "%d.%m.%Y"


def _day_text(value: Any) -> str:
    return value.strftime(DAY_FORMAT) if value else ""


def _parse_day(text: str) -> Any:
    return datetime.strptime(text.strip(), DAY_FORMAT).date()


class PreviousCoursesTable(QWidget):
    """The questionnaire's repeating table: topic, place, start, end, hours, certificate number."""

    def __init__(self) -> None:
        super().__init__()
        self.table = QTableWidget(0, len(COURSE_HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add = QPushButton()
        self.remove = QPushButton()
        self.add.clicked.connect(lambda: self.add_row())
        self.remove.clicked.connect(self.remove_row)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def add_row(self, course: PreviousCourseData | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = ("", "", "", "", "", "") if course is None else (
            course.topic, course.place, _day_text(course.start_date), _day_text(course.end_date),
            "" if course.academic_hours is None else str(course.academic_hours), course.certificate_number)
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setCurrentCell(row, 0)
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_courses(self, courses: tuple[PreviousCourseData, ...]) -> None:
        self.table.setRowCount(0)
        for course in courses:
            self.add_row(course)
        self.table.resizeColumnsToContents()

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def courses(self) -> tuple[tuple[PreviousCourseData, ...], list[Problem]]:
        """The rows as data (empty rows skipped) and the problems of dates and hours that cannot be read."""
        courses: list[PreviousCourseData] = []
        problems: list[Problem] = []
        for row in range(self.table.rowCount()):
            texts = [self.cell(row, column) for column in range(len(COURSE_HEADERS))]
            if not any(texts):
                continue
            number = len(courses) + 1
            days = []
            for text in texts[2:4]:
                try:
                    days.append(_parse_day(text) if text else None)
                except ValueError:
                    days.append(None)
                    problems.append(Problem("previous_courses", _(
                        "Previous courses, row {row}: {text} is not a date. Write it as 25.11.2026.").format(
                        row=number, text=text), number))
            hours = None
            if texts[4]:
                if texts[4].isdigit():
                    hours = int(texts[4])
                else:
                    problems.append(Problem("previous_courses", _(
                        "Previous courses, row {row}: {text} is not a number of academic hours.").format(
                        row=number, text=texts[4]), number))
            courses.append(PreviousCourseData(texts[0], texts[1], days[0], days[1], hours, texts[5]))
        return tuple(courses), problems

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(text) for text in COURSE_HEADERS])
        self.add.setText(_("Add a row"))
        self.remove.setText(_("Remove the row"))
        self.hint.setText(_("Dates as 25.11.2026; the duration in academic hours."))


HISTORY_HEADERS = (N_("Course"), N_("Dates"), N_("Academic hours"), N_("Status"))
CERTIFICATE_HEADERS = (N_("Certificate no."), N_("Topic"), N_("Academic hours"), N_("Issued"), N_("Valid until"),
                       N_("Validity"))


class HistoryPanel(QWidget):
    """The teacher's courses, hours and certificates of the last 5 years (teacher_history)."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.courses_title = QLabel()
        self.certificates_title = QLabel()
        self.courses = StaticTableModel(HISTORY_HEADERS)
        self.certificates = StaticTableModel(CERTIFICATE_HEADERS)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.courses_title)
        self.courses_view = read_only_table(self.courses)
        layout.addWidget(self.courses_view, 2)
        layout.addWidget(self.certificates_title)
        self.certificates_view = read_only_table(self.certificates)
        layout.addWidget(self.certificates_view, 1)
        self.history: TeacherHistory | None = None
        self.retranslate()

    def set_history(self, history: TeacherHistory | None) -> None:
        self.history = history
        self.retranslate()

    def retranslate(self) -> None:
        courses, certificates = _("Courses"), _("Certificates")
        self.courses_title.setText(f"<b>{courses}</b>")
        self.certificates_title.setText(f"<b>{certificates}</b>")
        self.courses.retranslate()
        self.certificates.retranslate()
        history = self.history
        if history is None:
            self.summary.setText(_("The history appears once the teacher is saved."))
            self.courses.set_rows([])
            self.certificates.set_rows([])
            return
        lines = [_("Academic hours in the last 5 years (since {start}): {hours}.").format(
            start=format_date(history.window_start), hours=history.hours_last_five_years)]
        if history.due_for_course:
            due = _("Due for a course: under {minimum} academic hours in 5 years (п.21 of the Rules).").format(
                minimum=MIN_HOURS_IN_WINDOW)
            lines.append(f'<span style="color: {ERROR_COLOUR};"><b>{due}</b></span>')
        else:
            not_due = _("Not due for a course.")
            lines.append(f'<span style="color: {OK_COLOUR};">{not_due}</span>')
        self.summary.setText("<br>".join(lines))
        rows: list[tuple[object, ...]] = [
            (f"{item.cohort_code} — {item.programme}", f"{format_date(item.start)} – {format_date(item.end)}",
             item.academic_hours, status_label(item.status)) for item in history.enrolments]
        rows += [(_("{topic} (questionnaire)").format(topic=item.topic),
                  f"{_day_text(item.start_date)} – {_day_text(item.end_date)}",
                  "" if item.academic_hours is None else item.academic_hours, "") for item in history.previous_courses]
        self.courses.set_rows(rows)
        self.certificates.set_rows(
            (item.number, item.topic, item.academic_hours, format_date(item.issue_date),
             format_date(item.valid_until), _("expired") if item.expired else _("valid"))
            for item in history.certificates)
        self.fit()

    def fit(self) -> None:
        """Columns no wider than a third of the table, long titles wrapped (call once it is shown)."""
        fit_columns(self.courses_view)
        fit_columns(self.certificates_view)
