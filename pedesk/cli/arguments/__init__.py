"""Each command group's arguments, apart from its handlers (`pedesk.cli.<group>`), so that building the parser
imports no service, model or spreadsheet library: `pedesk --help` and `--version` stay quick."""

from __future__ import annotations

import argparse

from pedesk.cli.arguments import (
    assessments,
    certificates,
    core,
    forms,
    listeners,
    packages,
    plan,
    schools,
    support,
    teachers,
    users,
)
from pedesk.cli.options import Parser

#: the groups in the order of the help
GROUPS = (core, schools, teachers, listeners, forms, assessments, certificates, packages, support, plan, users)


def add_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    for group in GROUPS:
        group.add_parser(commands)
