"""Dialogs over one cohort's list: enrol a teacher (п.12 reason, refusals, п.21 warnings), the п.8 documents
and a change of status with the orders it needs (п.16, 30-31)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.models import Enrolment
from pedesk.models.enums import EnrolmentStatus
from pedesk.services.access import Action
from pedesk.services.common import ValidationError
from pedesk.services.enrolment import (
    NEXT_STATUSES,
    ChecklistItem,
    change_status,
    document_checklist,
    enrol_teacher,
    record_document,
    status_label,
)
from pedesk.services.teachers import TeacherRow, page_teachers
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import combo, combo_value, fill_combo, note_label
from pedesk.ui.widgets.forms import FormDialog, ListPage
from pedesk.ui.widgets.paged_model import Column, PagedTableModel
from pedesk.ui.widgets.records import cohort_choices, get_date, optional_date_edit, set_date


def form_label(form: QFormLayout, field: QWidget | None) -> QLabel | None:
    """The label of ``field``'s row (for a field added with FormDialog.add_field: its container)."""
    label = form.labelForField(field) if field is not None else None
    return label if isinstance(label, QLabel) else None


PICK_COLUMNS = (
    Column(N_("IIN"), lambda row: row.iin),
    Column(N_("Full name"), lambda row: row.full_name),
    Column(N_("Place of work"), lambda row: row.workplace),
)


