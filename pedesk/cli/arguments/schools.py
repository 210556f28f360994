"""The arguments of `pedesk schools`, without its handlers (`pedesk.cli.schools`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli import options
from pedesk.i18n import _


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``schools`` command."""
    actions = options.add_actions(commands, "schools", _("schools (education organisations) of the reference data"))
    importing = actions.add_parser("import", help=_("import a list of schools (.xlsx) into a region"))
    importing.add_argument("file", type=Path, metavar="FILE.xlsx", help=_("the list of schools (.xlsx)"))
    importing.add_argument("--region", metavar=_("CODE"), help=_(
        "the region's code, such as KARAGANDA (default: the office's region)"))
    importing.add_argument("--district", metavar=_("NAME"), help=_(
        "the district of the rows that name none (a department's own list)"))
    importing.add_argument("--create-districts", action="store_true", help=_(
        "also add the districts the file names that are not in the list yet, with their schools"))
    importing.add_argument("--dry-run", action="store_true", help=_("only check the file and report; change nothing"))
    options.add_json(importing)
    options.add_sheet(importing)
