"""Backups of the whole database, consistent while the app is open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pedesk.i18n import _
from pedesk.models.database import Database
from pedesk.models.schema import backup_sqlite
from pedesk.services.common.faults import blames_database, fault_message, write_fault


class BackupError(Exception):
    pass


def backup_database(database: Database, out: Path) -> Path:
    """Copy the database to ``out`` with SQLite's online backup (a half-written file is never left). A full disk,
    a read-only folder or a database that cannot be read is a :class:`BackupError` that says so."""
    source = database.path
    if source is None:
        raise BackupError(
            _(
                "Only a SQLite database file can be backed up by pedesk; "
                "back up a PostgreSQL database with pg_dump."
            )
        )
    out = out.expanduser().resolve()
    if out == source.resolve():
        raise BackupError(_("The backup file must not be the database itself; choose another --out file."))
    if out.is_dir():
        raise BackupError(_("{path} is a folder; give a file name for the backup.").format(path=out))
    if not out.parent.exists():
        raise BackupError(
            _("The folder {path} does not exist; create it or choose another.").format(path=out.parent)
        )
    try:
        return backup_sqlite(source, out)
    except (OSError, sqlite3.Error) as exc:
        if blames_database(exc) or not source.exists():
            message = fault_message(exc, str(source))  # the database itself is locked, damaged or gone
        else:
            fault = write_fault(out, exc)
            message = fault.message if fault is not None else None
        if message is None:
            raise
        raise BackupError(message) from exc
