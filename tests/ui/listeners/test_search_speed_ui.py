"""The registry's search as you type (issue 17 point 5): a short debounce, each row formatted once."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from pedesk.models.database import Database
from pedesk.services.demo.region import generate_demo
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.page import TeachersTab
from pedesk.ui.widgets.paged_model import Column, PagedTableModel
from tests.ui.conftest import show
from tests.ui.keys import type_text


def test_the_search_answers_after_at_most_50_ms_of_pause(qtbot: Any, database: Database) -> None:
    generate_demo(database, teachers=60, today=date(2026, 11, 25))
    tab = show(qtbot, TeachersTab(AppContext(database)))
    assert tab._timer.interval() <= 50  # noqa: SLF001 - the debounce itself
    everyone = tab.model.rowCount()
    surname = tab.model.rows[0].surname
    started = time.perf_counter()
    type_text(qtbot, tab.search, surname.lower())
    qtbot.waitUntil(lambda: tab.model.rowCount() < everyone, timeout=2000)
    assert tab.model.rows and all(surname.lower() in row.full_name.lower() for row in tab.model.rows)
    assert time.perf_counter() - started < 2


def test_the_paged_model_formats_each_row_once(qtbot: Any, database: Database) -> None:
    calls: list[str] = []

    def column(name: str) -> Column:
        return Column(name, lambda row: calls.append(name) or f"{name}{row}")

    model = PagedTableModel(database, lambda _session, _text, offset, limit: list(range(offset, min(offset + limit, 5))),
                            [column("a"), column("b"), column("c")])
    model.set_filter("")
    for _paint in range(4):  # a view asks for every cell again on each paint
        for row in range(5):
            for col in range(3):
                assert model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole) == f"{'abc'[col]}{row}"
    assert sorted(calls) == sorted(["a", "b", "c"] * 5)
