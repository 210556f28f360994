"""The Post-course section (п.35-37) driven like a user: the worklist of this month and the overdue, a work added
through the form (a refusal under the date first), a monitoring visit recorded, and the worklist shrinking."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from pedesk.models.database import Database
from pedesk.services.support.records import MonitoringData, WorkData, record_monitoring, record_work
from pedesk.ui.context import AppContext
from pedesk.ui.post_course.columns import OVERDUE_COLOUR
from pedesk.ui.post_course.dialogs import MonitoringDialog, WorkDialog
from pedesk.ui.post_course.page import PostCoursePage
from pedesk.ui.widgets.forms import FormDialog
from pedesk.ui.widgets.records import set_date
from tests.services.support.test_support import USER, World
from tests.services.support.test_support import world as world  # noqa: F401 - the fixture
from tests.ui.conftest import settle, show
from tests.ui.keys import type_text

TODAY = date(2027, 11, 10)  # works of the 30 October 2026 course overdue; year 1 monitoring due 25 November
SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def context(database: Database, world: World) -> Iterator[AppContext]:  # noqa: F811
    context = AppContext(database, today=lambda: TODAY)
    context.user = USER
    yield context
    context.runner.wait(20_000)


@pytest.fixture
def page(qtbot: Any, context: AppContext) -> PostCoursePage:
    page = show(qtbot, PostCoursePage(context), 1400, 820)
    settle(qtbot, context)  # the lists are read in the background
    return page


def _answer(monkeypatch: pytest.MonkeyPatch, fills: list[Callable[[Any], None]]) -> None:
    """The next dialog is shown as a user would use it: each fill in turn, then Save (a refusal keeps it open)."""

    def exec_dialog(dialog: FormDialog) -> int:
        for fill in fills:
            fill(dialog)
            dialog.button_box.button(SAVE).click()
        return int(dialog.result())

    for cls in (WorkDialog, MonitoringDialog):
        monkeypatch.setattr(cls, "exec", exec_dialog)


def _select(page: PostCoursePage, certificate_id: int) -> None:
    model = page.listeners.model
    row = next(i for i, r in enumerate(model.rows) if r.id == certificate_id)
    page.listeners.table.setCurrentIndex(model.index(row, 0))


def test_record_a_work_and_a_visit_and_see_the_worklist_change(
        qtbot: Any, page: PostCoursePage, database: Database, world: World,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    regular, second = world.certificates["regular"], world.certificates["second"]
    assert ("works", date(2027, 10, 30), True) in page.worklist_dates()
    worklist = {(r.certificate_id, r.kind) for r in page.worklist.model.rows}
    assert worklist == {(regular, "works"), (second, "works"), (regular, "monitoring"), (second, "monitoring")}
    assert "abroad" not in str([r.certificate for r in page.worklist.model.rows])
    first = page.worklist.model.index(0, 0)
    assert page.worklist.model.data(first, Qt.ItemDataRole.ForegroundRole) == QColor(OVERDUE_COLOUR)
    with database.transaction(USER) as session:
        for held in (date(2026, 12, 1), date(2027, 2, 1)):
            record_work(session, regular, WorkData("independent_work", held, "Ашық сабақ"), today=TODAY)

    def too_early(dialog: WorkDialog) -> None:
        set_date(dialog.held_on, date(2026, 10, 1))
        type_text(qtbot, dialog.title, "Шеберлік сынып")

    def fixed(dialog: WorkDialog) -> None:
        assert "before the course ended" in dialog.errors["held_on"].text()
        set_date(dialog.held_on, date(2027, 5, 12))

    _answer(monkeypatch, [too_early, fixed])
    _select(page, regular)
    assert page.detail.certificate_id == regular
    page.detail.add_work_button.click()
    settle(qtbot, page.context)
    assert (regular, "works") not in {(r.certificate_id, r.kind) for r in page.worklist.model.rows}
    assert page.detail.works.rowCount() == 3

    def visit(dialog: MonitoringDialog) -> None:
        set_date(dialog.done_on, date(2027, 11, 5))
        type_text(qtbot, dialog.method, "Сабаққа қатысу")
        type_text(qtbot, dialog.done_by, "Омарова А.")
        dialog.result_box.setCurrentIndex(1)

    _answer(monkeypatch, [visit])
    page.detail.monitoring.setCurrentCell(0, 0)
    page.detail.visit_button.click()
    settle(qtbot, page.context)
    assert {(r.certificate_id, r.kind) for r in page.worklist.model.rows} == {
        (second, "works"), (second, "monitoring")}
    done = page.detail.monitoring.item(0, 2)
    assert done is not None and done.text() == "Nov 5, 2027"
    assert "(2)" in page.tabs.tabText(1)
    page.grab().save("/tmp/post_course_listeners_en.png")
    page.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    page.grab().save("/tmp/post_course_en.png")


def _page_on(qtbot: Any, database: Database, today: date) -> PostCoursePage:
    context = AppContext(database, today=lambda: today)
    context.user = USER
    page = show(qtbot, PostCoursePage(context), 1400, 820)
    settle(qtbot, context)
    return page


def test_the_final_analysis_after_the_three_visits(
        qtbot: Any, database: Database, world: World, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    regular = world.certificates["regular"]
    page = _page_on(qtbot, database, date(2029, 12, 20))
    _select(page, regular)
    assert not page.detail.final_button.isEnabled() and "1, 2, 3" in page.detail.final_button.toolTip()
    assert page.detail.monitoring.rowCount() == 4 and page.detail.monitoring.item(3, 0).text() == "final analysis"
    with database.transaction(USER) as session:
        for year_no, visit in enumerate((date(2027, 11, 30), date(2028, 11, 28), date(2029, 12, 1)), 1):
            record_monitoring(session, regular, year_no, MonitoringData(visit, "Сабаққа қатысу", "Омарова А.", "",
                                                                        "positive"), today=date(2029, 12, 20))
    page.context.changed("support")
    settle(qtbot, page.context)
    assert page.detail.final_button.isEnabled()
    assert (regular, "monitoring", 0) in {(r.certificate_id, r.kind, r.year_no) for r in page.worklist.model.rows}

    def analysis(dialog: MonitoringDialog) -> None:
        assert dialog.windowTitle() == "Final analysis after three years of monitoring"
        set_date(dialog.done_on, date(2029, 12, 15))
        type_text(qtbot, dialog.done_by, "Омарова А.")
        dialog.findings.setPlainText("Үш жылда сабақ жоспарлауы өзгерді")
        dialog.result_box.setCurrentIndex(1)

    _answer(monkeypatch, [analysis])
    page.detail.final_button.click()
    settle(qtbot, page.context)
    final = page.detail.monitoring.item(3, 2)
    assert final is not None and final.text() == "Dec 15, 2029"
    assert (regular, "monitoring", 0) not in {(r.certificate_id, r.kind, r.year_no) for r in page.worklist.model.rows}
    row = next(r for r in page.listeners.model.rows if r.id == regular)
    assert row.final_done and page.listeners.model.data(
        page.listeners.model.index(page.listeners.model.rows.index(row), 6)) == "3 / 3 + analysis"


def test_the_worklist_opens_the_listener_selected_in_the_list(
        qtbot: Any, page: PostCoursePage, world: World) -> None:  # noqa: F811
    second = world.certificates["second"]
    row = next(i for i, item in enumerate(page.worklist.model.rows) if item.certificate_id == second)
    page.tabs.setCurrentIndex(1)
    page.worklist.table.doubleClicked.emit(page.worklist.model.index(row, 0))
    settle(qtbot, page.context)
    assert page.tabs.currentIndex() == 0 and page.detail.certificate_id == second
    assert page.listeners.selected_id() == second and page.listeners.model.rowCount() == 1
    assert page.listeners.search.text() == page.listeners.model.rows[0].number


def test_certificates_running_out_and_teachers_under_36_hours(
        qtbot: Any, database: Database, world: World) -> None:  # noqa: F811
    page = _page_on(qtbot, database, date(2031, 9, 1))
    expiring = page.rows_of("expiring")
    assert {row.id for row in expiring} == {world.certificates[k] for k in ("regular", "second", "abroad")}
    assert page.tabs.tabText(2) == "Certificates running out (3)"
    model = page.expiring.model
    assert model.data(model.index(0, 0)) == "Nov 25, 2031" and model.data(model.index(0, 1)) == "85 days"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == QColor(OVERDUE_COLOUR)
    page.expiring.search.setText(expiring[0].iin)
    page.expiring.apply_filter()
    settle(qtbot, page.context)
    assert [row.iin for row in page.rows_of("expiring")] == [expiring[0].iin]
    assert page.tabs.tabText(2) == "Certificates running out (1)"
    # 2031: the courses of October 2026 are within 5 years, the leap-day teacher's of 2028 too: nobody under 36
    assert page.rows_of("hours") == [] and page.tabs.tabText(3) == "Under 36 hours (0)"
    later = _page_on(qtbot, database, date(2033, 1, 10))  # the 2026 courses have left the five years
    assert len(later.rows_of("hours")) == 3 and later.tabs.tabText(3) == "Under 36 hours (3)"
    later.show_tab("hours")
    assert later.tabs.currentIndex() == 3


def test_the_lists_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, database: Database,
                                         world: World) -> None:  # noqa: F811
    page = _page_on(qtbot, database, date(2031, 9, 1))
    for list_page in (page.listeners, page.worklist, page.expiring, page.hours):
        qtmodeltester.check(list_page.model, force_py=True)


def test_the_monitoring_card_and_the_support_report_are_written_in_the_background(
        qtbot: Any, page: PostCoursePage, context: AppContext, world: World, tmp_path: Any,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    import pedesk.ui.post_course.page as post_course
    from pedesk.ui.post_course.report import SupportReportDialog

    regular = world.certificates["regular"]
    _select(page, regular)
    card = tmp_path / "card.pdf"
    page.detail.save_card("ru", card)
    qtbot.waitUntil(lambda: "saved to" in page.detail.status.text(), timeout=20_000)
    text = PdfReader(str(card)).pages[0].extract_text()
    assert "Әлібекова01" in text and "мониторинг" in text.lower()

    def choose_cohort(dialog: SupportReportDialog) -> int:
        assert dialog.by_cohort.isChecked() and dialog.cohort.count() == 3  # the abroad cohort is not offered
        dialog.cohort.setCurrentIndex(next(i for i in range(3) if dialog.cohort.itemText(i).startswith("C1 ")))
        dialog.language.setCurrentIndex(dialog.language.findData("ru"))
        return 1

    report = tmp_path / "report.xlsx"
    monkeypatch.setattr(SupportReportDialog, "exec", choose_cohort)
    monkeypatch.setattr(post_course, "ask_save_path", lambda *args: report)
    page.report_button.click()
    qtbot.waitUntil(lambda: "saved to" in page.status.text(), timeout=20_000)
    assert "1 listener, 0 with three works" in page.status.text()
    sheet = load_workbook(report).worksheets[0]
    values = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert any("Әлібекова01" in value for value in values) and not any("Әлібекова02" in value for value in values)

    def bad_period(dialog: SupportReportDialog) -> int:
        dialog.by_period.setChecked(True)
        set_date(dialog.start, date(2027, 12, 31))
        set_date(dialog.end, date(2027, 1, 1))
        return 1

    monkeypatch.setattr(SupportReportDialog, "exec", bad_period)
    report.unlink()
    page.report_button.click()
    qtbot.waitUntil(lambda: "saved to" not in page.status.text(), timeout=20_000)
    assert page.status.text() and not report.exists()


def test_a_file_that_cannot_be_written_is_said_in_the_status_line(
        qtbot: Any, page: PostCoursePage, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import pedesk.ui.post_course.page as post_course
    from pedesk.ui.post_course.report import ReportRequest

    def locked(*_args: Any) -> None:
        raise PermissionError(13, "Permission denied")  # the workbook is open in Excel

    monkeypatch.setattr(post_course, "write_report", locked)
    page.write_report(ReportRequest("kk", start=date(2027, 1, 1), end=date(2027, 6, 30)), tmp_path / "r.xlsx")
    qtbot.waitUntil(lambda: "could not be written" in page.status.text(), timeout=20_000)
    assert "Permission denied" in page.status.text() and "close it" in page.status.text()


def test_the_first_screen_is_painted_while_the_lists_are_read(
        qtbot: Any, context: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lists are read off the UI thread: the page is shown, and painted, before any row has come; a list
    that takes long says it is loading, and its rows follow (issue 17: the window never freezes)."""
    import threading

    import pedesk.ui.post_course.page as post_course

    release = threading.Event()
    slow = post_course.support_due

    def support_due(*args: Any, **kwargs: Any) -> Any:
        assert threading.current_thread() is not threading.main_thread()
        release.wait(20)
        return slow(*args, **kwargs)

    monkeypatch.setattr(post_course, "support_due", support_due)
    page = show(qtbot, PostCoursePage(context), 1400, 820)
    assert not page.grab().isNull()  # painted while the worklist is still being read
    assert page.worklist.model.loading and page.worklist.busy.text() == "Loading…"
    assert page.worklist.model.rows == [] and not page.worklist.busy.isHidden()
    release.set()
    settle(qtbot, context)
    assert page.worklist.model.rows and page.worklist.busy.isHidden()
    assert "(4)" in page.tabs.tabText(1)
