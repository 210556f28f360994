"""Importing a department's list of listeners (.xlsx, .xls, .ods, .xlsb) into a cohort: choose the file, see what
the import would do (recognised columns, rows, every problem by row and column), give the п.12 reason when the
list is formed, then Import in one transaction with progress and Cancel, or close and nothing changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

from pedesk.i18n import N_, _
from pedesk.services.common import ProgressCallback
from pedesk.services.enrolment import (
    Choice,
    ListenerImportPreview,
    ListenerImportResult,
    ListenerRow,
    apply_listener_import,
    preview_listener_import,
)
from pedesk.ui.context import AppContext
from pedesk.ui.listeners.list_conflicts import ConflictsTable
from pedesk.ui.widgets.import_preview import BackgroundImportDialog

__all__ = ["ListenerImportDialog"]

FOLDER_KEY = "listener_import/folder"
TABS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("columns", N_("Columns"), (N_("Column"), N_("Header in the file"), N_("Read as"))),
    ("rows", N_("To import ({count})"),
     (N_("Row"), N_("IIN"), N_("Full name"), N_("Teacher"), N_("School"), N_("In the cohort"))),
    ("problems", N_("Problems ({count})"), (N_("Row"), N_("Column"), N_("Problem"))),
    ("warnings", N_("Warnings ({count})"), (N_("Row"), N_("Column"), N_("Warning"))),
)
CONFLICTS_TAB = N_("Registry or file ({count})")
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


class ListenerImportDialog(BackgroundImportDialog):
    TABS = TABS
    FOLDER_KEY = FOLDER_KEY
    CHOOSE_TITLE = N_("Choose the list of listeners")
    FIELD_NAMES = FIELD_NAMES

    def __init__(self, context: AppContext, cohort_id: int, parent: QWidget | None = None, *,
                 path: str | Path | None = None) -> None:
        super().__init__(context, parent, (960, 620), selectable_status=False)
        self.cohort_id = cohort_id
        self.preview: ListenerImportPreview | None = None
        self.result_counts: ListenerImportResult | None = None
        self.reason = QLineEdit()
        self.conflicts = ConflictsTable()
        self.tabs.addTab(self.conflicts, "")
        self.conflicts.choice_changed.connect(self._chosen)
        self.lay_out(self.choices_form((N_("File"), N_("Reason for adding to a formed list (п.12)")), self.reason),
                     self.outcome)
        self.form.setRowVisible(self.reason, False)
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

    # preview --------------------------------------------------------------------------------------------
    def start_preview(self) -> None:
        self._timer.stop()
        self.generation += 1
        if self.path is None or not self.idle:
            return
        path, reason, sheet = self.path, self.reason.text(), self.sheet
        context, cohort_id, today = self.context, self.cohort_id, self.context.today()

        def work(_progress: ProgressCallback) -> ListenerImportPreview:
            with context.database.reading() as session:
                return preview_listener_import(session, path, cohort_id, today=today, reason=reason,
                                               sheet=sheet)

        def failed(exc: BaseException) -> None:
            self._show_preview(None)
            self._refused(exc)

        self.read_file(work, self._previewed, failed)

    def _row_texts(self, row: ListenerRow) -> tuple[object, ...]:
        if row.conflicts:
            teacher = _("differs from the registry: see the registry and the file side by side")
        elif row.teacher_id is None:
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
        self.models["rows"].set_rows(self._row_texts(row) for row in preview.rows)
        self.models["warnings"].set_rows((w.row or "", w.column, w.message) for w in preview.warnings)
        self.conflicts.set_conflicts(preview.conflicts)
        self.show_tables(preview.columns, preview.problems, "rows")
        if preview.conflicts and not preview.problems:
            self.tabs.setCurrentWidget(self.conflicts)
        self.retranslate()

    def _show_preview(self, preview: ListenerImportPreview | None) -> None:
        self.preview = preview
        if preview is None:
            for model in self.models.values():
                model.set_rows([])
            self.conflicts.set_conflicts(())
        self.form.setRowVisible(self.reason, bool(preview and preview.needs_reason))
        self._update_buttons()

    def can_import(self) -> bool:
        preview = self.preview
        return bool(preview and preview.rows and not preview.reason_missing)

    def choices(self) -> tuple[QWidget, ...]:
        return (self.reason, self.conflicts)

    def _chosen(self) -> None:
        if self.preview is not None and self.idle:
            self.set_status(self._summary(self.preview))

    # import ---------------------------------------------------------------------------------------------
    def run_import(self) -> None:
        preview = self.preview
        if preview is None or not self.may_import():
            return
        context, reason, today = self.context, self.reason.text(), self.context.today()
        choices = self.conflicts.choices()

        def work(progress: ProgressCallback) -> ListenerImportResult:
            with context.database.transaction(user=context.user) as session:
                return apply_listener_import(session, preview, reason=reason, today=today, progress=progress,
                                             choices=choices)

        self.import_in_background(work, _("Importing listeners…"))

    def changed_kinds(self, result: ListenerImportResult) -> tuple[str, ...]:
        return ("teacher", "cohort")

    def import_crashed(self, exc: BaseException) -> None:
        self._refused(exc)  # the status line keeps the error too

    # language -------------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Import a department's list of listeners"))
        self.intro.setText(_("Choose the workbook (.xlsx, .xls, .ods or .xlsb) "
                             "the education department sent. First you see what "
                             "the import would do; nothing is stored until you press Import."))
        self.retranslate_frame()
        preview = self.preview
        self.retitle_tabs({"columns": len(preview.columns) if preview else 0,
                           "rows": len(preview.rows) if preview else 0,
                           "problems": len(preview.problems) if preview else 0,
                           "warnings": len(preview.warnings) if preview else 0})
        self.tabs.setTabText(self.tabs.indexOf(self.conflicts),
                             _(CONFLICTS_TAB).format(count=len(preview.conflicts) if preview else 0))
        if _lang:
            self.conflicts.retranslate()
        if preview is not None and self.idle:
            self.set_status(self._summary(preview))
        if self.result_counts is not None:
            self._show_outcome(self.result_counts)
        if _lang and self.path is not None and self.result_counts is None:
            self.start_preview()  # the problems, or the refusal, were worded in the old language

    def _summary(self, preview: ListenerImportPreview) -> str:
        lines = [_('Sheet "{sheet}", column headers in row {row}; cohort {code}: {taken} of {capacity} places '
                   "taken.").format(sheet=preview.sheet, row=preview.header_row, code=preview.cohort_code,
                                    taken=preview.enrolled_before, capacity=preview.capacity),
                 _("Teachers to enrol: {enrol}; stored teachers to update: {update}; schools to add: {schools}. "
                   "Rows with problems, which will be skipped: {problems}.").format(
                     enrol=len(preview.to_enrol), update=len(preview.to_update), schools=len(preview.new_schools),
                     problems=len(preview.rows_with_problems))]
        if preview.conflicts:
            waiting = sum(choice == Choice.LEAVE_OUT for choice in self.conflicts.choices().values())
            lines.append(_("Rows whose IIN the registry holds under another name or date of birth: {count}, of "
                           "which {waiting} are left out until you choose what to do with them under “{tab}”.").format(
                count=len(preview.conflicts), waiting=waiting,
                tab=_(CONFLICTS_TAB).format(count=len(preview.conflicts))))
        if preview.reason_missing:
            lines.append(_("The list of this cohort is already formed (п.12 of the Rules): enter the reason for "
                           "adding these teachers."))
        return "\n".join(lines)

    def _show_outcome(self, result: ListenerImportResult) -> None:
        self.outcome.setText(_("Imported. Listeners enrolled: {imported}; teachers added: {added}; updated: "
                               "{updated}; schools added: {schools}; rows skipped: {skipped}.").format(
            imported=result.imported, added=result.teachers_added, updated=result.updated,
            schools=result.schools_added, skipped=len(result.skipped)))
        if result.registry_updated:
            self.outcome.setText(self.outcome.text() + "\n" + _(
                "Registry records replaced by the file's (recorded in the audit log): {count}.").format(
                count=len(result.registry_updated)))
        if result.warnings:
            self.outcome.setText(self.outcome.text() + "\n" + "\n".join(
                _("Row {row}: {message}").format(row=row, message=message) for row, message in result.warnings))

