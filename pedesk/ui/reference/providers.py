"""Course providers (ұйымдар / организации ПК, п.5): the list with kind and region filters, and the form."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.services.access import Action
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
    note_label,
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


#: the signature block printed on certificates (п.32): the head's position, then (after "the head is absent")
#: the acting head and the city
HEAD_FIELDS = (("head_position_kk", N_("Head's position in Kazakh")),
               ("head_position_ru", N_("Head's position in Russian")))
ACTING_FIELDS = (("acting_head_name", N_("Acting head's full name")),
                 ("acting_head_position_kk", N_("Acting head's position in Kazakh")),
                 ("acting_head_position_ru", N_("Acting head's position in Russian")),
                 ("city_kk", N_("City in Kazakh")), ("city_ru", N_("City in Russian")))


def kind_items(session: Session, lang: str) -> list[Item]:
    return [(item.id, item.name) for item in provider_kinds(session, lang)]


class ProviderDialog(EditorDialog):
    """Add (``provider_id`` None) or edit a provider."""

    kind = "provider"
    ACTION = Action.REFERENCE
    checker = staticmethod(validate_provider)
    saver = staticmethod(save_provider)

    def __init__(self, context: AppContext, provider_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Provider") if provider_id is None else N_("Edit provider"), provider_id,
                         parent)
        self.name_kk = self.field("name_kk", N_("Name in Kazakh"), QLineEdit())
        self.name_ru = self.field("name_ru", N_("Name in Russian"), QLineEdit())
        self.bin = self.field("bin", N_("BIN"), QLineEdit(), N_("12 digits"))
        self.kind_box = self.field("kind_id", N_("Kind of organisation"), combo(24))
        self.region = self.field("region_id", N_("Region"), combo(24))
        self.address = self.field("address", N_("Address"), QLineEdit())
        self.phone = self.field("phone", N_("Phone"), QLineEdit(), N_("for example, +7 701 234 56 78"))
        self.external = self.field("can_assess_externally",
                                   N_("Holds the external final assessment of long courses (п.27)"), QCheckBox())
        self.setMinimumWidth(760)  # the acting head's long labels in Kazakh beside fields one can read
        self.signature_note = note_label()
        self.form.addRow(self.signature_note)
        self.head_name = self.field("head_name", N_("Head's full name"), QLineEdit())
        self.signature = {name: self.field(name, label, QLineEdit()) for name, label in HEAD_FIELDS}
        self.head_absent = self.field("head_absent", N_("The head is absent (the acting head signs, п.32)"),
                                      QCheckBox())
        self.acting = {name: self.field(name, label, QLineEdit()) for name, label in ACTING_FIELDS}
        self.numbering_pattern = self.field(
            "numbering_pattern", N_("Certificate numbering pattern"), QLineEdit(),
            N_("empty: numbered in the office's series, for example KU-{year}-{seq:04}"))
        data = self.load(get_provider, ProviderData("", ""))
        self.name_kk.setText(data.name_kk)
        self.name_ru.setText(data.name_ru)
        self.bin.setText(data.bin)
        self.head_name.setText(data.head_name)
        self.address.setText(data.address)
        self.phone.setText(data.phone)
        self.external.setChecked(data.can_assess_externally)
        for name, edit in {**self.signature, **self.acting}.items():
            edit.setText(getattr(data, name))
        self.head_absent.setChecked(data.head_absent)
        self.numbering_pattern.setText(data.numbering_pattern)
        for edit in self.findChildren(QLineEdit):
            edit.setCursorPosition(0)  # long names show their beginning
        self._fill(data.kind_id, data.region_id)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()  # the wrapped note needs its lines

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
            self.external.isChecked(), head_absent=self.head_absent.isChecked(),
            numbering_pattern=self.numbering_pattern.text(),
            **{name: edit.text() for name, edit in {**self.signature, **self.acting}.items()},
        )

    def retranslate(self, _lang: str = "") -> None:
        if _lang:
            self._fill(combo_value(self.kind_box), combo_value(self.region))
        self.signature_note.setText(_(
            "The certificates of the cohorts this provider delivers name it and are signed by its head, or by the "
            "acting head while the head is absent (п.29, п.32). The provider named as the office in Settings is "
            "the office itself: Settings say who signs for it."))
        super().retranslate(_lang)


class ProvidersTab(EditableListTab):
    """The providers, searchable by name or BIN, filtered by kind and region."""

    SEARCH_HINT = N_("Search by name or BIN…")
    ACTION = Action.REFERENCE

    def __init__(self, context: AppContext) -> None:
        self.filters: dict[str, int | None] = {"kind": None, "region": None}
        filters = self.filters

        def query(session: Session, text: str, offset: int, limit: int) -> list[ProviderRow]:
            return page_providers(session, text, offset, limit, kind_id=filters["kind"],
                                  region_id=filters["region"], lang=context.lang)

        model = PagedTableModel(context.database, query, provider_columns())
        super().__init__(context, N_("Providers"), model, kinds=("provider", "region"))
        self.kind_box = self.filter_combo("kind", N_("Kind:"), 16)
        self.region = self.filter_combo("region", N_("Region:"), 16)
        self.finish()

    def make_editor(self, record_id: int | None) -> ProviderDialog:
        return ProviderDialog(self.context, record_id, self)

    def refill_filters(self) -> None:
        with self.context.database.reading() as session:
            kinds = kind_items(session, self.context.lang)
            regions = region_items(self.context, session)
        fill_combo(self.kind_box, kinds, self.filters["kind"], _("All kinds"))
        fill_combo(self.region, regions, self.filters["region"], _("All regions"))
