"""The certificate's issuer (п.29, п.32): the organisation that delivered the course names itself on the
certificate and is signed for by its head or acting head, in its own numbering series; the office's own cohorts
are issued by the office as before."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from pedesk.models import Certificate, CertificateCounter, Cohort, Office, Provider
from pedesk.models.database import Database
from pedesk.services.certificates.issuing import issue_for_cohort, reissue_certificate
from pedesk.services.certificates.pdf import CertificatePrint, write_certificates_pdf
from pedesk.services.certificates.queries import printable_certificates
from pedesk.services.common.errors import ValidationError
from tests.builders import COURSE_END as END
from tests.builders import (
    SIGNING_OFFICE,
    TODAY,
    USER,
    cohort,
    office_provider,
    pdf_text,
    programme,
    provider,
    signing_office,
    teacher,
    trained,
)

UNIVERSITY_KK = "Е.А. Бөкетов атындағы Қарағанды университеті"
UNIVERSITY_RU = "Карагандинский университет имени Е.А. Букетова"
RECTOR = "Дүйсенбаев Асқар Болатұлы"
VICE_RECTOR = "Мұқанова Ләззат Серікқызы"
UNIVERSITY = {"head_name": RECTOR, "head_position_kk": "Басқарма төрағасы – ректор",
              "head_position_ru": "Председатель правления – ректор", "acting_head_name": VICE_RECTOR,
              "acting_head_position_kk": "Ректордың міндетін атқарушы",
              "acting_head_position_ru": "Исполняющий обязанности ректора", "city_kk": "Қарағанды",
              "city_ru": "Караганда"}
OFFICE_HEAD = SIGNING_OFFICE["head_name"]


@dataclass(frozen=True)
class World:
    own: int  # a cohort the office delivers itself
    university: int  # a cohort a university delivers
    provider: int  # the university


@pytest.fixture
def world(database: Database) -> World:
    with database.transaction() as session:
        office = signing_office(session)
        course = programme(session, office, "P72")
        own = cohort(session, office, course, "OWN", END, host=office_provider(session, office))
        university = provider(session, UNIVERSITY_KK, UNIVERSITY_RU, **UNIVERSITY)
        theirs = cohort(session, office, course, "UNI", END, host=university)
        session.flush()
        for serial in (1, 2):
            trained(session, own, teacher(session, serial, f"Оспанова{serial:02d}", "Дана"))
            trained(session, theirs, teacher(session, 10 + serial, f"Бекова{serial:02d}", "Айым"))
        return World(own.id, theirs.id, university.id)


def _issue(database: Database, cohort_id: int) -> list[Certificate]:
    with database.transaction(USER, immediate=True) as session:
        issued = issue_for_cohort(session, cohort_id, on=TODAY, today=TODAY, by=USER).issued
        session.expunge_all()
        return list(issued)


def _refusal(database: Database, cohort_id: int) -> str:
    with pytest.raises(ValidationError) as caught, database.transaction(USER, immediate=True) as session:
        issue_for_cohort(session, cohort_id, on=TODAY, today=TODAY, by=USER)
    return " ".join(problem.message for problem in caught.value.problems)


def _pdf(database: Database, tmp_path: Path, cohort_id: int) -> str:
    with database.reading() as session:
        items = printable_certificates(session, cohort_id=cohort_id)
    path = write_certificates_pdf(tmp_path / f"{cohort_id}.pdf", [CertificatePrint(item.snapshot) for item in items])
    return pdf_text(path)[0]


def _provider(database: Database, world: World, **fields: object) -> None:
    with database.transaction() as session:
        university = session.get_one(Provider, world.provider)
        for name, value in fields.items():
            setattr(university, name, value)


def test_a_cohort_of_another_provider_names_it_and_is_signed_by_its_head(database: Database, world: World,
                                                                         tmp_path: Path) -> None:
    certificates = _issue(database, world.university)
    snapshot = json.loads(certificates[0].snapshot)
    assert (snapshot["provider_name_kk"], snapshot["provider_name_ru"]) == (UNIVERSITY_KK, UNIVERSITY_RU)
    assert snapshot["signer_name"] == RECTOR and snapshot["signer_capacity"] == "head"
    assert snapshot["signer_position_ru"] == "Председатель правления – ректор"
    assert certificates[0].signer_name == RECTOR
    text = _pdf(database, tmp_path, world.university)
    assert UNIVERSITY_KK in text and UNIVERSITY_RU in text and RECTOR in text
    assert "Председатель правления – ректор" in text
    assert OFFICE_HEAD not in text  # the office's head is not printed under the university's name
    # no own pattern: numbered in the office's series, which the office's own cohort then continues
    assert [c.number for c in certificates] == ["KRG-2026-00001", "KRG-2026-00002"]
    assert [c.number for c in _issue(database, world.own)] == ["KRG-2026-00003", "KRG-2026-00004"]


def test_the_providers_acting_head_signs_while_its_head_is_absent(database: Database, world: World,
                                                                  tmp_path: Path) -> None:
    _provider(database, world, head_absent=True)
    certificate = _issue(database, world.university)[0]
    assert (certificate.signer_name, certificate.signer_capacity) == (VICE_RECTOR, "acting_head")
    text = _pdf(database, tmp_path, world.university)
    assert VICE_RECTOR in text and "Исполняющий обязанности ректора" in text and RECTOR not in text


def test_a_cohort_of_the_office_prints_the_office_and_its_head(database: Database, world: World,
                                                               tmp_path: Path) -> None:
    with database.transaction() as session:  # the office's entry, spelt a little differently
        own = session.get_one(Cohort, world.own).provider
        own.name_kk, own.name_ru = f"«{own.name_kk.upper()}»", "Карагандинский  областной методический кабинет"
        own.head_name = "Басқа Біреу"  # the office's entry: Settings say who signs, not the providers' list
    certificate = _issue(database, world.own)[0]
    snapshot = json.loads(certificate.snapshot)
    assert snapshot["signer_name"] == OFFICE_HEAD and snapshot["signer_position_kk"] == "Басшы"
    assert snapshot["city_ru"] == "Караганда" and certificate.number == "KRG-2026-00001"
    assert OFFICE_HEAD in _pdf(database, tmp_path, world.own)


def test_a_provider_with_its_own_pattern_numbers_in_its_own_series(database: Database, world: World) -> None:
    _provider(database, world, numbering_pattern="KU-{year}-{seq:04}")
    assert [c.number for c in _issue(database, world.university)] == ["KU-2026-0001", "KU-2026-0002"]
    assert [c.number for c in _issue(database, world.own)] == ["KRG-2026-00001", "KRG-2026-00002"]
    with database.reading() as session:
        counters = {(c.series, c.year): c.last_seq for c in session.scalars(select(CertificateCounter))}
    assert counters == {("", 2026): 2, (f"provider-{world.provider}", 2026): 2}
    # a reissue stays in the issuer's series
    with database.transaction(USER, immediate=True) as session:
        old = session.scalars(select(Certificate).where(Certificate.number == "KU-2026-0001")).one()
        new = reissue_certificate(session, old.id, on=TODAY, reason="Тегі қате", order_no="5-А",
                                  order_date=TODAY, today=TODAY, by=USER)
        assert new.number == "KU-2026-0003" and new.signer_name == RECTOR


def test_a_provider_without_its_head_or_city_is_refused_naming_what_is_missing(database: Database,
                                                                               world: World) -> None:
    _provider(database, world, head_position_ru="", city_kk="")
    message = _refusal(database, world.university)
    assert UNIVERSITY_RU in message or UNIVERSITY_KK in message
    assert "Head's position in Russian" in message and "City in Kazakh" in message
    assert "Head's position in Kazakh" not in message and "Reference data, Providers" in message
    _provider(database, world, head_position_ru="Ректор", city_kk="Қарағанды", head_absent=True,
              acting_head_name="")
    message = _refusal(database, world.university)
    assert "acting head" in message and "Acting head's full name" in message
    with database.reading() as session:
        assert session.scalars(select(Certificate)).all() == []  # nothing was issued


def test_two_series_that_give_the_same_number_are_refused(database: Database, world: World) -> None:
    assert len(_issue(database, world.own)) == 2  # KRG-2026-00001 and 00002 in the office's series
    # a pattern that writes the office's numbers (the providers' form refuses it; an old record may hold one)
    _provider(database, world, numbering_pattern="KRG-{year}-{seq:05}")
    message = _refusal(database, world.university)
    assert "KRG-2026-00001 is already taken" in message and "numbering pattern of its own" in message
    with database.reading() as session:
        office = session.scalars(select(Office)).one()
        assert len(session.scalars(select(Certificate).where(Certificate.office_id == office.id)).all()) == 2
        assert session.scalars(select(CertificateCounter.series)).all() == [""]  # the run was rolled back
