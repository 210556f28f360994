"""What the Listeners (Тыңдаушылар / Слушатели) screens share: optional dates, printing a form to a PDF
(language, file, the last folder remembered), cohort choices and a table model that keeps record ids."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QFileDialog, QInputDialog, QMessageBox, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date
from pedesk.services.schedule import page_cohorts
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.paged_model import Index
from pedesk.ui.widgets.tables import StaticTableModel
from pedesk.ui.window_settings import window_settings

FOLDER_KEY = "listeners/folder"
DATE_FORMAT = "dd.MM.yyyy"
ALL_ROWS = 5000
EMPTY_DAY = QDate(1900, 1, 1)
#: The languages a printed form can be in (the services' codes) with their English source names.
DOCUMENT_LANGUAGES: tuple[tuple[str, str], ...] = (("kk", N_("Kazakh")), ("ru", N_("Russian")))


def optional_date_edit(value: date | None = None) -> QDateEdit:
    """A date field that can stay empty: its lowest date shows as a blank."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(EMPTY_DAY)
    edit.setSpecialValueText(" ")
    set_date(edit, value)
    return edit


def set_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else EMPTY_DAY)


def get_date(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == EMPTY_DAY or not value.isValid():
        return None
    return date(value.year(), value.month(), value.day())


def show_date(value: date | None) -> str:
    return format_date(value) if value else ""


def cohort_label(row: Any, lang: str) -> str:
    return _("{code} — {programme}, {start} – {end}").format(
        code=row.code, programme=row.programme, start=format_date(row.start), end=format_date(row.end))


def cohort_choices(session: Session, context: AppContext, text: str = "") -> list[tuple[int, str]]:
    rows = page_cohorts(session, text, 0, ALL_ROWS, today=context.today(), lang=context.lang)
    return [(row.id, cohort_label(row, context.lang)) for row in rows]


class RecordTableModel(StaticTableModel):
    """A read-only table whose rows also carry the id of their record (UserRole)."""

    def __init__(self, headers: Sequence[str], colour: str | None = None) -> None:
        super().__init__(headers, colour)
        self.ids: list[Any] = []

    def set_records(self, records: Iterable[tuple[Any, Sequence[object]]]) -> None:
        pairs = list(records)
        self.ids = [record_id for record_id, _row in pairs]
        self.set_rows(row for _record_id, row in pairs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            if index.isValid() and index.row() < len(self.ids) and index.column() < len(self.headers):
                return self.ids[index.row()]
            return None
        return super().data(index, role)


def ask_document_language(parent: QWidget, title: str) -> str | None:
    """Ask in which language (Kazakh or Russian) to print a form; None when cancelled."""
    names = [_(name) for _code, name in DOCUMENT_LANGUAGES]
    chosen, ok = QInputDialog.getItem(parent, title, _("Language of the document:"), names, 0, False)
    if not ok or chosen not in names:
        return None
    return DOCUMENT_LANGUAGES[names.index(chosen)][0]


def ask_pdf_path(parent: QWidget, title: str, file_name: str) -> Path | None:
    """The save-file dialog in the last folder used for these forms (remembered in the window settings)."""
    settings = window_settings()
    folder = str(settings.value(FOLDER_KEY, "") or "")
    start = str(Path(folder) / file_name) if folder else file_name
    path, _filter = QFileDialog.getSaveFileName(parent, title, start, _("PDF documents (*.pdf)"))
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    settings.setValue(FOLDER_KEY, str(target.parent))
    settings.sync()
    return target


def print_form(context: AppContext, parent: QWidget, title: str, file_name: str,
               render: Callable[[Session, Path, str], Path],
               on_done: Callable[[Path], None] | None = None) -> bool:
    """Ask the language and the file, then render the form in the background; False when cancelled."""
    lang = ask_document_language(parent, title)
    if lang is None:
        return False
    path = ask_pdf_path(parent, title, f"{file_name}-{lang}.pdf")
    if path is None:
        return False

    def work(_progress: Any) -> Path:
        with context.database.reading() as session:
            return render(session, path, lang)

    def done(written: Path) -> None:
        if on_done is not None:
            on_done(written)
        else:
            QMessageBox.information(parent, title, _("The form was saved to {path}.").format(path=written))

    context.runner.run(work, on_done=done, parent=parent, title=title, writes=False)
    return True
