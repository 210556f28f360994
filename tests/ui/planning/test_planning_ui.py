"""The Planning section: an application added through the dialog changes the totals; a cohort's list is
started from it; an application is deleted after a question; a district plan is marked as forwarded and the
region's plan formed on a chosen date (late dates warn); the plan is exported in the background."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from pedesk.models.database import Database
from pedesk.models.enums import CourseKind
from pedesk.services.planning.plan import ApplicationData, save_application
from pedesk.services.planning.totals import district_plan, region_plan
from pedesk.ui.context import AppContext
from pedesk.ui.planning.dialogs import DateDialog
from pedesk.ui.planning.page import PlanningPage
from pedesk.ui.widgets.choices import ERROR_COLOUR, WARNING_COLOUR, to_qdate
from tests.services.planning.test_planning import World, build_world
from tests.ui.keys import type_text

TODAY = date(2026, 7, 15)


@pytest.fixture
def setup(qtbot: Any, database: Database) -> Iterator[tuple[PlanningPage, World]]:
    world = build_world(database)
    page = PlanningPage(AppContext(database, today=lambda: TODAY))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    _settled(page)
    yield page, world
    _settled(page)


def _settled(page: PlanningPage) -> None:
    """The plan is read in the background: wait until the last read is shown."""
    deadline = time.monotonic() + 20
    while not page.context.runner.idle and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    assert page.context.runner.idle and not page.loading


def _cells(page: PlanningPage, key: str) -> list[tuple[str, ...]]:
    _settled(page)
    return page.models[key].rows


def _save(qtbot: Any, box: QDialogButtonBox, which: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save
          ) -> None:
    button = box.button(which)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _two_applications(page: PlanningPage, world: World) -> None:
    """School 0 (Абай) asks for 3 teachers on SHORT1, school 2 (Бұқар) for 2 on LONG1, a day later."""
    with page.context.database.transaction() as session:
        for school, code, kind, count, day in ((0, "SHORT1", CourseKind.SHORT, 3, 20),
                                               (2, "LONG1", CourseKind.LONG, 2, 21)):
            save_application(session, ApplicationData(
                plan_year=2027, school_id=world.schools[school], course_kind=kind, received_on=date(2026, 7, day),
                programme_id=world.programmes[code], teachers_count=count))
    page.context.changed("plan")
    _settled(page)


def _date_dialog(page: PlanningPage, button: str) -> DateDialog:
    """Click ``button`` and return the date dialog it opened."""
    page.buttons[button].click()
    dialogs = [d for d in page.findChildren(DateDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _choose(qtbot: Any, dialog: DateDialog, on: date) -> None:
    dialog.date.setDate(to_qdate(on))
    _save(qtbot, dialog.button_box)
    assert not dialog.isVisible()
    _settled(dialog.parent())  # type: ignore[arg-type]


def _shown(page: PlanningPage) -> set[str]:
    return {key for key, button in page.buttons.items() if not button.isHidden()}


def test_adding_an_application_changes_the_totals(qtbot: Any, setup: tuple[PlanningPage, World]) -> None:
    page, world = setup
    assert page.year.value() == 2027 and "Aug 1, 2026" in page.deadlines.text()
    assert _cells(page, "region")[:2] == [("short", "0", ""), ("long", "0", "")]
    dialog = page.add_application()
    _save(qtbot, dialog.button_box)  # no teachers yet: refused under the field
    assert dialog.isVisible() and "Teachers" in dialog.errors["teachers_count"].text()
    dialog.programme.setCurrentIndex(dialog.programme.findData(world.programmes["SHORT1"]))
    qtbot.keyClicks(dialog.iins, f"{world.teachers[0]}, {world.teachers[1]}")
    _save(qtbot, dialog.button_box)
    assert not dialog.isVisible()
    assert _cells(page, "region")[0] == ("short", "2", "")
    assert _cells(page, "districts") == [("Абай", "short", "1", "2", "")]
    assert _cells(page, "facts") == [("SHORT1 SHORT1 ру", "Абай", "2", "0")]
    assert len(_cells(page, "applications")) == 1

    page.views["applications"].selectRow(0)
    starting = page.start_list()
    assert starting is not None
    starting.cohort.setCurrentIndex(starting.cohort.findData(world.cohorts["C2027"]))
    _save(qtbot, starting.button_box)
    assert [row[2] for row in starting.result_model.rows] == ["added", "added"]
    assert _cells(page, "facts") == [("SHORT1 SHORT1 ру", "Абай", "2", "2")]
    page.grab().save("/tmp/planning_en.png")


def test_a_late_application_warns_and_the_plan_is_exported(qtbot: Any, setup: tuple[PlanningPage, World],
                                                           tmp_path: Path) -> None:
    page, world = setup
    dialog = page.add_application()
    dialog.count.setValue(3)
    type_text(qtbot, dialog.direction, "Инклюзия")
    dialog.received.setDate(dialog.received.date().addMonths(1))  # 15 August
    _save(qtbot, dialog.button_box)
    assert not dialog.isVisible() and "п.9" in page.status.text()
    assert _cells(page, "facts") == [("Direction: Инклюзия", "Абай", "3", "0")]
    target = tmp_path / "plan.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: str(target) in page.status.text(), timeout=10_000)
    assert target.exists()


def test_switching_the_language_retranslates_the_page(setup: tuple[PlanningPage, World],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from pedesk import i18n
    from tests.ui.certificates.test_certificates_ui import _Marked

    page, _world = setup
    monkeypatch.setattr(i18n, "_translations", lambda _lang: _Marked())
    page.context.language_changed.emit("kk")
    assert page.tabs.tabText(0) == "«School applications»"
    assert page.buttons["export"].text() == "«Export to xlsx…»" and page.year.prefix() == "«Plan year: »"
    assert [page.buttons[key].text() for key in ("delete", "forward", "form")] == [
        "«Delete application…»", "«Mark as forwarded…»", "«Form the region's plan…»"]
    assert page.models["facts"].headerData(2, Qt.Orientation.Horizontal) == "«Planned»"


def test_buttons_follow_the_tab_and_need_a_chosen_row(setup: tuple[PlanningPage, World]) -> None:
    page, world = setup
    _two_applications(page, world)
    assert _shown(page) == {"add", "edit", "delete", "start", "export"}
    assert not any(page.buttons[key].isEnabled() for key in ("edit", "delete", "start"))
    page.views["applications"].selectRow(0)
    assert all(page.buttons[key].isEnabled() for key in ("edit", "delete", "start"))
    page.tabs.setCurrentIndex(1)
    assert _shown(page) == {"forward", "export"} and not page.buttons["forward"].isEnabled()
    page.views["districts"].selectRow(1)
    assert page.buttons["forward"].isEnabled()
    page.year.setValue(2028)  # another year: no rows, nothing chosen
    _settled(page)
    assert not page.buttons["forward"].isEnabled()
    page.tabs.setCurrentIndex(2)
    assert _shown(page) == {"form", "export"} and page.buttons["form"].isEnabled()
    page.tabs.setCurrentIndex(3)
    assert _shown(page) == {"export"}


def test_deleting_an_application_asks_first_and_changes_the_totals(
        setup: tuple[PlanningPage, World], database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    page, world = setup
    _two_applications(page, world)
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    page.views["applications"].selectRow(1)
    page.buttons["delete"].click()
    assert asked == ["Delete the application of №2 for LONG1 LONG1 ру?"]
    assert len(_cells(page, "applications")) == 2  # No keeps it
    assert _cells(page, "region")[:2] == [("short", "3", ""), ("long", "2", "")]
    answer[0] = QMessageBox.StandardButton.Yes
    page.buttons["delete"].click()
    assert [row[0] for row in _cells(page, "applications")] == ["№0"]
    assert _cells(page, "region")[:2] == [("short", "3", ""), ("long", "0", "")]
    assert _cells(page, "districts") == [("Абай", "short", "1", "3", "")]
    assert not page.buttons["delete"].isEnabled()  # the deleted row is no longer chosen
    with database.reading() as session:
        assert region_plan(session, 2027).long == 0


def test_marking_a_district_plan_as_forwarded(qtbot: Any, setup: tuple[PlanningPage, World],
                                               database: Database) -> None:
    page, world = setup
    _two_applications(page, world)
    page.tabs.setCurrentIndex(1)
    page.views["districts"].selectRow(0)
    dialog = _date_dialog(page, "forward")
    assert dialog.chosen() == TODAY and "Абай" in dialog.windowTitle()
    _save(qtbot, dialog.button_box, QDialogButtonBox.StandardButton.Cancel)  # Cancel records nothing
    assert _cells(page, "districts")[0][4] == ""
    page.views["districts"].selectRow(0)
    _choose(qtbot, _date_dialog(page, "forward"), date(2026, 8, 30))
    assert _cells(page, "districts") == [("Абай", "short", "1", "3", "Aug 30, 2026"), ("Бұқар", "long", "1", "2", "")]
    assert page.status.text() == ""
    with database.reading() as session:
        forwarded = {r.district_id: r.forwarded_on for r in district_plan(session, 2027)}
    assert forwarded == {world.districts[0]: date(2026, 8, 30), world.districts[1]: None}


def test_a_district_plan_forwarded_after_1_september_warns(qtbot: Any, setup: tuple[PlanningPage, World]) -> None:
    page, world = setup
    _two_applications(page, world)
    page.tabs.setCurrentIndex(1)
    page.views["districts"].selectRow(1)
    _choose(qtbot, _date_dialog(page, "forward"), date(2026, 9, 1))  # the deadline itself is in time
    assert page.status.text() == ""
    page.views["districts"].selectRow(1)
    _choose(qtbot, _date_dialog(page, "forward"), date(2026, 9, 2))
    assert "п.10" in page.status.text() and "Sep 1, 2026" in page.status.text()
    assert WARNING_COLOUR in page.status.styleSheet()
    assert _cells(page, "districts")[1][4] == "Sep 2, 2026"


def test_forming_the_region_plan(qtbot: Any, setup: tuple[PlanningPage, World]) -> None:
    page, world = setup
    page.tabs.setCurrentIndex(2)
    _choose(qtbot, _date_dialog(page, "form"), date(2026, 10, 20))  # no applications yet: refused
    assert "no applications" in page.status.text() and ERROR_COLOUR in page.status.styleSheet()
    assert _cells(page, "region")[0] == ("short", "0", "")
    _two_applications(page, world)
    _choose(qtbot, _date_dialog(page, "form"), date(2026, 11, 1))
    assert page.status.text() == ""
    assert _cells(page, "region")[:2] == [("short", "3", "Nov 1, 2026"), ("long", "2", "Nov 1, 2026")]
    _choose(qtbot, _date_dialog(page, "form"), date(2026, 11, 3))
    assert "п.11" in page.status.text() and WARNING_COLOUR in page.status.styleSheet()
    assert _cells(page, "region")[0] == ("short", "3", "Nov 3, 2026")


def test_the_page_is_painted_while_the_plan_is_read(qtbot: Any, database: Database,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The region's plan is read off the UI thread (issue 17: the window never freezes): the page is shown and
    painted before the rows come, and an answer for an older year is dropped."""
    import threading

    import pedesk.ui.planning.page as planning

    build_world(database)
    release = threading.Event()
    slow = planning.application_rows

    def application_rows(*args: Any) -> Any:
        assert threading.current_thread() is not threading.main_thread()
        release.wait(20)
        return slow(*args)

    monkeypatch.setattr(planning, "application_rows", application_rows)
    page = PlanningPage(AppContext(database, today=lambda: TODAY))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert not page.grab().isNull() and page.loading and page.models["region"].rows == []
    page.year.setValue(2028)  # asked again before the first answer came
    release.set()
    assert _cells(page, "region")[:2] == [("short", "0", ""), ("long", "0", "")]
    assert page.year.value() == 2028
