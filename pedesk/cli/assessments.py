"""`pedesk assessments ...`: the results template and the import of a cohort's final assessment (п.27-28)."""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy.orm import Session

from pedesk.cli import plumbing
from pedesk.i18n import _, current_language, format_number
from pedesk.models import Provider
from pedesk.models.database import Database
from pedesk.services import assessments as assessment_service
from pedesk.services.common import Problem


def assessments(args: argparse.Namespace) -> int:
    handler = {"template": _template, "import": _import}[args.assessments_command]
    return plumbing.with_database(args, handler, _located)


def _located(problem: Problem) -> str:
    message, row = plumbing.problem_message(problem), problem.row
    return message if row is None or str(row) in message else _("Row {row}: {message}").format(row=row,
                                                                                              message=message)


def _template(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        path = assessment_service.write_results_template(session, plumbing.cohort_by_code(session, args.cohort), args.out, lang=current_language())
    print(_("The results file of cohort {code} is written to {path}.").format(code=args.cohort, path=path))
    return plumbing.EXIT_OK


def _assessor(session: Session, cohort_id: int, args: argparse.Namespace) -> assessment_service.AssessorInput | None:
    if not args.assessor:
        return None
    wanted = args.assessor.strip().casefold()
    for provider_id, name in assessment_service.assessor_choices(session, cohort_id, lang=current_language()):
        provider = session.get(Provider, provider_id)
        names = {name.casefold(), (provider.bin or "") if provider else ""}
        if provider is not None:
            names |= {provider.name_kk.casefold(), provider.name_ru.casefold()}
        if wanted in names:
            return assessment_service.AssessorInput(provider_id, args.contract_no or "", args.contract_date, args.expert or "",
                                 args.expert_certificate or "")
    raise plumbing.CliError(_('"{assessor}" is not an organisation that may hold this cohort\'s external assessment (п.27). '
                     "Give its BIN or its name as in the providers' list, marked as holding external assessments, "
                     "other than the cohort's own provider.").format(assessor=args.assessor))


def _summary(preview: assessment_service.ResultsPreview) -> dict[str, object]:
    return {
        "cohort": preview.cohort_code, "rows": preview.data_rows, "results": len(preview.rows),
        "passed": sum(1 for row in preview.rows if row.passed), "empty_rows": list(preview.empty_rows),
        "problems": [{"row": p.row, "column": p.column, "message": p.message} for p in preview.problems],
        "sheet": preview.sheet,
        "warnings": plumbing.warning_entries(preview.warnings),
    }


def _import(database: Database, args: argparse.Namespace) -> int:
    today = date.today()
    if args.dry_run:
        with database.reading() as session:
            preview = assessment_service.preview_results_import(session, plumbing.cohort_by_code(session, args.cohort), args.file, today=today,
                                                                sheet=args.sheet)
    else:
        with database.transaction() as session:
            cohort_id = plumbing.cohort_by_code(session, args.cohort)
            preview = assessment_service.preview_results_import(session, cohort_id, args.file, today=today,
                                                                sheet=args.sheet)
            if not preview.problems:
                assessment_service.apply_results_import(session, preview, held_on=args.date or today,
                                     assessor=_assessor(session, cohort_id, args), today=today)
    summary = _summary(preview)
    if args.json:
        plumbing.print_json(summary)
    else:
        for problem in preview.problems:
            print(problem.message)
        for warning in preview.warnings:
            print(warning.message)
        verb = _("To record") if args.dry_run else _("Recorded")
        print(_("{verb}: {results} results ({passed} passed) of {rows} rows; problems: {problems}.").format(
            verb=verb, results=format_number(len(preview.rows)), passed=summary["passed"],
            rows=format_number(preview.data_rows), problems=format_number(len(preview.problems))))
    if preview.problems:
        raise plumbing.CliError(_("The file has problems, so nothing was recorded; correct the rows named above."))
    return plumbing.EXIT_OK
