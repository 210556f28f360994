"""Import a data package (п.17): first a dry run that shows what would change, then Apply (the real import in one
transaction), then the receipt. A refused package shows its problems and says that nothing was changed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _, current_language, format_date, format_number
from pedesk.services.common import ProgressCallback, ValidationError
from pedesk.services.packages import (
    OUTCOME_KINDS,
    ImportSummary,
    PackageProblem,
    PackageRejected,
    column_label,
    record_receipt,
    run_import,
    sheet_label,
)
from pedesk.ui.context import AppContext
from pedesk.ui.packages.views import (
    ERROR_COLOUR,
    OK_COLOUR,
    WARNING_COLOUR,
    ask_package_to_open,
    ask_save_path,
)
from pedesk.ui.widgets.tasks import TaskHandle

#: The kinds of records an import can change: the lists showing them refresh after it.
CHANGED_KINDS = ("package", "teacher", "cohort", "enrolment", "assessment", "certificate", "school", "office")
OUTCOME_HEADERS = (N_("Added"), N_("Updated"), N_("Unchanged"), N_("Conflicts"), N_("Rejected"))
PROBLEM_HEADERS = (N_("Sheet"), N_("Row"), N_("Column"), N_("What is wrong"))
CONFLICT_HEADERS = (N_("Sheet"), N_("Row"), N_("Record"), N_("Differs in"), N_("From office"), N_("Held from"))
RECEIPT_FILTER = N_("Excel workbook (*.xlsx);;PDF document (*.pdf)")


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric_from: int | None = None,
           stretch: int | None = None) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels([_(header) for header in headers])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if numeric_from is not None and c >= numeric_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is not None:  # this column takes the room left, not the last one
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    return table


def _full_height(table: QTableWidget) -> int:
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    return table.horizontalHeader().height() + rows + 2 * table.frameWidth() + 2


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def problem_rows(problems: Sequence[PackageProblem]) -> list[list[object]]:
    lang = current_language()
    return [[_capitalised(sheet_label(p.sheet, lang)), p.row, p.column, p.message] for p in problems]


class _ReportDialog(QDialog):
    """A heading, then tables that are rebuilt whenever the language changes."""

    def __init__(self, context: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context = context
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.body = QVBoxLayout()
        self.buttons = QDialogButtonBox()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(760, 420)
        self.tables: dict[str, QTableWidget] = {}
        context.language_changed.connect(self.retranslate)

    def set_tables(self, tables: list[tuple[str, str, QTableWidget]]) -> None:
        while self.body.count():
            item = self.body.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.tables = {}
        for index, (key, caption, table) in enumerate(tables):
            self.body.addWidget(QLabel(f"<b>{caption}</b>"))
            if index == 0 and len(tables) > 1:  # the counts show whole; the lists below take the room left
                table.setFixedHeight(_full_height(table))
            self.body.addWidget(table, 0 if index == 0 and len(tables) > 1 else 1)
            self.tables[key] = table

    def retranslate(self, _lang: str = "") -> None:
        raise NotImplementedError


class ImportReviewDialog(_ReportDialog):
    """What an import would change (``summary.applied`` False: Apply / Cancel) or did (Save receipt… / Close)."""

    apply_requested = Signal()
    receipt_requested = Signal()

    def __init__(self, context: AppContext, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.summary = summary
        if summary.applied:
            self.action: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
            self.action.clicked.connect(self.receipt_requested.emit)
            self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
            self.close_button.clicked.connect(self.accept)
        else:
            self.action = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
            self.action.clicked.connect(self._apply)
            self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            self.close_button.clicked.connect(self.reject)
        self.retranslate()

    def _apply(self) -> None:
        self.accept()
        self.apply_requested.emit()

    def count_rows(self) -> list[list[object]]:
        summary, lang = self.summary, current_language()
        sheets = list(dict.fromkeys(sheet for kind in OUTCOME_KINDS for sheet in getattr(summary, kind)))
        rows: list[list[object]] = [
            [sheet_label(sheet, lang), *(format_number(getattr(summary, kind).get(sheet, 0)) for kind in OUTCOME_KINDS)]
            for sheet in sheets]
        rows.append([_("Total"), *(format_number(sum(getattr(summary, kind).values())) for kind in OUTCOME_KINDS)])
        return rows

    def _heading(self) -> str:
        s = self.summary
        values = {"file": s.file_name, "office": s.office_code or "—", "start": format_date(s.start),
                  "end": format_date(s.end)}
        if s.applied:
            text = _("The package {file} from office {office} ({start} – {end}) is imported.").format(**values)
            colour = OK_COLOUR
        else:
            text = _("What importing {file} from office {office} ({start} – {end}) would change. Nothing has been "
                     "changed yet: press Apply to import it.").format(**values)
            colour = "inherit"
        lines = [f'<span style="color: {colour};">{_escape(text)}</span>']
        if not sum(sum(getattr(s, kind).values()) for kind in ("added", "updated", "conflicts", "rejected")):
            lines.append(_escape(_("Every record of this package is here already, as it is: importing it changes "
                                   "nothing.")))
        if s.has_conflicts:
            warning = _("Some records differ from those held here (changed here later, or sent by another office): "
                        "they are kept as they are and listed under Conflicts. Settle them with the office named.")
            lines.append(f'<span style="color: {WARNING_COLOUR};">{_escape(warning)}</span>')
        return "<br>".join(lines)

    def retranslate(self, _lang: str = "") -> None:
        s = self.summary
        self.setWindowTitle(_("Data package imported") if s.applied else _("Check before importing"))
        self.heading.setText(self._heading())
        self.action.setText(_("Save receipt…") if s.applied else _("Apply"))
        counts = _table((N_("Sheet"), *OUTCOME_HEADERS), self.count_rows(), numeric_from=1, stretch=0)
        bold = counts.font()
        bold.setBold(True)
        for column in range(counts.columnCount()):  # the totals line
            item = counts.item(counts.rowCount() - 1, column)
            if item is not None:
                item.setFont(bold)
        tables = [("counts", _("Rows per sheet"), counts)]
        if s.problems:
            tables.append(("problems", _("Rows rejected"), _table(PROBLEM_HEADERS, problem_rows(s.problems))))
        if s.conflict_list:
            lang = current_language()
            rows = [[sheet_label(c.sheet, lang), c.row, c.key, ", ".join(column_label(c.sheet, f, lang) for f in c.fields),
                     c.source, c.holder] for c in s.conflict_list]
            tables.append(("conflicts", _("Conflicts"), _table(CONFLICT_HEADERS, rows)))
        self.set_tables(tables)


class RejectedDialog(_ReportDialog):
    """A refused package: every problem with its sheet, row and column; nothing was changed."""

    def __init__(self, context: AppContext, file_name: str, problems: Sequence[PackageProblem],
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.file_name, self.problems = file_name, list(problems)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Package refused"))
        text = _("The package {file} was refused, so nothing was changed. Correct what is named below, or ask the "
                 "office that sent it for a new package.").format(file=self.file_name)
        self.heading.setText(f'<span style="color: {ERROR_COLOUR};">{_escape(text)}</span>')
        self.set_tables([("problems", _("Problems"), _table(PROBLEM_HEADERS, problem_rows(self.problems)))])


def _escape(text: str) -> str:
    from html import escape

    return escape(text).replace("\n", "<br>")


class PackageImporter(QObject):
    """File -> dry run in the background -> review -> Apply in the background -> result -> receipt."""

    imported = Signal(object)  # the ImportSummary of an applied import

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.widget = parent
        self.dialog: QDialog | None = None
        self.handle: TaskHandle | None = None

    def start(self, path: Path | None = None) -> TaskHandle | None:
        path = path or ask_package_to_open(self.widget)
        return None if path is None else self.run(path, dry_run=True)

    def run(self, path: Path, *, dry_run: bool) -> TaskHandle:
        database, user, today = self.context.database, self.context.user, self.context.today()
        self.dialog = None  # the answer's dialog comes when the work ends

        def work(progress: ProgressCallback) -> ImportSummary:
            progress(0, 0, _("Checking the package…") if dry_run else _("Importing the package…"))
            return run_import(database, path, today=today, by=user, dry_run=dry_run, progress=progress)

        title = _("Checking the data package…") if dry_run else _("Importing the data package…")
        self.handle = self.context.runner.run(
            work, on_done=lambda summary: self._done(path, summary), on_error=lambda exc: self._failed(path, exc),
            on_cancelled=self._stopped, parent=self.widget, title=title)
        return self.handle

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _done(self, path: Path, summary: ImportSummary) -> None:
        dialog = ImportReviewDialog(self.context, summary, self.widget)
        if summary.applied:
            for kind in CHANGED_KINDS:
                self.context.changed(kind)
            self.imported.emit(summary)
            dialog.receipt_requested.connect(lambda: self.save_receipt(summary))
        else:
            dialog.apply_requested.connect(lambda: self.run(path, dry_run=False))
        self._show(dialog)

    def _stopped(self) -> None:
        """Cancel was pressed: the import's transaction was rolled back."""
        box = QMessageBox(QMessageBox.Icon.Information, _("Import stopped"), _("Stopped; nothing was changed."),
                          QMessageBox.StandardButton.Ok, self.widget)
        self._show(box)

    def _failed(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, PackageRejected):
            self._show(RejectedDialog(self.context, path.name, exc.problems, self.widget))
        elif isinstance(exc, ValidationError):
            QMessageBox.warning(self.widget, _("Please check"), str(exc))
        else:
            QMessageBox.critical(self.widget, _("Something went wrong"), _(
                "The work stopped because of an error; nothing was changed.\n{error}").format(error=exc))

    def save_receipt(self, summary: ImportSummary) -> TaskHandle | None:
        name = f"receipt-{Path(summary.file_name).stem}.xlsx"
        target = ask_save_path(self.widget, _("Save the receipt"), name, _(RECEIPT_FILTER), (".xlsx", ".pdf"))
        if target is None:
            return None
        database, user = self.context.database, self.context.user
        lang = current_language() if current_language() in ("kk", "ru") else "kk"  # a document: Kazakh or Russian

        def work(progress: ProgressCallback) -> Path:
            from pedesk.services.packages import write_receipt

            progress(0, 0, _("Writing the receipt…"))
            written = write_receipt(summary, target, lang=lang)
            with database.transaction(user) as session:
                record_receipt(session, sha256=summary.sha256, path=written)
            return written

        def done(path: Path) -> None:
            self.context.changed("package")
            QMessageBox.information(self.widget, _("Receipt saved"),
                                    _("The receipt was saved to:\n{path}").format(path=path))

        self.handle = self.context.runner.run(work, on_done=done, parent=self.widget, title=_("Writing the receipt…"))
        return self.handle
