"""The arguments of `pedesk certificates`, without its handlers (`pedesk.cli.certificates`), services or models: `--help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path

from pedesk.cli import options
from pedesk.i18n import _


def add_parser(commands: argparse._SubParsersAction[options.Parser]) -> None:
    """The ``certificates`` command and its actions (called by pedesk.cli.build_parser)."""
    actions = options.add_actions(commands, "certificates", _("certificates: issue, print, verify"))
    issue = actions.add_parser("issue", help=_("issue certificates to every listener of a cohort who passed"))
    options.add_cohort(issue)
    issue.add_argument("--date", type=options.iso_date, metavar="YYYY-MM-DD", help=_("the date of issue (default: today)"))
    options.add_json(issue)

    printing = actions.add_parser("print", help=_("print certificates into one PDF file"))
    which = printing.add_mutually_exclusive_group(required=True)
    which.add_argument("--cohort", metavar=_("CODE"), help=_("every valid certificate of this cohort"))
    which.add_argument("--number", action="append", metavar="N", help=_("this certificate (may be repeated)"))
    which.add_argument("--issued-from", type=options.iso_date, metavar="YYYY-MM-DD",
                       help=_("every valid certificate issued from this date (with --issued-to)"))
    printing.add_argument("--issued-to", type=options.iso_date, metavar="YYYY-MM-DD", help=_("... up to this date"))
    printing.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write"))
    printing.add_argument("--printer", metavar=_("NAME"),
                          help=_("use the offsets and the blank-form setting stored for this printer"))

    verify = actions.add_parser("verify", help=_("verify a certificate by its number or verification code"))
    verify.add_argument("text", metavar=_("NUMBER_OR_CODE"), help=_("the number, the code, or the scanned QR text"))
    options.add_json(verify)

    listing = actions.add_parser("list", help=_("list certificates"))
    listing.add_argument("--cohort", metavar=_("CODE"), help=_("only this cohort's certificates"))
    options.add_json(listing)

    for name, help_text in (("annul", _("annul a certificate (the record stays)")),
                            ("reissue", _("replace a certificate after a correction: a new number, linked"))):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("number", metavar="N", help=_("the certificate's number"))
        action.add_argument("--reason", required=True, metavar=_("TEXT"), help=_("why"))
        action.add_argument("--order-no", required=True, metavar=_("NUMBER"), help=_("the number of the head's order"))
        action.add_argument("--order-date", required=True, type=options.iso_date, metavar="YYYY-MM-DD",
                            help=_("the date of the head's order"))
        if name == "reissue":
            action.add_argument("--date", type=options.iso_date, metavar="YYYY-MM-DD",
                                help=_("the date of issue of the new certificate (default: today)"))

    duplicate = actions.add_parser("duplicate", help=_("print a duplicate of a lost certificate (recorded)"))
    duplicate.add_argument("number", metavar="N", help=_("the certificate's number"))
    duplicate.add_argument("--reason", required=True, metavar=_("TEXT"), help=_("why (lost, damaged)"))
    duplicate.add_argument("--application", default="", metavar=_("NUMBER"), help=_("the holder's application number"))
    duplicate.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write"))

    calibration = actions.add_parser("calibrate", help=_(
        "write the printer's test page (.pdf): print it on a blank form and measure the offsets"))
    calibration.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write"))
    calibration.add_argument("--printer", metavar=_("NAME"), help=_(
        "shift the page by the offsets stored for this printer, to check them (default: no shift)"))
    options.add_json(calibration)

    book = actions.add_parser("book", help=_("write the issue book of a period (.xlsx or .pdf)"))
    book.add_argument("--from", dest="start", required=True, type=options.iso_date, metavar="YYYY-MM-DD", help=_("first day"))
    book.add_argument("--to", dest="end", required=True, type=options.iso_date, metavar="YYYY-MM-DD", help=_("last day"))
    book.add_argument("--out", required=True, type=Path, metavar=_("FILE"), help=_("FILE.xlsx or FILE.pdf"))
    book.add_argument("--book-lang", choices=("kk", "ru"), default="kk", help=_("the book's language: kk or ru"))
