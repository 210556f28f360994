"""Educational programmes (білім беру бағдарламалары / образовательные программы ПК) of the office: the
list with a kind filter (programmes no longer offered greyed) and the programme's form, whose durations
the service checks against п.21-22 and whose format against п.4."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.models.enums import CourseKind
from pedesk.services.access import Action
from pedesk.services.reference import course_formats, education_levels, load_office_settings
from pedesk.services.rules import (
    ABROAD_LONG_MAX_MONTHS,
    ACADEMIC_HOUR_MINUTES,
    MIN_LONG_HOURS,
    MIN_SHORT_HOURS,
)
from pedesk.services.schedule import (
    ProgrammeData,
    ProgrammeRow,
    get_programme,
    page_programmes,
    save_programme,
    validate_programme,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import (
    EditableListTab,
    EditorDialog,
    GreyInactiveModel,
    combo,
    combo_value,
    fill_combo,
    in_language,
    note_label,
    yes,
)
from pedesk.ui.widgets.paged_model import Column

__all__ = ["ProgrammeDialog", "ProgrammesPage"]

MAX_HOURS = 3000
TITLE_LINES = 2
KIND_NAMES: dict[str, str] = {CourseKind.SHORT: N_("Short"), CourseKind.LONG: N_("Long")}
WARNING_COLOUR = "#9a3412"


def kind_name(kind: CourseKind | str) -> str:
    return _(KIND_NAMES.get(str(kind), str(kind)))


def programme_columns(lang: Any) -> list[Column]:
    return [
        Column(N_("Code"), lambda row: row.code),
        Column(N_("Title"), lambda row: in_language(row.title_kk, row.title_ru, lang())),
        Column(N_("Academic hours"), lambda row: row.hours, align_right=True),
        Column(N_("Kind of course"), lambda row: kind_name(row.kind)),
        Column(N_("Education level"), lambda row: row.level),
        Column(N_("Format"), lambda row: row.format),
        Column(N_("Abroad"), lambda row: yes(row.abroad)),
        Column(N_("Language course"), lambda row: yes(row.language_course)),
    ]


def _title_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * TITLE_LINES + 14)
    return edit


def _number_box(maximum: int) -> QSpinBox:
    """A number field whose 0 shows as "—" (not entered), so the service can ask for it."""
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSpecialValueText("—")
    return box


class ProgrammeDialog(EditorDialog):
    """Add (``programme_id`` None) or edit a programme; п.21 problems appear under "Academic hours",
    "Length in months" and "Format" as the service words them."""

    kind = "programme"
    ACTION = Action.PROGRAMMES
    checker = staticmethod(validate_programme)
    saver = staticmethod(save_programme)

    def __init__(self, context: AppContext, programme_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Programme") if programme_id is None else N_("Edit programme"), programme_id,
                         parent)
        self.setMinimumWidth(760)
        self.code = self.field("code", N_("Programme code"), QLineEdit(), N_("for example, P-001"))
        self.title_kk = self.field("title_kk", N_("Title in Kazakh"), _title_edit())
        self.title_ru = self.field("title_ru", N_("Title in Russian"), _title_edit())
        self.kind_box = self.field("kind", N_("Kind of course"), combo(20))
        self.hours = self.field("academic_hours", N_("Academic hours"), _number_box(MAX_HOURS))
        self.level = self.field("level_id", N_("Education level"), combo(30))
        self.format = self.field("format_id", N_("Format"), combo(30))
        self.abroad = self.field("abroad", N_("The course is held abroad (п.4)"), QCheckBox())
        self.months = self.field("abroad_months", N_("Length in months"), _number_box(ABROAD_LONG_MAX_MONTHS))
        self.language_course = self.field("language_course", N_("Language course (applicants need basic English, п.7)"),
                                          QCheckBox())
        self.direction = self.field("direction", N_("Direction"), QLineEdit())
        self.active = self.field("active", N_("Active: offered now, can be chosen for new cohorts"), QCheckBox())
        self.rules_note = note_label()
        dialog_layout = self.layout()
        assert isinstance(dialog_layout, QVBoxLayout)
        dialog_layout.insertWidget(dialog_layout.indexOf(self.button_box), self.rules_note)
        self.format_abroad: dict[int, bool] = {}
        data = self.load(get_programme, ProgrammeData("", "", "", None, CourseKind.SHORT, None, None))
        self.code.setText(data.code)
        self.title_kk.setPlainText(data.title_kk)
        self.title_ru.setPlainText(data.title_ru)
        self.hours.setValue(data.academic_hours or 0)
        self.abroad.setChecked(data.abroad)
        self.months.setValue(data.abroad_months or 0)
        self.language_course.setChecked(data.language_course)
        self.direction.setText(data.direction)
        self.active.setChecked(data.active)
        self._fill(str(data.kind or CourseKind.SHORT), data.level_id, data.format_id)
        self.abroad.toggled.connect(lambda _checked: self._abroad_changed())
        self.format.currentIndexChanged.connect(lambda _index: self._format_changed())
        self._abroad_changed()
        self.retranslate()

    def _fill(self, kind: str, level_id: int | None, format_id: int | None) -> None:
        with self.context.database.reading() as session:
            levels = [(item.id, item.name) for item in education_levels(session, self.context.lang)]
            formats = course_formats(session, self.context.lang)
        self.format_abroad = {item.id: item.abroad for item in formats}
        kinds = [
            (str(CourseKind.SHORT), _("Short course: at least {hours} academic hours").format(hours=MIN_SHORT_HOURS)),
            (str(CourseKind.LONG), _("Long course: at least {hours} academic hours, or up to {months} months "
                                     "abroad").format(hours=MIN_LONG_HOURS, months=ABROAD_LONG_MAX_MONTHS)),
        ]
        fill_combo(self.kind_box, kinds, kind)
        fill_combo(self.level, levels, level_id, _("— choose the level —"))
        fill_combo(self.format, [(item.id, item.name) for item in formats], format_id, _("— choose the format —"))

    def _format_changed(self) -> None:
        """Choosing the format "abroad" (or another) sets the mark "abroad" to agree (п.4)."""
        format_id = combo_value(self.format)
        if format_id in self.format_abroad:
            self.abroad.setChecked(self.format_abroad[format_id])

    def _abroad_changed(self) -> None:
        self.months.setEnabled(self.abroad.isChecked())

    def collect(self) -> ProgrammeData:
        abroad = self.abroad.isChecked()
        return ProgrammeData(
            code=self.code.text(), title_kk=self.title_kk.toPlainText(), title_ru=self.title_ru.toPlainText(),
            academic_hours=self.hours.value() or None, kind=combo_value(self.kind_box),
            level_id=combo_value(self.level), format_id=combo_value(self.format), abroad=abroad,
            abroad_months=(self.months.value() or None) if abroad else None,
            language_course=self.language_course.isChecked(), direction=self.direction.text(),
            active=self.active.isChecked(),
        )

    def retranslate(self, _lang: str = "") -> None:
        if _lang:
            self._fill(combo_value(self.kind_box), combo_value(self.level), combo_value(self.format))
        self.rules_note.setText(_(
            "One academic hour is {minutes} minutes. A short course has at least {short} academic hours, a long "
            "one at least {long}; a long course abroad lasts up to {months} months (п.21-22)."
        ).format(minutes=ACADEMIC_HOUR_MINUTES, short=MIN_SHORT_HOURS, long=MIN_LONG_HOURS,
                 months=ABROAD_LONG_MAX_MONTHS))
        super().retranslate(_lang)


class ProgrammesPage(EditableListTab):
    """The office's programmes, searchable by code, title or direction, filtered by kind of course."""

    SEARCH_HINT = N_("Search by code, title or direction…")
    ACTION = Action.PROGRAMMES

    open_section = Signal(str)

    def __init__(self, context: AppContext) -> None:
        self.filters: dict[str, str | None] = {"kind": None}
        filters = self.filters

        def query(session: Session, text: str, offset: int, limit: int) -> list[ProgrammeRow]:
            return page_programmes(session, text, offset, limit, kind=filters["kind"], lang=context.lang)

        model = GreyInactiveModel(context.database, query, programme_columns(lambda: context.lang))
        super().__init__(context, N_("Programmes"), model, kinds=("programme", "office"))
        self.kind_box = self.filter_combo("kind", N_("Kind:"), 12)
        self.setup_note = QLabel()
        self.setup_note.setWordWrap(True)
        self.setup_note.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
        self.setup_button = QPushButton()
        self.setup_button.clicked.connect(lambda: self.open_section.emit("settings"))
        banner = QHBoxLayout()
        banner.addWidget(self.setup_note, 1)
        banner.addWidget(self.setup_button)
        page_layout = self.layout()
        assert isinstance(page_layout, QVBoxLayout)
        page_layout.insertLayout(0, banner)
        context.data_changed.connect(self._data_changed)
        self.finish()
        self.update_setup()

    def _data_changed(self, kind: str) -> None:
        if kind == "office":
            self.update_setup()

    def make_editor(self, record_id: int | None) -> ProgrammeDialog:
        return ProgrammeDialog(self.context, record_id, self)

    def update_setup(self) -> None:
        """Programmes belong to the own office: until Settings are saved, say so instead of failing later."""
        with self.context.database.reading() as session:
            ready = load_office_settings(session) is not None
        self.setup_note.setVisible(not ready)
        self.setup_button.setVisible(not ready)
        self.add_record.setEnabled(ready)

    def refill_filters(self) -> None:
        kinds = [(str(kind), _("Short courses") if kind == CourseKind.SHORT else _("Long courses"))
                 for kind in CourseKind]
        fill_combo(self.kind_box, kinds, self.filters["kind"], _("All kinds"))

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        if getattr(self, "ready", False):
            self.setup_note.setText(_("The office is not set up yet: programmes belong to the office, so fill "
                                      "in Settings first."))
            self.setup_button.setText(_("Open Settings"))
