"""`pedesk package ...`: export, import, history and summary of the semi-annual data packages (п.17)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pedesk.cli import plumbing
from pedesk.i18n import _, current_language, format_date, format_datetime, format_number, ngettext
from pedesk.models.database import Database, current_user
from pedesk.models.enums import PackageDirection
from pedesk.services import packages as package_service


def packages(args: argparse.Namespace) -> int:
    handler = {"export": _export, "import": _import, "history": _history,
               "summary": _summary}[args.package_command]
    return plumbing.with_database(args, handler)


def _period(args: argparse.Namespace) -> tuple[date | None, date | None]:
    if args.period is not None:
        start, end = args.period
        return start, end
    if args.start is not None and args.end is None:
        raise plumbing.CliError(_("Give the last day of the period with --to, after --from."))
    if args.end is not None and args.start is None:
        raise plumbing.CliError(_("Give the first day of the period with --from, or a half-year with --period instead "
                         "of --to."))
    if args.start is not None and args.end is not None and args.end < args.start:
        raise plumbing.CliError(_("The period ends ({end}) before it starts ({start}): give a --to date on or after "
                         "--from.").format(end=format_date(args.end), start=format_date(args.start)))
    return args.start, args.end


def _export(database: Database, args: argparse.Namespace) -> int:
    start, end = _period(args)
    assert start is not None and end is not None  # the parser requires --period or --from
    try:
        with database.transaction(immediate=True) as session:
            result = package_service.export_package(session, args.out, start=start, end=end,
                                                    label=package_service.period_label(start, end),
                                                    by=session.info["user"], consolidated=args.consolidated)
    except KeyboardInterrupt:  # Ctrl+C: the partial file is gone and the transaction rolled back
        raise plumbing.CliError(_("Stopped; nothing was written."), plumbing.EXIT_FAILED) from None
    if args.json:
        plumbing.print_json({"path": str(result.path), "sha256": result.sha256, "counts": result.counts,
                    "office": result.office_code, "consolidated": bool(args.consolidated),
                    "period": {"from": start.isoformat(), "to": end.isoformat(), "label": result.label}})
        return plumbing.EXIT_OK
    rows = sum(result.counts.values())
    print(ngettext("The data package for {start} – {end} ({rows} row) was written to {path}.",
                   "The data package for {start} – {end} ({rows} rows) was written to {path}.", rows).format(
        start=format_date(start), end=format_date(end), rows=format_number(rows), path=result.path))
    for sheet, count in result.counts.items():
        print(f"  {package_service.sheet_label(sheet, current_language())}: {format_number(count)}")
    return plumbing.EXIT_OK


def _import(database: Database, args: argparse.Namespace) -> int:
    try:
        summary = package_service.run_import(database, args.file, today=date.today(), by=current_user(), dry_run=args.dry_run)
    except package_service.PackageRejected as exc:
        return _rejected(args, exc)
    except KeyboardInterrupt:  # Ctrl+C: the transaction was rolled back on the way out
        plumbing.fail(_("Stopped; nothing was changed."))
        return plumbing.EXIT_FAILED
    if args.receipt is not None and summary.applied:
        from pedesk.services.packages import write_receipt

        path = write_receipt(summary, args.receipt, lang=plumbing.document_language())
        with database.transaction() as session:
            package_service.record_receipt(session, sha256=summary.sha256, path=path)
    if args.json:
        plumbing.print_json({**summary.as_json(), "dry_run": bool(args.dry_run)})
    else:
        _print_summary(summary, dry_run=args.dry_run)
        if args.receipt is not None and summary.applied:
            print(_("The receipt was written to {path}.").format(path=args.receipt))
    return plumbing.EXIT_FAILED if summary.has_conflicts else plumbing.EXIT_OK


def _rejected(args: argparse.Namespace, exc: package_service.PackageRejected) -> int:
    if args.json:
        empty: dict[str, int] = {}
        plumbing.print_json({"file": args.file.name, "applied": False, "refused": True, "dry_run": bool(args.dry_run),
                    **dict.fromkeys(package_service.OUTCOME_KINDS, empty),
                    "problems": [problem.as_json() for problem in exc.problems], "conflict_list": []})
    else:
        for problem in exc.problems:
            plumbing.fail(package_service.problem_text(problem, current_language()))
        plumbing.fail(_("The package {file} was refused, so nothing was changed; correct what is named above or ask the "
               "office for a new package.").format(file=args.file.name))
    return plumbing.EXIT_USAGE


def _counts_line(summary: package_service.ImportSummary, sheet: str) -> str:
    values = {kind: format_number(getattr(summary, kind).get(sheet, 0)) for kind in package_service.OUTCOME_KINDS}
    return _("{sheet}: added {added}, updated {updated}, unchanged {unchanged}, conflicts {conflicts}, "
             "rejected {rejected}").format(sheet=package_service.sheet_label(sheet, current_language()), **values)


def _print_summary(summary: package_service.ImportSummary, *, dry_run: bool) -> None:
    sheets = list(dict.fromkeys(s for kind in package_service.OUTCOME_KINDS for s in getattr(summary, kind)))
    for sheet in sheets:
        print(_counts_line(summary, sheet))
    for problem in summary.problems:
        print(package_service.problem_text(problem, current_language()))
    for conflict in summary.conflict_list:
        print(_("{sheet}, row {row}: {key} differs in {fields} from the record held from {holder}; kept as it "
                "is.").format(sheet=package_service.sheet_label(conflict.sheet, current_language()), row=conflict.row,
                              key=conflict.key, fields=", ".join(conflict.fields), holder=conflict.holder or "—"))
    values = {"file": summary.file_name, "office": summary.office_code, "start": format_date(summary.start),
              "end": format_date(summary.end)}
    if dry_run or not summary.applied:
        print(_("Checked {file} from {office} for {start} – {end}; nothing was changed (dry run).").format(**values))
    else:
        print(_("Imported {file} from {office} for {start} – {end}.").format(**values))
    if summary.has_conflicts:
        print(_("Some records differ from those held from another office and were left as they are: check them "
                "with the offices named above."), file=sys.stderr)


def _direction(direction: PackageDirection) -> str:
    return _("sent") if direction == PackageDirection.EXPORT else _("received")


def _history(database: Database, args: argparse.Namespace) -> int:
    with database.reading() as session:
        rows = package_service.package_history(session)
    return plumbing.print_listing(args, rows, _("No data package has been sent or received yet."), lambda row: (
        "  ".join([format_datetime(row.at, "short"), _direction(row.direction), row.office_code or "—", row.period,
                   package_service.outcome_label(row.outcome), package_service.history_counts(row),
                   Path(row.file_name).name])))


def _summary(database: Database, args: argparse.Namespace) -> int:
    start, end = _period(args)
    with database.reading() as session:
        rows = package_service.consolidation(session, office_code=args.office, start=start, end=end)
    if args.json:
        plumbing.print_json({"period": {"from": start.isoformat() if start else None, "to": end.isoformat() if end else None},
                    "offices": [row.as_json() for row in rows if not row.is_total],
                    "total": rows[-1].as_json()})
        return plumbing.EXIT_OK
    headings = [_("Office"), _("Listeners"), _("Completed"), _("Certificates"), _("With works"), _("Coverage"),
                _("Monitoring due"), _("Done")]
    lines = [headings, *(_summary_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headings))]
    for line in lines:
        print("  ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                        for i, (cell, width) in enumerate(zip(line, widths, strict=True))))
    return plumbing.EXIT_OK


def _summary_cells(row: package_service.OfficeSummary) -> list[str]:
    office = _("Total") if row.is_total else f"{row.office_code} {row.name(current_language())}"
    coverage = "—" if row.coverage is None else f"{format_number(row.coverage)} %"
    numbers = (row.listeners, row.completed, row.certificates, row.with_works)
    return [office, *(format_number(n) for n in numbers), coverage,
            format_number(row.monitoring_due), format_number(row.monitoring_done)]
