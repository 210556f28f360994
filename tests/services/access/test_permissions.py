"""The permission table against every service function that changes data: each is guarded, each refuses the
roles the table leaves out (naming the role that is needed) and lets the others through, and a change that
no check let through cannot reach a database that has users."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import pedesk.services
from pedesk.models import PrinterOffset, User
from pedesk.models.access import UncheckedChange
from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services import access
from pedesk.services.access import (
    GUARDED,
    PERMISSIONS,
    AccessDenied,
    Action,
    Actor,
    Role,
    allowed,
    role_label,
)
from tests.backends import Backend
from tests.builders import add_users, sign_in

SERVICES = Path(pedesk.services.__file__).parent
#: statement builders and session methods that write
WRITING_CALLS = {"insert", "update", "delete"}
WRITING_METHODS = {"add", "add_all", "delete", "flush", "merge", "commit", "bulk_save_objects",
                   "bulk_insert_mappings", "bulk_update_mappings"}
#: functions that write without a role: each says why
NOT_GUARDED = {
    "access.sign_in": "counts wrong passwords and records the sign-in: nobody is signed in yet",
    "access.change_own_password": "every signed-in user changes their own password",
    "access.set_password": "the user's own password, or reset_password (guarded) for another user",
    "common.record_to_save": "a helper of the guarded save_* services; neither the UI nor the CLI calls it",
    "access.saving": "the block in which a guarded save_* service writes a record that counts its saves",
}


def _every_module() -> Iterator[str]:
    for info in pkgutil.walk_packages([str(SERVICES)], "pedesk.services."):
        yield info.name


def _writers() -> set[str]:
    """Every function name in pedesk.services that writes to the database, itself or through a function it calls
    by name (by name only: a wider net than needed, never a narrower one)."""
    calls: dict[str, set[str]] = {}
    writes: set[str] = set()
    for path in SERVICES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            called = calls.setdefault(node.name, set())
            for sub in ast.walk(node):
                if not isinstance(sub, ast.Call):
                    continue
                if isinstance(sub.func, ast.Name):
                    called.add(sub.func.id)
                    if sub.func.id in WRITING_CALLS:
                        writes.add(node.name)
                elif (isinstance(sub.func, ast.Attribute) and sub.func.attr in WRITING_METHODS
                      and isinstance(sub.func.value, ast.Name) and sub.func.value.id == "session"):
                    writes.add(node.name)
    grown = True
    while grown:
        grown = False
        for name, called in calls.items():
            if name not in writes and called & writes:
                writes.add(name)
                grown = True
    return writes


def _exported() -> Iterator[tuple[str, Callable[..., Any]]]:
    for package in sorted(path.name for path in SERVICES.iterdir() if (path / "__init__.py").exists()):
        module = importlib.import_module(f"pedesk.services.{package}")
        for name in module.__all__:
            value = getattr(module, name)
            if callable(value) and not isinstance(value, type):
                yield f"{package}.{name}", value


def test_every_service_function_that_changes_data_is_guarded() -> None:
    writers = _writers()
    unguarded = [name for name, function in _exported()
                 if name.split(".")[-1] in writers and not hasattr(function, "__pedesk_action__")
                 and name not in NOT_GUARDED]
    assert unguarded == []
    assert len(GUARDED) >= 45  # the scan above found them; the table names an action for each


def test_the_functions_left_unguarded_are_not_called_from_the_window_or_the_command_line() -> None:
    faces = [path for folder in ("ui", "cli") for path in (SERVICES.parent / folder).rglob("*.py")]
    text = "\n".join(path.read_text("utf-8") for path in faces)
    assert "record_to_save" not in text and "access.saving" not in text


def test_every_action_of_the_table_guards_a_service_and_every_role_is_named() -> None:
    for module in _every_module():
        importlib.import_module(module)
    # a late change of a list is checked inside the enrolment services, when the list turns out to be formed
    assert set(GUARDED.values()) | {Action.LATE_LIST_CHANGE} == set(Action)
    assert set(PERMISSIONS) == set(Action)
    assert all(roles <= set(Role) for roles in PERMISSIONS.values())


def test_a_head_does_all_a_methodologist_and_a_registrar_do_and_a_viewer_nothing() -> None:
    for action in Action:
        if allowed({Role.METHODOLOGIST}, action) or allowed({Role.REGISTRAR}, action):
            assert allowed({Role.HEAD}, action), action
        assert not allowed({Role.VIEWER}, action)
    for action in (Action.ISSUE, Action.ANNUL, Action.REISSUE, Action.DUPLICATE, Action.LATE_LIST_CHANGE):
        assert [role for role in Role if allowed({role}, action)] == [Role.HEAD]
    assert [role for role in Role if allowed({role}, Action.USERS)] == [Role.ADMIN]


@pytest.fixture(scope="module")
def closed(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A database with one user per role (named as the role), on each back-end."""
    database, _report = open_database(backend.migrated(tmp_path_factory.mktemp("closed"), keep=True))
    add_users(database, {role.value: {role} for role in Role if role is not Role.ADMIN}, admin=Role.ADMIN.value)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def actors(closed: Database) -> dict[Role, Actor]:
    """Each role's user, signed in once (argon2 takes its time on purpose)."""
    return {role: sign_in(closed, role.value) for role in Role}


