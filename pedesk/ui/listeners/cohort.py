"""The Cohort lists tab: choose a cohort, see its places and the п.12 list deadline, its listeners, and
enrol, record documents, change statuses, import a department's list and print the forms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date
from pedesk.models import Cohort
from pedesk.services.access import Action
from pedesk.services.enrolment import (
    ListenerRow,
    cohort_listeners,
    count_places,
    is_late,
    list_formed_on,
    status_label,
)
from pedesk.services.forms import render_application, render_listeners_list, render_receipt
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.actions import DocumentsDialog, EnrolDialog, StatusDialog
from pedesk.ui.listeners.application import ApplicationDialog
from pedesk.ui.listeners.list_import import ListenerImportDialog
from pedesk.ui.widgets.editors import ERROR_COLOUR, OK_COLOUR, combo, combo_value, fill_combo
from pedesk.ui.widgets.permissions import require
from pedesk.ui.widgets.records import RecordTableModel, cohort_choices, print_form, show_date
from pedesk.ui.widgets.tables import MAX_LIST_COLUMN, fit_to_contents, read_only_table

LISTENER_HEADERS = (N_("Teacher"), N_("IIN"), N_("Place of work"), N_("Status"), N_("Documents"), N_("Orders"))
BUTTONS = (
    ("enrol", N_("Enrol a teacher…")), ("edit_application", N_("Application…")), ("documents", N_("Documents…")),
    ("status", N_("Change status…")),
    ("import", N_("Import department list…")), ("print_list", N_("Print list…")),
    ("application", N_("Print application…")), ("receipt", N_("Receipt…")),
)


def orders_text(row: ListenerRow) -> str:
    parts = []
    if row.referral_order_no:
        parts.append(_("referral {number} of {date}").format(number=row.referral_order_no,
                                                            date=show_date(row.referral_order_date)))
    if row.admin_letter_no:
        parts.append(_("letter {number} of {date}").format(number=row.admin_letter_no,
                                                          date=show_date(row.admin_letter_date)))
    if row.enrolment_order_no:
        parts.append(_("enrolment order {number} of {date}").format(number=row.enrolment_order_no,
                                                                   date=show_date(row.enrolment_order_date)))
    return "; ".join(parts)


class CohortListTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.dialog: Any = None
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.cohort = combo(50)
        self.cohort_label = QLabel()
        self.places = QLabel()
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.model = RecordTableModel(LISTENER_HEADERS)
        self.table = read_only_table(self.model)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.cohort_label)
        row.addWidget(self.cohort, 3)
        row.addWidget(self.search, 1)
        info = QHBoxLayout()
        info.addWidget(self.places)
        info.addWidget(self.deadline, 1)
        button_row = QHBoxLayout()
        actions = {"enrol": self.enrol, "edit_application": self.edit_application, "documents": self.documents,
                   "status": self.change_status,
                   "import": self.import_list, "print_list": self.print_list,
                   "application": self.print_application, "receipt": self.print_receipt}
        for key, _text in BUTTONS:
            button = QPushButton()
            button.clicked.connect(actions[key])
            self.buttons[key] = button
            button_row.addWidget(button)
        button_row.addStretch(1)
        require(context, Action.ENROLMENT, *(self.buttons[key] for key in ("enrol", "status", "import")))
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(info)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.fill_cohorts)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.cohort.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.update_buttons())
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._on_data_changed)
        self.fill_cohorts()
        self.retranslate()

    # the cohort -----------------------------------------------------------------------------------------
    def fill_cohorts(self) -> None:
        with self.context.database.reading() as session:
            choices = cohort_choices(session, self.context, self.search.text())
        fill_combo(self.cohort, choices, combo_value(self.cohort))
        self.refresh()

    def cohort_id(self) -> int | None:
        value = combo_value(self.cohort)
        return value if isinstance(value, int) else None

    def select_cohort(self, cohort_id: int) -> None:
        index = self.cohort.findData(cohort_id)
        if index < 0:
            self.search.clear()
            self.fill_cohorts()
            index = self.cohort.findData(cohort_id)
        self.cohort.setCurrentIndex(index)
        self.refresh()

    def refresh(self) -> None:
        cohort_id = self.cohort_id()
        if cohort_id is None:
            self.model.set_records([])
            self.places.clear()
            self.deadline.clear()
            self.update_buttons()
            return
        with self.context.database.reading() as session:
            taken, capacity = count_places(session, cohort_id)
            listeners = cohort_listeners(session, cohort_id)
            self._show_deadline(session.get(Cohort, cohort_id))
        self.places.setText(_("Places taken: {taken} of {capacity}").format(taken=taken, capacity=capacity))
        self.model.set_records(
            (row.enrolment_id, (row.full_name, row.iin, row.workplace, status_label(row.status),
                                _("complete") if row.documents_complete else _("incomplete"), orders_text(row)))
            for row in listeners)
        fit_to_contents(self.table, MAX_LIST_COLUMN)
        self.update_buttons()

    def _show_deadline(self, cohort: Cohort | None) -> None:
        if cohort is None:
            return
        formed = is_late(cohort, self.context.today())
        day = format_date(list_formed_on(cohort))
        if formed:
            text = _("The list was formed on {date} (п.12): adding a teacher now needs a reason.").format(date=day)
            colour = ERROR_COLOUR
        else:
            text = _("The list is to be formed by {date} (п.12).").format(date=day)
            colour = OK_COLOUR
        self.deadline.setStyleSheet(f"color: {colour};")
        self.deadline.setText(text)

    def list_is_formed(self) -> bool:
        cohort_id = self.cohort_id()
        if cohort_id is None:
            return False
        with self.context.database.reading() as session:
            cohort = session.get(Cohort, cohort_id)
            return cohort is not None and is_late(cohort, self.context.today())

    def selected_enrolment(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        value = self.model.data(index, Qt.ItemDataRole.UserRole)
        return value if isinstance(value, int) else None

    def update_buttons(self) -> None:
        has_cohort = self.cohort_id() is not None
        chosen = self.selected_enrolment() is not None
        for key in ("enrol", "import", "print_list"):
            self.buttons[key].setEnabled(has_cohort)
        for key in ("edit_application", "documents", "status", "application", "receipt"):
            self.buttons[key].setEnabled(chosen)

    def _on_data_changed(self, kind: str) -> None:
        if kind == "cohort":
            self.fill_cohorts()
        elif kind in ("teacher", "enrolment"):
            self.refresh()

    # actions --------------------------------------------------------------------------------------------
    def _show(self, chosen: int | None, make: Callable[[int], QDialog]) -> Any:
        """Open ``make(chosen)`` when a cohort or a listener is chosen (None: nothing is)."""
        if chosen is None:
            return None
        self.dialog = dialog = make(chosen)
        dialog.open()
        return dialog

    def enrol(self) -> Any:
        return self._show(self.cohort_id(),
                          lambda cohort_id: EnrolDialog(self.context, cohort_id, self.list_is_formed(), self))

    def edit_application(self) -> Any:
        return self._show(self.selected_enrolment(), lambda chosen: ApplicationDialog(self.context, chosen, self))

    def documents(self) -> Any:
        return self._show(self.selected_enrolment(), lambda chosen: DocumentsDialog(self.context, chosen, self))

    def change_status(self) -> Any:
        return self._show(self.selected_enrolment(), lambda chosen: StatusDialog(self.context, chosen, self))

    def import_list(self) -> Any:
        return self._show(self.cohort_id(), lambda cohort_id: ListenerImportDialog(self.context, cohort_id, self))

    def print_list(self) -> bool:
        cohort_id, today = self.cohort_id(), self.context.today()
        if cohort_id is None:
            return False

        def render(session: Session, path: Path, lang: str) -> Path:
            return render_listeners_list(session, cohort_id, path, lang, on=today)

        return print_form(self.context, self, _("Print the list of listeners"), f"listeners-{cohort_id}", render)

    def print_application(self) -> bool:
        enrolment_id = self.selected_enrolment()
        if enrolment_id is None:
            return False

        def render(session: Session, path: Path, lang: str) -> Path:
            return render_application(session, enrolment_id, path, lang)

        return print_form(self.context, self, _("Print the application"), f"application-{enrolment_id}", render)

    def print_receipt(self) -> bool:
        enrolment_id, today = self.selected_enrolment(), self.context.today()
        if enrolment_id is None:
            return False

        def render(session: Session, path: Path, lang: str) -> Path:
            return render_receipt(session, enrolment_id, path, lang, on=today)

        return print_form(self.context, self, _("Print the receipt"), f"receipt-{enrolment_id}", render)

    # language -------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.cohort_label.setText(_("Cohort:"))
        self.search.setPlaceholderText(_("Find a cohort…"))
        for key, text in BUTTONS:
            self.buttons[key].setText(_(text))
        self.model.retranslate()
        if _lang:
            self.fill_cohorts()
        else:
            self.update_buttons()
