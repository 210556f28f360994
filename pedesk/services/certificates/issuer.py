"""Who issues a cohort's certificates (п.29, п.32) and in which numbering series.

The issuer is the organisation that delivered the course, the cohort's provider (Ұйым, п.29): its certificates
name it, are signed by its head or, while the head is absent, its acting head (п.32), carry its city, and are
numbered in its series. The office's own entry among the providers (named as the office in Settings, in Kazakh or
in Russian) is the office itself: those cohorts are signed by the head in Settings, with the office's city and in
the office's series, as every certificate was before providers carried their heads.

The numbering series belongs to the issuer. A provider without a numbering pattern of its own numbers in the
office's series (the office's pattern and counter); with one, in its own series: its own gap-free counter
(``provider-<id>``), started at 1, so the office's numbers never change. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from pedesk.i18n import _, current_language
from pedesk.models import Cohort, Office, Provider
from pedesk.models.enums import SignerCapacity
from pedesk.services.common import Problem
from pedesk.services.reference import OfficeSettings, is_the_office, signer

__all__ = ["OFFICE_SERIES", "Issuer", "issuer_of", "issuer_problems", "provider_series", "shown_name"]

OFFICE_SERIES = ""
"""The counter key of the office's own numbering series."""

@dataclass(frozen=True)
class Issuer:
    """The organisation a certificate names, who signs it for that organisation, and its numbering series."""

    name_kk: str
    name_ru: str
    city_kk: str
    city_ru: str
    signer_name: str
    signer_position_kk: str
    signer_position_ru: str
    capacity: SignerCapacity
    pattern: str
    series: str
    #: the provider that signs its own certificates; None when the office itself issues them
    provider: Provider | None


def provider_series(provider: Provider) -> str:
    """The counter key of a provider's own numbering series."""
    return f"provider-{provider.id}"


def issuer_of(office: Office, cohort: Cohort) -> Issuer:
    """Who issues the certificates of ``cohort`` in ``office`` (check :func:`issuer_problems` first)."""
    provider = cohort.provider
    if is_the_office(provider, office):
        name, position_kk, position_ru, capacity = signer(OfficeSettings.from_office(office))
        return Issuer(provider.name_kk, provider.name_ru, office.city_kk, office.city_ru, name, position_kk,
                      position_ru, capacity, office.numbering_pattern, OFFICE_SERIES, None)
    name, position_kk, position_ru, capacity = signer(provider)
    own = bool(provider.numbering_pattern)
    return Issuer(provider.name_kk, provider.name_ru, provider.city_kk, provider.city_ru, name, position_kk,
                  position_ru, capacity, provider.numbering_pattern if own else office.numbering_pattern,
                  provider_series(provider) if own else OFFICE_SERIES, provider)


def issuer_problems(office: Office, cohort: Cohort) -> list[Problem]:
    """What keeps ``cohort``'s certificates from being issued: the signer (п.32) or the city not filled in."""
    if is_the_office(cohort.provider, office):
        return _office_signer_problems(office)
    provider = cohort.provider
    name, position_kk, position_ru, _capacity = signer(provider)
    acting = provider.head_absent
    missing = [label for label, value in (
        (_("Acting head's full name") if acting else _("Head's full name"), name),
        (_("Acting head's position in Kazakh") if acting else _("Head's position in Kazakh"), position_kk),
        (_("Acting head's position in Russian") if acting else _("Head's position in Russian"), position_ru),
        (_("City in Kazakh"), provider.city_kk), (_("City in Russian"), provider.city_ru),
    ) if not value.strip()]
    if not missing:
        return []
    template = _(
        "{provider} delivered this cohort, so it issues the certificates, and while its head is marked absent "
        "its acting head signs them (п.29, п.32 of the Rules); but these are not filled in: {fields}. Fill "
        "them in under Reference data, Providers. If {provider} is this office itself, name it there as in "
        "Settings."
    ) if acting else _(
        "{provider} delivered this cohort, so it issues the certificates and its head signs them (п.29, п.32 "
        "of the Rules); but these are not filled in: {fields}. Fill them in under Reference data, Providers. If "
        "{provider} is this office itself, name it there as in Settings."
    )
    return [Problem("signer", template.format(provider=shown_name(provider), fields=", ".join(missing)))]


def shown_name(organisation: Provider | Issuer) -> str:
    """An organisation's name in a message: in Kazakh when the interface is, else in Russian."""
    first, second = organisation.name_kk, organisation.name_ru
    return (first or second) if current_language() == "kk" else (second or first)


def _office_signer_problems(office: Office) -> list[Problem]:
    """п.32: the head signs; in the head's absence the acting head. Both need a name and a position."""
    settings = OfficeSettings.from_office(office)
    name, position_kk, position_ru, _capacity = signer(settings)
    if name and position_kk and position_ru:
        return []
    if settings.head_absent:
        message = _(
            "Settings: the head is marked absent, so the acting head signs certificates (п.32 of the Rules), "
            "but the acting head's name or position (in Kazakh and in Russian) is not filled in. Fill them "
            "in on the Settings page, or clear \"the head is absent\"."
        )
    else:
        message = _(
            "Settings: the head's name or position (in Kazakh and in Russian) is not filled in; the head signs "
            "certificates (п.32 of the Rules). Fill them in on the Settings page."
        )
    return [Problem("signer", message)]
