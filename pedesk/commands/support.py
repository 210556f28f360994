"""`pedesk support due`: who needs independent works or monitoring, and by when (п.36-37), over the same
service as the Post-course section. Exits 0."""

from __future__ import annotations

import argparse
from datetime import date

from pedesk.cli_support import EXIT_OK, open_from_args, print_json
from pedesk.i18n import _, format_date
from pedesk.services.support_due import DueItem, support_due

__all__ = ["support"]


def support(args: argparse.Namespace) -> int:
    database = open_from_args(args)
    try:
        with database.reading() as session:
            items = support_due(session, today=args.today or date.today(), month=args.month)
    finally:
        database.dispose()
    if args.json:
        print_json([item.as_json() for item in items])
        return EXIT_OK
    if not items:
        print(_("No one needs works or monitoring this month, and nothing is overdue."))
        return EXIT_OK
    for item in items:
        print(_line(item))
    return EXIT_OK


def _line(item: DueItem) -> str:
    what = (_("works: {done} of 3").format(done=item.works_done) if item.kind == "works"
            else _("monitoring, year {n}").format(n=item.year_no))
    template = _("{due}  OVERDUE  {iin}  {teacher}  {certificate}  {what}") if item.overdue else _(
        "{due}  {iin}  {teacher}  {certificate}  {what}")
    return template.format(due=format_date(item.due), iin=item.iin, teacher=item.teacher,
                           certificate=item.certificate, what=what)
