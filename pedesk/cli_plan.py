"""The arguments of `pedesk plan ...` (kept apart from the handler, so that `pedesk --help` does not load
openpyxl)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.i18n import _

__all__ = ["add_parser"]


def add_parser(commands: argparse._SubParsersAction,  # type: ignore[type-arg]
               parser_class: type[argparse.ArgumentParser]) -> None:
    """The ``plan`` command: the annual plan of teachers' courses (п.9-11)."""
    plan_parser = commands.add_parser("plan", help=_("the annual plan of teachers' courses (п.9-11)"))
    actions = plan_parser.add_subparsers(dest="plan_command", metavar=_("ACTION"), required=True,
                                         parser_class=parser_class)
    export = actions.add_parser("export", help=_("write the plan of a year to an Excel workbook (.xlsx)"))
    export.add_argument("--year", required=True, type=int, metavar="YYYY",
                        help=_("the plan year (the applications are sent in the year before)"))
    export.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("the workbook to write"))
    export.add_argument("--plan-lang", choices=("kk", "ru"), default="kk",
                        help=_("the workbook's language: kk or ru"))
