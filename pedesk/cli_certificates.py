"""The arguments of `pedesk certificates ...` and `pedesk assessments ...` (kept apart from the handlers, so that `pedesk --help` does not
load the PDF machinery)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pedesk.i18n import _

__all__ = ["add_assessments_parser", "add_parser"]


def add_parser(commands: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser],  # type: ignore[type-arg]
               iso_date: Callable[[str], date]) -> None:
    """The ``certificates`` command and its actions (called by pedesk.cli.build_parser)."""
    certificates_parser = commands.add_parser("certificates", help=_("certificates: issue, print, verify"))
    actions = certificates_parser.add_subparsers(
        dest="certificates_command", metavar=_("ACTION"), required=True, parser_class=parser_class
    )
    issue = actions.add_parser("issue", help=_("issue certificates to every listener of a cohort who passed"))
    issue.add_argument("--cohort", required=True, metavar=_("CODE"), help=_("the cohort's code in this office"))
    issue.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help=_("the date of issue (default: today)"))
    issue.add_argument("--json", action="store_true", help=_("print JSON"))

    printing = actions.add_parser("print", help=_("print certificates into one PDF file"))
    which = printing.add_mutually_exclusive_group(required=True)
    which.add_argument("--cohort", metavar=_("CODE"), help=_("every valid certificate of this cohort"))
    which.add_argument("--number", action="append", metavar="N", help=_("this certificate (may be repeated)"))
    which.add_argument("--issued-from", type=iso_date, metavar="YYYY-MM-DD",
                       help=_("every valid certificate issued from this date (with --issued-to)"))
    printing.add_argument("--issued-to", type=iso_date, metavar="YYYY-MM-DD", help=_("... up to this date"))
    printing.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write"))
    printing.add_argument("--printer", metavar=_("NAME"),
                          help=_("use the offsets and the blank-form setting stored for this printer"))

    verify = actions.add_parser("verify", help=_("verify a certificate by its number or verification code"))
    verify.add_argument("text", metavar=_("NUMBER_OR_CODE"), help=_("the number, the code, or the scanned QR text"))
    verify.add_argument("--json", action="store_true", help=_("print JSON"))

    listing = actions.add_parser("list", help=_("list certificates"))
    listing.add_argument("--cohort", metavar=_("CODE"), help=_("only this cohort's certificates"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))

    for name, help_text in (("annul", _("annul a certificate (the record stays)")),
                            ("reissue", _("replace a certificate after a correction: a new number, linked"))):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("number", metavar="N", help=_("the certificate's number"))
        action.add_argument("--reason", required=True, metavar=_("TEXT"), help=_("why"))
        action.add_argument("--order-no", required=True, metavar=_("NUMBER"), help=_("the number of the head's order"))
        action.add_argument("--order-date", required=True, type=iso_date, metavar="YYYY-MM-DD",
                            help=_("the date of the head's order"))
        if name == "reissue":
            action.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                                help=_("the date of issue of the new certificate (default: today)"))

    duplicate = actions.add_parser("duplicate", help=_("print a duplicate of a lost certificate (recorded)"))
    duplicate.add_argument("number", metavar="N", help=_("the certificate's number"))
    duplicate.add_argument("--reason", required=True, metavar=_("TEXT"), help=_("why (lost, damaged)"))
    duplicate.add_argument("--application", default="", metavar=_("NUMBER"), help=_("the holder's application number"))
    duplicate.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write"))

    book = actions.add_parser("book", help=_("write the issue book of a period (.xlsx or .pdf)"))
    book.add_argument("--from", dest="start", required=True, type=iso_date, metavar="YYYY-MM-DD", help=_("first day"))
    book.add_argument("--to", dest="end", required=True, type=iso_date, metavar="YYYY-MM-DD", help=_("last day"))
    book.add_argument("--out", required=True, type=Path, metavar=_("FILE"), help=_("FILE.xlsx or FILE.pdf"))
    book.add_argument("--book-lang", choices=("kk", "ru"), default="kk", help=_("the book's language: kk or ru"))


def add_assessments_parser(commands: argparse._SubParsersAction,  # type: ignore[type-arg]
                           parser_class: type[argparse.ArgumentParser], iso_date: Callable[[str], date]) -> None:
    """The ``assessments`` command: the results file of a cohort, out and in (п.27-28)."""
    assessments_parser = commands.add_parser("assessments", help=_("final assessment results of a cohort"))
    actions = assessments_parser.add_subparsers(
        dest="assessments_command", metavar=_("ACTION"), required=True, parser_class=parser_class
    )
    template = actions.add_parser("template", help=_("write the cohort's results file to fill in (.xlsx)"))
    template.add_argument("--cohort", required=True, metavar=_("CODE"), help=_("the cohort's code in this office"))
    template.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("the file to write"))
    importing = actions.add_parser("import", help=_("record the results of a filled-in results file (.xlsx)"))
    importing.add_argument("file", type=Path, metavar="FILE.xlsx", help=_("the results file"))
    importing.add_argument("--cohort", required=True, metavar=_("CODE"), help=_("the cohort's code in this office"))
    importing.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                           help=_("the date of the assessment for rows without one (default: today)"))
    importing.add_argument("--assessor", metavar=_("NAME_OR_BIN"),
                           help=_("long course: the organisation holding the external assessment (п.27)"))
    importing.add_argument("--contract-no", metavar=_("NUMBER"), help=_("long course: the contract's number"))
    importing.add_argument("--contract-date", type=iso_date, metavar="YYYY-MM-DD",
                           help=_("long course: the contract's date"))
    importing.add_argument("--expert", metavar=_("NAME"), help=_("long course: the certified expert's name"))
    importing.add_argument("--expert-certificate", metavar=_("NUMBER"),
                           help=_("long course: the expert's certificate number"))
    importing.add_argument("--dry-run", action="store_true", help=_("only check the file and report; change nothing"))
    importing.add_argument("--json", action="store_true", help=_("print JSON"))
