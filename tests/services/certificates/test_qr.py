"""The certificate's QR code: the same modules as segno's own encoder, any payload at the smallest version,
drawn as one filled path of rectangles that decodes; reportlab's C accelerator is there."""

from __future__ import annotations

import io
import random
import re

import pytest
import segno
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from pedesk.services.certificates.layout import Element
from pedesk.services.certificates.pdf import draw_qr
from pedesk.services.certificates.qr import QR_MASK, qr_matrix, qr_path, segno_matrix
from pedesk.services.rules.numbering import qr_payload

_RANDOM = random.Random(17)
PAYLOADS = [
    "",
    qr_payload("KRG-MK-2026-00042", "7K2M9QX4HT"),
    qr_payload("ҚРҒ/МК 2026-00042", "7K2M9QX4HT"),  # not Latin-1: UTF-8 bytes
    "0123456789" * 7,  # numeric
    "https://example.kz/verify?n=KRG-MK-2026-00042&c=7K2M9QX4HT",
    *("".join(_RANDOM.choice("abcXYZ019 әіңғүұқөһ-:/{}") for _ in range(_RANDOM.randint(1, 300))) for _ in range(40)),
    *("x" * length for length in range(0, 320, 13)),
]


@pytest.mark.parametrize("error", ["l", "m", "q", "h"])
def test_the_modules_are_segnos(error: str) -> None:
    for payload in PAYLOADS:
        assert qr_matrix(payload, error) == segno_matrix(payload, error), payload


def test_the_version_is_the_smallest_that_holds_the_payload() -> None:
    signed = "PEDESK1." + "A1b2C3d4" * 36  # a signed payload of ~300 bytes, as the next issue puts in
    for payload, error in ((qr_payload("KRG-MK-2026-00042", "7K2M9QX4HT"), "q"), (signed, "m")):
        version = segno.make(payload, error=error, micro=False, boost_error=False).version
        assert len(qr_matrix(payload, error)) == 17 + 4 * version
    assert len(qr_matrix("PEDESK 7K2M9QX4HT KRG-MK-2026-00042")) == 29  # version 3 at level Q
    assert segno.make("x", mask=QR_MASK, micro=False).mask == QR_MASK


def _page_content(payload: str) -> str:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 200), pageCompression=0)
    draw_qr(canvas, Element(name="qr", kind="qr", static=False, when=None, box=(20, 20, 160, 160)), payload, 200)
    canvas.showPage()
    canvas.save()
    content = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].get_contents()
    assert content is not None
    return content.get_data().decode("latin-1")


def _image(matrix: list[list[bool]]) -> Image.Image:
    """The matrix at 8 pixels a module with a quiet zone of 4 modules."""
    side = len(matrix)
    image = Image.new("L", ((side + 8) * 8, (side + 8) * 8), 255)
    for row_index, row in enumerate(matrix):
        for column, dark in enumerate(row):
            if dark:
                image.paste(0, ((column + 4) * 8, (row_index + 4) * 8, (column + 5) * 8, (row_index + 5) * 8))
    return image


def test_the_code_is_one_filled_path_of_rectangles() -> None:
    payload = qr_payload("KRG-MK-2026-00042", "7K2M9QX4HT")
    side, path = qr_path(payload)
    assert path in _page_content(payload)
    *rectangles, fill = path.split("\n")
    assert fill == "f"  # one fill for the whole code
    matrix = qr_matrix(payload)
    assert side == len(matrix)
    covered = [[False] * side for _row in matrix]
    for rectangle in rectangles:
        x, y, width = map(int, re.fullmatch(r"(\d+) (\d+) (\d+) 1\.04 re", rectangle).groups())  # type: ignore[union-attr]
        for column in range(x, x + width):
            assert matrix[y][column] and not covered[y][column]
            covered[y][column] = True
    assert covered == matrix
    assert len(rectangles) < sum(map(sum, matrix)) / 1.5  # runs of modules, not one rectangle a module


@pytest.mark.parametrize("payload, error", [
    (qr_payload("ҚРҒ/МК 2026-00042", "7K2M9QX4HT"), "q"),
    ("PEDESK1." + "A1b2C3d4" * 36, "m"),
])
def test_the_modules_decode(payload: str, error: str) -> None:
    found = zxingcpp.read_barcodes(_image(qr_matrix(payload, error)))
    assert [result.text for result in found] == [payload]


def test_a_reprint_takes_the_path_from_the_cache() -> None:
    payload = qr_payload("KRG-MK-2026-00043", "7K2M9QX4HT")
    assert qr_path(payload) is qr_path(payload)


def test_reportlabs_c_accelerator_is_installed() -> None:
    import _rl_accel  # type: ignore[import-not-found, unused-ignore]
    from reportlab.lib import rl_accel  # type: ignore[import-untyped, unused-ignore]

    assert rl_accel.fp_str is _rl_accel.fp_str
