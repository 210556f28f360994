"""The arguments of `pedesk support ...` (kept apart from the handler, so that `pedesk --help` stays light)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pedesk.cli_packages import half_year
from pedesk.i18n import _

__all__ = ["add_parser", "year_month"]


def year_month(text: str) -> date:
    """``YYYY-MM`` -> the first day of that month."""
    try:
        year, month = text.strip().split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a month in the form YYYY-MM").format(value=text)
        ) from None


def add_parser(commands: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser],  # type: ignore[type-arg]
               iso_date: Callable[[str], date]) -> None:
    """The ``support`` command: post-course support and monitoring (п.35-37)."""
    support = commands.add_parser("support", help=_("post-course support and monitoring"))
    actions = support.add_subparsers(dest="support_command", metavar=_("ACTION"), required=True,
                                     parser_class=parser_class)
    due = actions.add_parser("due", help=_("who needs works or monitoring, and by when (due this month or overdue)"))
    due.add_argument("--month", type=year_month, metavar="YYYY-MM",
                     help=_("show what is due in this month, besides the overdue (default: this month)"))
    due.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                     help=_("count overdue from this date (default: today)"))
    due.add_argument("--json", action="store_true", help=_("print JSON"))

    card = actions.add_parser("card", help=_("write the monitoring card of a certified listener (.pdf)"))
    card.add_argument("--certificate", required=True, metavar=_("NUMBER"), help=_("the certificate's number"))
    card.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write"))
    _add_document_options(card, iso_date, "--card-lang")

    report = actions.add_parser("report", help=_("write the report on post-course support of a cohort or a period "
                                                 "(.xlsx)"))
    scope = report.add_mutually_exclusive_group(required=True)
    scope.add_argument("--cohort", metavar=_("CODE"), help=_("the cohort's code in this office"))
    scope.add_argument("--period", type=half_year, metavar="YYYY-H1|YYYY-H2",
                       help=_("a half-year: 2026-H1 is January to June, 2026-H2 July to December"))
    scope.add_argument("--from", dest="start", type=iso_date, metavar="YYYY-MM-DD",
                       help=_("first day of the period (with --to)"))
    report.add_argument("--to", dest="end", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("last day of the period (with --from)"))
    report.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("the workbook to write"))
    _add_document_options(report, iso_date, "--report-lang")


def _add_document_options(parser: argparse.ArgumentParser, iso_date: Callable[[str], date], flag: str) -> None:
    # its own flag (--card-lang, --report-lang, like --plan-lang): the global --lang is the messages' language
    parser.add_argument(flag, dest="document_lang", choices=("kk", "ru"),
                        help=_("the document's language: kk or ru (default: the interface's; Kazakh when it is "
                               "English)"))
    parser.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("count what is due and overdue on this date (default: today)"))
