"""The Certificates section (Сертификаттар / Сертификаты, п.29-32): check a certificate by its number, code or
scanned QR code; the list of issued certificates; issue a cohort's, print them (preview, printer offsets),
annul, reissue, print a duplicate; calibrate printers; write the issue book."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any, TypeVar

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.services.access import Action
from pedesk.services.certificates import (
    CertificateRow,
    Validity,
    Verification,
    page_certificates,
    validity_label,
    verify_certificate,
)
from pedesk.services.schedule import page_cohorts
from pedesk.ui.certificates.actions import (
    AnnulDialog,
    CertificateDialog,
    DuplicateDialog,
    ReissueDialog,
)
from pedesk.ui.certificates.book import IssueBookWriter
from pedesk.ui.certificates.calibration import CalibrationDialog
from pedesk.ui.certificates.issue import IssueDialog, IssueOutcome, IssueSummaryDialog
from pedesk.ui.certificates.printing import CertificatePrinter, Selection
from pedesk.ui.certificates.table import (
    CERTIFICATE_COLUMNS,
    VALIDITY_COLOURS,
    CertificateTableModel,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import combo, combo_value, fill_combo
from pedesk.ui.widgets.forms import ListPage
from pedesk.ui.widgets.period import PeriodDialog
from pedesk.ui.widgets.records import ALL_ROWS, cohort_label
from pedesk.ui.widgets.tables import MAX_LIST_COLUMN, fit_to_contents

__all__ = ["CertificatesPage"]

DialogT = TypeVar("DialogT", bound=QDialog)

#: The certificates that can still be annulled, reissued or duplicated (ours, not annulled or replaced).
LIVE = (Validity.VALID, Validity.EXPIRED)
PRINT_ACTIONS = (("selected", N_("The selected certificates")), ("cohort", N_("All certificates of the cohort")),
                 ("period", N_("Certificates issued in a period…")))


def file_name(text: str) -> str:
    """A file name from a number or a code (no slashes, colons or spaces)."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "certificates"


