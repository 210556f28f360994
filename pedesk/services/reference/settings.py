"""The office's own settings (the ``Office`` row with ``is_own``): names, city, head and acting head,
certificate numbering pattern, the authorised body's name. They live in the database, not in QSettings,
because certificates and data packages carry them. No Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Certificate, Office, Region
from pedesk.models.enums import SignerCapacity
from pedesk.models.organisations import DEFAULT_NUMBERING_PATTERN
from pedesk.services.access import Action, guarded
from pedesk.services.common import Problem, ValidationError, clean_spaces, fold
from pedesk.services.reference.checks import length_problem, missing_reference, required
from pedesk.services.rules import validate_pattern

__all__ = [
    "OfficeSettings",
    "SignatureBlock",
    "get_own_office",
    "is_the_office",
    "load_office_settings",
    "no_office_problem",
    "own_office_id",
    "require_own_office",
    "save_office_settings",
    "signer",
    "validate_office_settings",
]

_QUOTES = str.maketrans("", "", "«»\"“”„'")
_CODE = re.compile(r"^[^\W_]([^\W_]|-){1,19}$")


@dataclass(frozen=True)
class OfficeSettings:
    """What the Settings screen edits. ``region_id`` is a ``Region.id`` (see ``reference.list_regions``)."""

    code: str
    name_kk: str
    name_ru: str
    city_kk: str
    city_ru: str
    region_id: int | None
    head_name: str
    head_position_kk: str
    head_position_ru: str
    head_absent: bool = False
    acting_head_name: str = ""
    acting_head_position_kk: str = ""
    acting_head_position_ru: str = ""
    numbering_pattern: str = DEFAULT_NUMBERING_PATTERN
    authorised_body_kk: str = ""
    authorised_body_ru: str = ""

    @classmethod
    def from_office(cls, office: Office) -> OfficeSettings:
        return cls(**{name: getattr(office, name) for name in _FIELDS})


_FIELDS = tuple(OfficeSettings.__dataclass_fields__)
_TEXT_FIELDS = tuple(name for name in _FIELDS if name not in ("region_id", "head_absent"))
# Column widths of the ``office`` table.
_MAX_LENGTH = {
    "code": 20, "name_kk": 400, "name_ru": 400, "city_kk": 100, "city_ru": 100, "head_name": 200,
    "head_position_kk": 300, "head_position_ru": 300, "acting_head_name": 200,
    "acting_head_position_kk": 300, "acting_head_position_ru": 300, "numbering_pattern": 100,
    "authorised_body_kk": 400, "authorised_body_ru": 400,
}


def _labels() -> dict[str, str]:
    return {
        "code": _("Office code"),
        "name_kk": _("Office name in Kazakh"),
        "name_ru": _("Office name in Russian"),
        "city_kk": _("City in Kazakh"),
        "city_ru": _("City in Russian"),
        "region_id": _("Region"),
        "head_name": _("Head's full name"),
        "head_position_kk": _("Head's position in Kazakh"),
        "head_position_ru": _("Head's position in Russian"),
        "acting_head_name": _("Acting head's full name"),
        "acting_head_position_kk": _("Acting head's position in Kazakh"),
        "acting_head_position_ru": _("Acting head's position in Russian"),
        "numbering_pattern": _("Certificate numbering pattern"),
        "authorised_body_kk": _("Authorised body in Kazakh"),
        "authorised_body_ru": _("Authorised body in Russian"),
    }


def get_own_office(session: Session) -> Office | None:
    """This installation's own office, or None before the Settings screen was filled in."""
    return session.scalars(select(Office).where(Office.is_own.is_(True)).order_by(Office.id).limit(1)).first()


def no_office_problem(field: str = "office") -> Problem:
    """The refusal of anything that needs the own office before the Settings screen was filled in."""
    return Problem(
        field,
        _(
            "The office's settings are not filled in yet. Open Settings, enter the office's code, names "
            "and head, save, and try again."
        ),
    )


def own_office_id() -> ScalarSelect[int]:
    """A subquery: the own office's id (NULL when there is none), to filter listings in one query."""
    return select(Office.id).where(Office.is_own.is_(True)).order_by(Office.id).limit(1).scalar_subquery()


def require_own_office(session: Session, field: str = "office") -> Office:
    """The own office, or a ``ValidationError`` telling the user to fill in Settings first."""
    office = get_own_office(session)
    if office is None:
        raise ValidationError([no_office_problem(field)])
    return office


def load_office_settings(session: Session) -> OfficeSettings | None:
    office = get_own_office(session)
    return None if office is None else OfficeSettings.from_office(office)


def _cleaned(settings: OfficeSettings) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(settings, name) for name in _FIELDS}
    for name in _TEXT_FIELDS:
        values[name] = clean_spaces(str(values[name] or ""))
    values["numbering_pattern"] = str(settings.numbering_pattern or "").strip()
    return values


