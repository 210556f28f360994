"""Certificate numbers, verification codes and the frozen text printed on a certificate (п.29, 32).

* A certificate number comes from the office's numbering pattern, a ``str.format`` template with the
  fields ``{office}`` (the office code), ``{year}`` (the year of issue) and ``{seq}`` (the gap-free
  sequence number of that year), for example ``KRG-MK-2026-00042``.
* A verification code is 10 characters of Crockford-style base32 (digits and letters without I, L, O
  and U, so that it can be read aloud and typed without confusion); printed as ``XXXXX-XXXXX``.
* The snapshot is the plain-value dictionary stored with a certificate, so that a reprint years later
  is identical whatever happened to the office, the programme or the teacher's record since.

Pure functions: no Qt, no database.
"""

from __future__ import annotations

import random
import secrets
import string
from collections.abc import Callable
from datetime import date

from pedesk.i18n import _

__all__ = [
    "CODE_LENGTH",
    "DEFAULT_PATTERN",
    "MAX_NUMBER_LENGTH",
    "PATTERN_FIELDS",
    "VERIFICATION_ALPHABET",
    "certificate_snapshot",
    "format_certificate_number",
    "format_code_for_print",
    "new_verification_code",
    "normalize_verification_code",
    "parse_qr_payload",
    "qr_payload",
    "validate_pattern",
]

QR_PREFIX = "PEDESK"
"""The first word of the text a certificate's QR code carries (see :func:`qr_payload`)."""

DEFAULT_PATTERN = "{office}-{year}-{seq:05}"
"""The numbering pattern of a new office: ``KRG-MK-2026-00042``."""

PATTERN_FIELDS: tuple[str, ...] = ("office", "year", "seq")
"""The fields a numbering pattern may use."""

MAX_NUMBER_LENGTH = 60
"""A certificate number is stored in 60 characters (``certificate.number``)."""

