"""Names in the database that the models do not describe (kept by migrations in raw SQL)."""

from __future__ import annotations

#: FTS5 search indexes and their shadow tables (teacher_fts, teacher_fts_data, ...)
SEARCH_INDEX_PREFIXES = ("teacher_fts",)
#: indexes in a collation or on pedesk's SQL function (0008, 0010: teachers by name in the Kazakh alphabet)
COLLATED_INDEXES = ("ix_teacher_name_order", "ix_teacher_name_key")

#: columns kept by triggers on SQLite only (0010: the teachers' name key), per table
SQLITE_COLUMNS = {"teacher": ("name_key",)}


def in_models(name: str | None, type_: str, _parent: object = None) -> bool:
    """Whether the models describe the table or index ``name`` (alembic's ``include_name``): not the search
    indexes, the collated indexes nor the SQLite-only columns, which migrations keep in raw SQL."""
    if name is None:
        return True
    if type_ == "column":
        table = _parent.get("table_name") if isinstance(_parent, dict) else None
        return name not in SQLITE_COLUMNS.get(str(table), ())
    if type_ == "table":
        return not name.startswith(SEARCH_INDEX_PREFIXES)
    return not (type_ == "index" and name in COLLATED_INDEXES)
