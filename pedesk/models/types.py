"""Column helpers shared by the models."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Enum


def str_enum(enum_class: type[StrEnum]) -> Enum:
    """A StrEnum stored as its text value (no native enum, no CHECK: new values need no migration)."""
    return Enum(
        enum_class,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def names(kk: str, ru: str, en: str) -> dict[str, Any]:
    return {"name_kk": kk, "name_ru": ru, "name_en": en}
