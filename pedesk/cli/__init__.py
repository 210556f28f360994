"""The command line (`pedesk ...`): a thin face over the same services as the UI.

``pedesk`` with no command opens the window; every command has ``--help`` in the chosen language
(``--lang kk|ru|en``, else ``PEDESK_LANG``, else the system's language, else Kazakh).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pedesk import __version__
from pedesk.cli import assessments, certificates, core, listeners, packages, plan, support, teachers
from pedesk.cli.plumbing import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Parser,
    fail,
    install_argparse_translations,
)
from pedesk.i18n import LANGUAGES, _, current_language, language_from_environment, set_language


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="pedesk",
        description=_("pedesk: teachers' professional-development courses. Without a command, opens the window."),
    )
    # The version number is always the last word of the line, so that scripts read it in any language.
    parser.add_argument(
        "--version",
        action="version",
        version=_("pedesk {version}").format(version=__version__),
        help=_("show program's version number and exit"),
    )
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

    core.add_parser(commands)
    teachers.add_parser(commands)
    listeners.add_parser(commands)
    assessments.add_parser(commands)
    certificates.add_parser(commands)
    packages.add_parser(commands)
    support.add_parser(commands)
    plan.add_parser(commands)
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
    if args.command is None:
        return core.run_gui(args)
    handler = {
        "db": core.db_upgrade,
        "backup": core.backup,
        "iin": core.iin_check,
        "demo": core.demo,
        "cohorts": core.cohorts_list,
        "listeners": listeners.listeners_import,
        "teachers": teachers.teachers,
        "assessments": assessments.assessments,
        "certificates": certificates.certificates,
        "package": packages.packages,
        "support": support.support,
        "plan": plan.plan,
    }[args.command]
    return handler(args)


__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "build_parser", "current_language", "main"]
