"""Who acts, and the check every changing service makes: :func:`guarded` wraps a service function with the
action of the permission table it needs; the acting user comes with the session (``session.info["actor"]``,
set by ``Database.transaction`` from the signed-in user) or with the database. A database with no users is
open: nothing is checked there, as before users existed."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models.access import grant, granted, has_users
from pedesk.models.database import Database
from pedesk.services.access.table import Action, Role, action_label, allowed, role_label, roles_for
from pedesk.services.common import Problem, ValidationError

P = ParamSpec("P")
R = TypeVar("R")

USER_FIELD = "user"

#: every guarded service function ("module.name") and the action it needs: the tests walk it
GUARDED: dict[str, Action] = {}


@dataclass(frozen=True)
class Actor:
    """A signed-in user as the services see them."""

    id: int
    name: str
    full_name: str
    roles: frozenset[Role]
    must_change_password: bool = False

    def may(self, action: Action) -> bool:
        return allowed(self.roles, action)

    @property
    def roles_text(self) -> str:
        return ", ".join(role_label(role) for role in Role if role in self.roles) or _("no role")


class AccessDenied(ValidationError):
    """The acting user may not do this (or nobody signed in to a database with users); nothing was changed."""

    def __init__(self, message: str, action: Action | None = None) -> None:
        super().__init__([Problem(USER_FIELD, message)])
        self.action = action


def sign_in_needed() -> AccessDenied:
    return AccessDenied(_("This database has users: sign in first. Nothing was changed."))


def refusal(actor: Actor, action: Action) -> AccessDenied:
    needed = " " + _("or") + " "
    return AccessDenied(_(
        "{user} may not do this: {what} needs the role {roles}, and {user}'s roles ({held}) do not include it. "
        "Nothing was changed; ask the administrator for the role, or ask a colleague who has it."
    ).format(user=actor.name, what=action_label(action), roles=needed.join(
        f"«{role_label(role)}»" for role in roles_for(action)), held=actor.roles_text), action)


def actor_of(where: Session | Database) -> Actor | None:
    actor = where.actor if isinstance(where, Database) else where.info.get("actor")
    return actor if isinstance(actor, Actor) else None


def database_has_users(database: Database) -> bool:
    """Whether the database has users (then every change needs a signed-in user whose roles allow it)."""
    with database.reading() as session:
        return has_users(session)


def _closed(where: Session | Database) -> bool:
    return database_has_users(where) if isinstance(where, Database) else has_users(where)


def check(where: Session | Database, action: Action) -> None:
    """Refuse, unless the database is open (no users) or the acting user's roles allow ``action``."""
    if not _closed(where):
        return
    actor = actor_of(where)
    if actor is None:
        raise sign_in_needed()
    if actor.must_change_password:
        raise AccessDenied(_("{user} must change the password before doing anything else. Nothing was "
                             "changed.").format(user=actor.name), action)
    if not actor.may(action):
        raise refusal(actor, action)


def may(where: Session | Database, action: Action) -> bool:
    """Whether the acting user may do ``action`` here (the UI asks it to hide or disable a control)."""
    try:
        check(where, action)
    except AccessDenied:
        return False
    return True


def guarded(action: Action) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """The service function changes data as ``action``: its first argument (a session or a database) brings the
    acting user, who is checked against the permission table before anything runs."""

    def wrap(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            where = args[0] if args else next(iter(kwargs.values()), None)
            if not isinstance(where, Session | Database):
                raise TypeError(f"{function.__qualname__}: the first argument must be a session or a database")
            check(where, action)
            if isinstance(where, Session):
                grant(where, action.value)
            with granted(action.value):
                return function(*args, **kwargs)

        GUARDED[f"{function.__module__}.{function.__qualname__}"] = action
        checked.__pedesk_action__ = action  # type: ignore[attr-defined]
        return checked

    return wrap

