"""The Listeners section (Тыңдаушылар / Слушатели) driven like a user: the questionnaire (Appendix 3) with
its checks, the registry search, enrolment into a cohort with its refusals (п.12, capacity), the
department's list import with preview and Cancel, and printing a blank questionnaire."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QInputDialog
from sqlalchemy import func, select

from pedesk import i18n
from pedesk.models import Cohort, Enrolment, Programme, Teacher
from pedesk.models.database import Database
from pedesk.models.enums import EnrolmentStatus, ReferralBy
from pedesk.services.demo.region import generate_demo
from pedesk.services.rules.iin import make_iin
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.actions import EnrolDialog
from pedesk.ui.listeners.application import ApplicationDialog
from pedesk.ui.listeners.list_import import ListenerImportDialog
from pedesk.ui.listeners.page import ListenersPage
from pedesk.ui.listeners.questionnaire import QuestionnaireDialog
from pedesk.ui.widgets.records import set_date, show_date
from tests.ui.conftest import Messages, show
from tests.ui.keys import type_text

TODAY = date(2026, 11, 25)
SAVE = QDialogButtonBox.StandardButton.Save
LEFT = Qt.MouseButton.LeftButton
COHORT_CODE = "2027-002"  # upcoming, its list not formed yet on TODAY, nobody enrolled


@pytest.fixture
def context(database: Database) -> AppContext:
    generate_demo(database, teachers=300, today=TODAY)
    return AppContext(database, today=lambda: TODAY)


@pytest.fixture
def page(qtbot: Any, context: AppContext) -> ListenersPage:
    return show(qtbot, ListenersPage(context))


@pytest.fixture
def cohort_id(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalars(select(Cohort.id).where(Cohort.code == COHORT_CODE)).one())


def count(database: Database, model: Any) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count(model.id))) or 0)


def new_questionnaire(qtbot: Any, page: ListenersPage) -> QuestionnaireDialog:
    qtbot.mouseClick(page.teachers.new_button, LEFT)
    dialog = page.teachers.editor
    assert dialog is not None and dialog.isVisible()
    return dialog


def save(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)


def error(dialog: Any, key: str) -> str:
    label = dialog.errors[key]
    return label.text() if label.isVisible() else ""


# --- The questionnaire ---------------------------------------------------------------------------------------


def test_the_questionnaire_is_saved_and_found_by_a_kazakh_fragment(
    qtbot: Any, qtmodeltester: Any, page: ListenersPage, database: Database,
) -> None:
    iin = make_iin(date(1985, 3, 12), "female", 4321)
    dialog = new_questionnaire(qtbot, page)
    type_text(qtbot, dialog.surname, "Қайырбекова")
    type_text(qtbot, dialog.name, "Әйгерім")
    type_text(qtbot, dialog.iin, iin)
    assert dialog.iin_note.text().startswith("Valid IIN: born")
    assert "female" in dialog.iin_note.text()
    assert dialog.birth_date.date().year() == 1985  # filled from the IIN
    type_text(qtbot, dialog.position, "Мұғалім")
    type_text(qtbot, dialog.phone, "+7 701 123 45 67")
    type_text(qtbot, dialog.email, "aigerim@mektep.kz")
    dialog.category.setCurrentIndex(1)
    dialog.school.setCurrentIndex(1)
    row = dialog.courses.add_row()
    for column, text in enumerate(("Цифрлық сауаттылық", "Өрлеу", "01.02.2024", "12.02.2024", "72", "С-1")):
        dialog.courses.table.item(row, column).setText(text)
    with qtbot.waitSignal(page.context.data_changed, check_params_cb=lambda kind: kind == "teacher"):
        save(qtbot, dialog)
    assert not dialog.isVisible()
    with database.reading() as session:
        teacher = session.scalars(select(Teacher).where(Teacher.iin == iin)).one()
        assert teacher.birth_date == date(1985, 3, 12)
        assert [course.academic_hours for course in teacher.previous_courses] == [72]
    tab = page.teachers
    type_text(qtbot, tab.search, "ҚАЙЫРБЕК")
    qtbot.waitUntil(lambda: tab.model.text == "ҚАЙЫРБЕК")
    assert [row.iin for row in tab.model.rows] == [iin]
    qtmodeltester.check(tab.model)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.open_button, LEFT)
    opened = tab.editor
    assert opened is not None and opened.surname.text() == "Қайырбекова"
    assert opened.courses.table.rowCount() == 1
    assert "72" in opened.history.summary.text()
    qtmodeltester.check(opened.history.courses)
    qtmodeltester.check(opened.history.certificates)
    opened.reject()


def test_every_problem_is_shown_under_its_field(qtbot: Any, page: ListenersPage, database: Database) -> None:
    before = count(database, Teacher)
    dialog = new_questionnaire(qtbot, page)
    type_text(qtbot, dialog.name, "Айгүл")
    type_text(qtbot, dialog.iin, "850312400")
    assert "12 digits" in dialog.iin_note.text()
    type_text(qtbot, dialog.email, "aigul@")
    type_text(qtbot, dialog.phone, "12")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "12 digits" in error(dialog, "iin")
    assert error(dialog, "surname")
    assert error(dialog, "email")
    assert error(dialog, "phone")
    dialog.iin.clear()
    iin = make_iin(date(1985, 3, 12), "female", 77)
    type_text(qtbot, dialog.iin, iin)
    set_date(dialog.birth_date, date(1986, 3, 12))
    assert "does not match the IIN" in dialog.iin_note.text()
    save(qtbot, dialog)
    assert "does not match the IIN" in error(dialog, "birth_date")
    assert error(dialog, "iin") == ""
    assert count(database, Teacher) == before


# --- Cohort lists --------------------------------------------------------------------------------------------


def open_enrol(qtbot: Any, page: ListenersPage, cohort_id: int) -> EnrolDialog:
    tab = page.cohorts
    tab.select_cohort(cohort_id)
    qtbot.mouseClick(tab.buttons["enrol"], LEFT)
    dialog = tab.dialog
    assert isinstance(dialog, EnrolDialog) and dialog.isVisible()
    return dialog


def pick(qtbot: Any, dialog: EnrolDialog, iin: str) -> None:
    dialog.picker.search.setText(iin)
    dialog.picker.apply_filter()
    assert [row.iin for row in dialog.model.rows] == [iin]
    dialog.picker.table.selectRow(0)


def test_enrol_then_the_full_cohort_refuses(
    qtbot: Any, qtmodeltester: Any, page: ListenersPage, database: Database, cohort_id: int, messages: Messages,
) -> None:
    with database.transaction() as session:
        session.get(Cohort, cohort_id).capacity = 1  # type: ignore[union-attr]
        first, second = session.scalars(select(Teacher.iin).order_by(Teacher.id).limit(2)).all()
    page.tabs.setCurrentWidget(page.cohorts)
    dialog = open_enrol(qtbot, page, cohort_id)
    pick(qtbot, dialog, first)
    save(qtbot, dialog)
    assert not dialog.isVisible()
    tab = page.cohorts
    assert [row[1] for row in tab.model.rows] == [first]
    assert tab.places.text() == "Places taken: 1 of 1"
    qtmodeltester.check(tab.model)
    dialog = open_enrol(qtbot, page, cohort_id)
    pick(qtbot, dialog, second)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "is full" in dialog.general_error.text()
    assert [row[1] for row in tab.model.rows] == [first]
    with database.reading() as session:
        assert session.scalar(select(func.count(Enrolment.id)).where(Enrolment.cohort_id == cohort_id)) == 1
    dialog.reject()


# --- The application form ----------------------------------------------------------------------------------


def enrolled_listener(database: Database, status: EnrolmentStatus = EnrolmentStatus.IN_TRAINING,
                      *, abroad: bool = False) -> tuple[int, int]:
    """(cohort id, enrolment id) of a listener on a domestic (or abroad) programme's list."""
    with database.reading() as session:
        row = session.execute(
            select(Enrolment.cohort_id, Enrolment.id).join(Cohort).join(Programme)
            .where(Enrolment.status == status, Programme.abroad.is_(abroad))
            .order_by(Enrolment.id).limit(1)).one()
        return int(row[0]), int(row[1])


