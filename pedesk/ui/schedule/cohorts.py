"""The cohort list (топтар / группы): search by code or programme, a phase filter, and the list deadline
(п.12) flagged when it has passed and the list of teachers is not formed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QHeaderView, QLabel, QStyle
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date
from pedesk.services.access import Action
from pedesk.services.schedule import CohortPhase, CohortRow, page_cohorts, phase_label
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import ERROR_COLOUR
from pedesk.ui.widgets.forms import ListPage
from pedesk.ui.widgets.paged_model import Column, Index, PagedTableModel

#: The phase filter's choices: (English source, phase or None for all).
PHASES: tuple[tuple[str, CohortPhase | None], ...] = (
    (N_("All cohorts"), None),
    (N_("Upcoming"), CohortPhase.UPCOMING),
    (N_("Running"), CohortPhase.RUNNING),
    (N_("Finished"), CohortPhase.FINISHED),
)
PROGRAMME_COLUMN = 1
ENROLLED_COLUMN = 6
DEADLINE_COLUMN = 7


def list_overdue(row: CohortRow, today: date) -> bool:
    """п.12: the list was due by now (two months before the start), is not formed, and the course is
    not over yet."""
    return row.list_formed_on is None and today >= row.list_deadline and row.status != CohortPhase.FINISHED


def _deadline_text(today: Callable[[], date]) -> Callable[[CohortRow], str]:
    def text(row: CohortRow) -> str:
        if row.list_formed_on is not None:
            return _("{date} (formed)").format(date=format_date(row.list_deadline))
        if list_overdue(row, today()):
            return _("{date} — not formed").format(date=format_date(row.list_deadline))
        return format_date(row.list_deadline)

    return text


def cohort_columns(today: Callable[[], date]) -> list[Column]:
    return [
        Column(N_("Code"), lambda row: row.code),
        Column(N_("Programme"), lambda row: row.programme),
        Column(N_("Start"), lambda row: format_date(row.start)),
        Column(N_("End"), lambda row: format_date(row.end)),
        Column(N_("Phase"), lambda row: phase_label(row.status)),
        Column(N_("Schedule"), lambda row: row.schedule_label),
        Column(N_("Enrolled"), lambda row: f"{row.enrolled} / {row.capacity}", align_right=True),
        Column(N_("List due (п.12)"), _deadline_text(today)),
    ]


class CohortTableModel(PagedTableModel):
    """The paged cohort rows; an overdue list of teachers is shown in red with a warning icon."""

    def __init__(self, context: AppContext, phase: Callable[[], CohortPhase | None]) -> None:
        def query(session: Session, text: str, offset: int, limit: int) -> list[CohortRow]:
            return page_cohorts(session, text, offset, limit, phase(), today=context.today(), lang=context.lang)

        super().__init__(context.database, query, cohort_columns(context.today))
        self.today = context.today

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.TextAlignmentRole):
            return super().data(index, role)
        row = self.row_at(index.row()) if index.isValid() else None
        if (row is not None and index.column() == DEADLINE_COLUMN
                and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole,
                             Qt.ItemDataRole.ToolTipRole)
                and list_overdue(row, self.today())):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(ERROR_COLOUR)
            if role == Qt.ItemDataRole.DecorationRole:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("The list of teachers was due on {date} (two months before the start, п.12) and is "
                         "not formed yet.").format(date=format_date(row.list_deadline))
        if row is not None and role == Qt.ItemDataRole.ToolTipRole and index.column() == PROGRAMME_COLUMN:
            return row.programme
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and section == ENROLLED_COLUMN):
            return _("Teachers enrolled / places in the cohort")
        return super().headerData(section, orientation, role)


class CohortListTab(ListPage):
    """The Cohorts tab: the paged list with a phase filter and its buttons."""

    def __init__(self, context: AppContext, open_cohort: Callable[[int | None], object],
                 export: Callable[[], object]) -> None:
        """``open_cohort(id)`` opens a cohort's editor (None: a new cohort); ``export()`` the export dialog."""
        self._phase: CohortPhase | None = None
        self._open_cohort = open_cohort
        model = CohortTableModel(context, lambda: self._phase)
        super().__init__(context, N_("Cohorts"), model, kinds=("cohort", "programme", "enrolment"))
        self.heading.hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROGRAMME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.phase_label = QLabel()
        self.phase = QComboBox()
        for _source, phase in PHASES:
            self.phase.addItem("", phase.value if phase else "")
        self.phase.currentIndexChanged.connect(self._phase_changed)
        outer = self.layout()
        first = outer.itemAt(0) if outer is not None else None
        top = first.layout() if first is not None else None
        assert isinstance(top, QHBoxLayout)  # ListPage's first row: heading and search
        top.insertWidget(0, self.phase_label)
        top.insertWidget(1, self.phase)
        top.setStretch(2, 0)
        self.new_button = self.add_button(N_("New cohort…"), lambda: open_cohort(None), Action.SCHEDULE)
        self.open_button = self.add_button(N_("Open"), self.open_selected)
        self.export_button = self.add_button(N_("Export schedule…"), export)
        self.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.retranslate()
        self._update_buttons()

    def _activated(self, cohort_id: object) -> None:
        if isinstance(cohort_id, int):
            self._open_cohort(cohort_id)

    def _phase_changed(self, index: int) -> None:
        self._phase = PHASES[index][1] if 0 <= index < len(PHASES) else None  # Qt gives back a plain str
        self.apply_filter()

    def open_selected(self) -> None:
        cohort_id = self.selected_id()
        if isinstance(cohort_id, int):
            self._open_cohort(cohort_id)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None
                                    and self.table.selectionModel().hasSelection())

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        phase = getattr(self, "phase", None)
        if phase is None:  # ListPage calls this before the filter exists
            return
        self.phase_label.setText(_("Show:"))
        for index, (source, _value) in enumerate(PHASES):
            phase.setItemText(index, _(source))
        self.search.setPlaceholderText(_("Search by code or programme…"))
        if _lang:
            self.model.refresh()  # programme titles and status labels come from the query in the language
