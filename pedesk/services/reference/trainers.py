"""Trainers (тренер / преподаватель, п.19) and guest lecturers (п.20): form data, validation, saving, and
the paged, searchable listing. Import from ``pedesk.services.reference.regions``, which re-exports this. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Trainer, TrainerKind
from pedesk.services.access import Action, guarded
from pedesk.services.common import (
    Problem,
    clean_spaces,
    fix_name,
    form_of,
    name_order,
    raise_if,
    record_to_save,
    search_key,
)
from pedesk.services.reference import checks
from pedesk.services.rules import check_iin, normalize_iin

__all__ = [
    "GUEST_LECTURER_CODE",
    "INDUSTRY_SPECIALIST_CODE",
    "INDUSTRY_SPECIALIST_MIN_YEARS",
    "TrainerData",
    "TrainerRow",
    "count_trainers",
    "get_trainer",
    "page_trainers",
    "save_trainer",
    "validate_trainer",
]

INDUSTRY_SPECIALIST_CODE = "industry_specialist"
INDUSTRY_SPECIALIST_MIN_YEARS = 3
"""п.19: an industry specialist may teach a course with at least 3 years' service."""
GUEST_LECTURER_CODE = "guest_lecturer"
"""п.20: a guest lecturer added to a cohort; saved with ``is_guest`` set."""
MAX_YEARS_OF_SERVICE = 70


@dataclass(frozen=True)
class TrainerData:
    full_name: str
    kind_id: int | None
    iin: str = ""
    organisation: str = ""
    specialty: str = ""
    certificate_info: str = ""
    years_of_service: int | None = None
    phone: str = ""
    email: str = ""
    is_guest: bool = False
    active: bool = True

    @classmethod
    def from_model(cls, trainer: Trainer) -> TrainerData:
        return cls(
            trainer.full_name, trainer.kind_id, trainer.iin or "", trainer.organisation, trainer.specialty,
            trainer.certificate_info, trainer.years_of_service, trainer.phone, trainer.email,
            trainer.is_guest, trainer.active,
        )

    def cleaned(self) -> TrainerData:
        iin = clean_spaces(self.iin)
        return TrainerData(
            fix_name(self.full_name), self.kind_id, normalize_iin(iin) or iin, clean_spaces(self.organisation),
            clean_spaces(self.specialty), clean_spaces(self.certificate_info), self.years_of_service,
            clean_spaces(self.phone), self.email.strip(), self.is_guest, self.active,
        )


@dataclass(frozen=True)
class TrainerRow:
    id: int
    full_name: str
    kind: str
    organisation: str
    specialty: str
    iin: str
    phone: str
    email: str
    is_guest: bool
    active: bool


def _labels() -> dict[str, str]:
    return {
        "full_name": _("Full name"),
        "kind_id": _("Kind of trainer"),
        "organisation": _("Place of work"),
        "specialty": _("Specialty"),
        "certificate_info": _("Trainer's certificate"),
        "years_of_service": _("Years of service"),
        "phone": _("Phone"),
        "email": _("E-mail"),
    }


def validate_trainer(session: Session, data: TrainerData, id: int | None = None) -> list[Problem]:
    data = data.cleaned()
    labels = _labels()
    problems = checks.required("full_name", labels["full_name"], data.full_name)
    for field, maximum in (("full_name", 300), ("organisation", 400), ("specialty", 300),
                           ("certificate_info", 300), ("email", 200)):
        problems += checks.length_problem(field, labels[field], getattr(data, field), maximum)
    kind = session.get(TrainerKind, data.kind_id) if data.kind_id is not None else None
    if data.kind_id is None:
        problems += checks.required("kind_id", labels["kind_id"], "")
    elif kind is None:
        problems.append(checks.missing_reference("kind_id", labels["kind_id"]))
    problems += _iin_problems(session, data.iin, id)
    problems += _years_problems(data.years_of_service, kind)
    problems += checks.phone_problem("phone", labels["phone"], data.phone, 40)
    problems += checks.email_problem("email", data.email)
    if id is not None and session.get(Trainer, id) is None:
        problems.append(checks.missing_reference("id", _("Trainer")))
    return problems


