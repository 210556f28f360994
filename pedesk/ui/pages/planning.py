"""The Planning section (Жоспарлау / Планирование, п.9-12): the schools' applications of a plan year, the
district plans, the region's plan split into short and long courses, planned against actual enrolments, the
plan written to Excel, and a cohort's list started from an application."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _, format_date
from pedesk.services.errors import ValidationError
from pedesk.services.planning import KIND_LABELS, deadline_of
from pedesk.services.planning_export import plan_export
from pedesk.services.planning_totals import application_rows, district_plan, planned_vs_actual, region_plan
from pedesk.services.progress import ProgressCallback
from pedesk.ui.context import AppContext
from pedesk.ui.pages.certificates_support import ask_save_path
from pedesk.ui.pages.planning_dialogs import ApplicationDialog, StartListDialog
from pedesk.ui.pages.reference_support import StaticTableModel, fit_columns, read_only_table

__all__ = ["PlanningPage"]

APPLICATION_HEADERS = (N_("School"), N_("District"), N_("Programme or direction"), N_("Course"), N_("Teachers"),
                       N_("Received on"))
DISTRICT_HEADERS = (N_("District"), N_("Course"), N_("Schools"), N_("Teachers"), N_("Forwarded on"))
REGION_HEADERS = (N_("Course"), N_("Teachers"), N_("Formed on"))
FACT_HEADERS = (N_("Programme or direction"), N_("District"), N_("Planned"), N_("Actual"))


TAB_TITLES = (("applications", N_("School applications")), ("districts", N_("District plans")),
              ("region", N_("Region plan")), ("facts", N_("Planned vs actual")))
BUTTON_TEXTS = (("add", N_("Add application…")), ("edit", N_("Edit…")),
                ("start", N_("Start a cohort list from this application…")), ("export", N_("Export to xlsx…")))


class PlanningPage(QWidget):
    """Year picker, deadlines, actions and four tabs; everything is read again when the year changes."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.entry_ids: list[int] = []
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(context.today().year + 1)
        self.year.setPrefix(_("Plan year: "))
        self.deadlines = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.models = {key: StaticTableModel(headers) for key, headers in (
            ("applications", APPLICATION_HEADERS), ("districts", DISTRICT_HEADERS), ("region", REGION_HEADERS),
            ("facts", FACT_HEADERS))}
        self.views = {key: read_only_table(model) for key, model in self.models.items()}
        self.tabs = QTabWidget()
        for key, title in TAB_TITLES:
            self.tabs.addTab(self.views[key], _(title))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.year)
        self.buttons: dict[str, QPushButton] = {}
        slots = {"add": self.add_application, "edit": self.edit_application, "start": self.start_list,
                 "export": self.export}
        for key, text in BUTTON_TEXTS:
            button = self.buttons[key] = QPushButton(_(text))
            slot = slots[key]
            button.clicked.connect(slot)
            top.addWidget(button)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.year.valueChanged.connect(self.refresh)
        context.data_changed.connect(self._on_data_changed)
        context.language_changed.connect(self.retranslate)
        self.refresh()

    def retranslate(self, _lang: str = "") -> None:
        """Titles, buttons and the rows (kinds, dates, names) in the new language."""
        self.year.setPrefix(_("Plan year: "))
        for index, (_key, title) in enumerate(TAB_TITLES):
            self.tabs.setTabText(index, _(title))
        for key, text in BUTTON_TEXTS:
            self.buttons[key].setText(_(text))
        self.status.clear()
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
        with self.context.database.reading() as session:
            entries = application_rows(session, year, lang)
            self.entry_ids = [entry.entry_id for entry in entries]
            self.models["applications"].set_rows([
                (r.school, r.district, r.subject, _(KIND_LABELS[r.course_kind]), r.teachers,
                 format_date(r.received_on)) for r in entries])
            self.models["districts"].set_rows([
                (r.district, _(KIND_LABELS[r.course_kind]), r.schools, r.teachers, format_date(r.forwarded_on))
                for r in district_plan(session, year, lang)])
            region = region_plan(session, year)
            self.models["region"].set_rows([
                (_("short"), region.short, format_date(region.formed_on)),
                (_("long"), region.long, format_date(region.formed_on)),
                (_("total"), region.short + region.long, "")])
            self.models["facts"].set_rows([(f.programme, f.district, f.planned, f.actual)
                                           for f in planned_vs_actual(session, year, lang)])
        for view in self.views.values():
            fit_columns(view)

    def selected_entry(self) -> int | None:
        view: QTableView = self.views["applications"]
        rows = view.selectionModel().selectedRows()
        return self.entry_ids[rows[0].row()] if rows and rows[0].row() < len(self.entry_ids) else None

    def add_application(self, entry_id: int | None = None) -> ApplicationDialog:
        dialog = ApplicationDialog(self.context, self.year.value(), entry_id, self)
        dialog.accepted.connect(lambda: self.status.setText("\n".join(dialog.warnings)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_application(self) -> ApplicationDialog | None:
        entry_id = self.selected_entry()
        if entry_id is None:
            self.status.setText(_("Choose an application in the list first."))
            return None
        return self.add_application(entry_id)

    def start_list(self) -> StartListDialog | None:
        entry_id = self.selected_entry()
        if entry_id is None:
            self.status.setText(_("Choose an application in the list first."))
            return None
        try:
            dialog = StartListDialog(self.context, entry_id, self)
        except ValidationError as exc:
            self.status.setText("\n".join(problem.message for problem in exc.problems))
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

        self.context.runner.run(work, on_done=self._exported, on_error=self._export_failed, parent=self,
                                writes=False, title=_("Writing the plan…"))

    def _exported(self, path: Path) -> None:
        self.status.setText(_("The plan was saved to {path}").format(path=path))

    def _export_failed(self, error: BaseException) -> None:
        if not isinstance(error, ValidationError):
            raise error
        self.status.setText(str(error))
