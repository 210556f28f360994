"""Shared set-up for the benchmarks: a demo database made once per parameters and reused."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pedesk.models.database import Database
from pedesk.models.schema import open_database

CACHE = Path(os.environ.get("PEDESK_BENCH_DIR", Path(__file__).resolve().parent / ".cache"))
DEMO_TODAY = date(2026, 11, 25)


def demo_database(teachers: int, seed: int = 1) -> Database:
    """A migrated demo database with ``teachers`` teachers (made on first use, kept in benchmarks/.cache)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"demo-{teachers}-{seed}.sqlite3"
    if not path.exists():
        from pedesk.services.demo import generate_demo

        partial = path.with_suffix(".part")
        partial.unlink(missing_ok=True)
        database, _ = open_database(f"sqlite:///{partial}")
        started = time.perf_counter()
        generate_demo(database, teachers=teachers, seed=seed, today=DEMO_TODAY)
        database.dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        partial.replace(path)
        print(f"made {path.name} in {time.perf_counter() - started:.1f} s")
    database, _ = open_database(f"sqlite:///{path}")
    return database


def median_ms(action: Callable[[], object], repeat: int = 7) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)
