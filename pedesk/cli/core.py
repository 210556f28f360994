"""`pedesk` (the window), `pedesk db upgrade`, `pedesk backup`, `pedesk iin check`, `pedesk demo`,
`pedesk cohorts list` and `pedesk cohorts schedule`: the foundation commands, their arguments and handlers."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from pedesk.cli import plumbing
from pedesk.i18n import _, current_language, format_number
from pedesk.models.database import Database, sqlite_path
from pedesk.models.schema import SchemaError, current_revision, head_revision, upgrade_database
from pedesk.services.common import BackupError, backup_database, remove_partial
from pedesk.services.rules import check_iin
from pedesk.services.schedule import CohortPhase, get_cohort, list_cohorts, phase_label

GUI_DEMO_TEACHERS = 2000


def run_gui(args: argparse.Namespace) -> int:
    # the window signs in with its own dialog; --user (with PEDESK_PASSWORD) signs in here instead
    database = plumbing.open_from_args(args, sign_in_now=bool(getattr(args, "user", None)))
    if args.demo:
        _demo_if_empty(database)
    from pedesk.main import run_gui as start  # Qt is imported only when a window is wanted

    chosen = bool(args.lang or os.environ.get("PEDESK_LANG"))
    return start(database, current_language(), lang_chosen=chosen)


def _demo_if_empty(database: Database) -> None:
    from pedesk.services.access import AccessDenied
    from pedesk.services.demo import DemoError, generate_demo

    try:
        summary = generate_demo(database, teachers=GUI_DEMO_TEACHERS)
    except (DemoError, AccessDenied):
        return  # the database already holds data (and perhaps users): open it as it is
    print(_("Demo data made: {teachers} teachers.").format(teachers=format_number(summary.teachers)))


def db_upgrade(args: argparse.Namespace) -> int:
    database = Database(plumbing.resolve_database(args.db))
    try:
        before = current_revision(database.engine)
        report = upgrade_database(database)
    except SchemaError as exc:
        raise plumbing.CliError(str(exc)) from None
    finally:
        database.dispose()
    if not report.changed:
        print(_("The database is up to date (schema {revision}).").format(revision=head_revision()))
        return plumbing.EXIT_OK
    if before is None:
        print(_("A new database was created (schema {revision}).").format(revision=report.to_revision))
    else:
        print(
            _("The database was upgraded from schema {old} to {new}; the old copy is {backup}.").format(
                old=before, new=report.to_revision, backup=report.backup
            )
        )
    return plumbing.EXIT_OK


def backup(args: argparse.Namespace) -> int:
    database = plumbing.open_from_args(args)
    try:
        path = backup_database(database, args.out)
    except BackupError as exc:
        raise plumbing.CliError(str(exc)) from None
    finally:
        database.dispose()
    print(_("Backup written to {path}.").format(path=path))
    return plumbing.EXIT_OK


def _sex_label(sex: str | None) -> str:
    return {"male": _("male"), "female": _("female")}.get(sex or "", "")


def iin_check(args: argparse.Namespace) -> int:
    results = [check_iin(value) for value in args.iins]
    if args.json:
        plumbing.print_json(
            [
                {
                    "iin": info.iin,
                    "valid": info.valid,
                    "birth_date": info.birth_date.isoformat() if info.birth_date else None,
                    "sex": info.sex,
                    "reason": info.reason,
                }
                for info in results
            ]
        )
    else:
        for given, info in zip(args.iins, results, strict=True):
            if info.valid and info.birth_date is not None:
                print(
                    _("{iin}: valid, born {birth_date}, {sex}").format(
                        iin=info.iin, birth_date=info.birth_date.isoformat(), sex=_sex_label(info.sex)
                    )
                )
            else:
                print(_("{iin}: invalid: {reason}").format(iin=info.iin or given, reason=info.reason))
    return plumbing.EXIT_OK if all(info.valid for info in results) else plumbing.EXIT_FAILED


def demo(args: argparse.Namespace) -> int:
    """The demo region; a database file that this command created is removed again when it fails (a full disk,
    a locked database, Ctrl+C), so that no half-made database is left."""
    from pedesk.services.demo import DemoError, generate_demo

    created = sqlite_path(plumbing.resolve_database(args.db))
    if created is not None and created.exists():
        created = None
    try:
        database = plumbing.open_from_args(args)
    except BaseException:
        if created is not None:
            remove_partial(created)
        raise
    last_shown = [-1]

    def progress(done: int, total: int, stage: str) -> None:
        percent = int(done * 100 / total) if total else 100
        if percent != last_shown[0] and sys.stderr.isatty():
            last_shown[0] = percent
            sys.stderr.write(f"\r{stage} {percent}%\033[K")
            sys.stderr.flush()

    try:
        summary = generate_demo(
            database,
            teachers=args.teachers,
            seed=args.seed,
            office_code=args.office,
            office_name_kk=args.office_name_kk,
            office_name_ru=args.office_name_ru,
            today=args.today,
            progress=progress,
        )
    except BaseException as exc:
        database.dispose()
        if created is not None:
            remove_partial(created)
        if isinstance(exc, DemoError):
            raise plumbing.CliError(str(exc)) from None
        raise
    finally:
        database.dispose()
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    print(
        _("Demo region made in {seconds} s: {teachers} teachers, {cohorts} cohorts, {certificates} certificates.").format(
            seconds=format_number(round(summary.seconds, 1)),
            teachers=format_number(summary.teachers),
            cohorts=format_number(summary.cohorts),
            certificates=format_number(summary.certificates),
        )
    )
    return plumbing.EXIT_OK


def cohorts_list(args: argparse.Namespace) -> int:
    database = plumbing.open_from_args(args)
    try:
        with database.reading() as session:
            phase = CohortPhase(args.status) if args.status else None
            rows = list_cohorts(session, today=date.today(), lang=current_language(), phase=phase)
    finally:
        database.dispose()
    return plumbing.print_listing(args, rows, _("No cohorts yet."), lambda row: (
        f"{row.code:<14} {row.start.isoformat()} – {row.end.isoformat()}  {phase_label(row.status):<12} "
        f"{row.enrolled:>3}/{row.capacity:<3} {row.programme}"))


def cohorts(args: argparse.Namespace) -> int:
    if args.cohorts_command == "schedule":
        return plumbing.with_database(args, _schedule, lambda problem: plumbing.named(
            {"cohort": "--cohort", "period": "--from", "end": "--to", "lang": "--schedule-lang"}.get(problem.field),
            problem.message))
    return cohorts_list(args)


def _schedule(database: Database, args: argparse.Namespace) -> int:
    from pedesk.services.schedule import export_schedule_pdf, export_schedule_xlsx  # reportlab, openpyxl

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise plumbing.CliError(plumbing.named("--out", _(
            "The schedule is written as .pdf or .xlsx; give a file name ending so.")))
    if args.end is not None and args.start is None:
        raise plumbing.CliError(plumbing.named("--to", _(
            "Give --to only with --from: a cohort's schedule covers the cohort's dates, a half-year its own.")))
    start, end = args.period if args.period is not None else (args.start, args.end)
    if args.cohort is None and (start is None or end is None):
        raise plumbing.CliError(_("Give the period with --from and --to, or a half-year with --period."))
    lang = plumbing.document_language(args.document_lang)
    export = export_schedule_pdf if suffix == ".pdf" else export_schedule_xlsx
    with database.reading() as session:
        cohort_id = None if args.cohort is None else plumbing.cohort_by_code(session, args.cohort, "--cohort")
        if cohort_id is not None:
            cohort = get_cohort(session, cohort_id)
            start, end = cohort.start_date, cohort.end_date
        path = export(session, start, end, args.out, lang, cohort_id=cohort_id)
    if args.json:
        plumbing.print_json({"path": str(path), "format": suffix[1:], "lang": lang, "cohort": args.cohort,
                             "from": start.isoformat() if start else None, "to": end.isoformat() if end else None})
    else:
        print(_("The schedule is written to {path}.").format(path=path))
    return plumbing.EXIT_OK
