"""A period of issue: for printing the certificates issued between two dates, and for the issue book
(сертификаттарды беру журналы / журнал выдачи сертификатов) written as Excel or PDF in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from pedesk.i18n import N_, _, format_number
from pedesk.services.certificates import issue_book_rows, write_issue_book_pdf, write_issue_book_xlsx
from pedesk.services.common import ProgressCallback
from pedesk.services.reference import require_own_office
from pedesk.ui.certificates.table import FOLDER_KEY
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.files import tell_saved
from pedesk.ui.widgets.period import DocumentPeriodDialog, DocumentRequest, PeriodDocumentWriter
from pedesk.ui.widgets.tasks import TaskHandle

__all__ = ["IssueBookDialog", "IssueBookWriter"]

#: The file name's first words in the book's language.
FILE_STEMS = {"kk": "сертификаттарды_беру_журналы", "ru": "журнал_выдачи_сертификатов"}


class IssueBookDialog(DocumentPeriodDialog):
    """The period, the book's language and its format."""

    LANGUAGE_LABEL = N_("Language of the book")
    OK_TEXT = N_("Write…")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Issue book"), parent)
        self.book_language, self.book_format = self.language, self.format


class IssueBookWriter(PeriodDocumentWriter):
    """Dialog -> file name (last folder remembered) -> the book written in the background -> where it went."""

    TITLE = N_("Issue book")
    FOLDER_KEY = FOLDER_KEY
    FILE_STEMS = FILE_STEMS

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(context, parent)
        self.handle: TaskHandle | None = None

    def make_dialog(self) -> IssueBookDialog:
        return IssueBookDialog(self.context, self.widget)

    def run(self, request: DocumentRequest, target: Path) -> TaskHandle:
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
        tell_saved(self.widget, _("Issue book"), _("The issue book ({count} rows) was saved to:\n{path}").format(
            count=format_number(count), path=path), path)
