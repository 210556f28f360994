"""Schools (білім беру ұйымдары / организации образования): the list with region and district filters,
the school's form, and the import of a department's spreadsheet."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.services.access import Action
from pedesk.services.reference import (
    SchoolData,
    SchoolRow,
    get_school,
    page_schools,
    save_school,
    validate_school,
)
from pedesk.ui.context import AppContext
from pedesk.ui.reference.school_import import SchoolImportDialog
from pedesk.ui.widgets.editors import (
    EditableListTab,
    EditorDialog,
    combo,
    combo_value,
    district_items,
    fill_combo,
    office_region_id,
    region_items,
)
from pedesk.ui.widgets.paged_model import Column, PagedTableModel

NOTE_LINES = 3


def school_columns() -> list[Column]:
    return [
        Column(N_("Name in Kazakh"), lambda row: row.name_kk),
        Column(N_("Name in Russian"), lambda row: row.name_ru),
        Column(N_("District"), lambda row: row.district),
        Column(N_("Region"), lambda row: row.region),
        Column(N_("BIN"), lambda row: row.bin),
    ]


class SchoolDialog(EditorDialog):
    """Add (``school_id`` None) or edit a school; the district list follows the chosen region."""

    kind = "school"
    ACTION = Action.REFERENCE
    checker = staticmethod(validate_school)
    saver = staticmethod(save_school)

    def __init__(self, context: AppContext, school_id: int | None, region_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, N_("School") if school_id is None else N_("Edit school"), school_id, parent)
        self.name_kk = self.field("name_kk", N_("Name in Kazakh"), QLineEdit())
        self.name_ru = self.field("name_ru", N_("Name in Russian"), QLineEdit())
        self.region = self.field("region_id", N_("Region"), combo(24))
        self.district = self.field("district_id", N_("District"), combo(24))
        self.bin = self.field("bin", N_("BIN"), QLineEdit(), N_("12 digits"))
        self.address = self.field("address", N_("Address"), QLineEdit())
        self.phone = self.field("phone", N_("Phone"), QLineEdit(), N_("for example, +7 701 234 56 78"))
        self.note = self.field("note", N_("Note"), QPlainTextEdit())
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * NOTE_LINES + 12)
        data = self.load(get_school, SchoolData("", "", None))
        self.name_kk.setText(data.name_kk)
        self.name_ru.setText(data.name_ru)
        self.bin.setText(data.bin)
        self.address.setText(data.address)
        self.phone.setText(data.phone)
        self.note.setPlainText(data.note)
        self._fill_places(data.region_id if school_id is not None else region_id, data.district_id)
        self.region.currentIndexChanged.connect(lambda _index: self._fill_districts(None))
        self.retranslate()

    def _fill_places(self, region_id: int | None, district_id: int | None) -> None:
        with self.context.database.reading() as session:
            regions = region_items(self.context, session)
        fill_combo(self.region, regions, region_id, _("— choose the region —"))
        self._fill_districts(district_id)

    def _fill_districts(self, district_id: int | None) -> None:
        with self.context.database.reading() as session:
            districts = district_items(self.context, session, combo_value(self.region))
        fill_combo(self.district, districts, district_id, _("— no district —"))
        self.district.setEnabled(bool(districts))

    def collect(self) -> SchoolData:
        return SchoolData(
            self.name_kk.text(), self.name_ru.text(), combo_value(self.region), combo_value(self.district),
            self.bin.text(), self.address.text(), self.phone.text(), self.note.toPlainText(),
        )

    def retranslate(self, _lang: str = "") -> None:
        if _lang:
            self._fill_places(combo_value(self.region), combo_value(self.district))
        super().retranslate(_lang)


class SchoolsTab(EditableListTab):
    """The schools, searchable by any part of either name or the BIN, filtered by region and district."""

    SEARCH_HINT = N_("Search by name or BIN…")
    ACTION = Action.REFERENCE

    def __init__(self, context: AppContext) -> None:
        self.filters: dict[str, int | None] = {"region": None, "district": None}
        filters = self.filters

        def query(session: Session, text: str, offset: int, limit: int) -> list[SchoolRow]:
            return page_schools(session, text, offset, limit, region_id=filters["region"],
                                district_id=filters["district"], lang=context.lang)

        model = PagedTableModel(context.database, query, school_columns())
        super().__init__(context, N_("Schools"), model, kinds=("school", "district", "region"))
        self.region = self.filter_combo("region", N_("Region:"), 16, self._region_changed)
        self.district = self.filter_combo("district", N_("District:"), 16)
        self.import_button = self.add_button(N_("Import from a spreadsheet…"), self.open_import, Action.REFERENCE)
        self.importer: SchoolImportDialog | None = None
        context.data_changed.connect(self._data_changed)
        self.finish()

    def _data_changed(self, kind: str) -> None:
        if kind == "district":  # a new or renamed district belongs in the filter
            self.refill_filters()

    def make_editor(self, record_id: int | None) -> SchoolDialog:
        region = self.filters["region"] or office_region_id(self.context)
        return SchoolDialog(self.context, record_id, region, self)

    def open_import(self) -> SchoolImportDialog:
        """The import dialog, asking for the file at once."""
        region = self.filters["region"] or office_region_id(self.context)
        self.importer = SchoolImportDialog(self.context, self, region_id=region)
        self.importer.open()
        self.importer.choose_file()
        return self.importer

    def refill_filters(self) -> None:
        with self.context.database.reading() as session:
            regions = region_items(self.context, session)
            districts = district_items(self.context, session, self.filters["region"])
        fill_combo(self.region, regions, self.filters["region"], _("All regions"))
        fill_combo(self.district, districts, self.filters["district"], _("All districts"))
        self.district.setEnabled(self.filters["region"] is not None)
        self.filters["district"] = combo_value(self.district)

    def _region_changed(self) -> None:
        self.filters["region"] = combo_value(self.region)
        self.filters["district"] = None
        self.refill_filters()
        self.apply_filter()
