"""The command line (`pedesk ...`): a thin face over the same services as the UI.

``pedesk`` with no command opens the window; every command has ``--help`` in the chosen language
(``--lang kk|ru|en``, else ``PEDESK_LANG``, else the system's language, else Kazakh).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pedesk import __version__, cli_certificates, cli_packages, cli_plan, cli_support_args
from pedesk.cli_support import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Parser,
    fail,
    install_argparse_translations,
)
from pedesk.i18n import LANGUAGES, _, current_language, language_from_environment, set_language


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not a whole number").format(value=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("{value} must be 1 or more").format(value=text))
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a date in the form YYYY-MM-DD").format(value=text)
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="pedesk",
        description=_("pedesk: teachers' professional-development courses. Without a command, opens the window."),
    )
    parser.add_argument("--version", action="version", version=f"pedesk {__version__}")
    parser.add_argument(
        "--db",
        metavar=_("PATH_OR_URL"),
        help=_("database file or URL (default: PEDESK_DB, else the user data folder)"),
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages: kk, ru or en"))
    parser.add_argument(
        "--demo", action="store_true", help=_("when the database is empty, fill it with demo data first")
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)

    db = commands.add_parser("db", help=_("database maintenance"))
    db_commands = db.add_subparsers(dest="db_command", metavar=_("ACTION"), required=True, parser_class=Parser)
    db_commands.add_parser("upgrade", help=_("upgrade the database to this version (after a dated backup)"))

    backup = commands.add_parser("backup", help=_("copy the database to a file, even while the app is open"))
    backup.add_argument("--out", required=True, type=Path, metavar=_("FILE"), help=_("the backup file"))

    iin = commands.add_parser("iin", help=_("individual identification numbers (IIN)"))
    iin_commands = iin.add_subparsers(dest="iin_command", metavar=_("ACTION"), required=True, parser_class=Parser)
    check = iin_commands.add_parser("check", help=_("check IINs: checksum, birth date and sex"))
    check.add_argument("iins", nargs="+", metavar="IIN", help=_("one or more 12-digit IINs"))
    check.add_argument("--json", action="store_true", help=_("print JSON"))

    demo = commands.add_parser("demo", help=_("fill an empty database with a realistic demo region"))
    demo.add_argument("--teachers", type=_positive_int, required=True, metavar="N", help=_("number of teachers"))
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (same seed, same data)"))
    demo.add_argument("--office", default="KRG-MK", metavar=_("CODE"), help=_("the office's code"))
    demo.add_argument("--office-name-kk", metavar=_("NAME"), help=_("the office's name in Kazakh"))
    demo.add_argument("--office-name-ru", metavar=_("NAME"), help=_("the office's name in Russian"))
    demo.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD", help=_("the date the demo is made for"))

    cohorts = commands.add_parser("cohorts", help=_("cohorts (course groups)"))
    cohort_commands = cohorts.add_subparsers(
        dest="cohorts_command", metavar=_("ACTION"), required=True, parser_class=Parser
    )
    listing = cohort_commands.add_parser("list", help=_("list cohorts: past, running and upcoming"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.add_argument(
        "--status", choices=("upcoming", "running", "finished"), help=_("only cohorts in this phase")
    )

    teachers = commands.add_parser("teachers", help=_("the teachers' registry"))
    teacher_commands = teachers.add_subparsers(
        dest="teachers_command", metavar=_("ACTION"), required=True, parser_class=Parser
    )
    find = teacher_commands.add_parser("find", help=_("find teachers by a part of the name or the start of the IIN"))
    find.add_argument("text", nargs="+", metavar=_("TEXT"), help=_("a part of the name, or the first digits of the IIN"))
    find.add_argument("--json", action="store_true", help=_("print JSON"))
    find.add_argument(
        "--limit", type=_positive_int, default=50, metavar="N", help=_("show at most N teachers (default: 50)")
    )

    listeners = commands.add_parser("listeners", help=_("listeners of cohorts"))
    listener_commands = listeners.add_subparsers(
        dest="listeners_command", metavar=_("ACTION"), required=True, parser_class=Parser
    )
    importing = listener_commands.add_parser(
        "import", help=_("import a department's list of teachers (.xlsx) into a cohort")
    )
    importing.add_argument("file", type=Path, metavar="FILE.xlsx", help=_("the list of teachers (.xlsx)"))
    importing.add_argument("--cohort", required=True, metavar=_("CODE"), help=_("the cohort's code in this office"))
    importing.add_argument("--dry-run", action="store_true", help=_("only check the file and report; change nothing"))
    importing.add_argument("--json", action="store_true", help=_("print JSON"))
    importing.add_argument(
        "--reason", metavar=_("TEXT"), help=_("why teachers are added after the cohort's list was formed (п.12)")
    )
    cli_certificates.add_assessments_parser(commands, Parser, _iso_date)
    cli_certificates.add_parser(commands, Parser, _iso_date)
    cli_packages.add_parser(commands, Parser, _iso_date)
    cli_support_args.add_parser(commands, Parser, _iso_date)
    cli_plan.add_parser(commands, Parser)
    return parser


def _choose_language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return language_from_environment()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    set_language(_choose_language(arguments))
    install_argparse_translations()
    args = build_parser().parse_args(arguments)
    try:
        return _dispatch(args)
    except CliError as exc:
        fail(str(exc))
        return exc.code
    except KeyboardInterrupt:
        fail(_("Stopped by the user; nothing was changed."))
        return EXIT_FAILED


def _dispatch(args: argparse.Namespace) -> int:
    from pedesk import commands  # the handlers, one module per area
    from pedesk.commands import listener_import, listeners

    if args.command is None:
        return commands.run_gui(args)
    if args.command == "certificates":  # loads reportlab: only when asked for
        from pedesk.commands.certificates import certificates

        return certificates(args)
    if args.command == "package":  # loads openpyxl and the package format: only when asked for
        from pedesk.commands.packages import packages

        return packages(args)
    if args.command == "support":
        from pedesk.commands.support import support

        return support(args)
    if args.command == "plan":  # loads openpyxl: only when asked for
        from pedesk.commands.plan import plan

        return plan(args)
    if args.command == "assessments":
        from pedesk.commands.assessments import assessments

        return assessments(args)
    handler = {
        "db": commands.db_upgrade,
        "backup": commands.backup,
        "iin": commands.iin_check,
        "demo": commands.demo,
        "cohorts": commands.cohorts_list,
        "listeners": listener_import.listeners_import,
        "teachers": listeners.teachers,
    }[args.command]
    return handler(args)


__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "build_parser", "current_language", "main"]
