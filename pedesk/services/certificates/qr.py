"""The certificate's QR code: its modules by segno, and the modules as one PDF path of rectangles.

segno chooses the version (the smallest that holds the payload at the level asked), the modes and the
encoding, and computes the codewords with their error correction. Placing the codewords in the matrix
and masking them, which segno does module by module in Python (two thirds of its time), is done here
from a template made once per (version, level, mask): the matrix of a code of that version with the
function patterns, the format and version information, and the position of every codeword bit in the
placement order with its mask bit. The result is the matrix segno makes (a test compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest
from operator import itemgetter
from typing import Any

import segno
from segno import consts as _consts
from segno import encoder as _encoder

segno_consts: Any = _consts  # segno's encoder steps carry no type hints
segno_encoder: Any = _encoder

__all__ = ["QR_ERROR", "QR_MASK", "qr_matrix", "qr_path"]

QR_MASK = 2
"""A fixed mask pattern: choosing the best of eight takes four times as long as the rest of the QR code,
and every mask decodes."""
QR_ERROR = "q"
"""Level Q survives a seal or a signature over a quarter of the code."""


_BITS = bytes.maketrans(b"01", b"\x00\x01")


@dataclass(frozen=True)
class _Template:
    side: int
    count: int  # bits in the final message (codewords and remainder bits)
    mask: int  # the mask bit of each message bit, as the bytes 0/1 of a big-endian number
    order: Callable[[bytes], tuple[int, ...]]  # (masked bits + function modules) -> the modules row by row


def _codewords(payload: str, error: str) -> tuple[int, int, bytes]:
    """(version, level constant, the final message as bytes 0/1): segno's segments, version and bit
    stream; the error correction and the interleaving (ISO/IEC 18004 7.5, 7.6) on whole bytes here."""
    level = segno_encoder.normalize_errorlevel(error)
    segments = segno_encoder.prepare_data(payload, None, None)
    version = segno_encoder.find_version(segments, level, eci=False, micro=False)
    buff = segno_encoder.Buffer()
    version_range = segno_encoder.version_range(version)
    for segment in segments:
        segno_encoder.write_segment(buff, segment, None, version_range, False)
    capacity = segno_consts.SYMBOL_CAPACITY[version][level]
    segno_encoder.write_terminator(buff, capacity, None, len(buff))
    segno_encoder.write_padding_bits(buff, version, len(buff))
    segno_encoder.write_pad_codewords(buff, version, capacity, len(buff))
    bits = bytes(buff.getbits())
    data = int(bits.hex()[1::2], 2).to_bytes(len(bits) // 8, "big")  # each byte 0/1 is hex "00"/"01"
    data_blocks, error_blocks = _blocks(version, level, data)
    message = bytes(_interleave(data_blocks) + _interleave(error_blocks))
    stream = bin(int.from_bytes(message, "big"))[2:].zfill(8 * len(message)).encode("ascii").translate(_BITS)
    return version, level, stream + bytes(_REMAINDER.get(version, 0))


_REMAINDER = {**dict.fromkeys(range(2, 7), 7), **dict.fromkeys(range(14, 21), 3), **dict.fromkeys(range(21, 28), 4),
              **dict.fromkeys(range(28, 35), 3)}


def _blocks(version: int, level: int, data: bytes) -> tuple[list[bytes], list[bytes]]:
    """The data blocks and their Reed-Solomon error correction blocks: the remainder of the division by
    the generator polynomial (segno's tables), one byte at a time on a whole number."""
    data_blocks, error_blocks = [], []
    offset = 0
    for info in segno_consts.ECC[version][level]:
        count = info.num_total - info.num_data
        multiples = _multiples(count)
        shift, keep = 8 * (count - 1), (1 << 8 * count) - 1
        for _block in range(info.num_blocks):
            block = data[offset:offset + info.num_data]
            offset += info.num_data
            remainder = 0
            for value in block:
                remainder = ((remainder << 8) & keep) ^ multiples[value ^ (remainder >> shift)]
            data_blocks.append(block)
            error_blocks.append(remainder.to_bytes(count, "big"))
    return data_blocks, error_blocks


@lru_cache(maxsize=32)
def _multiples(count: int) -> tuple[int, ...]:
    """The generator polynomial of ``count`` error codewords times each byte value, as whole numbers."""
    log, exp, generator = segno_consts.GALIOS_LOG, segno_consts.GALIOS_EXP, segno_consts.GEN_POLY[count]
    return (0, *(int.from_bytes(bytes(exp[log[value] + g] for g in generator[:count]), "big")
                 for value in range(1, 256)))


def _interleave(blocks: list[bytes]) -> list[int]:
    return [value for column in zip_longest(*blocks) for value in column if value is not None]


@lru_cache(maxsize=64)
def _template(version: int, level: int, mask: int) -> _Template:
    """The placement of version ``version``: segno's own matrix for empty data gives the function
    patterns and the format information; the placement order is the standard's (ISO/IEC 18004 7.7.3)."""
    reference = segno_encoder.encode("", error=level, version=version, mask=mask, micro=False, boost_error=False)
    side = len(reference.matrix)
    free = segno_encoder.make_matrix(side, side)
    segno_encoder.add_finder_patterns(free, side, side)
    segno_encoder.add_alignment_patterns(free, side, side)
    positions = []
    for right in range(side - 1, 0, -2):
        if right <= 6:
            right -= 1
        for vertical in range(side):
            for z in (0, 1):
                column = right - z
                upwards = ((right & 2) == 0) ^ (column < 6)
                row = side - 1 - vertical if upwards else vertical
                if free[row][column] == 0x2:
                    positions.append(row * side + column)
    pattern = segno_encoder.get_data_mask_functions(False)[mask]
    mask_bits = bytes(int(bool(pattern(p // side, p % side))) for p in positions)
    modules = b"".join(bytes(row) for row in reference.matrix)
    # each module of the matrix, row by row: a message bit (its index) or a function module (after them)
    source = dict(zip(positions, range(len(positions)), strict=True))
    order = [source.get(index, len(positions) + index) for index in range(side * side)]
    getter = itemgetter(*order)
    return _Template(side, len(positions), int.from_bytes(mask_bits, "big"),
                     lambda values: getter(values + modules))


def _modules(payload: str, error: str) -> tuple[int, bytes]:
    version, level, bits = _codewords(payload, error)
    template = _template(version, level, QR_MASK)
    if len(bits) != template.count:  # pragma: no cover - the remainder table is the standard's
        raise ValueError(f"QR version {version}: {len(bits)} bits for {template.count} modules")
    masked = (int.from_bytes(bits, "big") ^ template.mask).to_bytes(template.count, "big")
    return template.side, bytes(template.order(masked))


def qr_matrix(payload: str, error: str = QR_ERROR) -> list[list[bool]]:
    """The QR code's modules (True: dark), without the quiet zone, at the smallest version that holds
    ``payload`` at level ``error`` ("l", "m", "q" or "h"), with mask pattern :data:`QR_MASK`."""
    side, modules = _modules(payload, error)
    return [[bool(cell) for cell in modules[start:start + side]] for start in range(0, side * side, side)]


def segno_matrix(payload: str, error: str = QR_ERROR) -> list[list[bool]]:
    """segno's own matrix for the same code (for the test that compares)."""
    code = segno.make(payload, error=error, mask=QR_MASK, boost_error=False, micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix]


@lru_cache(maxsize=1024)
def qr_path(payload: str, error: str = QR_ERROR) -> tuple[int, str]:
    """The QR code's side in modules and its dark modules as one PDF path in module units (x right, y
    down): one rectangle per run of dark modules in a row, filled once (``f``). Cached per payload, so
    that a reprint costs nothing."""
    side, modules = _modules(payload, error)
    parts = []
    for row_index in range(side):
        # a hair taller than a module, so that no pale seam shows between rows when rasterised
        tail = f" {row_index} "
        left = 0
        for run in modules[row_index * side:(row_index + 1) * side].split(b"\x00"):
            if run:
                parts.append(f"{left}{tail}{len(run)} 1.04 re")
            left += len(run) + 1
    parts.append("f")
    return side, "\n".join(parts)
