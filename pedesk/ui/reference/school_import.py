"""Importing a department's list of schools from an .xlsx workbook: choose the file and the region, see
what the import would do (recognised columns, rows to add / update / unchanged, every problem by row and
column), then Import in one transaction, or Cancel and nothing changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
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
from pedesk.services.reference import (
    SchoolData,
    SchoolImportPreview,
    SchoolImportResult,
    SchoolImportRow,
    apply_school_import,
    get_school,
    preview_school_import,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import (
    ERROR_COLOUR,
    OK_COLOUR,
    ask_workbook,
    combo,
    combo_value,
    district_items,
    fill_combo,
    fit_columns,
    note_label,
    preview_tabs,
    region_items,
)

__all__ = ["SchoolImportDialog"]

FOLDER_KEY = "school_import/folder"
#: What each recognised column is read as (the service's field keys), English sources.
FIELD_NAMES: dict[str, str] = {
    "name_kk": N_("Name in Kazakh"),
    "name_ru": N_("Name in Russian"),
    "district": N_("District"),
    "district_id": N_("District"),
    "bin": N_("BIN"),
    "address": N_("Address"),
    "phone": N_("Phone"),
}
#: The preview's tabs: (key, English title with {count}, column headers).
TABS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("columns", N_("Columns"), (N_("Column"), N_("Header in the file"), N_("Read as"))),
    ("add", N_("To add ({count})"),
     (N_("Row"), N_("Name in Kazakh"), N_("Name in Russian"), N_("District"), N_("BIN"), N_("Address"),
      N_("Phone"))),
    ("update", N_("To update ({count})"), (N_("Row"), N_("Name in Russian"), N_("District"), N_("Changes"))),
    ("same", N_("Unchanged ({count})"), (N_("Row"), N_("Name in Kazakh"), N_("Name in Russian"), N_("District"))),
    ("wait", N_("New district ({count})"), (N_("Row"), N_("Name in Russian"), N_("District not in the list"))),
    ("problems", N_("Problems ({count})"), (N_("Row"), N_("Column"), N_("Problem"))),
)

Preview = tuple[SchoolImportPreview, dict[int, SchoolData], dict[int, str]]


def _preview_work(context: AppContext, path: Path, region_id: int, district_id: int | None) -> Any:
    def work(_progress: ProgressCallback) -> Preview:
        with context.database.reading() as session:
            preview = preview_school_import(session, path, region_id, district_id=district_id)
            stored = {row.existing_id: get_school(session, row.existing_id) for row in preview.to_update
                      if row.existing_id is not None}
            names = dict(district_items(context, session, region_id))
        return preview, {key: value for key, value in stored.items() if value is not None}, names

    return work


class SchoolImportDialog(QDialog):
    """The import of schools into one region; ``path`` (optional) starts with that file."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, region_id: int | None = None,
                 path: str | Path | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.preview: SchoolImportPreview | None = None
        self.result_counts: SchoolImportResult | None = None
        self.generation = 0
        self.importing = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(900, 620)
        self.intro = note_label()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_districts = QCheckBox()
        self.create_districts.hide()
        self.create_districts.toggled.connect(lambda _checked: self._update_buttons())
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
        for widget in (self.create_districts, self.outcome, self.buttons):
            layout.addWidget(widget)
        self._fill_places(region_id, None)
        self.region.currentIndexChanged.connect(lambda _index: self._region_changed())
        self.district.currentIndexChanged.connect(lambda _index: self.start_preview())
        context.language_changed.connect(self.retranslate)
        self.retranslate()
        if path is not None:
            self.set_file(Path(path))

    def _build_choices(self) -> QFormLayout:
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self.choose_file)
        self.region = combo(24)
        self.district = combo(24)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        self.form_labels = [QLabel(), QLabel(), QLabel()]
        form.addRow(self.form_labels[0], file_row)
        form.addRow(self.form_labels[1], self.region)
        form.addRow(self.form_labels[2], self.district)
        return form

    def _build_tabs(self) -> QTabWidget:
        self.tabs, self.models, self.views = preview_tabs(TABS)
        return self.tabs

    # choosing -----------------------------------------------------------------------------------------
    def _fill_places(self, region_id: int | None, district_id: int | None) -> None:
        with self.context.database.reading() as session:
            regions = region_items(self.context, session)
            districts = district_items(self.context, session, region_id)
        fill_combo(self.region, regions, region_id, _("— choose the region —"))
        fill_combo(self.district, districts, district_id, _("— none: such rows stay without a district —"))
        self.district.setEnabled(bool(districts))

    def _region_changed(self) -> None:
        self._fill_places(combo_value(self.region), None)
        self.start_preview()

    def choose_file(self) -> None:
        path = ask_workbook(self, _("Choose the list of schools"), FOLDER_KEY)
        if path is not None:
            self.set_file(path)

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file.setText(str(path))
        self.start_preview()

    # preview ------------------------------------------------------------------------------------------
    def start_preview(self) -> None:
        """Read the file again with the chosen region and district (in the background)."""
        self.generation += 1
        self._show_preview(None)
        region_id = combo_value(self.region)
        if self.path is None or self.importing or self.result_counts is not None:
            return
        if region_id is None:
            self._set_status(_("Choose the region the schools belong to."), ERROR_COLOUR)
            return
        self._set_status(_("Reading {name}…").format(name=self.path.name))
        generation = self.generation

        def done(found: Preview) -> None:
            if generation == self.generation:  # else the file, region or language changed meanwhile
                self._previewed(found)

        def failed(exc: BaseException) -> None:
            if generation == self.generation:
                self._refused(exc)

        self.context.runner.run(
            _preview_work(self.context, self.path, region_id, combo_value(self.district)),
            on_done=done, on_error=failed, parent=self, title=_("Reading {name}…").format(name=self.path.name),
            writes=False,
        )

    def _previewed(self, found: Preview) -> None:
        preview, stored, names = found
        self._show_preview(preview)
        self.models["add"].set_rows(
            (r.row, r.name_kk, r.name_ru, r.district, r.bin, r.address, r.phone) for r in preview.to_add)
        self.models["update"].set_rows(
            (r.row, r.name_ru, r.district, self._changes(r, stored.get(r.existing_id or 0), names))
            for r in preview.to_update)
        self.models["same"].set_rows((r.row, r.name_kk, r.name_ru, r.district) for r in preview.unchanged)
        self.models["wait"].set_rows((r.row, r.name_ru, r.new_district) for r in preview.needs_district)
        self.models["problems"].set_rows((p.row, p.column, p.message) for p in preview.problems)
        self._fill_columns(preview)
        for view in self.views.values():
            fit_columns(view)
        self.tabs.setCurrentWidget(self.views["problems" if preview.problems else "add"])
        self.retranslate()

    def _fill_columns(self, preview: SchoolImportPreview) -> None:
        self.models["columns"].set_rows(
            (letter, header, _(FIELD_NAMES.get(field, field))) for field, letter, header in preview.columns)

    def _changes(self, row: SchoolImportRow, stored: SchoolData | None, names: dict[int, str]) -> str:
        parts = []
        for field in row.changes:
            new = row.district if field == "district_id" else str(getattr(row, field))
            old = ""
            if stored is not None:
                value = getattr(stored, field, None)
                old = names.get(value, "") if field == "district_id" and isinstance(value, int) else str(value or "")
            parts.append(_("{field}: {old} → {new}").format(field=_(FIELD_NAMES[field]), old=old or "—", new=new))
        return "; ".join(parts)

    def _refused(self, exc: BaseException) -> None:
        message = str(exc)
        self._set_status(message, ERROR_COLOUR)
        if isinstance(exc, ValidationError):
            QMessageBox.warning(self, _("The file cannot be imported"), message)
        else:
            _unexpected(self, exc)

    def _show_preview(self, preview: SchoolImportPreview | None) -> None:
        self.preview = preview
        if preview is None:
            for model in self.models.values():
                model.set_rows([])
        unknown = preview.unknown_districts if preview else ()
        self.create_districts.setVisible(bool(unknown))
        if not unknown:
            self.create_districts.setChecked(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        preview = self.preview
        waiting = bool(preview and preview.needs_district and self.create_districts.isChecked())
        something = bool(preview and (preview.to_add or preview.to_update or waiting))
        self.import_button.setEnabled(something and not self.importing and self.result_counts is None)
        self.import_button.setVisible(self.result_counts is None)
        for widget in (self.choose, self.region, self.district, self.create_districts):
            widget.setEnabled(not self.importing and self.result_counts is None)
        if self.result_counts is None and not self.importing:
            self.district.setEnabled(self.district.count() > 1)

    def _set_status(self, text: str, colour: str = "") -> None:
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        self.status.setText(text)

    # import -------------------------------------------------------------------------------------------
    def run_import(self) -> None:
        preview = self.preview
        if preview is None or self.importing or not self.import_button.isEnabled():
            return
        create = self.create_districts.isChecked()
        context = self.context

        def work(_progress: ProgressCallback) -> SchoolImportResult:
            with context.database.transaction(user=context.user) as session:
                return apply_school_import(session, preview, create_districts=create)

        self.importing = True
        self._update_buttons()
        context.runner.run(work, on_done=self._imported, on_error=self._import_failed, parent=self,
                           title=_("Importing schools…"), writes=True)

    def _imported(self, result: SchoolImportResult) -> None:
        self.importing = False
        self.result_counts = result
        self.context.changed("school")
        if result.districts_created:
            self.context.changed("district")
        self._update_buttons()
        self.retranslate()

    def _import_failed(self, exc: BaseException) -> None:
        self.importing = False
        self._update_buttons()
        if isinstance(exc, ValidationError):
            QMessageBox.warning(self, _("Nothing was imported"), str(exc))
            self.start_preview()  # the stored schools changed meanwhile: check the file anew
        else:
            _unexpected(self, exc)

    def reject(self) -> None:
        if self.importing:  # the transaction is running; it ends by itself in a moment
            return
        self.generation += 1  # a preview still reading is forgotten
        super().reject()

    # language -----------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Import schools from a spreadsheet"))
        self.intro.setText(_("Choose the workbook (.xlsx) with the list of schools, and the region they belong "
                             "to. First you see what the import would do; nothing is stored until you press "
                             "Import."))
        for label, text in zip(self.form_labels, (N_("File"), N_("Region"), N_("District for rows without one")),
                               strict=True):
            label.setText(_(text))
        self.choose.setText(_("Choose a file…"))
        self.import_button.setText(_("Import"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Close") if self.result_counts is not None else _("Cancel"))
        if _lang:
            self._fill_places(combo_value(self.region), combo_value(self.district))
            self._update_buttons()
        preview = self.preview
        self._retitle_tabs(preview)
        if preview is not None:
            if _lang:
                self._fill_columns(preview)
            self.create_districts.setText(_("Create the missing districts and import their schools: {names}").format(
                names=", ".join(preview.unknown_districts)))
            self._set_status(self._summary(preview))
        if self.result_counts is not None:
            self._show_outcome(self.result_counts)
        if _lang and preview is not None and self.result_counts is None:
            self.start_preview()  # the problems were worded in the old language

    def _retitle_tabs(self, preview: SchoolImportPreview | None) -> None:
        counts = {"columns": len(preview.columns) if preview else 0}
        if preview is not None:
            counts.update(add=len(preview.to_add), update=len(preview.to_update), same=len(preview.unchanged),
                          wait=len(preview.needs_district), problems=len(preview.problems))
        for index, (key, title, _headers) in enumerate(TABS):
            self.tabs.setTabText(index, _(title).format(count=counts.get(key, 0)))
            self.models[key].retranslate()
        colour = QColor(ERROR_COLOUR) if preview and preview.problems else self.palette().windowText().color()
        self.tabs.tabBar().setTabTextColor(self.tabs.indexOf(self.views["problems"]), colour)

    def _summary(self, preview: SchoolImportPreview) -> str:
        lines = [_('Sheet "{sheet}", column headers in row {row}.').format(sheet=preview.sheet,
                                                                          row=preview.header_row)]
        if preview.single_name_column:
            lines.append(_("The file has one name column: it is used for both names of a new school and never "
                           "replaces a stored name."))
        lines.append(_("Schools to add: {add}; to update: {update}; unchanged: {same}. Rows with problems, "
                       "which will be skipped: {problems}.").format(
            add=len(preview.to_add), update=len(preview.to_update), same=len(preview.unchanged),
            problems=preview.rows_with_problems))
        return "\n".join(lines)

    def _show_outcome(self, result: SchoolImportResult) -> None:
        self.outcome.setText(_("Imported. Schools added: {added}; updated: {updated}; unchanged: {unchanged}; "
                               "districts created: {districts}; rows skipped: {skipped}.").format(
            added=result.added, updated=result.updated, unchanged=result.unchanged,
            districts=result.districts_created, skipped=result.skipped))


def _unexpected(parent: QWidget, exc: BaseException) -> None:
    QMessageBox.critical(parent, _("Something went wrong"),
                         _("The work stopped because of an error; nothing was changed.\n{error}").format(error=exc))
