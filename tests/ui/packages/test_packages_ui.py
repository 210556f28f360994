"""The Packages section (п.17) driven like a user: the export dialog writes a package in the background; an import
first shows what it would change, Apply changes the data and the receipt is saved; the history lists packages
sent and received; a refused package shows its problems and changes nothing; the page follows the language."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.support import NullTranslations
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from sqlalchemy import func, select

from pedesk import i18n
from pedesk.i18n import format_number
from pedesk.models import PackageLog, Teacher
from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.packages.export import export_package
from pedesk.services.packages.overview import consolidation
from pedesk.services.rules.paragraphs import parse_period
from pedesk.ui.context import AppContext
from pedesk.ui.packages.export import PackageExportDialog
from pedesk.ui.packages.importing import ImportReviewDialog, RejectedDialog
from pedesk.ui.packages.page import PackagesPage
from pedesk.ui.packages.views import FOLDER_KEY
from pedesk.ui.widgets.choices import to_qdate
from pedesk.ui.window_settings import window_settings
from tests.backends import Backend
from tests.builders import Template, demo_template, stored
from tests.ui.conftest import Messages

TODAY = date(2026, 11, 25)
USER = "aigul"
LEFT = Qt.MouseButton.LeftButton
OK = QDialogButtonBox.StandardButton.Ok


@pytest.fixture(autouse=True)
def messages(messages: Messages) -> Messages:
    messages.answer = QMessageBox.StandardButton.Ok
    return messages


@pytest.fixture(scope="module")
def demo(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Template:
    return demo_template(backend, tmp_path_factory, "packages-ui", TODAY, teachers=200, seed=5, office_code="KRG-MK")


@pytest.fixture(scope="module")
def package(demo: Template, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The office's package of the half-year we are in (the demo's records are created now)."""
    target = tmp_path_factory.mktemp("packages-ui-zip") / "pedesk-KRG-MK.zip"
    database, _report = open_database(demo.copy(target.parent, "krg.sqlite3"))  # used up here: dropped after this test
    start, end = parse_period(f"{TODAY.year}-H{1 if TODAY.month <= 6 else 2}")  # the demo's records are on its day
    with database.transaction(USER) as session:
        export_package(session, target, start=start, end=end, label="", by=USER)
    database.dispose()
    return target


def _page(qtbot: Any, database: Database) -> tuple[PackagesPage, AppContext]:
    context = AppContext(database, today=lambda: TODAY)
    context.user = USER
    page = PackagesPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    qtbot.waitUntil(lambda: page.consolidation_model.rowCount() > 0, timeout=20_000)  # counted in the background
    return page, context


@pytest.fixture
def office(qtbot: Any, demo: Template, tmp_path: Path) -> Iterator[tuple[PackagesPage, Database]]:
    database, _report = open_database(demo.copy(tmp_path, "office.sqlite3"))
    page, context = _page(qtbot, database)
    yield page, database
    context.runner.wait(20_000)
    database.dispose()


@pytest.fixture
def region(qtbot: Any, database: Database) -> Iterator[PackagesPage]:
    """The page on an empty database: the regional administration's before any package arrived."""
    page, context = _page(qtbot, database)
    yield page
    context.runner.wait(20_000)


def _teachers(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count(Teacher.id))) or 0)


