"""Importing a cohort's results of the final assessment (.xlsx, .xls, .ods, .xlsb): choose the file, read it off
the UI thread, see the recognised columns, the results and every problem by row and column; Import records them
all in one transaction, and only when the file has no problem."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from pedesk.i18n import N_, _, format_date
from pedesk.services.assessments import (
    AssessorInput,
    ResultsPreview,
    apply_results_import,
    preview_results_import,
)
from pedesk.services.common import ProgressCallback, ValidationError
from pedesk.ui.assessments.model import score_text
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import ERROR_COLOUR, OK_COLOUR
from pedesk.ui.widgets.import_preview import ImportPreviewDialog

__all__ = ["FOLDER_KEY", "ResultsImportDialog"]

FOLDER_KEY = "assessments/folder"
TABS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("rows", N_("Results ({count})"),
     (N_("Row"), N_("IIN"), N_("Listener"), N_("Score"), N_("Max score"), N_("Result"), N_("Date"))),
    ("problems", N_("Problems ({count})"), (N_("Row"), N_("Column"), N_("Problem"))),
    ("columns", N_("Columns ({count})"), (N_("Column"), N_("Header in the file"), N_("Read as"))),
)
FIELD_NAMES = {"iin": N_("IIN"), "full_name": N_("Full name"), "score": N_("Score"), "max_score": N_("Max score"),
               "passed": N_("Result"), "held_on": N_("Date")}

#: How the page gives the date and the external assessor at the moment of the import.
Inputs = Callable[[], tuple[date | None, AssessorInput | None]]


class ResultsImportDialog(ImportPreviewDialog):
    TABS = TABS
    FOLDER_KEY = FOLDER_KEY
    CHOOSE_TITLE = N_("Choose the file of results")
    FIELD_NAMES = FIELD_NAMES
    CLOSE_BUTTON = QDialogButtonBox.StandardButton.Close

    def __init__(self, context: AppContext, cohort_id: int, inputs: Inputs, parent: QWidget | None = None, *,
                 path: str | Path | None = None) -> None:
        super().__init__(context, parent, (900, 560))
        self.cohort_id, self.inputs = cohort_id, inputs
        self.preview: ResultsPreview | None = None
        self.imported = 0
        self.lay_out(self.file_row())
        context.language_changed.connect(self.retranslate)
        self.retranslate()
        self._update_buttons()
        if path is not None:
            self.set_file(Path(path))

    # the file ------------------------------------------------------------------------------------------
    def start_preview(self) -> None:
        """Read the file off the UI thread; a later call wins over an earlier one still running."""
        self.generation += 1
        if self.path is None:
            return
        path, context, cohort_id, sheet = self.path, self.context, self.cohort_id, self.sheet
        today = context.today()
        self._show(None)

        def work(_progress: ProgressCallback) -> ResultsPreview:
            with context.database.reading() as session:
                return preview_results_import(session, cohort_id, path, today=today, sheet=sheet)

        self.read_file(work, self._show, lambda exc: self.set_status(str(exc), ERROR_COLOUR))

    def _show(self, preview: ResultsPreview | None) -> None:
        self.preview = preview
        rows = preview.rows if preview else ()
        self.models["rows"].set_rows(
            (row.row, row.iin, row.full_name, score_text(row.score), score_text(row.max_score),
             _("passed") if row.passed else _("not passed"), format_date(row.held_on) if row.held_on else "")
            for row in rows)
        self.show_tables(preview.columns if preview else (), preview.problems if preview else (),
                         "rows" if preview else None)
        self._update_buttons()
        self.retranslate()

    def _update_buttons(self) -> None:
        ready = bool(self.preview and self.preview.ready) and not self.imported
        self.import_button.setEnabled(ready)
        self.choose.setEnabled(not self.imported)

    # import --------------------------------------------------------------------------------------------
    def run_import(self) -> None:
        preview = self.preview
        if preview is None or not self.import_button.isEnabled():
            return
        held_on, assessor = self.inputs()
        try:
            if held_on is None:
                raise ValidationError.single("held_on", _(
                    "Date of the assessment: enter it on the page, above the grid, for the rows without a date."))
            with self.context.database.transaction(user=self.context.user) as session:
                recorded = apply_results_import(session, preview, held_on=held_on, assessor=assessor,
                                                today=self.context.today())
        except ValidationError as exc:
            lines = [_("Nothing was imported:")] + [
                _("Row {row}: {message}").format(row=p.row, message=p.message) if p.row else p.message
                for p in exc.problems]
            self.set_status("\n".join(lines), ERROR_COLOUR)
            return
        self.imported = len(recorded)
        self.context.changed("assessment")
        self.context.changed("enrolment")
        self._update_buttons()
        self.retranslate()

    # language ------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Import the results of the final assessment"))
        self.intro.setText(_("Choose the workbook (.xlsx, .xls, .ods or .xlsb) "
                             "with the listeners' IIN and results, for example the blank "
                             "template filled in. First you see what would be recorded; the results are recorded "
                             "only when the file has no problem, all at once."))
        self.retranslate_frame()
        preview = self.preview
        self.retitle_tabs({"rows": len(preview.rows) if preview else 0,
                           "problems": len(preview.problems) if preview else 0,
                           "columns": len(preview.columns) if preview else 0})
        if self.imported:
            self.set_status(_("Imported: {count} results recorded.").format(count=self.imported), OK_COLOUR)
        elif preview is not None:
            self.set_status(self._summary(preview), ERROR_COLOUR if preview.problems else "")
        if _lang and self.path is not None and not self.imported:
            self.start_preview()  # the problems, or the refusal, were worded in the old language

    def _summary(self, preview: ResultsPreview) -> str:
        text = _('Sheet "{sheet}", column headers in row {row}. Results to record: {results}; corrections among them: '
                 "{corrections}; rows without a result, left as they are: {empty}.").format(
            sheet=preview.sheet, row=preview.header_row, results=len(preview.rows),
            corrections=sum(row.corrects for row in preview.rows), empty=len(preview.empty_rows))
        if preview.problems:
            text += "\n" + _("The file has problems ({count}): correct them in the file and choose it again; nothing "
                             "is imported until then.").format(count=len(preview.problems))
        return text