class CertificatesPage(ListPage):
    """The verification box on top, the paged list (newest first, by cohort or search) and the actions."""

    def __init__(self, context: AppContext) -> None:
        self.ready = False
        self.cohort_filter: int | None = None

        def query(session: Session, text: str, offset: int, limit: int) -> list[CertificateRow]:
            return page_certificates(session, text, offset, limit, today=context.today(), lang=context.lang,
                                     cohort_id=self.cohort_filter)

        super().__init__(context, N_("Certificates"), CertificateTableModel(context.database, query,
                                                                            CERTIFICATE_COLUMNS), ("certificate",))
        self.model: CertificateTableModel
        self.dialog: Any = None
        self.verification: Verification | None = None
        self.cohort_codes: dict[int, str] = {}
        self.printer = CertificatePrinter(context, self)
        self.book = IssueBookWriter(context, self)
        self._build_verify_box()
        self._build_filter_row()
        self._build_buttons()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)  # one line a certificate; the whole text is in the tooltip
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.update_buttons())
        self.model.modelReset.connect(self.update_buttons)
        context.data_changed.connect(self._on_change)
        self.fill_cohorts()
        self.ready = True
        self.retranslate()
        self.fit_columns()

    # building -------------------------------------------------------------------------------------------
    def _page_layout(self) -> QVBoxLayout:
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        return layout

    def _build_verify_box(self) -> None:
        self.verify_box = QGroupBox()
        self.verify_input = QLineEdit()
        self.verify_input.setClearButtonEnabled(True)
        self.verify_input.returnPressed.connect(lambda: self.verify())
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(lambda: self.verify())
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.verify_input, 1)
        row.addWidget(self.verify_button)
        box = QVBoxLayout(self.verify_box)
        box.addLayout(row)
        box.addWidget(self.verify_result)
        self._page_layout().insertWidget(1, self.verify_box)

    def _build_filter_row(self) -> None:
        """The cohort filter beside the search field, under the verification box."""
        first = self._page_layout().itemAt(0)
        top = first.layout() if first is not None else None
        assert top is not None
        top.removeWidget(self.search)
        self.cohort_caption = QLabel()
        self.cohort = combo(40)
        self.cohort.currentIndexChanged.connect(lambda _index: self.filter_by_cohort())
        row = QHBoxLayout()
        row.addWidget(self.cohort_caption)
        row.addWidget(self.cohort, 2)
        row.addWidget(self.search, 1)
        self._page_layout().insertLayout(2, row)

    def _build_buttons(self) -> None:
        self.issue_button = self.add_button(N_("Issue…"), self.issue, Action.ISSUE)
        self.print_button = self.add_button(N_("Print"), lambda: None, Action.PRINT)
        self.print_menu = QMenu(self)
        self.print_actions: dict[str, QAction] = {}
        slots = {"selected": self.print_selected, "cohort": self.print_cohort, "period": self.print_period}
        for key, _text in PRINT_ACTIONS:
            action = self.print_menu.addAction("")
            action.triggered.connect(lambda _checked=False, slot=slots[key]: slot())
            self.print_actions[key] = action
        self.print_button.setMenu(self.print_menu)
        self.annul_button = self.add_button(N_("Annul…"), self.annul, Action.ANNUL)
        self.reissue_button = self.add_button(N_("Reissue…"), self.reissue, Action.REISSUE)
        self.duplicate_button = self.add_button(N_("Duplicate…"), self.duplicate, Action.DUPLICATE)
        self.buttons.addSpacing(24)
        self.book_button = self.add_button(N_("Issue book…"), self.book.start)
        self.calibrate_button = self.add_button(N_("Printer calibration…"), self.calibrate, Action.PRINTER)

    # the list -------------------------------------------------------------------------------------------
    def fill_cohorts(self) -> None:
        with self.context.database.reading() as session:
            rows = page_cohorts(session, "", 0, ALL_ROWS, today=self.context.today(), lang=self.context.lang)
        self.cohort_codes = {row.id: row.code for row in rows}
        previous = self.cohort_filter
        fill_combo(self.cohort, [(row.id, cohort_label(row, self.context.lang)) for row in rows],
                   previous, empty=_("All cohorts"))
        self.cohort_filter = combo_value(self.cohort)
        if self.ready and self.cohort_filter != previous:
            self.model.refresh()  # the chosen cohort is gone

    def filter_by_cohort(self, cohort_id: int | None = None) -> None:
        if cohort_id is not None:
            self.cohort.setCurrentIndex(max(self.cohort.findData(cohort_id), 0))
            return  # the combo's signal comes back here
        self.cohort_filter = combo_value(self.cohort)
        self.model.refresh()

    def fit_columns(self) -> None:
        fit_to_contents(self.table, MAX_LIST_COLUMN)

    def selected_rows(self) -> list[CertificateRow]:
        return self.model.rows_for([index.row() for index in self.table.selectionModel().selectedRows()])

    def selected_row(self) -> CertificateRow | None:
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def update_buttons(self) -> None:
        if not self.ready:
            return
        row = self.selected_row()
        live = row is not None and row.validity in LIVE and not row.external
        for button in (self.annul_button, self.reissue_button, self.duplicate_button):
            button.setEnabled(live)
        self.print_actions["selected"].setEnabled(any(not row.external for row in self.selected_rows()))
        self.print_actions["cohort"].setEnabled(self.cohort_filter is not None)

    def _on_change(self, kind: str) -> None:
        if kind in ("cohort", "enrolment"):
            self.fill_cohorts()
        if kind == "certificate" and self.verification is not None:
            self.verify(self.verification.query)  # the answer may have changed (annulled, replaced)

    # verification ---------------------------------------------------------------------------------------
    def verify(self, text: str | None = None) -> Verification | None:
        """Answer for the typed or scanned text: the summary in the colour of the status."""
        query = (self.verify_input.text() if text is None else text).strip()
        if not query:
            self.verification = None
            self.verify_result.clear()
            return None
        with self.context.database.reading() as session:
            answer = verify_certificate(session, query, self.context.today())
        self.verification = answer
        self.show_verification(answer)
        self.verify_input.selectAll()  # the next scan replaces the text
        return answer

    def show_verification(self, answer: Verification) -> None:
        colour = VALIDITY_COLOURS[answer.status]
        word = escape(validity_label(answer.status).upper())
        self.verify_result.setText(f'<span style="color: {colour};"><b>{word}</b> — {escape(answer.summary(self.context.lang))}</span>')

    # actions --------------------------------------------------------------------------------------------
    def _open(self, dialog: DialogT) -> DialogT:
        self.dialog = dialog
        dialog.open()
        return dialog

    def issue(self) -> IssueDialog:
        dialog = IssueDialog(self.context, self)
        if self.cohort_filter is not None:
            dialog.select_cohort(self.cohort_filter)
        dialog.issued.connect(self.show_issued)
        return self._open(dialog)

    def show_issued(self, outcome: IssueOutcome) -> IssueSummaryDialog:
        summary = IssueSummaryDialog(self.context, outcome, self)
        selection = Selection(name=file_name(f"certificates-{outcome.cohort_code}"), ids=outcome.ids)
        summary.print_requested.connect(lambda: self.printer.start(selection))
        return self._open(summary)

    def print_selected(self) -> Any:
        rows = self.selected_rows()
        if not rows:
            return None
        name = f"certificate-{rows[0].number}" if len(rows) == 1 else "certificates"
        return self.printer.start(Selection(name=file_name(name), ids=tuple(row.id for row in rows)))

    def print_cohort(self) -> Any:
        if self.cohort_filter is None:
            return None
        code = self.cohort_codes.get(self.cohort_filter, str(self.cohort_filter))
        return self.printer.start(Selection(name=file_name(f"certificates-{code}"), cohort_id=self.cohort_filter))

    def print_period(self) -> PeriodDialog:
        dialog = PeriodDialog(self.context, N_("Print the certificates issued in a period"), self)

        def chosen() -> None:
            start, end = dialog.period()
            self.printer.start(Selection(name=f"certificates_{start.isoformat()}_{end.isoformat()}",
                                         issued_from=start, issued_to=end))

        dialog.accepted.connect(chosen)
        return self._open(dialog)

    def _row_dialog(self, make: Callable[[AppContext, CertificateRow, QWidget], CertificateDialog]
                    ) -> CertificateDialog | None:
        row = self.selected_row()
        return None if row is None else self._open(make(self.context, row, self))

    def annul(self) -> CertificateDialog | None:
        return self._row_dialog(AnnulDialog)

    def reissue(self) -> CertificateDialog | None:
        dialog = self._row_dialog(ReissueDialog)
        if isinstance(dialog, ReissueDialog):
            old = dialog.row.number
            dialog.accepted.connect(lambda: self.offer_print(
                dialog.new_id, _("Certificate {old} is replaced by {new}. Print the new certificate now?").format(
                    old=old, new=dialog.new_number), Selection(name=file_name(f"certificate-{dialog.new_number}"),
                                                               ids=(dialog.new_id or 0,))))
        return dialog

    def duplicate(self) -> CertificateDialog | None:
        dialog = self._row_dialog(DuplicateDialog)
        if dialog is not None:
            row = dialog.row
            dialog.accepted.connect(lambda: self.offer_print(
                row.id, _("The duplicate of certificate {number} is recorded. Print it now?").format(number=row.number),
                Selection(name=file_name(f"duplicate-{row.number}"), ids=(row.id,), duplicate=True)))
        return dialog

    def offer_print(self, certificate_id: int | None, question: str, selection: Selection) -> None:
        if certificate_id is None:
            return
        answer = QMessageBox.question(self, _("Print"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self.printer.start(selection)

    def calibrate(self) -> CalibrationDialog:
        return self._open(CalibrationDialog(self.context, self.printer, self))

    # language -------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        if not getattr(self, "ready", False):
            return
        self.search.setPlaceholderText(_("Search by number, code, IIN or name…"))
        self.verify_box.setTitle(_("Check a certificate"))
        self.verify_input.setPlaceholderText(_("Type the number or the code under the QR code, or scan the QR "
                                               "code, and press Enter"))
        self.verify_button.setText(_("Check"))
        self.cohort_caption.setText(_("Cohort:"))
        for key, text in PRINT_ACTIONS:
            self.print_actions[key].setText(_(text))
        if _lang:
            self.fill_cohorts()
            self.model.refresh()  # the programme titles come from the query in the language
            if self.verification is not None:
                self.verify(self.verification.query)
        self.update_buttons()
