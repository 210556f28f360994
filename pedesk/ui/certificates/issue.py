"""Issuing a cohort's certificates (п.29, 32): choose a cohort whose listeners passed and wait for one, the
date of issue, issue them in one transaction on the writer, then see what was issued and what was not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _, format_date, format_number, ngettext
from pedesk.services.access import Action
from pedesk.services.certificates import cohorts_awaiting_certificates, issue_for_cohort
from pedesk.services.common import Problem, ProgressCallback, ValidationError
from pedesk.ui.certificates.table import awaiting_label
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import date_edit, from_qdate
from pedesk.ui.widgets.editors import combo, combo_value, fill_combo, note_label
from pedesk.ui.widgets.forms import TranslatedForm
from pedesk.ui.widgets.permissions import require
from pedesk.ui.widgets.tasks import TaskHandle


@dataclass(frozen=True)
class IssueOutcome:
    """What one issuing run did, as plain values for the summary."""

    cohort_code: str
    on: date
    issued: tuple[tuple[int, str, str], ...]  # (certificate id, number, holder)
    skipped: tuple[tuple[str, str], ...]  # (holder, the reason, translated)
    already: int

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(certificate_id for certificate_id, _number, _holder in self.issued)


class IssueDialog(TranslatedForm):
    """The cohorts that wait for certificates and the date of issue (today unless changed)."""

    issued = Signal(object)  # IssueOutcome
    ACTION = Action.ISSUE

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Issue certificates"), parent)
        self.codes: dict[int, str] = {}
        self.handle: TaskHandle | None = None
        self.outcome: IssueOutcome | None = None
        self.cohort = self.field("cohort_id", N_("Cohort"), combo(60))
        self.on = self.field("on", N_("Date of issue"), date_edit(context.today()))
        self.note = note_label()
        self.form.addRow(self.note)
        self.setMinimumWidth(720)
        self.fill()
        self.retranslate()
        self.fit_height()

    def fill(self) -> None:
        with self.context.database.reading() as session:
            cohorts = cohorts_awaiting_certificates(session, lang=self.context.lang)
        self.codes = {cohort.id: cohort.code for cohort in cohorts}
        fill_combo(self.cohort, [(cohort.id, awaiting_label(cohort)) for cohort in cohorts], combo_value(self.cohort))
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(cohorts))

    def select_cohort(self, cohort_id: int) -> None:
        index = self.cohort.findData(cohort_id)
        if index >= 0:
            self.cohort.setCurrentIndex(index)

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        if _lang:
            self.fill()
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(_("Issue"))
        if self.codes:
            self.note.setText(_("Every listener of the cohort who passed the final assessment and holds no "
                                "certificate yet gets one, numbered in the order of the list. The head (or the "
                                "acting head) named in Settings signs them (п.32)."))
        else:
            self.note.setText(_("No cohort has listeners waiting for a certificate. A certificate is issued to "
                                "a listener who completed the course and passed the final assessment: enter the "
                                "results on the Assessments page first."))

    def try_save(self) -> None:
        self.clear_problems()
        cohort_id = combo_value(self.cohort)
        if not isinstance(cohort_id, int):
            self.show_problems((Problem("cohort_id", _("Cohort: choose the cohort whose listeners get "
                                                        "certificates.")),))
            return
        database, user, today = self.context.database, self.context.user, self.context.today()
        on, code = from_qdate(self.on.date()), self.codes.get(cohort_id, "")

        def work(progress: ProgressCallback) -> IssueOutcome:
            progress(0, 1, _("Issuing certificates…"))
            with database.transaction(user, immediate=True) as session:
                result = issue_for_cohort(session, cohort_id, on=on, today=today, by=user)
                return IssueOutcome(
                    code, on, tuple((c.id, c.number, c.teacher.full_name) for c in result.issued),
                    tuple((skipped.holder, skipped.reason) for skipped in result.skipped), result.already)

        self.button_box.setEnabled(False)
        self.handle = self.context.runner.run(work, on_done=self._issued, on_error=self._refused, parent=self,
                                              title=_("Issuing certificates…"), writes=True)

    def reject(self) -> None:
        if self.handle is not None and self.handle.running:
            return  # the certificates are being issued: the answer comes back to this dialog
        super().reject()

    def _issued(self, outcome: IssueOutcome) -> None:
        self.outcome = outcome
        self.button_box.setEnabled(True)
        self.context.changed("certificate")
        self.issued.emit(outcome)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.button_box.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_problems(error.problems)
            return
        QMessageBox.critical(self, _("Issue certificates"), _(
            "The certificates were not issued because of an error; nothing was changed.\n{error}").format(
            error=error))


def outcome_text(outcome: IssueOutcome) -> str:
    """The issued numbers with their holders, then who got none and why."""
    lines = [f"{number}  {holder}" for _id, number, holder in outcome.issued]
    if outcome.skipped:
        lines += ["", _("Not issued:")] + [f"• {reason}" for _holder, reason in outcome.skipped]
    if outcome.already:
        lines += ["", ngettext("{count} listener already held a certificate of this cohort.",
                               "{count} listeners already held a certificate of this cohort.",
                               outcome.already).format(count=format_number(outcome.already))]
    return "\n".join(lines)


class IssueSummaryDialog(QDialog):
    """What was issued, and the offer to print the new certificates at once."""

    print_requested = Signal()

    def __init__(self, context: AppContext, outcome: IssueOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.outcome = outcome
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.buttons = QDialogButtonBox()
        self.print_button = QPushButton()
        self.close_button = QPushButton()
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.setVisible(bool(outcome.issued))
        self.print_button.clicked.connect(self.print_requested.emit)
        require(context, Action.PRINT, self.print_button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 460)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        outcome = self.outcome
        self.setWindowTitle(_("Certificates issued"))
        count = len(outcome.issued)
        heading = ngettext("Cohort {cohort}: {count} certificate issued on {date}.",
                           "Cohort {cohort}: {count} certificates issued on {date}.", count).format(
            cohort=outcome.cohort_code, count=format_number(count), date=format_date(outcome.on))
        if outcome.skipped:
            heading += " " + ngettext("{count} listener got none; the reason is below.",
                                      "{count} listeners got none; the reasons are below.",
                                      len(outcome.skipped)).format(count=format_number(len(outcome.skipped)))
        self.heading.setText(heading)
        self.details.setPlainText(outcome_text(outcome))
        self.print_button.setText(_("Print them now…"))
        self.close_button.setText(_("Close"))
