"""`pedesk plan export`: the annual plan (п.9-11) as a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli.plumbing import EXIT_OK, CliError, Parser, open_from_args
from pedesk.i18n import _
from pedesk.services import planning as planning_service
from pedesk.services.common import ValidationError


def add_parser(commands: argparse._SubParsersAction[Parser]) -> None:
    """The ``plan`` command: the annual plan of teachers' courses (п.9-11)."""
    plan_parser = commands.add_parser("plan", help=_("the annual plan of teachers' courses (п.9-11)"))
    actions = plan_parser.add_subparsers(dest="plan_command", metavar=_("ACTION"), required=True,
                                         parser_class=Parser)
    export = actions.add_parser("export", help=_("write the plan of a year to an Excel workbook (.xlsx)"))
    export.add_argument("--year", required=True, type=int, metavar="YYYY",
                        help=_("the plan year (the applications are sent in the year before)"))
    export.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("the workbook to write"))
    export.add_argument("--plan-lang", choices=("kk", "ru"), default="kk",
                        help=_("the workbook's language: kk or ru"))


def plan(args: argparse.Namespace) -> int:
    database = open_from_args(args)
    try:
        with database.reading() as session:
            path = planning_service.plan_export(session, args.year, args.out, args.plan_lang)
    except ValidationError as exc:
        raise CliError(" ".join(problem.message for problem in exc.problems)) from None
    finally:
        database.dispose()
    print(_("The plan for {year} is written to {path}.").format(year=args.year, path=path))
    return EXIT_OK
