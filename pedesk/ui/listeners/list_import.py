"""Importing a department's list of listeners (.xlsx) into a cohort: choose the file, see what the import
would do (recognised columns, rows, every problem by row and column), give the п.12 reason when the list
is formed, then Import in one transaction with progress and Cancel, or close and nothing changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pedesk.i18n import N_, _
from pedesk.services.common import ProgressCallback, ValidationError
from pedesk.services.enrolment import (
    ListenerImportPreview,
    ListenerImportResult,
    ListenerRow,
    apply_listener_import,
    preview_listener_import,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import (
    ERROR_COLOUR,
    OK_COLOUR,
    ask_workbook,
    fit_columns,
    note_label,
    preview_tabs,
)

__all__ = ["ListenerImportDialog"]

FOLDER_KEY = "listener_import/folder"
TABS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("columns", N_("Columns"), (N_("Column"), N_("Header in the file"), N_("Read as"))),
    ("rows", N_("To import ({count})"),
     (N_("Row"), N_("IIN"), N_("Full name"), N_("Teacher"), N_("School"), N_("In the cohort"))),
    ("problems", N_("Problems ({count})"), (N_("Row"), N_("Column"), N_("Problem"))),
)
#: What a recognised column is read as (the service's field keys), English sources.
FIELD_NAMES: dict[str, str] = {
    "iin": N_("IIN"), "full_name": N_("Full name"), "surname": N_("Surname"), "name": N_("First name"),
    "patronymic": N_("Patronymic"), "birth_date": N_("Date of birth"), "position": N_("Position"),
    "education": N_("Education"), "category": N_("Qualification category"),
    "category_valid_until": N_("Category valid until"), "workplace": N_("Place of work"),
    "total_experience_years": N_("Total work experience"), "teaching_experience_years": N_("Teaching experience"),
    "instruction_language": N_("Language of instruction"), "home_address": N_("Home address"),
    "phone": N_("Phone"), "email": N_("E-mail"),
}
SCHOOL_KINDS = {"existing": N_("matched: {name}"), "new": N_("to add: {name}"),
                "ambiguous": N_("several schools fit; kept as text: {name}"), "none": N_("not given")}


class ListenerImportDialog(QDialog):
    def __init__(self, context: AppContext, cohort_id: int, parent: QWidget | None = None, *,
                 path: str | Path | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.cohort_id = cohort_id
        self.path: Path | None = None
        self.preview: ListenerImportPreview | None = None
        self.result_counts: ListenerImportResult | None = None
        self.generation = 0
        self.importing = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(960, 620)
        self.intro = note_label()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet(f"color: {OK_COLOUR}; font-weight: bold;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self._build_choices())
        layout.addWidget(self.status)
        layout.addWidget(self._build_tabs(), 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.start_preview)
        self.reason.textEdited.connect(lambda _text: self._timer.start())
        context.language_changed.connect(self.retranslate)
        self._update_buttons()
        self.retranslate()
        if path is not None:
            self.set_file(Path(path))

    def _build_choices(self) -> QFormLayout:
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self.choose_file)
        self.reason = QLineEdit()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        self.form_labels = [QLabel(), QLabel()]
        form.addRow(self.form_labels[0], file_row)
        form.addRow(self.form_labels[1], self.reason)
        self.form = form
        form.setRowVisible(self.reason, False)
        return form

    def _build_tabs(self) -> QTabWidget:
        self.tabs, self.models, self.views = preview_tabs(TABS)
        return self.tabs

    # choosing -------------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = ask_workbook(self, _("Choose the list of listeners"), FOLDER_KEY)
        if path is not None:
            self.set_file(path)

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file.setText(str(path))
        self.start_preview()

    # preview --------------------------------------------------------------------------------------------
    def start_preview(self) -> None:
        self._timer.stop()
        self.generation += 1
        if self.path is None or self.importing or self.result_counts is not None:
            return
        generation, path, reason = self.generation, self.path, self.reason.text()
        context, cohort_id, today = self.context, self.cohort_id, self.context.today()
        title = _("Reading {name}…").format(name=path.name)
        self._set_status(title)

        def work(_progress: ProgressCallback) -> ListenerImportPreview:
            with context.database.reading() as session:
                return preview_listener_import(session, path, cohort_id, today=today, reason=reason)

        def done(preview: ListenerImportPreview) -> None:
            if generation == self.generation:
                self._previewed(preview)

        def failed(exc: BaseException) -> None:
            if generation == self.generation:
                self._show_preview(None)
                self._refused(exc)

        context.runner.run(work, on_done=done, on_error=failed, parent=self, title=title, writes=False)

    def _row_texts(self, row: ListenerRow) -> tuple[object, ...]:
        if row.teacher_id is None:
            teacher = _("new")
        elif row.changes:
            teacher = _("existing, updated: {fields}").format(fields=", ".join(row.changes))
        else:
            teacher = _("existing, unchanged")
        school = _(SCHOOL_KINDS[row.workplace.kind]).format(name=row.workplace.name or row.workplace.text)
        already = _("already in the list") if row.already_enrolled else _("to enrol")
        return row.row, row.data.iin, row.data.full_name, teacher, school, already

    def _previewed(self, preview: ListenerImportPreview) -> None:
        self._show_preview(preview)
        self.models["columns"].set_rows((letter, header, _(FIELD_NAMES.get(field, field)))
                                        for field, letter, header in preview.columns)
        self.models["rows"].set_rows(self._row_texts(row) for row in preview.rows)
        self.models["problems"].set_rows((problem.row or "", problem.column, problem.message)
                                         for problem in preview.problems)
        for view in self.views.values():
            fit_columns(view)
        self.tabs.setCurrentWidget(self.views["problems" if preview.problems else "rows"])
        self.retranslate()

    def _refused(self, exc: BaseException) -> None:
        self._set_status(str(exc), ERROR_COLOUR)
        if isinstance(exc, ValidationError):
            QMessageBox.warning(self, _("The file cannot be imported"), str(exc))
        else:
            QMessageBox.critical(self, _("Something went wrong"), _(
                "The work stopped because of an error; nothing was changed.\n{error}").format(error=exc))

    def _show_preview(self, preview: ListenerImportPreview | None) -> None:
        self.preview = preview
        if preview is None:
            for model in self.models.values():
                model.set_rows([])
        self.form.setRowVisible(self.reason, bool(preview and preview.needs_reason))
        self._update_buttons()

    def _update_buttons(self) -> None:
        preview = self.preview
        ready = bool(preview and preview.rows and not preview.reason_missing)
        self.import_button.setEnabled(ready and not self.importing and self.result_counts is None)
        self.import_button.setVisible(self.result_counts is None)
        for widget in (self.choose, self.reason):
            widget.setEnabled(not self.importing and self.result_counts is None)

    def _set_status(self, text: str, colour: str = "") -> None:
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        self.status.setText(text)

    # import ---------------------------------------------------------------------------------------------
    def run_import(self) -> None:
        preview = self.preview
        if preview is None or self.importing or not self.import_button.isEnabled():
            return
        context, reason, today = self.context, self.reason.text(), self.context.today()

        def work(progress: ProgressCallback) -> ListenerImportResult:
            with context.database.transaction(user=context.user) as session:
                return apply_listener_import(session, preview, reason=reason, today=today, progress=progress)

        self.importing = True
        self._update_buttons()
        handle = context.runner.run(work, on_done=self._imported, on_error=self._import_failed, parent=self,
                                    title=_("Importing listeners…"), writes=True)
        handle.done.connect(self._ended)

    def _ended(self) -> None:
        if self.importing:  # cancelled: the transaction rolled back, nothing was written
            self.importing = False
            self._set_status(_("The import was cancelled; nothing was changed."), ERROR_COLOUR)
            self._update_buttons()

    def _imported(self, result: ListenerImportResult) -> None:
        self.importing = False
        self.result_counts = result
        self.context.changed("teacher")
        self.context.changed("cohort")
        self._update_buttons()
        self.retranslate()

    def _import_failed(self, exc: BaseException) -> None:
        self.importing = False
        self._update_buttons()
        if isinstance(exc, ValidationError):
            QMessageBox.warning(self, _("Nothing was imported"), str(exc))
            self.start_preview()  # the stored records changed meanwhile: check the file anew
        else:
            self._refused(exc)

    def reject(self) -> None:
        if self.importing:
            return
        self.generation += 1
        super().reject()

    # language -------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Import a department's list of listeners"))
        self.intro.setText(_("Choose the workbook (.xlsx) the education department sent. First you see what "
                             "the import would do; nothing is stored until you press Import."))
        self.form_labels[0].setText(_("File"))
        self.form_labels[1].setText(_("Reason for adding to a formed list (п.12)"))
        self.choose.setText(_("Choose a file…"))
        self.import_button.setText(_("Import"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Close") if self.result_counts is not None else _("Cancel"))
        preview = self.preview
        counts = {"columns": len(preview.columns) if preview else 0,
                  "rows": len(preview.rows) if preview else 0,
                  "problems": len(preview.problems) if preview else 0}
        for index, (key, title, _headers) in enumerate(TABS):
            self.tabs.setTabText(index, _(title).format(count=counts[key]))
            self.models[key].retranslate()
        colour = QColor(ERROR_COLOUR) if preview and preview.problems else self.palette().windowText().color()
        self.tabs.tabBar().setTabTextColor(self.tabs.indexOf(self.views["problems"]), colour)
        if preview is not None and self.result_counts is None and not self.importing:
            self._set_status(self._summary(preview))
        if self.result_counts is not None:
            self._show_outcome(self.result_counts)
        if _lang and preview is not None and self.result_counts is None:
            self.start_preview()  # the problems were worded in the old language

    def _summary(self, preview: ListenerImportPreview) -> str:
        lines = [_('Sheet "{sheet}", column headers in row {row}; cohort {code}: {taken} of {capacity} places '
                   "taken.").format(sheet=preview.sheet, row=preview.header_row, code=preview.cohort_code,
                                    taken=preview.enrolled_before, capacity=preview.capacity),
                 _("Teachers to enrol: {enrol}; stored teachers to update: {update}; schools to add: {schools}. "
                   "Rows with problems, which will be skipped: {problems}.").format(
                     enrol=len(preview.to_enrol), update=len(preview.to_update), schools=len(preview.new_schools),
                     problems=len(preview.rows_with_problems))]
        if preview.reason_missing:
            lines.append(_("The list of this cohort is already formed (п.12 of the Rules): enter the reason for "
                           "adding these teachers."))
        return "\n".join(lines)

    def _show_outcome(self, result: ListenerImportResult) -> None:
        self.outcome.setText(_("Imported. Listeners enrolled: {imported}; teachers added: {added}; updated: "
                               "{updated}; schools added: {schools}; rows skipped: {skipped}.").format(
            imported=result.imported, added=result.teachers_added, updated=result.updated,
            schools=result.schools_added, skipped=len(result.skipped)))
        if result.warnings:
            self.outcome.setText(self.outcome.text() + "\n" + "\n".join(
                _("Row {row}: {message}").format(row=row, message=message) for row, message in result.warnings))

