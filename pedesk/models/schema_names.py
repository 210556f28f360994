"""Names in the database that the models do not describe (kept by migrations in raw SQL)."""

from __future__ import annotations

#: FTS5 search indexes and their shadow tables (teacher_fts, teacher_fts_data, ...)
SEARCH_INDEX_PREFIXES = ("teacher_fts",)
#: indexes in a collation (migration 0008: teachers by name in the Kazakh alphabet)
COLLATED_INDEXES = ("ix_teacher_name_order",)


def in_models(name: str | None, type_: str, _parent: object = None) -> bool:
    """Whether the models describe the table or index ``name`` (alembic's ``include_name``): not the search
    indexes nor the collated indexes, which migrations keep in raw SQL."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_INDEX_PREFIXES)
    return not (type_ == "index" and name in COLLATED_INDEXES)
