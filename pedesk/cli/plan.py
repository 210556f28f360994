"""`pedesk plan export`: the annual plan (п.9-11) as a workbook."""

from __future__ import annotations

import argparse

from pedesk.cli import plumbing
from pedesk.i18n import _
from pedesk.models.database import Database
from pedesk.services import planning as planning_service


def plan(args: argparse.Namespace) -> int:
    return plumbing.with_database(args, _export)


def _export(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        path = planning_service.plan_export(session, args.year, args.out, args.plan_lang)
    print(_("The plan for {year} is written to {path}.").format(year=args.year, path=path))
    return plumbing.EXIT_OK
