"""The Packages section (Деректер пакеттері / Пакеты данных, п.17): export this office's semi-annual package,
import the packages of the offices (the regional administration), see what the region holds per office
(consolidation) and the packages sent and received (history)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import _, current_language, format_date
from pedesk.services.access import Action
from pedesk.services.common import ProgressCallback
from pedesk.services.packages import (
    OfficeSummary,
    consolidation,
    office_choices,
    package_history,
    package_period,
)
from pedesk.services.reports import package_notice
from pedesk.services.rules import parse_period
from pedesk.ui.context import AppContext
from pedesk.ui.packages.export import PackageExporter, PeriodPicker
from pedesk.ui.packages.importing import PackageImporter
from pedesk.ui.packages.views import CONSOLIDATION_COLUMNS, HISTORY_COLUMNS, RowsModel
from pedesk.ui.widgets.permissions import require
from pedesk.ui.widgets.tables import fit_to_contents, list_table
from pedesk.ui.widgets.tasks import TaskHandle

__all__ = ["PackagesPage"]

#: The kinds of change that alter the consolidation's counts.
COUNTED_KINDS = ("package", "teacher", "cohort", "enrolment", "certificate", "office")
MAX_COLUMN = 360


def _fit(table: QTableView) -> None:
    fit_to_contents(table, MAX_COLUMN)


class PackagesPage(QWidget):
    """Export… and Import… on top, what is due now, then the Consolidation and History tabs."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.generation = 0
        self.loading: TaskHandle | None = None
        self.exporter = PackageExporter(context, self)
        self.importer = PackageImporter(context, self)
        self.heading, self.notice = QLabel(), QLabel()
        self.notice.setWordWrap(True)
        self.export_button, self.import_button = QPushButton(), QPushButton()
        self.export_button.clicked.connect(lambda: self.export())
        self.import_button.clicked.connect(lambda: self.importer.start())
        self.tabs = QTabWidget()
        self._build_consolidation()
        require(context, Action.PACKAGES, self.export_button, self.import_button, self.consolidated_button)
        self.history_model = RowsModel(HISTORY_COLUMNS)
        self.history = list_table(self.history_model, wrap=False)
        self.tabs.addTab(self.history, "")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        context.language_changed.connect(self.retranslate)
        context.data_changed.connect(self._on_change)
        self.fill_offices()
        self.refresh()
        self.retranslate()

    def _build_consolidation(self) -> None:
        self.office_caption, self.period_caption = QLabel(), QLabel()
        self.office = QComboBox()
        self.office.setMinimumContentsLength(24)
        self.office.currentIndexChanged.connect(lambda _index: self.refresh_consolidation())
        self.period = PeriodPicker(self.context.today(), allow_all=True)
        self.period.set_period(*parse_period(package_period(self.context.today())))
        self.period.changed.connect(self.refresh_consolidation)
        self.consolidated_button = QPushButton()
        self.consolidated_button.clicked.connect(lambda: self.export(consolidated=True))
        self.filter_error = QLabel()
        self.filter_error.setStyleSheet("color: #b00020;")
        self.filter_error.hide()
        filters = QHBoxLayout()
        for widget in (self.office_caption, self.office, self.period_caption, self.period):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.consolidated_button)
        self.consolidation_model = RowsModel(CONSOLIDATION_COLUMNS)
        self.consolidation = list_table(self.consolidation_model, wrap=False)
        self.consolidation.horizontalHeader().setStretchLastSection(False)
        self.consolidation_note = QLabel()
        self.consolidation_note.setWordWrap(True)
        tab = QWidget()
        box = QVBoxLayout(tab)
        box.addLayout(filters)
        box.addWidget(self.filter_error)
        box.addWidget(self.consolidation, 1)
        box.addWidget(self.consolidation_note)
        self.tabs.addTab(tab, "")

    # data -----------------------------------------------------------------------------------------------
    def fill_offices(self) -> None:
        with self.context.database.reading() as session:
            offices = office_choices(session)
        previous = self.office.currentData()
        self.office.blockSignals(True)
        self.office.clear()
        self.office.addItem(_("All offices"), None)
        for code, name_kk, name_ru in offices:
            self.office.addItem(f"{code} — {name_kk if current_language() == 'kk' else name_ru}", code)
        self.office.setCurrentIndex(max(self.office.findData(previous), 0))
        self.office.blockSignals(False)

    def refresh(self) -> None:
        self.refresh_consolidation()
        self.refresh_history()

    def refresh_consolidation(self) -> TaskHandle | None:
        """Count in the background (about half a second on 100,000 teachers); only the latest answer is shown."""
        problem = self.period.problem()
        self.filter_error.setText(problem or "")
        self.filter_error.setVisible(problem is not None)
        if problem is not None:
            return None
        (start, end), office, database = self.period.period(), self.office.currentData(), self.context.database
        self.generation += 1
        generation = self.generation

        def work(_progress: ProgressCallback) -> list[OfficeSummary]:
            with database.reading() as session:
                return consolidation(session, office_code=office, start=start, end=end)

        self.loading = self.context.runner.run(
            work, on_done=lambda rows: self._show_consolidation(generation, rows),
            on_error=lambda exc: self._show_consolidation(generation, exc), writes=False, show_progress=False)
        return self.loading

    def _show_consolidation(self, generation: int, rows: list[OfficeSummary] | BaseException) -> None:
        if generation != self.generation:
            return  # a newer filter is being counted
        if isinstance(rows, BaseException):  # the office chosen is gone, or the database is busy
            self.filter_error.setText(str(rows))
            self.filter_error.show()
            return
        self.consolidation_model.set_rows(rows)
        _fit(self.consolidation)
        self.consolidation.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def refresh_history(self) -> None:
        with self.context.database.reading() as session:
            rows = package_history(session)
        self.history_model.set_rows(rows)
        _fit(self.history)

    def _on_change(self, kind: str) -> None:
        if kind == "office":
            self.fill_offices()
        if kind in COUNTED_KINDS:
            self.refresh_consolidation()
        if kind == "package":
            self.refresh_history()

    # actions --------------------------------------------------------------------------------------------
    def export(self, *, consolidated: bool = False) -> Any:
        period = self.period.period() if consolidated else (None, None)
        return self.exporter.start(consolidated=consolidated, period=period)

    # language -------------------------------------------------------------------------------------------
    def _notice_text(self) -> str:
        notice = package_notice(self.context.today())
        if notice is not None:
            return notice.message + " " + _(
                "An office exports its package and sends the file; the regional administration imports the "
                "packages of its offices and exports the consolidated one.")
        start, end = parse_period(package_period(self.context.today()))
        return _("Data on course listeners goes to the regional administration twice a year, in January and June; "
                 "the next package concerns {start} – {end} (п.17 of the Rules).").format(
            start=format_date(start), end=format_date(end))

    def retranslate(self, _lang: str = "") -> None:
        title = _("Data packages")
        self.heading.setText(f"<h2>{title}</h2>")
        self.notice.setText(self._notice_text())
        self.export_button.setText(_("Export…"))
        self.import_button.setText(_("Import…"))
        self.tabs.setTabText(0, _("Consolidation"))
        self.tabs.setTabText(1, _("History"))
        self.office_caption.setText(_("Office:"))
        self.period_caption.setText(_("Period:"))
        self.consolidated_button.setText(_("Export consolidated package…"))
        self.consolidation_note.setText(_(
            "Listeners: teachers admitted to the office's cohorts that ended in the period. Certificates: issued "
            "in the period and standing (not annulled or replaced), without external ones. Coverage: the share "
            "of them with at least one post-course work (п.36). Monitoring (п.37): due in the period, and done."))
        self.period.retranslate()
        if _lang:
            self.fill_offices()
        self.consolidation_model.retranslate()
        self.history_model.retranslate()
