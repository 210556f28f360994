"""The arguments of `pedesk plan`, without its handlers (`pedesk.cli.plan`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli import options
from pedesk.i18n import _


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``plan`` command: the annual plan of teachers' courses (п.9-11)."""
    actions = options.add_actions(commands, "plan", _("the annual plan of teachers' courses (п.9-11)"))
    export = actions.add_parser("export", help=_("write the plan of a year to an Excel workbook (.xlsx)"))
    export.add_argument("--year", required=True, type=int, metavar="YYYY",
                        help=_("the plan year (the applications are sent in the year before)"))
    export.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("the workbook to write"))
    export.add_argument("--plan-lang", choices=("kk", "ru"), default="kk",
                        help=_("the workbook's language: kk or ru"))
