"""Import a data package (п.17): the regional administration merges its offices' packages; an office can
import too.

First the whole package is checked without touching the database (:func:`~pedesk.services.packages.validation.check.
open_package`: the ZIP, the manifest, the workbook, every cell), then every reference and code here
(:func:`reference_problems`) and what the records' dates say, with the cohorts and certificates held here
(:func:`~pedesk.services.packages.validation.meaning.meaning_problems`); a package with any problem is refused
(``PackageRejected``) and nothing changes. Then it is applied sheet by sheet in the caller's transaction: new records are added, changed ones
updated by natural key when they come from the office they belong to, and a record that differs from ours
and came from another office (or is older than ours) is reported as a conflict and left as it is. Importing
the same package twice changes nothing the second time. No Qt.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Certificate, Cohort, District, Office, PackageLog
from pedesk.models.enums import (
    AssessmentKind,
    CertificateStatus,
    CourseKind,
    EnrolmentStatus,
    Language,
    MonitoringResult,
    PackageDirection,
    ReferralBy,
    RetakeMode,
    ScheduleStatus,
    SignerCapacity,
    SupportKind,
)
from pedesk.services.access import Action, guarded
from pedesk.services.common import ProgressCallback, report
from pedesk.services.packages.apply import TABLES, Ids, key_ids, table_values, write_rows
from pedesk.services.packages.compare import decide, existing_rows, norm, row_key
from pedesk.services.packages.outcomes import Conflict, ImportSummary, PackageProblem, PackageRejected
from pedesk.services.packages.receipt import write_receipt
from pedesk.services.packages.spec import SHEETS, SPECS, SheetSpec
from pedesk.services.packages.validation import (
    HeldCertificate,
    OpenedPackage,
    PackageRow,
    meaning_problems,
    open_package,
    wanted,
)
from pedesk.services.reference import get_own_office

__all__ = ["import_package", "reference_problems", "write_receipt"]

#: sheet -> (columns, the sheet or code list they name); optional: skipped when every column is empty
_REFERENCES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "offices": ((("region",), "regions"),),
    "providers": ((("region",), "regions"),),
    "schools": ((("region",), "regions"),),
    "programmes": ((("office",), "offices"), (("level",), "levels"), (("format",), "formats")),
    "cohorts": ((("office",), "offices"), (("office", "programme"), "programmes"), (("provider",), "providers")),
    "teachers": ((("category",), "categories"), (("workplace_region",), "regions"),
                 (("school_region", "school_district_ru", "school_name_ru"), "schools")),
    "previous_courses": ((("iin",), "teachers"),),
    "enrolments": ((("office", "cohort"), "cohorts"), (("iin",), "teachers"), (("office", "transferred_to"), "cohorts")),
    "assessments": ((("office", "cohort", "iin"), "enrolments"), (("assessor",), "providers"),
                    (("office", "with_cohort"), "cohorts")),
    "certificates": ((("office",), "offices"), (("iin",), "teachers"), (("office", "cohort", "iin"), "enrolments"),
                     (("office", "supersedes"), "certificates"), (("office", "superseded_by"), "certificates")),
    "post_course_works": ((("office", "certificate"), "certificates"),),
    "monitoring": ((("office", "certificate"), "certificates"),),
}
_OPTIONAL_PARTS = {"transferred_to", "with_cohort", "supersedes", "superseded_by", "cohort", "assessor", "category",
                   "workplace_region", "school_name_ru", "region"}
_ENUMS: dict[tuple[str, str], type[Any]] = {
    ("programmes", "kind"): CourseKind, ("cohorts", "language"): Language, ("cohorts", "schedule_status"): ScheduleStatus,
    ("teachers", "instruction_language"): Language, ("enrolments", "status"): EnrolmentStatus,
    ("enrolments", "group_language"): Language, ("enrolments", "referral_by"): ReferralBy,
    ("assessments", "kind"): AssessmentKind, ("assessments", "mode"): RetakeMode,
    ("certificates", "signer_capacity"): SignerCapacity, ("certificates", "status"): CertificateStatus,
    ("post_course_works", "kind"): SupportKind, ("monitoring", "result"): MonitoringResult,
}
_MAX_PROBLEMS = 200


def _known(session: Session, opened: OpenedPackage) -> dict[str, set[tuple[object, ...]]]:
    """Every natural key a reference may name: the package's rows and the records here."""
    known: dict[str, set[tuple[object, ...]]] = {}
    for name in ("regions", "levels", "formats", "categories", *SPECS):
        known[name] = set(key_ids(session, name))
    for spec in SHEETS:
        known[spec.name] |= {row_key(spec, row.values) for row in opened.sheets[spec.name]}
    known["districts"] = set()
    return known


