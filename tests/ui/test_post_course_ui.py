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
from pedesk.services.support import WorkData, record_work
from pedesk.ui.context import AppContext
from pedesk.ui.pages.listeners_support import set_date
from pedesk.ui.pages.post_course import PostCoursePage
from pedesk.ui.pages.post_course_detail import OVERDUE_COLOUR
from pedesk.ui.pages.post_course_dialogs import MonitoringDialog, WorkDialog
from pedesk.ui.widgets import FormDialog
from tests.ui.keys import type_text
from tests.unit.test_support import USER, World
from tests.unit.test_support import world as world  # noqa: F401 - the fixture

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
    widget = PostCoursePage(context)
    qtbot.addWidget(widget)
    widget.resize(1400, 820)
    widget.show()
    return widget


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
    assert {(r.certificate_id, r.kind) for r in page.worklist.model.rows} == {
        (second, "works"), (second, "monitoring")}
    done = page.detail.monitoring.item(0, 2)
    assert done is not None and done.text() == "Nov 5, 2027"
    assert "(2)" in page.tabs.tabText(1)
    page.grab().save("/tmp/post_course_listeners_en.png")
    page.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    page.grab().save("/tmp/post_course_en.png")