class EnrolDialog(FormDialog):
    """Find a teacher by name or IIN and add them to the cohort's list (enrol_teacher)."""

    ACTION = Action.ENROLMENT

    def __init__(self, context: AppContext, cohort_id: int, formed: bool, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Enrol a teacher"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(760, 520)
        self.cohort_id = cohort_id
        self.warnings: tuple[str, ...] = ()

        def query(session: Session, text: str, offset: int, limit: int) -> list[TeacherRow]:
            return page_teachers(session, text, offset, limit, lang=context.lang)

        self.model = PagedTableModel(context.database, query, PICK_COLUMNS)
        self.picker = ListPage(context, N_("Find the teacher"), self.model)
        self.picker.heading.hide()
        self.add_field("teacher_id", None, self.picker)
        self.reason = QLineEdit()
        self.late_note = note_label()
        if formed:
            self.form.addRow(self.late_note)
            self.add_field("late_addition_reason", _("Reason for a late addition"), self.reason)
        self.errors["cohort_id"] = self.general_error
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Enrol a teacher"))
        self.picker.search.setPlaceholderText(_("Search by name or IIN…"))
        self.late_note.setText(_("The list of this cohort is already formed (п.12 of the Rules): "
                                 "state why the teacher is added late."))
        label = form_label(self.form, self.reason.parentWidget())
        if label is not None:
            label.setText(_("Reason for a late addition"))
        self.button_box.button(self.button_box.StandardButton.Save).setText(_("Enrol"))

    def save(self) -> Any:
        teacher_id = self.picker.selected_id()
        if teacher_id is None:
            raise ValidationError.single("teacher_id", _("Choose the teacher in the list first."))
        with self.context.database.transaction(user=self.context.user) as session:
            result = enrol_teacher(session, self.cohort_id, teacher_id, on=self.context.today(),
                                   reason=self.reason.text())
            enrolment_id = result.enrolment.id
        self.warnings = result.warnings
        self.context.changed("enrolment")
        if result.warnings:
            QMessageBox.warning(self, _("Enrolled, with warnings"), "\n\n".join(result.warnings))
        return enrolment_id


class DocumentsDialog(FormDialog):
    """The п.8 checklist of the application with the day each document arrived."""

    ACTION = Action.ENROLMENT

    def __init__(self, context: AppContext, enrolment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Documents (п.8 of the Rules)"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.enrolment_id = enrolment_id
        with context.database.reading() as session:
            self.items: list[ChecklistItem] = document_checklist(session, enrolment_id, lang=context.lang)
        grid = QGridLayout()
        self.rows: dict[str, tuple[QCheckBox, QDateEdit]] = {}
        for line, item in enumerate(self.items):
            check = QCheckBox()
            check.setChecked(item.received_on is not None)
            day = optional_date_edit(item.received_on)
            day.setEnabled(item.received_on is not None)
            check.toggled.connect(lambda on, edit=day: self._toggled(on, edit))
            grid.addWidget(check, line, 0)
            grid.addWidget(day, line, 1)
            self.rows[item.kind] = (check, day)
        holder = QWidget()
        holder.setLayout(grid)
        self.add_field("received_on", None, holder)
        self.errors["kind_code"] = self.errors["received_on"]
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Documents (п.8 of the Rules)"))
        names = {item.kind: item.name for item in self.items}
        if _lang:  # the documents' names come from the reference data in the language
            with self.context.database.reading() as session:
                names = {item.kind: item.name for item in
                         document_checklist(session, self.enrolment_id, lang=self.context.lang)}
        for item in self.items:
            required = _("required") if item.required else _("if any")
            name = names.get(item.kind, item.name)
            self.rows[item.kind][0].setText(_("{document} ({required})").format(document=name, required=required))

    def _toggled(self, on: bool, edit: QDateEdit) -> None:
        edit.setEnabled(on)
        if on and get_date(edit) is None:
            set_date(edit, self.context.today())
        if not on:
            set_date(edit, None)

    def save(self) -> Any:
        with self.context.database.transaction(user=self.context.user) as session:
            for item in self.items:
                check, day = self.rows[item.kind]
                received = get_date(day) if check.isChecked() else None
                if received != item.received_on:
                    record_document(session, self.enrolment_id, item.kind, received, note=item.note)
        self.context.changed("enrolment")
        return self.enrolment_id


DETAIL_FIELDS: tuple[tuple[str, str, frozenset[EnrolmentStatus]], ...] = (
    ("enrolment_order_no", N_("Number of the enrolment order"), frozenset({EnrolmentStatus.ENROLLED})),
    ("enrolment_order_date", N_("Date of the enrolment order"), frozenset({EnrolmentStatus.ENROLLED})),
    ("expulsion_order_no", N_("Number of the expulsion order"), frozenset({EnrolmentStatus.EXPELLED})),
    ("expulsion_order_date", N_("Date of the expulsion order"), frozenset({EnrolmentStatus.EXPELLED})),
    ("commission_decision", N_("Decision of the commission"), frozenset({EnrolmentStatus.EXPELLED})),
    ("repayment_amount", N_("Repayment, tenge"), frozenset({EnrolmentStatus.EXPELLED})),
    ("to_cohort_id", N_("Move to the cohort"), frozenset({EnrolmentStatus.TRANSFERRED})),
)


class StatusDialog(FormDialog):
    """change_status with the details the new status needs (orders, decision, target cohort, reason).

    ``title_source`` is the untranslated window title, kept across language switches (the Assessments page
    opens this dialog as "Expel the listener")."""

    title_source = N_("Change the status")
    ACTION = Action.ENROLMENT

    def __init__(self, context: AppContext, enrolment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, _(self.title_source), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.enrolment_id = enrolment_id
        with context.database.reading() as session:
            enrolment = session.get(Enrolment, enrolment_id)
            assert enrolment is not None
            self.current_status = EnrolmentStatus(enrolment.status)
            self.cohort_id = enrolment.cohort_id
            cohorts = self.cohorts(session)
        self.current = QLabel()
        self.form.addRow(_("Current status"), self.current)
        self.status = combo(20)
        self.fill_statuses()
        self.add_field("status", _("New status"), self.status)
        self.on = optional_date_edit(context.today())
        self.add_field("on", _("Date"), self.on)
        self.details: dict[str, QWidget] = {}
        for key, label, _statuses in DETAIL_FIELDS:
            widget: QWidget
            if key.endswith("_date"):
                widget = optional_date_edit()
            elif key == "repayment_amount":
                widget = QDoubleSpinBox()
                widget.setRange(0, 1e9)
                widget.setDecimals(2)
            elif key == "to_cohort_id":
                widget = combo(40)
                fill_combo(widget, cohorts, None, "")
            else:
                widget = QLineEdit()
            self.details[key] = self.add_field(key, _(label), widget)
        self.reason = QLineEdit()
        self.add_field("reason", _("Reason"), self.reason)
        self.status.currentIndexChanged.connect(lambda _index: self.update_fields())
        self.update_fields()
        if self.status.count() == 0:
            self.general_error.show()
            self.button_box.button(self.button_box.StandardButton.Save).setEnabled(False)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def cohorts(self, session: Session) -> list[tuple[int, str]]:
        return [item for item in cohort_choices(session, self.context) if item[0] != self.cohort_id]

    def fill_statuses(self) -> None:
        fill_combo(self.status, [(item.value, status_label(item))
                                 for item in NEXT_STATUSES.get(self.current_status, ())], combo_value(self.status))

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_(self.title_source))
        self.current.setText(status_label(self.current_status))
        labels = [(self.current, N_("Current status")), (self.status.parentWidget(), N_("New status")),
                  (self.on.parentWidget(), N_("Date")), (self.reason.parentWidget(), N_("Reason"))]
        labels += [(self.details[key].parentWidget(), label) for key, label, _statuses in DETAIL_FIELDS]
        for field, source in labels:
            label = form_label(self.form, field)
            if label is not None:
                label.setText(_(source))
        if _lang:
            self.fill_statuses()
            target = self.details["to_cohort_id"]
            assert isinstance(target, QComboBox)
            with self.context.database.reading() as session:
                fill_combo(target, self.cohorts(session), combo_value(target), "")
        if self.status.count() == 0:
            self.general_error.setText(_("This status is final: it does not change any more."))

    def target(self) -> EnrolmentStatus | None:
        value = combo_value(self.status)
        return EnrolmentStatus(value) if value else None

    def update_fields(self) -> None:
        target = self.target()
        for key, _label, statuses in DETAIL_FIELDS:
            self.show_field(self.details[key], target in statuses)

    def save(self) -> Any:
        target = self.target()
        if target is None:
            return None
        details: dict[str, Any] = {}
        for key, _label, statuses in DETAIL_FIELDS:
            if target not in statuses:
                continue
            widget = self.details[key]
            if isinstance(widget, QDateEdit):
                details[key] = get_date(widget)
            elif isinstance(widget, QDoubleSpinBox):
                details[key] = widget.value() if widget.value() else None
            elif isinstance(widget, QLineEdit):
                details[key] = widget.text()
            else:
                details[key] = combo_value(widget)  # type: ignore[arg-type]
        on = get_date(self.on) or self.context.today()
        with self.context.database.transaction(user=self.context.user) as session:
            result = change_status(session, self.enrolment_id, target, on=on, reason=self.reason.text(), **details)
            warnings = result.warnings
        self.context.changed("enrolment")
        if target == EnrolmentStatus.TRANSFERRED:
            self.context.changed("cohort")
        if warnings:
            QMessageBox.warning(self, _("Changed, with warnings"), "\n\n".join(warnings))
        return self.enrolment_id
