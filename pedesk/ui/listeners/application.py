"""The application form of one listener (Appendix 1-2) and what the office records about it: the п.7
eligibility answers, the п.14 referral order, the п.16 administration's letter, the п.23 contract and the
п.12 reason for a late addition (update_application)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _
from pedesk.models import Enrolment
from pedesk.models.enums import Language, ReferralBy
from pedesk.services.access import Action
from pedesk.services.common import Problem, ValidationError
from pedesk.services.enrolment import ApplicationData, update_application
from pedesk.services.rules import ABROAD_LONG_MAX_MONTHS
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import combo, combo_value, fill_combo, note_label
from pedesk.ui.widgets.forms import FormDialog
from pedesk.ui.widgets.records import DATE_FORMAT, get_date, optional_date_edit

LANGUAGE_NAMES: tuple[tuple[str, str], ...] = (
    (Language.KK.value, N_("Kazakh")), (Language.RU.value, N_("Russian")), (Language.EN.value, N_("English")),
)
REFERRAL_NAMES: tuple[tuple[str, str], ...] = (
    (ReferralBy.SCHOOL.value, N_("the school")),
    (ReferralBy.DEPARTMENT.value, N_("the education department")),
    (ReferralBy.ADMINISTRATION.value, N_("the education administration")),
)
#: a п.7 answer: not asked yet (None), yes or no
ANSWERS: tuple[tuple[str, str], ...] = (("", N_("not asked")), ("yes", N_("yes")), ("no", N_("no")))
ELIGIBILITY: tuple[tuple[str, str], ...] = (
    ("elig_education", N_("Pedagogical or profile education")),
    ("elig_employment", N_("Works in education")),
    ("elig_legislation", N_("Knows the education legislation")),
    ("elig_english", N_("Basic English")),
)


def answer_value(answer: bool | None) -> str:
    return "" if answer is None else "yes" if answer else "no"


def answer_of(value: Any) -> bool | None:
    return None if not value else value == "yes"


class ApplicationDialog(FormDialog):
    """Every field of ApplicationData for one enrolment; Save runs update_application in one transaction."""

    ACTION = Action.ENROLMENT

    def __init__(self, context: AppContext, enrolment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Application"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.enrolment_id = enrolment_id
        with context.database.reading() as session:
            enrolment = session.get(Enrolment, enrolment_id)
            assert enrolment is not None
            self.data = ApplicationData.from_model(enrolment)
            self.teacher_name = enrolment.teacher.full_name
            self.cohort_code = enrolment.cohort.code
            self.cohort_language = str(enrolment.cohort.language)
            programme = enrolment.cohort.programme
            self.abroad = bool(programme.abroad)
            self.language_course = bool(programme.language_course)
        self.texts: list[tuple[Callable[[str], None], str]] = []
        self.showing_problems = False
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.form.addRow(self.heading)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        holder = QWidget()
        holder.setLayout(columns)
        columns.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(holder)
        data = self.data

        # Application (Appendix 1)
        group = self._group(left, N_("Application (Appendix 1)"))
        self.applied_on = QDateEdit()
        self.applied_on.setCalendarPopup(True)
        self.applied_on.setDisplayFormat(DATE_FORMAT)
        day = data.applied_on
        self.applied_on.setDate(QDate(day.year, day.month, day.day))
        self._field(group, "applied_on", N_("Applied on"), self.applied_on)
        self.group_language = combo(12)
        self._field(group, "group_language", N_("Language of the group"), self.group_language)

        # Eligibility (п.7)
        group = self._group(left, N_("Eligibility (п.7 of the Rules)"))
        self.answers: dict[str, QComboBox] = {}
        for key, label in ELIGIBILITY:
            box = combo(10)
            self.answers[key] = box
            self._field(group, key, label, box)
        english = self.answers["elig_english"]
        english.setEnabled(self.language_course or data.elig_english is not None)
        self.english_note = note_label()
        group.addRow(self.english_note)
        self.english_note.setVisible(not self.language_course)
        self.texts.append((self.english_note.setText, N_(
            "Basic English is asked only for language-competence courses (п.7 of the Rules); this programme "
            "is not one.")))

        # Course abroad (Appendix 2)
        group = self._group(left, N_("Course abroad (Appendix 2)"))
        self.abroad_group = group.parentWidget()
        self.abroad_country = QLineEdit(data.abroad_country)
        self.abroad_country.setMaxLength(100)
        self._field(group, "abroad_country", N_("Country of study"), self.abroad_country)
        self.abroad_months = QSpinBox()
        self.abroad_months.setRange(0, ABROAD_LONG_MAX_MONTHS)
        self.abroad_months.setSpecialValueText(" ")
        self.abroad_months.setValue(data.abroad_months or 0)
        self._field(group, "abroad_months", N_("Length, months"), self.abroad_months)
        shown = self.abroad or bool(data.abroad_country) or data.abroad_months is not None
        if self.abroad_group is not None:
            self.abroad_group.setVisible(shown)
        left.addStretch(1)

        # Referral (п.14)
        group = self._group(right, N_("Referral (п.14 of the Rules)"))
        self.referral_by = combo(24)
        self._field(group, "referral_by", N_("Sent by the order of"), self.referral_by)
        self.referral_order_no = self._number(group, "referral_order_no", data.referral_order_no)
        self.referral_order_date = self._date(group, "referral_order_date", data.referral_order_date)

        # The administration's letter (п.16)
        group = self._group(right, N_("Letter of the education administration (п.16 of the Rules)"))
        self.admin_letter_no = self._number(group, "admin_letter_no", data.admin_letter_no)
        self.admin_letter_date = self._date(group, "admin_letter_date", data.admin_letter_date)

        # The contract (п.23)
        group = self._group(right, N_("Contract (п.23 of the Rules)"))
        self.contract_no = self._number(group, "contract_no", data.contract_no)
        self.contract_date = self._date(group, "contract_date", data.contract_date)
        self.contract_amount = QLineEdit("" if data.contract_amount is None else f"{data.contract_amount:.2f}")
        self.contract_amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._field(group, "contract_amount", N_("Amount, tenge"), self.contract_amount)

        # Other
        group = self._group(right, N_("Other"))
        self.late_addition_reason = QLineEdit(data.late_addition_reason)
        self._field(group, "late_addition_reason", N_("Reason for a late addition (п.12)"),
                    self.late_addition_reason)
        self.note = QPlainTextEdit(data.note)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(64)
        self._field(group, "note", N_("Note"), self.note)
        right.addStretch(1)

        self.errors["cohort_id"] = self.general_error
        self.errors["teacher_id"] = self.general_error
        self.fill_combos(data.group_language or self.cohort_language, data.referral_by,
                         {key: answer_value(getattr(data, key)) for key, _label in ELIGIBILITY})
        self.setMinimumWidth(960)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    # building ---------------------------------------------------------------------------------------------
    def _group(self, column: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        column.addWidget(box)
        self.texts.append((box.setTitle, title))
        return form

    def _field(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> QWidget:
        """Like FormDialog.add_field, in a group's form: the widget with its error line under it."""
        container = self.field_container(key, widget)
        caption = QLabel()
        caption.setBuddy(widget)
        self.texts.append((caption.setText, label))
        form.addRow(caption, container)
        return widget

    def _number(self, form: QFormLayout, key: str, value: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setMaxLength(60)
        self._field(form, key, N_("Number"), edit)
        return edit

    def _date(self, form: QFormLayout, key: str, value: date | None) -> QDateEdit:
        edit = optional_date_edit(value)
        self._field(form, key, N_("Date"), edit)
        return edit

    def fill_combos(self, language: Any, referral: Any, answers: dict[str, Any]) -> None:
        fill_combo(self.group_language, [(code, _(name)) for code, name in LANGUAGE_NAMES],
                   str(language) if language else None)
        fill_combo(self.referral_by, [(code, _(name)) for code, name in REFERRAL_NAMES],
                   str(referral) if referral else None, "")
        for key, box in self.answers.items():
            fill_combo(box, [(code, _(name)) for code, name in ANSWERS], answers[key] or None)

    # saving -----------------------------------------------------------------------------------------------
    def amount(self) -> Decimal | None:
        text = self.contract_amount.text().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            raise ValidationError.single("contract_amount", _(
                "Contract amount: \"{text}\" is not a number. Enter the amount in tenge, for example "
                "150000 or 150000.50.").format(text=self.contract_amount.text()))
        return value

    def collect(self) -> ApplicationData:
        months = self.abroad_months.value()
        return replace(
            self.data,
            applied_on=get_date(self.applied_on) or self.data.applied_on,
            group_language=combo_value(self.group_language),
            abroad_country=self.abroad_country.text(),
            abroad_months=months or None,
            **{key: answer_of(combo_value(box)) for key, box in self.answers.items()},
            referral_by=combo_value(self.referral_by),
            referral_order_no=self.referral_order_no.text(),
            referral_order_date=get_date(self.referral_order_date),
            admin_letter_no=self.admin_letter_no.text(),
            admin_letter_date=get_date(self.admin_letter_date),
            contract_no=self.contract_no.text(),
            contract_date=get_date(self.contract_date),
            contract_amount=self.amount(),
            late_addition_reason=self.late_addition_reason.text(),
            note=self.note.toPlainText(),
        )

    def save(self) -> Any:
        data = self.collect()
        with self.context.database.transaction(user=self.context.user) as session:
            update_application(session, self.enrolment_id, data)
        self.context.changed("enrolment")
        return self.enrolment_id

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        super().show_problems(problems)
        self.showing_problems = bool(problems)
        for label in self.errors.values():  # a wrapped line in a group's form gets no height of its own
            holder = label.parentWidget()
            if label.isVisibleTo(self) and holder is not None and label is not self.general_error:
                width = max(holder.width(), 200)
                label.setMinimumHeight(label.heightForWidth(width))
                box = holder.layout()
                if box is not None:
                    holder.setMinimumHeight(box.totalHeightForWidth(width))
        self.fit_height()

    def clear_problems(self) -> None:
        super().clear_problems()
        for label in self.errors.values():
            label.setMinimumHeight(0)
            holder = label.parentWidget()
            if holder is not None and label is not self.general_error:
                holder.setMinimumHeight(0)

    def fit_height(self) -> None:
        """Grow to show every wrapped line (the wrapped error lines inside the groups need the room)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = max(layout.totalHeightForWidth(self.width()), self.sizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def current_problems(self) -> tuple[Problem, ...]:
        """The problems of the form as it is now, checked without writing (for re-wording them)."""
        try:
            data = self.collect()
            with self.context.database.reading() as session:
                try:
                    update_application(session, self.enrolment_id, data)
                finally:
                    session.rollback()
        except ValidationError as exc:
            return exc.problems
        return ()

    # language ---------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Application — {teacher}").format(teacher=self.teacher_name))
        self.heading.setText(_("{teacher}, cohort {code}").format(teacher=self.teacher_name,
                                                                   code=self.cohort_code))
        for setter, source in self.texts:
            setter(_(source))
        self.fill_combos(combo_value(self.group_language), combo_value(self.referral_by),
                         {key: combo_value(box) for key, box in self.answers.items()})
        if self.showing_problems:  # the shown problems were worded in the old language
            self.show_problems(self.current_problems())