def _guarded_functions() -> list[tuple[str, Action]]:
    for module in _every_module():
        importlib.import_module(module)
    return sorted(GUARDED.items())


@pytest.mark.parametrize(("qualified", "action"), _guarded_functions(), ids=lambda value: str(value))
def test_each_guarded_function_refuses_the_roles_the_table_leaves_out(closed: Database, actors: dict[Role, Actor],
                                                                      qualified: str, action: Action) -> None:
    module, _dot, name = qualified.rpartition(".")
    function = getattr(importlib.import_module(module), name)
    takes_database = next(iter(function.__annotations__.values()), None) in ("Database", Database)
    for role in Role:
        closed.actor = actors[role]
        with closed.transaction() as session:
            where = closed if takes_database else session
            if allowed({role}, action):
                # let through: the function runs and fails only for want of its other arguments
                with pytest.raises(TypeError):
                    function(where)
            else:
                with pytest.raises(AccessDenied) as refused:
                    function(where)
                message = str(refused.value)
                assert role.value in message and "Nothing was changed" in message
                assert any(f"«{role_label(needed)}»" in message for needed in Role if allowed({needed}, action))
    closed.actor = None


def test_nobody_signed_in_is_refused_and_an_open_database_refuses_nobody(closed: Database, database: Database) -> None:
    closed.actor = None
    with closed.transaction() as session, pytest.raises(AccessDenied, match="sign in first"):
        access.unlock_user(session, "viewer")
    with database.transaction() as session:  # no users: open, as before users existed
        session.add(PrinterOffset(printer="Canon LBP", x_mm=1.0, y_mm=0.0))
    with database.reading() as session:
        assert session.scalars(select(PrinterOffset.printer)).all() == ["Canon LBP"]


def test_a_change_no_check_let_through_never_reaches_a_database_with_users(closed: Database) -> None:
    sign_in(closed, "admin")
    with pytest.raises(UncheckedChange), closed.transaction() as session:
        session.add(PrinterOffset(printer="Canon LBP", x_mm=1.0, y_mm=0.0))
    with pytest.raises(UncheckedChange), closed.transaction() as session:  # a change of a record as well
        user = session.scalars(select(User).where(User.name == "viewer")).one()
        user.roles = "admin"
    with closed.reading() as session:
        assert session.scalars(select(PrinterOffset.printer)).all() == []
        assert session.scalars(select(User.roles).where(User.name == "viewer")).one() == "viewer"
    closed.actor = None


def test_readme_shows_the_permission_table() -> None:
    readme = (SERVICES.parent.parent / "README.md").read_text("utf-8")
    assert access.table_markdown() in readme
