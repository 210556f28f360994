"""`pedesk forms print`: the printed forms the window prints from a listener's row, from the command line:
Appendices 1-3 of the Rules (п.8), the receipt for the documents and a cohort's list of listeners (п.16)."""

from __future__ import annotations

import argparse
from datetime import date

from pedesk.cli import plumbing
from pedesk.cli.arguments.forms import FORMS
from pedesk.i18n import _
from pedesk.models.database import Database

# the service's field -> the argument that gave it
_OPTIONS = {"form": "--form", "iin": "--iin", "cohort": "--cohort", "lang": "--form-lang", "path": "--out"}


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


__all__ = ["FORMS", "forms"]
