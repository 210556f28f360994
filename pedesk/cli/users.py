"""`pedesk users ...`: the people who sign in and their roles; `pedesk db status`; and signing in for every
command (``--user NAME``, the password from ``PEDESK_PASSWORD`` or typed when asked on a terminal)."""

from __future__ import annotations

import argparse
import sys

from pedesk.cli import plumbing
from pedesk.i18n import _, format_datetime
from pedesk.models.database import Database
from pedesk.models.schema import current_revision
from pedesk.services import access
from pedesk.services.access import Role

# --- Handlers ------------------------------------------------------------------------------------------------------


def users(args: argparse.Namespace) -> int:
    if args.users_command == "permissions":  # the table needs no database
        return _permissions(args)
    handler = {"add": _add, "list": _list, "roles": _roles, "disable": _disable, "enable": _enable,
               "unlock": _unlock, "passwd": _passwd}[args.users_command]
    return plumbing.with_database(args, handler)


def _ask(prompt: str) -> str | None:
    return plumbing.ask_secret(prompt)


def _new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise plumbing.CliError(_("--password-stdin: standard input is empty; give the password on its first "
                                      "line."))
        return line.rstrip("\r\n")
    first = _ask(_("New password of {name}: ").format(name=args.name))
    if first is None:
        raise plumbing.CliError(_("Give the new password with --password-stdin (on the first line of standard "
                                  "input), or run the command on a terminal to type it."))
    if _ask(_("The same password again: ")) != first:
        raise plumbing.CliError(_("The two passwords differ; nothing was changed. Try again."))
    return first


def _roles_of(args: argparse.Namespace) -> set[Role]:
    return {Role(value) for value in args.role}


def _may_manage(database: Database) -> None:
    """Refuse a user who may not manage users before asking for a password."""
    with database.reading() as session:
        access.check(session, access.Action.USERS)


def _add(database: Database, args: argparse.Namespace) -> int:
    _may_manage(database)
    password = _new_password(args)
    with database.transaction() as session:
        first = not access.count_users(session)
        row = access.add_user(session, args.name, _roles_of(args), password, args.full_name)
    print(_("User {name} is added ({roles}).").format(name=row.name, roles=row.roles_text))
    if first:
        print(_("The database is now closed: every command and the window need a signed-in user (pedesk --user "
                "{name} ...).").format(name=row.name))
    return plumbing.EXIT_OK


def _list(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        rows = access.list_users(session)

    def line(row: access.UserRow) -> str:
        state = [_("disabled")] if row.disabled else []
        if row.locked_until:
            state.append(_("locked until {time}").format(time=access.local_time(row.locked_until)))
        if row.must_change_password:
            state.append(_("must change the password"))
        seen = format_datetime(row.last_sign_in_at, "short") if row.last_sign_in_at else "—"
        return f"{row.name:<20} {row.roles_text:<40} {seen:<18} {'; '.join(state)}".rstrip()

    return plumbing.print_listing(args, rows, _("No users: the database is open to anyone who starts pedesk."),
                                  line)


def _roles(database: Database, args: argparse.Namespace) -> int:
    with database.transaction() as session:
        row = access.set_roles(session, args.name, _roles_of(args))
    print(_("The roles of {name}: {roles}.").format(name=row.name, roles=row.roles_text))
    return plumbing.EXIT_OK


def _disable(database: Database, args: argparse.Namespace) -> int:
    with database.transaction() as session:
        row = access.disable_user(session, args.name)
    print(_("User {name} is disabled: they can no longer sign in.").format(name=row.name))
    return plumbing.EXIT_OK


def _enable(database: Database, args: argparse.Namespace) -> int:
    with database.transaction() as session:
        row = access.disable_user(session, args.name, False)
    print(_("User {name} may sign in again.").format(name=row.name))
    return plumbing.EXIT_OK


def _unlock(database: Database, args: argparse.Namespace) -> int:
    with database.transaction() as session:
        row = access.unlock_user(session, args.name)
    print(_("User {name} is unlocked.").format(name=row.name))
    return plumbing.EXIT_OK


def _passwd(database: Database, args: argparse.Namespace) -> int:
    if database.actor is None or access.clean_name(args.name) != database.actor.name:
        _may_manage(database)
    password = _new_password(args)
    with database.transaction() as session:
        own = access.set_password(session, args.name, password)
    if own is not None:
        print(_("Your password is changed."))
    else:
        print(_("{name} has a new password and must change it at the next sign-in.").format(
            name=access.clean_name(args.name)))
    return plumbing.EXIT_OK


def _permissions(args: argparse.Namespace) -> int:
    if args.json:
        plumbing.print_json({action.value: [role.value for role in access.roles_for(action)]
                             for action in access.Action})
        return plumbing.EXIT_OK
    print(access.table_markdown())
    return plumbing.EXIT_OK


def db_status(args: argparse.Namespace) -> int:
    database = Database(plumbing.resolve_database(args.db))
    try:
        revision = current_revision(database.engine)
        count = 0
        if revision is not None and revision >= "0009":
            with database.reading() as session:
                count = access.count_users(session)
        backend = database.engine.dialect.name
    finally:
        database.dispose()
    shared = backend != "sqlite"
    warning = _("This shared database has no users: anyone who reaches the server can change everything. Add the "
                "first administrator: pedesk users add NAME --role admin --password-stdin") if shared and not count \
        else None
    if args.json:
        plumbing.print_json({"backend": backend, "schema": revision, "users": count, "open": not count,
                             "warning": warning})
        return plumbing.EXIT_OK
    print(_("Database: {kind}, schema {revision}.").format(kind=backend, revision=revision or "—"))
    if count:
        print(_("Users: {count}; everyone signs in.").format(count=count))
    else:
        print(_("No users: the database is open to anyone who starts pedesk."))
    if warning:
        print(_("Warning: {warning}").format(warning=warning), file=sys.stderr)
    return plumbing.EXIT_OK
