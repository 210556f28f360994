"""The Schedule section (Кесте / График) driven like a user: cohorts, their timetable, agreeing and
reopening (п.13), the list deadline (п.12), the month calendar, export and the runtime language switch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from babel.support import NullTranslations
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QWidget
from sqlalchemy import select

from pedesk import i18n
from pedesk.models import (
    Cohort,
)
from pedesk.models.database import Database
from pedesk.models.enums import ScheduleStatus
from pedesk.services.schedule import cohorts as schedule
from pedesk.services.schedule.cohort_queries import CohortPhase
from pedesk.services.schedule.cohorts import CohortData, SessionData
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.main_window import MainWindow
from pedesk.ui.schedule.cohorts import DEADLINE_COLUMN
from pedesk.ui.schedule.dialogs import AgreeDialog, ReopenDialog, SessionDialog
from pedesk.ui.schedule.editor import CohortEditor
from pedesk.ui.schedule.export import FOLDER_KEY, ExportDialog
from pedesk.ui.schedule.page import SchedulePage
from pedesk.ui.window_settings import window_settings
from tests.builders import ScheduleWorld as World
from tests.builders import schedule_world
from tests.ui.conftest import Messages, show

TODAY = date(2026, 3, 3)
SAVE = QDialogButtonBox.StandardButton.Save
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def world(database: Database) -> World:
    with database.transaction() as session:
        return schedule_world(session)


def _cohort(database: Database, world: World, code: str, start: date = date(2026, 3, 2),
            end: date = date(2026, 3, 13), programme: int | None = None) -> int:
    data = CohortData(code=code, programme_id=programme or world.kazakh, provider_id=world.provider,
                      start_date=start, end_date=end, language="kk", capacity=25, location="Қарағанды",
                      trainer_ids=(world.trainer_a,))
    with database.transaction() as session:
        return schedule.save_cohort(session, data).id


def _session(database: Database, cohort_id: int, day: date, start: time, hours: int, trainer: int | None) -> None:
    with database.transaction() as session:
        schedule.add_session(session, cohort_id, SessionData(day, start, hours, "Кіріспе", trainer, "204"))


@pytest.fixture(autouse=True)
def messages(messages: Messages) -> Messages:
    messages.answer = QMessageBox.StandardButton.Yes
    return messages


@pytest.fixture
def context(database: Database) -> Iterator[AppContext]:
    context = AppContext(database, today=lambda: TODAY)
    yield context
    context.runner.wait(10_000)


@pytest.fixture
def page(qtbot: Any, context: AppContext, world: World) -> SchedulePage:
    return show(qtbot, SchedulePage(context))


def _codes(page: SchedulePage) -> list[str]:
    model = page.cohorts.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def _open(qtbot: Any, page: SchedulePage, cohort_id: int) -> CohortEditor:
    page.show_cohort(cohort_id)
    editor = page.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    return editor


def _type(qtbot: Any, widget: Any, text: str) -> None:
    """Type into a field. QTest can only send ASCII keys (Qt asserts on others), so Kazakh and Russian
    text is inserted at the cursor, as an input method would."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif hasattr(widget, "insertPlainText"):
        widget.insertPlainText(text)
    else:
        widget.insert(text)


