"""The arguments of `pedesk package`, without its handlers (`pedesk.cli.packages`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli import options
from pedesk.i18n import _


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``package`` command and its actions (called by pedesk.cli.build_parser)."""
    actions = options.add_actions(commands, "package", _("semi-annual data packages: export, import, consolidation (п.17)"))
    export = actions.add_parser("export", help=_("write the data package of a period to a .zip file"))
    options.add_period(export, export.add_mutually_exclusive_group(required=True))
    export.add_argument("--out", required=True, type=Path, metavar="FILE.zip", help=_("the package file to write"))
    export.add_argument("--consolidated", action="store_true",
                        help=_("regional administration: every office's records, not only this office's"))
    options.add_json(export)

    importing = actions.add_parser("import", help=_("check a data package and import it"))
    importing.add_argument("file", type=Path, metavar="FILE.zip", help=_("the package file (.zip)"))
    importing.add_argument("--dry-run", action="store_true", help=_("only check the package and report; change nothing"))
    options.add_json(importing)
    importing.add_argument("--receipt", type=Path, metavar=_("FILE"),
                           help=_("also write the receipt of the import: FILE.xlsx or FILE.pdf"))

    history = actions.add_parser("history", help=_("the packages sent and received, newest first"))
    options.add_json(history)

    summary = actions.add_parser("summary", help=_("listeners, certificates and post-course coverage per office"))
    summary.add_argument("--office", metavar=_("CODE"), help=_("only this office"))
    options.add_period(summary, summary.add_mutually_exclusive_group(required=False))
    options.add_json(summary)
