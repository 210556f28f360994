"""What the package import benchmarks share (bench_package_import.py, bench_consolidation.py): a fresh empty
database, pedesk's import as a timed action, the importer's size limits lifted for a region-sized package, and
the demo without the post-course twins the importer refuses. The export side lives in bench_packages.py."""

from __future__ import annotations

import cProfile
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_packages import WIDE, _open, _peak_mb, _rss_mb, export_pedesk

__all__ = ["WIDE", "_open", "_timed", "export_pedesk", "fresh_database", "import_pedesk", "raise_size_limits",
           "unique_keys_copy"]

RAISED_LIMIT = 8 << 30
_DUPLICATE_WORKS = ("FROM post_course_work WHERE id NOT IN "
                    "(SELECT min(id) FROM post_course_work GROUP BY certificate_id, held_on, title)")


def _timed(action: Callable[[], dict[str, Any]], profile: str | None = None) -> dict[str, Any]:
    ready = _rss_mb()
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    counts = action()
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - started
    if profiler is not None and profile:
        profiler.dump_stats(profile)
    return {"seconds": seconds, "peak_mb": _peak_mb(), "ready_mb": ready, "counts": counts}


def raise_size_limits() -> None:
    """Lift the importer's limits on the package's size (in this process only), for a package bigger than
    they allow, so that the rest of the import can still be measured."""
    for name, module in list(sys.modules.items()):
        if name.startswith("pedesk.services.packages.validation.check"):
            for limit in ("MAX_PACKAGE_BYTES", "MAX_UNPACKED_BYTES"):
                if hasattr(module, limit):
                    setattr(module, limit, RAISED_LIMIT)


def import_pedesk(db: Path, package: Path, raise_limits: bool) -> Callable[[], dict[str, Any]]:
    from common import DEMO_TODAY

    from pedesk.i18n import set_language
    from pedesk.services.packages import PackageRejected, import_package

    set_language("en")  # for the messages of a refused package
    database = _open(db)
    if raise_limits:
        raise_size_limits()

    def run() -> dict[str, Any]:
        try:
            with database.transaction("bench", immediate=True) as session:
                summary = import_package(session, package, today=DEMO_TODAY, by="bench")
        except PackageRejected as exc:
            return {"rejected_package": [problem.message for problem in exc.problems]}
        finally:
            database.dispose()
        return {name: dict(getattr(summary, name)) for name in ("added", "updated", "unchanged", "conflicts",
                                                                 "rejected")}

    return run


def fresh_database(work: Path, name: str) -> Path:
    """An empty database made with open_database (migrated, reference data in), not timed."""
    path = work / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    database = _open(path)
    database.dispose()
    return path


def unique_keys_copy(db: Path, work: Path) -> Path:
    """The demo database, or a copy of it without the post-course works whose natural key (office, certificate,
    date, title) another work of the same certificate already has: the importer refuses a package holding a key
    twice, and the demo can make such twins."""
    with sqlite3.connect(db) as connection:
        twins = connection.execute(f"SELECT count(*) {_DUPLICATE_WORKS}").fetchone()[0]  # noqa: S608
    connection.close()
    if not twins:
        return db
    copy = work / f"{db.stem}-unique-keys.sqlite3"
    if not copy.exists():
        partial = copy.with_suffix(".part")
        source, target = sqlite3.connect(db), sqlite3.connect(partial)
        source.backup(target)
        with target:
            target.execute(f"DELETE {_DUPLICATE_WORKS}")  # noqa: S608
        source.close()
        target.close()
        partial.replace(copy)
    print(f"!! the demo holds {twins} post-course works whose package key (office, certificate, held_on, title) "
          "another work already has; the importer would refuse the package for them, so everything is measured "
          f"on a copy without them ({copy.name})")
    return copy


