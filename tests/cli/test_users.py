"""`pedesk users ...`, `pedesk --user NAME ...` and `pedesk db status` on a copy of the demo: the first
administrator closes the database, wrong or missing credentials end with exit 3 and one line, each role does what
the table gives it, and the audit trail and the certificates name the person who acted."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pedesk.models.database import current_user
from pedesk.models.schema import head_revision
from tests.backends import Backend
from tests.builders import PASSWORD, Template, demo_template, run_cli
from tests.cli.test_certificates import _awaiting_cohort, _query

DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Template:
    return demo_template(backend, tmp_path_factory, "users-demo", DEMO_TODAY)


@pytest.fixture
def db(demo: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    copy = demo.copy(tmp_path, "demo.sqlite3")
    monkeypatch.setenv("PEDESK_DB", copy)
    monkeypatch.delenv("PEDESK_PASSWORD", raising=False)
    yield copy


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def _as(monkeypatch: pytest.MonkeyPatch, password: str = PASSWORD) -> None:
    monkeypatch.setenv("PEDESK_PASSWORD", password)


def _add(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, *roles: str,
         by: str | None = "admin") -> tuple[int, str, str]:
    _stdin(monkeypatch, PASSWORD + "\n")
    _as(monkeypatch)
    signed = ["--user", by] if by else []
    return run_cli(capsys, *signed, "users", "add", name, *[part for role in roles for part in ("--role", role)],
                   "--password-stdin")


def test_a_database_without_users_stays_open_and_the_first_admin_closes_it(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str) -> None:
    code, out, _err = run_cli(capsys, "cohorts", "list", "--json")
    assert code == 0 and json.loads(out)
    code, out, _err = run_cli(capsys, "db", "status", "--json")
    status = json.loads(out)
    assert {key: status[key] for key in ("schema", "users", "open")} == {"schema": head_revision(), "users": 0, "open": True}
    assert status["backend"] == ("sqlite" if db.startswith("sqlite") else "postgresql")
    assert (status["warning"] is None) == db.startswith("sqlite")  # a shared database open to all is warned of
    code, _out, err = _add(capsys, monkeypatch, "head", "head", by=None)
    assert code == 2 and "first user must be an administrator" in err
    code, out, err = _add(capsys, monkeypatch, "Admin", "admin", by=None)
    assert code == 0, err
    assert "now closed" in out
    monkeypatch.delenv("PEDESK_PASSWORD")
    code, out, err = run_cli(capsys, "cohorts", "list", "--json")
    assert (code, out) == (3, "") and len(err.strip().splitlines()) == 1 and "--user NAME" in err
    code, out, err = run_cli(capsys, "--user", "admin", "cohorts", "list")
    assert code == 3 and "No password for admin" in err  # no terminal to type it on
    _as(monkeypatch, "wrong password")
    code, out, err = run_cli(capsys, "--user", "admin", "cohorts", "list")
    assert code == 3 and "Wrong user name or password" in err and len(err.strip().splitlines()) == 1
    _as(monkeypatch)
    code, out, err = run_cli(capsys, "--user", "admin", "cohorts", "list", "--json")
    assert code == 0 and json.loads(out)
    code, out, err = run_cli(capsys, "--user", "admin", "db", "status", "--json")
    assert json.loads(out)["open"] is False and json.loads(out)["users"] == 1


def test_each_role_does_what_the_table_gives_it_and_is_refused_the_rest_with_the_role_named(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str, tmp_path: Path) -> None:
    assert _add(capsys, monkeypatch, "admin", "admin", by=None)[0] == 0
    for name, role in (("zhanar", "registrar"), ("bolat", "head"), ("saule", "viewer")):
        code, _out, err = _add(capsys, monkeypatch, name, role)
        assert code == 0, err
    cohort = _awaiting_cohort(db)
    code, _out, err = run_cli(capsys, "--user", "zhanar", "certificates", "issue", "--cohort", cohort)
    assert code == 3 and "«head of the office»" in err and "registrar" in err and "Nothing was changed" in err
    assert _query(db, "SELECT count(*) FROM certificate WHERE issued_by = 'zhanar'") == [(0,)]
    code, out, err = run_cli(capsys, "--user", "bolat", "certificates", "issue", "--cohort", cohort, "--json")
    assert code == 0, err
    numbers = [row["number"] for row in json.loads(out)["issued"]]
    assert numbers
    assert _query(db, "SELECT DISTINCT issued_by FROM certificate WHERE number IN ({})".format(
        ",".join(f"'{n}'" for n in numbers))) == [("bolat",)]
    # the registrar prints what the head issued; a viewer may not print
    pdf = tmp_path / "print.pdf"
    code, _out, err = run_cli(capsys, "--user", "saule", "certificates", "print", "--cohort", cohort, "--out", str(pdf))
    assert code == 3 and "«registrar»" in err and not pdf.exists()
    code, _out, err = run_cli(capsys, "--user", "zhanar", "certificates", "print", "--cohort", cohort, "--out", str(pdf))
    assert code == 0, err and pdf.exists()
    printed = _query(db, "SELECT p.by, p.os_account FROM certificate_print p JOIN certificate c ON "
                         "c.id = p.certificate_id WHERE c.number = :n", n=numbers[0])
    assert printed == [("zhanar", current_user())]
    code, _out, err = run_cli(capsys, "--user", "zhanar", "certificates", "annul", numbers[0], "--reason", "Forged",
                              "--order-no", "12", "--order-date", date.today().isoformat())
    assert code == 3 and "«head of the office»" in err
    code, _out, err = run_cli(capsys, "--user", "bolat", "certificates", "annul", numbers[0], "--reason", "Forged",
                              "--order-no", "12", "--order-date", date.today().isoformat())
    assert code == 0, err
    assert _query(db, "SELECT status, annulled_by FROM certificate WHERE number = :n", n=numbers[0]) == [
        ("annulled", "bolat")]
    code, _out, err = run_cli(capsys, "--user", "bolat", "certificates", "reissue", numbers[1], "--reason", "Name",
                              "--order-no", "13", "--order-date", date.today().isoformat())
    assert code == 0, err
    assert _query(db, "SELECT n.issued_by FROM certificate o JOIN certificate n ON n.id = o.superseded_by_id "
                      "WHERE o.number = :n", n=numbers[1]) == [("bolat",)]
    # the audit trail names the person and the operating-system account for each change
    trail = _query(db, "SELECT DISTINCT by, os_account FROM audit_log WHERE entity = 'certificate' AND by <> ''")
    assert ("bolat", current_user()) in trail
    # users are managed by the administrator alone
    code, _out, err = _add(capsys, monkeypatch, "newbie", "viewer", by="bolat")
    assert code == 3 and "«administrator»" in err


def test_a_locked_account_says_until_when_and_an_admin_unlocks_disables_and_resets(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str) -> None:
    assert _add(capsys, monkeypatch, "admin", "admin", by=None)[0] == 0
    assert _add(capsys, monkeypatch, "zhanar", "registrar")[0] == 0
    _as(monkeypatch, "not the password")
    for _attempt in range(4):
        assert run_cli(capsys, "--user", "zhanar", "cohorts", "list")[0] == 3
    code, _out, err = run_cli(capsys, "--user", "zhanar", "cohorts", "list")
    assert code == 3 and "locked until" in err
    _as(monkeypatch)
    code, _out, err = run_cli(capsys, "--user", "zhanar", "cohorts", "list")  # the right password, still locked
    assert code == 3 and "locked after 5 wrong passwords" in err
    code, out, _err = run_cli(capsys, "--user", "admin", "users", "list", "--json")
    locked = {row["name"]: row["locked_until"] for row in json.loads(out)}
    assert locked["zhanar"] is not None and locked["admin"] is None
    assert run_cli(capsys, "--user", "admin", "users", "unlock", "zhanar")[0] == 0
    assert run_cli(capsys, "--user", "zhanar", "cohorts", "list")[0] == 0
    assert run_cli(capsys, "--user", "admin", "users", "disable", "zhanar")[0] == 0
    code, _out, err = run_cli(capsys, "--user", "zhanar", "cohorts", "list")
    assert code == 3 and "disabled" in err
    code, _out, err = run_cli(capsys, "--user", "admin", "users", "disable", "admin")
    assert code == 2 and "last administrator" in err
    assert run_cli(capsys, "--user", "admin", "users", "enable", "zhanar")[0] == 0
    _stdin(monkeypatch, "a-new-password-1\n")
    assert run_cli(capsys, "--user", "admin", "users", "passwd", "zhanar", "--password-stdin")[0] == 0
    _as(monkeypatch, "a-new-password-1")
    code, _out, err = run_cli(capsys, "--user", "zhanar", "cohorts", "list")
    assert code == 3 and "must change the password first" in err
    _stdin(monkeypatch, "short\n")
    code, _out, err = run_cli(capsys, "--user", "zhanar", "users", "passwd", "zhanar", "--password-stdin")
    assert code == 2 and "at least 10 characters" in err
    _stdin(monkeypatch, "zhanar-own-password\n")
    assert run_cli(capsys, "--user", "zhanar", "users", "passwd", "zhanar", "--password-stdin")[0] == 0
    _as(monkeypatch, "zhanar-own-password")
    assert run_cli(capsys, "--user", "zhanar", "cohorts", "list")[0] == 0
    # never deleted, the hash is argon2id with its own salt, and the log never shows it
    hashes = _query(db, "SELECT name, password_hash FROM app_user ORDER BY name")
    assert [name for name, _hash in hashes] == ["admin", "zhanar"]
    assert all(str(value).startswith("$argon2id$v=19$m=65536,t=3,p=4$") for _name, value in hashes)
    assert len({str(value).split("$")[4] for _name, value in hashes}) == 2  # the salts differ
    logged = _query(db, "SELECT before || after FROM audit_log WHERE entity = 'app_user'")
    assert logged and all("$argon2" not in str(row[0]) for row in logged)


def test_the_permission_table_prints_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run_cli(capsys, "users", "permissions", "--json")
    table = json.loads(out)
    assert code == 0 and table["annul"] == ["head"] and table["users"] == ["admin"]
    assert table["enrolment"] == ["head", "registrar"]
