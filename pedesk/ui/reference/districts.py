"""Districts (аудандар / районы) of a region: the list and the add / rename form. Offices enter them (or
let the school import create them); their education departments (білім бөлімі) are named here too."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.services.access import Action
from pedesk.services.common import fold
from pedesk.services.reference import (
    DistrictData,
    DistrictItem,
    get_district,
    list_districts,
    save_district,
    validate_district,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import (
    EditableListTab,
    EditorDialog,
    combo,
    combo_value,
    fill_combo,
    office_region_id,
    region_items,
)
from pedesk.ui.widgets.paged_model import Column, PagedTableModel


def district_columns() -> list[Column]:
    return [
        Column(N_("Name in Kazakh"), lambda row: row.name_kk),
        Column(N_("Name in Russian"), lambda row: row.name_ru),
    ]


class DistrictDialog(EditorDialog):
    """Add (``district_id`` None) or rename a district of a region."""

    kind = "district"
    ACTION = Action.REFERENCE
    checker = staticmethod(validate_district)
    saver = staticmethod(save_district)

    def __init__(self, context: AppContext, district_id: int | None, region_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, N_("District") if district_id is None else N_("Rename district"), district_id,
                         parent)
        self.region = self.field("region_id", N_("Region"), combo(24))
        self.name_kk = self.field("name_kk", N_("District name in Kazakh"), QLineEdit(),
                                  N_("for example, Абай ауданы"))
        self.name_ru = self.field("name_ru", N_("District name in Russian"), QLineEdit(),
                                  N_("for example, Абайский район"))
        self.department_kk = self.field("department_name_kk", N_("Education department in Kazakh"), QLineEdit())
        self.department_ru = self.field("department_name_ru", N_("Education department in Russian"), QLineEdit())
        data = self.load(get_district, DistrictData(region_id, "", ""))
        self.name_kk.setText(data.name_kk)
        self.name_ru.setText(data.name_ru)
        self.department_kk.setText(data.department_name_kk)
        self.department_ru.setText(data.department_name_ru)
        self._fill(data.region_id)
        self.retranslate()

    def _fill(self, region_id: int | None) -> None:
        with self.context.database.reading() as session:
            regions = region_items(self.context, session)
        fill_combo(self.region, regions, region_id, _("— choose the region —"))

    def collect(self) -> DistrictData:
        return DistrictData(combo_value(self.region), self.name_kk.text(), self.name_ru.text(),
                            self.department_kk.text(), self.department_ru.text())

    def retranslate(self, _lang: str = "") -> None:
        if _lang:
            self._fill(combo_value(self.region))
        super().retranslate(_lang)


class DistrictsTab(EditableListTab):
    """The districts of the chosen region (the office's own region first), searchable by either name."""

    SEARCH_HINT = N_("Search by name…")
    ACTION = Action.REFERENCE

    def __init__(self, context: AppContext) -> None:
        self.filters: dict[str, int | None] = {"region": office_region_id(context)}
        filters = self.filters

        def query(session: Session, text: str, offset: int, limit: int) -> list[DistrictItem]:
            if filters["region"] is None:
                return []
            words = fold(text).split()
            rows = [item for item in list_districts(session, filters["region"], context.lang)
                    if all(word in fold(f"{item.name_kk} {item.name_ru}") for word in words)]
            return rows[offset:offset + limit]

        model = PagedTableModel(context.database, query, district_columns())
        super().__init__(context, N_("Districts"), model, kinds=("district", "region"))
        self.region = self.filter_combo("region", N_("Region:"), 24)
        self.edit_record.setProperty("source_text", N_("Rename…"))
        self.finish()
        if self.filters["region"] is None and self.region.count() > 1:
            self.region.setCurrentIndex(1)  # no office region yet: show the first region's districts

    def make_editor(self, record_id: int | None) -> DistrictDialog:
        return DistrictDialog(self.context, record_id, self.filters["region"], self)

    def refill_filters(self) -> None:
        with self.context.database.reading() as session:
            regions = region_items(self.context, session)
        fill_combo(self.region, regions, self.filters["region"], _("— choose the region —"))
