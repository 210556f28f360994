"""The Programmes page as a user drives it: п.21's durations shown under their fields as the service words
them, the abroad fields, the list with its filter and greyed inactive rows, and a language switch."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox, QLineEdit, QSpinBox
from sqlalchemy import select

from pedesk import i18n
from pedesk.models import CourseFormat, EducationLevel, Programme, Region
from pedesk.models.database import Database
from pedesk.models.enums import CourseKind
from pedesk.services.reference.settings import OfficeSettings, save_office_settings
from pedesk.services.rules.paragraphs import programme_duration_problem
from pedesk.services.schedule.programmes import ProgrammeData, save_programme
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.schedule.programmes import ProgrammeDialog, ProgrammesPage
from tests.builders import ref_id
from tests.ui.conftest import show
from tests.ui.keys import type_text


def _id(database: Database, model: Any, code: str) -> int:
    with database.reading() as session:
        return ref_id(session, model, code)


@pytest.fixture
def office(database: Database) -> None:
    with database.transaction() as session:
        region = ref_id(session, Region, "KARAGANDA")
        save_office_settings(session, OfficeSettings(
            code="KRG-MK", name_kk="Кабинет", name_ru="Кабинет", city_kk="Қарағанды", city_ru="Караганда",
            region_id=region, head_name="Ахметова Г.", head_position_kk="Басшы", head_position_ru="Руководитель"))


@pytest.fixture
def page(qtbot: Any, context: AppContext) -> ProgrammesPage:
    return show(qtbot, ProgrammesPage(context))


def type_number(qtbot: Any, box: QSpinBox, value: int) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, str(value))
    assert box.value() == value


def tick(qtbot: Any, box: QCheckBox) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def save(qtbot: Any, dialog: ProgrammeDialog) -> None:
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def new_programme(qtbot: Any, page: ProgrammesPage, database: Database) -> ProgrammeDialog:
    qtbot.mouseClick(page.add_record, Qt.MouseButton.LeftButton)
    dialog = page.editor
    assert isinstance(dialog, ProgrammeDialog) and dialog.isVisible()
    edit: QLineEdit = dialog.code
    qtbot.keyClicks(edit, "P-010")
    type_text(qtbot, dialog.title_kk, "Жаңартылған білім беру мазмұны")
    type_text(qtbot, dialog.title_ru, "Обновлённое содержание образования")
    dialog.level.setCurrentIndex(dialog.level.findData(_id(database, EducationLevel, "primary")))
    dialog.format.setCurrentIndex(dialog.format.findData(_id(database, CourseFormat, "on_the_job")))
    return dialog


def test_a_short_course_of_35_hours_is_refused_and_36_saves(
    qtbot: Any, qtmodeltester: Any, office: None, page: ProgrammesPage, database: Database
) -> None:
    dialog = new_programme(qtbot, page, database)
    assert dialog.kind_box.currentData() == CourseKind.SHORT
    type_number(qtbot, dialog.hours, 35)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors["academic_hours"].isVisible()
    assert dialog.errors["academic_hours"].text() == programme_duration_problem(CourseKind.SHORT, 35, False)
    assert [key for key, label in dialog.errors.items() if label.isVisible()] == ["academic_hours"]
    type_number(qtbot, dialog.hours, 36)
    with qtbot.waitSignal(page.context.data_changed, check_params_cb=lambda kind: kind == "programme"):
        save(qtbot, dialog)
    with database.reading() as session:
        stored = session.scalars(select(Programme)).one()
        assert (stored.code, stored.academic_hours, stored.kind) == ("P-010", 36, CourseKind.SHORT)
    assert [(row.code, row.hours) for row in page.model.rows] == [("P-010", 36)]
    assert page.model.data(page.model.index(0, 1)) == "Обновлённое содержание образования"  # ru in English
    qtmodeltester.check(page.model)


def test_a_long_course_abroad_asks_for_its_months(
    qtbot: Any, office: None, page: ProgrammesPage, database: Database
) -> None:
    dialog = new_programme(qtbot, page, database)
    assert not dialog.months.isEnabled()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(str(CourseKind.LONG)))
    type_number(qtbot, dialog.hours, 120)
    tick(qtbot, dialog.abroad)
    assert dialog.abroad.isChecked() and dialog.months.isEnabled()
    save(qtbot, dialog)
    assert dialog.errors["abroad_months"].text() == programme_duration_problem(CourseKind.LONG, 120, True, None)
    assert dialog.errors["format_id"].text().startswith("Format: the programme is marked as a course abroad")
    dialog.format.setCurrentIndex(dialog.format.findData(_id(database, CourseFormat, "abroad")))
    type_number(qtbot, dialog.months, 10)
    save(qtbot, dialog)
    with database.reading() as session:
        stored = session.scalars(select(Programme)).one()
        assert (stored.abroad, stored.abroad_months) == (True, 10)


def test_the_kind_filter_and_inactive_rows(qtbot: Any, office: None, context: AppContext, database: Database) -> None:
    level, course_format = _id(database, EducationLevel, "primary"), _id(database, CourseFormat, "on_the_job")
    with database.transaction() as session:
        save_programme(session, ProgrammeData("A-1", "Қысқа", "Краткий", 72, CourseKind.SHORT, level, course_format))
        save_programme(session, ProgrammeData("B-1", "Ұзақ", "Длинный", 120, CourseKind.LONG, level, course_format,
                                              active=False))
    page = ProgrammesPage(context)
    qtbot.addWidget(page)
    assert [row.code for row in page.model.rows] == ["A-1", "B-1"]
    assert page.model.data(page.model.index(1, 0), Qt.ItemDataRole.ForegroundRole) == QColor("#6b7280")
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    page.kind_box.setCurrentIndex(page.kind_box.findData(str(CourseKind.LONG)))
    assert [row.code for row in page.model.rows] == ["B-1"]
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_record, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert isinstance(editor, ProgrammeDialog)
    assert (editor.code.text(), editor.hours.value(), editor.active.isChecked()) == ("B-1", 120, False)


def test_without_the_office_the_page_sends_to_settings(qtbot: Any, page: ProgrammesPage) -> None:
    assert page.setup_note.isVisible() and not page.add_record.isEnabled()
    with qtbot.waitSignal(page.open_section, check_params_cb=lambda key: key == "settings"):
        qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)


def test_a_language_switch_retranslates_the_page_and_the_open_editor(
    qtbot: Any, office: None, page: ProgrammesPage, context: AppContext, database: Database,
    english_afterwards: None,
) -> None:
    dialog = new_programme(qtbot, page, database)
    type_number(qtbot, dialog.hours, 35)
    save(qtbot, dialog)

    def texts() -> list[str]:
        return [
            str(page.model.headerData(2, Qt.Orientation.Horizontal)), page.add_record.text(),
            page.search.placeholderText(), page.kind_box.itemText(0), page.filter_labels[0][0].text(),
            dialog.windowTitle(), dialog.field_label("academic_hours").text(),  # type: ignore[union-attr]
            dialog.abroad.text(), dialog.level.currentText(), dialog.kind_box.currentText(),
            dialog.errors["academic_hours"].text(), dialog.rules_note.text(),
        ]

    english = texts()
    install_qt_translations(QApplication.instance(), "ru")  # type: ignore[arg-type]
    context.language_changed.emit("ru")
    now = texts()
    assert [pair for pair in zip(english, now, strict=True) if pair[0] == pair[1]] == []
    assert now[0] == i18n._("Academic hours")
    assert now[8] == "Начальное образование"
    assert now[10] == programme_duration_problem(CourseKind.SHORT, 35, False)  # worded again in Russian
