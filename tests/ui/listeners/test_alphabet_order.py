"""The Listeners section shows names in the Kazakh alphabet: the registry's table and a cohort's list, as a user
reads them off the screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from pedesk.models.database import Database
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.page import ListenersPage
from tests.builders import ALPHABETICAL, TODAY, alphabet_cohort
from tests.ui.conftest import show


def _column(model: Any, column: int = 0) -> list[str]:
    return [str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)) for row in range(model.rowCount())]


def _surnames(texts: list[str]) -> list[str]:
    return [text.split(" ")[0] for text in texts]


def test_the_registry_and_a_cohorts_list_read_in_the_alphabet(qtbot: Any, database: Database) -> None:
    with database.transaction() as session:
        world = alphabet_cohort(session)
    page = show(qtbot, ListenersPage(AppContext(database, today=lambda: TODAY)))
    teachers = page.teachers
    teachers.search.setText("айгүл")
    teachers.apply_filter()
    qtbot.waitUntil(lambda: teachers.model.rowCount() == len(ALPHABETICAL))
    names = [_column(teachers.model, column) for column in range(teachers.model.columnCount())]
    shown = next(column for column in names if any(ALPHABETICAL[0] in text for text in column))
    assert _surnames(shown) == list(ALPHABETICAL)
    page.tabs.setCurrentWidget(page.cohorts)
    page.cohorts.select_cohort(world.cohort)
    qtbot.waitUntil(lambda: page.cohorts.model.rowCount() == len(ALPHABETICAL))
    assert _surnames(_column(page.cohorts.model)) == list(ALPHABETICAL)
