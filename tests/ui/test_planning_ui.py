"""The Planning section: an application added through the dialog changes the totals; a cohort's list is
started from it; the plan is exported in the background."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pedesk.models.database import Database
from pedesk.ui.context import AppContext
from pedesk.ui.pages.planning import PlanningPage
from tests.ui.keys import type_text
from tests.unit.test_planning import World, build_world

TODAY = date(2026, 7, 15)


@pytest.fixture
def setup(qtbot: Any, database: Database) -> tuple[PlanningPage, World]:
    world = build_world(database)
    page = PlanningPage(AppContext(database, today=lambda: TODAY))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    return page, world


def _cells(page: PlanningPage, key: str) -> list[tuple[str, ...]]:
    return page.models[key].rows


def _save(qtbot: Any, box: QDialogButtonBox) -> None:
    button = box.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


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
    from tests.ui.test_certificates_ui import _Marked

    page, _world = setup
    monkeypatch.setattr(i18n, "_translations", lambda _lang: _Marked())
    page.context.language_changed.emit("kk")
    assert page.tabs.tabText(0) == "«School applications»"
    assert page.buttons["export"].text() == "«Export to xlsx…»" and page.year.prefix() == "«Plan year: »"
    assert page.models["facts"].headerData(2, Qt.Orientation.Horizontal) == "«Planned»"