def open_application(qtbot: Any, page: ListenersPage, cohort_id: int, enrolment_id: int) -> ApplicationDialog:
    tab = page.cohorts
    page.tabs.setCurrentWidget(tab)
    tab.select_cohort(cohort_id)
    assert not tab.buttons["edit_application"].isEnabled()
    tab.table.selectRow(tab.model.ids.index(enrolment_id))
    assert tab.buttons["edit_application"].isEnabled()
    qtbot.mouseClick(tab.buttons["edit_application"], LEFT)
    dialog = tab.dialog
    assert isinstance(dialog, ApplicationDialog) and dialog.isVisible()
    return dialog


def test_the_referral_order_and_the_contract_are_saved(
    qtbot: Any, page: ListenersPage, database: Database,
) -> None:
    cohort_id, enrolment_id = enrolled_listener(database)
    dialog = open_application(qtbot, page, cohort_id, enrolment_id)
    dialog.referral_by.setCurrentIndex(dialog.referral_by.findData(ReferralBy.DEPARTMENT.value))
    dialog.referral_order_no.clear()
    type_text(qtbot, dialog.referral_order_no, "112-ж")
    set_date(dialog.referral_order_date, date(2026, 10, 1))
    dialog.contract_no.clear()
    type_text(qtbot, dialog.contract_no, "Д-77")
    set_date(dialog.contract_date, date(2026, 10, 5))
    dialog.contract_amount.clear()
    type_text(qtbot, dialog.contract_amount, "150 000,50")
    with qtbot.waitSignal(page.context.data_changed, check_params_cb=lambda kind: kind == "enrolment"):
        save(qtbot, dialog)
    assert not dialog.isVisible()
    with database.reading() as session:
        enrolment = session.get(Enrolment, enrolment_id)
        assert enrolment is not None
        assert enrolment.referral_by == ReferralBy.DEPARTMENT
        assert (enrolment.referral_order_no, enrolment.referral_order_date) == ("112-ж", date(2026, 10, 1))
        assert (enrolment.contract_no, enrolment.contract_date) == ("Д-77", date(2026, 10, 5))
        assert enrolment.contract_amount == Decimal("150000.50")
    row = page.cohorts.model.ids.index(enrolment_id)
    assert f"referral 112-ж of {show_date(date(2026, 10, 1))}" in page.cohorts.model.rows[row][5]