def _reference_problem(spec: SheetSpec, row: PackageRow, columns: tuple[str, ...], target: str) -> PackageProblem:
    heading = " + ".join(spec.column(name).heading for name in columns)
    value = " / ".join(str(row.values.get(name) or "") for name in columns)
    what = SPECS[target].kk if target in SPECS else target
    return PackageProblem(spec.name, row.number, heading, _(
        'Row {row}: "{value}" names a record that is neither in the package nor in this database ({what}). Ask the '
        "office to export the package again; a package carries every record it refers to.").format(
        row=row.number, value=value, what=what))


def _row_problems(spec: SheetSpec, row: PackageRow, known: dict[str, set[tuple[object, ...]]]) -> list[PackageProblem]:
    problems: list[PackageProblem] = []
    for columns, target in _REFERENCES.get(spec.name, ()):
        key = tuple(norm(_kind(spec, name, target), row.values.get(name)) for name in columns)
        optional = [name for name in columns if name in _OPTIONAL_PARTS]
        if optional and all(row.values.get(name) in (None, "") for name in optional):
            continue
        if target == "schools" and key[2] in (None, ""):
            continue
        if key not in known[target]:
            problems.append(_reference_problem(spec, row, columns, target))
    for (sheet, column), enum in _ENUMS.items():
        value = row.values.get(column)
        if sheet == spec.name and value not in (None, "") and value not in {item.value for item in enum}:
            problems.append(PackageProblem(spec.name, row.number, spec.column(column).heading, _(
                'Row {row}: "{value}" is not a known value here; expected one of: {values}.').format(
                row=row.number, value=value, values=", ".join(item.value for item in enum))))
    return problems


def _kind(spec: SheetSpec, name: str, target: str) -> str:
    return spec.column(name).kind if target in SPECS or name == "iin" else "text"


def reference_problems(session: Session, opened: OpenedPackage) -> list[PackageProblem]:
    """Every reference that names nothing (in the package or here) and every unknown code, by sheet and row."""
    known = _known(session, opened)
    problems: list[PackageProblem] = []
    for spec in SHEETS:
        for row in opened.sheets[spec.name]:
            problems += _row_problems(spec, row, known)
            if len(problems) >= _MAX_PROBLEMS:
                return problems
    return problems


def _chunks(keys: set[tuple[object, ...]]) -> list[list[tuple[object, ...]]]:
    ordered = sorted(keys, key=repr)
    return [ordered[start:start + 500] for start in range(0, len(ordered), 500)]


def _held_cohorts(session: Session, keys: set[tuple[object, ...]]) -> dict[tuple[object, ...], date]:
    found: dict[tuple[object, ...], date] = {}
    for chunk in _chunks(keys):
        found.update({(office, code): start for office, code, start in session.execute(
            select(Office.code, Cohort.code, Cohort.start_date).join(Office, Cohort.office_id == Office.id)
            .where(tuple_(Office.code, Cohort.code).in_(chunk)))})
    return found


def _held_certificates(session: Session, keys: set[tuple[object, ...]]) -> dict[tuple[object, ...], HeldCertificate]:
    """The certificates named here, with those they replaced (a reissue's monitoring counts from the first)."""
    found: dict[tuple[object, ...], HeldCertificate] = {}
    earlier = select(Certificate.id, Certificate.number).subquery()
    tried: set[tuple[object, ...]] = set()
    while keys:
        tried |= keys
        for chunk in _chunks(keys):
            found.update({(office, number): HeldCertificate(issued, until, replaced or "")
                          for office, number, issued, until, replaced in session.execute(
                select(Office.code, Certificate.number, Certificate.issue_date, Certificate.valid_until,
                       earlier.c.number).join(Office, Certificate.office_id == Office.id)
                .outerjoin(earlier, Certificate.supersedes_id == earlier.c.id)
                .where(tuple_(Office.code, Certificate.number).in_(chunk)))})
        replaced: set[tuple[object, ...]] = {(key[0], held.supersedes) for key, held in found.items() if held.supersedes}
        keys = replaced - tried
    return found


