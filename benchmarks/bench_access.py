"""Signing in and the permission check: how long a sign-in takes (argon2id with pedesk's parameters) against
the bare argon2-cffi verify of the same hash, and a page load with the permission check (a database with users,
a methodologist signed in) against the same page without it (the same data, no users).

    .venv/bin/python benchmarks/bench_access.py [--teachers 100000]

Goals: a sign-in under 1 s on a modest office PC; the permission check adds no visible delay to a page.
Medians of several runs, each beside its baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_database, median_ms  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pedesk.i18n import set_language  # noqa: E402
from pedesk.models.database import Database  # noqa: E402
from pedesk.services import access  # noqa: E402
from pedesk.services.access import Role, passwords  # noqa: E402
from pedesk.ui.context import AppContext  # noqa: E402

PASSWORD = "correct-horse-battery"


def sign_in_times(database: Database) -> tuple[float, float]:
    """(pedesk's sign-in, the bare argon2 verify of the same stored hash) in ms."""
    from argon2 import PasswordHasher

    with database.reading() as session:
        stored = access.find_user(session, "methodologist")
        assert stored is not None
        hashed = stored.password_hash
    bare = PasswordHasher(time_cost=passwords.TIME_COST, memory_cost=passwords.MEMORY_COST_KIB,
                          parallelism=passwords.PARALLELISM)
    ours = median_ms(lambda: access.sign_in(database, "methodologist", PASSWORD))
    floor = median_ms(lambda: bare.verify(hashed, PASSWORD))
    return ours, floor


def window_time(app: QApplication, database: Database) -> float:
    """The main window built and painted (every section's controls, each asking what the user may do)."""
    from pedesk.ui.main_window import MainWindow

    context = AppContext(database)

    def once() -> None:
        window = MainWindow(context)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        window.grab()
        window.close()
        window.deleteLater()
        app.processEvents()

    once()
    return median_ms(once, repeat=5)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=100_000)
    args = parser.parse_args()
    set_language("kk")
    source = demo_database(args.teachers)
    assert source.path is not None
    folder = Path(tempfile.mkdtemp(prefix="pedesk-bench-access-"))
    try:
        copy = folder / "closed.sqlite3"
        shutil.copy(source.path, copy)
        closed = Database(f"sqlite:///{copy}")
        with closed.transaction() as session:
            access.add_user(session, "admin", {Role.ADMIN}, PASSWORD)
        closed.actor = access.sign_in(closed, "admin", PASSWORD)
        with closed.transaction() as session:
            access.add_user(session, "methodologist", {Role.METHODOLOGIST}, PASSWORD)
        ours, floor = sign_in_times(closed)
        print(f"argon2id t={passwords.TIME_COST} m={passwords.MEMORY_COST_KIB // 1024} MiB p={passwords.PARALLELISM}")
        print(f"sign-in: {ours:.1f} ms (median); bare argon2 verify {floor:.1f} ms; ratio {ours / floor:.2f}")
        closed.actor = access.sign_in(closed, "methodologist", PASSWORD)
        app = QApplication.instance() or QApplication([])
        with_check = window_time(app, closed)
        without = window_time(app, source)
        print(f"main window, {args.teachers:,} teachers: with users and the permission check {with_check:.0f} ms; "
              f"open database {without:.0f} ms; ratio {with_check / without:.2f}")
        closed.dispose()
    finally:
        source.dispose()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
