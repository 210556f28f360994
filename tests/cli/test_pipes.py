"""Output into a closed pipe (issue 14, point 11): `pedesk teachers find а --json | head -1` ends quietly, as Unix
tools do (exit 141, the status a shell gives a program ended by SIGPIPE), with nothing on stderr."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from pedesk.cli import EXIT_CLOSED_PIPE
from tests.backends import Backend
from tests.builders import demo_template, first_lines_then_close

pytestmark = pytest.mark.sqlite_only("the closed output pipe, not the database: one back-end is enough")


@pytest.fixture(scope="module")
def demo(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> str:
    return demo_template(backend, tmp_path_factory, "pipes", date(2026, 3, 1), teachers=1000).url


@pytest.mark.parametrize("listing", [["--json"], []], ids=["json", "lines"])
def test_a_reader_that_stops_after_one_line_ends_the_listing_quietly(demo: str, listing: list[str]) -> None:
    # 1,000 teachers, most with an "а" in the name: more than a pipe holds (64 KB) even as plain lines, so the
    # writer meets the closed end
    command = [sys.executable, "-m", "pedesk", "--db", demo, "teachers", "find", "а", "--limit", "100000",
               *listing]
    finished = first_lines_then_close(command)
    assert finished.stdout.strip()
    assert finished.stderr == ""  # no BrokenPipeError, no "Exception ignored"
    assert finished.code == EXIT_CLOSED_PIPE


def test_the_whole_listing_still_arrives_when_it_is_read(demo: str) -> None:
    command = [sys.executable, "-m", "pedesk", "--db", demo, "teachers", "find", "а", "--limit", "100000",
               "--json"]
    finished = first_lines_then_close(command, lines=100_000)
    assert finished.code == 0 and finished.stderr == ""
    assert finished.stdout.rstrip().endswith("]")
