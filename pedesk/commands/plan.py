"""`pedesk plan ...`: the annual plan of teachers' courses (п.9-11), over pedesk.services.planning.plan*."""

from __future__ import annotations

import argparse

from pedesk.cli_support import EXIT_OK, CliError, open_from_args
from pedesk.i18n import _
from pedesk.services.common import ValidationError
from pedesk.services.planning import plan_export

__all__ = ["plan"]


def plan(args: argparse.Namespace) -> int:
    database = open_from_args(args)
    try:
        with database.reading() as session:
            path = plan_export(session, args.year, args.out, args.plan_lang)
    except ValidationError as exc:
        raise CliError(" ".join(problem.message for problem in exc.problems)) from None
    finally:
        database.dispose()
    print(_("The plan for {year} is written to {path}.").format(year=args.year, path=path))
    return EXIT_OK
