"""Dialogs of the Planning section: a school's application (п.9), the date a district plan was forwarded (п.10)
or the region's plan formed (п.11), and starting a cohort's list from an application (п.12)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _, format_date
from pedesk.models.enums import CourseKind
from pedesk.services.access import Action
from pedesk.services.common import ValidationError
from pedesk.services.planning import (
    KIND_LABELS,
    ApplicationData,
    ListOutcome,
    application_for_edit,
    cohorts_for_application,
    programme_choices,
    save_application,
    school_choices,
    start_list_from_application,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import date_edit, from_qdate
from pedesk.ui.widgets.editors import combo, combo_value, fill_combo
from pedesk.ui.widgets.forms import FormDialog
from pedesk.ui.widgets.tables import StaticTableModel, read_only_table

__all__ = ["ApplicationDialog", "DateDialog", "StartListDialog", "ask_date", "confirm_delete", "outcome_rows"]


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ApplicationDialog(FormDialog):
    """Add or change a school's application; ``warnings`` holds the late-date warnings after saving."""

    ACTION = Action.PLANNING

    def __init__(self, context: AppContext, plan_year: int, entry_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, _("School application for {year}").format(year=plan_year), parent)
        self.plan_year, self.entry_id = plan_year, entry_id
        self.warnings: tuple[str, ...] = ()
        self.school, self.programme, self.kind = combo(30), combo(30), combo()
        self.direction, self.note = QLineEdit(), QLineEdit()
        self.count = QSpinBox()
        self.count.setRange(0, 10_000)
        self.iins = QPlainTextEdit()
        self.iins.setPlaceholderText(_("IINs separated by commas or on separate lines"))
        self.iins.setFixedHeight(70)
        self.received = QDateEdit(_qdate(context.today()))
        self.received.setCalendarPopup(True)
        for key, label, widget in (
            ("school_id", _("School"), self.school), ("programme_id", _("Programme"), self.programme),
            ("direction", _("Direction (when no programme)"), self.direction), ("course_kind", _("Course"), self.kind),
            ("teachers_count", _("Teachers"), self.count), ("teacher_iins", _("Teachers' IINs"), self.iins),
            ("received_on", _("Received on"), self.received), ("note", _("Note"), self.note),
        ):
            self.add_field(key, label, widget)
        self._fill()

    def _fill(self) -> None:
        with self.context.database.reading() as session:
            schools = school_choices(session, self.context.lang)
            self.programmes = programme_choices(session, self.context.lang)
            data = application_for_edit(session, self.entry_id) if self.entry_id is not None else None
        fill_combo(self.school, schools, data.school_id if data else None)
        fill_combo(self.programme, [(pid, label) for pid, label, _kind in self.programmes],
                   data.programme_id if data else None, empty=_("(none: a direction)"))
        fill_combo(self.kind, [(kind, _(label)) for kind, label in KIND_LABELS.items()],
                   data.course_kind if data else CourseKind.SHORT)
        self.programme.currentIndexChanged.connect(self._follow_programme)
        if data is not None:
            self.direction.setText(data.direction)
            self.count.setValue(data.teachers_count)
            self.iins.setPlainText(data.teacher_iins)
            self.note.setText(data.note)
            if data.received_on is not None:
                self.received.setDate(_qdate(data.received_on))

    def _follow_programme(self) -> None:
        chosen = combo_value(self.programme)
        kind = next((kind for pid, _label, kind in self.programmes if pid == chosen), None)
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind))

    def data(self) -> ApplicationData:
        return ApplicationData(
            plan_year=self.plan_year, school_id=combo_value(self.school), course_kind=combo_value(self.kind),
            received_on=_pydate(self.received.date()), programme_id=combo_value(self.programme),
            direction=self.direction.text(), teachers_count=self.count.value(),
            teacher_iins=self.iins.toPlainText(), note=self.note.text(),
        )

    def save(self) -> int:
        with self.context.database.transaction(self.context.user) as session:
            result = save_application(session, self.data(), self.entry_id)
        self.warnings = result.warnings
        self.context.changed("plan")
        return result.entry_id


class DateDialog(QDialog):
    """Ask one date, today by default: when a district plan was forwarded (п.10) or the region's plan formed
    (п.11). The caller records it when the dialog is accepted; a late date is a warning, never a refusal."""

    def __init__(self, title: str, label: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(max(380, self.fontMetrics().horizontalAdvance(title) + 120))
        self.date = date_edit(today)
        form = QFormLayout()
        form.addRow(label, self.date)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.button_box)

    def chosen(self) -> date:
        return from_qdate(self.date.date())


def ask_date(parent: QWidget, title: str, label: str, today: date, record: Callable[[date], object]) -> DateDialog:
    """Open a DateDialog; ``record`` gets the chosen date when the user saves (nothing happens on Cancel)."""
    dialog = DateDialog(title, label, today, parent)
    dialog.accepted.connect(lambda: record(dialog.chosen()))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def confirm_delete(parent: QWidget, school: str, programme: str) -> bool:
    """Ask before deleting a school's application, naming the school and the programme (or direction)."""
    question = _("Delete the application of {school} for {programme}?").format(school=school, programme=programme)
    answer = QMessageBox.question(parent, _("Delete application"), question)
    return answer == QMessageBox.StandardButton.Yes


def outcome_rows(outcomes: list[ListOutcome]) -> list[tuple[str, str, str, str]]:
    """Rows for the table of who was added and who was refused, and why."""
    return [(o.iin, o.teacher, _("added") if o.enrolled else _("refused"), " ".join(o.messages))
            for o in outcomes]


class StartListDialog(FormDialog):
    """Choose a cohort of the application's programme; Save enrols the listed teachers, each with the usual
    checks, and then shows who was added and who was refused (the dialog stays open to read it)."""

    ACTION = Action.PLANNING

    def __init__(self, context: AppContext, entry_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Start a cohort list from this application"), parent)
        self.entry_id = entry_id
        self.outcomes: list[ListOutcome] = []
        self.cohort = combo(30)
        self.reason = QLineEdit()
        self.add_field("cohort_id", _("Cohort"), self.cohort)
        self.add_field("reason", _("Reason for adding after the list was formed (п.12)"), self.reason)
        self.result_model = StaticTableModel((N_("IIN"), N_("Teacher"), N_("Result"), N_("Why")))
        self.result_view = read_only_table(self.result_model)
        self.result_view.hide()
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(2, self.result_view)
        with context.database.reading() as session:
            cohorts = [(c.id, _("{code}, starts {start}").format(code=c.code, start=format_date(c.start_date)))
                       for c in cohorts_for_application(session, entry_id)]
        fill_combo(self.cohort, cohorts)

    def save(self) -> int:
        with self.context.database.transaction(self.context.user) as session:
            self.outcomes = start_list_from_application(session, self.entry_id, combo_value(self.cohort),
                                                        on=self.context.today(), reason=self.reason.text())
        self.context.changed("enrolment")
        return self.entry_id

    def try_save(self) -> None:
        """Save, then stay open with the outcome table; Save is disabled so nobody enrols twice."""
        try:
            self.save()
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.clear_problems()
        self.saved_id = self.entry_id
        self.result_model.set_rows(outcome_rows(self.outcomes))
        self.result_view.show()
        save = self.button_box.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(False)
