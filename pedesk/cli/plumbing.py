"""Command-line plumbing: a translated argparse and the arguments several commands share, one-line errors, the
database a handler works on, the look-ups of a cohort and a certificate, JSON output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from pedesk.cli.options import (
    ARGPARSE_MESSAGES,
    EXIT_ACCESS,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    PASSWORD_VARIABLE,
    CliError,
    Parser,
    add_actions,
    add_cohort,
    add_json,
    add_period,
    add_sheet,
    fail,
    half_year,
    install_argparse_translations,
    iso_date,
    positive_int,
)
from pedesk.i18n import _, current_language
from pedesk.models.database import Database, database_url
from pedesk.models.schema import SchemaError, open_database
from pedesk.paths import default_database_path
from pedesk.services import access
from pedesk.services import certificates as certificate_service
from pedesk.services import common as common_service
from pedesk.services.common import Problem, ValidationError
from pedesk.services.schedule import own_cohort_id


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def warning_entries(warnings: Sequence[Any]) -> list[dict[str, object]]:
    """An import preview's warnings (``FileProblem``: row 0 for a column) as JSON: row, column letter, the
    column's header and the message (which says where)."""
    return [{"row": warning.row or None, "column": warning.column or None, "header": warning.header or None,
             "message": warning.message} for warning in warnings]


def print_listing(args: argparse.Namespace, rows: Sequence[Any], empty: str, line: Callable[[Any], str]) -> int:
    """A listing's ``rows``: with ``--json`` each row's ``as_json()``, else a ``line`` each (``empty`` when there
    is none)."""
    if args.json:
        print_json([row.as_json() for row in rows])
    elif not rows:
        print(empty)
    else:
        for row in rows:
            print(line(row))
    return EXIT_OK


def resolve_database(option: str | None) -> str:
    """--db, else PEDESK_DB, else the file in the user data folder."""
    value = option or os.environ.get("PEDESK_DB") or str(default_database_path())
    try:
        return database_url(value)
    except Exception:  # noqa: BLE001 - SQLAlchemy's ArgumentError and friends
        raise CliError(_("'{value}' is neither a file path nor a database URL.").format(value=value)) from None


def open_from_args(args: argparse.Namespace, *, sign_in_now: bool = True) -> Database:
    """The database of ``--db``, upgraded when older, with ``--user`` signed in where it has users."""
    try:
        database, report = open_database(resolve_database(args.db))
    except SchemaError as exc:
        raise CliError(str(exc)) from None
    except ModuleNotFoundError as exc:
        raise CliError(
            _("The database driver '{module}' is not installed (for PostgreSQL: pip install psycopg).").format(
                module=exc.name
            )
        ) from None
    if report.backup is not None:
        print(_("The database was backed up to {path} before the upgrade.").format(path=report.backup),
              file=sys.stderr)
    try:
        if sign_in_now:
            sign_in(database, args)
    except BaseException:
        database.dispose()
        raise
    return database


# --- Signing in ------------------------------------------------------------------------------------------------


def ask_secret(prompt: str) -> str | None:
    """A password typed on the terminal (not shown), or None when there is no terminal."""
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        return None


def sign_in(database: Database, args: argparse.Namespace) -> None:
    """Sign ``--user`` in to a database that has users; a database with no users stays open. Wrong or missing
    credentials end the command with exit code 3 and one line."""
    if not access.database_has_users(database):
        return
    name = (getattr(args, "user", None) or "").strip()
    if not name:
        raise CliError(_(
            "This database has users: give --user NAME before the command (the password from {variable}, or "
            "typed when asked on a terminal).").format(variable=PASSWORD_VARIABLE), EXIT_ACCESS)
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        password = ask_secret(_("Password of {name}: ").format(name=name))
    if password is None:
        raise CliError(_(
            "No password for {name}: set {variable}, or run the command on a terminal to type it.").format(
                name=name, variable=PASSWORD_VARIABLE), EXIT_ACCESS)
    try:
        actor = access.sign_in(database, name, password)
    except access.SignInRefused as refused:
        raise CliError(str(refused), EXIT_ACCESS) from None
    changing_own = (getattr(args, "command", None) == "users" and getattr(args, "users_command", None) == "passwd"
                    and access.clean_name(args.name) == actor.name)
    if actor.must_change_password and not changing_own:
        raise CliError(_(
            "{name} must change the password first: pedesk --user {name} users passwd {name} --password-stdin"
        ).format(name=actor.name), EXIT_ACCESS)
    database.actor = actor


def document_language(chosen: str | None = None) -> str:
    """The language of a document for the office (a receipt, a card, a report): ``chosen``, else the interface's;
    Kazakh when that is English (the documents are kk or ru)."""
    if chosen:
        return chosen
    return current_language() if current_language() in ("kk", "ru") else "kk"


# --- Handlers ---------------------------------------------------------------------------------------------------


def problem_message(problem: Problem) -> str:
    """A refusal's problem as the user reads it (one about the sheet led by "--sheet")."""
    return named("--sheet", problem.message) if problem.field == common_service.SHEET_FIELD else problem.message


def with_database(args: argparse.Namespace, handler: Callable[[Database, argparse.Namespace], int],
                  describe: Callable[[Problem], str] = problem_message) -> int:
    """``handler`` on the database of ``--db``, closed afterwards; a refusal (``ValidationError``) becomes one
    line for the user: its problems, each as ``describe`` says it."""
    database = open_from_args(args)
    try:
        return handler(database, args)
    except ValidationError as exc:
        if isinstance(exc, access.AccessDenied):
            raise CliError(str(exc), EXIT_ACCESS) from None
        if isinstance(exc, common_service.SheetChoiceNeeded):  # several sheets hold a list: the user names one
            raise CliError(named("--sheet", _("{problem} Give its name with --sheet NAME.").format(
                problem=" ".join(problem.message for problem in exc.problems)))) from None
        raise CliError(" ".join(describe(problem) for problem in exc.problems)) from None
    finally:
        database.dispose()


def named(option: str | None, message: str) -> str:
    """A message about one argument, led by the argument's name ("--cohort: ...")."""
    return _("{name}: {problem}").format(name=option, problem=message) if option else message


def cohort_by_code(session: Session, code: str, option: str | None = None) -> int:
    """This office's cohort with the code ``code``; else a refusal (led by ``option`` when given)."""
    found = own_cohort_id(session, code)
    if found is None:
        raise CliError(named(option, _("There is no cohort with the code {code} in this office. See 'pedesk "
                                       "cohorts list'.").format(code=code)))
    return found


def certificate_by_number(session: Session, number: str, option: str | None = None) -> int:
    """The certificate with the number ``number``; else a refusal (led by ``option`` when given)."""
    certificate = certificate_service.find_certificate(session, number)
    if certificate is None:
        raise CliError(named(option, _("There is no certificate {number}. Check the number; 'pedesk certificates "
                                       "list' shows them all.").format(number=number)))
    return certificate.id


__all__ = [
    "ARGPARSE_MESSAGES", "EXIT_ACCESS", "EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "PASSWORD_VARIABLE", "CliError",
    "Parser", "add_actions", "add_cohort", "add_json", "add_period", "add_sheet", "fail", "half_year",
    "install_argparse_translations", "iso_date", "positive_int",
]
