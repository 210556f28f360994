"""The list import's preview shows a row whose IIN the registry holds under another name beside the registry's
version, leaves it out until the user chooses per row, and takes the file's record when told to (issue 14
point 5); the preview's warnings (a listener under 18) have their own tab (point 6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pedesk import i18n
from pedesk.models import Teacher
from pedesk.models.database import Database
from pedesk.services.enrolment import Choice
from pedesk.services.rules.iin import make_iin
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.list_import import ListenerImportDialog
from tests.builders import list_cohort, teacher, workbook
from tests.ui.conftest import show

LEFT = Qt.MouseButton.LeftButton


def _world(database: Database, tmp_path: Path) -> tuple[int, int, Path]:
    with database.transaction() as session:
        group = list_cohort(session)
        stored = teacher(session, 1, "Ахметова", "Айгүл", birth=date(1988, 4, 2), position="мұғалім")
        session.flush()
        ids = group.id, stored.id, stored.iin, group.start_date
    young = ids[3].replace(year=ids[3].year - 17)
    path = workbook([
        ["ТАӘ", "ЖСН", "Туған күні", "Лауазымы"],
        ["Серікова Айгүл", ids[2], "02.04.1988", "директор"],
        ["Жасова Дана", make_iin(young, "female", 2), young.strftime("%d.%m.%Y"), "тәлімгер"],
        ["Бекова Сара", make_iin(date(1990, 1, 1), "female", 3), None, "мұғалім"],
    ], tmp_path / "tizim.xlsx")
    return ids[0], ids[1], path


def _surname(database: Database, teacher_id: int) -> str:
    with database.reading() as session:
        return session.scalars(select(Teacher.surname).where(Teacher.id == teacher_id)).one()


def test_the_preview_shows_both_versions_and_takes_the_file_only_when_chosen(
    qtbot: Any, database: Database, context: AppContext, tmp_path: Path, english_afterwards: None
) -> None:
    cohort_id, teacher_id, path = _world(database, tmp_path)
    dialog = show(qtbot, ListenerImportDialog(context, cohort_id, path=path), 1366, 768)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    table = dialog.conflicts
    assert dialog.tabs.currentWidget() is table
    assert dialog.tabs.tabText(dialog.tabs.indexOf(table)) == "Registry or file (1)"
    assert [table.table.item(0, column).text() for column in range(4)] == [
        "2", dialog.preview.rows[0].data.iin, "Surname: Ахметова", "Surname: Серікова"]
    assert table.choices() == {2: Choice.LEAVE_OUT} and table.combos[2].currentText() == "Leave the row out"
    assert "of which 1 are left out until you choose" in dialog.status.text()
    warnings = dialog.models["warnings"].rows
    assert [(row[0], row[1]) for row in warnings] == [("3", "C")] and "will be 17 at the start" in warnings[0][2]
    table.choose(2, Choice.TAKE_FILE)
    assert table.choices() == {2: Choice.TAKE_FILE} and "of which 0 are left out" in dialog.status.text()
    dialog.grab().save(str(tmp_path / "conflicts-en.png"))
    for lang in ("kk", "ru"):
        i18n.set_language(lang)
        install_qt_translations(QApplication.instance(), lang)  # type: ignore[arg-type]
        context.language_changed.emit(lang)
        summary = i18n._("Teachers to enrol: {enrol}; stored teachers to update: {update}; schools to add: {schools}. "
                         "Rows with problems, which will be skipped: {problems}.")[:12]
        qtbot.waitUntil(lambda summary=summary: summary in dialog.status.text(), timeout=10_000)
        assert table.choices() == {2: Choice.TAKE_FILE}  # the choice outlives a new reading
        assert table.table.horizontalHeaderItem(2).text() == i18n._("In the registry")
        qtbot.wait(50)
        dialog.grab().save(str(tmp_path / f"conflicts-{lang}.png"))
    i18n.set_language("en")
    context.language_changed.emit("en")
    qtbot.waitUntil(lambda: dialog.preview is not None and "Registry" in dialog.tabs.tabText(
        dialog.tabs.indexOf(table)), timeout=10_000)
    with qtbot.waitSignal(context.data_changed, check_params_cb=lambda kind: kind == "cohort", timeout=10_000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    result = dialog.result_counts
    assert result is not None and (result.imported, result.registry_updated, result.skipped) == (3, (2,), ())
    assert _surname(database, teacher_id) == "Серікова"
    assert "Registry records replaced by the file's (recorded in the audit log): 1." in dialog.outcome.text()
    assert not table.isEnabled()


def test_a_conflict_left_out_changes_nothing(qtbot: Any, database: Database, context: AppContext,
                                             tmp_path: Path) -> None:
    cohort_id, teacher_id, path = _world(database, tmp_path)
    dialog = show(qtbot, ListenerImportDialog(context, cohort_id, path=path), 1366, 768)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    with qtbot.waitSignal(context.data_changed, check_params_cb=lambda kind: kind == "cohort", timeout=10_000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    result = dialog.result_counts
    assert result is not None and (result.imported, [item.row for item in result.skipped]) == (2, [2])
    assert _surname(database, teacher_id) == "Ахметова"
