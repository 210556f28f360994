"""The main window's shell: sections, runtime language switch, remembered geometry, the paged model and
the background runner."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk import i18n
from pedesk.models import RegionName
from pedesk.models.database import Database
from pedesk.services.common.text import like_pattern
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.main_window import SECTIONS, MainWindow, PlaceholderPage
from pedesk.ui.widgets.paged_model import Column, PagedTableModel


def _window(qtbot: Any, context: AppContext) -> MainWindow:
    window = MainWindow(context, factories={})
    qtbot.addWidget(window)
    window.show()
    return window


def test_language_switch_retranslates_the_open_window(qtbot: Any, context: AppContext) -> None:
    install_qt_translations(QApplication.instance(), "kk")  # type: ignore[arg-type]
    window = _window(qtbot, context)
    page = window.open_section("certificates")
    assert isinstance(page, PlaceholderPage)
    assert window.navigation.item(0).text() == "Басты бет"
    assert "Сертификаттар" in page.heading.text()
    window.set_language("ru")
    assert window.navigation.item(0).text() == "Сводка"
    assert "Сертификаты" in page.heading.text()
    assert window.language_menu.title() == "&Язык"
    window.set_language("en")
    assert window.navigation.item(4).text() == "Certificates"
    assert "not available" in page.note.text()


def test_qt_standard_buttons_are_translated(qtbot: Any) -> None:
    app = QApplication.instance()
    assert install_qt_translations(app, "ru")  # type: ignore[arg-type]
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"
    install_qt_translations(app, "en")  # type: ignore[arg-type]


def test_every_section_is_reachable(qtbot: Any, context: AppContext) -> None:
    window = _window(qtbot, context)
    for key, _label in SECTIONS:
        assert window.open_section(key) is window.stack.currentWidget()


def test_geometry_is_remembered(qtbot: Any, context: AppContext) -> None:
    first = _window(qtbot, context)
    first.resize(720, 520)
    first.close()
    second = _window(qtbot, context)
    assert (second.width(), second.height()) == (720, 520)


def _region_names(session: Session, text: str, offset: int, limit: int) -> Sequence[Any]:
    query = select(RegionName).order_by(RegionName.id)
    if text:
        query = query.where(RegionName.name_kk.like(f"%{text}%") | RegionName.name_ru.like(like_pattern(text)))
    return session.scalars(query.offset(offset).limit(limit)).all()


def test_paged_model_pages_and_passes_modeltester(qtmodeltester: Any, database: Database) -> None:
    model = PagedTableModel(database, _region_names, [Column("Certificates", lambda r: r.name_kk),
                                                      Column("Code", lambda r: r.id, align_right=True)],
                            page_size=5)
    model.set_filter("")
    assert model.rowCount() == 5 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 23
    qtmodeltester.check(model)
    model.set_filter("облысы")
    assert 0 < model.rowCount() <= 5
    i18n.set_language("ru")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Сертификаты"


def test_runner_reports_progress_and_result(qtbot: Any, context: AppContext) -> None:
    seen: list[int] = []
    results: list[object] = []

    def work(progress: Any) -> str:
        for i in range(5):
            progress(i + 1, 5, "step")
            seen.append(i)
        return "done"

    handle = context.runner.run(work, on_done=results.append, show_progress=False)
    with qtbot.waitSignal(handle.done, timeout=5000):
        pass
    assert results == ["done"] and seen == [0, 1, 2, 3, 4]


def test_runner_cancel_stops_the_work(qtbot: Any, context: AppContext) -> None:
    started = threading.Event()
    outcome: list[str] = []

    def work(progress: Any) -> None:
        started.set()
        for i in range(10_000):
            progress(i, 10_000, "")
            threading.Event().wait(0.001)
        outcome.append("finished")

    handle = context.runner.run(work, on_done=lambda _r: outcome.append("done"), show_progress=False)
    started.wait(5)
    handle.cancel()
    with qtbot.waitSignal(handle.done, timeout=5000):
        pass
    assert outcome == []


def test_runner_error_goes_to_the_callback(qtbot: Any, context: AppContext) -> None:
    errors: list[BaseException] = []

    def work(_progress: Any) -> None:
        raise ValueError("bad row 7")

    handle = context.runner.run(work, on_error=errors.append, show_progress=False)
    with qtbot.waitSignal(handle.done, timeout=5000):
        pass
    assert [str(e) for e in errors] == ["bad row 7"]


def test_signal_emit_keeps_reference_counts(context: AppContext) -> None:
    """PySide6 6.12.0 lost a reference to True on every emit and crashed the app after a few hundred."""
    import sys

    received: list[str] = []
    context.data_changed.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(300):
        context.changed("cohort")
    assert len(received) == 300
    assert sys.getrefcount(True) - before > -50
