"""The arguments of `pedesk package ...` (kept apart from the handlers, so that `pedesk --help` does not load
the package machinery)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pedesk.i18n import _
from pedesk.services.rules import parse_period

__all__ = ["add_parser", "half_year"]


def half_year(text: str) -> tuple[date, date]:
    """``--period 2026-H1``: argparse names the argument before the message, which says the expected form."""
    try:
        return parse_period(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_period(parser: argparse.ArgumentParser, iso_date: Callable[[str], date], *, required: bool) -> None:
    which = parser.add_mutually_exclusive_group(required=required)
    which.add_argument("--period", type=half_year, metavar="YYYY-H1|YYYY-H2",
                       help=_("a half-year: 2026-H1 is January to June, 2026-H2 July to December"))
    which.add_argument("--from", dest="start", type=iso_date, metavar="YYYY-MM-DD",
                       help=_("first day of the period (with --to)"))
    parser.add_argument("--to", dest="end", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("last day of the period (with --from)"))


def add_parser(commands: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser],  # type: ignore[type-arg]
               iso_date: Callable[[str], date]) -> None:
    """The ``package`` command and its actions (called by pedesk.cli.build_parser)."""
    package = commands.add_parser("package", help=_("semi-annual data packages: export, import, consolidation (п.17)"))
    actions = package.add_subparsers(dest="package_command", metavar=_("ACTION"), required=True,
                                     parser_class=parser_class)
    export = actions.add_parser("export", help=_("write the data package of a period to a .zip file"))
    _add_period(export, iso_date, required=True)
    export.add_argument("--out", required=True, type=Path, metavar="FILE.zip", help=_("the package file to write"))
    export.add_argument("--consolidated", action="store_true",
                        help=_("regional administration: every office's records, not only this office's"))
    export.add_argument("--json", action="store_true", help=_("print JSON"))

    importing = actions.add_parser("import", help=_("check a data package and import it"))
    importing.add_argument("file", type=Path, metavar="FILE.zip", help=_("the package file (.zip)"))
    importing.add_argument("--dry-run", action="store_true", help=_("only check the package and report; change nothing"))
    importing.add_argument("--json", action="store_true", help=_("print JSON"))
    importing.add_argument("--receipt", type=Path, metavar=_("FILE"),
                           help=_("also write the receipt of the import: FILE.xlsx or FILE.pdf"))

    history = actions.add_parser("history", help=_("the packages sent and received, newest first"))
    history.add_argument("--json", action="store_true", help=_("print JSON"))

    summary = actions.add_parser("summary", help=_("listeners, certificates and post-course coverage per office"))
    summary.add_argument("--office", metavar=_("CODE"), help=_("only this office"))
    _add_period(summary, iso_date, required=False)
    summary.add_argument("--json", action="store_true", help=_("print JSON"))
