"""Schema versions: upgrade an older database after a dated backup; refuse one made by a newer pedesk."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from pedesk.i18n import _
from pedesk.models.database import Database, busy_timeout_ms, sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaError(Exception):
    """The database cannot be opened by this pedesk; the message says why and what to do."""


@dataclass(frozen=True)
class UpgradeReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy of a live SQLite database (the online backup API), written atomically: under a temporary
    name beside ``target``, renamed into place; on any failure the temporary file is removed (and no journal is
    written beside it, so none can be left) and the error goes on."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    partial = Path(name)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=busy_timeout_ms() / 1000)
        try:
            dst = sqlite3.connect(partial)
            try:
                dst.execute("PRAGMA journal_mode=OFF")  # the copy is thrown away whole when it fails
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return target


def _dated_backup_path(db_path: Path, revision: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return db_path.parent / "backups" / f"{db_path.stem}-{stamp}-before-upgrade-from-{revision}.sqlite3"


def upgrade_database(database: Database, *, target: str = "head") -> UpgradeReport:
    """Bring the schema to ``target`` (normally the newest), copying a SQLite file to a dated backup first."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(database.engine)
    if current is not None and _unknown(script, current):
        raise SchemaError(
            _(
                "This database was made by a newer version of pedesk (schema {revision}). "
                "Install the newer pedesk to open it; nothing was changed."
            ).format(revision=current)
        )
    if current is None:
        tables = set(inspect(database.engine).get_table_names())
        if tables:
            raise SchemaError(
                _(
                    "This file is a database but not a pedesk database (it has no schema version). "
                    "Choose another file; nothing was changed."
                )
            )
    wanted = script.get_current_head() if target == "head" else target
    assert wanted is not None
    if current == wanted:
        return UpgradeReport(current, wanted, None)
    backup = None
    db_path = sqlite_path(database.url)
    if current is not None and db_path is not None and db_path.exists():
        backup = backup_sqlite(db_path, _dated_backup_path(db_path, current))
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    return UpgradeReport(current, wanted, backup)


def _unknown(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown revision
        return True


def open_database(url: str) -> tuple[Database, UpgradeReport]:
    """Open (creating when new) and upgrade; the way main.py and cli.py get a database.

    A new file is made only in a folder that exists: a missing folder is most often a network or removable drive
    that is not connected, where a new empty database would hide the real one."""
    path = sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        raise SchemaError(_(
            "The folder {path} of the database does not exist. If it is on a network or removable drive, connect "
            "the drive; otherwise create the folder or choose another database file. Nothing was changed."
        ).format(path=path.parent))
    database = Database(url)
    try:
        report = upgrade_database(database)
    except BaseException:
        database.dispose()
        raise
    return database, report