def _cells(page: PackagesPage, model_name: str) -> list[list[str]]:
    model = getattr(page, model_name)
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_export_dialog_writes_the_package_in_the_background(
    qtbot: Any, office: tuple[PackagesPage, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: Messages,
) -> None:
    page, _database = office
    target = tmp_path / "out" / "package.zip"
    target.parent.mkdir()
    asked: list[str] = []

    def save_name(_parent: Any, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        asked.append(proposed)
        return str(target.with_suffix("")), _filter  # the suffix is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    assert _cells(page, "history_model") == []
    qtbot.mouseClick(page.export_button, LEFT)
    dialog = page.exporter.dialog
    assert isinstance(dialog, PackageExportDialog) and not dialog.consolidated.isChecked()
    assert dialog.picker.period() == (date(2026, 7, 1), date(2026, 12, 31))  # November: the coming January's
    dialog.picker.set_period(*parse_period(f"{TODAY.year}-H{1 if TODAY.month <= 6 else 2}"))
    qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
    assert Path(asked[0]).name.startswith("pedesk-KRG-MK-") and asked[0].endswith(".zip")
    qtbot.waitUntil(lambda: any("was saved to" in text for text in messages.shown), timeout=30_000)
    assert str(target) in messages.shown[-1] and "Teachers: 200" in messages.shown[-1]
    assert {"manifest.json", "data.xlsx"} <= set(zipfile.ZipFile(target).namelist())
    assert window_settings().value(FOLDER_KEY) == str(target.parent)
    history = _cells(page, "history_model")
    assert len(history) == 1 and history[0][1] == "Sent" and history[0][-1] == "package.zip"


def test_a_reversed_period_is_refused_in_the_dialog(qtbot: Any, office: tuple[PackagesPage, Database],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    page, _database = office
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: pytest.fail("asked for a file")))
    dialog = page.export()
    dialog.picker.set_period(date(2026, 5, 1), date(2026, 3, 1))
    qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
    assert dialog.isVisible() and "ends before it starts" in dialog.error.text()


def test_import_shows_a_dry_run_then_apply_changes_the_data_and_saves_the_receipt(
    qtbot: Any, region: PackagesPage, database: Database, package: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, messages: Messages,
) -> None:
    page = region
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(package), "")))
    qtbot.mouseClick(page.import_button, LEFT)
    qtbot.waitUntil(lambda: page.importer.dialog is not None, timeout=30_000)
    review = page.importer.dialog
    assert isinstance(review, ImportReviewDialog) and not review.summary.applied
    counts = review.tables["counts"]
    sheets = [counts.item(r, 0).text() for r in range(counts.rowCount())]
    assert "Teachers" in sheets and sheets[-1] == "Total"
    assert counts.item(sheets.index("Teachers"), 1).text() == "200"  # added
    assert "Nothing has been changed yet" in review.heading.text()
    assert _teachers(database) == 0  # the dry run changed nothing
    qtbot.mouseClick(review.action, LEFT)  # Apply
    qtbot.waitUntil(lambda: isinstance(page.importer.dialog, ImportReviewDialog)
                    and page.importer.dialog.summary.applied, timeout=30_000)
    assert _teachers(database) == 200
    history = _cells(page, "history_model")
    assert len(history) == 1 and history[0][1] == "Received" and history[0][2] == "KRG-MK"
    qtbot.waitUntil(lambda: page.consolidation_model.rowCount() == 2, timeout=20_000)
    assert [row[0] for row in _cells(page, "consolidation_model")] == ["KRG-MK", "Total"]
    assert page.office.findData("KRG-MK") > 0
    receipt = tmp_path / "receipt.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(receipt), "")))
    applied = page.importer.dialog
    assert isinstance(applied, ImportReviewDialog)
    qtbot.mouseClick(applied.action, LEFT)  # Save receipt…
    qtbot.waitUntil(lambda: any("receipt was saved" in text for text in messages.shown), timeout=30_000)
    assert receipt.is_file()
    assert page.history_model.rows[0].receipt_path == str(receipt)


def test_history_lists_packages_received_and_sent(qtbot: Any, region: PackagesPage, package: Path,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  messages: Messages) -> None:
    page = region
    handle = page.importer.run(package, dry_run=False)
    with qtbot.waitSignal(handle.done, timeout=30_000):
        pass
    target = tmp_path / "all.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    qtbot.mouseClick(page.consolidated_button, LEFT)
    dialog = page.exporter.dialog
    assert isinstance(dialog, PackageExportDialog) and dialog.consolidated.isChecked()
    dialog.picker.set_period(*parse_period(f"{TODAY.year}-H{1 if TODAY.month <= 6 else 2}"))
    qtbot.mouseClick(dialog.buttons.button(OK), LEFT)  # no office of its own: the consolidated package is allowed
    qtbot.waitUntil(lambda: any("was saved to" in text for text in messages.shown), timeout=30_000)
    assert target.is_file()
    history = _cells(page, "history_model")
    assert [row[1] for row in history] == ["Sent", "Received"]
    assert history[0][4] == "exported, all offices" and history[1][4] == "imported"


def test_a_refused_package_shows_its_problems_and_changes_nothing(
    qtbot: Any, region: PackagesPage, database: Database, tmp_path: Path,
) -> None:
    page = region
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 this is not a package")
    before = stored(database.url)
    page.importer.start(broken)
    qtbot.waitUntil(lambda: isinstance(page.importer.dialog, RejectedDialog), timeout=30_000)
    dialog = page.importer.dialog
    assert isinstance(dialog, RejectedDialog)
    assert "nothing was changed" in dialog.heading.text() and "broken.zip" in dialog.heading.text()
    problems = dialog.tables["problems"]
    assert problems.rowCount() >= 1 and problems.item(0, 3).text()
    assert stored(database.url) == before and _cells(page, "history_model") == []


