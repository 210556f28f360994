"""What a user may not do is hidden or disabled, naming the role needed; the services' own refusal reaches the
user as a message, not a traceback; a database without users leaves everything open, until its first
administrator signs in."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from pedesk.models.database import Database
from pedesk.services.access import Role
from pedesk.ui.certificates.page import CertificatesPage
from pedesk.ui.context import AppContext
from pedesk.ui.main_window import SECTIONS, MainWindow
from pedesk.ui.reference.page import ReferencePage
from pedesk.ui.reference.trainers import TrainerDialog
from pedesk.ui.settings.page import SettingsPage
from pedesk.ui.widgets.permissions import locked_reason
from tests.builders import add_users, sign_in
from tests.ui.conftest import Messages, show

USERS_ROW = [key for key, _label in SECTIONS].index("users")
AUDIT_ROW = [key for key, _label in SECTIONS].index("audit")


def _as(database: Database, name: str) -> AppContext:
    context = AppContext(database)
    context.set_actor(sign_in(database, name))
    return context


def _closed(database: Database) -> Database:
    add_users(database, {"dana.k": {Role.REGISTRAR}, "aigerim.s": {Role.HEAD}, "marat.b": {Role.METHODOLOGIST}})
    return database


def test_the_users_page_is_hidden_for_a_registrar(qtbot: Any, database: Database) -> None:
    window = show(qtbot, MainWindow(_as(_closed(database), "dana.k")))
    assert window.navigation.item(USERS_ROW).isHidden()
    assert not window.navigation.item(AUDIT_ROW).isHidden()  # everyone reads the audit trail
    window.open_section("users")  # asked for all the same (a link): the window stays on a section it shows
    assert not window.navigation.currentItem().isHidden()


def test_a_registrar_sees_annul_disabled_with_the_role_needed(qtbot: Any, database: Database) -> None:
    page = show(qtbot, CertificatesPage(_as(_closed(database), "dana.k")))
    for button in (page.annul_button, page.reissue_button, page.duplicate_button, page.issue_button):
        assert not button.isEnabled() and "«head of the office»" in locked_reason(button)
    page.annul_button.setEnabled(True)  # the page enables it for a live certificate: it stays disabled
    assert not page.annul_button.isEnabled()
    assert locked_reason(page.annul_button) == (
        "Only a user with the role «head of the office» may do this: annulling a certificate.")
    assert locked_reason(page.print_button) == "" and page.print_button.isEnabled()  # a registrar prints


def test_the_head_may_annul(qtbot: Any, database: Database) -> None:
    context = _as(_closed(database), "aigerim.s")
    page = show(qtbot, CertificatesPage(context))
    assert locked_reason(page.annul_button) == "" and locked_reason(page.issue_button) == ""
    assert not page.annul_button.isEnabled()  # no certificate chosen: the page's own rule
    context.language_changed.emit("en")
    context.user_changed.emit()
    assert not page.annul_button.isEnabled()  # left as the page set it
    page.annul_button.setEnabled(True)
    assert page.annul_button.isEnabled()


def test_reference_and_settings_follow_the_roles(qtbot: Any, database: Database) -> None:
    _closed(database)
    registrar = _as(database, "dana.k")
    reference = show(qtbot, ReferencePage(registrar))
    assert not reference.trainers.add_record.isEnabled() and not reference.schools.import_button.isEnabled()
    settings = show(qtbot, SettingsPage(registrar))
    assert not settings.save_button.isEnabled() and "«administrator»" in locked_reason(settings.save_button)
    methodologist = show(qtbot, ReferencePage(_as(database, "marat.b")))
    assert methodologist.trainers.add_record.isEnabled()


def test_a_refusal_of_the_services_is_said_in_the_form(qtbot: Any, database: Database) -> None:
    context = _as(_closed(database), "dana.k")
    dialog = show(qtbot, TrainerDialog(context, None), 700, 600)
    save = dialog.button_box.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled() and "«methodologist»" in locked_reason(save)
    dialog.full_name.setText("Серік Әбенов")
    dialog.try_save()  # what the disabled button would do: the service refuses, the form says so
    assert dialog.isVisible() and dialog.general_error.isVisible()
    assert "dana.k may not do this" in dialog.general_error.text()
    assert "Nothing was changed" in dialog.general_error.text()


def test_an_open_database_allows_everything_until_its_first_administrator_signs_in(qtbot: Any,
                                                                                  database: Database) -> None:
    context = AppContext(database)
    page = show(qtbot, CertificatesPage(context))
    assert locked_reason(page.issue_button) == "" and page.issue_button.isEnabled()
    add_users(database, {})
    context.set_actor(sign_in(database, "admin"))  # what the Users page does after adding the first one
    assert not page.issue_button.isEnabled() and "«head of the office»" in locked_reason(page.issue_button)
    context.set_actor(sign_in(database, "admin"))
    assert not page.issue_button.isEnabled()


def test_a_refusal_no_page_caught_is_said_in_a_message_box(monkeypatch: Any, messages: Messages) -> None:
    import sys

    from pedesk.services.access import AccessDenied
    from pedesk.ui.app import say_refusals

    others: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _trace: others.append(error))
    say_refusals()
    sys.excepthook(AccessDenied, AccessDenied("dana.k may not do this."), None)
    sys.excepthook(RuntimeError, RuntimeError("a defect"), None)
    assert messages.shown == ["dana.k may not do this."]
    assert [str(error) for error in others] == ["a defect"]  # anything else goes on as before
