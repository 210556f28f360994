"""How long the text of each column of an incoming data package (п.17) may be: what the database column it is
stored in holds, so that nothing is cut (SQLite) or refused half-way through an import (PostgreSQL).

* A column stored as ``String(n)`` holds ``n`` characters (from the model, through
  :func:`~pedesk.services.common.column_lengths`); a column that names another record (an office's code, a
  cohort's code, a provider's name ...) holds what that record's column holds.
* A ``Text`` column (a note, a decision, the findings of a monitoring) holds :data:`TEXT_LIMIT` characters:
  more than any form of pedesk lets anyone type (``MAX_NOTE``), so that records kept before a form had its
  limit still travel, and far less than the 100,000 characters of a cell pasted by mistake.
* The printed text of a certificate (its JSON snapshot) holds :data:`DOCUMENT_LIMIT` characters: a real one is
  about 2,000.

No Qt, no database.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import inspect

from pedesk.models import (
    Certificate,
    Cohort,
    CourseFormat,
    District,
    EducationLevel,
    Office,
    Programme,
    Provider,
    QualificationCategory,
    Region,
    School,
)
from pedesk.services.common import column_lengths
from pedesk.services.packages.rows import TABLES
from pedesk.services.packages.spec import SPECS

__all__ = ["DOCUMENT_LIMIT", "TEXT_LIMIT", "text_limit"]

TEXT_LIMIT = 10_000
"""The longest text a ``Text`` column of a package may bring (a note, a decision, the findings)."""
DOCUMENT_LIMIT = 50_000
"""The longest printed text of a certificate (the snapshot's JSON) a package may bring."""

#: a column that names another record -> the model and column of what it names
_NAMES: dict[str, tuple[Any, str]] = {
    "office": (Office, "code"), "origin": (Office, "code"), "region": (Region, "code"),
    "school_region": (Region, "code"), "workplace_region": (Region, "code"), "district_ru": (District, "name_ru"),
    "district_kk": (District, "name_kk"), "school_district_ru": (District, "name_ru"),
    "school_name_ru": (School, "name_ru"), "level": (EducationLevel, "code"), "format": (CourseFormat, "code"),
    "category": (QualificationCategory, "code"), "programme": (Programme, "code"), "provider": (Provider, "name_ru"),
    "assessor": (Provider, "name_ru"), "cohort": (Cohort, "code"), "transferred_to": (Cohort, "code"),
    "with_cohort": (Cohort, "code"), "certificate": (Certificate, "number"), "supersedes": (Certificate, "number"),
    "superseded_by": (Certificate, "number"),
}
#: a column stored under another name than the package's
_STORED_AS: dict[tuple[str, str], str] = {("certificates", "code"): "verification_code"}


@cache
def _lengths(model: Any) -> dict[str, int]:
    return column_lengths(model)


@cache
def text_limit(sheet: str, column: str) -> int:
    """The most characters the text of ``column`` of ``sheet`` may hold."""
    spec = SPECS[sheet].column(column)
    if spec.kind == "json":
        return DOCUMENT_LIMIT
    model, name = TABLES[sheet], _STORED_AS.get((sheet, column), column)
    if name in _lengths(model):
        return _lengths(model)[name]
    if name in inspect(model).column_attrs:
        return TEXT_LIMIT  # a Text column
    target, target_name = _NAMES[column]
    return _lengths(target)[target_name]
