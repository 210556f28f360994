"""Export the schedule of courses (Кесте, п.13) for a period as an Excel workbook or a PDF, in Kazakh or
Russian, off the UI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QWidget

from pedesk.i18n import N_, _
from pedesk.services.common import ProgressCallback
from pedesk.services.rules import add_months
from pedesk.services.schedule import export_schedule_pdf, export_schedule_xlsx
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import to_qdate
from pedesk.ui.widgets.files import tell_saved
from pedesk.ui.widgets.period import DocumentPeriodDialog, DocumentRequest, PeriodDocumentWriter

FOLDER_KEY = "schedule/export_folder"
#: The file name's first word in the document's language.
FILE_STEMS = {"kk": "кесте", "ru": "график"}


def half_year(today: date) -> tuple[date, date]:
    """The half-year of ``today`` (п.17: H1 = January-June, H2 = July-December)."""
    if today.month <= 6:
        return date(today.year, 1, 1), date(today.year, 6, 30)
    return date(today.year, 7, 1), date(today.year, 12, 31)


def next_six_months(today: date) -> tuple[date, date]:
    return today, add_months(today, 6)


class ExportDialog(DocumentPeriodDialog):
    """Asks the period (this half-year unless changed), the document's language and the format."""

    LANGUAGE_LABEL = N_("Document language")
    OK_TEXT = N_("Export…")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Export the schedule"), parent, period=half_year(context.today()),
                         minimum_width=480)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    def add_rows(self) -> None:
        self.half_year_button = QPushButton()
        self.half_year_button.clicked.connect(lambda: self._set_period(*half_year(self.context.today())))
        self.six_months_button = QPushButton()
        self.six_months_button.clicked.connect(lambda: self._set_period(*next_six_months(self.context.today())))
        presets = QHBoxLayout()
        presets.addWidget(self.half_year_button)
        presets.addWidget(self.six_months_button)
        presets.addStretch(1)
        self.form.addRow("", presets)
        super().add_rows()

    def _set_period(self, start: date, end: date) -> None:
        self.start.setDate(to_qdate(start))
        self.end.setDate(to_qdate(end))

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        self.half_year_button.setText(_("This half-year"))
        self.six_months_button.setText(_("Next 6 months"))


class ScheduleExporter(PeriodDocumentWriter):
    """Dialog -> file name -> background export -> a message saying where the file went."""

    TITLE = N_("Export the schedule")
    FOLDER_KEY = FOLDER_KEY
    FILE_STEMS = FILE_STEMS

    def make_dialog(self) -> ExportDialog:
        return ExportDialog(self.context, self.widget)

    def run(self, request: DocumentRequest, target: Path) -> None:
        database = self.context.database
        export = export_schedule_xlsx if request.suffix == "xlsx" else export_schedule_pdf

        def work(progress: ProgressCallback) -> Path:
            progress(0, 1, _("Writing the schedule…"))
            with database.reading() as session:
                written = export(session, request.start, request.end, target, request.lang)
            progress(1, 1, "")
            return written

        self.context.runner.run(work, on_done=self._done, parent=self.widget,
                                title=_("Exporting the schedule…"), writes=False)

    def _done(self, path: Path) -> None:
        tell_saved(self.widget, _("Schedule exported"), _("The schedule was saved to:\n{path}").format(path=path),
                   Path(path))
