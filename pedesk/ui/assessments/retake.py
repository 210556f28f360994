"""A retake for one listener (п.30): the four ways of the Rules as choices, each greyed with the reason (and
the date it becomes possible) when it is closed, and the fields the chosen way needs. A transfer (п.30.3)
is a change of status through ``change_status``; the others record an attempt through ``record_retake``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _, format_date
from pedesk.models.enums import AssessmentKind, EnrolmentStatus, RetakeMode
from pedesk.services.access import Action
from pedesk.services.assessments import (
    RETAKE_MODES,
    AssessmentSheet,
    RetakeInput,
    RetakeOption,
    SheetRow,
    assessor_choices,
    record_retake,
    retake_options,
)
from pedesk.services.common import Problem, ValidationError
from pedesk.services.enrolment import change_status, status_label
from pedesk.ui.assessments.assessor import AssessorBox
from pedesk.ui.assessments.model import attempt_text, parse_score
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.actions import form_label
from pedesk.ui.widgets.editors import combo, combo_value, fill_combo, note_label
from pedesk.ui.widgets.forms import FormDialog
from pedesk.ui.widgets.records import get_date, optional_date_edit

__all__ = ["RetakeDialog"]

M = RetakeMode
DATE_WIDTH = 160
RESULT_MODES = (M.REASSESSMENT, M.NEXT_COHORT, M.FINISH_UNFINISHED)
HINTS = {
    M.REASSESSMENT: N_("Not more than once in 12 months."),
    M.NEXT_COHORT: N_("Together with the final assessment of a later cohort of the same programme."),
    M.TRANSFER: N_("For a valid reason, to another cohort that starts this year; recorded as a change of status."),
    M.FINISH_UNFINISHED: N_("For a valid reason, on presenting supporting documents."),
}
#: (key, label, the ways the field is shown for)
FIELDS: tuple[tuple[str, str, tuple[RetakeMode, ...]], ...] = (
    ("held_on", N_("Date of the assessment"), RESULT_MODES),
    ("with_cohort_id", N_("Held with the cohort"), (M.NEXT_COHORT,)),
    ("supporting_documents", N_("Supporting documents (which, numbers, dates)"), (M.FINISH_UNFINISHED,)),
    ("score", N_("Score"), RESULT_MODES),
    ("max_score", N_("Max score"), RESULT_MODES),
    ("passed", N_("Result"), RESULT_MODES),
    ("to_cohort_id", N_("Move to the cohort"), (M.TRANSFER,)),
    ("on", N_("Date of the transfer"), (M.TRANSFER,)),
    ("reason", N_("Valid reason"), (M.TRANSFER,)),
)


def _score_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"^[0-9]{0,4}([.,][0-9]{0,2})?$"), edit))
    edit.setMaximumWidth(120)
    return edit


class RetakeDialog(FormDialog):
    ACTION = Action.ASSESSMENTS

    def __init__(self, context: AppContext, sheet: AssessmentSheet, row: SheetRow, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Retake (п.30)"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(680)
        self.sheet, self.row = sheet, row
        self.external = sheet.cohort.assessment_kind == AssessmentKind.EXTERNAL
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.form.addRow(self.info)
        self.choices = QButtonGroup(self)
        self.radios: dict[RetakeMode, QRadioButton] = {}
        self.notes: dict[RetakeMode, QLabel] = {}
        ways = QWidget()
        box = QVBoxLayout(ways)
        box.setContentsMargins(0, 0, 0, 0)
        for mode in RETAKE_MODES:
            self.radios[mode] = QRadioButton()
            self.notes[mode] = note_label()
            self.notes[mode].setContentsMargins(24, 0, 0, 4)
            self.choices.addButton(self.radios[mode])
            box.addWidget(self.radios[mode])
            box.addWidget(self.notes[mode])
        self.add_field("mode", None, ways)
        self._build_fields()
        self.options: dict[RetakeMode, RetakeOption] = {}
        self.load()
        self.choices.buttonToggled.connect(lambda *_args: self.update_fields())
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def _build_fields(self) -> None:
        today = self.context.today()
        self.held_on, self.on = optional_date_edit(today), optional_date_edit(today)
        self.with_cohort, self.to_cohort = combo(30), combo(30)
        self.documents = QPlainTextEdit()
        self.documents.setFixedHeight(64)
        self.score, self.max_score = _score_edit(), _score_edit()
        self.passed, self.not_passed = QRadioButton(), QRadioButton()
        self.verdict = QButtonGroup(self)  # neither chosen at first: the result is said, not assumed
        result = QWidget()
        line = QHBoxLayout(result)
        line.setContentsMargins(0, 0, 0, 0)
        for radio in (self.passed, self.not_passed):
            self.verdict.addButton(radio)
            line.addWidget(radio)
        line.addStretch(1)
        for edit in (self.held_on, self.on):
            edit.setMaximumWidth(DATE_WIDTH)
        self.reason = QLineEdit()
        self.widgets: dict[str, QWidget] = {
            "held_on": self.held_on, "with_cohort_id": self.with_cohort, "supporting_documents": self.documents,
            "score": self.score, "max_score": self.max_score, "passed": result,
            "to_cohort_id": self.to_cohort, "on": self.on, "reason": self.reason,
        }
        for key, label, _modes in FIELDS:
            self.add_field(key, _(label), self.widgets[key])
        self.assessor = AssessorBox()
        self.form.addRow(self.assessor)
        self.assessor.setVisible(self.external)
        if self.external:
            with self.context.database.reading() as session:
                choices = assessor_choices(session, self.sheet.cohort.id, lang=self.context.lang)
            self.assessor.fill(choices, self.sheet.assessor)

    def load(self) -> None:
        """The ways open today, each choice greyed with its reason when closed; the first open one chosen."""
        with self.context.database.reading() as session:
            self.options = {item.mode: item for item in retake_options(session, self.row.enrolment_id,
                                                                        self.context.today())}
        for mode, option in self.options.items():
            self.radios[mode].setEnabled(option.allowed)
            if mode == M.NEXT_COHORT:
                self._fill_cohorts(self.with_cohort, option)
            if mode == M.TRANSFER:
                self._fill_cohorts(self.to_cohort, option)
        chosen = self.mode()
        if chosen is None or not self.options[chosen].allowed:
            first = next((mode for mode in RETAKE_MODES if self.options[mode].allowed), None)
            if first is not None:
                self.radios[first].setChecked(True)
        self.button_box.button(self.button_box.StandardButton.Save).setEnabled(self.mode() is not None)
        self.update_fields()

    def _fill_cohorts(self, widget: QComboBox, option: RetakeOption) -> None:
        items = [(item.id, _("{code} ({start} – {end})").format(code=item.code, start=format_date(item.start),
                                                                end=format_date(item.end)))
                 for item in option.cohorts]
        fill_combo(widget, items, combo_value(widget))

    def mode(self) -> RetakeMode | None:
        return next((mode for mode, radio in self.radios.items() if radio.isChecked()), None)

    def update_fields(self) -> None:
        mode = self.mode()
        for key, _label, modes in FIELDS:
            self.show_field(self.widgets[key], mode in modes)
        self.assessor.setVisible(self.external and mode in RESULT_MODES)

    # saving --------------------------------------------------------------------------------------------
    def retake(self, mode: RetakeMode) -> RetakeInput:
        return RetakeInput(
            mode, get_date(self.held_on), self._passed(), parse_score(self.score.text()),
            parse_score(self.max_score.text()), self.assessor.value() if self.external else None,
            combo_value(self.with_cohort) if mode == M.NEXT_COHORT else None,
            self.documents.toPlainText() if mode == M.FINISH_UNFINISHED else "",
        )

    def _passed(self) -> bool | None:
        if self.passed.isChecked() or self.not_passed.isChecked():
            return self.passed.isChecked()
        return None

    def save(self) -> Any:
        mode = self.mode()
        if mode is None:
            raise ValidationError.single("mode", _("Choose one of the ways."))
        on = get_date(self.on)
        if mode == M.TRANSFER and on is None:
            raise ValidationError.single("on", _("Date of the transfer: enter the day the listener moves."))
        enrolment_id = self.row.enrolment_id
        with self.context.database.transaction(user=self.context.user) as session:
            if mode == M.TRANSFER and on is not None:
                change_status(session, enrolment_id, EnrolmentStatus.TRANSFERRED, on=on, reason=self.reason.text(),
                              to_cohort_id=combo_value(self.to_cohort))
            else:
                record_retake(session, enrolment_id, self.retake(mode), today=self.context.today())
        self.context.changed("assessment")
        self.context.changed("enrolment")
        if mode == M.TRANSFER:
            self.context.changed("cohort")
        return enrolment_id

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        rest = self.assessor.show_problems(problems)
        super().show_problems(tuple(rest))

    def clear_problems(self) -> None:
        super().clear_problems()
        self.assessor.clear_problems()

    # language ------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Retake (п.30)"))
        row = self.row
        text = _("{name}, IIN {iin}: {status}.").format(name=row.full_name, iin=row.iin, status=status_label(row.status))
        if row.latest is not None:
            text += " " + _("Latest result: {attempt}.").format(attempt=attempt_text(row.latest))
        self.info.setText(text)
        if _lang:
            self.load()
        for mode, option in self.options.items():
            self.radios[mode].setText(option.label[:1].upper() + option.label[1:])
            self.notes[mode].setText(option.reason if not option.allowed else _(HINTS[mode]))
            self.notes[mode].setStyleSheet("" if option.allowed else "color: #b00020;")
        for key, source, _modes in FIELDS:
            label = form_label(self.form, self.widgets[key].parentWidget())
            if label is not None:
                label.setText(_(source))
        self.passed.setText(_("passed"))
        self.not_passed.setText(_("not passed"))
        self.assessor.retranslate()
