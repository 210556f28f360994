"""Certificate numbers, verification codes and the certificate snapshot (pedesk.services.rules.numbering)."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from pedesk.services.rules.numbering import (
    CODE_LENGTH,
    DEFAULT_PATTERN,
    VERIFICATION_ALPHABET,
    certificate_snapshot,
    format_certificate_number,
    format_code_for_print,
    new_verification_code,
    normalize_verification_code,
    validate_pattern,
)


def test_default_pattern_is_valid_and_formats_with_five_digits() -> None:
    assert DEFAULT_PATTERN == "{office}-{year}-{seq:05}"
    assert validate_pattern(DEFAULT_PATTERN) is None
    assert format_certificate_number(DEFAULT_PATTERN, "KRG-MK", 2026, 42) == "KRG-MK-2026-00042"
    assert format_certificate_number(DEFAULT_PATTERN, "KRG-MK", 2026, 123456) == "KRG-MK-2026-123456"


@pytest.mark.parametrize(
    ("pattern", "number"),
    [
        ("{seq}", "7"),
        ("№{seq:04}/{year}", "№0007/2026"),
        ("{year}{office}{seq:>3}", "2026AST  7"),
        ("{{{office}}}-{seq}", "{AST}-7"),
    ],
)
def test_other_valid_patterns(pattern: str, number: str) -> None:
    assert validate_pattern(pattern) is None
    assert format_certificate_number(pattern, "AST", 2026, 7) == number


def test_pattern_without_seq_is_refused() -> None:
    message = validate_pattern("{office}-{year}")
    assert message is not None
    assert "must contain {seq}" in message
    assert DEFAULT_PATTERN in message


@pytest.mark.parametrize("pattern", ["", "   "])
def test_empty_pattern_is_refused(pattern: str) -> None:
    message = validate_pattern(pattern)
    assert message is not None and message.startswith("Enter a numbering pattern")


@pytest.mark.parametrize(("pattern", "field"), [("{office}-{number}-{seq}", "{number}"), ("{seq}-{}", "{}"),
                                                ("{seq}-{0}", "{0}"), ("{seq.real}", "{seq.real}")])
def test_unknown_fields_are_named(pattern: str, field: str) -> None:
    message = validate_pattern(pattern)
    assert message is not None
    assert f'"{field}", which is not known' in message
    assert "{office}, {year}, {seq}" in message


@pytest.mark.parametrize("pattern", ["{office}-{seq", "{office}}-{seq}", "{seq!x}"])
def test_malformed_patterns_are_refused(pattern: str) -> None:
    message = validate_pattern(pattern)
    assert message is not None
    assert "not well formed" in message


@pytest.mark.parametrize("pattern", ["{seq:.2f%}", "{seq:05d}-{year:%Y}", "{seq:{width}}"])
def test_unusable_format_specs_are_refused(pattern: str) -> None:
    message = validate_pattern(pattern)
    assert message is not None
    assert "The format" in message


def test_pattern_that_repeats_numbers_is_refused() -> None:
    message = validate_pattern("{office}-{seq!s:.1}")
    assert message is not None
    assert "same number for different sequence numbers (1 and 10)" in message
    message = validate_pattern("{seq!s:.2}")
    assert message is not None and "(10 and 100)" in message


def test_pattern_giving_too_long_numbers_is_refused() -> None:
    message = validate_pattern("{office}-{office}-{office}-{year}-{seq:010}")
    assert message is not None
    assert "longer than 60 characters" in message


def test_format_with_a_broken_pattern_raises_the_translated_message() -> None:
    with pytest.raises(ValueError, match="not well formed"):
        format_certificate_number("{office}-{seq", "KRG-MK", 2026, 1)
    with pytest.raises(ValueError, match="which is not known"):
        format_certificate_number("{office}-{year}-{nope}", "KRG-MK", 2026, 1)


def test_alphabet_is_crockford_without_i_l_o_u() -> None:
    assert len(VERIFICATION_ALPHABET) == 32 == len(set(VERIFICATION_ALPHABET))
    assert not set("ILOU") & set(VERIFICATION_ALPHABET)
    assert set("0123456789") <= set(VERIFICATION_ALPHABET)


def test_codes_have_ten_characters_of_the_alphabet() -> None:
    codes = [new_verification_code() for _ in range(500)]
    assert all(len(code) == CODE_LENGTH == 10 for code in codes)
    assert all(set(code) <= set(VERIFICATION_ALPHABET) for code in codes)
    assert len(set(codes)) == len(codes)  # 50 random bits each: a repeat means no randomness


def test_seeded_rng_gives_the_same_codes_and_the_default_does_not() -> None:
    first = [new_verification_code(random.Random(7)) for _ in range(3)]
    assert first[0] == first[1] == first[2]
    rng_a, rng_b = random.Random(11), random.Random(11)
    assert [new_verification_code(rng_a) for _ in range(20)] == [new_verification_code(rng_b) for _ in range(20)]
    assert new_verification_code(random.Random(1)) != new_verification_code(random.Random(2))
    assert new_verification_code() != new_verification_code()


def test_code_for_print_and_normalisation() -> None:
    assert format_code_for_print("ABCDE12345") == "ABCDE-12345"
    assert format_code_for_print("abcde-12345") == "ABCDE-12345"
    assert format_code_for_print("SHORT") == "SHORT"
    assert normalize_verification_code(" abcde-1234o ") == "ABCDE12340"
    assert normalize_verification_code("I1L1O0") == "111100"


def test_snapshot_has_every_printed_field_as_plain_values() -> None:
    snapshot = certificate_snapshot(
        number="KRG-MK-2026-00001", code="ABCDE12345", holder="Ахметова Айгүл Серікқызы", iin="850101400123",
        office_name_kk="Кабинет", office_name_ru="Кабинет ru", provider_name_kk="Ұйым", provider_name_ru="Орг",
        programme_kk="Бағдарлама", programme_ru="Программа", hours=72, course_start=date(2026, 3, 2),
        course_end=date(2026, 3, 13), city_kk="Қарағанды", city_ru="Караганда", issued=date(2026, 3, 18),
        valid_until=date(2031, 3, 18), signer_name="Ержанова А.", signer_position_kk="Басшы",
        signer_position_ru="Руководитель", signer_capacity="head",
    )
    assert list(snapshot) == [
        "number", "code", "holder", "iin", "office_name_kk", "office_name_ru", "provider_name_kk",
        "provider_name_ru", "programme_kk", "programme_ru", "hours", "course_start", "course_end", "city_kk",
        "city_ru", "issued", "valid_until", "signer_name", "signer_position_kk", "signer_position_ru",
        "signer_capacity",
    ]
    assert snapshot["course_start"] == "2026-03-02" and snapshot["issued"] == "2026-03-18"
    assert snapshot["valid_until"] == "2031-03-18" and snapshot["hours"] == 72
    assert json.loads(json.dumps(snapshot, ensure_ascii=False)) == snapshot
