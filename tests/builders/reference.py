"""Reference rows the tests need: a row's id by its code, Karaganda's districts and BINs with a valid check
digit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.models import Region
from pedesk.services.reference import DistrictData, save_district
from pedesk.services.rules.iin import iin_check_digit


def ref_id(session: Session, model: Any, code: str) -> int:
    """The id of the seeded ``model`` row with ``code`` (a region, a category, a level ...)."""
    return int(session.scalars(select(model.id).where(model.code == code)).one())


def ref_row(session: Session, model: Any, code: str) -> Any:
    """The seeded ``model`` row with ``code``."""
    return session.scalars(select(model).where(model.code == code)).one()


def karaganda_districts(session: Session, *, saran: bool = False) -> dict[str, int]:
    """Karaganda's Абай and Бұқар жырау districts (and Сарань when asked): the ids of "region", "abai",
    "bukhar" (and "saran")."""
    region = session.scalars(select(Region.id).where(Region.code == "KARAGANDA")).one()
    ids = {"region": region,
           "abai": save_district(session, DistrictData(region, "Абай ауданы", "Абайский район")).id,
           "bukhar": save_district(session, DistrictData(region, "Бұқар жырау ауданы", "Бухар-Жырауский район")).id}
    if saran:
        ids["saran"] = save_district(session, DistrictData(region, "Сарань қаласы", "город Сарань")).id
    return ids


def make_bin(serial: int, prefix: str = "0503400") -> str:
    """A BIN with a valid check digit (registered March 2005, a legal entity unless ``prefix`` says otherwise)."""
    for n in range(serial, serial + 100):
        first11 = f"{prefix}{n % 10000:04d}"
        digit = iin_check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
    raise AssertionError("no BIN")  # pragma: no cover
