"""Command-line plumbing: a translated argparse and the arguments several commands share, one-line errors, the
database a handler works on, the look-ups of a cohort and a certificate, JSON output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NoReturn

from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, current_language
from pedesk.models.database import Database, database_url
from pedesk.models.schema import SchemaError, open_database
from pedesk.paths import default_database_path
from pedesk.services import access
from pedesk.services import certificates as certificate_service
from pedesk.services import common as common_service
from pedesk.services.common import Problem, ValidationError
from pedesk.services.rules import parse_period
from pedesk.services.schedule import own_cohort_id

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
#: wrong or missing credentials, or a role that does not allow the change
EXIT_ACCESS = 3
PASSWORD_VARIABLE = "PEDESK_PASSWORD"

# argparse's own strings, so that "usage:", "options" and its error messages are translated as well.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected at least one argument"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
)


def install_argparse_translations() -> None:
    """argparse looks up its messages through a module-level ``_`` at call time: point it at ours."""
    argparse._ = _  # type: ignore[attr-defined]


class CliError(Exception):
    """A refusal with a message for the user; nothing was changed."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class Parser(argparse.ArgumentParser):
    """Errors as one clear line on stderr, exit 2."""

    def error(self, message: str) -> NoReturn:
        hint = _("see '{prog} --help'").format(prog=self.prog)
        label = _("error")
        self.exit(EXIT_USAGE, f"{self.prog}: {label}: {message} ({hint})\n")


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


def fail(message: str) -> None:
    label = _("error")
    sys.stderr.write(f"pedesk: {label}: {message}\n")


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


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not a whole number").format(value=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("{value} must be 1 or more").format(value=text))
    return value


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a date in the form YYYY-MM-DD").format(value=text)
        ) from None


def half_year(text: str) -> tuple[date, date]:
    """``--period 2026-H1``: argparse names the argument before the message, which says the expected form."""
    try:
        return parse_period(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# --- Arguments several commands share -------------------------------------------------------------------------


def add_actions(commands: argparse._SubParsersAction[Parser], name: str, help_text: str) -> argparse._SubParsersAction[Parser]:
    """The command ``name`` and the place for its actions (``args.<name>_command`` says which was given)."""
    command = commands.add_parser(name, help=help_text)
    return command.add_subparsers(dest=f"{name}_command", metavar=_("ACTION"), required=True, parser_class=Parser)


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print JSON"))


def add_sheet(parser: argparse.ArgumentParser) -> None:
    """``--sheet NAME``: the sheet of a workbook to import (a refusal about it is led by "--sheet")."""
    parser.add_argument("--sheet", metavar=_("NAME"), help=_(
        "the sheet of the workbook to read (default: the active sheet, or the only visible sheet with a list)"))


def add_cohort(parser: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup, *, required: bool = True) -> None:
    """``--cohort CODE``: a cohort of this office by its code (see :func:`cohort_by_code`)."""
    parser.add_argument("--cohort", required=required, metavar=_("CODE"), help=_("the cohort's code in this office"))


def add_period(parser: argparse.ArgumentParser, which: argparse._MutuallyExclusiveGroup) -> None:
    """A period as ``--period`` (a half-year) or ``--from`` (in ``which``, the group of the ways to choose what
    a command covers) with ``--to``."""
    which.add_argument("--period", type=half_year, metavar="YYYY-H1|YYYY-H2",
                       help=_("a half-year: 2026-H1 is January to June, 2026-H2 July to December"))
    which.add_argument("--from", dest="start", type=iso_date, metavar="YYYY-MM-DD",
                       help=_("first day of the period (with --to)"))
    parser.add_argument("--to", dest="end", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("last day of the period (with --from)"))


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
