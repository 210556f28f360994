"""Teacher search over a 100,000-teacher region: time per keystroke, service and Teachers tab.

    .venv/bin/python benchmarks/bench_teacher_search.py [--teachers 100000]

Goal: a keystroke answers in under 50 ms. Medians over several runs, printed beside a baseline measured in
the same run: a bare sqlite3 LIKE over the same folded search column with the same page size, which is
the least any substring search of that column can cost.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_database, median_ms  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pedesk.i18n import set_language  # noqa: E402
from pedesk.services.common import like_pattern  # noqa: E402
from pedesk.services.teachers import page_teachers  # noqa: E402
from pedesk.ui.context import AppContext  # noqa: E402

BARE_SQL = "SELECT id FROM teacher WHERE search_key LIKE ? ESCAPE '\\' ORDER BY search_key LIMIT 200"
TYPING = {
    "Kazakh surname": ("ә", "әл", "әлі", "әліб", "әлібе"),
    "Russian surname": ("и", "ив", "ива", "иван", "ивано"),
    "IIN prefix": ("8", "85", "850", "8503", "85031"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=100_000)
    args = parser.parse_args()
    set_language("kk")
    database = demo_database(args.teachers)
    path = database.path
    assert path is not None
    raw = sqlite3.connect(path)
    app = QApplication.instance() or QApplication([])
    from pedesk.ui.listeners.page import TeachersTab

    tab = TeachersTab(AppContext(database))
    tab.resize(1280, 800)
    tab.show()
    app.processEvents()
    print(f"database: {path.name}")
    print(f"{'typing':<16} {'service ms':>11} {'tab ms':>8} {'bare LIKE ms':>13} {'ratio':>6} {'goal ms':>8}")
    for label, strokes in TYPING.items():
        service, ui, bare = [], [], []
        for text in strokes:
            with database.reading() as session:
                service.append(median_ms(lambda text=text, session=session: page_teachers(session, text, 0, 200),
                                         repeat=5))

            def stroke(text: str = text) -> None:
                tab.search.setText(text)
                tab.apply_filter()
                app.processEvents()

            ui.append(median_ms(stroke, repeat=3))
            bare.append(median_ms(lambda text=text: raw.execute(BARE_SQL, (like_pattern(text),)).fetchall(),
                                  repeat=5))
        s, u, b = statistics.median(service), statistics.median(ui), statistics.median(bare)
        print(f"{label:<16} {s:>11.1f} {u:>8.1f} {b:>13.1f} {u / b:>6.2f} {50:>8}")
    raw.close()
    database.dispose()


if __name__ == "__main__":
    main()
