"""Users: adding them (the first one, an administrator, closes the database), their roles, disabling (never
deleting: the audit trail keeps pointing at them), unlocking, passwords, and signing in with a lock after five
wrong passwords in a row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models.access import grant, has_users
from pedesk.models.base import utcnow
from pedesk.models.database import Database
from pedesk.models.users import User
from pedesk.services.access.audit import local_time
from pedesk.services.access.guard import (
    AccessDenied,
    Actor,
    actor_of,
    guarded,
    sign_in_needed,
)
from pedesk.services.access.passwords import (
    decoy_hash,
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from pedesk.services.access.table import Action, Role, parse_roles, role_label, store_roles
from pedesk.services.common import Problem, ValidationError

MAX_FAILED = 5
LOCK_MINUTES = 15
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,59}")
PASSWORD_FIELD = "password"
CURRENT_FIELD = "current"
ROLES_FIELD = "roles"
NAME_FIELD = "name"
SIGN_IN = "sign_in"


class SignInRefused(AccessDenied):
    """Wrong or missing credentials, a disabled or a locked account."""


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    full_name: str
    roles: tuple[Role, ...]
    disabled: bool
    locked_until: datetime | None
    must_change_password: bool
    last_sign_in_at: datetime | None

    @property
    def roles_text(self) -> str:
        return ", ".join(role_label(role) for role in self.roles)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "full_name": self.full_name,
            "roles": [role.value for role in self.roles],
            "disabled": self.disabled,
            "locked_until": self.locked_until.isoformat(timespec="seconds") if self.locked_until else None,
            "must_change_password": self.must_change_password,
            "last_sign_in_at": (
                self.last_sign_in_at.isoformat(timespec="seconds") if self.last_sign_in_at else None
            ),
        }


def clean_name(name: str) -> str:
    return name.strip().lower()


def name_problem(name: str) -> str | None:
    if not NAME_PATTERN.fullmatch(name):
        return _(
            "A user name has 2 to 60 Latin letters, digits, dots, hyphens or underscores and starts with a "
            "letter or a digit (for example aigerim.s); '{name}' does not."
        ).format(name=name)
    return None


def _row(user: User) -> UserRow:
    locked = user.locked_until if user.locked_until and user.locked_until > utcnow() else None
    return UserRow(
        user.id,
        user.name,
        user.full_name,
        tuple(role for role in Role if role in parse_roles(user.roles)),
        user.disabled,
        locked,
        user.must_change_password,
        user.last_sign_in_at,
    )


def list_users(session: Session) -> list[UserRow]:
    return [_row(user) for user in session.scalars(select(User).order_by(User.name))]


def find_user(session: Session, name: str) -> User | None:
    return session.scalars(select(User).where(User.name == clean_name(name))).first()


def _user_or_refuse(session: Session, name: str) -> User:
    user = find_user(session, name)
    if user is None:
        raise ValidationError.single(
            NAME_FIELD, _("There is no user '{name}'. See 'pedesk users list'.").format(name=name)
        )
    return user


def _roles_or_refuse(roles: frozenset[Role] | set[Role]) -> frozenset[Role]:
    if not roles:
        raise ValidationError.single(ROLES_FIELD, _("Give the user at least one role."))
    return frozenset(roles)


def _password_or_refuse(password: str) -> str:
    problem = password_problem(password)
    if problem:
        raise ValidationError.single(PASSWORD_FIELD, problem)
    return password


def _admins_left(session: Session, without: User) -> int:
    users = session.scalars(select(User).where(User.disabled.is_(False), User.id != without.id))
    return sum(1 for user in users if Role.ADMIN in parse_roles(user.roles))


def _keep_an_admin(session: Session, user: User, roles: frozenset[Role], disabled: bool) -> None:
    losing = (
        Role.ADMIN in parse_roles(user.roles) and not user.disabled and (Role.ADMIN not in roles or disabled)
    )
    if losing and _admins_left(session, user) == 0:
        raise ValidationError.single(
            ROLES_FIELD,
            _(
                "{name} is the last administrator: nobody could manage users any more. Give another user the role "
                "of administrator first."
            ).format(name=user.name),
        )


@guarded(Action.USERS)
def add_user(
    session: Session, name: str, roles: frozenset[Role] | set[Role], password: str, full_name: str = ""
) -> UserRow:
    """A new user. The first user of a database must be an administrator: from then on the database is closed
    (every command and the window need a signed-in user)."""
    name = clean_name(name)
    problems = [Problem(NAME_FIELD, text) for text in [name_problem(name)] if text]
    if not problems and find_user(session, name) is not None:
        problems.append(
            Problem(NAME_FIELD, _("There is already a user '{name}'; choose another name.").format(name=name))
        )
    chosen = _roles_or_refuse(roles)
    if not has_users(session) and Role.ADMIN not in chosen:
        problems.append(
            Problem(
                ROLES_FIELD,
                _("The first user must be an administrator (--role admin), or nobody could manage users."),
            )
        )
    text = password_problem(password)
    if text:
        problems.append(Problem(PASSWORD_FIELD, text))
    if problems:
        raise ValidationError(problems)
    user = User(
        name=name,
        full_name=full_name.strip()[:200],
        password_hash=hash_password(password),
        roles=store_roles(chosen),
    )
    session.add(user)
    session.flush()
    session.info["closed"] = True
    return _row(user)


@guarded(Action.USERS)
def set_roles(session: Session, name: str, roles: frozenset[Role] | set[Role]) -> UserRow:
    user = _user_or_refuse(session, name)
    chosen = _roles_or_refuse(roles)
    _keep_an_admin(session, user, chosen, user.disabled)
    user.roles = store_roles(chosen)
    session.flush()
    return _row(user)


@guarded(Action.USERS)
def disable_user(session: Session, name: str, disabled: bool = True) -> UserRow:
    """Disable (or, with ``disabled=False``, enable again) a user: never deleted, the audit trail names them."""
    user = _user_or_refuse(session, name)
    if disabled:
        _keep_an_admin(session, user, parse_roles(user.roles), True)
    user.disabled = disabled
    session.flush()
    return _row(user)


@guarded(Action.USERS)
def unlock_user(session: Session, name: str) -> UserRow:
    user = _user_or_refuse(session, name)
    user.locked_until = None
    user.failed_sign_ins = 0
    session.flush()
    return _row(user)


@guarded(Action.USERS)
def reset_password(session: Session, name: str, password: str) -> UserRow:
    """An administrator gives a user a new password, which the user must change at the next sign-in."""
    user = _user_or_refuse(session, name)
    user.password_hash = hash_password(_password_or_refuse(password))
    user.must_change_password = True
    user.locked_until = None
    user.failed_sign_ins = 0
    session.flush()
    return _row(user)


def change_own_password(session: Session, password: str, current: str | None = None) -> Actor:
    """The signed-in user's new password (every user may change their own); the actor to sign in with now."""
    actor = actor_of(session)
    if actor is None:
        raise sign_in_needed()
    user = session.get(User, actor.id)
    if user is None:
        raise sign_in_needed()
    if current is not None and not verify_password(user.password_hash, current):
        raise ValidationError.single(CURRENT_FIELD, _("The current password is wrong; type the one you signed in "
                                                      "with."))
    new = _password_or_refuse(password)
    if verify_password(user.password_hash, new):
        raise ValidationError.single(
            PASSWORD_FIELD, _("The new password is the same as the old one; choose another.")
        )
    grant(session, SIGN_IN)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    session.flush()
    return _actor(user)


