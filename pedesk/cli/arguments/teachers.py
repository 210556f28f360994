"""The arguments of `pedesk teachers`, without its handlers (`pedesk.cli.teachers`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse

from pedesk.cli import options
from pedesk.i18n import _


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``teachers`` command."""
    teacher_commands = options.add_actions(commands, "teachers", _("the teachers' registry"))
    find = teacher_commands.add_parser("find", help=_("find teachers by a part of the name or the start of the IIN"))
    find.add_argument("text", nargs="+", metavar=_("TEXT"), help=_("a part of the name, or the first digits of the IIN"))
    options.add_json(find)
    find.add_argument(
        "--limit", type=options.positive_int, default=50, metavar="N", help=_("show at most N teachers (default: 50)")
    )
