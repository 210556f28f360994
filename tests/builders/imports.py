"""What the tests of an imported list need: a cohort to import into, the command line run in-process, the values
a careless file brings (mojibake, Excel's escape of a control character, invisible characters, a cell as full
as Excel allows), and the quotes a message makes of them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from pedesk.cli import main
from pedesk.models import Cohort
from tests.builders.courses import cohort, own_office, programme, provider

#: UTF-8 read as cp1252 with a byte lost (as the issue shows it), and as cp1251 (every byte kept)
MOJIBAKE_1252 = "Ð�Ñ…Ð¼ÐµÑ‚Ð¾Ð²Ð°"
MOJIBAKE_1251 = "Ахметова".encode().decode("cp1251")
#: a control character as Excel writes it into the file (a reader may decode it or leave the escape)
CONTROL = "мұғалім_x0007_"
ZERO_WIDTH = "Ай\u200bгүл"
HUGE = "Ж" * 32_767  # the most text an Excel cell holds


def list_cohort(session: Session, code: str = "L-01", *, starts_in: int = 90, capacity: int = 25) -> Cohort:
    """A cohort of the office starting in ``starts_in`` days (its list not yet formed at 90), 12 days long."""
    office = own_office(session)
    start = date.today() + timedelta(days=starts_in)
    group = cohort(session, office, programme(session, office, "P-L"), code, start + timedelta(days=11),
                   start=start, host=provider(session), capacity=capacity)
    session.flush()
    return group


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``pedesk ARGV`` in this process: the exit code, the standard output and the standard error."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's --help, --version and usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``pedesk --lang en ARGV``: the exit code, the standard output and the standard error."""
    return run_main(capsys, "--lang", "en", *argv)


def quotes(message: str) -> list[str]:
    """The values a message quotes ("..."), to check that none is longer than 60 characters."""
    return re.findall(r'"([^"]*)"', message)
