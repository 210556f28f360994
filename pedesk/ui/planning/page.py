"""The Planning section (Жоспарлау / Планирование, п.9-12): the schools' applications of a plan year, the
district plans and when each was forwarded, the region's plan split into short and long courses and when it
was formed, planned against actual enrolments, the plan written to Excel, and a cohort's list started from an
application. Each tab shows only the buttons that act on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date
from pedesk.services.access import Action
from pedesk.services.common import ProgressCallback, ValidationError
from pedesk.services.planning import (
    KIND_LABELS,
    ApplicationRow,
    DistrictPlanRow,
    application_rows,
    deadline_of,
    delete_application,
    district_plan,
    form_region_plan,
    forward_district_plan,
    plan_export,
    planned_vs_actual,
    region_plan,
)
from pedesk.ui.certificates.table import ask_save_path
from pedesk.ui.context import AppContext
from pedesk.ui.planning.dialogs import (
    ApplicationDialog,
    DateDialog,
    StartListDialog,
    ask_date,
    confirm_delete,
)
from pedesk.ui.widgets.choices import ERROR_COLOUR, WARNING_COLOUR
from pedesk.ui.widgets.permissions import require
from pedesk.ui.widgets.tables import StaticTableModel, fit_columns, read_only_table

__all__ = ["PlanningPage"]

APPLICATION_HEADERS = (N_("School"), N_("District"), N_("Programme or direction"), N_("Course"), N_("Teachers"),
                       N_("Received on"))
DISTRICT_HEADERS = (N_("District"), N_("Course"), N_("Schools"), N_("Teachers"), N_("Forwarded on"))
REGION_HEADERS = (N_("Course"), N_("Teachers"), N_("Formed on"))
FACT_HEADERS = (N_("Programme or direction"), N_("District"), N_("Planned"), N_("Actual"))


TAB_TITLES = (("applications", N_("School applications")), ("districts", N_("District plans")),
              ("region", N_("Region plan")), ("facts", N_("Planned vs actual")))
BUTTON_TEXTS = (("add", N_("Add application…")), ("edit", N_("Edit…")), ("delete", N_("Delete application…")),
                ("start", N_("Start a cohort list from this application…")), ("forward", N_("Mark as forwarded…")),
                ("form", N_("Form the region's plan…")), ("export", N_("Export to xlsx…")))
#: the buttons each tab shows; the export writes the whole plan, so every tab has it
TAB_BUTTONS = {"applications": ("add", "edit", "delete", "start", "export"), "districts": ("forward", "export"),
               "region": ("form", "export"), "facts": ("export",)}


class PlanningPage(QWidget):
    """Year picker, deadlines, actions and four tabs; everything is read again when the year changes."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.applications: list[ApplicationRow] = []
        self.district_rows: list[DistrictPlanRow] = []
        self._generation = 0  # the plan is read in the background; only the last read is shown
        self.loading = False
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(context.today().year + 1)
        self.year.setPrefix(_("Plan year: "))
        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)  # the Kazakh line is wider than the window
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.models = {key: StaticTableModel(headers) for key, headers in (
            ("applications", APPLICATION_HEADERS), ("districts", DISTRICT_HEADERS), ("region", REGION_HEADERS),
            ("facts", FACT_HEADERS))}
        self.views = {key: read_only_table(model) for key, model in self.models.items()}
        for key in ("applications", "districts"):  # the actions act on one row
            self.views[key].setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            self.views[key].selectionModel().selectionChanged.connect(self._update_buttons)
        self.tabs = QTabWidget()
        for key, title in TAB_TITLES:
            self.tabs.addTab(self.views[key], _(title))
        layout = QVBoxLayout(self)
        top, actions = QHBoxLayout(), QHBoxLayout()  # the year beside its deadlines; the buttons below them
        top.addWidget(self.year)
        top.addWidget(self.deadlines, 1)
        self.buttons: dict[str, QPushButton] = {}
        slots = {"add": self.add_application, "edit": self.edit_application, "delete": self.delete_selected,
                 "start": self.start_list, "forward": self.mark_forwarded, "form": self.form_region,
                 "export": self.export}
        for key, text in BUTTON_TEXTS:
            button = self.buttons[key] = QPushButton(_(text))
            button.clicked.connect(slots[key])
            actions.addWidget(button)
        actions.addStretch(1)
        require(context, Action.PLANNING, *(self.buttons[key] for key in ("add", "delete", "start", "forward", "form")))
        self.heading = QLabel("<h2>{}</h2>".format(_("Planning")))
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.year.valueChanged.connect(self.refresh)
        self.tabs.currentChanged.connect(self._update_buttons)
        context.data_changed.connect(self._on_data_changed)
        context.language_changed.connect(self.retranslate)
        self.refresh()

    def retranslate(self, _lang: str = "") -> None:
        """Titles, buttons and the rows (kinds, dates, names) in the new language."""
        self.heading.setText("<h2>{}</h2>".format(_("Planning")))
        self.year.setPrefix(_("Plan year: "))
        for index, (_key, title) in enumerate(TAB_TITLES):
            self.tabs.setTabText(index, _(title))
        for key, text in BUTTON_TEXTS:
            self.buttons[key].setText(_(text))
        self._set_status("")
        self.refresh()

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("plan", "enrolment", "school", "programme"):
            self.refresh()

    def refresh(self) -> None:
        year, lang = self.year.value(), self.context.lang
        self.deadlines.setText(_(
            "Deadlines for {year}: applications by {applications} (п.9), district plans by {district} (п.10), "
            "the region's plan by {region} (п.11)."
        ).format(year=year, applications=format_date(deadline_of(year, "school_applications")),
                 district=format_date(deadline_of(year, "district_plan")),
                 region=format_date(deadline_of(year, "region_plan"))))
        database, generation = self.context.database, self._generation + 1
        self._generation = generation

        def work(_progress: object) -> tuple[Any, ...]:  # the whole region's plan: read off the UI thread
            with database.reading() as session:
                return (application_rows(session, year, lang), district_plan(session, year, lang),
                        region_plan(session, year), planned_vs_actual(session, year, lang))

        self.loading = True
        self.context.runner.run(work, on_done=lambda result: self._show(generation, *result),
                                on_problem=lambda problem: self._set_status(problem, ERROR_COLOUR),
                                writes=False, show_progress=False)

    def _show(self, generation: int, applications: list[ApplicationRow], districts: list[DistrictPlanRow],
              region: Any, facts: list[Any]) -> None:
        if generation != self._generation:
            return  # a later year or change is being read
        self.loading = False
        self.applications = applications
        self.models["applications"].set_rows([
            (r.school, r.district, r.subject, _(KIND_LABELS[r.course_kind]), r.teachers,
             format_date(r.received_on)) for r in self.applications])
        self.district_rows = districts
        self.models["districts"].set_rows([
            (r.district, _(KIND_LABELS[r.course_kind]), r.schools, r.teachers, format_date(r.forwarded_on))
            for r in self.district_rows])
        self.models["region"].set_rows([
            (_("short"), region.short, format_date(region.formed_on)),
            (_("long"), region.long, format_date(region.formed_on)),
            (_("total"), region.short + region.long, "")])
        self.models["facts"].set_rows([(f.programme, f.district, f.planned, f.actual) for f in facts])
        for view in self.views.values():
            fit_columns(view)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        """Only the current tab's buttons are shown; those acting on a row need one chosen."""
        shown = TAB_BUTTONS[TAB_TITLES[self.tabs.currentIndex()][0]]
        for key, button in self.buttons.items():
            button.setVisible(key in shown)
        for key in ("edit", "delete", "start"):
            self.buttons[key].setEnabled(self.selected_application() is not None)
        district = self.selected_district()
        self.buttons["forward"].setEnabled(district is not None and district.district_id is not None)

    def selected_application(self) -> ApplicationRow | None:
        rows = self.views["applications"].selectionModel().selectedRows()
        return self.applications[rows[0].row()] if rows and rows[0].row() < len(self.applications) else None

    def selected_district(self) -> DistrictPlanRow | None:
        rows = self.views["districts"].selectionModel().selectedRows()
        return self.district_rows[rows[0].row()] if rows and rows[0].row() < len(self.district_rows) else None

    def _set_status(self, text: str, colour: str = "") -> None:
        self.status.setStyleSheet(f"color: {colour};" if colour and text else "")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _record(self, action: Callable[[Session], tuple[str, ...] | None]) -> bool:
        """Run ``action`` in one write transaction; its warnings (late dates) or its refusal go to the status
        line, and every list showing the plan is read again."""
        try:
            with self.context.database.transaction(self.context.user) as session:
                warnings = action(session) or ()
        except ValidationError as exc:
            self._set_status("\n".join(problem.message for problem in exc.problems), ERROR_COLOUR)
            return False
        self._set_status("\n".join(warnings), WARNING_COLOUR)
        self.context.changed("plan")
        return True

    def delete_selected(self) -> bool:
        """Delete the chosen application (entered by mistake) once the user agrees; True when deleted."""
        row = self.selected_application()
        if row is None or not confirm_delete(self, row.school, row.subject):
            return False
        return self._record(lambda session: delete_application(session, row.entry_id))

    def mark_forwarded(self) -> DateDialog | None:
        """п.10: ask when the chosen district's plan was forwarded to the regional administration."""
        row = self.selected_district()
        if row is None or row.district_id is None:
            return None
        year, district_id = self.year.value(), row.district_id
        return ask_date(self, _("Mark the plan of {district} as forwarded").format(district=row.district),
                        _("Forwarded on"), self.context.today(),
                        lambda on: self._record(lambda s: forward_district_plan(s, year, district_id, on)))

    def form_region(self) -> DateDialog:
        """п.11: ask when the region's plan for the year was formed."""
        year = self.year.value()
        return ask_date(self, _("Form the region's plan for {year}").format(year=year), _("Formed on"),
                        self.context.today(), lambda on: self._record(lambda s: form_region_plan(s, year, on)))

    def add_application(self, entry_id: int | None = None) -> ApplicationDialog:
        dialog = ApplicationDialog(self.context, self.year.value(), entry_id, self)
        dialog.accepted.connect(lambda: self._set_status("\n".join(dialog.warnings), WARNING_COLOUR))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_application(self) -> ApplicationDialog | None:
        row = self.selected_application()
        if row is None:
            self._set_status(_("Choose an application in the list first."))
            return None
        return self.add_application(row.entry_id)

    def start_list(self) -> StartListDialog | None:
        row = self.selected_application()
        if row is None:
            self._set_status(_("Choose an application in the list first."))
            return None
        try:
            dialog = StartListDialog(self.context, row.entry_id, self)
        except ValidationError as exc:
            self._set_status("\n".join(problem.message for problem in exc.problems), ERROR_COLOUR)
            return None
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export(self) -> None:
        year = self.year.value()
        target = ask_save_path(self, _("Export the plan"), f"plan_{year}.xlsx", "xlsx", _("Excel workbook (*.xlsx)"))
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Write the plan in the background (in Kazakh unless the interface is in Russian)."""
        database, year = self.context.database, self.year.value()
        lang = "ru" if self.context.lang == "ru" else "kk"

        def work(progress: ProgressCallback) -> Path:
            progress(0, 0, _("Writing the plan…"))
            with database.reading() as session:
                return plan_export(session, year, target, lang)

        self.context.runner.run(work, on_done=self._exported, on_problem=lambda problem: self._set_status(problem, ERROR_COLOUR), parent=self,
                                writes=False, title=_("Writing the plan…"))

    def _exported(self, path: Path) -> None:
        self._set_status(_("The plan was saved to {path}").format(path=path))
