"""The arguments of `pedesk assessments`, without its handlers (`pedesk.cli.assessments`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli import options
from pedesk.i18n import _


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``assessments`` command: the results file of a cohort, out and in (п.27-28)."""
    actions = options.add_actions(commands, "assessments", _("final assessment results of a cohort"))
    template = actions.add_parser("template", help=_("write the cohort's results file to fill in (.xlsx)"))
    options.add_cohort(template)
    template.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("the file to write"))
    importing = actions.add_parser("import", help=_("record the results of a filled-in results file (.xlsx)"))
    importing.add_argument("file", type=Path, metavar="FILE.xlsx", help=_("the results file"))
    options.add_cohort(importing)
    importing.add_argument("--date", type=options.iso_date, metavar="YYYY-MM-DD",
                           help=_("the date of the assessment for rows without one (default: today)"))
    importing.add_argument("--assessor", metavar=_("NAME_OR_BIN"),
                           help=_("long course: the organisation holding the external assessment (п.27)"))
    importing.add_argument("--contract-no", metavar=_("NUMBER"), help=_("long course: the contract's number"))
    importing.add_argument("--contract-date", type=options.iso_date, metavar="YYYY-MM-DD",
                           help=_("long course: the contract's date"))
    importing.add_argument("--expert", metavar=_("NAME"), help=_("long course: the certified expert's name"))
    importing.add_argument("--expert-certificate", metavar=_("NUMBER"),
                           help=_("long course: the expert's certificate number"))
    importing.add_argument("--dry-run", action="store_true", help=_("only check the file and report; change nothing"))
    options.add_json(importing)
    options.add_sheet(importing)