def _choose(combo: Any, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


# --- Cohorts ------------------------------------------------------------------------------------------------


def test_a_cohort_created_in_the_editor_appears_in_the_list(qtbot: Any, page: SchedulePage, world: World,
                                                           database: Database, qtmodeltester: Any) -> None:
    qtbot.mouseClick(page.cohorts.new_button, LEFT)
    editor = page.editor
    assert isinstance(editor, CohortEditor)
    assert not editor.panel.body.isVisible()  # the timetable waits for the first save
    _type(qtbot, editor.code, "2026-010")
    _choose(editor.programme, world.kazakh)
    _choose(editor.provider, world.provider)
    editor.start.setDate(editor.start.date().fromString("2026-04-06", "yyyy-MM-dd"))
    editor.end.setDate(editor.end.date().fromString("2026-04-10", "yyyy-MM-dd"))
    _type(qtbot, editor.location, "Қарағанды, Ерубаев 20")
    editor.trainers.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(editor.button_box.button(SAVE), LEFT)
    assert editor.notice.isVisible() and editor.notice.text() == "The cohort is saved."
    assert editor.panel.body.isVisible() and editor.windowTitle() == "Cohort 2026-010"
    assert "2026-010" in _codes(page)
    qtmodeltester.check(page.cohorts.model)
    with database.reading() as session:
        cohort = session.scalars(select(Cohort).where(Cohort.code == "2026-010")).one()
        assert (cohort.start_date, cohort.end_date, cohort.location) == (date(2026, 4, 6), date(2026, 4, 10),
                                                                         "Қарағанды, Ерубаев 20")
        assert [link.trainer_id for link in cohort.trainers] == [world.trainer_a]


def test_each_problem_is_shown_under_its_field(qtbot: Any, page: SchedulePage, world: World,
                                               database: Database) -> None:
    qtbot.mouseClick(page.cohorts.new_button, LEFT)
    editor = page.editor
    assert editor is not None
    _choose(editor.programme, world.kazakh)
    editor.start.setDate(editor.start.date().fromString("2026-04-10", "yyyy-MM-dd"))
    editor.end.setDate(editor.end.date().fromString("2026-04-06", "yyyy-MM-dd"))
    qtbot.mouseClick(editor.button_box.button(SAVE), LEFT)
    assert editor.errors["code"].isVisible()
    assert editor.errors["code"].text().startswith("Cohort code: enter the cohort's code")
    assert editor.errors["end_date"].isVisible()
    assert "is before the start date" in editor.errors["end_date"].text()
    assert not editor.errors["programme_id"].isVisible()
    assert editor.isVisible() and not editor.panel.body.isVisible()
    _type(qtbot, editor.code, "2026-011")
    editor.end.setDate(editor.start.date())
    qtbot.mouseClick(editor.button_box.button(SAVE), LEFT)
    assert not editor.errors["code"].isVisible() and not editor.errors["end_date"].isVisible()
    with database.reading() as session:
        assert session.scalars(select(Cohort.code)).all() == ["2026-011"]


def test_phase_filter_search_and_the_overdue_list_flag(qtbot: Any, page: SchedulePage, world: World,
                                                       database: Database, qtmodeltester: Any) -> None:
    _cohort(database, world, "2026-001", date(2026, 3, 2), date(2026, 3, 13))  # running, list overdue
    _cohort(database, world, "2026-002", date(2026, 6, 1), date(2026, 6, 5), world.maths)  # upcoming
    _cohort(database, world, "2025-009", date(2025, 11, 3), date(2025, 11, 7))  # finished
    page.cohorts.model.refresh()
    assert _codes(page) == ["2026-002", "2026-001", "2025-009"]
    model = page.cohorts.model
    overdue = model.index(1, DEADLINE_COLUMN)
    assert "not formed" in model.data(overdue)
    assert model.data(overdue, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, DEADLINE_COLUMN), Qt.ItemDataRole.ForegroundRole) is None
    qtmodeltester.check(model)
    _choose(page.cohorts.phase, CohortPhase.UPCOMING.value)
    assert _codes(page) == ["2026-002"]
    page.cohorts.phase.setCurrentIndex(0)
    _type(qtbot, page.cohorts.search, "математ")
    qtbot.waitUntil(lambda: _codes(page) == ["2026-002"])
    page.cohorts.search.clear()
    qtbot.waitUntil(lambda: len(_codes(page)) == 3)


def test_open_button_and_double_click_open_the_cohort(qtbot: Any, page: SchedulePage, world: World,
                                                     database: Database) -> None:
    cohort_id = _cohort(database, world, "2026-001")
    page.cohorts.model.refresh()
    assert not page.cohorts.open_button.isEnabled()
    page.cohorts.table.selectRow(0)
    assert page.cohorts.open_button.isEnabled()
    qtbot.mouseClick(page.cohorts.open_button, LEFT)
    assert page.editor is not None and page.editor.cohort_id == cohort_id
    assert page.editor.code.text() == "2026-001"
    page.editor.close()
    assert page.editor is None


# --- Timetable ----------------------------------------------------------------------------------------------


def _add_session(qtbot: Any, editor: CohortEditor, day: str, start: str, hours: int, topic: str,
                 trainer: int | None) -> SessionDialog:
    qtbot.mouseClick(editor.panel.add_button, LEFT)
    dialog = editor.panel.dialog
    assert isinstance(dialog, SessionDialog)
    dialog.day.setDate(dialog.day.date().fromString(day, "yyyy-MM-dd"))
    dialog.start_time.setTime(dialog.start_time.time().fromString(start, "HH:mm"))
    dialog.hours.setValue(hours)
    _type(qtbot, dialog.topic, topic)
    _choose(dialog.trainer, trainer)
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    return dialog