VERIFICATION_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford-style base32: the digits and the Latin capitals without I, L, O and U."""

CODE_LENGTH = 10
"""A verification code has 10 characters (50 bits)."""

# Worst cases used to try a pattern: the longest office code the database holds (20 characters).
_SAMPLE_OFFICE = "KRG-MK"
_LONG_OFFICE = "X" * 20
_SAMPLE_SEQS = (1, 2, 9, 10, 11, 99, 100, 999, 1000, 12345, 99999, 100000)

_CONVERSIONS: dict[str | None, Callable[[object], object]] = {None: lambda v: v, "s": str, "r": repr, "a": ascii}

# Letters that people type for the digits they look like when reading a code aloud or off paper.
_CODE_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def _format(pattern: str, office: str, year: int, seq: int) -> str:
    return pattern.format(office=office, year=year, seq=seq)


def validate_pattern(pattern: str) -> str | None:
    """A translated message saying what is wrong with a numbering pattern, or None when it works.

    The pattern must contain ``{seq}`` (with or without a format such as ``{seq:05}``), may contain
    ``{office}`` and ``{year}``, nothing else in curly brackets, must give different numbers for
    different sequence numbers and numbers of at most 60 characters.
    """
    example = DEFAULT_PATTERN
    if not pattern or not pattern.strip():
        return _("Enter a numbering pattern, for example {example}.").format(example=example)
    known = ", ".join("{" + name + "}" for name in PATTERN_FIELDS)
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return _malformed()
    fields: list[tuple[str, str, str | None]] = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in PATTERN_FIELDS:
            return _(
                'The numbering pattern uses the field "{field}", which is not known. Use only {known}.'
            ).format(field="{" + field + "}", known=known)
        if spec and "{" in spec:
            return _(
                'The format "{spec}" of the field "{field}" in the numbering pattern cannot be used. '
                "Write a plain format, for example {example}."
            ).format(spec=spec, field="{" + field + "}", example="{seq:05}")
        fields.append((field, spec or "", conversion))
    if not any(field == "seq" for field, _spec, _conversion in fields):
        return _(
            "The numbering pattern must contain {field}, the place of the sequence number, "
            "for example {example}."
        ).format(field="{seq}", example=example)
    for field, spec, conversion in fields:
        value: object = {"office": _SAMPLE_OFFICE, "year": 2026, "seq": 1}[field]
        if conversion not in _CONVERSIONS:
            return _malformed()
        try:
            format(_CONVERSIONS[conversion](value), spec)
        except (ValueError, TypeError):
            return _(
                'The format "{spec}" of the field "{field}" in the numbering pattern does not work. '
                "For the sequence number use, for example, {example}."
            ).format(spec=spec, field="{" + field + "}", example="{seq:05}")
    try:
        samples = [_format(pattern, _SAMPLE_OFFICE, 2026, seq) for seq in _SAMPLE_SEQS]
        longest = _format(pattern, _LONG_OFFICE, 2026, 999999)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return _malformed()
    if len(set(samples)) != len(samples):
        first, second = _first_clash(samples)
        return _(
            "The numbering pattern gives the same number for different sequence numbers "
            "({first} and {second}). Do not cut the sequence number short; use, for example, {example}."
        ).format(first=first, second=second, example="{seq:05}")
    if len(longest) > MAX_NUMBER_LENGTH:
        return _(
            "The numbering pattern gives numbers longer than {maximum} characters, such as {sample}. "
            "Make it shorter."
        ).format(maximum=MAX_NUMBER_LENGTH, sample=longest)
    return None


def _malformed() -> str:
    return _(
        "The numbering pattern is not well formed: each field must be written in curly brackets, "
        "for example {example}. To print a curly bracket itself, write it twice."
    ).format(example=DEFAULT_PATTERN)


def _first_clash(samples: list[str]) -> tuple[int, int]:
    """Two sample sequence numbers that give the same number (for the message)."""
    seen: dict[str, int] = {}
    for seq, text in zip(_SAMPLE_SEQS, samples, strict=True):
        if text in seen:
            return seen[text], seq
        seen[text] = seq
    return _SAMPLE_SEQS[0], _SAMPLE_SEQS[-1]  # pragma: no cover - only called when there is a clash


def format_certificate_number(pattern: str, office_code: str, year: int, seq: int) -> str:
    """The certificate number for ``seq`` in ``year`` of the office ``office_code``.

    Raises ``ValueError`` with a translated message when the pattern does not work (see
    :func:`validate_pattern`).
    """
    try:
        return _format(pattern, office_code, year, seq)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        problem = validate_pattern(pattern)
        raise ValueError(
            problem
            or _("The numbering pattern {pattern} does not work. Check it in the office settings.").format(
                pattern=pattern
            )
        ) from None


def new_verification_code(rng: random.Random | None = None) -> str:
    """A new 10-character verification code from :data:`VERIFICATION_ALPHABET`.

    Without ``rng`` the code comes from :mod:`secrets` (cryptographically strong), as for a real
    certificate; demo data and tests pass a seeded :class:`random.Random` to get the same codes again.
    """
    if rng is None:
        return "".join(secrets.choice(VERIFICATION_ALPHABET) for _i in range(CODE_LENGTH))
    return "".join(rng.choices(VERIFICATION_ALPHABET, k=CODE_LENGTH))


def normalize_verification_code(text: str) -> str:
    """A typed verification code in its stored form: no spaces or dashes, capitals, I/L read as 1, O as 0."""
    cleaned = "".join(ch for ch in text if ch.isalnum()).upper()
    return cleaned.translate(_CODE_LOOKALIKES)


def format_code_for_print(code: str) -> str:
    """A verification code as printed on a certificate: ``XXXXX-XXXXX``."""
    plain = normalize_verification_code(code)
    if len(plain) != CODE_LENGTH:
        return code
    half = CODE_LENGTH // 2
    return f"{plain[:half]}-{plain[half:]}"


def qr_payload(number: str, code: str) -> str:
    """The text in a certificate's QR code: ``PEDESK <code> <number>``, e.g. ``PEDESK 7K2M9QX4HT KRG-MK-2026-00042``.

    The code comes first because it has a fixed length (the number follows the office's pattern and may
    hold spaces); a USB scanner that "types" the QR into the verification box gives exactly this text.
    """
    return f"{QR_PREFIX} {normalize_verification_code(code)} {number}"


def parse_qr_payload(text: str) -> tuple[str, str] | None:
    """(code, number) from the text of a certificate's QR code, or None when ``text`` is not one."""
    stripped = text.strip()
    head, _sep, rest = stripped.partition(" ")
    if head.upper() != QR_PREFIX or len(rest) < CODE_LENGTH:
        return None
    code, number = rest[:CODE_LENGTH], rest[CODE_LENGTH:].strip()
    if any(ch not in VERIFICATION_ALPHABET for ch in code.upper()):
        return None
    return code.upper(), number


def _iso(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def certificate_snapshot(
    *,
    number: str,
    code: str,
    holder: str,
    iin: str,
    office_name_kk: str,
    office_name_ru: str,
    provider_name_kk: str,
    provider_name_ru: str,
    programme_kk: str,
    programme_ru: str,
    hours: int,
    course_start: date | str,
    course_end: date | str,
    city_kk: str,
    city_ru: str,
    issued: date | str,
    valid_until: date | str,
    signer_name: str,
    signer_position_kk: str,
    signer_position_ru: str,
    signer_capacity: str,
) -> dict[str, object]:
    """The frozen text of a certificate, as plain JSON-ready values (dates as ISO ``YYYY-MM-DD``).

    Store it with ``json.dumps(snapshot, ensure_ascii=False)`` in ``certificate.snapshot``.
    """
    return {
        "number": number,
        "code": code,
        "holder": holder,
        "iin": iin,
        "office_name_kk": office_name_kk,
        "office_name_ru": office_name_ru,
        "provider_name_kk": provider_name_kk,
        "provider_name_ru": provider_name_ru,
        "programme_kk": programme_kk,
        "programme_ru": programme_ru,
        "hours": int(hours),
        "course_start": _iso(course_start),
        "course_end": _iso(course_end),
        "city_kk": city_kk,
        "city_ru": city_ru,
        "issued": _iso(issued),
        "valid_until": _iso(valid_until),
        "signer_name": signer_name,
        "signer_position_kk": signer_position_kk,
        "signer_position_ru": signer_position_ru,
        "signer_capacity": str(signer_capacity),
    }
