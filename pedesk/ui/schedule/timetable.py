"""A cohort's timetable (Кесте) inside the cohort editor: its sessions with double bookings flagged, the
hours against the programme's, the schedule status (п.13: draft -> agreed) and the list deadline (п.12)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import _, format_date
from pedesk.models import Cohort
from pedesk.models.enums import ScheduleStatus
from pedesk.services.access import Action
from pedesk.services.common import ValidationError
from pedesk.services.schedule import (
    Conflict,
    HoursSummary,
    SessionRow,
    delete_session,
    find_conflicts,
    hours_summary,
    list_deadline,
    list_sessions,
    mark_list_formed,
    schedule_status_label,
)
from pedesk.ui.context import AppContext
from pedesk.ui.schedule.dialogs import AgreeDialog, CohortFacts, ReopenDialog, SessionDialog
from pedesk.ui.schedule.sessions import TOPIC_COLUMN, SessionTableModel
from pedesk.ui.widgets.choices import (
    ERROR_COLOUR,
    OK_COLOUR,
    WARNING_COLOUR,
    coloured,
)
from pedesk.ui.widgets.permissions import require
from pedesk.ui.widgets.tables import fit_to_contents, list_table

MAX_COLUMN_WIDTH = 190

@dataclass
class TimetableState:
    """Everything the panel shows about one cohort, read in one session."""

    facts: CohortFacts
    status: ScheduleStatus
    agreed_on: date | None
    agreed_with: str
    own: bool
    office: str
    list_formed_on: date | None
    sessions: list[SessionRow] = field(default_factory=list)
    summary: HoursSummary | None = None
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def agreed(self) -> bool:
        return self.status == ScheduleStatus.AGREED

CONFLICTS_MAX_HEIGHT = 110


def load_timetable(context: AppContext, cohort_id: int) -> TimetableState | None:
    with context.database.reading() as session:
        cohort = session.get(Cohort, cohort_id)
        if cohort is None:
            return None
        facts = CohortFacts(cohort.id, cohort.code, cohort.start_date, cohort.end_date,
                            tuple(link.trainer_id for link in cohort.trainers))
        return TimetableState(
            facts, cohort.schedule_status, cohort.agreed_on, cohort.agreed_with, cohort.office.is_own,
            cohort.office.name(context.lang), cohort.list_formed_on, list_sessions(session, cohort_id),
            hours_summary(session, cohort_id),
            find_conflicts(session, cohort.start_date, cohort.end_date, cohort_id=cohort_id),
        )


class TimetablePanel(QGroupBox):
    """The timetable of a saved cohort; before the cohort is saved it only says so."""

    def __init__(self, context: AppContext, on_refreshed: Callable[[], object] | None = None,
                 parent: QWidget | None = None) -> None:
        """``on_refreshed()`` is called after each re-read (the editor locks an agreed schedule's dates)."""
        super().__init__(parent)
        self.context = context
        self.on_refreshed = on_refreshed
        self.cohort_id: int | None = None
        self.state: TimetableState | None = None
        self.dialog: QWidget | None = None  # the session / agree / reopen dialog open now
        self.placeholder = QLabel()
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.agree_button = self._button(self.agree)
        self.reopen_button = self._button(self.reopen)
        self.lock_note = QLabel()
        self.lock_note.setWordWrap(True)
        self.lock_note.setStyleSheet(f"color: {WARNING_COLOUR};")
        self.model = SessionTableModel()
        self.table = list_table(self.model, wrap=False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TOPIC_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda _index: self.edit_session())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.add_button = self._button(self.add_session)
        self.edit_button = self._button(self.edit_session)
        self.delete_button = self._button(self.delete_session)
        self.hours_label = QLabel()
        self.hours_label.setWordWrap(True)
        self.conflicts_label = QLabel()
        self.conflicts_label.setWordWrap(True)
        # many double bookings must not squeeze the timetable itself: they scroll in a box of their own
        self.conflicts_box = QScrollArea()
        self.conflicts_box.setWidget(self.conflicts_label)
        self.conflicts_box.setWidgetResizable(True)
        self.conflicts_box.setMaximumHeight(CONFLICTS_MAX_HEIGHT)
        self.conflicts_box.setFrameShape(QScrollArea.Shape.NoFrame)
        self.list_label = QLabel()
        self.list_label.setWordWrap(True)
        self.list_button = self._button(self.mark_list_formed)
        require(context, Action.SCHEDULE, self.agree_button, self.reopen_button, self.add_button, self.edit_button,
                self.delete_button, self.list_button)
        self._lay_out()
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._on_data_changed)
        self.retranslate()

    def _button(self, slot: Any) -> QPushButton:
        button = QPushButton()
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.agree_button)
        status_row.addWidget(self.reopen_button)
        session_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            session_buttons.addWidget(button)
        session_buttons.addStretch(1)
        list_row = QHBoxLayout()
        list_row.addWidget(self.list_label, 1)
        list_row.addWidget(self.list_button)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(status_row)
        body.addWidget(self.lock_note)
        body.addWidget(self.table, 1)
        body.addLayout(session_buttons)
        body.addWidget(self.hours_label)
        body.addWidget(self.conflicts_box)
        body.addLayout(list_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.body, 1)

    # showing --------------------------------------------------------------------------------------------------
    def set_cohort(self, cohort_id: int | None) -> None:
        self.cohort_id = cohort_id
        self.refresh()

    def refresh(self) -> None:
        self.state = load_timetable(self.context, self.cohort_id) if self.cohort_id is not None else None
        state = self.state
        self.placeholder.setVisible(state is None)
        self.body.setVisible(state is not None)
        self.model.set_rows(state.sessions if state else [], state.conflicts if state else [])
        self.fit_columns()
        self.retranslate()
        if self.on_refreshed is not None:
            self.on_refreshed()

    def fit_columns(self) -> None:
        """Every column as wide as its contents (long ones capped); the topic takes the width left over."""
        fit_to_contents(self.table, MAX_COLUMN_WIDTH, keep=(TOPIC_COLUMN,))

    def retranslate(self, _lang: str = "") -> None:
        self.setTitle(_("Timetable"))
        self.placeholder.setText(_("Save the cohort first; then draft its timetable here."))
        self.agree_button.setText(_("Agree schedule…"))
        self.reopen_button.setText(_("Reopen…"))
        self.add_button.setText(_("Add session…"))
        self.edit_button.setText(_("Edit session…"))
        self.delete_button.setText(_("Delete session"))
        self.list_button.setText(_("Mark list formed"))
        self.model.retranslate()
        self.fit_columns()
        if self.state is not None:
            self._describe(self.state)
        self._update_buttons()

    def _describe(self, state: TimetableState) -> None:
        status = schedule_status_label(state.status, state.agreed_on)
        text = _("Schedule status (п.13): {status}").format(status=status)
        text = escape(text)
        if state.agreed and state.agreed_with:
            text += "<br>" + escape(_("Agreed with: {bodies}").format(bodies=state.agreed_with))
        self.status_label.setText(text)
        if not state.own:
            self.lock_note.setText(_("This cohort belongs to another office ({office}) and came in its data "
                                     "package, so it is shown read-only.").format(office=state.office))
        else:
            self.lock_note.setText(_("The schedule is agreed, so its sessions cannot change. Reopen it with a "
                                     "reason to change them."))
        self.lock_note.setVisible(state.agreed or not state.own)
        self._describe_hours(state.summary)
        self._describe_conflicts(state.conflicts)
        self._describe_list(state)

    def _describe_hours(self, summary: HoursSummary | None) -> None:
        if summary is None:
            self.hours_label.clear()
            return
        line = _("Academic hours: {planned} planned, {required} in the programme.").format(
            planned=summary.planned, required=summary.required)
        if summary.difference:
            self.hours_label.setText(f"{escape(line)}<br>{coloured(summary.remark, ERROR_COLOUR)}")
        else:
            matches = _("The timetable matches the programme.")
            self.hours_label.setText(f"{escape(line)} {coloured(matches, OK_COLOUR)}")

    def _describe_conflicts(self, conflicts: list[Conflict]) -> None:
        self.conflicts_box.setVisible(bool(conflicts))
        if not conflicts:
            self.conflicts_label.clear()
            return
        lines = "".join(f"<li>{escape(conflict.message)}</li>" for conflict in conflicts)
        heading = escape(_("Double bookings (shaded in the timetable):"))
        self.conflicts_label.setText(f'<div style="color: {ERROR_COLOUR};">{heading}<ul style="margin: 0;">'
                                     f"{lines}</ul></div>")

    def _describe_list(self, state: TimetableState) -> None:
        deadline = list_deadline(state.facts.start)
        if state.list_formed_on is not None:
            text = _("List of teachers (п.12): due by {deadline}; formed on {date}.").format(
                deadline=format_date(deadline), date=format_date(state.list_formed_on))
            self.list_label.setText(coloured(text, OK_COLOUR))
            return
        text = _("List of teachers (п.12): due by {deadline}; not formed yet.").format(
            deadline=format_date(deadline))
        due = self.context.today() >= deadline
        self.list_label.setText(coloured(text, ERROR_COLOUR) if due else escape(text))

    def _update_buttons(self) -> None:
        state = self.state
        editable = state is not None and state.own and not state.agreed
        selected = self.selected_session() is not None
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and selected)
        self.delete_button.setEnabled(editable and selected)
        self.agree_button.setEnabled(state is not None and state.own and not state.agreed)
        self.reopen_button.setEnabled(state is not None and state.own and state.agreed)
        self.list_button.setEnabled(state is not None and state.own and state.list_formed_on is None)

    def selected_session(self) -> SessionRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.session_at(index.row())

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("cohort", "trainer", "programme") and self.cohort_id is not None:
            self.refresh()

    # actions ---------------------------------------------------------------------------------------------------
    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.context.changed("cohort"))  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def add_session(self) -> None:
        if self.state is not None and self.add_button.isEnabled():
            self._open(SessionDialog(self.context, self.state.facts, None, self))

    def edit_session(self) -> None:
        row = self.selected_session()
        if self.state is not None and row is not None and self.edit_button.isEnabled():
            self._open(SessionDialog(self.context, self.state.facts, row, self))

    def agree(self) -> None:
        if self.state is not None and self.agree_button.isEnabled():
            self._open(AgreeDialog(self.context, self.state.facts, self.state.agreed_with, self))

    def reopen(self) -> None:
        if self.state is not None and self.reopen_button.isEnabled():
            self._open(ReopenDialog(self.context, self.state.facts, self))

    def _change(self, action: Any) -> bool:
        """Run ``action(session)`` in one transaction; a refusal is shown, and nothing changes."""
        try:
            with self.context.database.transaction(user=self.context.user) as session:
                action(session)
        except ValidationError as exc:
            QMessageBox.warning(self, _("Please check"), str(exc))
            return False
        self.context.changed("cohort")
        return True

    def delete_session(self) -> None:
        row = self.selected_session()
        if row is None or not self.delete_button.isEnabled():
            return
        question = _("Delete the session of {day} at {time} ({topic}) from the timetable?").format(
            day=format_date(row.day), time=f"{row.start_time:%H:%M}", topic=row.topic or "—")
        answer = QMessageBox.question(self, _("Delete session"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self._change(lambda session: delete_session(session, row.id))

    def mark_list_formed(self) -> None:
        if self.cohort_id is not None and self.list_button.isEnabled():
            cohort_id, today = self.cohort_id, self.context.today()
            self._change(lambda session: mark_list_formed(session, cohort_id, today))