def test_sessions_change_the_hours_summary(qtbot: Any, page: SchedulePage, world: World, database: Database,
                                           qtmodeltester: Any) -> None:
    editor = _open(qtbot, page, _cohort(database, world, "2026-001"))
    panel = editor.panel
    assert "0 planned, 36 in the programme" in panel.hours_label.text()
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    _add_session(qtbot, editor, "2026-03-02", "09:00", 4, "Кіріспе", world.trainer_a)
    assert "4 planned, 36 in the programme" in panel.hours_label.text()
    assert "32 fewer than the 36" in panel.hours_label.text()
    _add_session(qtbot, editor, "2026-03-03", "09:00", 6, "Әдістеме", None)
    assert "10 planned" in panel.hours_label.text()
    assert panel.model.rowCount() == 2
    assert panel.model.data(panel.model.index(0, 1)) == "09:00–12:00"
    assert panel.model.data(panel.model.index(0, 4)) == "Әлібеков Ерлан"
    qtmodeltester.check(panel.model)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.edit_button, LEFT)
    dialog = panel.dialog
    assert isinstance(dialog, SessionDialog) and dialog.topic.text() == "Кіріспе"
    dialog.hours.setValue(2)
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert "8 planned" in panel.hours_label.text()
    assert panel.model.data(panel.model.index(0, 1)) == "09:00–10:30"
    panel.table.selectRow(1)
    qtbot.mouseClick(panel.delete_button, LEFT)
    assert panel.model.rowCount() == 1 and "2 planned" in panel.hours_label.text()


def test_a_session_problem_is_shown_under_its_field(qtbot: Any, page: SchedulePage, world: World,
                                                    database: Database) -> None:
    editor = _open(qtbot, page, _cohort(database, world, "2026-001"))
    dialog = _add_session(qtbot, editor, "2026-03-02", "22:00", 4, "Кеш", None)
    assert dialog.isVisible()
    assert "would end after midnight" in dialog.errors["start_time"].text()
    assert "(after midnight)" in dialog.ends.text()
    dialog.start_time.setTime(dialog.start_time.time().fromString("14:00", "HH:mm"))
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert editor.panel.model.rowCount() == 1


def test_a_trainer_booked_in_two_cohorts_is_flagged(qtbot: Any, page: SchedulePage, world: World,
                                                   database: Database) -> None:
    first = _cohort(database, world, "2026-001")
    second = _cohort(database, world, "2026-002", programme=world.maths)
    _session(database, second, date(2026, 3, 4), time(10, 0), 4, world.trainer_a)
    editor = _open(qtbot, page, first)
    panel = editor.panel
    assert not panel.conflicts_label.isVisible()
    _add_session(qtbot, editor, "2026-03-04", "09:00", 4, "Әдістеме", world.trainer_a)
    assert panel.conflicts_label.isVisible()
    assert "Әлібеков Ерлан is booked twice" in panel.conflicts_label.text()
    index = panel.model.index(0, 3)
    assert panel.model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert "cohort 2026-002 at 10:00–13:00" in panel.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert panel.model.data(panel.model.index(0, 0), Qt.ItemDataRole.DecorationRole) is not None


def _full_timetable(database: Database, cohort_id: int) -> None:
    for day in range(2, 8):
        _session(database, cohort_id, date(2026, 3, day), time(9, 0), 6, None)


def test_agree_locks_the_sessions_and_reopen_requires_a_reason(qtbot: Any, page: SchedulePage, world: World,
                                                               database: Database) -> None:
    cohort_id = _cohort(database, world, "2026-001")
    _full_timetable(database, cohort_id)
    editor = _open(qtbot, page, cohort_id)
    panel = editor.panel
    assert panel.add_button.isEnabled() and not panel.reopen_button.isEnabled()
    qtbot.mouseClick(panel.agree_button, LEFT)
    agree = panel.dialog
    assert isinstance(agree, AgreeDialog)
    _type(qtbot, agree.agreed_with, "Білім басқармасы")
    qtbot.mouseClick(agree.button_box.button(SAVE), LEFT)
    assert panel.state is not None and panel.state.agreed
    assert "agreed on" in panel.status_label.text() and "Білім басқармасы" in panel.status_label.text()
    assert not panel.add_button.isEnabled()
    assert not editor.start.isEnabled() and not editor.programme.isEnabled() and editor.capacity.isEnabled()
    panel.table.selectRow(0)
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    assert panel.lock_note.isVisible() and "Reopen it with a reason" in panel.lock_note.text()
    assert "agreed on" in page.cohorts.model.data(page.cohorts.model.index(0, 5))

    qtbot.mouseClick(panel.reopen_button, LEFT)
    reopen = panel.dialog
    assert isinstance(reopen, ReopenDialog)
    qtbot.mouseClick(reopen.button_box.button(SAVE), LEFT)
    assert reopen.isVisible() and reopen.errors["reason"].text().startswith("Reason: say why")
    with database.reading() as session:
        assert session.get(Cohort, cohort_id).schedule_status == ScheduleStatus.AGREED  # type: ignore[union-attr]
    _type(qtbot, reopen.reason, "Тренер ауырып қалды")
    qtbot.mouseClick(reopen.button_box.button(SAVE), LEFT)
    assert panel.state is not None and not panel.state.agreed
    assert panel.add_button.isEnabled() and not panel.lock_note.isVisible() and editor.start.isEnabled()
    with database.reading() as session:
        reopened = session.get(Cohort, cohort_id)
        assert reopened is not None and "Тренер ауырып қалды" in reopened.reopen_reason


