"""Writing a package's rows into the database (п.17): natural keys to ids, a row to a table's values, and the
inserts and updates of one sheet. Used by :mod:`pedesk.services.packages.importing` inside its transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.services.common import search_key
from pedesk.services.packages.compare import norm
from pedesk.services.packages.rows import TABLES, key_query
from pedesk.services.packages.spec import SheetSpec

__all__ = ["TABLES", "Ids", "key_ids", "table_values", "write_rows"]

Ids = dict[str, dict[tuple[object, ...], int]]
"""sheet (or "regions", "levels", "formats", "categories", "districts") -> natural key -> id."""


def key_ids(session: Session, sheet: str) -> dict[tuple[object, ...], int]:
    """Every record of ``sheet`` here: natural key (normalised as in the package) -> id."""
    query, kinds = key_query(sheet)
    return {tuple(norm(kind, value) for kind, value in zip(kinds, row[1:], strict=True)): row[0]
            for row in session.execute(query)}


def _id(ids: Ids, sheet: str, *key: object) -> int | None:
    if all(part in (None, "") for part in key):
        return None
    return ids[sheet].get(key)


def _origin(row: dict[str, object], own: str) -> str:
    origin = str(row.get("origin") or "")
    return "" if origin == own else origin


def _office(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    return {"code": row["code"], "name_kk": row["name_kk"], "name_ru": row["name_ru"], "city_kk": row["city_kk"],
            "city_ru": row["city_ru"], "region_id": _id(ids, "regions", row["region"])}


def _provider(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    return {"name_ru": row["name_ru"], "name_kk": row["name_kk"], "bin": row["bin"] or None,
            "region_id": _id(ids, "regions", row["region"]), "head_name": row["head_name"], "address": row["address"],
            "phone": row["phone"], "can_assess_externally": bool(row["can_assess_externally"]),
            "search_key": search_key(row["name_kk"], row["name_ru"], row["bin"]), "origin_office": _origin(row, own)}


def _school(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    return {"region_id": _id(ids, "regions", row["region"]),
            "district_id": _id(ids, "districts", row["region"], row["district_ru"]), "name_ru": row["name_ru"],
            "name_kk": row["name_kk"], "bin": row["bin"] or None, "address": row["address"], "phone": row["phone"],
            "search_key": search_key(row["name_kk"], row["name_ru"], row["bin"]), "origin_office": _origin(row, own)}


def _programme(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    return {"office_id": _id(ids, "offices", row["office"]), "code": row["code"], "title_kk": row["title_kk"],
            "title_ru": row["title_ru"], "academic_hours": row["hours"], "kind": row["kind"],
            "level_id": _id(ids, "levels", row["level"]), "format_id": _id(ids, "formats", row["format"]),
            "abroad": bool(row["abroad"]), "abroad_months": row["abroad_months"],
            "language_course": bool(row["language_course"]), "direction": row["direction"],
            "active": row["active"] is not False,
            "search_key": search_key(row["code"], row["title_kk"], row["title_ru"], row["direction"])}


_COHORT_COPY = ("start_date", "end_date", "language", "capacity", "location", "agreed_on", "agreed_with",
                "list_formed_on", "enrolment_order_no", "enrolment_order_date", "note")


def _cohort(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    values = {name: row[name] for name in _COHORT_COPY}
    values.update(office_id=_id(ids, "offices", row["office"]), code=row["code"],
                  programme_id=_id(ids, "programmes", row["office"], row["programme"]),
                  provider_id=_id(ids, "providers", row["provider"]), schedule_status=row["schedule_status"] or "draft")
    return values


_TEACHER_COPY = ("iin", "surname", "name", "patronymic", "birth_date", "position", "education", "category_valid_until",
                 "workplace", "total_experience_years", "teaching_experience_years", "home_address", "phone", "email",
                 "additional_info")


def _teacher(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    values = {name: row[name] for name in _TEACHER_COPY}
    values.update(category_id=_id(ids, "categories", row["category"]),
                  school_id=_id(ids, "schools", row["school_region"], row["school_district_ru"], row["school_name_ru"]),
                  workplace_region_id=_id(ids, "regions", row["workplace_region"]),
                  instruction_language=row["instruction_language"] or None,
                  search_key=search_key(row["surname"], row["name"], row["patronymic"], row["iin"]),
                  origin_office=_origin(row, own))
    return values


def _previous_course(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    return {"teacher_id": _id(ids, "teachers", row["iin"]), "topic": row["topic"], "start_date": row["start_date"],
            "end_date": row["end_date"], "place": row["place"], "academic_hours": row["hours"],
            "certificate_number": row["certificate_number"]}


_ENROLMENT_COPY = ("status", "applied_on", "abroad_country", "abroad_months", "elig_education", "elig_employment",
                   "elig_legislation", "elig_english", "referral_order_no", "referral_order_date", "admin_letter_no",
                   "admin_letter_date", "enrolment_order_no", "enrolment_order_date", "contract_no", "contract_date",
                   "contract_amount", "late_addition_reason", "transfer_reason", "expulsion_order_no",
                   "expulsion_order_date", "commission_decision", "repayment_amount", "note")


def _enrolment(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    values = {name: row[name] for name in _ENROLMENT_COPY}
    values.update(cohort_id=_id(ids, "cohorts", row["office"], row["cohort"]),
                  teacher_id=_id(ids, "teachers", row["iin"]), group_language=row["group_language"] or None,
                  referral_by=row["referral_by"] or None)
    return values


_ASSESSMENT_COPY = ("attempt", "kind", "mode", "assessor_contract_no", "assessor_contract_date", "expert_name",
                    "expert_certificate", "held_on", "score", "max_score", "passed", "supporting_documents", "note")


def _assessment(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    values = {name: row[name] for name in _ASSESSMENT_COPY}
    values.update(enrolment_id=_id(ids, "enrolments", row["office"], row["cohort"], row["iin"]),
                  assessor_provider_id=_id(ids, "providers", row["assessor"]),
                  with_cohort_id=_id(ids, "cohorts", row["office"], row["with_cohort"]))
    return values


_CERTIFICATE_COPY = ("number", "year", "seq", "issue_date", "valid_until", "signer_name", "signer_position_kk",
                     "signer_position_ru", "signer_capacity", "status", "external", "external_issuer", "external_topic",
                     "annulled_at", "annulled_by", "annul_reason", "annul_order_no", "annul_order_date", "issued_by")


def _certificate(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    values = {name: row[name] for name in _CERTIFICATE_COPY}
    values.update(office_id=_id(ids, "offices", row["office"]), verification_code=row["code"],
                  enrolment_id=_id(ids, "enrolments", row["office"], row["cohort"], row["iin"]) if row["cohort"]
                  else None, teacher_id=_id(ids, "teachers", row["iin"]), academic_hours=row["hours"],
                  snapshot=row["snapshot"] or "{}", external=bool(row["external"]))
    return values


def _work(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    return {"certificate_id": _id(ids, "certificates", row["office"], row["certificate"]), "held_on": row["held_on"],
            "title": row["title"], "kind": row["kind"], "place": row["place"], "evidence": row["evidence"],
            "remote": bool(row["remote"])}


def _monitoring(row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    return {"certificate_id": _id(ids, "certificates", row["office"], row["certificate"]), "year_no": row["year_no"],
            "due_date": row["due_date"], "done_on": row["done_on"], "method": row["method"], "done_by": row["done_by"],
            "findings": row["findings"], "result": row["result"] or None}


_VALUES: dict[str, Callable[[dict[str, Any], Ids, str], dict[str, Any]]] = {
    "offices": _office, "providers": _provider, "schools": _school, "programmes": _programme, "cohorts": _cohort,
    "teachers": _teacher, "previous_courses": _previous_course, "enrolments": _enrolment,
    "assessments": _assessment, "certificates": _certificate, "post_course_works": _work, "monitoring": _monitoring,
}


def table_values(spec: SheetSpec, row: dict[str, Any], ids: Ids, own: str) -> dict[str, Any]:
    """The table's column values for a package row, with the row's own times (kept, so that the record
    exports again as it came)."""
    values = _VALUES[spec.name](row, ids, own)
    values.update(created_at=row["created_at"], updated_at=row["updated_at"])
    return values


def write_rows(session: Session, spec: SheetSpec, adds: list[tuple[Any, dict[str, Any]]],
               updates: list[tuple[int, dict[str, Any]]], rejected: Callable[[SheetSpec, Any, str], None]) -> int:
    """Insert the new records and update the changed ones of one sheet (batches of executemany); returns how
    many were added. A batch the database refuses (a unique code or BIN already held by another record) is
    inserted row by row, and each refused row goes to ``rejected`` with the reason."""
    table: Table = TABLES[spec.name].__table__
    added = 0
    for start in range(0, len(adds), 5000):
        batch = adds[start:start + 5000]
        try:
            with session.begin_nested():
                session.execute(insert(table), [values for _row, values in batch])
            added += len(batch)
        except IntegrityError:
            added += _one_by_one(session, table, spec, batch, rejected)
    if updates:
        columns = sorted(updates[0][1])
        statement = update(table).where(table.c.id == bindparam("_id")).values(
            {name: bindparam(f"v_{name}") for name in columns})
        rows = [{"_id": record_id, **{f"v_{name}": values[name] for name in columns}} for record_id, values in updates]
        for start in range(0, len(rows), 5000):
            session.execute(statement, rows[start:start + 5000])
    return added


def _one_by_one(session: Session, table: Table, spec: SheetSpec, batch: list[tuple[Any, dict[str, Any]]],
                rejected: Callable[[SheetSpec, Any, str], None]) -> int:
    added = 0
    for row, values in batch:
        try:
            with session.begin_nested():
                session.execute(insert(table), [values])
            added += 1
        except IntegrityError as exc:
            rejected(spec, row, _(
                "Row {row}: not imported: a record here already holds the same unique value ({detail}). Check the "
                "record with the office that sent the package.").format(row=row.number, detail=str(exc.orig)))
    return added
