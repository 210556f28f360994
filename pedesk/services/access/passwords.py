"""Password hashes: argon2id (argon2-cffi) with a random salt of each user's own, and the rules of a password.

Parameters: RFC 9106's second recommended option (the "low memory" one), argon2-cffi's defaults: 3 passes over
64 MiB with 4 lanes. On a modest office PC (2 cores, 2015) one hash takes about 0.1-0.3 s, well under the 1 s a
sign-in may take (benchmarks/sign_in.py measures it), and 64 MiB is affordable on a PC with 4 GB.
A hash made with other parameters is re-made at the next sign-in (:func:`needs_rehash`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pedesk.i18n import _

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 10
MAX_LENGTH = 200
TIME_COST = 3
MEMORY_COST_KIB = 64 * 1024
PARALLELISM = 4


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type  # imported at the first sign-in, not at every start

    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM,
                          type=Type.ID)


def password_problem(password: str) -> str | None:
    """What is wrong with a new password, or None."""
    if len(password) < MIN_LENGTH:
        return _("The password is too short: it needs at least {count} characters.").format(count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("The password is too long: at most {count} characters.").format(count=MAX_LENGTH)
    if password != password.strip():
        return _("The password begins or ends with a space; remove it.")
    return None


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher().check_needs_rehash(stored)


@cache
def decoy_hash() -> str:
    """A hash to check a password against when the user name is unknown, so that a wrong name takes as long as
    a wrong password and does not tell that the name is free."""
    return hash_password("pedesk: no such user")