class _Marked(NullTranslations):
    """A catalogue that marks every translated text, to see which texts follow a language switch."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


def test_models_and_the_language(qtbot: Any, qtmodeltester: Any, office: tuple[PackagesPage, Database],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    page, _database = office
    qtmodeltester.check(page.consolidation_model)
    qtmodeltester.check(page.history_model)
    dialog = page.export()
    monkeypatch.setattr(i18n, "_translations", lambda _lang: _Marked())
    page.context.language_changed.emit("en")
    assert page.heading.text() == "<h2>«Data packages»</h2>"
    assert (page.export_button.text(), page.import_button.text()) == ("«Export…»", "«Import…»")
    assert (page.tabs.tabText(0), page.tabs.tabText(1)) == ("«Consolidation»", "«History»")
    assert page.office.itemText(0) == "«All offices»" and page.period.half.itemText(1) == "«July – December»"
    model = page.consolidation_model
    assert model.headerData(2, Qt.Orientation.Horizontal) == "«Listeners»"
    assert model.data(model.index(model.rowCount() - 1, 0)) == "«Total»"
    assert dialog.windowTitle() == "«Export a data package»"
    assert dialog.consolidated.text() == "«All offices (consolidated package)»"
    dialog.reject()


def test_the_consolidation_follows_the_period_and_office_filters(
    qtbot: Any, office: tuple[PackagesPage, Database],
) -> None:
    page, database = office
    model = page.consolidation_model
    with database.reading() as session:
        everything = consolidation(session)
        half = consolidation(session, start=date(2026, 7, 1), end=date(2026, 12, 31))
    assert [row.listeners for row in model.rows] == [row.listeners for row in half]  # the coming package's
    page.period.mode.setCurrentIndex(page.period.mode.findData("all"))
    qtbot.waitUntil(lambda: [row.listeners for row in model.rows] == [row.listeners for row in everything])
    assert everything[0].listeners != half[0].listeners
    assert model.data(model.index(0, 2)) == format_number(everything[0].listeners)
    page.period.mode.setCurrentIndex(page.period.mode.findData("dates"))
    page.period.start.setDate(to_qdate(date(2026, 5, 1)))
    page.period.end.setDate(to_qdate(date(2026, 3, 1)))
    assert page.filter_error.isVisibleTo(page) and "ends before it starts" in page.filter_error.text()


def test_cancel_during_an_import_stops_it_and_changes_nothing(
    qtbot: Any, region: PackagesPage, database: Database, package: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pedesk.services.packages import importing

    page = region
    applied = importing._Run.sheet

    def sheet(run: Any, spec: Any) -> None:
        if spec.name == "teachers":  # the sheets before were written: the dialog's Cancel is pressed now
            assert page.importer.handle is not None
            page.importer.handle.cancel()
        applied(run, spec)

    monkeypatch.setattr(importing._Run, "sheet", sheet)
    page.importer.run(package, dry_run=False)
    qtbot.waitUntil(lambda: isinstance(page.importer.dialog, QMessageBox), timeout=30_000)
    assert page.importer.dialog.text() == "Stopped; nothing was changed."
    assert _teachers(database) == 0
    with database.reading() as session:
        assert session.scalar(select(func.count(PackageLog.id))) == 0


def test_cancel_during_an_export_says_nothing_was_written_and_leaves_no_file(
    qtbot: Any, office: tuple[PackagesPage, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from pedesk.services.packages import export as export_module
    from pedesk.services.packages.spec import sheet_title
    from pedesk.ui.packages import export as export_dialog
    from pedesk.ui.packages.export import ExportRequest

    page, database = office
    monkeypatch.setattr(export_module, "_PROGRESS_EVERY", 1)
    written = export_dialog.export_package
    teachers = {sheet_title("teachers", lang) for lang in ("kk", "ru", "en")}

    def export_cancelled_mid_sheet(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def pressed_cancel(done: int, total: int, text: str) -> None:
            if text in teachers:  # the dialog's Cancel, pressed in the middle of the teachers' sheet
                for _wait in range(500):  # this runs on the worker: the handle is set once run() returns
                    if page.exporter.handle is not None:
                        break
                    time.sleep(0.01)
                assert page.exporter.handle is not None
                page.exporter.handle.cancel()
            progress(done, total, text)
        return written(*args, progress=pressed_cancel, **kwargs)

    monkeypatch.setattr(export_dialog, "export_package", export_cancelled_mid_sheet)
    target = tmp_path / "out" / "package.zip"
    target.parent.mkdir()
    start, end = parse_period(f"{TODAY.year}-H{1 if TODAY.month <= 6 else 2}")
    page.exporter.run(ExportRequest(start=start, end=end, consolidated=False), target)
    qtbot.waitUntil(lambda: page.exporter.message is not None, timeout=30_000)
    assert page.exporter.message.text() == "Stopped; nothing was written."
    assert page.exporter.result is None and list(target.parent.iterdir()) == []
    with database.reading() as session:
        assert session.scalar(select(func.count(PackageLog.id))) == 0
