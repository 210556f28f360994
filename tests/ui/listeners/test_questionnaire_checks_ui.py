"""The questionnaire form obeys the service's checks of life dates and text (issue 14 points 6 and 7): a date of
birth in the future, more years of service than the age allows and a pasted hidden character are each shown
under their field, and nothing is saved."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from pedesk.models import Teacher
from pedesk.models.database import Database
from pedesk.services.rules.iin import make_iin
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.questionnaire import QuestionnaireDialog
from pedesk.ui.widgets.records import set_date
from tests.ui.conftest import show
from tests.ui.keys import type_text

TODAY = date(2026, 11, 25)


def test_future_birth_impossible_service_and_hidden_characters_are_shown_under_their_fields(
    qtbot: Any, database: Database
) -> None:
    context = AppContext(database, today=lambda: TODAY)
    dialog = show(qtbot, QuestionnaireDialog(context, None), 1366, 768)
    future = date(2027, 2, 1)
    type_text(qtbot, dialog.surname, "Болашақова")
    dialog.name.setText("Ай\u200bгерім")  # pasted from a web page
    type_text(qtbot, dialog.iin, make_iin(future, "female", 81))
    set_date(dialog.birth_date, future)
    dialog.total_years.setValue(3)
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "is in the future" in dialog.errors["birth_date"].text()
    assert "hidden character (U+200B) at position 3" in dialog.errors["name"].text()
    set_date(dialog.birth_date, date(2000, 1, 1))
    dialog.iin.setText(make_iin(date(2000, 1, 1), "female", 81))
    dialog.name.setText("Айгерім")
    dialog.total_years.setValue(13)  # 26 years old: at most 12 years of service
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert "more than a person of 26 can have worked" in dialog.errors["total_experience_years"].text()
    with database.reading() as session:
        assert session.scalar(select(func.count(Teacher.id))) == 0
    dialog.total_years.setValue(12)
    with qtbot.waitSignal(context.data_changed, timeout=10_000):
        qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    with database.reading() as session:
        assert session.scalar(select(func.count(Teacher.id))) == 1

