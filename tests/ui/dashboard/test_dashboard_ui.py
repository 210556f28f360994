"""The Dashboard page as a user sees it: the set-up banner, cohorts starting soon, lists to form."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pedesk.models.database import Database
from pedesk.services.support.records import WorkData, record_work
from pedesk.ui.app import install_qt_translations
from pedesk.ui.context import AppContext
from pedesk.ui.dashboard.page import DashboardPage
from pedesk.ui.main_window import MainWindow
from tests.services.reports.test_dashboard import _add_cohorts
from tests.services.support.test_support import USER, World
from tests.services.support.test_support import world as world  # noqa: F401 - the fixture

TODAY = date(2026, 4, 10)


def _texts(page: DashboardPage, key: str) -> list[str]:
    items = page.boxes[key][1]
    return [items.item(i).text() for i in range(items.count())]


def test_empty_office_shows_the_set_up_banner_and_opens_settings(qtbot: Any, database: Database) -> None:
    context = AppContext(database, today=lambda: TODAY)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    assert page.setup_banner.isVisible() and "Settings" in page.setup_banner.text()
    assert _texts(page, "starting") == ["No cohort starts within 30 days."]
    qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
    assert window.navigation.currentItem().data(Qt.ItemDataRole.UserRole) == "settings"


def test_cohorts_and_lists_appear_and_follow_data_and_language(qtbot: Any, database: Database) -> None:
    _add_cohorts(database, {"SOON": TODAY + timedelta(days=5), "D45": TODAY + timedelta(days=45)})
    context = AppContext(database, today=lambda: TODAY)
    page = DashboardPage(context)
    qtbot.addWidget(page)
    page.show()
    assert not page.setup_banner.isVisible()
    starting = _texts(page, "starting")
    assert len(starting) == 1 and starting[0].startswith("in 5 days: Cohort SOON")
    assert sorted(text.split(":")[0] for text in _texts(page, "lists")) == ["in 45 days", "in 5 days"]
    assert page.boxes["lists"][0].title().endswith("(2)")
    opened: list[int] = []
    page.open_cohort.connect(opened.append)
    items = page.boxes["starting"][1]
    items.itemActivated.emit(items.item(0))
    assert len(opened) == 1
    _add_cohorts_more = {"NEXT": TODAY + timedelta(days=9)}
    from sqlalchemy import select

    from pedesk.models import Cohort

    with database.transaction() as session:
        first = session.scalars(select(Cohort)).first()
        assert first is not None
        session.add(Cohort(office_id=first.office_id, code="NEXT", programme_id=first.programme_id,
                           provider_id=first.provider_id, start_date=_add_cohorts_more["NEXT"],
                           end_date=_add_cohorts_more["NEXT"] + timedelta(days=4), language=first.language,
                           capacity=20))
    context.changed("cohort")
    assert len(_texts(page, "starting")) == 2
    app = QApplication.instance()
    install_qt_translations(app, "kk")  # type: ignore[arg-type]
    context.language_changed.emit("kk")
    assert "Басты бет" in page.heading.text()
    assert _texts(page, "starting")[0].startswith("5 күннен кейін")
    install_qt_translations(app, "en")  # type: ignore[arg-type]


def test_the_package_and_certificate_reminders_open_their_sections(qtbot: Any, database: Database) -> None:
    from datetime import date

    context = AppContext(database, today=lambda: date(2026, 6, 10))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    items = page.boxes["packages"][1]
    assert "Packages section" in items.item(0).text()
    page._activated(items.item(0))
    assert window.navigation.currentItem().data(Qt.ItemDataRole.UserRole) == "packages"


def test_the_support_worklists_change_with_the_works_and_open_their_tab(
        qtbot: Any, database: Database, world: World) -> None:  # noqa: F811
    certificates = world.certificates
    context = AppContext(database, today=lambda: date(2027, 10, 20))
    context.user = USER
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(page.counted, timeout=20_000)  # counted in the background
    texts = _texts(page, "support")
    assert texts[0].startswith("2 listeners have fewer than three works") and "(0 overdue)" in texts[0]
    assert page.boxes["support"][0].title().endswith("(2)")  # the works and the teacher under 36 hours
    with database.transaction(USER) as session:
        for held in (date(2026, 12, 1), date(2027, 2, 1), date(2027, 5, 1)):
            record_work(session, certificates["regular"], WorkData("independent_work", held, "Ашық сабақ"),
                        today=date(2027, 10, 20))
    context.changed("support")
    qtbot.waitUntil(page.counted, timeout=20_000)
    assert _texts(page, "support")[0].startswith("1 listener has fewer than three works")
    page._activated(page.boxes["support"][1].item(1))
    assert window.navigation.currentItem().data(Qt.ItemDataRole.UserRole) == "post_course"
    post_course = window.pages["post_course"]
    assert post_course.tabs.currentIndex() == 3  # type: ignore[attr-defined]
    page._activated(page.boxes["support"][1].item(0))
    assert post_course.tabs.currentIndex() == 1  # type: ignore[attr-defined]
    app = QApplication.instance()
    install_qt_translations(app, "ru")  # type: ignore[arg-type]
    try:
        context.language_changed.emit("ru")
        assert _texts(page, "support") == ["Подсчёт…"]  # not the English sentences while counting again
        qtbot.waitUntil(page.counted, timeout=20_000)
        assert _texts(page, "support")[0].startswith("У 1 слушателя меньше трёх работ")
    finally:
        install_qt_translations(app, "en")  # type: ignore[arg-type]


def test_a_count_that_fails_says_so(qtbot: Any, database: Database, world: World,  # noqa: F811
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import pedesk.ui.dashboard.page as dashboard_page
    def broken(*_args: Any) -> None:
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(dashboard_page, "worklists", broken)
    page = DashboardPage(AppContext(database, today=lambda: date(2027, 10, 20)))
    qtbot.addWidget(page)
    qtbot.waitUntil(page.counted, timeout=20_000)
    assert _texts(page, "support") == ["The worklists could not be counted: disk I/O error"]
