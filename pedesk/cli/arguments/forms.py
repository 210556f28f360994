"""The arguments of `pedesk forms`, without its handlers (`pedesk.cli.forms`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli import options
from pedesk.i18n import _

#: the forms' short names, as ``services.forms.PRINTED_FORMS`` (kept here so that --help loads no reportlab)
FORMS = ("app1", "app2", "app3", "receipt", "list")


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``forms`` command."""
    actions = options.add_actions(commands, "forms", _("printed forms: applications, questionnaire, receipt, list"))
    printing = actions.add_parser("print", help=_("print a form into a PDF file"))
    printing.add_argument("--form", required=True, choices=FORMS, help=_(
        "app1: the application (Appendix 1); app2: the application for a course abroad (Appendix 2); app3: the "
        "questionnaire (Appendix 3, blank without --iin); receipt: the receipt for the documents; list: the "
        "cohort's list of listeners"))
    printing.add_argument("--iin", metavar="IIN", help=_("the teacher's IIN (app1, app2, app3, receipt)"))
    printing.add_argument("--cohort", metavar=_("CODE"), help=_(
        "the cohort's code in this office (list; app1, app2 and receipt when the teacher is on several lists)"))
    printing.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write"))
    printing.add_argument("--form-lang", dest="document_lang", choices=("kk", "ru"), help=_(
        "the document's language: kk or ru (default: the interface's; Kazakh when it is English)"))
    printing.add_argument("--date", type=options.iso_date, metavar="YYYY-MM-DD",
                          help=_("the date on the receipt and the list (default: today)"))
    options.add_json(printing)
