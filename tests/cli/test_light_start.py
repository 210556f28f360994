"""`pedesk --version` and `pedesk --help` build the parser without the commands' handlers: no service, model,
database or spreadsheet library is imported (issue 17, point 4). A command's handler module is imported when it
runs, and only its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: what a parser never needs: each of these took a tenth of a second or more before the first line of --help
HEAVY = ("sqlalchemy", "alembic", "openpyxl", "reportlab", "python_calamine", "xlsxwriter", "PySide6",
         "pedesk.models", "pedesk.services.common", "pedesk.services.certificates", "pedesk.services.enrolment",
         "pedesk.cli.plumbing", "pedesk.cli.core", "pedesk.cli.users", "pedesk.cli.certificates")

_PROBE = """
import json, sys
from pedesk.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(*argv: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False, env={"PATH": "/usr/bin:/bin", "PEDESK_LANG": "en"})
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(name for name in modules if any(name == heavy or name.startswith(heavy + ".") for heavy in HEAVY))


@pytest.mark.parametrize("argv", [("--version",), ("--help",), ("certificates", "--help"), ("package", "import",
                                                                                             "--help")])
def test_version_and_help_import_no_handler_service_or_model(argv: tuple[str, ...]) -> None:
    assert _heavy(_modules_after(*argv)) == []


def test_a_command_imports_its_own_handler_only() -> None:
    modules = _modules_after("iin", "check", "960101300123")
    assert "pedesk.cli.core" in modules
    assert "pedesk.cli.certificates" not in modules and "pedesk.cli.packages" not in modules
    assert "openpyxl" not in modules and "reportlab" not in modules
