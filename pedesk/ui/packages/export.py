"""Export a data package (п.17): a half-year or a date range, this office's records or every office's (the
regional administration's consolidated package), written in the background with a progress bar and Cancel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _, current_language, format_date, format_number, ngettext
from pedesk.services.common import ProgressCallback
from pedesk.services.packages import (
    ExportResult,
    export_package,
    package_file_name,
    package_period,
    period_label,
    sheet_label,
)
from pedesk.services.reference import get_own_office
from pedesk.services.rules import parse_period
from pedesk.ui.context import AppContext
from pedesk.ui.packages.views import ERROR_COLOUR, ask_save_path
from pedesk.ui.widgets.choices import date_edit, from_qdate, to_qdate
from pedesk.ui.widgets.files import tell_saved
from pedesk.ui.widgets.tasks import TaskHandle

MODES = (("all", N_("All periods")), ("half", N_("Half-year")), ("dates", N_("Dates")))
HALVES = (("H1", N_("January – June")), ("H2", N_("July – December")))


class PeriodPicker(QWidget):
    """A half-year (year + H1/H2) or two dates, or (``allow_all``) no bound at all, on one line."""

    changed = Signal()

    def __init__(self, today: date, *, allow_all: bool = False) -> None:
        super().__init__()
        self.modes = [(key, text) for key, text in MODES if allow_all or key != "all"]
        self.mode, self.half = QComboBox(), QComboBox()
        for key, _text in self.modes:
            self.mode.addItem("", key)
        for key, _text in HALVES:
            self.half.addItem("", key)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        start, end = parse_period(package_period(today))
        self.start, self.end = date_edit(start), date_edit(end)
        self.dash = QLabel("–")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.mode, self.year, self.half, self.start, self.dash, self.end):
            row.addWidget(widget)
        row.addStretch(1)
        self.set_period(start, end)
        for signal in (self.mode.currentIndexChanged, self.half.currentIndexChanged, self.year.valueChanged,
                       self.start.dateChanged, self.end.dateChanged):
            signal.connect(self._changed)
        self.retranslate()

    def _changed(self, *_args: object) -> None:
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        key = self.mode.currentData()
        half: tuple[QWidget, ...] = (self.year, self.half)
        dates: tuple[QWidget, ...] = (self.start, self.dash, self.end)
        for widget in half:
            widget.setVisible(key == "half")
        for widget in dates:
            widget.setVisible(key == "dates")

    def set_period(self, start: date | None, end: date | None) -> None:
        """Show ``start``-``end``: as a half-year when it is one, else as dates (None, None: all periods)."""
        if start is None or end is None:
            self.mode.setCurrentIndex(max(self.mode.findData("all"), 0))
        elif period_label(start, end).endswith(("H1", "H2")):
            self.year.setValue(start.year)
            self.half.setCurrentIndex(0 if start.month == 1 else 1)
            self.mode.setCurrentIndex(self.mode.findData("half"))
        else:
            self.start.setDate(to_qdate(start))
            self.end.setDate(to_qdate(end))
            self.mode.setCurrentIndex(self.mode.findData("dates"))
        self._show()

    def period(self) -> tuple[date | None, date | None]:
        key = self.mode.currentData()
        if key == "half":
            return parse_period(f"{self.year.value()}-{self.half.currentData()}")
        if key == "dates":
            return from_qdate(self.start.date()), from_qdate(self.end.date())
        return None, None

    def problem(self) -> str | None:
        start, end = self.period()
        if start is not None and end is not None and end < start:
            return _("The period ends before it starts: choose a “To” date on or after “From”.")
        return None

    def retranslate(self) -> None:
        for index, (_key, text) in enumerate(self.modes):
            self.mode.setItemText(index, _(text))
        for index, (_key, text) in enumerate(HALVES):
            self.half.setItemText(index, _(text))


@dataclass(frozen=True)
class ExportRequest:
    start: date
    end: date
    consolidated: bool


class PackageExportDialog(QDialog):
    """The period and whether the package carries every office's records; Export… asks for the file."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, consolidated: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        with context.database.reading() as session:
            office = get_own_office(session)
            self.own_code = office.code if office is not None else None
        self.note, self.error, self.consolidated_note = QLabel(), QLabel(), QLabel()
        for label in (self.note, self.error, self.consolidated_note):
            label.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        self.picker = PeriodPicker(context.today())
        self.picker.changed.connect(self.error.hide)
        self.consolidated = QCheckBox()
        self.consolidated.setChecked(consolidated)
        self.period_label = QLabel()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.period_label, self.picker)
        form.addRow(self.consolidated)
        form.addRow(self.consolidated_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for item in (self.note, self.error):
            layout.addWidget(item)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Export a data package"))
        self.note.setText(_("The package carries every record created or changed in the period, with the records "
                            "they refer to, as one .zip file to send to the regional education administration "
                            "(п.17 of the Rules)."))
        self.period_label.setText(_("Period"))
        self.consolidated.setText(_("All offices (consolidated package)"))
        self.consolidated_note.setText(_("For the regional administration: the records of every office whose "
                                         "packages were imported here, not only this office's."))
        self.picker.retranslate()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export…"))

    def request(self) -> ExportRequest:
        start, end = self.picker.period()
        assert start is not None and end is not None  # the picker offers no "all periods" here
        return ExportRequest(start, end, self.consolidated.isChecked())

    def _accept(self) -> None:
        problem = self.picker.problem()
        if problem is None and self.own_code is None and not self.consolidated.isChecked():
            problem = _("This database has no office of its own yet: fill in the office in Settings, or tick "
                        "“All offices” to export the consolidated package.")
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()


class PackageExporter(QObject):
    """Dialog -> file name (last folder remembered) -> the package written in the background -> where it went."""

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.widget = parent
        self.dialog: PackageExportDialog | None = None
        self.handle: TaskHandle | None = None
        self.result: ExportResult | None = None
        self.message: QMessageBox | None = None  # "Stopped; nothing was written." after a Cancel

    def start(self, *, consolidated: bool = False, period: tuple[date | None, date | None] = (None, None)
              ) -> PackageExportDialog:
        self.dialog = dialog = PackageExportDialog(self.context, self.widget, consolidated=consolidated)
        if period[0] is not None:
            dialog.picker.set_period(*period)
        dialog.accepted.connect(lambda: self.choose_file(dialog.request(), dialog.own_code or ""))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def choose_file(self, request: ExportRequest, office_code: str) -> None:
        name = package_file_name(office_code, request.start, request.end, consolidated=request.consolidated)
        target = ask_save_path(self.widget, _("Export a data package"), name, _("Data packages (*.zip)"), (".zip",))
        if target is not None:
            self.run(request, target)

    def run(self, request: ExportRequest, target: Path) -> TaskHandle:
        database, user = self.context.database, self.context.user

        def work(progress: ProgressCallback) -> ExportResult:
            progress(0, 0, _("Collecting the records…"))
            with database.transaction(user, immediate=True) as session:
                return export_package(session, target, start=request.start, end=request.end,
                                      label=period_label(request.start, request.end), by=user,
                                      consolidated=request.consolidated, progress=progress)

        self.message = None
        self.handle = self.context.runner.run(work, on_done=self._done, on_cancelled=self._stopped,
                                              parent=self.widget, title=_("Writing the data package…"))
        return self.handle

    def _stopped(self) -> None:
        """Cancel was pressed: the partial file is gone and the export's transaction rolled back."""
        self.message = box = QMessageBox(QMessageBox.Icon.Information, _("Export stopped"),
                                         _("Stopped; nothing was written."), QMessageBox.StandardButton.Ok,
                                         self.widget)
        box.finished.connect(box.deleteLater)
        box.open()

    def _done(self, result: ExportResult) -> None:
        self.result = result
        self.context.changed("package")
        rows = sum(result.counts.values())
        lines = [f"{sheet_label(sheet, current_language())}: {format_number(count)}"
                 for sheet, count in result.counts.items() if count]
        text = ngettext("The data package for {start} – {end} ({rows} row) was saved to:\n{path}",
                        "The data package for {start} – {end} ({rows} rows) was saved to:\n{path}", rows).format(
            start=format_date(result.start), end=format_date(result.end), rows=format_number(rows), path=result.path)
        tell_saved(self.widget, _("Data package exported"), "\n\n".join(filter(None, [text, "\n".join(lines)])),
                   result.path)
