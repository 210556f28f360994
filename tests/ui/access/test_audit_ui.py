"""The Audit page: the trail newest first with who, when, what and the kind of record; the old and the new values
of the chosen change; filters by user, kind and dates; Export to Excel writes the filtered rows in the
background, and openpyxl reads them back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate

from pedesk.models.database import Database
from pedesk.services import access
from pedesk.services.access import Role
from pedesk.ui.access import audit as audit_module
from pedesk.ui.access.audit import COLUMNS, AuditPage
from pedesk.ui.context import AppContext
from tests.builders import add_users, sign_in
from tests.ui.conftest import Messages, show

WHO = [column.header for column in COLUMNS].index("Who")
KIND = [column.header for column in COLUMNS].index("Kind of record")


@pytest.fixture
def trail(database: Database) -> Database:
    """The administrator adds aigerim.s (a registrar) and boss (an administrator); boss signs in and makes
    aigerim.s a head."""
    add_users(database, {"aigerim.s": {Role.REGISTRAR}, "boss": {Role.ADMIN}})
    sign_in(database, "boss")
    with database.transaction() as session:
        access.set_roles(session, "aigerim.s", {Role.HEAD})
    database.actor = None
    return database


def _texts(page: AuditPage, column: int) -> list[str]:
    while page.model.canFetchMore():
        page.model.fetchMore()
    return [page.model.data(page.model.index(row, column)) for row in range(page.model.rowCount())]


def _choose(box: Any, value: str) -> None:
    index = box.findData(value)
    assert index >= 0, value
    box.setCurrentIndex(index)


def test_the_audit_page_filters_by_user_and_shows_the_values(qtbot: Any, trail: Database) -> None:
    context = AppContext(trail)
    context.set_actor(sign_in(trail, "aigerim.s"))  # any signed-in user reads the trail
    page = show(qtbot, AuditPage(context), 1366, 768)
    everyone = _texts(page, WHO)
    assert {"admin", "boss"} <= set(everyone) and page.count.text() == f"{len(everyone)} changes"
    _choose(page.user, "boss")  # the sign-in, then the change of roles (newest first)
    assert _texts(page, WHO) == ["boss", "boss"] and _texts(page, KIND) == ["user"] * 2
    assert page.count.text() == "2 changes"
    page.table.selectRow(0)
    assert "roles: registrar" in page.values["before"].toPlainText()
    assert "roles: head" in page.values["after"].toPlainText()
    page.table.selectRow(1)
    assert page.values["before"].toPlainText().startswith("last_sign_in_at: ")
    _choose(page.user, "admin")
    assert set(_texts(page, WHO)) == {"admin"} and len(_texts(page, WHO)) == 3  # signed in, added two
    page.table.selectRow(0)
    assert "name: boss" in page.values["after"].toPlainText()
    assert "password_hash: ***" in page.values["after"].toPlainText()  # never the hash itself
    assert page.values["before"].toPlainText() == ""
    page.user.setCurrentIndex(0)  # all users again
    _choose(page.kind, "app_user")
    assert len(_texts(page, WHO)) == len(everyone)
    tomorrow = context.today() + timedelta(days=1)
    page.start.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert _texts(page, WHO) == [] and page.count.text() == "0 changes"


def test_export_writes_the_filtered_trail_to_excel(qtbot: Any, trail: Database, tmp_path: Path,
                                                   messages: Messages, monkeypatch: pytest.MonkeyPatch) -> None:
    context = AppContext(trail)
    context.set_actor(sign_in(trail, "boss"))
    page = show(qtbot, AuditPage(context), 1366, 768)
    _choose(page.user, "boss")
    target = tmp_path / "audit.xlsx"
    monkeypatch.setattr(audit_module, "ask_save_file", lambda *_args: target)
    handle = page.export()
    assert handle is not None
    qtbot.waitUntil(lambda: not handle.running, timeout=10_000)
    assert messages.shown == [f"3 changes were written to {target}."]  # two sign-ins and the change of roles
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("When", "Who", "OS account", "What", "Kind of record", "Record", "Reason", "Old values",
                       "New values")
    assert len(rows) == 4 and {row[1] for row in rows[1:]} == {"boss"}
    roles = [row for row in rows[1:] if "roles: head" in (row[8] or "")]
    assert len(roles) == 1 and roles[0][3:5] == ("changed", "user") and roles[0][7] == "roles: registrar"
