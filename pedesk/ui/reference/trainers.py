"""Trainers (тренерлер / тренеры, п.19) and guest lecturers (п.20): the list with a kind filter (inactive
trainers greyed) and the form."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.services.access import Action
from pedesk.services.reference import (
    MAX_YEARS_OF_SERVICE,
    TrainerData,
    TrainerRow,
    get_trainer,
    page_trainers,
    save_trainer,
    trainer_kinds,
    validate_trainer,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.editors import (
    EditableListTab,
    EditorDialog,
    GreyInactiveModel,
    Item,
    combo,
    combo_value,
    fill_combo,
    yes,
)
from pedesk.ui.widgets.paged_model import Column

NOT_GIVEN = -1  # the years spin box's value for "not given"


def trainer_columns() -> list[Column]:
    return [
        Column(N_("Full name"), lambda row: row.full_name),
        Column(N_("Kind of trainer"), lambda row: row.kind),
        Column(N_("Place of work"), lambda row: row.organisation),
        Column(N_("Specialty"), lambda row: row.specialty),
        Column(N_("Phone"), lambda row: row.phone),
        Column(N_("E-mail"), lambda row: row.email),
        Column(N_("Active"), lambda row: yes(row.active)),
    ]


def kind_items(session: Session, lang: str) -> list[Item]:
    return [(item.id, item.name) for item in trainer_kinds(session, lang)]


class TrainerDialog(EditorDialog):
    """Add (``trainer_id`` None) or edit a trainer; п.19's years of service are checked by the service."""

    kind = "trainer"
    ACTION = Action.REFERENCE
    checker = staticmethod(validate_trainer)
    saver = staticmethod(save_trainer)

    def __init__(self, context: AppContext, trainer_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Trainer") if trainer_id is None else N_("Edit trainer"), trainer_id, parent)
        self.full_name = self.field("full_name", N_("Full name"), QLineEdit())
        self.kind_box = self.field("kind_id", N_("Kind of trainer"), combo(30))
        self.iin = self.field("iin", N_("IIN"), QLineEdit(), N_("12 digits"))
        self.organisation = self.field("organisation", N_("Place of work"), QLineEdit())
        self.specialty = self.field("specialty", N_("Specialty"), QLineEdit())
        self.certificate = self.field("certificate_info", N_("Trainer's certificate"), QLineEdit())
        self.years = self.field("years_of_service", N_("Years of service"), QSpinBox())
        self.years.setRange(NOT_GIVEN, MAX_YEARS_OF_SERVICE)
        self.phone = self.field("phone", N_("Phone"), QLineEdit(), N_("for example, +7 701 234 56 78"))
        self.email = self.field("email", N_("E-mail"), QLineEdit(), N_("name@example.kz"))
        self.guest = self.field("is_guest", N_("Guest lecturer invited to a cohort (п.20)"), QCheckBox())
        self.active = self.field("active", N_("Active: teaches now, offered in the choice of trainers"), QCheckBox())
        data = self.load(get_trainer, TrainerData("", None))
        self.full_name.setText(data.full_name)
        self.iin.setText(data.iin)
        self.organisation.setText(data.organisation)
        self.specialty.setText(data.specialty)
        self.certificate.setText(data.certificate_info)
        self.years.setValue(NOT_GIVEN if data.years_of_service is None else data.years_of_service)
        self.phone.setText(data.phone)
        self.email.setText(data.email)
        self.guest.setChecked(data.is_guest)
        self.active.setChecked(data.active)
        self._fill(data.kind_id)
        self.retranslate()

    def _fill(self, kind_id: int | None) -> None:
        with self.context.database.reading() as session:
            kinds = kind_items(session, self.context.lang)
        fill_combo(self.kind_box, kinds, kind_id, _("— choose the kind —"))

    def collect(self) -> TrainerData:
        years = self.years.value()
        return TrainerData(
            self.full_name.text(), combo_value(self.kind_box), self.iin.text(), self.organisation.text(),
            self.specialty.text(), self.certificate.text(), None if years == NOT_GIVEN else years,
            self.phone.text(), self.email.text(), self.guest.isChecked(), self.active.isChecked(),
        )

    def retranslate(self, _lang: str = "") -> None:
        if _lang:
            self._fill(combo_value(self.kind_box))
        self.years.setSpecialValueText(_("not given"))
        super().retranslate(_lang)


class TrainersTab(EditableListTab):
    """The trainers, searchable by name, IIN, place of work or specialty, filtered by kind."""

    SEARCH_HINT = N_("Search by name, IIN, place of work or specialty…")
    ACTION = Action.REFERENCE

    def __init__(self, context: AppContext) -> None:
        self.filters: dict[str, int | None] = {"kind": None}
        filters = self.filters

        def query(session: Session, text: str, offset: int, limit: int) -> list[TrainerRow]:
            return page_trainers(session, text, offset, limit, kind_id=filters["kind"], lang=context.lang)

        model = GreyInactiveModel(context.database, query, trainer_columns())
        super().__init__(context, N_("Trainers"), model, kinds=("trainer",))
        self.kind_box = self.filter_combo("kind", N_("Kind:"), 24)
        self.finish()

    def make_editor(self, record_id: int | None) -> TrainerDialog:
        return TrainerDialog(self.context, record_id, self)

    def refill_filters(self) -> None:
        with self.context.database.reading() as session:
            kinds = kind_items(session, self.context.lang)
        fill_combo(self.kind_box, kinds, self.filters["kind"], _("All kinds"))
