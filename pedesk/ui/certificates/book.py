"""A period of issue: for printing the certificates issued between two dates, and for the issue book
(сертификаттарды беру журналы / журнал выдачи сертификатов) written as Excel or PDF in the background."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _, format_number
from pedesk.services.certificates import issue_book_rows, write_issue_book_pdf, write_issue_book_xlsx
from pedesk.services.common import ProgressCallback
from pedesk.services.reference import require_own_office
from pedesk.ui.certificates.table import ERROR_COLOUR, ask_save_path
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import date_edit, from_qdate
from pedesk.ui.widgets.tasks import TaskHandle

#: The book's languages (the services' codes) with their English source names.
BOOK_LANGUAGES: tuple[tuple[str, str], ...] = (("kk", N_("Kazakh")), ("ru", N_("Russian")))
#: Formats: (suffix, English source label, file-dialog filter source).
FORMATS: tuple[tuple[str, str, str], ...] = (
    ("xlsx", N_("Excel workbook (.xlsx)"), N_("Excel workbook (*.xlsx)")),
    ("pdf", N_("PDF document (.pdf)"), N_("PDF document (*.pdf)")),
)
#: The file name's first words in the book's language.
FILE_STEMS = {"kk": "сертификаттарды_беру_журналы", "ru": "журнал_выдачи_сертификатов"}


def this_month(today: date) -> tuple[date, date]:
    start = today.replace(day=1)
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)


class PeriodDialog(QDialog):
    """From and To (the current month unless changed); To may not be before From."""

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.title_source = title
        start, end = this_month(context.today())
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
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        context.language_changed.connect(self.retranslate)
        self.retranslate()

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


@dataclass(frozen=True)
class BookRequest:
    start: date
    end: date
    lang: str
    suffix: str


class IssueBookDialog(PeriodDialog):
    """The period, the book's language and its format."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Issue book"), parent)
        self.book_language, self.book_format = QComboBox(), QComboBox()
        for code, _name in BOOK_LANGUAGES:
            self.book_language.addItem("", code)
        self.book_language.setCurrentIndex(1 if context.lang == "ru" else 0)
        for suffix, _label, _filter in FORMATS:
            self.book_format.addItem("", suffix)
        self.add_row("language", N_("Language of the book"), self.book_language)
        self.add_row("format", N_("Format"), self.book_format)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        if not hasattr(self, "book_format"):
            return  # called by PeriodDialog before this dialog's own fields exist
        for index, (_code, name) in enumerate(BOOK_LANGUAGES):
            self.book_language.setItemText(index, _(name))
        for index, (_suffix, label, _filter) in enumerate(FORMATS):
            self.book_format.setItemText(index, _(label))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Write…"))

    def request(self) -> BookRequest:
        start, end = self.period()
        return BookRequest(start, end, str(self.book_language.currentData()), str(self.book_format.currentData()))


class IssueBookWriter(QObject):
    """Dialog -> file name (last folder remembered) -> the book written in the background -> where it went."""

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.widget = parent
        self.dialog: IssueBookDialog | None = None
        self.handle: TaskHandle | None = None

    def start(self) -> IssueBookDialog:
        self.dialog = dialog = IssueBookDialog(self.context, self.widget)
        dialog.accepted.connect(lambda: self.choose_file(dialog.request()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def choose_file(self, request: BookRequest) -> None:
        name = f"{FILE_STEMS[request.lang]}_{request.start.isoformat()}_{request.end.isoformat()}.{request.suffix}"
        file_filter = next(_(pattern) for suffix, _label, pattern in FORMATS if suffix == request.suffix)
        target = ask_save_path(self.widget, _("Issue book"), name, request.suffix, file_filter)
        if target is not None:
            self.run(request, target)

    def run(self, request: BookRequest, target: Path) -> TaskHandle:
        database = self.context.database

        def work(progress: ProgressCallback) -> tuple[Path, int]:
            progress(0, 0, _("Collecting the issue book…"))
            with database.reading() as session:
                office = require_own_office(session)
                office_name = office.name_kk if request.lang == "kk" else office.name_ru
                rows = issue_book_rows(session, request.start, request.end, request.lang)
            if request.suffix == "xlsx":
                write_issue_book_xlsx(target, rows, office_name=office_name, start=request.start, end=request.end,
                                      lang=request.lang)
            else:
                write_issue_book_pdf(target, rows, office_name=office_name, start=request.start, end=request.end,
                                     lang=request.lang, progress=progress)
            return target, len(rows)

        self.handle = self.context.runner.run(work, on_done=self._done, parent=self.widget, writes=False,
                                              title=_("Writing the issue book…"))
        return self.handle

    def _done(self, result: tuple[Path, int]) -> None:
        path, count = result
        box = QMessageBox(QMessageBox.Icon.Information, _("Issue book"),
                          _("The issue book ({count} rows) was saved to:\n{path}").format(
                              count=format_number(count), path=path),
                          QMessageBox.StandardButton.Ok, self.widget)
        folder_button = box.addButton(_("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
