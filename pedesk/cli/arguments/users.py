"""The arguments of `pedesk users`, without its handlers (`pedesk.cli.users`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse

from pedesk.cli import options
from pedesk.i18n import _
from pedesk.services.access import Role


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``users`` command: who signs in and with which roles (the first administrator closes the database)."""
    actions = options.add_actions(commands, "users", _("the people who sign in, and their roles"))
    roles = [role.value for role in Role]

    add = actions.add_parser("add", help=_(
        "add a user (the first one, an administrator, closes the database: from then on everyone signs in)"))
    add.add_argument("name", metavar=_("NAME"), help=_("the user name (Latin letters, digits, dots, hyphens)"))
    add.add_argument("--role", action="append", required=True, choices=roles, help=_(
        "a role of the user (repeat for several): admin, head, methodologist, registrar, viewer"))
    add.add_argument("--full-name", default="", metavar=_("TEXT"), help=_("the person's full name"))
    _add_password_stdin(add)

    listing = actions.add_parser("list", help=_("list the users, their roles and whether they are locked"))
    options.add_json(listing)

    change = actions.add_parser("roles", help=_("set the roles of a user (the ones given replace the old ones)"))
    change.add_argument("name", metavar=_("NAME"), help=_("the user name"))
    change.add_argument("--role", action="append", required=True, choices=roles, help=_(
        "a role of the user (repeat for several)"))

    disable = actions.add_parser("disable", help=_(
        "disable a user: they can no longer sign in; never deleted, the audit trail keeps their name"))
    disable.add_argument("name", metavar=_("NAME"), help=_("the user name"))
    enable = actions.add_parser("enable", help=_("let a disabled user sign in again"))
    enable.add_argument("name", metavar=_("NAME"), help=_("the user name"))
    unlock = actions.add_parser("unlock", help=_("unlock a user locked after wrong passwords"))
    unlock.add_argument("name", metavar=_("NAME"), help=_("the user name"))

    passwd = actions.add_parser("passwd", help=_(
        "change your own password, or (an administrator) give a user a new one to change at the next sign-in"))
    passwd.add_argument("name", metavar=_("NAME"), help=_("the user name"))
    _add_password_stdin(passwd)

    table = actions.add_parser("permissions", help=_("show which role may do what"))
    options.add_json(table)


def _add_password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true", help=_(
        "read the new password from the first line of standard input (else it is asked for on a terminal)"))


def add_db_status(db_commands: argparse._SubParsersAction[options.Parser]) -> None:
    status = db_commands.add_parser("status", help=_(
        "the database's kind, schema and users; warns while a shared database is still open to anyone"))
    options.add_json(status)
