"""The IIN (ЖСН / ИИН): reading, checking and building individual identification numbers.

Layout of the 12 digits (see RULES.md, "IIN"):

* digits 1-6: date of birth, ``YYMMDD``;
* digit 7: century and sex: 1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd = male, even = female;
* digits 8-11: serial number;
* digit 12: check digit (:func:`iin_check_digit`).

Spreadsheets often keep an IIN as a number, so ``050312500123`` arrives as ``50312500123``;
:func:`normalize_iin` puts the lost leading zeros back for numeric cells only.

Pure functions: no Qt, no database.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

from pedesk.i18n import _, format_date
from pedesk.services.common import shorten

__all__ = [
    "IIN_LENGTH",
    "IinInfo",
    "ReasonCode",
    "Sex",
    "birth_date_agrees",
    "check_iin",
    "iin_birth_date_problem",
    "iin_check_digit",
    "make_iin",
    "normalize_iin",
]

Sex = Literal["male", "female"]
ReasonCode = Literal["empty", "not_digits", "length", "century", "date", "checksum"]

IIN_LENGTH = 12
"""An IIN has exactly 12 digits."""

_MIN_NUMERIC_DIGITS = 9
"""A numeric cell can lose at most three leading zeros (born 2000-01..2000-09: ``0001..``-``0009..``);
numbers shorter than this are not padded, so they are reported as having the wrong length."""

_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# Characters that people and spreadsheets put inside an IIN: ordinary, non-breaking, narrow and thin
# spaces, tabs and line breaks, and every kind of dash or minus sign.
_SEPARATORS = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u200b\ufeff\-\u2010\u2011\u2012\u2013\u2014\u2212]")
# Text that is obviously a number written out by a spreadsheet: "50312500123.0".
_NUMBER_TEXT = re.compile(r"^([0-9]+)\.0+$")

_CENTURY_BASE: dict[int, int] = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _pad_numeric(digits: str) -> str:
    """Put back the leading zeros a numeric spreadsheet cell dropped."""
    if _MIN_NUMERIC_DIGITS <= len(digits) < IIN_LENGTH:
        return digits.zfill(IIN_LENGTH)
    return digits


def _numeric_digits(value: object) -> str | None:
    """The digits of a numeric cell (int, float, Decimal) without a sign or fraction, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value >= 0 else None
    if isinstance(value, float):
        if not math.isfinite(value) or value < 0 or not value.is_integer():
            return None
        return str(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite() or value < 0:
            return None
        try:
            integral = value.to_integral_value()
        except InvalidOperation:
            return None
        if integral != value:
            return None
        return str(int(integral))
    return None


def _clean(value: object) -> tuple[str, bool] | None:
    """``(digits, is_digits)`` read from a cell, or None when the cell is empty.

    ``digits`` is the text with separators removed (numeric cells padded back); ``is_digits`` says
    whether it consists of ASCII digits only.
    """
    if value is None:
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        digits = _numeric_digits(value)
        if digits is None:
            return (str(value), False)
        return (_pad_numeric(digits), True)
    text = _SEPARATORS.sub("", str(value))
    if not text:
        return None
    number = _NUMBER_TEXT.match(text)
    if number is not None:
        # "50312500123.0" is a number that went through text: treat it like the numeric cell.
        return (_pad_numeric(number.group(1)), True)
    return (text, _is_ascii_digits(text))


def normalize_iin(value: object) -> str | None:
    """The 12-digit IIN read from a form field or spreadsheet cell, or None when it cannot be read.

    Accepts ``str``, ``int``, ``float`` and ``Decimal``. Spaces (also non-breaking ones) and dashes are
    removed. A numeric cell (``50312500123`` or ``50312500123.0``) lost its leading zeros and is padded
    back to 12 digits; text is never padded, because text keeps its zeros (an 11-digit text is a typing
    error). The result is not checked further: use :func:`check_iin` for the date and check digit.
    """
    cleaned = _clean(value)
    if cleaned is None:
        return None
    digits, is_digits = cleaned
    if not is_digits or len(digits) != IIN_LENGTH:
        return None
    return digits


def iin_check_digit(first11: str) -> int | None:
    """The check digit (12th digit) for the first 11 digits of an IIN, or None when there is none.

    s = sum(d_i * i, i = 1..11) mod 11; when s == 10, s = sum(d_i * w_i) mod 11 with
    w = 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2; when s is 10 again, no IIN starts with these 11 digits.
    """
    if len(first11) != IIN_LENGTH - 1 or not _is_ascii_digits(first11):
        raise ValueError(f"iin_check_digit needs exactly 11 digits, got {first11!r}")
    digits = [ord(ch) - 48 for ch in first11]
    s = sum(d * w for d, w in zip(digits, _WEIGHTS_1, strict=True)) % 11
    if s == 10:
        s = sum(d * w for d, w in zip(digits, _WEIGHTS_2, strict=True)) % 11
        if s == 10:
            return None
    return s


@dataclass(frozen=True)
class IinInfo:
    """What an IIN says, and whether it is valid.

    ``birth_date`` and ``sex`` are filled whenever they can be read from the number, even when a later
    check (the check digit) fails, so that staff can see what the number says; trust them only when
    ``valid`` is true. ``reason`` is a translated message for people, ``reason_code`` a stable code for
    programs: "empty", "not_digits", "length", "century", "date" or "checksum".
    """

    iin: str
    valid: bool
    birth_date: date | None
    sex: Sex | None
    reason: str | None
    reason_code: ReasonCode | None = None

    @classmethod
    def invalid(cls, iin: str, reason_code: ReasonCode, reason: str, *, birth_date: date | None = None,
                sex: Sex | None = None) -> IinInfo:
        """A number that is not a valid IIN, with what it says nonetheless (``birth_date``, ``sex``)."""
        return cls(iin=iin, valid=False, birth_date=birth_date, sex=sex, reason=reason, reason_code=reason_code)


def _decode_century(digit: int) -> tuple[int, Sex] | None:
    base = _CENTURY_BASE.get(digit)
    if base is None:
        return None
    return base, ("male" if digit % 2 == 1 else "female")


def _decode_date(iin: str, century_base: int) -> date | None:
    try:
        return date(century_base + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def check_iin(value: object) -> IinInfo:
    """Check an IIN from a form field or a spreadsheet cell (see :func:`normalize_iin`).

    The checks run in this order and the first failure is reported: empty, digits only, 12 digits,
    7th digit (century and sex), real date of birth, check digit.
    """
    cleaned = _clean(value)
    if cleaned is None:
        return IinInfo.invalid("", "empty", _(
            "The IIN is empty. Enter the 12-digit IIN from the identity document."))
    text, is_digits = cleaned
    if not is_digits:
        return IinInfo.invalid(text, "not_digits", _(
            'The IIN "{value}" contains characters other than digits. '
            "Enter only the 12 digits of the IIN."
        ).format(value=shorten(text)))
    if len(text) != IIN_LENGTH:
        if len(text) == IIN_LENGTH - 1:
            reason = _(
                "The IIN {iin} has 11 digits instead of 12. If a spreadsheet dropped its leading zero, "
                "add the zero at the start; otherwise check the IIN against the identity document."
            ).format(iin=text)
        else:
            reason = _(
                "The IIN must have 12 digits, not {count}. Check it against the identity document."
            ).format(count=len(text))
        return IinInfo.invalid(text, "length", reason)
    century = _decode_century(int(text[6]))
    if century is None:
        return IinInfo.invalid(text, "century", _(
            "The 7th digit of the IIN {iin} is {digit}, but it can only be 1 to 6. "
            "Check the IIN for a typing error."
        ).format(iin=text, digit=text[6]))
    base, sex = century
    birth_date = _decode_date(text, base)
    if birth_date is None:
        return IinInfo.invalid(text, "date", _(
            "The first six digits of the IIN {iin} ({digits}) are not a real date of birth "
            "(year, month, day). Check the IIN for a typing error."
        ).format(iin=text, digits=text[:6]), sex=sex)
    expected = iin_check_digit(text[:11])
    if expected is None or expected != int(text[11]):
        return IinInfo.invalid(text, "checksum", _(
            "The IIN {iin} fails the check-digit test, so one of its digits is wrong. "
            "Check it against the identity document."
        ).format(iin=text), birth_date=birth_date, sex=sex)
    return IinInfo(iin=text, valid=True, birth_date=birth_date, sex=sex, reason=None, reason_code=None)


def _century_digit(birth_date: date, sex: Sex) -> int:
    year = birth_date.year
    if 1800 <= year <= 1899:
        odd = 1
    elif 1900 <= year <= 1999:
        odd = 3
    elif 2000 <= year <= 2099:
        odd = 5
    else:
        raise ValueError(f"an IIN can only encode a birth year from 1800 to 2099, not {year}")
    if sex == "male":
        return odd
    if sex == "female":
        return odd + 1
    raise ValueError(f"sex must be 'male' or 'female', not {sex!r}")


def make_iin(birth_date: date, sex: Sex, serial: int) -> str:
    """A valid IIN for a birth date and sex, with the serial ``serial`` or the next usable one.

    Tries ``serial``, ``serial + 1``, ... (mod 10000) until the 11 digits have a check digit. Meant for
    demo data and tests; it is fast enough for hundreds of thousands of calls.
    """
    prefix = f"{birth_date.year % 100:02d}{birth_date.month:02d}{birth_date.day:02d}"
    prefix += str(_century_digit(birth_date, sex))
    p = [ord(ch) - 48 for ch in prefix]
    # Weighted sums of the first seven digits, computed once for every serial tried.
    head1 = sum(d * w for d, w in zip(p, _WEIGHTS_1[:7], strict=True))
    head2 = sum(d * w for d, w in zip(p, _WEIGHTS_2[:7], strict=True))
    w1, w2 = _WEIGHTS_1[7:], _WEIGHTS_2[7:]
    start = serial % 10000
    for step in range(10000):
        n = (start + step) % 10000
        a, b, c, d = n // 1000, n // 100 % 10, n // 10 % 10, n % 10
        s = (head1 + a * w1[0] + b * w1[1] + c * w1[2] + d * w1[3]) % 11
        if s == 10:
            s = (head2 + a * w2[0] + b * w2[1] + c * w2[2] + d * w2[3]) % 11
            if s == 10:
                continue
        return f"{prefix}{n:04d}{s}"
    raise ValueError(f"no IIN can be built for {birth_date.isoformat()} ({sex})")  # pragma: no cover


def _iin_date(iin: str) -> date | None:
    """The date of birth written in an IIN (digits 1-7), whatever its check digit; None if unreadable."""
    info = check_iin(iin)
    return info.birth_date


def birth_date_agrees(iin: str, birth_date: date) -> bool:
    """True when the date of birth written in the IIN is ``birth_date``.

    Only the date part (digits 1-7) is compared; an IIN whose date cannot be read does not agree.
    """
    return _iin_date(iin) == birth_date


def iin_birth_date_problem(iin: str, birth_date: date | None) -> str | None:
    """A translated message when the questionnaire's date of birth disagrees with the IIN, else None.

    Returns None when either side is missing or the IIN's date cannot be read: :func:`check_iin`
    reports a broken IIN itself, so the same problem is not reported twice.
    """
    if birth_date is None:
        return None
    iin_date = _iin_date(iin)
    if iin_date is None or iin_date == birth_date:
        return None
    return _(
        "The date of birth {birth_date} does not match the IIN {iin}, which gives {iin_date}. "
        "Check both against the identity document and correct the wrong one."
    ).format(
        birth_date=format_date(birth_date), iin=normalize_iin(iin) or iin, iin_date=format_date(iin_date)
    )
