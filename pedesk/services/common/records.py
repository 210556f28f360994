"""What the services behind a form share: the form of a stored record, a record or a refusal, the record to
write the form into, and a choice read as its enum member. No Qt."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from pedesk.models.base import Base
from pedesk.services.common.errors import ValidationError

__all__ = ["chosen", "form_of", "found_or_refuse", "record_to_save"]

RecordT = TypeVar("RecordT", bound=Base)
EnumT = TypeVar("EnumT", bound=Enum)
FormT = TypeVar("FormT")


def form_of(session: Session, model: type[RecordT], id: int, form: Callable[[RecordT], FormT]) -> FormT | None:
    """The form's data of the record ``id`` of ``model`` (``form`` reads it), or None when there is none."""
    record = session.get(model, id)
    return None if record is None else form(record)


def found_or_refuse(session: Session, model: type[RecordT], id: int, field: str, message: str) -> RecordT:
    """The record ``id`` of ``model``; when it is not there (deleted meanwhile, a stale list), a refusal on
    ``field`` saying ``message``."""
    record = session.get(model, id)
    if record is None:
        raise ValidationError.single(field, message)
    return record


def record_to_save(session: Session, model: type[RecordT], id: int | None, **new: Any) -> RecordT:
    """The record ``id`` of ``model`` to update; when ``id`` is None (or the record is gone), a new one made
    with ``new`` and added to the session. Called after the form's checks passed; never flushes."""
    record = session.get(model, id) if id is not None else None
    if record is None:
        record = model(**new)
        session.add(record)
    return record


def chosen(kind: type[EnumT], value: EnumT | str | None) -> EnumT | None:
    """A form's choice from a closed set as its ``kind`` member: None when nothing or something unknown was
    chosen (the form's checks then name the field)."""
    try:
        return kind(value) if value else None
    except ValueError:
        return None