def _meaning_problems(session: Session, opened: OpenedPackage) -> list[PackageProblem]:
    cohorts, certificates = wanted(opened)
    return meaning_problems(opened, _held_cohorts(session, cohorts), _held_certificates(session, certificates))


def _districts(session: Session, opened: OpenedPackage, ids: Ids) -> None:
    """Districts are named by the schools of the package; a district missing here is added to its region."""
    wanted: dict[tuple[object, ...], dict[str, Any]] = {}
    for row in opened.sheets["schools"]:
        region, name_ru = row.values.get("region"), row.values.get("district_ru")
        if region and name_ru and (region, name_ru) not in ids["districts"]:
            wanted[(region, name_ru)] = {"region_id": ids["regions"][(region,)], "name_ru": name_ru,
                                         "name_kk": row.values.get("district_kk") or name_ru, "name_en": name_ru}
    if wanted:
        session.execute(insert(District), list(wanted.values()))
        ids["districts"] = key_ids(session, "districts")


class _Run:
    """One import: the ids known so far, the counts, the conflicts."""

    def __init__(self, session: Session, opened: OpenedPackage, own: str, summary: ImportSummary,
                 progress: ProgressCallback | None = None) -> None:
        self.session, self.opened, self.own, self.summary = session, opened, own, summary
        self.progress = progress  # asked often: a Cancel (which raises in it) stops within a second
        self.ids: Ids = {name: key_ids(session, name) for name in ("regions", "levels", "formats", "categories",
                                                                    "districts")}

    def sheet(self, spec: SheetSpec) -> None:
        if spec.name == "schools":
            _districts(self.session, self.opened, self.ids)
        current = existing_rows(self.session, spec)
        self.ids[spec.name] = key_ids(self.session, spec.name)
        aliases = self._same_bin(spec, current)
        self.ids[spec.name].update({key: self.ids[spec.name][other] for key, other in aliases.items()})
        adds: list[tuple[PackageRow, dict[str, Any]]] = []
        updates: list[tuple[int, dict[str, Any]]] = []
        late: list[tuple[tuple[object, ...], PackageRow]] = []
        self.counts = {"added": 0, "updated": 0, "unchanged": 0, "conflicts": 0, "rejected": 0}
        for count, row in enumerate(self.opened.sheets[spec.name]):
            if count % 2000 == 1999:
                report(self.progress, SHEETS.index(spec), len(SHEETS), spec.kk)
            key = row_key(spec, row.values)
            existing = current.get(aliases.get(key, key))
            decision, differ = decide(spec, row.values, existing, self.own)
            if decision == "conflict":
                self._conflict(spec, row, key, differ, existing)
                continue
            if decision == "unchanged":
                self.counts["unchanged"] += 1
                continue
            values = table_values(spec, row.values, self.ids, self.own)
            if self._missing_reference(spec, row, values):
                continue
            if decision == "add":
                adds.append((row, values))
            else:
                updates.append((self.ids[spec.name][aliases.get(key, key)], values))
                self.counts["updated"] += 1
            late.append((key, row))
        added = write_rows(self.session, spec, adds, updates, self._rejected)
        self.counts["added"] += added
        self.ids[spec.name] = key_ids(self.session, spec.name)
        known = self.ids[spec.name]  # an update through the BIN renamed the record: it is known by the new key
        known.update({key: known[other] for key, other in aliases.items() if key not in known and other in known})
        self._link_later(spec, [(key, row) for key, row in late if key in self.ids[spec.name]])
        for name, value in self.counts.items():
            getattr(self.summary, name)[spec.name] = value

    def _same_bin(self, spec: SheetSpec, current: dict[tuple[object, ...], dict[str, object]]
                  ) -> dict[tuple[object, ...], tuple[object, ...]]:
        """A provider or school that is here under another name but with the same BIN is the same record:
        its key is mapped to ours (and the differences reported as a conflict)."""
        if "bin" not in spec.names:
            return {}
        by_bin = {row["bin"]: key for key, row in current.items() if row.get("bin")}
        aliases = {}
        for row in self.opened.sheets[spec.name]:
            key, number = row_key(spec, row.values), row.values.get("bin")
            if key not in current and number and number in by_bin:
                aliases[key] = by_bin[number]
        return aliases

    def _conflict(self, spec: SheetSpec, row: PackageRow, key: tuple[object, ...], differ: tuple[str, ...],
                  existing: dict[str, object] | None) -> None:
        self.summary.conflict_list.append(Conflict(spec.name, row.number, " / ".join(map(str, key)), differ,
                                                   str(row.values.get("origin") or ""),
                                                   str((existing or {}).get("origin") or "")))
        self.counts["conflicts"] += 1

    def _rejected(self, spec: SheetSpec, row: PackageRow, message: str) -> None:
        self.counts["rejected"] += 1
        self.summary.problems.append(PackageProblem(spec.name, row.number, "", message))

    def _missing_reference(self, spec: SheetSpec, row: PackageRow, values: dict[str, Any]) -> bool:
        """A row whose parent record was not imported (a conflict or a rejected row) cannot be stored."""
        table = TABLES[spec.name].__table__
        missing = [name for name, value in values.items()
                   if value is None and name.endswith("_id") and not table.c[name].nullable]
        if missing:
            self._rejected(spec, row, _(
                "Row {row}: not imported, because the record it belongs to was not imported (see the conflicts "
                "and problems above).").format(row=row.number))
        return bool(missing)

    def _link_later(self, spec: SheetSpec, rows: list[tuple[tuple[object, ...], PackageRow]]) -> None:
        if spec.name not in ("enrolments", "certificates") or not rows:
            return
        table = TABLES[spec.name].__table__
        ids = self.ids
        for key, row in rows:
            values = row.values
            if spec.name == "enrolments":
                target = ids["enrolments"].get((values["office"], values.get("transferred_to"), values["iin"]))
                links: dict[str, object] = {"transferred_to_id": target}
            else:
                links = {"supersedes_id": ids["certificates"].get((values["office"], values.get("supersedes"))),
                         "superseded_by_id": ids["certificates"].get((values["office"], values.get("superseded_by")))}
            links["updated_at"] = values["updated_at"]  # the link is part of the record as it came
            self.session.execute(update(table).where(table.c.id == ids[spec.name][key]).values(links))


