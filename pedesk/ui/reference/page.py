"""Reference data (Анықтамалықтар / Справочники): schools, course providers, trainers and districts, each
a tab with a searchable list and its form; schools can also be imported from a department's spreadsheet."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pedesk.i18n import N_, _
from pedesk.ui.context import AppContext
from pedesk.ui.reference.districts import DistrictsTab
from pedesk.ui.reference.providers import ProvidersTab
from pedesk.ui.reference.schools import SchoolsTab
from pedesk.ui.reference.trainers import TrainersTab

__all__ = ["ReferencePage"]


class ReferencePage(QWidget):
    """The Reference data section's page: ``schools``, ``providers``, ``trainers``, ``districts`` tabs."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.heading = QLabel()
        self.schools = SchoolsTab(context)
        self.providers = ProvidersTab(context)
        self.trainers = TrainersTab(context)
        self.districts = DistrictsTab(context)
        self.tab_titles: list[tuple[QWidget, str]] = [
            (self.schools, N_("Schools")),
            (self.providers, N_("Providers")),
            (self.trainers, N_("Trainers")),
            (self.districts, N_("Districts")),
        ]
        self.tabs = QTabWidget()
        for tab, _title in self.tab_titles:
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        title = _("Reference data")
        self.heading.setText(f"<h2>{title}</h2>")
        for tab, title in self.tab_titles:
            self.tabs.setTabText(self.tabs.indexOf(tab), _(title))
