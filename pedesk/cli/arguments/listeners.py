"""The arguments of `pedesk listeners`, without its handlers (`pedesk.cli.listeners`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli import options
from pedesk.i18n import _


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``listeners`` command."""
    listener_commands = options.add_actions(commands, "listeners", _("listeners of cohorts"))
    importing = listener_commands.add_parser(
        "import", help=_("import a department's list of teachers (.xlsx) into a cohort")
    )
    importing.add_argument("file", type=Path, metavar="FILE.xlsx", help=_("the list of teachers (.xlsx)"))
    options.add_cohort(importing)
    importing.add_argument("--dry-run", action="store_true", help=_("only check the file and report; change nothing"))
    options.add_json(importing)
    importing.add_argument(
        "--reason", metavar=_("TEXT"), help=_("why teachers are added after the cohort's list was formed (п.12)")
    )
    options.add_sheet(importing)
    importing.add_argument("--update-registry", action="store_true", help=_(
        "where the registry holds a row's IIN under another surname, name, patronymic or date of birth, take "
        "the file's (the change is audited); without it such a row is left out whole, teacher and place, and "
        "reported with both versions"
    ))
