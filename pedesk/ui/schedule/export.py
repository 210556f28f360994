"""Export the schedule of courses (Кесте, п.13) for a period as an Excel workbook or a PDF, in Kazakh or
Russian, off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _
from pedesk.services.common import ProgressCallback
from pedesk.services.rules import add_months
from pedesk.services.schedule import export_schedule_pdf, export_schedule_xlsx
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import ERROR_COLOUR, date_edit, from_qdate, to_qdate
from pedesk.ui.window_settings import window_settings

FOLDER_KEY = "schedule/export_folder"
#: Document languages (п.13 documents are in Kazakh or Russian).
DOCUMENT_LANGUAGES: tuple[tuple[str, str], ...] = (("kk", N_("Kazakh")), ("ru", N_("Russian")))
#: Formats: (suffix, English source label, file-dialog filter source).
FORMATS: tuple[tuple[str, str, str], ...] = (
    ("xlsx", N_("Excel workbook (.xlsx)"), N_("Excel workbook (*.xlsx)")),
    ("pdf", N_("PDF document (.pdf)"), N_("PDF document (*.pdf)")),
)
#: The file name's first word in the document's language.
FILE_STEMS = {"kk": "кесте", "ru": "график"}


@dataclass(frozen=True)
class ExportRequest:
    start: date
    end: date
    lang: str
    suffix: str


def half_year(today: date) -> tuple[date, date]:
    """The half-year of ``today`` (п.17: H1 = January-June, H2 = July-December)."""
    if today.month <= 6:
        return date(today.year, 1, 1), date(today.year, 6, 30)
    return date(today.year, 7, 1), date(today.year, 12, 31)


def next_six_months(today: date) -> tuple[date, date]:
    return today, add_months(today, 6)


class ExportDialog(QDialog):
    """Asks the period, the document's language and the format."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        start, end = half_year(context.today())
        self.start = date_edit(start)
        self.end = date_edit(end)
        self.half_year_button = QPushButton()
        self.half_year_button.clicked.connect(lambda: self._set_period(*half_year(context.today())))
        self.six_months_button = QPushButton()
        self.six_months_button.clicked.connect(lambda: self._set_period(*next_six_months(context.today())))
        self.language = QComboBox()
        for code, _name in DOCUMENT_LANGUAGES:
            self.language.addItem("", code)
        self.language.setCurrentIndex(1 if context.lang == "ru" else 0)
        self.format = QComboBox()
        for suffix, _label, _filter in FORMATS:
            self.format.addItem("", suffix)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        presets = QHBoxLayout()
        presets.addWidget(self.half_year_button)
        presets.addWidget(self.six_months_button)
        presets.addStretch(1)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {key: QLabel() for key in ("start", "end", "language", "format")}
        self.form.addRow(self.labels["start"], self.start)
        self.form.addRow(self.labels["end"], self.end)
        self.form.addRow("", presets)
        self.form.addRow(self.labels["language"], self.language)
        self.form.addRow(self.labels["format"], self.format)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def _set_period(self, start: date, end: date) -> None:
        self.start.setDate(to_qdate(start))
        self.end.setDate(to_qdate(end))

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Export the schedule"))
        self.labels["start"].setText(_("From"))
        self.labels["end"].setText(_("To"))
        self.labels["language"].setText(_("Document language"))
        self.labels["format"].setText(_("Format"))
        self.half_year_button.setText(_("This half-year"))
        self.six_months_button.setText(_("Next 6 months"))
        for index, (_code, name) in enumerate(DOCUMENT_LANGUAGES):
            self.language.setItemText(index, _(name))
        for index, (_suffix, label, _filter) in enumerate(FORMATS):
            self.format.setItemText(index, _(label))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export…"))

    def request(self) -> ExportRequest:
        return ExportRequest(from_qdate(self.start.date()), from_qdate(self.end.date()),
                             str(self.language.currentData()), str(self.format.currentData()))

    def _accept(self) -> None:
        request = self.request()
        if request.end < request.start:
            self.error.setText(_("The period ends before it starts: choose a “To” date on or after “From”."))
            self.error.show()
            return
        self.accept()


class ScheduleExporter(QObject):
    """Dialog -> file name -> background export -> a message saying where the file went."""

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.widget = parent
        self.dialog: ExportDialog | None = None

    def start(self) -> None:
        self.dialog = ExportDialog(self.context, self.widget)
        dialog = self.dialog
        dialog.accepted.connect(lambda: self.choose_file(dialog.request()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def choose_file(self, request: ExportRequest) -> None:
        settings = window_settings()
        folder = str(settings.value(FOLDER_KEY, "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation))
        name = f"{FILE_STEMS[request.lang]}_{request.start.isoformat()}_{request.end.isoformat()}.{request.suffix}"
        file_filter = next(_(pattern) for suffix, _label, pattern in FORMATS if suffix == request.suffix)
        path, _chosen = QFileDialog.getSaveFileName(self.widget, _("Export the schedule"),
                                                    str(Path(folder) / name), file_filter)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != f".{request.suffix}":
            target = target.with_name(f"{target.name}.{request.suffix}")
        settings.setValue(FOLDER_KEY, str(target.parent))
        settings.sync()
        self.run(request, target)

    def run(self, request: ExportRequest, target: Path) -> None:
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
        box = QMessageBox(QMessageBox.Icon.Information, _("Schedule exported"),
                          _("The schedule was saved to:\n{path}").format(path=path),
                          QMessageBox.StandardButton.Ok, self.widget)
        folder_button = box.addButton(_("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))
