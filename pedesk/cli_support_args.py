"""The arguments of `pedesk support ...` (kept apart from the handler, so that `pedesk --help` stays light)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

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