def test_a_number_without_a_date_is_shown_under_the_date(
    qtbot: Any, page: ListenersPage, database: Database,
) -> None:
    cohort_id, enrolment_id = enrolled_listener(database)
    with database.reading() as session:
        before = session.get(Enrolment, enrolment_id)
        assert before is not None
        contract = (before.contract_no, before.contract_date, before.updated_at)
    dialog = open_application(qtbot, page, cohort_id, enrolment_id)
    dialog.contract_no.clear()
    type_text(qtbot, dialog.contract_no, "Д-78")
    set_date(dialog.contract_date, None)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert error(dialog, "contract_date") == (
        "Contract (п.23): the number is given without a date. Enter the date as well.")
    assert error(dialog, "contract_no") == ""
    assert not dialog.general_error.isVisible()
    with database.reading() as session:
        after = session.get(Enrolment, enrolment_id)
        assert after is not None
        assert (after.contract_no, after.contract_date, after.updated_at) == contract
    dialog.reject()


def test_the_abroad_group_shows_only_for_a_programme_abroad(
    qtbot: Any, page: ListenersPage, database: Database,
) -> None:
    cohort_id, enrolment_id = enrolled_listener(database)
    dialog = open_application(qtbot, page, cohort_id, enrolment_id)
    assert dialog.abroad_group is not None and not dialog.abroad_group.isVisible()
    assert not dialog.errors["abroad_country"].isVisible()
    dialog.reject()
    cohort_id, enrolment_id = enrolled_listener(database, EnrolmentStatus.COMPLETED, abroad=True)
    dialog = open_application(qtbot, page, cohort_id, enrolment_id)
    assert dialog.abroad_group is not None and dialog.abroad_group.isVisible()
    assert dialog.abroad_country.text() and dialog.abroad_months.value() >= 1
    dialog.reject()


