"""IIN (ЖСН): normalisation, checking, building (pedesk.services.rules.iin)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pedesk.services.rules import iin as iin_module
from pedesk.services.rules.iin import (
    IinInfo,
    birth_date_agrees,
    check_iin,
    iin_birth_date_problem,
    iin_check_digit,
    make_iin,
    normalize_iin,
)

FEMALE_2006 = "061211600012"
MALE_1979 = "791028302728"



# --- Known numbers -----------------------------------------------------------------------------------------


def test_known_female_2006() -> None:
    info = check_iin(FEMALE_2006)
    assert info == IinInfo(
        iin=FEMALE_2006,
        valid=True,
        birth_date=date(2006, 12, 11),
        sex="female",
        reason=None,
        reason_code=None,
    )


def test_known_male_1979() -> None:
    info = check_iin(MALE_1979)
    assert info.valid is True
    assert info.birth_date == date(1979, 10, 28)
    assert info.sex == "male"
    assert info.reason is None
    assert info.reason_code is None


def test_check_digit_of_known_numbers() -> None:
    assert iin_check_digit(FEMALE_2006[:11]) == 2
    assert iin_check_digit(MALE_1979[:11]) == 8


def _reference_check_digit(first11: str) -> int | None:
    """The algorithm of RULES.md written out independently, as the test oracle."""
    digits = [int(c) for c in first11]
    s = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
    if s != 10:
        return s
    s = sum(d * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
    return None if s == 10 else s


def test_check_digit_first_pass() -> None:
    assert iin_check_digit("10000000000") == 1
    assert iin_check_digit("00000000090") == 90 % 11
    # Weight 11 on the 11th digit counts as 0 in the first pass.
    assert iin_check_digit("00000000009") == 0


def test_check_digit_second_pass() -> None:
    # 5th digit 2 (weight 5): first sum 10, second sum 2 * 7 = 14 -> 3.
    assert iin_check_digit("00002000000") == 3
    # 10th digit 1 (weight 10): first sum 10, second sum 1 * 1 = 1.
    assert iin_check_digit("00000000010") == 1


def test_check_digit_undefined() -> None:
    # 10th digit 1 and 11th digit 5: first sum 10 + 55 = 65 = 10 (mod 11); second 1 + 10 = 11 = 0.
    assert iin_check_digit("00000000015") == 0
    # Digits 9-11 = 2, 8, 1: first sum 18 + 80 + 11 = 109 = 10; second 22 + 8 + 2 = 32 = 10.
    assert iin_check_digit("00000000281") is None
    # Every undefined prefix has both sums equal to 10.
    undefined = [f"{n:011d}" for n in range(3000) if iin_check_digit(f"{n:011d}") is None]
    assert len(undefined) > 10
    for prefix in undefined:
        digits = [int(c) for c in prefix]
        assert sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11 == 10
        weights2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
        assert sum(d * w for d, w in zip(digits, weights2, strict=True)) % 11 == 10


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_check_digit_matches_reference(first11: str) -> None:
    assert iin_check_digit(first11) == _reference_check_digit(first11)


def test_check_digit_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        iin_check_digit("1234567890")
    with pytest.raises(ValueError):
        iin_check_digit("1234567890a")


# --- Every reason code --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "   ", "\u00a0", " - "])
def test_empty(value: object) -> None:
    info = check_iin(value)
    assert info.valid is False
    assert info.reason_code == "empty"
    assert info.reason == "The IIN is empty. Enter the 12-digit IIN from the identity document."
    assert info.iin == ""


@pytest.mark.parametrize("value", ["79102830272A", "791028/302728", "IIN 791028302728", 1.5, -791028302728])
def test_not_digits(value: object) -> None:
    info = check_iin(value)
    assert info.valid is False
    assert info.reason_code == "not_digits"
    assert info.reason is not None and "other than digits" in info.reason


def test_not_digits_rejects_unicode_digits() -> None:
    # Arabic-Indic digits are "digits" for str.isdigit but never an IIN.
    info = check_iin("\u0667\u0669\u0661\u0660\u0662\u0668\u0663\u0660\u0662\u0667\u0662\u0668")
    assert info.reason_code == "not_digits"


def test_length_too_long() -> None:
    info = check_iin("7910283027281")
    assert info.reason_code == "length"
    assert info.reason == "The IIN must have 12 digits, not 13. Check it against the identity document."


def test_length_eleven_digit_text_is_not_padded() -> None:
    info = check_iin("61211600012")
    assert info.valid is False
    assert info.reason_code == "length"
    assert info.iin == "61211600012"
    assert info.reason is not None and "leading zero" in info.reason


def test_short_number_is_not_padded() -> None:
    # Eight digits cannot come from a real IIN that lost zeros (at most three are lost).
    info = check_iin(12345678)
    assert info.reason_code == "length"
    assert info.reason == "The IIN must have 12 digits, not 8. Check it against the identity document."


@pytest.mark.parametrize("digit", ["0", "7", "8", "9"])
def test_century(digit: str) -> None:
    iin = MALE_1979[:6] + digit + MALE_1979[7:]
    info = check_iin(iin)
    assert info.valid is False
    assert info.reason_code == "century"
    assert info.birth_date is None and info.sex is None
    assert info.reason == (
        f"The 7th digit of the IIN {iin} is {digit}, but it can only be 1 to 6. "
        "Check the IIN for a typing error."
    )


@pytest.mark.parametrize(
    "iin",
    [
        "791328302728",  # month 13
        "790028302728",  # month 00
        "791000302728",  # day 00
        "790231302728",  # 31 February
        "010229500000",  # 29 February 2001: not a leap year
        "000229100000",  # 29 February 1800: not a leap year
    ],
)
def test_date(iin: str) -> None:
    info = check_iin(iin)
    assert info.valid is False
    assert info.reason_code == "date"
    assert info.birth_date is None
    assert info.reason is not None and f"({iin[:6]})" in info.reason


def test_leap_days_are_real_dates() -> None:
    assert check_iin(make_iin(date(2000, 2, 29), "female", 0)).birth_date == date(2000, 2, 29)
    assert check_iin(make_iin(date(1996, 2, 29), "male", 0)).birth_date == date(1996, 2, 29)


def test_checksum() -> None:
    info = check_iin("791028302729")
    assert info.valid is False
    assert info.reason_code == "checksum"
    # The number still says what it says: staff can compare it with the document.
    assert info.birth_date == date(1979, 10, 28)
    assert info.sex == "male"
    assert info.reason == (
        "The IIN 791028302729 fails the check-digit test, so one of its digits is wrong. "
        "Check it against the identity document."
    )


def test_checksum_when_check_digit_is_undefined() -> None:
    prefix = next(
        f"791028{c}{s:04d}"
        for c in "34"
        for s in range(10000)
        if iin_check_digit(f"791028{c}{s:04d}") is None
    )
    for last in "0123456789":
        assert check_iin(prefix + last).reason_code == "checksum"


def test_messages_are_translated_before_the_values_are_filled_in(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fake catalogue that reorders the sentence but keeps the named placeholders.
    monkeypatch.setattr(iin_module, "_", lambda message: "TR[" + message + "]")
    reason = check_iin("791028302729").reason
    assert reason is not None
    assert reason.startswith("TR[The IIN 791028302729 fails")
    assert "{" not in reason


# --- Normalisation ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (FEMALE_2006, FEMALE_2006),
        (61211600012, FEMALE_2006),  # numeric cell lost the leading zero
        (61211600012.0, FEMALE_2006),
        (Decimal("61211600012"), FEMALE_2006),
        (Decimal("61211600012.00"), FEMALE_2006),
        ("61211600012.0", FEMALE_2006),  # a number that went through text
        (791028302728, MALE_1979),
        (791028302728.0, MALE_1979),
        ("791 028 302 728", MALE_1979),
        ("791028\u00a0302728", MALE_1979),
        ("791028\u202f302728", MALE_1979),
        ("791028-302728", MALE_1979),
        ("791028\u2013302728", MALE_1979),
        ("\t791028302728\n", MALE_1979),
        (1010500007, "001010500007"),  # born 2000-10-10: two zeros lost
        (105500003, "000105500003"),  # born 2000-01-05: three zeros lost
    ],
)
def test_normalize(value: object, expected: str) -> None:
    assert normalize_iin(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "61211600012",
        "7910283027281",
        "79102830272A",
        1.5,
        -61211600012,
        float("nan"),
        True,
        12345678,
    ],
)
def test_normalize_rejects(value: object) -> None:
    assert normalize_iin(value) is None


def test_numeric_cells_check_as_valid() -> None:
    assert check_iin(61211600012).valid is True
    assert check_iin(61211600012.0).iin == FEMALE_2006
    born_2000 = make_iin(date(2000, 1, 5), "male", 7)
    assert born_2000.startswith("000105")
    assert check_iin(int(born_2000)).valid is True
    assert check_iin(born_2000.lstrip("0")).reason_code == "length"  # text is never padded


# --- make_iin -----------------------------------------------------------------------------------------------


def test_make_iin_known() -> None:
    assert make_iin(date(2006, 12, 11), "female", 1) == FEMALE_2006
    assert make_iin(date(1979, 10, 28), "male", 272) == MALE_1979


def _next_defined_serial(prefix7: str, serial: int) -> int:
    return next(
        (serial + k) % 10000
        for k in range(10000)
        if _reference_check_digit(f"{prefix7}{(serial + k) % 10000:04d}") is not None
    )


def test_make_iin_skips_undefined_serials() -> None:
    undefined = next(s for s in range(10000) if _reference_check_digit(f"7910283{s:04d}") is None)
    iin = make_iin(date(1979, 10, 28), "male", undefined)
    assert int(iin[7:11]) == _next_defined_serial("7910283", undefined)
    assert int(iin[7:11]) != undefined
    assert check_iin(iin).valid


def test_make_iin_wraps_serial() -> None:
    iin = make_iin(date(1990, 1, 1), "female", 10003)
    assert iin.startswith("9001014")
    assert int(iin[7:11]) == _next_defined_serial("9001014", 3)
    assert check_iin(iin).valid
    last = make_iin(date(1990, 1, 1), "female", 9999)
    assert int(last[7:11]) == _next_defined_serial("9001014", 9999)


def test_make_iin_century_digit() -> None:
    assert make_iin(date(1899, 5, 1), "male", 0)[6] == "1"
    assert make_iin(date(1800, 5, 1), "female", 0)[6] == "2"
    assert make_iin(date(1950, 5, 1), "male", 0)[6] == "3"
    assert make_iin(date(1950, 5, 1), "female", 0)[6] == "4"
    assert make_iin(date(2010, 5, 1), "male", 0)[6] == "5"
    assert make_iin(date(2010, 5, 1), "female", 0)[6] == "6"


@pytest.mark.parametrize("year", [1799, 2100])
def test_make_iin_rejects_years_outside_the_code(year: int) -> None:
    with pytest.raises(ValueError):
        make_iin(date(year, 1, 1), "male", 0)


@given(
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from(["male", "female"]),
    serial=st.integers(min_value=0, max_value=20000),
)
def test_make_iin_round_trip(birth: date, sex: str, serial: int) -> None:
    assert sex in ("male", "female")
    iin = make_iin(birth, "male" if sex == "male" else "female", serial)
    info = check_iin(iin)
    assert len(iin) == 12 and iin.isdigit()
    assert info.valid, info.reason
    assert info.birth_date == birth
    assert info.sex == sex
    assert iin_check_digit(iin[:11]) == int(iin[11])


@given(
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from(["male", "female"]),
    serial=st.integers(min_value=0, max_value=9999),
    position=st.integers(min_value=0, max_value=11),
    shift=st.integers(min_value=1, max_value=9),
)
def test_single_digit_change_never_keeps_the_meaning(
    birth: date, sex: str, serial: int, position: int, shift: int
) -> None:
    iin = make_iin(birth, "male" if sex == "male" else "female", serial)
    changed_digit = str((int(iin[position]) + shift) % 10)
    changed = iin[:position] + changed_digit + iin[position + 1 :]
    assert changed != iin
    info = check_iin(changed)
    if info.valid:
        original = check_iin(iin)
        assert (info.birth_date, info.sex, changed[7:11]) != (original.birth_date, original.sex, iin[7:11])
        # The check digit alone can never change and stay valid.
        assert position != 11


# --- Date of birth against the questionnaire ---------------------------------------------------------------


def test_birth_date_agrees() -> None:
    assert birth_date_agrees(MALE_1979, date(1979, 10, 28)) is True
    assert birth_date_agrees(MALE_1979, date(1979, 10, 29)) is False
    assert birth_date_agrees(MALE_1979, date(2079, 10, 28)) is False
    assert birth_date_agrees("not an iin", date(1979, 10, 28)) is False


def test_iin_birth_date_problem() -> None:
    assert iin_birth_date_problem(MALE_1979, date(1979, 10, 28)) is None
    problem = iin_birth_date_problem(MALE_1979, date(1979, 8, 28))
    assert problem == (
        "The date of birth Aug 28, 1979 does not match the IIN 791028302728, which gives Oct 28, 1979. "
        "Check both against the identity document and correct the wrong one."
    )


def test_iin_birth_date_problem_is_silent_when_a_side_is_missing() -> None:
    assert iin_birth_date_problem(MALE_1979, None) is None
    assert iin_birth_date_problem("", date(1979, 10, 28)) is None
    assert iin_birth_date_problem("791328302728", date(1979, 10, 28)) is None  # check_iin reports it
