"""Course providers (ұйымдар / организации ПК, п.5): the list with kind and region filters, and the form."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.services.common import Problem
from pedesk.services.reference import (
    ProviderData,
    ProviderRow,
    get_provider,
    page_providers,
    provider_kinds,
    save_provider,
    validate_provider,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import (
    EditableListTab,
    EditorDialog,
    Item,
    combo,
    combo_value,
    fill_combo,
    region_items,
    yes,
)
from pedesk.ui.widgets.paged_model import Column, PagedTableModel


def provider_columns() -> list[Column]:
    return [
        Column(N_("Name in Kazakh"), lambda row: row.name_kk),
        Column(N_("Name in Russian"), lambda row: row.name_ru),
        Column(N_("Kind of organisation"), lambda row: row.kind),
        Column(N_("Region"), lambda row: row.region),
        Column(N_("BIN"), lambda row: row.bin),
        Column(N_("Phone"), lambda row: row.phone),
        Column(N_("External assessment"), lambda row: yes(row.can_assess_externally)),
    ]


def kind_items(session: Session, lang: str) -> list[Item]:
    return [(item.id, item.name) for item in provider_kinds(session, lang)]


class ProviderDialog(EditorDialog):
    """Add (``provider_id`` None) or edit a provider."""

    kind = "provider"

    def __init__(self, context: AppContext, provider_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Provider") if provider_id is None else N_("Edit provider"), provider_id,
                         parent)
        self.name_kk = self.field("name_kk", N_("Name in Kazakh"), QLineEdit())
        self.name_ru = self.field("name_ru", N_("Name in Russian"), QLineEdit())
        self.bin = self.field("bin", N_("BIN"), QLineEdit())
        self.kind_box = self.field("kind_id", N_("Kind of organisation"), combo(24))
        self.region = self.field("region_id", N_("Region"), combo(24))
        self.head_name = self.field("head_name", N_("Head's full name"), QLineEdit())
        self.address = self.field("address", N_("Address"), QLineEdit())
        self.phone = self.field("phone", N_("Phone"), QLineEdit())
        self.external = self.field("can_assess_externally",
                                   N_("Holds the external final assessment of long courses (п.27)"), QCheckBox())
        data = self._load(provider_id)
        self.name_kk.setText(data.name_kk)
        self.name_ru.setText(data.name_ru)
        self.bin.setText(data.bin)
        self.head_name.setText(data.head_name)
        self.address.setText(data.address)
        self.phone.setText(data.phone)
        self.external.setChecked(data.can_assess_externally)
        self._fill(data.kind_id, data.region_id)
        self.retranslate()

    def _load(self, provider_id: int | None) -> ProviderData:
        if provider_id is None:
            return ProviderData("", "")
        with self.context.database.reading() as session:
            data = get_provider(session, provider_id)
        return data or ProviderData("", "")

    def _fill(self, kind_id: int | None, region_id: int | None) -> None:
        with self.context.database.reading() as session:
            kinds = kind_items(session, self.context.lang)
            regions = region_items(self.context, session)
        fill_combo(self.kind_box, kinds, kind_id, _("— not chosen —"))
        fill_combo(self.region, regions, region_id, _("— not chosen —"))

    def collect(self) -> ProviderData:
        return ProviderData(
            self.name_kk.text(), self.name_ru.text(), self.bin.text(), combo_value(self.kind_box),
            combo_value(self.region), self.head_name.text(), self.address.text(), self.phone.text(),
            self.external.isChecked(),
        )

    def check(self, session: Session, data: Any) -> list[Problem]:
        return validate_provider(session, data, self.record_id)

    def store(self, session: Session, data: Any) -> int:
        return save_provider(session, data, self.record_id).id

    def retranslate(self, _lang: str = "") -> None:
        if _lang:
            self._fill(combo_value(self.kind_box), combo_value(self.region))
        self.bin.setPlaceholderText(_("12 digits"))
        self.phone.setPlaceholderText(_("for example, +7 701 234 56 78"))
        super().retranslate(_lang)


class ProvidersTab(EditableListTab):
    """The providers, searchable by name or BIN, filtered by kind and region."""

    def __init__(self, context: AppContext) -> None:
        self.filters: dict[str, int | None] = {"kind": None, "region": None}
        filters = self.filters

        def query(session: Session, text: str, offset: int, limit: int) -> list[ProviderRow]:
            return page_providers(session, text, offset, limit, kind_id=filters["kind"],
                                  region_id=filters["region"], lang=context.lang)

        model = PagedTableModel(context.database, query, provider_columns())
        super().__init__(context, N_("Providers"), model, kinds=("provider", "region"))
        self.kind_box = combo(16)
        self.region = combo(16)
        self.add_filter(N_("Kind:"), self.kind_box, self._filter_changed)
        self.add_filter(N_("Region:"), self.region, self._filter_changed)
        self.finish()

    def make_editor(self, record_id: int | None) -> ProviderDialog:
        return ProviderDialog(self.context, record_id, self)

    def refill_filters(self) -> None:
        with self.context.database.reading() as session:
            kinds = kind_items(session, self.context.lang)
            regions = region_items(self.context, session)
        fill_combo(self.kind_box, kinds, self.filters["kind"], _("All kinds"))
        fill_combo(self.region, regions, self.filters["region"], _("All regions"))

    def _filter_changed(self) -> None:
        self.filters["kind"] = combo_value(self.kind_box)
        self.filters["region"] = combo_value(self.region)
        self.apply_filter()

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        if getattr(self, "ready", False):
            self.search.setPlaceholderText(_("Search by name or BIN…"))
