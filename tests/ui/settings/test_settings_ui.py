"""The Settings page as a user drives it: a complete form saves, problems appear under their fields, the
numbering example follows the typing, and a language switch retranslates the open page."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pedesk import i18n
from pedesk.models import Region
from pedesk.models.database import Database
from pedesk.services.reference.settings import load_office_settings
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.settings.page import SettingsPage
from tests.ui.conftest import show
from tests.ui.keys import retype

FORM = {
    "code": "KRG-MK",
    "name_kk": "Қарағанды облысының әдістемелік кабинеті",
    "name_ru": "Методический кабинет Карагандинской области",
    "city_kk": "Қарағанды",
    "city_ru": "Караганда",
    "head_name": "Ахметова Гүлнар Серікқызы",
    "head_position_kk": "Басшы",
    "head_position_ru": "Руководитель",
    "authorised_body_kk": "Қазақстан Республикасы Оқу-ағарту министрлігі",
    "authorised_body_ru": "Министерство просвещения Республики Казахстан",
}


@pytest.fixture
def page(qtbot: Any, context: AppContext) -> SettingsPage:
    return show(qtbot, SettingsPage(context))  # type: ignore[return-value]




def karaganda(database: Database) -> int:
    with database.reading() as session:
        return session.scalars(select(Region.id).where(Region.code == "KARAGANDA")).one()


def fill_form(qtbot: Any, page: SettingsPage, **changes: str) -> None:
    for name, value in {**FORM, **changes}.items():
        retype(qtbot, page.edits[name], value)
    page.region.setCurrentIndex(page.region.findData(karaganda(page.context.database)))


def click_save(qtbot: Any, page: SettingsPage) -> None:
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)


def test_first_time_the_form_is_empty_with_the_default_pattern(page: SettingsPage) -> None:
    assert page.edits["code"].text() == ""
    assert page.edits["numbering_pattern"].text() == "{office}-{year}-{seq:05}"
    assert page.region.currentData() is None
    assert "not set up yet" in page.signer_line.text()


def test_a_complete_form_is_saved(qtbot: Any, page: SettingsPage, context: AppContext, database: Database) -> None:
    fill_form(qtbot, page)
    with qtbot.waitSignal(context.data_changed, check_params_cb=lambda kind: kind == "office"):
        click_save(qtbot, page)
    assert page.saved.text() == "Saved."
    assert not any(label.isVisible() for label in page.errors.values())
    with database.reading() as session:
        stored = load_office_settings(session)
    assert stored is not None
    assert (stored.code, stored.name_kk, stored.region_id) == ("KRG-MK", FORM["name_kk"], karaganda(database))
    assert stored.authorised_body_ru == FORM["authorised_body_ru"]
    assert "signed now by the head: Ахметова Гүлнар Серікқызы" in page.signer_line.text()
    qtbot.keyClicks(page.edits["city_ru"], "!")  # editing again hides the confirmation
    assert page.saved.text() == ""


def test_a_bad_code_is_shown_under_the_code_field(qtbot: Any, page: SettingsPage, database: Database) -> None:
    fill_form(qtbot, page, code="KRG MK")
    click_save(qtbot, page)
    error = page.errors["code"]
    assert error.isVisible()
    assert error.text().startswith('Office code: "KRG MK" cannot be used.')
    assert [name for name, label in page.errors.items() if label.isVisible()] == ["code"]
    assert "correct the fields marked in red" in page.summary.text()
    assert page.saved.text() == ""
    with database.reading() as session:
        assert load_office_settings(session) is None


def test_the_acting_head_is_required_while_the_head_is_absent(
    qtbot: Any, page: SettingsPage, database: Database
) -> None:
    fill_form(qtbot, page)
    qtbot.mouseClick(page.head_absent, Qt.MouseButton.LeftButton)
    assert page.head_absent.isChecked()
    click_save(qtbot, page)
    error = page.errors["acting_head_name"]
    assert error.isVisible()
    assert error.text() == "Acting head's full name: this field is required. Fill it in."
    assert page.errors["acting_head_position_kk"].isVisible()
    retype(qtbot, page.edits["acting_head_name"], "Омаров Ерлан")
    assert not error.isVisible()  # the user is correcting it
    retype(qtbot, page.edits["acting_head_position_kk"], "Басшының м.а.")
    retype(qtbot, page.edits["acting_head_position_ru"], "И.о. руководителя")
    click_save(qtbot, page)
    assert page.saved.text() == "Saved."
    assert "acting head (п.32): Омаров Ерлан, И.о. руководителя" in page.signer_line.text()
    with database.reading() as session:
        stored = load_office_settings(session)
    assert stored is not None and stored.head_absent


def test_the_numbering_example_follows_the_typing(qtbot: Any, page: SettingsPage) -> None:
    year = page.context.today().year
    qtbot.keyClicks(page.edits["code"], "AST")
    assert page.example.text() == f"Example: the first certificate of {year} gets the number AST-{year}-00001."
    retype(qtbot, page.edits["numbering_pattern"], "{office}/{seq:03}")
    assert page.example.text().endswith("gets the number AST/001.")
    retype(qtbot, page.edits["numbering_pattern"], "{office}-{year}")
    assert "must contain {seq}" in page.example.text()
    click_save(qtbot, page)
    pattern_error = page.errors["numbering_pattern"]
    assert pattern_error.text().startswith("Certificate numbering pattern: The numbering pattern must contain")
    assert not page.example.isVisible()  # the same message is not shown twice
    qtbot.keyClicks(page.edits["numbering_pattern"], "-{seq}")
    assert page.example.isVisible() and page.example.text().endswith(f"AST-{year}-1.")


def test_a_language_switch_retranslates_the_open_page(
    qtbot: Any, page: SettingsPage, context: AppContext, english_afterwards: None
) -> None:
    fill_form(qtbot, page, code="KRG MK")
    click_save(qtbot, page)
    english = {
        "heading": page.heading.text(), "save": page.save_button.text(), "group": page.groups[0][0].title(),
        "code": page.labels["code"][0].text(), "error": page.errors["code"].text(),
        "absent": page.head_absent.text(), "region": page.region.currentText(),
        "empty": page.region.itemText(0),
    }
    install_qt_translations(QApplication.instance(), "ru")  # type: ignore[arg-type]
    context.language_changed.emit("ru")
    assert "Настройки" in page.heading.text()
    assert page.region.currentText() == "Карагандинская область"
    now = {
        "heading": page.heading.text(), "save": page.save_button.text(), "group": page.groups[0][0].title(),
        "code": page.labels["code"][0].text(), "error": page.errors["code"].text(),
        "absent": page.head_absent.text(), "region": page.region.currentText(),
        "empty": page.region.itemText(0),
    }
    assert all(now[key] != english[key] for key in english), now
    assert now["save"] == i18n._("Save")
    assert now["error"].startswith(i18n._("Office code").split()[0])  # checked again in Russian
    for label, source in page.labels.values():
        assert label.text() == i18n._(source)
