"""Names in the database that the models do not describe (kept by migrations in raw SQL)."""

#: FTS5 search indexes and their shadow tables (teacher_fts, teacher_fts_data, ...)
SEARCH_INDEX_PREFIXES = ("teacher_fts",)
