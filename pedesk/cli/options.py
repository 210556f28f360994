"""What building the parser needs and nothing more: exit codes, the parser class, argument types and the arguments
several commands share. Loads no service, model or spreadsheet library, so that `pedesk --help` and `--version`
are quick; `plumbing` (the handlers' helpers) re-exports all of it."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import NoReturn

from pedesk.i18n import N_, _

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


def fail(message: str) -> None:
    label = _("error")
    sys.stderr.write(f"pedesk: {label}: {message}\n")


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
        from pedesk.services.rules import parse_period  # the rules load the models: only for --period

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
