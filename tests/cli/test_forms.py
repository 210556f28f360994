"""`pedesk forms print` on demo data: Appendices 1-3, the receipt and a cohort's list, read back from the PDFs,
with the JSON answer and the exit codes of every refusal (nothing is written then)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from pedesk.cli.forms import FORMS
from pedesk.models import Cohort, Enrolment, Teacher
from pedesk.models.enums import EnrolmentStatus
from pedesk.models.schema import open_database
from pedesk.services.forms import PRINTED_FORMS
from tests.backends import Backend
from tests.builders import Template, demo_template, pdf_text
from tests.cli.test_certificates import DEMO_TODAY, _query
from tests.cli.test_core import run


@pytest.fixture(scope="module")
def demo(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Template:
    return demo_template(backend, tmp_path_factory, "cli-forms", DEMO_TODAY)


@pytest.fixture(scope="module")
def db(demo: Template) -> str:
    """The demo itself: the commands here only read it."""
    return demo.url


def _one_list_teacher(db: str, abroad: bool) -> tuple[str, str, str, str]:
    """(IIN, full name, cohort code, provider's Kazakh name) of a teacher on exactly one cohort's list."""
    rows = _query(db, "SELECT t.iin, t.surname || ' ' || t.name || coalesce(' ' || t.patronymic, ''), c.code, "
                      "pr.name_kk FROM enrolment e JOIN teacher t ON t.id = e.teacher_id JOIN cohort c ON "
                      "c.id = e.cohort_id JOIN programme p ON p.id = c.programme_id JOIN provider pr ON "
                      "pr.id = c.provider_id WHERE p.abroad = :abroad AND (SELECT count(*) FROM enrolment x "
                      "WHERE x.teacher_id = t.id) = 1 ORDER BY e.id LIMIT 1", abroad=abroad)
    assert rows
    return tuple(str(value) for value in rows[0])  # type: ignore[return-value]


def _print(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--lang", "en", "--db", db, "forms", "print", *argv)


def test_the_short_names_are_the_services(db: str) -> None:
    assert FORMS == PRINTED_FORMS


def test_appendix_1_for_a_teacher_by_iin(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    iin, name, code, provider = _one_list_teacher(db, abroad=False)
    out_file = tmp_path / "app1.pdf"
    status, out, err = _print(capsys, db, "--form", "app1", "--iin", iin, "--out", str(out_file), "--form-lang",
                              "kk", "--json")
    assert status == 0, err
    assert json.loads(out) == {"form": "app1", "path": str(out_file), "lang": "kk", "iin": iin, "holder": name,
                               "cohort": code}
    text, _reader = pdf_text(out_file)
    assert "қағидаларына 1-қосымша" in text and f"{provider} (ұйымның атауы) басшысы" in text
    assert f"Мен, {name} (Т.А.Ә.)" in text and "жұмыс орны" not in text
    status, out, _err = _print(capsys, db, "--form", "app1", "--iin", iin, "--cohort", code, "--out",
                               str(tmp_path / "again.pdf"))
    assert status == 0 and "app1" in out and (tmp_path / "again.pdf").exists()


def test_appendix_2_is_addressed_to_the_office_and_refused_as_appendix_1(
        capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    iin, name, code, provider = _one_list_teacher(db, abroad=True)
    office, head = _query(db, "SELECT name_ru, head_name FROM office WHERE is_own")[0]
    out_file = tmp_path / "app2.pdf"
    status, _out, err = _print(capsys, db, "--form", "app2", "--iin", iin, "--cohort", code, "--out", str(out_file),
                               "--form-lang", "ru")
    assert status == 0, err
    text, _reader = pdf_text(out_file)
    assert "Приложение 2 к Правилам" in text and f"Руководителю {office} (наименование организации) {head}" in text
    assert f"от {name} ФИО" in text and provider not in text
    wrong = tmp_path / "wrong.pdf"
    status, _out, err = _print(capsys, db, "--form", "app1", "--iin", iin, "--out", str(wrong))
    assert status == 2 and f"--form: Cohort {code} is a course abroad" in err and "Traceback" not in err
    assert not wrong.exists()


def test_the_questionnaire_filled_and_blank(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    iin, name, _code, _provider = _one_list_teacher(db, abroad=False)
    status, _out, err = _print(capsys, db, "--form", "app3", "--iin", iin, "--out", str(tmp_path / "filled.pdf"))
    assert status == 0, err
    text, _reader = pdf_text(tmp_path / "filled.pdf")
    assert "3-қосымша" in text and iin in text and name in text  # the interface is English: the form is Kazakh
    status, out, err = _print(capsys, db, "--form", "app3", "--out", str(tmp_path / "blank.pdf"), "--json")
    assert status == 0, err
    assert json.loads(out)["iin"] is None and json.loads(out)["holder"] is None
    blank, _reader = pdf_text(tmp_path / "blank.pdf")
    assert "Электронды поштасы" in blank and iin not in blank


def test_the_receipt_and_the_cohorts_list(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    iin, name, code, _provider = _one_list_teacher(db, abroad=False)
    status, _out, err = _print(capsys, db, "--form", "receipt", "--iin", iin, "--out", str(tmp_path / "r.pdf"),
                               "--date", "2026-11-20", "--form-lang", "ru")
    assert status == 0, err
    text, _reader = pdf_text(tmp_path / "r.pdf")
    assert "РАСПИСКА" in text and name in text and "20 ноября 2026" in text
    status, out, err = _print(capsys, db, "--form", "list", "--cohort", code, "--out", str(tmp_path / "l.pdf"),
                              "--json")
    assert status == 0 and json.loads(out)["cohort"] == code, err
    listed, _reader = pdf_text(tmp_path / "l.pdf")
    assert "ТЫҢДАУШЫЛАР ТІЗІМІ" in listed and iin in listed


@pytest.mark.parametrize(("argv", "message"), [
    (("--form", "app1", "--iin", "000000000000"), "--iin: No teacher with the IIN 000000000000"),
    (("--form", "receipt"), "--iin: Give the teacher's IIN"),
    (("--form", "list"), "--cohort: Give the cohort whose list"),
    (("--form", "list", "--cohort", "NO-SUCH"), "--cohort: There is no cohort with the code NO-SUCH"),
])
def test_refusals_name_the_option_and_write_nothing(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path,
                                                    argv: tuple[str, ...], message: str) -> None:
    target = tmp_path / "form.pdf"
    status, out, err = _print(capsys, db, *argv, "--out", str(target))
    assert status == 2 and message in err and out == "" and "Traceback" not in err
    assert not target.exists()


def test_a_teacher_on_several_lists_needs_the_cohort(capsys: pytest.CaptureFixture[str], demo: Template, db: str,
                                                     tmp_path: Path) -> None:
    copy = demo.copy(tmp_path, "demo.sqlite3")
    iin = _one_list_teacher(db, abroad=False)[0]
    database, _report = open_database(copy)
    try:
        with database.transaction() as session:  # the teacher applies to a second cohort
            teacher = session.scalars(select(Teacher).where(Teacher.iin == iin)).one()
            taken = select(Enrolment.cohort_id).where(Enrolment.teacher_id == teacher.id)
            other = session.scalars(select(Cohort).where(Cohort.id.not_in(taken)).order_by(Cohort.id)).first()
            session.add(Enrolment(cohort=other, teacher=teacher, status=EnrolmentStatus.APPLIED, applied_on=DEMO_TODAY))
            session.flush()
            codes = session.scalars(select(Cohort.code).join(Enrolment, Enrolment.cohort_id == Cohort.id)
                                    .where(Enrolment.teacher_id == teacher.id)).all()
    finally:
        database.dispose()
    status, _out, err = _print(capsys, copy, "--form", "app1", "--iin", iin, "--out", str(tmp_path / "x.pdf"))
    assert status == 2 and "--cohort:" in err and "on the lists of several cohorts" in err, err
    assert len(codes) == 2 and all(code in err for code in codes)
