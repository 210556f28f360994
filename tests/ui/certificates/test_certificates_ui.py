"""The Certificates section (Сертификаттар / Сертификаты, п.29-32) driven like a user: issuing a cohort's
certificates with the refusal under the date, the verification box (typed, scanned, after annulling), printing
in the background into a preview (print, save as PDF, other offsets, cancel), reissue and duplicate, printer
calibration and the issue book."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from babel.support import NullTranslations
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk import i18n
from pedesk.models import (
    Certificate,
    CertificateDuplicate,
    Cohort,
)
from pedesk.models.database import Database
from pedesk.models.enums import CertificateStatus
from pedesk.services.certificates.issuing import issue_for_cohort
from pedesk.services.certificates.printing import (
    PrinterSettings,
    load_printer_settings,
    save_printer_settings,
)
from pedesk.ui.certificates.actions import AnnulDialog, DuplicateDialog, ReissueDialog
from pedesk.ui.certificates.book import IssueBookDialog
from pedesk.ui.certificates.calibration import CalibrationDialog
from pedesk.ui.certificates.issue import IssueDialog, IssueSummaryDialog
from pedesk.ui.certificates.page import CertificatesPage
from pedesk.ui.certificates.preview import PreviewDialog
from pedesk.ui.certificates.table import ERROR_COLOUR, FOLDER_KEY, OK_COLOUR, PDF_PRINTER
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import to_qdate
from pedesk.ui.window_settings import window_settings
from tests.builders import COURSE_END as END
from tests.builders import TODAY, USER, cohort, orleu, programme, signing_office, teacher, trained
from tests.ui.conftest import Messages, show
from tests.ui.keys import type_text

SAVE = QDialogButtonBox.StandardButton.Save
LEFT = Qt.MouseButton.LeftButton
PASSED = 3  # the cohort's listeners who passed; one more completed the course but failed the assessment


@pytest.fixture(autouse=True)
def messages(messages: Messages) -> Messages:
    return messages


def _listener(session: Session, group: Cohort, serial: int, passed: bool) -> None:
    trained(session, group, teacher(session, serial, f"Нұрғалиева{serial:02d}", "Әйгерім", patronymic="Серікқызы"),
            passed=passed)


@pytest.fixture
def cohort_id(database: Database) -> int:
    """Our office (head and positions set) and one finished cohort: 3 listeners passed, 1 failed."""
    with database.transaction() as session:
        office = signing_office(session)
        host = orleu(session)
        course = programme(session, office, "P72", "Оқытудағы жаңа тәсілдер", "Новые подходы в обучении", 72)
        group = cohort(session, office, course, "2026-041", END, host=host, capacity=25)
        session.flush()
        for serial in range(1, PASSED + 2):
            _listener(session, group, serial, passed=serial <= PASSED)
        return group.id


@pytest.fixture
def context(database: Database) -> Iterator[AppContext]:
    context = AppContext(database, today=lambda: TODAY)
    context.user = USER
    yield context
    context.runner.wait(20_000)


@pytest.fixture
def page(qtbot: Any, context: AppContext, cohort_id: int) -> CertificatesPage:
    return show(qtbot, CertificatesPage(context))


def issue(database: Database, cohort_id: int) -> list[str]:
    with database.transaction(USER, immediate=True) as session:
        return [c.number for c in issue_for_cohort(session, cohort_id, on=TODAY, today=TODAY, by=USER).issued]


def numbers(page: CertificatesPage) -> list[str]:
    return sorted(row.number for row in page.model.rows)


def pages_of(path: Path) -> int:
    return len(PdfReader(path).pages)


def error(dialog: Any, key: str) -> str:
    label = dialog.errors[key]
    return str(label.text()) if label.isVisible() else ""


# --- Issuing ----------------------------------------------------------------------------------------------------


def test_issuing_through_the_dialog_creates_certificates_and_the_list_shows_them(
    qtbot: Any, qtmodeltester: Any, page: CertificatesPage, database: Database, cohort_id: int,
) -> None:
    assert page.model.rows == []
    dialog = page.issue()
    assert isinstance(dialog, IssueDialog) and dialog.isVisible()
    assert dialog.cohort.currentData() == cohort_id
    assert "2026-041" in dialog.cohort.currentText() and "3 listeners wait" in dialog.cohort.currentText()
    dialog.on.setDate(to_qdate(TODAY + timedelta(days=1)))
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    qtbot.waitUntil(lambda: bool(error(dialog, "on")), timeout=10_000)
    assert "in the future" in error(dialog, "on")
    dialog.on.setDate(to_qdate(TODAY))
    with qtbot.waitSignal(page.context.data_changed, timeout=10_000,
                          check_params_cb=lambda kind: kind == "certificate"):
        qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    summary = page.dialog
    assert isinstance(summary, IssueSummaryDialog) and summary.isVisible()
    issued = ["KRG-2026-00001", "KRG-2026-00002", "KRG-2026-00003"]
    assert [number for _id, number, _holder in summary.outcome.issued] == issued
    assert "3 certificates issued" in summary.heading.text()
    assert "has not passed the final assessment" in summary.details.toPlainText()
    assert numbers(page) == issued
    qtmodeltester.check(page.model)
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Certificate)) == PASSED
    qtbot.mouseClick(summary.print_button, LEFT)  # print them at once
    preview = wait_preview(qtbot, page)
    assert pages_of(preview.pdf) == PASSED
    preview.reject()
    assert page.printer.preview is None
    again = page.issue()  # nobody waits now: the one who failed needs a passed assessment first
    assert again.cohort.count() == 0 and "No cohort has listeners waiting" in again.note.text()
    again.reject()


# --- Verification -----------------------------------------------------------------------------------------------


def verify(qtbot: Any, page: CertificatesPage, text: str) -> str:
    page.verify_input.clear()
    type_text(qtbot, page.verify_input, text)
    qtbot.keyClick(page.verify_input, Qt.Key.Key_Return)
    return str(page.verify_result.text())


def test_the_verify_box_answers_then_says_annulled_after_annulling(
    qtbot: Any, page: CertificatesPage, database: Database, cohort_id: int,
) -> None:
    first = issue(database, cohort_id)[0]
    page.model.refresh()
    answer = verify(qtbot, page, first)
    assert "VALID" in answer and OK_COLOUR in answer and f"Certificate {first}" in answer
    with database.reading() as session:
        code = session.scalars(select(Certificate.verification_code).where(Certificate.number == first)).one()
    assert "VALID" in verify(qtbot, page, f"PEDESK {code} {first}")  # a USB scanner types the QR text
    assert "VALID" in verify(qtbot, page, f"{code[:5]}-{code[5:]}".lower())
    page.verify_input.clear()
    type_text(qtbot, page.verify_input, "XYZ-0000-123")
    qtbot.mouseClick(page.verify_button, LEFT)
    junk = page.verify_result.text()
    assert "UNKNOWN" in junk and "No certificate has the number" in junk and ERROR_COLOUR in junk
    verify(qtbot, page, first)
    page.table.selectRow([row.number for row in page.model.rows].index(first))
    assert page.annul_button.isEnabled()
    qtbot.mouseClick(page.annul_button, LEFT)
    dialog = page.dialog
    assert isinstance(dialog, AnnulDialog) and dialog.isVisible()
    type_text(qtbot, dialog.order_no, "15-Ө")
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert dialog.isVisible()
    assert error(dialog, "reason").startswith("Reason: required")
    assert error(dialog, "order_date").startswith("Order date: required")
    type_text(qtbot, dialog.reason, "Құжаттар жалған болып шықты")
    dialog.order_date.setDate(to_qdate(TODAY))
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert not dialog.isVisible()
    answer = page.verify_result.text()  # the open answer follows the change
    assert "ANNULLED" in answer and "Құжаттар жалған болып шықты" in answer and ERROR_COLOUR in answer
    row = [row.number for row in page.model.rows].index(first)
    status = page.model.index(row, 8)
    assert page.model.data(status) == "annulled"
    assert page.model.data(status, Qt.ItemDataRole.ForegroundRole) == QColor(ERROR_COLOUR)
    assert not page.annul_button.isEnabled()


# --- Printing ---------------------------------------------------------------------------------------------------


def wait_preview(qtbot: Any, page: CertificatesPage) -> PreviewDialog:
    qtbot.waitUntil(lambda: page.printer.preview is not None, timeout=20_000)
    preview = page.printer.preview
    assert isinstance(preview, PreviewDialog) and preview.isVisible()
    return preview


def test_printing_a_cohort_runs_in_the_background_into_a_preview_then_a_printer_and_a_file(
    qtbot: Any, page: CertificatesPage, database: Database, cohort_id: int, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    issue(database, cohort_id)
    page.filter_by_cohort(cohort_id)
    assert len(page.model.rows) == PASSED
    assert page.print_actions["cohort"].isEnabled()
    page.print_actions["cohort"].trigger()
    assert page.printer.handle is not None and page.printer.handle.running  # not on the UI thread
    preview = wait_preview(qtbot, page)
    assert pages_of(preview.pdf) == PASSED == preview.document.pageCount()
    assert "3 certificates, KRG-2026-00001 – KRG-2026-00003" in preview.summary.text()
    printed = tmp_path / "printer.pdf"

    def choose_pdf_printer(_self: PreviewDialog, printer: QPrinter) -> bool:
        assert printer.fullPage()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(150)
        return True

    monkeypatch.setattr(PreviewDialog, "ask_printer", choose_pdf_printer)
    qtbot.mouseClick(preview.print_button, LEFT)
    qtbot.waitUntil(lambda: preview.printed_pages == PASSED, timeout=20_000)
    assert pages_of(printed) == PASSED
    # the PDF entry is calibrated meanwhile: Save as PDF lays the pages out again with its shift
    with database.transaction() as session:
        save_printer_settings(session, PrinterSettings(PDF_PRINTER, 2.5, 0.0, False))
    saved = tmp_path / "out" / "certificates"
    saved.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(saved), "")))
    qtbot.mouseClick(preview.save_button, LEFT)
    qtbot.waitUntil(lambda: preview.saved_to is not None, timeout=20_000)
    assert preview.saved_to == saved.with_name("certificates.pdf")
    assert pages_of(preview.saved_to) == PASSED
    assert preview.settings.x_mm == 2.5 and "2.5 mm to the right" in preview.layout_note.text()
    assert window_settings().value(FOLDER_KEY) == str(saved.parent)
    preview.reject()


def test_cancelling_a_print_run_leaves_no_file(
    qtbot: Any, page: CertificatesPage, database: Database, cohort_id: int,
) -> None:
    issue(database, cohort_id)
    page.filter_by_cohort(cohort_id)
    handle = page.print_cohort()
    with qtbot.waitSignal(handle.done, timeout=20_000):
        handle.cancel()
    assert page.printer.preview is None
    assert list(page.printer.folder.iterdir()) == []


def test_reissue_and_a_duplicate_offer_to_print_at_once(
    qtbot: Any, page: CertificatesPage, database: Database, cohort_id: int, messages: Messages,
) -> None:
    first = issue(database, cohort_id)[0]
    page.model.refresh()
    page.table.selectRow([row.number for row in page.model.rows].index(first))
    dialog = page.reissue()
    assert isinstance(dialog, ReissueDialog)
    type_text(qtbot, dialog.reason, "Тегі өзгерді")
    type_text(qtbot, dialog.order_no, "16-Ө")
    dialog.order_date.setDate(to_qdate(TODAY))
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert not dialog.isVisible()
    assert messages.shown[-1] == f"Certificate {first} is replaced by KRG-2026-00004. Print the new certificate now?"
    assert page.printer.handle is None  # answered No
    assert "KRG-2026-00004" in numbers(page)
    page.table.selectRow([row.number for row in page.model.rows].index(first))
    assert not page.duplicate_button.isEnabled()  # a replaced certificate has no duplicates
    page.table.selectRow([row.number for row in page.model.rows].index("KRG-2026-00004"))
    dialog = page.duplicate()
    assert isinstance(dialog, DuplicateDialog)
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert error(dialog, "reason").startswith("Reason: required")
    type_text(qtbot, dialog.reason, "жоғалды")
    type_text(qtbot, dialog.application_no, "42")
    messages.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    preview = wait_preview(qtbot, page)
    assert "duplicate of certificate KRG-2026-00004" in preview.summary.text()
    assert pages_of(preview.pdf) == 1
    with database.reading() as session:
        duplicate = session.scalars(select(CertificateDuplicate)).one()
        assert (duplicate.reason, duplicate.application_no, duplicate.by) == ("жоғалды", "42", USER)
        old = session.scalars(select(Certificate).where(Certificate.number == first)).one()
        assert old.status == CertificateStatus.SUPERSEDED
    preview.reject()


# --- Calibration and the issue book -------------------------------------------------------------------------------


def test_the_calibration_dialog_saves_offsets_that_load_back_and_prints_a_test_page(
    qtbot: Any, page: CertificatesPage, database: Database,
) -> None:
    qtbot.mouseClick(page.calibrate_button, LEFT)
    dialog = page.dialog
    assert isinstance(dialog, CalibrationDialog) and dialog.isVisible()
    assert dialog.chosen_printer() == PDF_PRINTER and dialog.printer_name.currentText() == "PDF file (no printer)"
    dialog.x_mm.setValue(1.5)
    dialog.y_mm.setValue(-2.0)
    dialog.blank_form.setChecked(True)
    qtbot.mouseClick(dialog.test_button, LEFT)
    preview = wait_preview(qtbot, page)
    assert pages_of(preview.pdf) == 1 and "1.5 mm to the right, 2 mm up" in preview.layout_note.text()
    preview.reject()
    qtbot.mouseClick(dialog.button_box.button(SAVE), LEFT)
    assert not dialog.isVisible()
    with database.reading() as session:
        assert load_printer_settings(session, PDF_PRINTER) == PrinterSettings(PDF_PRINTER, 1.5, -2.0, True)
    again = page.calibrate()
    assert (again.x_mm.value(), again.y_mm.value(), again.blank_form.isChecked()) == (1.5, -2.0, True)
    again.reject()


def test_the_issue_book_writes_an_xlsx_that_opens(
    qtbot: Any, page: CertificatesPage, database: Database, cohort_id: int, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, messages: Messages,
) -> None:
    issued = issue(database, cohort_id)
    target = tmp_path / "book.xlsx"
    asked: list[str] = []

    def save_name(_parent: Any, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        asked.append(proposed)
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    qtbot.mouseClick(page.book_button, LEFT)
    dialog = page.book.dialog
    assert isinstance(dialog, IssueBookDialog)
    assert dialog.period() == (date(2026, 11, 1), date(2026, 11, 30))
    dialog.book_language.setCurrentIndex(dialog.book_language.findData("ru"))
    dialog.book_format.setCurrentIndex(dialog.book_format.findData("xlsx"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert asked[0].endswith("журнал_выдачи_сертификатов_2026-11-01_2026-11-30.xlsx")
    qtbot.waitUntil(lambda: any("was saved to" in text for text in messages.shown), timeout=20_000)
    sheet: Any = openpyxl.load_workbook(target).active
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert set(issued) <= cells


# --- Language -----------------------------------------------------------------------------------------------------


class _Marked(NullTranslations):
    """A catalogue that marks every translated text, to see which texts follow a language switch."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


def test_switching_the_language_retranslates_the_page_and_its_open_dialog(
    qtbot: Any, page: CertificatesPage, database: Database, cohort_id: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    number = issue(database, cohort_id)[0]
    page.model.refresh()
    verify(qtbot, page, number)
    page.table.selectRow(0)
    dialog = page.annul()
    assert dialog is not None
    monkeypatch.setattr(i18n, "_translations", lambda _lang: _Marked())
    page.context.language_changed.emit("kk")
    assert page.heading.text() == "<h2>«Certificates»</h2>"
    assert (page.issue_button.text(), page.verify_button.text()) == ("«Issue…»", "«Check»")
    assert page.print_actions["cohort"].text() == "«All certificates of the cohort»"
    assert page.cohort.itemText(0) == "«All cohorts»"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "«Number»"
    assert page.model.data(page.model.index(0, 8)) == "«valid»"
    assert page.verify_result.text().count("«") >= 2  # the status and the summary
    label = dialog.field_label("reason")
    assert dialog.windowTitle() == "«Annul a certificate»" and label is not None and label.text() == "«Reason»"
    dialog.reject()