def test_the_open_enrol_dialog_follows_a_language_switch(
    qtbot: Any, page: ListenersPage, cohort_id: int, english_afterwards: None,
) -> None:
    dialog = open_enrol(qtbot, page, cohort_id)

    def texts() -> list[str]:
        return [dialog.windowTitle(), dialog.picker.search.placeholderText(),
                dialog.button_box.button(SAVE).text()]

    english = texts()
    assert english == ["Enrol a teacher", "Search by name or IIN…", "Enrol"]
    install_qt_translations(QApplication.instance(), "ru")  # type: ignore[arg-type]
    page.context.language_changed.emit("ru")
    now = texts()
    assert [pair for pair in zip(english, now, strict=True) if pair[0] == pair[1]] == []
    assert now == [i18n._("Enrol a teacher"), i18n._("Search by name or IIN…"), i18n._("Enrol")]
    dialog.reject()


# --- Import --------------------------------------------------------------------------------------------------


def department_list(folder: Path) -> tuple[Path, list[str]]:
    good = [make_iin(date(1990, 5, 1), "male", 11), make_iin(date(1992, 7, 9), "female", 12)]
    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]
    for row in (["Тыңдаушылар тізімі"], [],
                ["№", "ЖСН", "Тегі", "Аты", "Әкесінің аты", "Лауазымы", "Жұмыс орны"],
                [1, good[0], "Серікбаев", "Нұрлан", "Асқарұлы", "Мұғалім", "Жаңа мектеп-гимназия"],
                [2, "123", "Қате", "Жол", "", "Мұғалім", ""],
                [3, good[1], "Ахметова", "Дана", "", "Мұғалім", "Жаңа мектеп-гимназия"]):
        sheet.append(row)
    path = folder / "tizim.xlsx"
    workbook.save(path)
    return path, good


def open_import(qtbot: Any, page: ListenersPage, cohort_id: int, path: Path,
                monkeypatch: pytest.MonkeyPatch) -> ListenerImportDialog:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(path), ""))
    page.cohorts.select_cohort(cohort_id)
    qtbot.mouseClick(page.cohorts.buttons["import"], LEFT)
    dialog = page.cohorts.dialog
    assert isinstance(dialog, ListenerImportDialog)
    qtbot.mouseClick(dialog.choose, LEFT)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    return dialog


def test_import_with_preview_shows_the_bad_row_and_enrols_the_good_ones(
    qtbot: Any, qtmodeltester: Any, page: ListenersPage, database: Database, cohort_id: int, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, good = department_list(tmp_path)
    dialog = open_import(qtbot, page, cohort_id, path, monkeypatch)
    problems = dialog.models["problems"].rows
    assert [row[0] for row in problems] == ["5"]
    assert "B" in [row[1] for row in problems]
    assert dialog.tabs.currentWidget() is dialog.views["problems"]
    assert [row[1] for row in dialog.models["rows"].rows] == good
    assert all(row[3] == "new" for row in dialog.models["rows"].rows)
    assert any(row[0] == "B" for row in dialog.models["columns"].rows)
    for model in dialog.models.values():
        qtmodeltester.check(model)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(page.context.data_changed, check_params_cb=lambda kind: kind == "cohort", timeout=10_000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert dialog.result_counts is not None
    assert (dialog.result_counts.imported, dialog.result_counts.teachers_added) == (2, 2)
    assert dialog.outcome.text().startswith("Imported. Listeners enrolled: 2")
    assert sorted(row[1] for row in page.cohorts.model.rows) == sorted(good)


def test_cancelling_the_import_changes_nothing(
    qtbot: Any, page: ListenersPage, database: Database, cohort_id: int, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, _good = department_list(tmp_path)
    teachers, enrolments = count(database, Teacher), count(database, Enrolment)
    dialog = open_import(qtbot, page, cohort_id, path, monkeypatch)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), LEFT)
    assert not dialog.isVisible()
    assert (count(database, Teacher), count(database, Enrolment)) == (teachers, enrolments)
    assert page.cohorts.model.rows == []


# --- Printing ------------------------------------------------------------------------------------------------


def test_a_blank_questionnaire_is_printed_to_a_pdf(
    qtbot: Any, page: ListenersPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: Messages,
) -> None:
    target = tmp_path / "blank.pdf"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_args, **_kw: ("Kazakh", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), ""))
    shown = messages.shown
    qtbot.mouseClick(page.teachers.print_blank, LEFT)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in shown[0]
