"""The arguments of `pedesk db, backup, iin, demo and cohorts`, without its handlers (`pedesk.cli.core`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli import options
from pedesk.cli.arguments.users import add_db_status
from pedesk.i18n import _


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The foundation commands: db, backup, iin, demo and cohorts (in this order in the help)."""
    db_commands = options.add_actions(commands, "db", _("database maintenance"))
    db_commands.add_parser("upgrade", help=_("upgrade the database to this version (after a dated backup)"))
    add_db_status(db_commands)

    backup = commands.add_parser("backup", help=_("copy the database to a file, even while the app is open"))
    backup.add_argument("--out", required=True, type=Path, metavar=_("FILE"), help=_("the backup file"))

    iin_commands = options.add_actions(commands, "iin", _("individual identification numbers (IIN)"))
    check = iin_commands.add_parser("check", help=_("check IINs: checksum, birth date and sex"))
    check.add_argument("iins", nargs="+", metavar="IIN", help=_("one or more 12-digit IINs"))
    options.add_json(check)

    demo = commands.add_parser("demo", help=_("fill an empty database with a realistic demo region"))
    demo.add_argument("--teachers", type=options.positive_int, required=True, metavar="N", help=_("number of teachers"))
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (same seed, same data)"))
    demo.add_argument("--office", default="KRG-MK", metavar=_("CODE"), help=_("the office's code"))
    demo.add_argument("--office-name-kk", metavar=_("NAME"), help=_("the office's name in Kazakh"))
    demo.add_argument("--office-name-ru", metavar=_("NAME"), help=_("the office's name in Russian"))
    demo.add_argument("--today", type=options.iso_date, metavar="YYYY-MM-DD", help=_("the date the demo is made for"))

    cohort_commands = options.add_actions(commands, "cohorts", _("cohorts (course groups)"))
    listing = cohort_commands.add_parser("list", help=_("list cohorts: past, running and upcoming"))
    options.add_json(listing)
    listing.add_argument(
        "--status", choices=("upcoming", "running", "finished"), help=_("only cohorts in this phase")
    )
    schedule = cohort_commands.add_parser(
        "schedule", help=_("write the schedule (Кесте, п.13) of a cohort or of a period (.pdf or .xlsx)"))
    which = schedule.add_mutually_exclusive_group(required=True)
    options.add_cohort(which, required=False)
    options.add_period(schedule, which)
    schedule.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|FILE.xlsx",
                          help=_("FILE.pdf or FILE.xlsx"))
    schedule.add_argument("--schedule-lang", dest="document_lang", choices=("kk", "ru"), help=_(
        "the document's language: kk or ru (default: the interface's; Kazakh when it is English)"))
    options.add_json(schedule)
