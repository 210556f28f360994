"""`pedesk plan export`: the annual plan (п.9-11) as a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli import plumbing
from pedesk.i18n import _
from pedesk.models.database import Database
from pedesk.services import planning as planning_service


def add_parser(commands: argparse._SubParsersAction[plumbing.Parser]) -> None:
    """The ``plan`` command: the annual plan of teachers' courses (п.9-11)."""
    actions = plumbing.add_actions(commands, "plan", _("the annual plan of teachers' courses (п.9-11)"))
    export = actions.add_parser("export", help=_("write the plan of a year to an Excel workbook (.xlsx)"))
    export.add_argument("--year", required=True, type=int, metavar="YYYY",
                        help=_("the plan year (the applications are sent in the year before)"))
    export.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("the workbook to write"))
    export.add_argument("--plan-lang", choices=("kk", "ru"), default="kk",
                        help=_("the workbook's language: kk or ru"))


def plan(args: argparse.Namespace) -> int:
    return plumbing.with_database(args, _export)


def _export(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        path = planning_service.plan_export(session, args.year, args.out, args.plan_lang)
    print(_("The plan for {year} is written to {path}.").format(year=args.year, path=path))
    return plumbing.EXIT_OK
