"""The Listeners section (Тыңдаушылар / Слушатели): the teachers' registry with the questionnaire
(Appendix 3) and the cohorts' lists of listeners (п.7-8, 12, 14, 16)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date
from pedesk.services.access import Action
from pedesk.services.forms import render_questionnaire
from pedesk.services.teachers import TeacherRow, page_teachers
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.cohort import CohortListTab
from pedesk.ui.listeners.questionnaire import QuestionnaireDialog
from pedesk.ui.widgets.forms import ListPage
from pedesk.ui.widgets.paged_model import Column, PagedTableModel
from pedesk.ui.widgets.records import print_form
from pedesk.ui.widgets.tabbed import TabbedPage
from pedesk.ui.widgets.tables import MAX_LIST_COLUMN, fit_to_contents

__all__ = ["SEARCH_DELAY_MS", "ListenersPage", "TeachersTab"]

TEACHER_COLUMNS = (
    Column(N_("IIN"), lambda row: row.iin),
    Column(N_("Full name"), lambda row: row.full_name),
    Column(N_("Date of birth"), lambda row: format_date(row.birth_date) if row.birth_date else ""),
    Column(N_("Position"), lambda row: row.position),
    Column(N_("Place of work"), lambda row: row.workplace),
    Column(N_("Category"), lambda row: row.category),
    Column(N_("Phone"), lambda row: row.phone),
)


SEARCH_DELAY_MS = 40
"""The registry answers a keystroke in a few milliseconds (issue 17 point 5): it searches after a short pause."""


class TeachersTab(ListPage):
    """The registry (page_teachers): search by any fragment of a name or an IIN prefix as you type."""

    def __init__(self, context: AppContext) -> None:
        def query(session: Session, text: str, offset: int, limit: int) -> list[TeacherRow]:
            return page_teachers(session, text, offset, limit, lang=context.lang)

        model = PagedTableModel(context.database, query, TEACHER_COLUMNS)
        self.ready = False
        super().__init__(context, N_("Teachers"), model, kinds=("teacher", "enrolment", "cohort"))
        self.heading.hide()
        self._timer.setInterval(SEARCH_DELAY_MS)
        self.editor: QuestionnaireDialog | None = None
        self.new_button = self.add_button(N_("New teacher…"), lambda: self.open_teacher(None), Action.TEACHERS)
        self.open_button = self.add_button(N_("Open…"), self.open_selected)
        self.print_blank = self.add_button(N_("Print a blank questionnaire…"), lambda: self.print_questionnaire(None))
        self.print_button = self.add_button(N_("Print the questionnaire…"), self.print_selected)
        self.activated.connect(lambda teacher_id: teacher_id is not None and self.open_teacher(teacher_id))
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.update_buttons())
        self.model.modelReset.connect(self.update_buttons)
        self.ready = True
        self.update_buttons()
        self.fit_columns()

    def update_buttons(self) -> None:
        chosen = self.selected_id() is not None and self.table.selectionModel().hasSelection()
        self.open_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def open_selected(self) -> None:
        teacher_id = self.selected_id()
        if teacher_id is not None:
            self.open_teacher(teacher_id)

    def open_teacher(self, teacher_id: int | None) -> QuestionnaireDialog:
        dialog = QuestionnaireDialog(self.context, teacher_id, self)
        self.editor = dialog
        dialog.open()
        return dialog

    def print_selected(self) -> None:
        teacher_id = self.selected_id()
        if teacher_id is not None:
            self.print_questionnaire(teacher_id)

    def print_questionnaire(self, teacher_id: int | None) -> bool:
        today = self.context.today()

        def render(session: Session, path: Path, lang: str) -> Path:
            return render_questionnaire(session, teacher_id, path, lang, on=today)

        name = "questionnaire" if teacher_id is None else f"questionnaire-{teacher_id}"
        return print_form(self.context, self, _("Print the questionnaire"), name, render)

    def fit_columns(self) -> None:
        fit_to_contents(self.table, MAX_LIST_COLUMN)

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        self.search.setPlaceholderText(_("Search by name or IIN…"))
        if getattr(self, "ready", False) and _lang:
            self.model.refresh()  # the category names come from the query in the language


class ListenersPage(TabbedPage):
    """Two tabs: Teachers (the registry) and Cohort lists."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, N_("Listeners"))
        self.teachers = TeachersTab(context)
        self.cohorts = CohortListTab(context)
        self.add_tab(self.teachers, N_("Teachers"))
        self.add_tab(self.cohorts, N_("Cohort lists"))
        self.finish()
