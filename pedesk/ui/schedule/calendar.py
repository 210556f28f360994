"""The month view of all cohorts: one row per cohort, one column per day; a cohort's days form a bar,
weekends are shaded, today is marked and the list deadline (п.12) is flagged on its day."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from typing import Any

from babel import dates as babel_dates
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import _, babel_locale, format_date
from pedesk.models.enums import ScheduleStatus
from pedesk.services.rules import LIST_LEAD_MONTHS, add_months
from pedesk.services.schedule import CohortPhase, CohortRow, cohorts_between, phase_label
from pedesk.ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex
AGREED_BAR = "#7fb77e"
DRAFT_BAR = "#8fb3e0"
FINISHED_BAR = "#c8c8c8"
WEEKEND = "#eeeeee"
TODAY = "#fff1b8"
DEADLINE_MARK = "⚑"
DAY_WIDTH = 30


def month_title(first: date) -> str:
    """"March 2026" in the current language (the stand-alone month name, capitalised)."""
    text = babel_dates.format_date(first, "LLLL y", locale=babel_locale())
    return text[:1].upper() + text[1:]


def cohort_tooltip(row: CohortRow, today: date) -> str:
    lines = [
        f"<b>{escape(row.code)}</b> — {escape(row.programme)}",
        escape(_("{start} – {end}").format(start=format_date(row.start), end=format_date(row.end))),
        escape(_("Enrolled: {enrolled} of {capacity} places").format(enrolled=row.enrolled,
                                                                      capacity=row.capacity)),
        escape(_("Schedule: {status}").format(status=row.schedule_label)),
    ]
    if row.list_formed_on is not None:
        lines.append(escape(_("List of teachers (п.12): formed on {date}").format(
            date=format_date(row.list_formed_on))))
    else:
        deadline = _("List of teachers (п.12): due by {date}, not formed").format(
            date=format_date(row.list_deadline))
        overdue = today >= row.list_deadline and row.status != CohortPhase.FINISHED
        lines.append(f'<span style="color: #b00020;">{escape(deadline)}</span>' if overdue else escape(deadline))
    return "<br>".join(lines)


class MonthModel(QAbstractTableModel):
    """Column 0 names the cohort; column d is day d of the month."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.first = context.today().replace(day=1)
        self.rows: list[CohortRow] = []

    @property
    def days(self) -> int:
        return calendar.monthrange(self.first.year, self.first.month)[1]

    @property
    def last(self) -> date:
        return self.first.replace(day=self.days)

    def set_month(self, first: date) -> None:
        """The cohorts running in the month, then those whose list of teachers is due in it (п.12: two
        months before they start) and not formed yet, so that the office sees that deadline too."""
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        lang, today = self.context.lang, self.context.today()
        with self.context.database.reading() as session:
            rows = cohorts_between(session, first, last, lang, today=today)
            later = cohorts_between(session, add_months(first, LIST_LEAD_MONTHS),
                                    add_months(last, LIST_LEAD_MONTHS) + timedelta(days=3), lang, today=today)
        shown = {row.id for row in rows}
        rows += [row for row in later if row.id not in shown and row.list_formed_on is None
                 and first <= row.list_deadline <= last]
        self.beginResetModel()
        self.first = first
        self.rows = rows
        self.endResetModel()

    def refresh(self) -> None:
        self.set_month(self.first)

    def day(self, column: int) -> date:
        return self.first + timedelta(days=column - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.days + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() > self.days:
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return cohort_tooltip(row, self.context.today())
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.code} — {row.programme}"
            return None
        return self._day_data(row, self.day(index.column()), role)

    def _day_data(self, row: CohortRow, day: date, role: int) -> Any:
        inside = row.start <= day <= row.end
        if role == Qt.ItemDataRole.DisplayRole:
            return DEADLINE_MARK if day == row.list_deadline and row.list_formed_on is None else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if inside:
                if row.status == CohortPhase.FINISHED:
                    colour = QColor(FINISHED_BAR)
                else:
                    colour = QColor(AGREED_BAR if row.schedule == ScheduleStatus.AGREED else DRAFT_BAR)
                return QBrush(colour.darker(125) if day == self.context.today() else colour)
            if day == self.context.today():
                return QBrush(QColor(TODAY))
            if day.weekday() >= 5:
                return QBrush(QColor(WEEKEND))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and day == row.list_deadline:
            return QBrush(QColor("#b00020"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section <= self.days:
            return None
        if section == 0:
            return _("Cohort") if role == Qt.ItemDataRole.DisplayRole else None
        day = self.day(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{day.day}\n{babel_dates.format_date(day, 'EEEEEE', locale=babel_locale())}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return format_date(day, "full")
        if role == Qt.ItemDataRole.FontRole and day == self.context.today():
            font = QFont()
            font.setBold(True)
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and day == self.context.today():
            return QBrush(QColor("#b45309"))
        return None

    def retranslate(self) -> None:
        self.refresh()  # programme titles and status labels are read in the language


class CalendarTab(QWidget):
    """The month view with previous / today / next; a double-click opens the cohort."""

    def __init__(self, context: AppContext, open_cohort: Callable[[int], object]) -> None:
        super().__init__()
        self.context = context
        self._open_cohort = open_cohort
        self.model = MonthModel(context)
        self.previous_button = QPushButton()
        self.today_button = QPushButton()
        self.next_button = QPushButton()
        self.previous_button.clicked.connect(lambda: self.show_month(add_months(self.model.first, -1)))
        self.next_button.clicked.connect(lambda: self.show_month(add_months(self.model.first, 1)))
        self.today_button.clicked.connect(lambda: self.show_month(self.context.today().replace(day=1)))
        self.title = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(DAY_WIDTH)
        self.table.doubleClicked.connect(self._double_clicked)
        self.empty = QLabel()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.today_button)
        top.addWidget(self.next_button)
        top.addSpacing(16)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.legend)
        self.model.modelReset.connect(self._after_reset)
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._on_data_changed)
        self.model.refresh()
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Re-read the month when the tab comes into view: another user may have changed cohorts."""
        super().showEvent(event)
        self.model.refresh()

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("cohort", "programme", "enrolment"):
            self.model.refresh()

    def show_month(self, first: date) -> None:
        self.model.set_month(first)
        self._show_title()

    def _after_reset(self) -> None:
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            self.table.setColumnWidth(column, DAY_WIDTH)
        self.empty.setVisible(not self.model.rows)
        self._show_title()

    def _show_title(self) -> None:
        self.title.setText(f"<h3>{escape(month_title(self.model.first))}</h3>")

    def _double_clicked(self, index: QModelIndex) -> None:
        cohort_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        if isinstance(cohort_id, int):
            self._open_cohort(cohort_id)

    def retranslate(self, _lang: str = "") -> None:
        self.previous_button.setText(_("◀ Previous"))
        self.today_button.setText(_("Today"))
        self.next_button.setText(_("Next ▶"))
        self.empty.setText(_("No cohorts in this month."))
        swatch = '<span style="background-color: {colour};">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        legend = [
            (swatch.format(colour=DRAFT_BAR), _("draft schedule")),
            (swatch.format(colour=AGREED_BAR), _("agreed schedule")),
            (swatch.format(colour=FINISHED_BAR), phase_label(CohortPhase.FINISHED)),
            (swatch.format(colour=WEEKEND), _("weekend")),
            (swatch.format(colour=TODAY), _("today")),
            (DEADLINE_MARK, _("list of teachers due (п.12)")),
        ]
        parts = [f"{mark} {escape(label)}" for mark, label in legend]
        self.legend.setText(" &nbsp; ".join(parts))
        if _lang:
            self.model.retranslate()
        self._show_title()
