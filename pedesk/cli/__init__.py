"""The command line (`pedesk ...`): a thin face over the same services as the UI.

``pedesk`` with no command opens the window; every command has ``--help`` in the chosen language
(``--lang kk|ru|en``, else ``PEDESK_LANG``, else the system's language, else Kazakh).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
from collections.abc import Callable, Sequence

from pedesk import __version__
from pedesk.cli.arguments import add_commands
from pedesk.cli.options import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Parser,
    fail,
    install_argparse_translations,
)
from pedesk.i18n import LANGUAGES, _, current_language, language_from_environment, set_language
from pedesk.paths import incomplete_install_message, missing_resources

# Each command's handler by its name: (module under pedesk.cli, function). The module is imported only when its
# command runs, so that `pedesk --help` and `--version` load no service, model or spreadsheet library.
HANDLERS: dict[str, tuple[str, str]] = {
    "backup": ("core", "backup"),
    "iin": ("core", "iin_check"),
    "demo": ("core", "demo"),
    "cohorts": ("core", "cohorts"),
    "schools": ("schools", "schools"),
    "listeners": ("listeners", "listeners_import"),
    "forms": ("forms", "forms"),
    "teachers": ("teachers", "teachers"),
    "assessments": ("assessments", "assessments"),
    "certificates": ("certificates", "certificates"),
    "package": ("packages", "packages"),
    "support": ("support", "support"),
    "plan": ("plan", "plan"),
    "users": ("users", "users"),
}


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
    parser.add_argument("--user", metavar=_("NAME"), help=_(
        "sign in as this user where the database has users (the password from PEDESK_PASSWORD, else asked for "
        "on a terminal)"))
    parser.add_argument(
        "--demo", action="store_true", help=_("when the database is empty, fill it with demo data first")
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)

    add_commands(commands)
    _user_everywhere(commands)
    return parser


def _user_everywhere(commands: argparse._SubParsersAction[Parser]) -> None:
    """``--user NAME`` after the command as well as before it (``pedesk certificates list --user aigerim.s``)."""
    for command in commands.choices.values():
        inner = [action for action in command._actions if isinstance(action, argparse._SubParsersAction)]
        if inner:
            _user_everywhere(inner[0])
        else:
            command.add_argument("--user", default=argparse.SUPPRESS, metavar=_("NAME"), help=_(
                "sign in as this user where the database has users (the password from PEDESK_PASSWORD, else "
                "asked for on a terminal)"))


def _choose_language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return language_from_environment()


# A shell reports a program killed by SIGPIPE so (128 + 13): `pedesk ... | head` ends as `cat ... | head` does.
EXIT_CLOSED_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    # Past `ulimit -f` (RLIMIT_FSIZE) a write gets SIGXFSZ, which would kill the process with half a file
    # left: ignored, the write fails with EFBIG instead and is reported like a full disk.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _speak_utf8()
    missing = missing_resources()
    if missing:  # a broken install: say so in every language, before anything is read in one of them
        print(incomplete_install_message(missing), file=sys.stderr)
        return EXIT_USAGE
    arguments = list(sys.argv[1:] if argv is None else argv)
    set_language(_choose_language(arguments))
    install_argparse_translations()
    try:
        code = _run(arguments)
        sys.stdout.flush()  # a closed pipe is found here, not at the interpreter's exit
    except BrokenPipeError:
        return _closed_pipe()
    return code


def _speak_utf8() -> None:
    """Write UTF-8 whatever the code page: a Kazakh or Russian Windows gives a pipe or a file its ANSI code
    page (cp1251), which has no ә ғ қ ң ө ұ ү һ і, and every Kazakh name would end the command with
    UnicodeEncodeError after its work was done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is not None and encoding != "utf8":
            with contextlib.suppress(ValueError, OSError):  # a stream already written to in another way
                reconfigure(encoding="utf-8", errors="replace")


def _run(arguments: list[str]) -> int:
    args = build_parser().parse_args(arguments)
    try:
        return _dispatch(args)
    except CliError as exc:
        fail(str(exc))
        return exc.code
    except KeyboardInterrupt:
        fail(_("Stopped by the user; nothing was changed."))
        return EXIT_FAILED
    except BrokenPipeError:
        raise
    except Exception as exc:
        # a full disk, a read-only folder, a database locked by another program or on a drive that is gone
        from pedesk.services.common import fault_message

        message = fault_message(exc, _database_of(args))
        if message is None:
            raise
        fail(message)
        return EXIT_USAGE


def _database_of(args: argparse.Namespace) -> str | None:
    from pedesk.cli.plumbing import resolve_database

    try:
        return resolve_database(getattr(args, "db", None))
    except CliError:
        return None


def _closed_pipe() -> int:
    """The reader of our output has gone (`| head`): say nothing more, and let nothing be flushed into the closed
    pipe when the interpreter exits."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return EXIT_CLOSED_PIPE


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        name, function = "core", "run_gui"
    elif args.command == "db":
        name, function = ("users", "db_status") if getattr(args, "db_command", None) == "status" else ("core", "db_upgrade")
    else:
        name, function = HANDLERS[args.command]
    handler: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(f"pedesk.cli.{name}"), function)
    return handler(args)


__all__ = ["EXIT_CLOSED_PIPE", "EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "build_parser", "current_language", "main"]
