"""A section's page made of tabs (Reference data, Schedule, Listeners): its heading over the tabs, each tab's
title following the language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pedesk.i18n import _
from pedesk.ui.context import AppContext

__all__ = ["TabbedPage"]


class TabbedPage(QWidget):
    """The heading ``title`` (English) over ``tabs``; a subclass adds its tabs with ``add_tab`` and calls
    ``finish`` at the end of its ``__init__``."""

    def __init__(self, context: AppContext, title: str) -> None:
        super().__init__()
        self.context = context
        self.title_source = title
        self.heading = QLabel()
        self.tabs = QTabWidget()
        self.tab_titles: list[tuple[QWidget, str]] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

    def add_tab(self, tab: QWidget, title: str) -> None:
        """Add ``tab`` under the English ``title``."""
        self.tab_titles.append((tab, title))
        self.tabs.addTab(tab, "")

    def finish(self) -> None:
        self.context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        title = _(self.title_source)
        self.heading.setText(f"<h2>{title}</h2>")
        for tab, source in self.tab_titles:
            self.tabs.setTabText(self.tabs.indexOf(tab), _(source))
