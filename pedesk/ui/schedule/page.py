"""Schedule (Кесте / График): the office's cohorts, their timetables and the month calendar (п.12-13).

The page is a tab widget: Cohorts (the list, the cohort editor with its timetable, export) and Calendar
(the month view). ``tabs`` is public so that other sections' tabs (Programmes) can be added beside them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox

from pedesk.i18n import N_, _
from pedesk.services.common import ValidationError
from pedesk.ui.context import AppContext
from pedesk.ui.schedule.calendar import CalendarTab
from pedesk.ui.schedule.cohorts import CohortListTab
from pedesk.ui.schedule.editor import CohortEditor
from pedesk.ui.schedule.export import ScheduleExporter
from pedesk.ui.schedule.programmes import ProgrammesPage
from pedesk.ui.widgets.tabbed import TabbedPage

__all__ = ["SchedulePage"]


class SchedulePage(TabbedPage):
    """The Schedule section's page."""

    open_section = Signal(str)

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, N_("Schedule"))
        self.editor: CohortEditor | None = None
        self.exporter = ScheduleExporter(context, self)
        self.cohorts = CohortListTab(context, open_cohort=self.open_cohort_editor, export=self.exporter.start)
        self.calendar = CalendarTab(context, open_cohort=self.open_cohort_editor)  # the calendar stays in view
        self.programmes = ProgrammesPage(context)
        self.programmes.open_section.connect(self.open_section)
        self.add_tab(self.cohorts, N_("Cohorts"))
        self.add_tab(self.calendar, N_("Calendar"))
        self.add_tab(self.programmes, N_("Programmes"))
        self.finish()

    def show_cohort(self, cohort_id: int) -> None:
        """Select the Cohorts tab and open that cohort's editor (other sections and the calendar use this)."""
        self.tabs.setCurrentWidget(self.cohorts)
        self.open_cohort_editor(cohort_id)

    def open_cohort_editor(self, cohort_id: int | None = None) -> CohortEditor | None:
        """Open the editor of ``cohort_id`` (None: a new cohort), replacing an editor already open; None
        when the cohort is gone (another user deleted it)."""
        current = self.editor
        if current is not None and current.isVisible():
            if current.cohort_id == cohort_id and cohort_id is not None:
                current.raise_()
                current.activateWindow()
                return current
            current.close()
            if current.isVisible():  # the user kept its unsaved changes
                return current
        try:
            editor = CohortEditor(self.context, cohort_id, self)
        except ValidationError as exc:
            QMessageBox.warning(self, _("Please check"), str(exc))
            self.cohorts.model.refresh()
            return None
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        self.editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: CohortEditor) -> None:
        if self.editor is editor:
            self.editor = None