def set_password(session: Session, name: str, password: str) -> Actor | None:
    """``users passwd``: the signed-in user's own password (the actor to continue with), or, by an
    administrator, another user's (None)."""
    actor = actor_of(session)
    if actor is not None and clean_name(name) == actor.name:
        return change_own_password(session, password)
    reset_password(session, name, password)
    return None


def _actor(user: User) -> Actor:
    return Actor(user.id, user.name, user.full_name, parse_roles(user.roles), user.must_change_password)


def sign_in(database: Database, name: str, password: str, *, now: datetime | None = None) -> Actor:
    """The user ``name`` with ``password``, or :class:`SignInRefused` saying why (a wrong name and a wrong password
    read alike). Five wrong passwords in a row lock the account for 15 minutes."""
    moment = now or utcnow()
    wrong = SignInRefused(
        _("Wrong user name or password. Check the keyboard layout and Caps Lock, and try again.")
    )
    with database.transaction() as session:
        grant(session, SIGN_IN)
        user = find_user(session, name) if name.strip() else None
        if user is None:
            verify_password(decoy_hash(), password)
            raise wrong
        session.info["user"] = user.name  # the audit trail: this account's sign-ins and wrong passwords
        if user.locked_until is not None and user.locked_until > moment:
            raise SignInRefused(
                _(
                    "The account {name} is locked after {count} wrong passwords in a row, until {time}. Try again "
                    "then, or ask the administrator to unlock it."
                ).format(name=user.name, count=MAX_FAILED, time=local_time(user.locked_until))
            )
        if not verify_password(user.password_hash, password):
            failed = user.failed_sign_ins + 1
            if failed >= MAX_FAILED:
                user.locked_until = moment + timedelta(minutes=LOCK_MINUTES)
                user.failed_sign_ins = 0
                locked = SignInRefused(
                    _(
                        "That was the {count}th wrong password in a row: the account {name} is locked until {time}. "
                        "Try again then, or ask the administrator to unlock it."
                    ).format(count=MAX_FAILED, name=user.name, time=local_time(user.locked_until))
                )
                _commit_then_raise(session, locked)
            user.failed_sign_ins = failed
            _commit_then_raise(session, wrong)
        if user.disabled:
            raise SignInRefused(
                _("The account {name} is disabled. Ask the administrator.").format(name=user.name)
            )
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.failed_sign_ins = 0
        user.locked_until = None
        user.last_sign_in_at = moment
        return _actor(user)


def _commit_then_raise(session: Session, error: SignInRefused) -> None:
    """The count of wrong passwords is kept although the sign-in is refused."""
    session.commit()
    raise error


def count_users(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(User)) or 0)
