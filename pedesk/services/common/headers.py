"""The column headings of the lists pedesk imports (a department's list of listeners, a list of schools, a
cohort's results), as offices write them in Kazakh and Russian: data in ``resources/import/headers.toml``,
read once. No Qt, no database.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pedesk.paths import resources_dir

__all__ = ["IMPORTS", "header_aliases", "headers_file", "not_imported_headers"]

IMPORTS = ("listeners", "schools", "results")
"""The imports whose headings the file holds, one table each."""

_NOT_IMPORTED = "not_imported"
_SAME_AS = "@"  # "@listeners": the spellings of the same field in that import


def headers_file() -> Path:
    return resources_dir() / "import" / "headers.toml"


@cache
def _vocabulary() -> dict[str, dict[str, tuple[str, ...]]]:
    """Every table of the file: import -> field -> spellings, "@import" references resolved. A file that is
    missing or malformed is a broken installation: ``RuntimeError`` naming the file."""
    path = headers_file()
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuntimeError(f"pedesk cannot read its column headings from {path}: {exc}. Reinstall pedesk.") from exc
    tables: dict[str, dict[str, tuple[str, ...]]] = {}
    for name in (_NOT_IMPORTED, *IMPORTS):
        table = raw.get(name)
        if not isinstance(table, dict) or not all(
            isinstance(spellings, list) and all(isinstance(text, str) for text in spellings)
            for spellings in table.values()
        ):
            raise RuntimeError(f"{path}: [{name}] must map each field to a list of headings. Reinstall pedesk.")
        tables[name] = {field: tuple(spellings) for field, spellings in table.items()}
    for name in IMPORTS:
        tables[name] = {field: _resolved(tables, field, spellings, path)
                        for field, spellings in tables[name].items()}
    return tables


def _resolved(tables: dict[str, dict[str, tuple[str, ...]]], field: str, spellings: tuple[str, ...],
              path: Path) -> tuple[str, ...]:
    found: list[str] = []
    for text in spellings:
        if not text.startswith(_SAME_AS):
            found.append(text)
            continue
        source = tables.get(text.removeprefix(_SAME_AS), {})
        if field not in source or any(other.startswith(_SAME_AS) for other in source[field]):
            raise RuntimeError(f"{path}: {text} has no plain headings of the field {field}. Reinstall pedesk.")
        found.extend(source[field])
    return tuple(found)


def header_aliases(name: str) -> dict[str, list[str]]:
    """The headings of each field of the import ``name`` (one of ``IMPORTS``), in the file's order (where one
    heading begins with another's words the earlier field wins)."""
    return {field: list(spellings) for field, spellings in _vocabulary()[name].items()}


def not_imported_headers() -> tuple[str, ...]:
    """Headings of columns that hold nothing to import (the row number, the signature)."""
    return _vocabulary()[_NOT_IMPORTED]["headers"]
