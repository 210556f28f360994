"""The last line of the permission rules (pedesk.services.access): in a database with users, nothing is
written unless a service's permission check let it through.

Services check the acting user against the permission table and then run the change inside :func:`granted`
(or mark the session with :func:`grant`); the ``before_flush`` hook here refuses any flush with changes made
otherwise, so that a change
nobody checked cannot reach a database that has users. A database with no users is open to anyone, as a
single office PC was before users existed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pedesk.i18n import _
from pedesk.models.audit import listen_once
from pedesk.models.users import User

_GRANTED: ContextVar[tuple[str, ...]] = ContextVar("pedesk_granted", default=())


class UncheckedChange(RuntimeError):
    """A change reached a database with users without a permission check: a defect, refused."""


@contextmanager
def granted(action: str) -> Iterator[None]:
    """Changes flushed inside the block (in this thread) were allowed as ``action``."""
    token = _GRANTED.set((*_GRANTED.get(), action))
    try:
        yield
    finally:
        _GRANTED.reset(token)


def grant(session: Session, action: str) -> None:
    """Changes of ``session`` were allowed as ``action``, up to its commit (which may come after the service
    returned, when the caller's transaction ends)."""
    session.info.setdefault("granted", set()).add(action)


def has_users(session: Session) -> bool:
    """Whether the database has users (it is then closed: every change needs a signed-in user). Once seen
    closed, a session remembers it: users are never deleted."""
    if session.info.get("closed"):
        return True
    closed = session.execute(select(User.id).limit(1)).first() is not None
    if closed:
        session.info["closed"] = True
    return closed


def _on_before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if not (session.new or session.dirty or session.deleted) or _GRANTED.get() or session.info.get("granted"):
        return
    if has_users(session):
        raise UncheckedChange(_("This change was not checked against the user's roles and was refused; nothing "
                                "was changed. Please report it to the developers of pedesk."))


def install_access(factory: sessionmaker[Session]) -> None:
    listen_once(factory, "before_flush", _on_before_flush)