def test_agreeing_an_incomplete_timetable_shows_the_refusal(qtbot: Any, page: SchedulePage, world: World,
                                                           database: Database) -> None:
    cohort_id = _cohort(database, world, "2026-001")
    _session(database, cohort_id, date(2026, 3, 2), time(9, 0), 4, None)
    editor = _open(qtbot, page, cohort_id)
    qtbot.mouseClick(editor.panel.agree_button, LEFT)
    agree = editor.panel.dialog
    assert isinstance(agree, AgreeDialog)
    qtbot.mouseClick(agree.button_box.button(SAVE), LEFT)
    assert agree.isVisible()
    assert "cannot be agreed yet" in agree.general_error.text()
    assert agree.errors["agreed_with"].text().startswith("Agreed with:")


def test_mark_list_formed(qtbot: Any, page: SchedulePage, world: World, database: Database,
                          messages: Messages) -> None:
    editor = _open(qtbot, page, _cohort(database, world, "2026-020", date(2026, 5, 4), date(2026, 5, 8)))
    panel = editor.panel
    assert "due by May 4, 2026 (п.12)" not in panel.list_label.text()
    assert "due by Mar 4, 2026; not formed yet" in panel.list_label.text()
    qtbot.mouseClick(panel.list_button, LEFT)
    assert "formed on Mar 3, 2026" in panel.list_label.text() and not panel.list_button.isEnabled()
    assert "(formed)" in page.cohorts.model.data(page.cohorts.model.index(0, DEADLINE_COLUMN))
    editor.close()
    started = _open(qtbot, page, _cohort(database, world, "2026-001"))  # began yesterday
    qtbot.mouseClick(started.panel.list_button, LEFT)
    assert "is after the course starts" in messages.shown[-1]
    assert "not formed yet" in started.panel.list_label.text()


def test_closing_with_unsaved_changes_asks(qtbot: Any, page: SchedulePage, world: World, database: Database,
                                          messages: Messages) -> None:
    editor = _open(qtbot, page, _cohort(database, world, "2026-001"))
    _type(qtbot, editor.location, ", 2 қабат")
    messages.answer = QMessageBox.StandardButton.No
    editor.close()
    assert editor.isVisible() and messages.shown[-1].startswith("The cohort has unsaved changes")
    messages.answer = QMessageBox.StandardButton.Yes
    editor.close()
    assert page.editor is None


def test_opening_another_cohort_replaces_the_editor(qtbot: Any, page: SchedulePage, world: World,
                                                    database: Database, messages: Messages) -> None:
    first = _open(qtbot, page, _cohort(database, world, "2026-001"))
    second_id = _cohort(database, world, "2026-002")
    qtbot.keyClicks(first.code, "a")
    messages.answer = QMessageBox.StandardButton.No  # keep the unsaved change
    assert page.open_cohort_editor(second_id) is first and first.isVisible()
    messages.answer = QMessageBox.StandardButton.Yes
    second = page.open_cohort_editor(second_id)
    assert second is not None and second is page.editor and second.cohort_id == second_id
    assert not first.isVisible()
    assert page.open_cohort_editor(second_id) is second


def test_the_main_window_opens_a_cohort_in_the_schedule(qtbot: Any, context: AppContext, world: World,
                                                       database: Database) -> None:
    cohort_id = _cohort(database, world, "2026-001")
    window = MainWindow(context, factories={"schedule": SchedulePage})
    qtbot.addWidget(window)
    window._open_cohort(cohort_id)
    page = window.pages["schedule"]
    assert isinstance(page, SchedulePage)
    assert page.tabs.currentWidget() is page.cohorts
    assert page.editor is not None and page.editor.cohort_id == cohort_id