def _iin_problems(session: Session, iin: str, own_id: int | None) -> list[Problem]:
    if not iin:
        return []
    info = check_iin(iin)
    if not info.valid:
        return [Problem("iin", info.reason or "")]
    other = session.scalars(select(Trainer).where(Trainer.iin == info.iin, Trainer.id != (own_id or -1))).first()
    if other is not None:
        return [
            Problem(
                "iin",
                _(
                    'IIN: {iin} is already the IIN of the trainer "{name}". Open that trainer instead, or '
                    "check the IIN against the identity document."
                ).format(iin=info.iin, name=other.full_name),
            )
        ]
    return []


def _years_problems(years: int | None, kind: TrainerKind | None) -> list[Problem]:
    if years is not None and not 0 <= years <= MAX_YEARS_OF_SERVICE:
        return [
            Problem(
                "years_of_service",
                _("Years of service: {years} is not possible. Enter the number of full years, from 0 to {maximum}.").format(
                    years=years, maximum=MAX_YEARS_OF_SERVICE
                ),
            )
        ]
    if kind is not None and kind.code == INDUSTRY_SPECIALIST_CODE and (
        years is None or years < INDUSTRY_SPECIALIST_MIN_YEARS
    ):
        return [
            Problem(
                "years_of_service",
                _(
                    "Years of service: an industry specialist may teach a course only with at least "
                    "{minimum} years' service (п.19 of the Rules). Enter the years of service, {minimum} "
                    "or more, or choose another kind of trainer."
                ).format(minimum=INDUSTRY_SPECIALIST_MIN_YEARS),
            )
        ]
    return []


@guarded(Action.REFERENCE)
def save_trainer(session: Session, data: TrainerData, id: int | None = None) -> Trainer:
    """Create (``id`` None) or update a trainer; a guest lecturer (п.20) is saved with ``is_guest``."""
    raise_if(validate_trainer(session, data, id))
    data = data.cleaned()
    kind = session.get(TrainerKind, data.kind_id)
    assert kind is not None
    trainer = record_to_save(session, Trainer, id)
    trainer.full_name, trainer.kind_id, trainer.iin = data.full_name, kind.id, data.iin or None
    trainer.organisation, trainer.specialty = data.organisation, data.specialty
    trainer.certificate_info, trainer.years_of_service = data.certificate_info, data.years_of_service
    trainer.phone, trainer.email, trainer.active = data.phone, data.email, data.active
    trainer.is_guest = data.is_guest or kind.code == GUEST_LECTURER_CODE
    trainer.search_key = search_key(data.full_name, data.iin, data.organisation, data.specialty)
    session.flush()
    return trainer


def get_trainer(session: Session, id: int) -> TrainerData | None:
    return form_of(session, Trainer, id, TrainerData.from_model)


def _filters(kind_id: int | None, active: bool | None, is_guest: bool | None) -> list[ColumnElement[bool]]:
    filters = checks.given((Trainer.kind_id, kind_id))
    if active is not None:
        filters.append(Trainer.active.is_(active))
    if is_guest is not None:
        filters.append(Trainer.is_guest.is_(is_guest))
    return filters


def count_trainers(session: Session, text: str = "", *, kind_id: int | None = None, active: bool | None = None,
                   is_guest: bool | None = None) -> int:
    return checks.count_matching(session, Trainer.id, Trainer.search_key, text, _filters(kind_id, active, is_guest))


def page_trainers(session: Session, text: str = "", offset: int = 0, limit: int = checks.DEFAULT_PAGE_SIZE, *,
                  kind_id: int | None = None, active: bool | None = None, is_guest: bool | None = None,
                  lang: str = "kk") -> list[TrainerRow]:
    """One page of trainers matching ``text``, ordered by full name (the Kazakh alphabet) then id;
    one query."""
    statement = (
        select(
            Trainer.id, Trainer.full_name, checks.name_column(TrainerKind, lang), Trainer.organisation,
            Trainer.specialty, func.coalesce(Trainer.iin, ""), Trainer.phone, Trainer.email,
            Trainer.is_guest, Trainer.active,
        )
        .join(TrainerKind, Trainer.kind_id == TrainerKind.id)
        .order_by(name_order(Trainer.full_name), Trainer.id)
    )
    rows = checks.page_matching(session, statement, Trainer.search_key, text, _filters(kind_id, active, is_guest),
                         offset, limit)
    return [TrainerRow(*row) for row in rows]
