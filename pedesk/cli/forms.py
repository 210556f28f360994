"""`pedesk forms print`: the printed forms the window prints from a listener's row, from the command line:
Appendices 1-3 of the Rules (п.8), the receipt for the documents and a cohort's list of listeners (п.16)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from pedesk.cli import plumbing
from pedesk.i18n import _
from pedesk.models.database import Database

#: the forms' short names, as ``services.forms.PRINTED_FORMS`` (kept here so that --help loads no reportlab)
FORMS = ("app1", "app2", "app3", "receipt", "list")
# the service's field -> the argument that gave it
_OPTIONS = {"form": "--form", "iin": "--iin", "cohort": "--cohort", "lang": "--form-lang", "path": "--out"}


def add_parser(commands: argparse._SubParsersAction[plumbing.Parser]) -> None:
    """The ``forms`` command."""
    actions = plumbing.add_actions(commands, "forms", _("printed forms: applications, questionnaire, receipt, list"))
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
    printing.add_argument("--date", type=plumbing.iso_date, metavar="YYYY-MM-DD",
                          help=_("the date on the receipt and the list (default: today)"))
    plumbing.add_json(printing)


def forms(args: argparse.Namespace) -> int:
    return plumbing.with_database(args, _print, lambda problem: plumbing.named(_OPTIONS.get(problem.field),
                                                                                problem.message))


def _print(database: Database, args: argparse.Namespace) -> int:
    from pedesk.services.forms import print_form  # loads reportlab: only when a form is printed

    lang = plumbing.document_language(args.document_lang)
    with database.reading() as session:
        cohort_id = plumbing.cohort_by_code(session, args.cohort, "--cohort") if args.cohort else None
        printed = print_form(session, args.form, args.out, lang, iin=args.iin, cohort_id=cohort_id,
                             on=args.date or date.today())
    if args.json:
        plumbing.print_json({"form": printed.form, "path": str(printed.path), "lang": printed.lang,
                             "iin": printed.iin or None, "holder": printed.holder or None,
                             "cohort": printed.cohort or None})
    else:
        print(_("The form {form} is written to {path}.").format(form=printed.form, path=printed.path))
    return plumbing.EXIT_OK
