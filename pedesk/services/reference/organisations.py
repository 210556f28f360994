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
from pedesk.services.access import Action, guarded
from pedesk.services.common import (
    Problem,
    clean_spaces,
    form_of,
    name_order,
    raise_if,
    record_to_save,
    search_key,
)
from pedesk.services.reference import checks
from pedesk.services.reference.settings import get_own_office, is_the_office
from pedesk.services.rules import validate_pattern

__all__ = [
    "PROVIDER_SIGNATURE",
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
        "head_position_kk": _("Head's position in Kazakh"),
        "head_position_ru": _("Head's position in Russian"),
        "acting_head_name": _("Acting head's full name"),
        "acting_head_position_kk": _("Acting head's position in Kazakh"),
        "acting_head_position_ru": _("Acting head's position in Russian"),
        "city_kk": _("City in Kazakh"),
        "city_ru": _("City in Russian"),
        "numbering_pattern": _("Certificate numbering pattern"),
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
    """The start of a page of providers or schools: id, both names, then ``columns``, ordered by the name in
    ``lang`` (the Kazakh alphabet, case aside) then id."""
    return select(model.id, model.name_kk, model.name_ru, *columns).order_by(
        name_order(checks.name_column(model, lang)), model.id
    )


# --- Providers -----------------------------------------------------------------------------------------------


#: what a provider that delivers courses signs its certificates with (п.29, п.32), as the office's Settings do,
#: and the widths of those columns
PROVIDER_SIGNATURE = {"head_position_kk": 300, "head_position_ru": 300, "acting_head_name": 200,
                      "acting_head_position_kk": 300, "acting_head_position_ru": 300, "city_kk": 100, "city_ru": 100}


@dataclass(frozen=True)
class ProviderData:
    """The provider's form. The head, the acting head (who signs while ``head_absent``), the city and the
    numbering pattern ("" = the office's series) are what its certificates carry (п.29, п.32)."""

    name_kk: str
    name_ru: str
    bin: str = ""
    kind_id: int | None = None
    region_id: int | None = None
    head_name: str = ""
    address: str = ""
    phone: str = ""
    can_assess_externally: bool = False
    head_position_kk: str = ""
    head_position_ru: str = ""
    head_absent: bool = False
    acting_head_name: str = ""
    acting_head_position_kk: str = ""
    acting_head_position_ru: str = ""
    city_kk: str = ""
    city_ru: str = ""
    numbering_pattern: str = ""

    @classmethod
    def from_model(cls, provider: Provider) -> ProviderData:
        return cls(
            provider.name_kk, provider.name_ru, provider.bin or "", provider.kind_id, provider.region_id,
            provider.head_name, provider.address, provider.phone, provider.can_assess_externally,
            head_absent=provider.head_absent, numbering_pattern=provider.numbering_pattern,
            **{name: getattr(provider, name) for name in PROVIDER_SIGNATURE},
        )

    def cleaned(self) -> ProviderData:
        return ProviderData(
            checks.fix_org_name(self.name_kk), checks.fix_org_name(self.name_ru), checks.clean_bin(self.bin), self.kind_id,
            self.region_id, clean_spaces(self.head_name), clean_spaces(self.address), clean_spaces(self.phone),
            self.can_assess_externally, head_absent=self.head_absent, numbering_pattern=self.numbering_pattern.strip(),
            **{name: clean_spaces(getattr(self, name)) for name in PROVIDER_SIGNATURE},
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
    problems += _signature_problems(session, data, labels)
    if id is not None and session.get(Provider, id) is None:
        problems.append(checks.missing_reference("id", _("Provider")))
    return problems


def _signature_problems(session: Session, data: ProviderData, labels: dict[str, str]) -> list[Problem]:
    """The signature block (п.32): lengths, the acting head while the head is absent, the numbering series."""
    problems: list[Problem] = []
    for field, maximum in PROVIDER_SIGNATURE.items():
        problems += checks.length_problem(field, labels[field], getattr(data, field), maximum)
    if data.head_absent:
        for field in ("acting_head_name", "acting_head_position_kk", "acting_head_position_ru"):
            problems += checks.required(field, labels[field], getattr(data, field))
    pattern = data.numbering_pattern
    if not pattern:
        return problems
    label = labels["numbering_pattern"]
    office = get_own_office(session)
    problem = validate_pattern(pattern)
    if problem:
        problems.append(Problem("numbering_pattern", f"{label}: {problem}"))
    elif office is not None and is_the_office(data, office):
        problems.append(Problem("numbering_pattern", _(
            "{label}: this provider is the office itself (it has the office's name), so its certificates are "
            "numbered in the office's series, set in Settings. Leave the pattern empty."
        ).format(label=label)))
    elif office is not None and pattern == office.numbering_pattern:
        problems.append(Problem("numbering_pattern", _(
            "{label}: {pattern} is the office's own pattern, so the provider's numbers would repeat the office's. "
            "Leave it empty to number in the office's series, or give the provider's series a prefix of its own, "
            "for example {example}."
        ).format(label=label, pattern=pattern, example="KU-{year}-{seq:04}")))
    return problems


@guarded(Action.REFERENCE)
def save_provider(session: Session, data: ProviderData, id: int | None = None) -> Provider:
    """Create (``id`` None) or update a provider. Never commits."""
    raise_if(validate_provider(session, data, id))
    data = data.cleaned()
    provider = record_to_save(session, Provider, id)
    provider.name_kk, provider.name_ru, provider.bin = data.name_kk, data.name_ru, data.bin or None
    provider.kind_id, provider.region_id = data.kind_id, data.region_id
    provider.head_name, provider.address, provider.phone = data.head_name, data.address, data.phone
    provider.can_assess_externally = data.can_assess_externally
    provider.head_absent, provider.numbering_pattern = data.head_absent, data.numbering_pattern
    for name in PROVIDER_SIGNATURE:
        setattr(provider, name, getattr(data, name))
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
