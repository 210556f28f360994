"""The Assessments section (Қорытынды аттестаттау / Итоговая аттестация) driven like a user: scores typed
into the grid and saved with the statuses following, problems on the lines and under the form, the external
assessor of a long course, a retake refused with its date and one recorded with the next cohort, the
expulsion, the import preview with a row/column problem, the blank template and a language switch."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox, QFileDialog
from sqlalchemy import select

from pedesk import i18n
from pedesk.i18n import format_date
from pedesk.models import Assessment, Enrolment
from pedesk.models.database import Database
from pedesk.models.enums import EnrolmentStatus, RetakeMode
from pedesk.services.assessments import ResultInput, RetakeInput, record_results, record_retake
from pedesk.ui.assessments.model import MAXIMUM, PASSED, SCORE
from pedesk.ui.assessments.page import AssessmentsPage
from pedesk.ui.assessments.results_import import ResultsImportDialog
from pedesk.ui.assessments.retake import RetakeDialog
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.actions import StatusDialog
from pedesk.ui.widgets.records import set_date
from tests.services.assessments.test_assessments import COHORTS, World
from tests.services.assessments.test_assessments import database as database  # noqa: F401 - the fixtures
from tests.services.assessments.test_assessments import template as template  # noqa: F401
from tests.services.assessments.test_assessments import world as world  # noqa: F401
from tests.ui.conftest import Messages, show
from tests.ui.keys import type_text

S = EnrolmentStatus
TODAY = date(2026, 11, 25)
LEFT = Qt.MouseButton.LeftButton
SAVE = QDialogButtonBox.StandardButton.Save
HUNDRED = Decimal(100)


@pytest.fixture
def page(qtbot: Any, database: Database) -> AssessmentsPage:
    return show(qtbot, AssessmentsPage(AppContext(database, today=lambda: TODAY)), 1200, 860)


def open_cohort(page: AssessmentsPage, world: World, code: str) -> None:
    assert page.select_cohort(world.cohorts[code])
    assert page.sheet is not None and page.sheet.cohort.code == code


def type_score(qtbot: Any, page: AssessmentsPage, row: int, column: int, text: str) -> None:
    """Select the cell, type the number over it and press Enter, as a user does."""
    index = page.model.index(row, column)
    page.table.setCurrentIndex(index)  # the grid opens the editor on the current cell
    if page.table.state() != QAbstractItemView.State.EditingState:
        page.table.edit(index)
    editor = page.table.indexWidget(index) or QApplication.focusWidget()
    assert editor is not None and editor is not page.table
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.data(index) == text)  # the view commits the editor's text queued


def tick_passed(qtbot: Any, page: AssessmentsPage, row: int) -> None:
    rect = page.table.visualRect(page.model.index(row, PASSED))
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=QPoint(rect.left() + 12, rect.center().y()))


def statuses(database: Database, world: World, code: str) -> list[EnrolmentStatus]:
    with database.reading() as session:
        return [EnrolmentStatus(session.get_one(Enrolment, item).status) for item in world.listeners[code]]


def test_scores_typed_in_the_grid_are_saved_and_the_statuses_follow(
    qtbot: Any, qtmodeltester: Any, page: AssessmentsPage, database: Database, world: World,
) -> None:
    open_cohort(page, world, "SHORT")
    assert page.held_on.date().toPython() == COHORTS["SHORT"][2]  # the course's last day, already past
    assert not page.assessor.isVisible()  # a short course: internal assessment (п.28)
    type_score(qtbot, page, 0, SCORE, "85")
    type_score(qtbot, page, 0, MAXIMUM, "100")
    tick_passed(qtbot, page, 0)
    type_score(qtbot, page, 1, SCORE, "35,5")  # the maximum of the line above is taken, "not passed" shown
    assert page.model.data(page.model.index(1, MAXIMUM)) == "100"
    assert page.model.data(page.model.index(0, PASSED)) == "passed"
    assert page.model.data(page.model.index(1, PASSED)) == "not passed"
    qtmodeltester.check(page.model)
    with qtbot.waitSignal(page.context.data_changed, check_params_cb=lambda kind: kind == "enrolment"):
        qtbot.mouseClick(page.buttons["save"], LEFT)
    assert statuses(database, world, "SHORT") == [S.COMPLETED, S.NOT_CERTIFIED, S.IN_TRAINING, S.IN_TRAINING]
    with database.reading() as session:
        scores = session.scalars(select(Assessment.score).order_by(Assessment.enrolment_id)).all()
    assert scores == [Decimal(85), Decimal("35.5")]
    assert [page.model.data(page.model.index(row, 2)) for row in (0, 1)] == ["completed", "not certified"]
    assert "Saved: 2 results" in page.problems.text()
    row = next(r for r in page.cohorts.model.rows if r.code == "SHORT")
    assert row.results == 2  # the list of cohorts was refreshed


def test_a_bad_score_is_shown_on_its_line_and_nothing_is_saved(
    qtbot: Any, page: AssessmentsPage, database: Database, world: World,
) -> None:
    open_cohort(page, world, "SHORT")
    type_score(qtbot, page, 0, MAXIMUM, "50")
    type_score(qtbot, page, 0, SCORE, "75")
    set_date(page.held_on, date(2026, 3, 12))  # before the course ended
    qtbot.mouseClick(page.buttons["save"], LEFT)
    assert page.problems_area.isVisible()
    assert "not between 0 and the maximum 50" in page.problems.text()
    assert page.held_on_error.isVisible() and format_date(date(2026, 3, 13)) in page.held_on_error.text()
    assert "not between" in page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert statuses(database, world, "SHORT")[0] == S.IN_TRAINING
    greyed = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert greyed is not None  # the line is marked


def test_a_long_course_asks_for_the_external_assessor(
    qtbot: Any, page: AssessmentsPage, database: Database, world: World,
) -> None:
    open_cohort(page, world, "LONG")
    assert page.assessor.isVisible()
    assert page.assessor.organisation.findData(world.providers["OWN"]) < 0  # not the cohort's own provider
    type_score(qtbot, page, 0, SCORE, "70")
    type_score(qtbot, page, 0, MAXIMUM, "100")
    tick_passed(qtbot, page, 0)
    qtbot.mouseClick(page.buttons["save"], LEFT)
    assert "п.27" in page.assessor.organisation.toolTip()
    assert "Enter the contract's number" in page.problems.text()
    page.assessor.organisation.setCurrentIndex(page.assessor.organisation.findData(world.providers["UNI"]))
    type_text(qtbot, page.assessor.contract_no, "ШК-17")
    set_date(page.assessor.contract_date, date(2026, 3, 2))
    qtbot.keyClicks(page.assessor.expert_name, "Seitova Dana")
    qtbot.keyClicks(page.assessor.expert_certificate, "ES-0042")
    qtbot.mouseClick(page.buttons["save"], LEFT)
    assert statuses(database, world, "LONG")[0] == S.COMPLETED
    assert page.sheet is not None and page.sheet.assessor is not None
    assert page.sheet.assessor.expert_name == "Seitova Dana"  # the form is filled in from the saved results


def _failed_twice(database: Database, world: World) -> int:
    first = world.listeners["SHORT"][0]
    with database.transaction(user="aigul") as session:
        record_results(session, world.cohorts["SHORT"], [ResultInput(first, Decimal(20), HUNDRED, False)],
                       held_on=date(2026, 3, 13), assessor=None, today=TODAY)
        record_retake(session, first, RetakeInput(RetakeMode.REASSESSMENT, date(2026, 4, 2), False), today=TODAY)
    return first


def test_a_refused_retake_says_why_and_a_next_cohort_retake_is_recorded(
    qtbot: Any, page: AssessmentsPage, database: Database, world: World,
) -> None:
    first = _failed_twice(database, world)
    open_cohort(page, world, "SHORT")
    page.table.selectRow(0)
    assert page.buttons["retake"].isEnabled() and not page.buttons["expel"].isEnabled()
    qtbot.mouseClick(page.buttons["retake"], LEFT)
    dialog = page.dialog
    assert isinstance(dialog, RetakeDialog)
    radio = dialog.radios[RetakeMode.REASSESSMENT]
    assert not radio.isEnabled()
    assert format_date(date(2027, 4, 2)) in dialog.notes[RetakeMode.REASSESSMENT].text()
    assert dialog.radios[RetakeMode.NEXT_COHORT].isChecked()  # the first way open
    assert dialog.with_cohort.currentText().startswith("LATER")
    assert not dialog.documents.isVisible()
    set_date(dialog.held_on, date(2026, 4, 10))  # before LATER ends
    qtbot.keyClicks(dialog.score, "64")
    qtbot.keyClicks(dialog.max_score, "100")
    qtbot.mouseClick(dialog.passed, LEFT)
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert dialog.isVisible() and format_date(date(2026, 4, 17)) in dialog.errors["held_on"].text()
    set_date(dialog.held_on, date(2026, 4, 17))
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert not dialog.isVisible()
    assert statuses(database, world, "SHORT")[0] == S.COMPLETED
    with database.reading() as session:
        modes = session.scalars(select(Assessment.mode).where(Assessment.enrolment_id == first)
                                .order_by(Assessment.attempt)).all()
    assert modes == [RetakeMode.FIRST, RetakeMode.REASSESSMENT, RetakeMode.NEXT_COHORT]
    assert "attempt 3" in page.model.data(page.model.index(0, 6))


def test_finishing_an_unfinished_course_needs_its_documents_under_the_field(
    qtbot: Any, page: AssessmentsPage, database: Database, world: World,
) -> None:
    open_cohort(page, world, "SHORT")
    page.table.selectRow(1)
    qtbot.mouseClick(page.buttons["retake"], LEFT)
    dialog = page.dialog
    assert isinstance(dialog, RetakeDialog)
    assert not dialog.radios[RetakeMode.REASSESSMENT].isEnabled()
    dialog.radios[RetakeMode.FINISH_UNFINISHED].setChecked(True)
    assert dialog.documents.isVisible()
    set_date(dialog.held_on, date(2026, 5, 4))
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert "п.30.4" in dialog.errors["supporting_documents"].text()
    assert statuses(database, world, "SHORT")[1] == S.IN_TRAINING


def test_expel_from_the_grid(qtbot: Any, page: AssessmentsPage, database: Database, world: World) -> None:
    open_cohort(page, world, "SHORT")
    page.table.selectRow(2)
    qtbot.mouseClick(page.buttons["expel"], LEFT)
    dialog = page.dialog
    assert isinstance(dialog, StatusDialog) and not dialog.status.isEnabled()
    assert dialog.status.currentData() == S.EXPELLED.value
    page.context.language_changed.emit("en")  # the title survives a language switch
    assert dialog.windowTitle() == "Expel the listener (п.31)"
    type_text(qtbot, dialog.details["expulsion_order_no"], "12-Ш")
    set_date(dialog.details["expulsion_order_date"], date(2026, 3, 10))  # type: ignore[arg-type]
    qtbot.keyClicks(dialog.details["commission_decision"], "Sabaqqa qatyspady")
    set_date(dialog.on, date(2026, 3, 10))
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert statuses(database, world, "SHORT")[2] == S.EXPELLED
    assert '"expelled"' in page.model.data(page.model.index(2, 0), Qt.ItemDataRole.ToolTipRole)
    assert not page.model.flags(page.model.index(2, SCORE)) & Qt.ItemFlag.ItemIsEditable


def _results_file(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    heading: list[list[Any]] = [["SHORT"], [], ["ЖСН", "Т.А.Ә.", "Балл", "Ең жоғары балл", "Нәтиже"]]
    for row in heading + rows:
        sheet.append(row)
    book.save(path)
    return path


def test_the_import_preview_names_the_row_and_column_then_imports_a_clean_file(
    qtbot: Any, qtmodeltester: Any, page: AssessmentsPage, database: Database, world: World, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with database.reading() as session:
        iins = [session.get_one(Enrolment, item).teacher.iin for item in world.listeners["SHORT"]]
    bad = _results_file(tmp_path / "bad.xlsx", [[iins[0], "", 80, 100, "өтті"], [iins[1], "", 180, 100, "өтті"]])
    good = _results_file(tmp_path / "good.xlsx", [[iins[0], "", 80, 100, "өтті"], [iins[1], "", 18, 100, "өтпеді"]])
    chosen = [bad]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(chosen[-1]), ""))
    open_cohort(page, world, "SHORT")
    qtbot.mouseClick(page.buttons["import"], LEFT)
    dialog = page.dialog
    assert isinstance(dialog, ResultsImportDialog)
    qtbot.mouseClick(dialog.choose, LEFT)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    problems = dialog.models["problems"].rows
    assert [(row[0], row[1]) for row in problems] == [("5", "C")]
    assert problems[0][2].startswith("Row 5, column C (Балл):")
    assert dialog.tabs.currentWidget() is dialog.views["problems"] and not dialog.import_button.isEnabled()
    for model in dialog.models.values():
        qtmodeltester.check(model)
    chosen.append(good)
    qtbot.mouseClick(dialog.choose, LEFT)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.ready, timeout=10_000)
    with qtbot.waitSignal(page.context.data_changed, check_params_cb=lambda kind: kind == "enrolment"):
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert "2 results recorded" in dialog.status.text()
    assert statuses(database, world, "SHORT")[:2] == [S.COMPLETED, S.NOT_CERTIFIED]


def test_the_blank_template_is_written(qtbot: Any, page: AssessmentsPage, world: World, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, messages: Messages) -> None:
    target = tmp_path / "blank.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), ""))
    shown = messages.shown
    open_cohort(page, world, "SHORT")
    qtbot.mouseClick(page.buttons["template"], LEFT)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None and sheet.cell(row=4, column=1).value == "ЖСН / ИИН"
    assert sheet.max_row == 4 + len(world.listeners["SHORT"])


def test_a_language_switch_keeps_what_was_typed(
    qtbot: Any, page: AssessmentsPage, world: World, english_afterwards: None,
) -> None:
    open_cohort(page, world, "SHORT")
    type_score(qtbot, page, 0, SCORE, "77")
    i18n.set_language("ru")
    page.context.language_changed.emit("ru")
    assert page.model.data(page.model.index(0, SCORE)) == "77"
    assert page.model.data(page.model.index(1, 2)) == "обучается"  # the grid's statuses follow the language
    assert page.cohorts.model.headerData(0, Qt.Orientation.Horizontal) == "Группа"