def _summary(opened: OpenedPackage, applied: bool) -> ImportSummary:
    period = opened.manifest["period"]
    return ImportSummary(file_name=opened.file_name, sha256=opened.sha256,
                         office_code=str(opened.manifest["office"]["code"]),
                         start=date.fromisoformat(period["from"]), end=date.fromisoformat(period["to"]),
                         applied=applied)


def _log(session: Session, summary: ImportSummary, opened: OpenedPackage, by: str) -> None:
    outcome = "conflicts" if summary.has_conflicts else "applied"
    session.add(PackageLog(direction=PackageDirection.IMPORT, at=datetime.now().replace(microsecond=0), by=by,
                           file_name=opened.file_name, sha256=opened.sha256, office_code=summary.office_code,
                           period_from=summary.start, period_to=summary.end,
                           format_version=int(opened.manifest["format_version"]), outcome=outcome,
                           summary=json.dumps(summary.as_json(), ensure_ascii=False)))


@guarded(Action.PACKAGES)
def import_package(session: Session, path: Path, *, today: date, by: str, dry_run: bool = False,
                   progress: ProgressCallback | None = None) -> ImportSummary:
    """Check the package, then apply it in the caller's transaction (``dry_run``: work out what would change,
    then undo it). Raises ``PackageRejected`` (nothing changed) when anything in the package is wrong.
    ``today`` is the date of the import (kept for the receipt and the log)."""
    opened = open_package(Path(path), progress=progress)
    problems = reference_problems(session, opened)
    problems += _meaning_problems(session, opened)[:max(_MAX_PROBLEMS - len(problems), 0)]
    if problems:
        raise PackageRejected(problems)
    office = get_own_office(session)
    summary = _summary(opened, applied=not dry_run)
    savepoint = session.begin_nested() if dry_run else None
    run = _Run(session, opened, office.code if office else "", summary, progress)
    for index, spec in enumerate(SHEETS):
        report(progress, index, len(SHEETS), spec.kk)
        run.sheet(spec)
    if savepoint is not None:
        savepoint.rollback()
    else:
        _log(session, summary, opened, by)
    session.flush()
    report(progress, len(SHEETS), len(SHEETS), "")
    return summary
