"""A period between two dates ("To" not before "From"), and the same with a document's language and format
for a document written for the period (the schedule of courses, the issue book): the dialog, its request with
the file name and filter, and the steps from the dialog to the chosen file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import ERROR_COLOUR, date_edit, from_qdate
from pedesk.ui.widgets.files import ask_save_file
from pedesk.ui.widgets.records import DOCUMENT_LANGUAGES

__all__ = ["FORMATS", "DocumentPeriodDialog", "DocumentRequest", "PeriodDialog", "PeriodDocumentWriter",
           "this_month"]

#: Formats: (suffix, English source label, file-dialog filter source).
FORMATS: tuple[tuple[str, str, str], ...] = (
    ("xlsx", N_("Excel workbook (.xlsx)"), N_("Excel workbook (*.xlsx)")),
    ("pdf", N_("PDF document (.pdf)"), N_("PDF document (*.pdf)")),
)


def this_month(today: date) -> tuple[date, date]:
    start = today.replace(day=1)
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class DocumentRequest:
    start: date
    end: date
    lang: str
    suffix: str

    def file_name(self, stems: Mapping[str, str]) -> str:
        """The stem in the document's language, the period and the suffix: график_2026-01-01_2026-06-30.pdf."""
        return f"{stems[self.lang]}_{self.start.isoformat()}_{self.end.isoformat()}.{self.suffix}"

    def file_filter(self) -> str:
        return next(_(pattern) for suffix, _label, pattern in FORMATS if suffix == self.suffix)


class PeriodDialog(QDialog):
    """From and To (``period``, else the current month); To may not be before From. A subclass adds its rows
    in ``add_rows``, which runs before the form is laid out."""

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None, *,
                 period: tuple[date, date] | None = None, minimum_width: int = 460) -> None:
        super().__init__(parent)
        self.context = context
        self.title_source = title
        start, end = period or this_month(context.today())
        self.start, self.end = date_edit(start), date_edit(end)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.labels: dict[str, tuple[QLabel, str]] = {}
        self.add_row("start", N_("From"), self.start)
        self.add_row("end", N_("To"), self.end)
        self.add_rows()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(minimum_width)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

    def add_rows(self) -> None:
        """Rows below From and To (none here)."""

    def add_row(self, key: str, label: str, widget: QWidget) -> None:
        text = QLabel(_(label))
        self.labels[key] = (text, label)
        self.form.addRow(text, widget)

    def period(self) -> tuple[date, date]:
        return from_qdate(self.start.date()), from_qdate(self.end.date())

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_(self.title_source))
        for text, source in self.labels.values():
            text.setText(_(source))

    def _accept(self) -> None:
        start, end = self.period()
        if end < start:
            self.error.setText(_("The period ends before it starts: choose a “To” date on or after “From”."))
            self.error.show()
            return
        self.accept()


class DocumentPeriodDialog(PeriodDialog):
    """The period, the document's language (Kazakh or Russian, the window's when it is Russian) and its format;
    ``LANGUAGE_LABEL`` names the language's row and ``OK_TEXT`` the OK button (English sources)."""

    LANGUAGE_LABEL = ""
    OK_TEXT = ""

    def add_rows(self) -> None:
        self.language, self.format = QComboBox(), QComboBox()
        for code, _name in DOCUMENT_LANGUAGES:
            self.language.addItem("", code)
        self.language.setCurrentIndex(1 if self.context.lang == "ru" else 0)
        for suffix, _label, _filter in FORMATS:
            self.format.addItem("", suffix)
        self.add_row("language", self.LANGUAGE_LABEL, self.language)
        self.add_row("format", N_("Format"), self.format)

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        for index, (_code, name) in enumerate(DOCUMENT_LANGUAGES):
            self.language.setItemText(index, _(name))
        for index, (_suffix, label, _filter) in enumerate(FORMATS):
            self.format.setItemText(index, _(label))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_(self.OK_TEXT))

    def request(self) -> DocumentRequest:
        start, end = self.period()
        return DocumentRequest(start, end, str(self.language.currentData()), str(self.format.currentData()))


class PeriodDocumentWriter(QObject):
    """Dialog (``make_dialog``) -> file name (``FILE_STEMS`` in the document's language, the last folder used
    under ``FOLDER_KEY``) -> ``run`` writes the document in the background."""

    TITLE = ""  # the save-file dialog's title, English source
    FOLDER_KEY = ""
    FILE_STEMS: Mapping[str, str] = {}

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.widget = parent
        self.dialog: DocumentPeriodDialog | None = None

    def make_dialog(self) -> DocumentPeriodDialog:
        raise NotImplementedError

    def start(self) -> DocumentPeriodDialog:
        self.dialog = dialog = self.make_dialog()
        dialog.accepted.connect(lambda: self.choose_file(dialog.request()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def choose_file(self, request: DocumentRequest) -> None:
        target = ask_save_file(self.widget, _(self.TITLE), request.file_name(self.FILE_STEMS), request.file_filter(),
                               self.FOLDER_KEY, (f".{request.suffix}",))
        if target is not None:
            self.run(request, target)

    def run(self, request: DocumentRequest, target: Path) -> object:
        raise NotImplementedError
