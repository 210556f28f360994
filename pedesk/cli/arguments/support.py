"""The arguments of `pedesk support`, without its handlers (`pedesk.cli.support`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from pedesk.cli import options
from pedesk.i18n import _


def year_month(text: str) -> date:
    """``YYYY-MM`` -> the first day of that month."""
    try:
        year, month = text.strip().split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a month in the form YYYY-MM").format(value=text)
        ) from None


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``support`` command: post-course support and monitoring (п.35-37)."""
    actions = options.add_actions(commands, "support", _("post-course support and monitoring"))
    due = actions.add_parser("due", help=_("who needs works or monitoring, and by when (due this month or overdue)"))
    due.add_argument("--month", type=year_month, metavar="YYYY-MM",
                     help=_("show what is due in this month, besides the overdue (default: this month)"))
    due.add_argument("--today", type=options.iso_date, metavar="YYYY-MM-DD",
                     help=_("count overdue from this date (default: today)"))
    options.add_json(due)

    card = actions.add_parser("card", help=_("write the monitoring card of a certified listener (.pdf)"))
    card.add_argument("--certificate", required=True, metavar=_("NUMBER"), help=_("the certificate's number"))
    card.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write"))
    _add_document_options(card, "--card-lang")

    report = actions.add_parser("report", help=_("write the report on post-course support of a cohort or a period "
                                                 "(.xlsx)"))
    scope = report.add_mutually_exclusive_group(required=True)
    options.add_cohort(scope, required=False)
    options.add_period(report, scope)
    report.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("the workbook to write"))
    _add_document_options(report, "--report-lang")


def _add_document_options(parser: argparse.ArgumentParser, flag: str) -> None:
    # its own flag (--card-lang, --report-lang, like --plan-lang): the global --lang is the messages' language
    parser.add_argument(flag, dest="document_lang", choices=("kk", "ru"),
                        help=_("the document's language: kk or ru (default: the interface's; Kazakh when it is "
                               "English)"))
    parser.add_argument("--today", type=options.iso_date, metavar="YYYY-MM-DD",
                        help=_("count what is due and overdue on this date (default: today)"))
