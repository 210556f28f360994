"""Two seats on one database: the questionnaire opened on one PC is saved after another PC saved the same
teacher, and the form says who changed the record and when, saves nothing, and keeps the other seat's change;
reopened, the change goes in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pedesk.models import Teacher
from pedesk.models.database import Database
from pedesk.services import access, teachers
from pedesk.services.access import Role
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.questionnaire import QuestionnaireDialog
from tests.builders import add_users, sign_in, teacher
from tests.ui.conftest import show

TODAY = date(2026, 11, 25)


def test_a_save_over_another_seats_change_is_refused_with_who_and_when(qtbot: Any, database: Database) -> None:
    with database.transaction() as session:
        person = teacher(session, 5, "Омарова", "Дана")
        session.flush()
        teacher_id = person.id
    add_users(database, {"aigerim": {Role.REGISTRAR}, "bolat": {Role.REGISTRAR}})
    sign_in(database, "aigerim")
    context = AppContext(database, today=lambda: TODAY)
    dialog = show(qtbot, QuestionnaireDialog(context, teacher_id), 1366, 768)
    other = Database(database.url)  # the second PC
    try:
        sign_in(other, "bolat")
        with other.reading() as session:
            form = teachers.get_teacher(session, teacher_id)
            version = access.version_of(session, Teacher, teacher_id)
        assert form is not None
        with other.transaction() as session:
            teachers.save_teacher(session, replace(form, phone="+7 701 555 44 33"), teacher_id, today=TODAY,
                                  version=version)
    finally:
        other.dispose()
    dialog.email.setText("omarova@mektep.kz")
    save = dialog.button_box.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    shown = dialog.general_error.text()
    assert "changed by bolat at" in shown and "reload" in shown
    with database.reading() as session:
        saved = session.get(Teacher, teacher_id)
        assert saved is not None and (saved.phone, saved.email) == ("+7 701 555 44 33", "")
    dialog.close()
    again = show(qtbot, QuestionnaireDialog(context, teacher_id), 1366, 768)
    assert again.phone.text() == "+7 701 555 44 33"
    again.email.setText("omarova@mektep.kz")
    with qtbot.waitSignal(context.data_changed, timeout=10_000):
        qtbot.mouseClick(again.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    with database.reading() as session:
        saved = session.get(Teacher, teacher_id)
        assert saved is not None and (saved.phone, saved.email) == ("+7 701 555 44 33", "omarova@mektep.kz")
