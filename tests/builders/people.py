"""The people who sign in: an administrator and users with the roles a test needs (which closes the database),
signing one of them in, and building records directly on a closed database (``as_setup``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pedesk.models.access import granted
from pedesk.models.database import Database
from pedesk.services import access
from pedesk.services.access import Actor, Role

#: the password of every user the tests make
PASSWORD = "correct-horse-1"
ADMIN = "admin"


def add_users(database: Database, users: dict[str, set[Role]], *, admin: str | None = ADMIN) -> None:
    """``users`` (name: roles), after an administrator ``admin`` (the first user must be one)."""
    if admin is not None:
        with database.transaction() as session:
            access.add_user(session, admin, {Role.ADMIN}, PASSWORD, "Адміністратор")
    before = database.actor
    sign_in(database, admin or ADMIN)
    for name, roles in users.items():
        with database.transaction() as session:
            access.add_user(session, name, roles, PASSWORD)
    database.actor = before


def sign_in(database: Database, name: str, password: str = PASSWORD) -> Actor:
    """``name`` signed in on ``database`` (its transactions then act as that user)."""
    database.actor = access.sign_in(database, name, password)
    return database.actor


def closed_as(database: Database, name: str, *roles: Role) -> Actor:
    """A database with an administrator and ``name`` holding ``roles``, with ``name`` signed in."""
    add_users(database, {name: set(roles)})
    return sign_in(database, name)


@contextmanager
def as_setup() -> Iterator[None]:
    """Records built directly (not through a service) on a closed database, as a test's starting point."""
    with granted("test-setup"):
        yield
