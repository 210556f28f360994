"""Reference data (Анықтамалықтар / Справочники): schools, course providers, trainers and districts, each
a tab with a searchable list and its form; schools can also be imported from a department's spreadsheet."""

from __future__ import annotations

from pedesk.i18n import N_
from pedesk.ui.context import AppContext
from pedesk.ui.reference.districts import DistrictsTab
from pedesk.ui.reference.providers import ProvidersTab
from pedesk.ui.reference.schools import SchoolsTab
from pedesk.ui.reference.trainers import TrainersTab
from pedesk.ui.widgets.tabbed import TabbedPage

__all__ = ["ReferencePage"]


class ReferencePage(TabbedPage):
    """The Reference data section's page: ``schools``, ``providers``, ``trainers``, ``districts`` tabs."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, N_("Reference data"))
        self.schools = SchoolsTab(context)
        self.providers = ProvidersTab(context)
        self.trainers = TrainersTab(context)
        self.districts = DistrictsTab(context)
        self.add_tab(self.schools, N_("Schools"))
        self.add_tab(self.providers, N_("Providers"))
        self.add_tab(self.trainers, N_("Trainers"))
        self.add_tab(self.districts, N_("Districts"))
        self.finish()