# --- Calendar -----------------------------------------------------------------------------------------------


def test_the_calendar_shows_a_cohort_in_its_month_and_navigates(qtbot: Any, page: SchedulePage, world: World,
                                                               database: Database, qtmodeltester: Any) -> None:
    cohort_id = _cohort(database, world, "2026-001", date(2026, 3, 2), date(2026, 3, 6))
    page.tabs.setCurrentWidget(page.calendar)
    calendar = page.calendar
    model = calendar.model
    assert "March 2026" in calendar.title.text()
    assert model.rowCount() == 1 and model.columnCount() == 32
    assert model.data(model.index(0, 0)).startswith("2026-001")
    assert model.data(model.index(0, 2), Qt.ItemDataRole.BackgroundRole) is not None  # 2 March, in the bar
    assert model.data(model.index(0, 9), Qt.ItemDataRole.BackgroundRole) is None  # Monday 9 March, free
    assert model.data(model.index(0, 7), Qt.ItemDataRole.BackgroundRole) is not None  # Saturday, shaded
    assert "Enrolled: 0 of 25 places" in model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole) is not None  # today
    qtmodeltester.check(model)
    qtbot.mouseClick(calendar.next_button, LEFT)
    assert "April 2026" in calendar.title.text() and model.rowCount() == 0 and model.columnCount() == 31
    assert calendar.empty.isVisible()
    qtbot.mouseClick(calendar.previous_button, LEFT)
    qtbot.mouseClick(calendar.previous_button, LEFT)
    assert "February 2026" in calendar.title.text() and model.rowCount() == 0
    qtbot.mouseClick(calendar.today_button, LEFT)
    assert "March 2026" in calendar.title.text() and model.rowCount() == 1
    rect = calendar.table.visualRect(model.index(0, 3))
    qtbot.mouseClick(calendar.table.viewport(), LEFT, pos=rect.center())  # a double-click starts with a press
    qtbot.mouseDClick(calendar.table.viewport(), LEFT, pos=rect.center())
    assert page.tabs.currentWidget() is page.calendar
    assert page.editor is not None and page.editor.cohort_id == cohort_id


def test_the_list_deadline_is_marked_in_the_calendar(page: SchedulePage, world: World,
                                                     database: Database) -> None:
    _cohort(database, world, "2026-050", date(2026, 5, 4), date(2026, 5, 8))  # list due 4 March
    page.calendar.model.refresh()
    model = page.calendar.model
    assert model.data(model.index(0, 4)) == "⚑"
    assert "due by" in model.data(model.index(0, 4), Qt.ItemDataRole.ToolTipRole)


# --- Export -------------------------------------------------------------------------------------------------