def validate_office_settings(session: Session, settings: OfficeSettings) -> list[Problem]:
    """Every problem of the settings form, each naming its field (the dataclass attribute)."""
    values = _cleaned(settings)
    labels = _labels()
    problems: list[Problem] = []
    needed = ["code", "name_kk", "name_ru", "city_kk", "city_ru", "head_name", "head_position_kk",
              "head_position_ru"]
    if settings.head_absent:
        needed += ["acting_head_name", "acting_head_position_kk", "acting_head_position_ru"]
    for name in needed:
        problems += required(name, labels[name], str(values[name]))
    for name, maximum in _MAX_LENGTH.items():
        if name != "numbering_pattern":
            problems += length_problem(name, labels[name], str(values[name]), maximum)
    problems += _code_problems(session, str(values["code"]))
    if settings.region_id is None:
        problems += required("region_id", labels["region_id"], "")
    elif session.get(Region, settings.region_id) is None:
        problems.append(missing_reference("region_id", labels["region_id"]))
    pattern_problem = validate_pattern(str(values["numbering_pattern"]))
    if pattern_problem:
        problems.append(
            Problem("numbering_pattern", f"{labels['numbering_pattern']}: {pattern_problem}")
        )
    return problems


def _code_problems(session: Session, code: str) -> list[Problem]:
    if not code:
        return []  # reported as required
    if not _CODE.match(code):
        return [
            Problem(
                "code",
                _(
                    'Office code: "{code}" cannot be used. Use 2 to 20 letters, digits or dashes, starting '
                    "with a letter or digit, for example KRG-MK."
                ).format(code=code),
            )
        ]
    locked = _code_lock(session, code)
    if locked is not None:
        return [locked]
    clash = session.scalars(select(Office).where(Office.code == code, Office.is_own.is_(False))).first()
    if clash is not None:
        return [
            Problem(
                "code",
                _(
                    'Office code: {code} is already the code of another office ("{name}"). Each office '
                    "needs its own code; enter a different one."
                ).format(code=code, name=clash.name_ru or clash.name_kk),
            )
        ]
    return []


def _code_lock(session: Session, code: str) -> Problem | None:
    """Certificate numbers carry the office code (п.32): once one is issued, the code stays."""
    own = get_own_office(session)
    if own is None or own.code == code:
        return None
    issued = session.scalar(
        select(func.count())
        .select_from(Certificate)
        .where(Certificate.office_id == own.id, Certificate.external.is_(False))
    )
    if not issued:
        return None
    return Problem(
        "code",
        _(
            "Office code: the office has already issued {count} certificates whose numbers carry the code "
            "{old}, so it cannot change. Keep the code {old}."
        ).format(count=issued, old=own.code),
    )


@guarded(Action.SETTINGS)
def save_office_settings(session: Session, settings: OfficeSettings) -> Office:
    """Validate and store the settings; creates the own office the first time. Never commits."""
    problems = validate_office_settings(session, settings)
    if problems:
        raise ValidationError(problems)
    office = get_own_office(session)
    if office is None:
        office = Office(is_own=True)
        session.add(office)
    # The acting head's fields are kept while the head is present: the same deputy usually stands in next time.
    for name, value in _cleaned(settings).items():
        setattr(office, name, value)
    session.flush()
    return office


class ProviderName(Protocol):
    """A provider's names, as a record or as a form's data."""

    @property
    def name_kk(self) -> str: ...
    @property
    def name_ru(self) -> str: ...


class SignatureBlock(Protocol):
    """Who may sign an organisation's certificates: the office's settings, or a provider (п.32)."""

    @property
    def head_name(self) -> str: ...
    @property
    def head_position_kk(self) -> str: ...
    @property
    def head_position_ru(self) -> str: ...
    @property
    def head_absent(self) -> bool: ...
    @property
    def acting_head_name(self) -> str: ...
    @property
    def acting_head_position_kk(self) -> str: ...
    @property
    def acting_head_position_ru(self) -> str: ...


def _same_name(first: str, second: str) -> bool:
    return bool(first.strip()) and fold(first.translate(_QUOTES)) == fold(second.translate(_QUOTES))


def is_the_office(provider: ProviderName, office: Office) -> bool:
    """The provider is the office's own entry in the providers' list (the office delivers the course itself):
    it bears the office's name, in Kazakh or in Russian, case, spacing and quotation marks aside. Its
    certificates are the office's: signed by the head in Settings, numbered in the office's series (п.29, п.32)."""
    return _same_name(provider.name_kk, office.name_kk) or _same_name(provider.name_ru, office.name_ru)


def signer(settings: SignatureBlock) -> tuple[str, str, str, SignerCapacity]:
    """п.32: who signs certificates: the head, or the acting head while the head is absent (of the office's
    settings, or of a provider that issues its own).

    Returns (full name, position in Kazakh, position in Russian, capacity).
    """
    if settings.head_absent:
        return (
            settings.acting_head_name,
            settings.acting_head_position_kk,
            settings.acting_head_position_ru,
            SignerCapacity.ACTING_HEAD,
        )
    return settings.head_name, settings.head_position_kk, settings.head_position_ru, SignerCapacity.HEAD
