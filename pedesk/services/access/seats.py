"""Several seats on one database: a record opened on one PC and saved there after another PC saved it is
refused with who changed it and when, so that neither change is lost unseen. Records that count their saves
(``version``: teachers, cohorts) are checked against the version the form was filled from; SQLAlchemy's version
counter (``version_id_col``) refuses the same at the very write, when two seats save in the same instant."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pedesk.i18n import _
from pedesk.services.access.audit import last_change, local_time
from pedesk.services.common import ValidationError

VERSION_FIELD = "version"


def version_of(session: Session, model: type[Any], id: int) -> int | None:
    """The save counter of a record, to keep with the form filled from it."""
    record = session.get(model, id)
    return None if record is None else int(record.version)


def changed_since(session: Session, record: Any, what: str) -> ValidationError:
    table = record.__table__.name
    found = last_change(session, table, record.id) if record.id is not None else None
    if found is None:
        return ValidationError.single(VERSION_FIELD, _(
            "{what} was changed on another seat after you opened it; reload it and make your change again. "
            "Nothing was saved.").format(what=what))
    name, at = found
    return ValidationError.single(VERSION_FIELD, _(
        "{what} was changed by {name} at {time} after you opened it; reload it and make your change again. "
        "Nothing was saved.").format(what=what, name=name, time=local_time(at)))


def refuse_if_changed(session: Session, record: Any, expected: int | None, what: str) -> None:
    """Refuse when ``record`` was saved since the form was filled at version ``expected`` (None: not checked)."""
    if expected is not None and record.id is not None and int(record.version) != int(expected):
        raise changed_since(session, record, what)


@contextmanager
def saving(session: Session, record: Any, what: str) -> Iterator[None]:
    """The changes of ``record`` made and flushed in the block, with a save that lost the race to another seat
    (its version counter no longer matches at the write) refused in words."""
    model, id = type(record), record.id
    try:
        yield
        session.flush()
    except StaleDataError:
        session.rollback()
        fresh = session.get(model, id)
        raise changed_since(session, fresh if fresh is not None else record, what) from None