def _export(qtbot: Any, page: SchedulePage, monkeypatch: pytest.MonkeyPatch, target: Path,
            suffix: str) -> ExportDialog:
    asked: list[str] = []

    def save_name(_parent: QWidget, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        asked.append(proposed)
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    qtbot.mouseClick(page.cohorts.export_button, LEFT)
    dialog = page.exporter.dialog
    assert isinstance(dialog, ExportDialog)
    assert (dialog.request().start, dialog.request().end) == (date(2026, 1, 1), date(2026, 6, 30))
    _choose(dialog.format, suffix)
    _choose(dialog.language, "ru")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert asked and asked[0].endswith(f"график_2026-01-01_2026-06-30.{suffix}")
    return dialog


def test_export_writes_an_xlsx_through_the_runner(qtbot: Any, page: SchedulePage, world: World,
                                                  database: Database, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch, messages: Messages) -> None:
    cohort_id = _cohort(database, world, "2026-001")
    _session(database, cohort_id, date(2026, 3, 2), time(9, 0), 4, world.trainer_a)
    target = tmp_path / "out" / "schedule.xlsx"
    target.parent.mkdir()
    _export(qtbot, page, monkeypatch, target, "xlsx")
    qtbot.waitUntil(lambda: any("was saved to" in text for text in messages.shown), timeout=10_000)
    assert str(target) in messages.shown[-1]
    sheet: Any = openpyxl.load_workbook(target).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "2026-001" in cells and "Методика преподавания казахского языка" in cells
    assert window_settings().value(FOLDER_KEY) == str(target.parent)


def test_export_writes_a_pdf(qtbot: Any, page: SchedulePage, world: World, database: Database, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch, messages: Messages) -> None:
    _cohort(database, world, "2026-001")
    target = tmp_path / "schedule"  # the suffix is added when the user leaves it out
    _export(qtbot, page, monkeypatch, target, "pdf")
    qtbot.waitUntil(lambda: any("was saved to" in text for text in messages.shown), timeout=10_000)
    assert (tmp_path / "schedule.pdf").read_bytes().startswith(b"%PDF")


def test_export_refusal_is_shown(qtbot: Any, page: SchedulePage, world: World, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch, messages: Messages) -> None:
    _export(qtbot, page, monkeypatch, tmp_path / "empty.xlsx", "xlsx")
    qtbot.waitUntil(lambda: any("No cohorts of the office" in text for text in messages.shown), timeout=10_000)
    assert not (tmp_path / "empty.xlsx").exists()


def test_the_export_dialog_checks_the_period(qtbot: Any, page: SchedulePage) -> None:
    qtbot.mouseClick(page.cohorts.export_button, LEFT)
    dialog = page.exporter.dialog
    assert isinstance(dialog, ExportDialog)
    qtbot.mouseClick(dialog.six_months_button, LEFT)
    assert (dialog.request().start, dialog.request().end) == (TODAY, date(2026, 9, 3))
    dialog.end.setDate(dialog.start.date().addDays(-1))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert dialog.isVisible() and dialog.error.isVisible()
    dialog.reject()


# --- Languages ----------------------------------------------------------------------------------------------


class _Marked(NullTranslations):
    """A stand-in catalogue that marks every string, so that any label left untranslated shows."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"


def test_switching_the_language_retranslates_the_open_page(qtbot: Any, page: SchedulePage, world: World,
                                                           database: Database, context: AppContext,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    heading = page.heading.text()
    install_qt_translations(app, "ru")
    context.language_changed.emit("ru")
    assert page.heading.text() != heading and "График" in page.heading.text()
    install_qt_translations(app, "en")
    context.language_changed.emit("en")
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == before == ["Cohorts", "Calendar", "Programmes"]

    editor = _open(qtbot, page, _cohort(database, world, "2026-001"))
    monkeypatch.setattr(i18n, "_translations", lambda _lang: _Marked())
    context.language_changed.emit("kk")
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["«Cohorts»", "«Calendar»", "«Programmes»"]
    assert page.cohorts.new_button.text() == "«New cohort…»"
    assert page.cohorts.phase.itemText(0) == "«All cohorts»"
    assert page.cohorts.model.headerData(0, Qt.Orientation.Horizontal) == "«Code»"
    assert page.calendar.next_button.text() == "«Next ▶»"
    label = editor.field_label("code")
    assert label is not None and label.text() == "«Cohort code»"
    assert editor.panel.add_button.text() == "«Add session…»"
    assert editor.panel.model.headerData(0, Qt.Orientation.Horizontal) == "«Day»"
    assert editor.panel.status_label.text().startswith("«Schedule status (п.13): «draft»")
    qtbot.mouseClick(page.cohorts.export_button, LEFT)
    assert page.exporter.dialog is not None and page.exporter.dialog.format.itemText(1) == "«PDF document (.pdf)»"
    context.language_changed.emit("kk")
    assert page.exporter.dialog.windowTitle() == "«Export the schedule»"


def test_the_editor_shows_programme_titles_in_the_new_language(qtbot: Any, page: SchedulePage, world: World,
                                                               database: Database, context: AppContext) -> None:
    editor = _open(qtbot, page, _cohort(database, world, "2026-001"))
    assert "Методика преподавания казахского языка" in editor.programme.currentText()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_qt_translations(app, "kk")
    try:
        context.language_changed.emit("kk")
        assert "Қазақ тілін оқыту әдістемесі" in editor.programme.currentText()
        assert editor.programme.currentData() == world.kazakh and not editor.has_changes()
        assert "Қазақ тілін оқыту әдістемесі" in _codes_and_titles(page)
    finally:
        install_qt_translations(app, "en")


def _codes_and_titles(page: SchedulePage) -> str:
    model = page.cohorts.model
    return " ".join(str(model.data(model.index(row, column))) for row in range(model.rowCount())
                    for column in (0, 1))


def test_a_cohort_deleted_meanwhile_is_reported(page: SchedulePage, messages: Messages) -> None:
    assert page.open_cohort_editor(9999) is None
    assert messages.shown[-1].startswith("The cohort was not found")
