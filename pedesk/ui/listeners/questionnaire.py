"""The teacher's questionnaire (сауалнама / анкета, Appendix 3): every field, the IIN checked as it is
typed, the earlier courses, and the 5-year history (п.21)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _, format_date
from pedesk.models import Teacher
from pedesk.services.access import Action, version_of
from pedesk.services.common import Problem, ValidationError
from pedesk.services.reference import page_schools, qualification_categories
from pedesk.services.rules import check_iin, iin_birth_date_problem
from pedesk.services.teachers import TeacherData, get_teacher, save_teacher, teacher_history
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.history import HistoryPanel, PreviousCoursesTable
from pedesk.ui.widgets.editors import (
    ERROR_COLOUR,
    OK_COLOUR,
    combo,
    combo_value,
    fill_combo,
    in_language,
    region_items,
)
from pedesk.ui.widgets.forms import FormDialog
from pedesk.ui.widgets.records import ALL_ROWS, get_date, optional_date_edit, set_date

LANGUAGES = (("kk", N_("Kazakh")), ("ru", N_("Russian")), ("en", N_("English")))
PERSON_FIELDS = (
    ("surname", N_("Surname")), ("name", N_("First name")), ("patronymic", N_("Patronymic (if any)")),
    ("iin", N_("IIN")), ("birth_date", N_("Date of birth")), ("position", N_("Position")),
    ("education", N_("Education")), ("category_id", N_("Qualification category")),
    ("category_valid_until", N_("Category valid until")),
    ("total_experience_years", N_("Total work experience, years")),
    ("teaching_experience_years", N_("Teaching experience, years")),
)
WORK_FIELDS = (
    ("school_id", N_("School (workplace)")), ("workplace", N_("Place of work as written")),
    ("workplace_region_id", N_("Region")), ("instruction_language", N_("Language of instruction")),
    ("home_address", N_("Home address")), ("phone", N_("Phone")), ("email", N_("E-mail")),
    ("additional_info", N_("Additional information")),
)
TABS = (N_("Questionnaire"), N_("Previous courses"), N_("History: last 5 years"))


def years_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(-1, 99)
    box.setSpecialValueText(" ")
    box.setValue(-1)
    return box


class QuestionnaireDialog(FormDialog):
    """A new teacher (``teacher_id`` None) or the teacher's record; Save runs save_teacher."""

    ACTION = Action.TEACHERS

    def __init__(self, context: AppContext, teacher_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(context, "", parent)
        self.teacher_id = teacher_id
        #: the record's save counter when the form was filled: a save over another seat's later change is refused
        self.version: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(1040, 700)
        self.labels: list[tuple[QFormLayout, QWidget, str]] = []
        self.iin_note = QLabel()
        self.iin_note.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_questionnaire(), "")
        self.courses = PreviousCoursesTable()
        course_page = QWidget()
        self.form = QFormLayout(course_page)
        self.add_field("previous_courses", None, self.courses)
        self.history = HistoryPanel()
        self.tabs.addTab(course_page, "")
        self.tabs.addTab(self.history, "")
        self.tabs.currentChanged.connect(lambda index: index == 2 and self.history.fit())
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.tabs, 1)
        self._fill_choices()
        self.iin.textChanged.connect(lambda _text: self.update_iin_note())
        self.birth_date.dateChanged.connect(lambda _day: self.update_iin_note())
        if teacher_id is not None:
            self.load(teacher_id)
        self.update_iin_note()
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    # building -------------------------------------------------------------------------------------------
    def _build_questionnaire(self) -> QWidget:
        self.surname, self.name, self.patronymic, self.iin = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.iin.setMaxLength(20)
        self.birth_date = optional_date_edit()
        self.position, self.education = QLineEdit(), QLineEdit()
        self.category = combo(20)
        self.category_valid_until = optional_date_edit()
        self.total_years, self.teaching_years = years_box(), years_box()
        self.school = combo(30)
        self.school.setEditable(True)
        self.school.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.workplace, self.region, self.language = QLineEdit(), combo(20), combo(12)
        self.home_address, self.phone, self.email = QLineEdit(), QLineEdit(), QLineEdit()
        self.additional_info = QPlainTextEdit()
        self.additional_info.setMaximumHeight(90)
        iin_box = QWidget()
        iin_layout = QVBoxLayout(iin_box)
        iin_layout.setContentsMargins(0, 0, 0, 0)
        iin_layout.addWidget(self.iin)
        iin_layout.addWidget(self.iin_note)
        widgets = {
            "surname": self.surname, "name": self.name, "patronymic": self.patronymic, "iin": iin_box,
            "birth_date": self.birth_date, "position": self.position, "education": self.education,
            "category_id": self.category, "category_valid_until": self.category_valid_until,
            "total_experience_years": self.total_years, "teaching_experience_years": self.teaching_years,
            "school_id": self.school, "workplace": self.workplace, "workplace_region_id": self.region,
            "instruction_language": self.language, "home_address": self.home_address, "phone": self.phone,
            "email": self.email, "additional_info": self.additional_info,
        }
        page = QWidget()
        columns = QHBoxLayout(page)
        for fields in (PERSON_FIELDS, WORK_FIELDS):
            self.form = QFormLayout()
            self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for key, label in fields:
                self.add_field(key, _(label), widgets[key])
                container = widgets[key].parentWidget()
                assert container is not None
                self.labels.append((self.form, container, label))
            column = QVBoxLayout()
            column.addLayout(self.form)
            column.addStretch(1)  # the fields stay at the top instead of spreading over the tab
            columns.addLayout(column, 1)
        return page

    def _fill_choices(self) -> None:
        lang = self.context.lang
        with self.context.database.reading() as session:
            categories = qualification_categories(session, lang)
            regions = region_items(self.context, session)
            schools = page_schools(session, "", 0, ALL_ROWS, lang=lang)
        keep = (combo_value(self.category), combo_value(self.region), combo_value(self.language),
                self.school_id())
        fill_combo(self.category, [(item.id, _("{name} (legacy)").format(name=item.name) if item.legacy
                                    else item.name) for item in categories], keep[0], "")
        fill_combo(self.region, regions, keep[1], "")
        fill_combo(self.language, [(code, _(name)) for code, name in LANGUAGES], keep[2], "")
        fill_combo(self.school, [(row.id, in_language(row.name_kk, row.name_ru, lang)) for row in schools],
                   keep[3], "")
        completer = QCompleter(self.school.model(), self.school)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.school.setCompleter(completer)

    def school_id(self) -> int | None:
        index = self.school.findText(self.school.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        value = self.school.itemData(index) if index >= 0 else None
        return value if isinstance(value, int) else None

    # loading and the live IIN check ---------------------------------------------------------------------
    def load(self, teacher_id: int) -> None:
        with self.context.database.reading() as session:
            data = get_teacher(session, teacher_id)
            self.version = version_of(session, Teacher, teacher_id)
            history = teacher_history(session, teacher_id, self.context.today(), lang=self.context.lang)
        if data is None:
            return
        for edit, value in ((self.surname, data.surname), (self.name, data.name), (self.patronymic, data.patronymic),
                            (self.iin, data.iin), (self.position, data.position), (self.education, data.education),
                            (self.workplace, data.workplace), (self.home_address, data.home_address),
                            (self.phone, data.phone), (self.email, data.email)):
            edit.setText(value or "")
        set_date(self.birth_date, data.birth_date)
        set_date(self.category_valid_until, data.category_valid_until)
        self.total_years.setValue(-1 if data.total_experience_years is None else data.total_experience_years)
        self.teaching_years.setValue(-1 if data.teaching_experience_years is None else data.teaching_experience_years)
        self.additional_info.setPlainText(data.additional_info)
        for box, value in ((self.category, data.category_id), (self.region, data.workplace_region_id),
                           (self.language, data.instruction_language), (self.school, data.school_id)):
            index = box.findData(str(value) if box is self.language and value is not None else value)
            box.setCurrentIndex(max(index, 0))
        self.courses.set_courses(data.previous_courses)
        self.history.set_history(history)

    def update_iin_note(self) -> None:
        text = self.iin.text().strip()
        if not text:
            self.iin_note.clear()
            return
        info = check_iin(text)
        if not info.valid:
            self._note(info.reason or "", ERROR_COLOUR)
            return
        if get_date(self.birth_date) is None and info.birth_date is not None:
            set_date(self.birth_date, info.birth_date)  # п. Appendix 3: the date of birth is in the IIN
        sex = _("male") if info.sex == "male" else _("female")
        message = _("Valid IIN: born {date}, {sex}.").format(date=format_date(info.birth_date), sex=sex)
        mismatch = iin_birth_date_problem(info.iin, get_date(self.birth_date))
        if mismatch:
            self._note(f"{message} {mismatch}", ERROR_COLOUR)
        else:
            self._note(message, OK_COLOUR)

    def _note(self, text: str, colour: str) -> None:
        self.iin_note.setStyleSheet(f"color: {colour};")
        self.iin_note.setText(text)

    # saving ---------------------------------------------------------------------------------------------
    def collect(self) -> tuple[TeacherData, list[Problem]]:
        courses, problems = self.courses.courses()
        years = (self.total_years.value(), self.teaching_years.value())
        data = TeacherData(
            iin=self.iin.text(), surname=self.surname.text(), name=self.name.text(),
            patronymic=self.patronymic.text(), birth_date=get_date(self.birth_date), position=self.position.text(),
            education=self.education.text(), category_id=combo_value(self.category),
            category_valid_until=get_date(self.category_valid_until), school_id=self.school_id(),
            workplace=self.workplace.text(), workplace_region_id=combo_value(self.region),
            total_experience_years=None if years[0] < 0 else years[0],
            teaching_experience_years=None if years[1] < 0 else years[1],
            instruction_language=combo_value(self.language), home_address=self.home_address.text(),
            phone=self.phone.text(), email=self.email.text(), additional_info=self.additional_info.toPlainText(),
            previous_courses=courses,
        )
        return data, problems

    def save(self) -> Any:
        data, problems = self.collect()
        if problems:
            raise ValidationError(problems)
        with self.context.database.transaction(user=self.context.user) as session:
            teacher_id = save_teacher(session, data, self.teacher_id, today=self.context.today(),
                                      version=self.version).id
        self.context.changed("teacher")
        return teacher_id

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        super().show_problems(problems)
        fields = {problem.field for problem in problems}
        if "iin" in fields:
            self.iin_note.clear()  # the same reason is shown under the field
        if fields and fields <= {"previous_courses"}:
            self.tabs.setCurrentIndex(1)
        elif fields:
            self.tabs.setCurrentIndex(0)

    # language -------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        title = _("New teacher") if self.teacher_id is None else _("Teacher's questionnaire")
        self.setWindowTitle(title)
        for index, text in enumerate(TABS):
            self.tabs.setTabText(index, _(text))
        for form, container, source in self.labels:
            label = form.labelForField(container)
            if isinstance(label, QLabel):
                label.setText(_(source))
        self.courses.retranslate()
        if _lang:
            self._fill_choices()
            self.update_iin_note()
            if self.teacher_id is not None:
                with self.context.database.reading() as session:
                    self.history.set_history(teacher_history(session, self.teacher_id, self.context.today(),
                                                             lang=self.context.lang))
        self.history.retranslate()
