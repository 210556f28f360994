"""Cancelling a package export (issue 17 point 8) while the records are selected, in the middle of a sheet and
while the workbook is packed leaves no file, releases the database (no "database table is locked", no "cannot
DROP TABLE ... being used by active queries") and the next export works."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pedesk.models.database import Database
from pedesk.models.schema import open_database
from pedesk.services.common import Cancelled
from pedesk.services.demo.region import generate_demo
from pedesk.services.packages import export as export_module
from pedesk.services.packages.export import export_package
from pedesk.services.packages.spec import sheet_title
from tests.backends import Backend

H2 = (date(2026, 7, 1), date(2026, 12, 31))


@pytest.fixture(scope="module")
def office(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database, _report = open_database(backend.migrated(tmp_path_factory.mktemp("cancel"), "a.sqlite3", keep=True))
    generate_demo(database, teachers=40, seed=5, today=date(2026, 11, 25), office_code="KRG-MK")
    yield database
    database.dispose()


def _cancel_at(stage: str, nth: int) -> object:
    seen = []

    def progress(_done: int, _total: int, text: str) -> None:
        if text == stage:
            seen.append(text)
            if len(seen) == nth:
                raise Cancelled()
    return progress


@pytest.mark.parametrize(("stage", "nth"), [("Collecting the records…", 3), ("teachers", 3),
                                            ("Packing the workbook…", 2)], ids=["selecting", "mid-sheet", "zipping"])
def test_a_cancelled_export_leaves_no_file_and_the_next_one_works(office: Database, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   stage: str, nth: int) -> None:
    monkeypatch.setattr(export_module, "_PROGRESS_EVERY", 1)
    shown = sheet_title("teachers", "kk") if stage == "teachers" else stage
    target = tmp_path / "package.zip"
    with pytest.raises(Cancelled), office.transaction("test", immediate=True) as session:
        export_package(session, target, start=H2[0], end=H2[1], by="test", progress=_cancel_at(shown, nth))  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    with office.transaction("test", immediate=True) as session:
        result = export_package(session, target, start=H2[0], end=H2[1], by="test")
    assert target.is_file() and result.counts["teachers"] > 0
