"""Command-line plumbing: a translated argparse, one-line errors, JSON output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from typing import Any, NoReturn

from pedesk.i18n import N_, _
from pedesk.models.database import Database, database_url
from pedesk.models.schema import SchemaError, open_database
from pedesk.paths import default_database_path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

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


def open_from_args(args: argparse.Namespace) -> Database:
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
    return database


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
