"""Importing a department's list of schools from a workbook (.xlsx, .xls, .ods, .xlsb): choose the file and the
region, see what the import would do (recognised columns, rows to add / update / unchanged, every problem by row
and column), then Import in one transaction, or Cancel and nothing changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from pedesk.i18n import N_, _
from pedesk.services.common import ProgressCallback
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
    combo,
    combo_value,
    district_items,
    fill_combo,
    region_items,
)
from pedesk.ui.widgets.import_preview import BackgroundImportDialog

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


def _preview_work(context: AppContext, path: Path, region_id: int, district_id: int | None,
                  sheet: str | None) -> Any:
    def work(_progress: ProgressCallback) -> Preview:
        with context.database.reading() as session:
            preview = preview_school_import(session, path, region_id, district_id=district_id, sheet=sheet)
            stored = {row.existing_id: get_school(session, row.existing_id) for row in preview.to_update
                      if row.existing_id is not None}
            names = dict(district_items(context, session, region_id))
        return preview, {key: value for key, value in stored.items() if value is not None}, names

    return work


class SchoolImportDialog(BackgroundImportDialog):
    """The import of schools into one region; ``path`` (optional) starts with that file."""

    TABS = TABS
    FOLDER_KEY = FOLDER_KEY
    CHOOSE_TITLE = N_("Choose the list of schools")
    FIELD_NAMES = FIELD_NAMES

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, region_id: int | None = None,
                 path: str | Path | None = None) -> None:
        super().__init__(context, parent, (900, 620))
        self.preview: SchoolImportPreview | None = None
        self.result_counts: SchoolImportResult | None = None
        self.create_districts = QCheckBox()
        self.create_districts.hide()
        self.create_districts.toggled.connect(lambda _checked: self._update_buttons())
        self.region = combo(24)
        self.district = combo(24)
        self.lay_out(self.choices_form((N_("File"), N_("Region"), N_("District for rows without one")),
                                       self.region, self.district),
                     self.create_districts, self.outcome)
        self._fill_places(region_id, None)
        self.region.currentIndexChanged.connect(lambda _index: self._region_changed())
        self.district.currentIndexChanged.connect(lambda _index: self.start_preview())
        context.language_changed.connect(self.retranslate)
        self.retranslate()
        if path is not None:
            self.set_file(Path(path))

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

    # preview ------------------------------------------------------------------------------------------
    def start_preview(self) -> None:
        """Read the file again with the chosen region and district (in the background)."""
        self.generation += 1
        self._show_preview(None)
        region_id = combo_value(self.region)
        if self.path is None or not self.idle:
            return
        if region_id is None:
            self.set_status(_("Choose the region the schools belong to."), ERROR_COLOUR)
            return
        work = _preview_work(self.context, self.path, region_id, combo_value(self.district), self.sheet)
        self.read_file(work, self._previewed, self._refused)  # a later reading wins over this one

    def found_preview(self, found: Preview) -> SchoolImportPreview:
        return found[0]

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
        self.show_tables(preview.columns, preview.problems, "add")
        self.retranslate()

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

    def can_import(self) -> bool:
        preview = self.preview
        waiting = bool(preview and preview.needs_district and self.create_districts.isChecked())
        return bool(preview and (preview.to_add or preview.to_update or waiting))

    def choices(self) -> tuple[QWidget, ...]:
        return (self.region, self.district, self.create_districts)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if self.idle:
            self.district.setEnabled(self.district.count() > 1)

    # import -------------------------------------------------------------------------------------------
    def run_import(self) -> None:
        preview = self.preview
        if preview is None or not self.may_import():
            return
        create = self.create_districts.isChecked()
        context = self.context

        def work(_progress: ProgressCallback) -> SchoolImportResult:
            with context.database.transaction(user=context.user) as session:
                return apply_school_import(session, preview, create_districts=create)

        self.import_in_background(work, _("Importing schools…"))

    def changed_kinds(self, result: SchoolImportResult) -> tuple[str, ...]:
        return ("school", "district") if result.districts_created else ("school",)

    # language -----------------------------------------------------------------------------------------
    def retranslate(self, _lang: str = "") -> None:
        self.setWindowTitle(_("Import schools from a spreadsheet"))
        self.intro.setText(_("Choose the workbook (.xlsx, .xls, .ods or .xlsb) "
                             "with the list of schools, and the region they belong "
                             "to. First you see what the import would do; nothing is stored until you press "
                             "Import."))
        self.retranslate_frame()
        if _lang:
            self._fill_places(combo_value(self.region), combo_value(self.district))
            self._update_buttons()
        preview = self.preview
        self._retitle_tabs(preview)
        if preview is not None:
            if _lang:
                self.fill_columns(preview.columns)
            self.create_districts.setText(_("Create the missing districts and import their schools: {names}").format(
                names=", ".join(preview.unknown_districts)))
            self.set_status(self._summary(preview))
        if self.result_counts is not None:
            self._show_outcome(self.result_counts)
        if _lang and self.path is not None and self.result_counts is None:
            self.start_preview()  # the problems, or the refusal, were worded in the old language

    def _retitle_tabs(self, preview: SchoolImportPreview | None) -> None:
        counts = {"columns": len(preview.columns) if preview else 0}
        if preview is not None:
            counts.update(add=len(preview.to_add), update=len(preview.to_update), same=len(preview.unchanged),
                          wait=len(preview.needs_district), problems=len(preview.problems))
        self.retitle_tabs(counts)
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

