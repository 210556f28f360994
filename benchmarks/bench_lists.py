"""Cohort and school lists on a big region: time to first paint and per-keystroke filter time.

    .venv/bin/python benchmarks/bench_lists.py [--teachers 100000]

Goals: first paint under 300 ms, filter under 50 ms a keystroke. Each figure is a median over several
runs, printed beside a baseline measured in the same run: the bare SQL of the same first page through the
sqlite3 module, so that the ratio shows what the UI adds on a noisy machine.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_database, median_ms  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pedesk.i18n import set_language  # noqa: E402
from pedesk.services.common import like_pattern  # noqa: E402
from pedesk.ui.context import AppContext  # noqa: E402

KEYSTROKES = ("м", "ме", "мек", "мект", "мекте", "мектеп")
COHORT_KEYSTROKES = ("2", "20", "202", "2025", "2025-", "2025-0")


def first_paint(app: QApplication, make_page) -> float:  # type: ignore[no-untyped-def]
    def once() -> None:
        page = make_page()
        page.resize(1280, 800)
        page.show()
        app.processEvents()
        page.grab()
        page.close()
        page.deleteLater()
        app.processEvents()

    once()  # warm the caches once, as a user's second visit would
    return median_ms(once)


def filter_time(app: QApplication, page, strokes: tuple[str, ...]) -> float:  # type: ignore[no-untyped-def]
    timings = []
    for text in strokes:
        def stroke(text: str = text) -> None:
            page.search.setText(text)
            page.apply_filter()
            app.processEvents()

        timings.append(median_ms(stroke, repeat=3))
    return sorted(timings)[len(timings) // 2]


def raw_page(path: Path, sql: str, params: tuple[object, ...]) -> float:
    connection = sqlite3.connect(path)
    try:
        return median_ms(lambda: connection.execute(sql, params).fetchall())
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=100_000)
    args = parser.parse_args()
    set_language("kk")
    database = demo_database(args.teachers)
    app = QApplication.instance() or QApplication([])
    context = AppContext(database)
    from pedesk.ui.reference.schools import SchoolsTab
    from pedesk.ui.schedule.cohorts import CohortListTab

    path = database.path
    assert path is not None
    print(f"database: {path.name}")
    print(f"{'list':<10} {'measure':<22} {'pedesk ms':>10} {'bare SQL ms':>12} {'ratio':>7} {'goal ms':>8}")
    for name, make, strokes, sql in (
        ("cohorts", lambda: CohortListTab(context, open_cohort=lambda _id: None, export=lambda: None), COHORT_KEYSTROKES,
         "SELECT c.id, c.code FROM cohort c JOIN programme p ON p.id = c.programme_id "
         "WHERE c.code LIKE ? OR p.search_key LIKE ? ORDER BY c.start_date DESC LIMIT 200"),
        ("schools", lambda: SchoolsTab(context), KEYSTROKES,
         "SELECT id, name_kk FROM school WHERE search_key LIKE ? ORDER BY search_key LIMIT 200"),
    ):
        paint = first_paint(app, make)
        base_all = raw_page(path, sql, ("%",) * sql.count("?"))
        print(f"{name:<10} {'time to first paint':<22} {paint:>10.1f} {base_all:>12.2f} {paint / base_all:>7.1f} {300:>8}")
        page = make()
        page.show()
        app.processEvents()
        typing = filter_time(app, page, strokes)
        base_filter = raw_page(path, sql, (like_pattern(strokes[2]),) * sql.count("?"))
        print(f"{name:<10} {'filter per keystroke':<22} {typing:>10.1f} {base_filter:>12.2f} "
              f"{typing / base_filter:>7.1f} {50:>8}")
        page.close()
    database.dispose()


if __name__ == "__main__":
    main()
