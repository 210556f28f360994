"""Course providers (ұйым / организация ПК, п.5): the form's data, validation, saving, and the paged,
searchable listing of the Reference data screen; and what providers and schools share: the fields' labels,
the checks of names and BINs, and the text search (schools are in :mod:`pedesk.services.reference.schools`).

Import from ``pedesk.services.reference.regions``, which re-exports everything here. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Provider, ProviderKind, Region, School
from pedesk.services.common import Problem, clean_spaces, form_of, raise_if, record_to_save, search_key
from pedesk.services.reference import checks

__all__ = [
    "ProviderData",
    "ProviderRow",
    "bin_owner",
    "count_providers",
    "get_provider",
    "org_bin_problems",
    "org_labels",
    "org_name_problems",
    "org_listing",
    "org_search",
    "page_providers",
    "save_provider",
    "validate_provider",
]


def org_labels() -> dict[str, str]:
    return {
        "name_kk": _("Name in Kazakh"),
        "name_ru": _("Name in Russian"),
        "bin": _("BIN"),
        "kind_id": _("Kind of organisation"),
        "region_id": _("Region"),
        "district_id": _("District"),
        "head_name": _("Head's full name"),
        "address": _("Address"),
        "phone": _("Phone"),
        "note": _("Note"),
    }


def org_name_problems(data: Any, labels: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for field in ("name_kk", "name_ru"):
        problems += checks.required(field, labels[field], getattr(data, field))
        problems += checks.length_problem(field, labels[field], getattr(data, field), 400)
    return problems


def org_bin_problems(session: Session, model: type[Provider] | type[School], value: str, own_id: int | None) -> list[Problem]:
    message = checks.bin_problem(value)
    if message:
        return [Problem("bin", message)]
    if not value:
        return []
    owner = bin_owner(session, model, value)
    if owner is not None and owner.id != own_id:
        return [
            Problem(
                "bin",
                _(
                    'BIN: {bin} already belongs to "{name}". Each organisation has its own BIN; check the '
                    "number, or open that record instead."
                ).format(bin=value, name=owner.name_ru or owner.name_kk),
            )
        ]
    return []


def bin_owner(session: Session, model: type[Provider] | type[School], value: str) -> Provider | School | None:
    """The provider or school (per ``model``) that holds the BIN ``value``, if any."""
    if model is Provider:
        return session.scalars(select(Provider).where(Provider.bin == value).limit(1)).first()
    return session.scalars(select(School).where(School.bin == value).limit(1)).first()


org_search = checks.where_matching
"""The text search of the providers' and the schools' listings (the reference services' ``where_matching``)."""


def org_listing(model: type[Provider] | type[School], lang: str, *columns: Any) -> Select[Any]:
    """The start of a page of providers or schools: id, both names, then ``columns``, ordered by name then id.
    In Kazakh the order is by the folded ``search_key`` (which starts with the Kazakh name), so case does not
    matter."""
    return select(model.id, model.name_kk, model.name_ru, *columns).order_by(
        model.search_key if lang == "kk" else checks.name_column(model, lang), model.id
    )


# --- Providers -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderData:
    name_kk: str
    name_ru: str
    bin: str = ""
    kind_id: int | None = None
    region_id: int | None = None
    head_name: str = ""
    address: str = ""
    phone: str = ""
    can_assess_externally: bool = False

    @classmethod
    def from_model(cls, provider: Provider) -> ProviderData:
        return cls(
            provider.name_kk, provider.name_ru, provider.bin or "", provider.kind_id, provider.region_id,
            provider.head_name, provider.address, provider.phone, provider.can_assess_externally,
        )

    def cleaned(self) -> ProviderData:
        return ProviderData(
            checks.fix_org_name(self.name_kk), checks.fix_org_name(self.name_ru), checks.clean_bin(self.bin), self.kind_id,
            self.region_id, clean_spaces(self.head_name), clean_spaces(self.address), clean_spaces(self.phone),
            self.can_assess_externally,
        )


@dataclass(frozen=True)
class ProviderRow:
    id: int
    name_kk: str
    name_ru: str
    kind: str
    region: str
    bin: str
    phone: str
    can_assess_externally: bool


def validate_provider(session: Session, data: ProviderData, id: int | None = None) -> list[Problem]:
    data = data.cleaned()
    labels = org_labels()
    problems = org_name_problems(data, labels)
    problems += org_bin_problems(session, Provider, data.bin, id)
    if data.kind_id is not None and session.get(ProviderKind, data.kind_id) is None:
        problems.append(checks.missing_reference("kind_id", labels["kind_id"]))
    if data.region_id is not None and session.get(Region, data.region_id) is None:
        problems.append(checks.missing_reference("region_id", labels["region_id"]))
    for field, maximum in (("head_name", 200), ("address", 400)):
        problems += checks.length_problem(field, labels[field], getattr(data, field), maximum)
    problems += checks.phone_problem("phone", labels["phone"], data.phone, 40)
    if id is not None and session.get(Provider, id) is None:
        problems.append(checks.missing_reference("id", _("Provider")))
    return problems


def save_provider(session: Session, data: ProviderData, id: int | None = None) -> Provider:
    """Create (``id`` None) or update a provider. Never commits."""
    raise_if(validate_provider(session, data, id))
    data = data.cleaned()
    provider = record_to_save(session, Provider, id)
    provider.name_kk, provider.name_ru, provider.bin = data.name_kk, data.name_ru, data.bin or None
    provider.kind_id, provider.region_id = data.kind_id, data.region_id
    provider.head_name, provider.address, provider.phone = data.head_name, data.address, data.phone
    provider.can_assess_externally = data.can_assess_externally
    provider.search_key = search_key(data.name_kk, data.name_ru, data.bin)
    session.flush()
    return provider


def get_provider(session: Session, id: int) -> ProviderData | None:
    return form_of(session, Provider, id, ProviderData.from_model)


def _provider_filters(kind_id: int | None, region_id: int | None) -> list[ColumnElement[bool]]:
    return checks.given((Provider.kind_id, kind_id), (Provider.region_id, region_id))


def count_providers(
    session: Session, text: str = "", *, kind_id: int | None = None, region_id: int | None = None
) -> int:
    return checks.count_matching(session, Provider.id, Provider.search_key, text, _provider_filters(kind_id, region_id))


def page_providers(session: Session, text: str = "", offset: int = 0, limit: int = checks.DEFAULT_PAGE_SIZE, *,
                   kind_id: int | None = None, region_id: int | None = None, lang: str = "kk") -> list[ProviderRow]:
    """One page of providers matching ``text``, ordered by name then id (one query, see ``org_listing``)."""
    statement = org_listing(
        Provider, lang, func.coalesce(checks.name_column(ProviderKind, lang), ""),
        func.coalesce(checks.current_region_name(Provider.region_id, lang), ""), func.coalesce(Provider.bin, ""),
        Provider.phone, Provider.can_assess_externally,
    ).outerjoin(ProviderKind, Provider.kind_id == ProviderKind.id)
    rows = checks.page_matching(session, statement, Provider.search_key, text, _provider_filters(kind_id, region_id),
                         offset, limit)
    return [ProviderRow(*row) for row in rows]
