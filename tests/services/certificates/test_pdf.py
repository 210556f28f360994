"""Certificates (Appendix 4) as PDF, read back with pypdf and, for the QR code, rendered and decoded."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm

from pedesk.i18n import format_date
from pedesk.paths import resources_dir
from pedesk.services.certificates.calibration import render_calibration_page
from pedesk.services.certificates.layout import (
    ASCENT,
    DESCENT,
    CertificateLayout,
    Element,
    fit_text,
    load_certificate_layout,
    text_width,
)
from pedesk.services.certificates.pdf import (
    CertificatePrint,
    certificate_values,
    drawable,
    render_certificates,
    write_certificates_pdf,
)
from pedesk.services.common.errors import ValidationError
from pedesk.services.common.fonts import SANS, SERIF_BOLD
from pedesk.services.common.progress import Cancelled
from pedesk.services.forms.layout import LayoutError
from pedesk.services.rules.numbering import certificate_snapshot, qr_payload

HOLDER = "Әлібекова Гүлнәр Қайратқызы"
PROGRAMME_KK = "Қазақ әдебиетін оқытудағы үздік тәжірибе: өлең және ұлттық құндылықтар"
PROGRAMME_RU = "Лучшая практика преподавания казахской литературы: поэзия и национальные ценности"
PROVIDER_KK = "«Өрлеу» біліктілікті арттыру ұлттық орталығы» АҚ филиалы"
PROVIDER_RU = "Филиал АО «Национальный центр повышения квалификации «Өрлеу»"
LONG_NAME = "Сейітқожаева-Ғабдулхақова-Нұрмұхамбетова Әйгерім-Гүлшаһира Һамитқызы Өмірзаққызы-Үсенқызы"
LONG_PROGRAMME = ("Жаңартылған білім беру мазмұны аясында бастауыш сынып мұғалімдерінің пәндік және әдістемелік "
                  "құзыреттілігін дамыту: критериалды бағалау, функционалдық сауаттылық, инклюзивті тәсілдер және цифрлық "
                  "білім беру ресурстары")
LONG_PROGRAMME_RU = ("Развитие предметной и методической компетентности учителей начальных классов в условиях "
                     "обновлённого содержания образования: критериальное оценивание, функциональная грамотность и цифровые "
                     "образовательные ресурсы")
DATES = {"course_start": date(2026, 3, 2), "course_end": date(2026, 3, 13), "issued": date(2026, 11, 20),
         "valid_until": date(2031, 11, 20)}


def snapshot(**changes: Any) -> dict[str, object]:
    values: dict[str, Any] = dict(
        number="KRG-MK-2026-00042", code="7K2M9QX4HT", holder=HOLDER, iin="850101400011",
        office_name_kk="Қарағанды облысының әдістемелік кабинеті",
        office_name_ru="Методический кабинет Карагандинской области", provider_name_kk=PROVIDER_KK,
        provider_name_ru=PROVIDER_RU, programme_kk=PROGRAMME_KK, programme_ru=PROGRAMME_RU, hours=72,
        city_kk="Қарағанды", city_ru="Караганда", signer_name="Сейітова Гүлнар Қайратқызы",
        signer_position_kk="Директор", signer_position_ru="Директор", signer_capacity="head", **DATES)
    values.update(changes)
    return certificate_snapshot(**values)


def _pdf(items: list[CertificatePrint], **options: Any) -> PdfReader:
    buffer = io.BytesIO()
    assert render_certificates(items, buffer, **options) == len(items)
    return PdfReader(buffer)


def _flat(text: str) -> str:
    """Lines joined with one space; babel's no-break spaces ("2026\u202fж.") are kept as they are."""
    return re.sub(r"[ \n]+", " ", text)


def _runs(page: Any) -> list[tuple[str, float, float, float]]:
    """Each drawn string of the page's own content with its position (x, baseline y) and size."""
    runs: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if text.strip():
            runs.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
                         size))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.fixture(scope="module")
def layout() -> CertificateLayout:
    return load_certificate_layout()


def _element(layout: CertificateLayout, name: str) -> Element:
    return next(element for element in layout.elements if element.name == name)


def test_every_text_extracts_in_kazakh_and_russian(layout: CertificateLayout) -> None:
    reader = _pdf([CertificatePrint(snapshot())], layout=layout)
    assert len(reader.pages) == 1
    text = _flat(reader.pages[0].extract_text())
    for expected in (
        "СЕРТИФИКАТ", HOLDER, PROGRAMME_KK, PROGRAMME_RU, PROVIDER_KK, PROVIDER_RU,
        "Тіркеу нөмірі / Регистрационный номер №", "KRG-MK-2026-00042",
        "Қазақстан Республикасы педагогтерінің біліктілігін арттырудың білім беру бағдарламасы бойынша курсты аяқтады",
        "прошел(ла) курс по образовательной программе повышения квалификации педагогов Республики Казахстан",
        "72 академиялық сағат", "72 академических часа", "Қарағанды", "Караганда", "Сейітова Гүлнар Қайратқызы",
        "М.О. / М.П.", "Тексеру коды / Код проверки", "7K2M9-QX4HT",
    ):
        assert expected in text
    for lang in ("kk", "ru"):
        for day in DATES.values():
            assert format_date(day, "long", lang) in text  # "2026\u202fж. 2 наурыз", "2 марта 2026"
    assert "с 2 марта 2026 по 13 марта 2026" in text
    assert "ТЕЛНҰСҚА" not in text and "ДУБЛИКАТ" not in text


@pytest.mark.parametrize(("hours", "kk", "ru"), [
    (1, "1 академиялық сағат", "1 академический час"),
    (72, "72 академиялық сағат", "72 академических часа"),
    (108, "108 академиялық сағат", "108 академических часов"),
    (21, "21 академиялық сағат", "21 академический час"),
    (12, "12 академиялық сағат", "12 академических часов"),
])
def test_hours_take_the_plural_form_of_each_language(layout: CertificateLayout, hours: int, kk: str, ru: str) -> None:
    values = certificate_values(snapshot(hours=hours), layout)
    assert (values["hours_kk"], values["hours_ru"]) == (kk, ru)


def test_page_is_a4_landscape_with_the_fonts_embedded(layout: CertificateLayout) -> None:
    reader = _pdf([CertificatePrint(snapshot()), CertificatePrint(snapshot(number="KRG-MK-2026-00043"))],
                  layout=layout)
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width) / mm), round(float(box.height) / mm)) == (297, 210)
    fonts: dict[str, bool] = {}
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        parts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
        fonts[str(font["/BaseFont"])] = any("/FontFile2" in p["/FontDescriptor"].get_object() for p in parts
                                            if "/FontDescriptor" in p)
    assert fonts and all(fonts.values()), fonts
    assert any("NotoSerif-Bold" in name for name in fonts) and any("NotoSans-Regular" in name for name in fonts)
    assert "Helvetica" not in str(fonts)
    assert reader.metadata is not None and reader.metadata.title == "Сертификат"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_qr_code_decodes_to_the_payload(tmp_path: Path, layout: CertificateLayout) -> None:
    number, code = "ҚРҒ/МК 2026-00042", "7K2M9QX4HT"  # a pattern may give non-Latin letters and spaces
    path = write_certificates_pdf(tmp_path / "сертификат.pdf", [CertificatePrint(snapshot(number=number, code=code))],
                                  layout=layout)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    found = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    assert [result.text for result in found] == [qr_payload(number, code)]
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode


def test_a_duplicate_carries_the_mark(layout: CertificateLayout) -> None:
    reader = _pdf([CertificatePrint(snapshot(), duplicate=True), CertificatePrint(snapshot())], layout=layout)
    duplicate, original = (page.extract_text() for page in reader.pages)
    assert "ТЕЛНҰСҚА" in duplicate and "ДУБЛИКАТ" in duplicate and HOLDER in duplicate
    assert "ТЕЛНҰСҚА" not in original and "ДУБЛИКАТ" not in original


def test_a_blank_form_gets_only_the_variable_text(layout: CertificateLayout) -> None:
    full = _flat(_pdf([CertificatePrint(snapshot())], layout=layout).pages[0].extract_text())
    reader = _pdf([CertificatePrint(snapshot())], layout=layout, blank_form=True)
    blank = _flat(reader.pages[0].extract_text())
    for static in ("СЕРТИФИКАТ", "Тіркеу нөмірі", "курсты аяқтады", "прошел(ла) курс", "Көлемі:", "М.О. / М.П."):
        assert static in full and static not in blank
    for variable in (HOLDER, "KRG-MK-2026-00042", PROGRAMME_KK, PROGRAMME_RU, "72 академических часа",
                     format_date(DATES["issued"], "long", "kk"), "7K2M9-QX4HT"):
        assert variable in blank
    assert "/XObject" not in reader.pages[0]["/Resources"]


def _form_origin(page: Any) -> tuple[float, float]:
    """Where the static form is placed: the translation in force at its ``Do``."""
    matrix = (0.0, 0.0)
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"cm":
            matrix = (float(operands[4]), float(operands[5]))
        if operator == b"Do":
            return matrix
    raise AssertionError("the static form is not placed on the page")


def test_offsets_move_everything_printed(layout: CertificateLayout) -> None:
    plain = _pdf([CertificatePrint(snapshot())], layout=layout).pages[0]
    moved = _pdf([CertificatePrint(snapshot())], layout=layout, offset_mm=(5.0, -3.0)).pages[0]
    before = {text: (x, y) for text, x, y, _size in _runs(plain)}
    after = {text: (x, y) for text, x, y, _size in _runs(moved)}
    for text in (HOLDER, "KRG-MK-2026-00042", "7K2M9-QX4HT", "72 академических часа"):
        assert after[text][0] - before[text][0] == pytest.approx(5 * mm, abs=0.01)
        assert after[text][1] - before[text][1] == pytest.approx(3 * mm, abs=0.01)  # 3 mm up: y grows upwards
    assert _form_origin(plain) == (0.0, 0.0)
    assert _form_origin(moved) == pytest.approx((5 * mm, 3 * mm), abs=0.01)


def _inside(layout: CertificateLayout, name: str, runs: list[tuple[str, float, float, float]]) -> list[str]:
    """The strings drawn in element ``name``'s box (checked against its edges), top to bottom."""
    element = _element(layout, name)
    x, y, width, height = element.box
    top = layout.page_size[1] - y
    lines = [(text, left, base, size) for text, left, base, size in runs
             if x - 0.01 <= left <= x + width and top - height - 0.01 <= base <= top]
    for text, left, base, size in lines:
        assert left + text_width(text, element.font, size, element.tracking) - element.tracking <= x + width + 0.01
        assert base + ASCENT * size <= top + 0.01 and base - DESCENT * size >= top - height - 0.01
        assert size >= 4.0
    return [text for text, _left, _base, _size in sorted(lines, key=lambda line: -line[2])]


def test_long_name_and_title_shrink_and_wrap_inside_their_boxes(layout: CertificateLayout) -> None:
    assert len(LONG_PROGRAMME) >= 200 and len(LONG_PROGRAMME_RU) >= 200
    reader = _pdf([CertificatePrint(snapshot(holder=LONG_NAME, programme_kk=LONG_PROGRAMME,
                                             programme_ru=LONG_PROGRAMME_RU))], layout=layout)
    runs = _runs(reader.pages[0])
    assert " ".join(_inside(layout, "holder", runs)) == LONG_NAME
    assert " ".join(_inside(layout, "programme_kk", runs)) == f"«{LONG_PROGRAMME}»"
    assert " ".join(_inside(layout, "programme_ru", runs)) == f"«{LONG_PROGRAMME_RU}»"
    assert len(_inside(layout, "programme_kk", runs)) > 1
    holder = _element(layout, "holder")
    sizes = {size for text, _x, _y, size in runs if text in LONG_NAME}
    assert sizes and max(sizes) < holder.size  # shrunk from 26 pt
    words = _flat(reader.pages[0].extract_text()).split()
    for word in f"{LONG_NAME} {LONG_PROGRAMME} {LONG_PROGRAMME_RU}".split():
        assert word.strip("«»") in " ".join(words)


def test_no_two_boxes_of_the_layout_overlap(layout: CertificateLayout) -> None:
    boxes = [(element.name, element.box) for element in layout.elements if element.kind in ("text", "qr")]
    width, height = layout.page_size
    frame = _element(layout, "frame").box
    overlaps = []
    for index, (name, (x, y, w, h)) in enumerate(boxes):
        assert frame[0] + _element(layout, "frame").band <= x and x + w <= frame[0] + frame[2], name
        assert frame[1] + _element(layout, "frame").band <= y and y + h <= frame[1] + frame[3], name
        for other, (ox, oy, ow, oh) in boxes[index + 1:]:
            if x < ox + ow - 0.01 and ox < x + w - 0.01 and y < oy + oh - 0.01 and oy < y + h - 0.01:
                overlaps.append((name, other))
    assert overlaps == []
    assert (width, height) == pytest.approx((297 * mm, 210 * mm))


def test_fit_shrinks_first_then_wraps_then_shrinks_again() -> None:
    width, height = 100 * mm, 20 * mm
    short = fit_text("Әлібекова Гүлнәр", SERIF_BOLD, width, height, 20, 12, 3)
    assert short.size == 20 and short.lines == ("Әлібекова Гүлнәр",)
    text = "Сейітқожаева-Ғабдулхақова Әйгерім Өмірзаққызы"
    one_line = fit_text(text, SERIF_BOLD, width, height, 20, 8, 3)
    assert len(one_line.lines) == 1 and 8 <= one_line.size < 20  # shrunk, not wrapped, while min_size allows
    wrapped = fit_text(text, SERIF_BOLD, width, height, 20, 16, 3)
    assert len(wrapped.lines) > 1 and wrapped.size >= 16
    for fitted, words in ((wrapped, text), (fit_text(LONG_PROGRAMME, SANS, width, height, 12, 10, 3), LONG_PROGRAMME)):
        assert " ".join(fitted.lines) == words  # every word kept, in order
        assert all(text_width(line, SANS if words == LONG_PROGRAMME else SERIF_BOLD, fitted.size) <= width
                   for line in fitted.lines)
        assert len(fitted.lines) <= 3 and ((len(fitted.lines) - 1) * fitted.pitch / fitted.size + ASCENT + DESCENT) \
            * fitted.size <= height
    long_word = "Әлібекова Сейітқожаева-Ғабдулхақова-Нұрмұхамбетова"
    narrow = fit_text(long_word, SERIF_BOLD, 60 * mm, 30 * mm, 20, 10, 3)
    assert " ".join(narrow.lines) == long_word and narrow.size < 20  # a word is never wider than its box
    assert all(text_width(line, SERIF_BOLD, narrow.size) <= 60 * mm for line in narrow.lines)
    below_minimum = fit_text(LONG_PROGRAMME, SANS, 60 * mm, 12 * mm, 12, 10, 3)
    assert below_minimum.size < 10 and " ".join(below_minimum.lines) == LONG_PROGRAMME
    cut = fit_text("Ә" * 400, SANS, 20 * mm, 5 * mm, 10, 8, 1)
    assert len(cut.lines) == 1 and cut.lines[0].endswith("…") and text_width(cut.lines[0], SANS, cut.size) <= 20 * mm


def test_letters_no_font_has_fall_back(layout: CertificateLayout) -> None:
    assert drawable("Әлібекова", "Helvetica") == ("Әлібекова", SANS)  # the first bundled font that covers it
    assert drawable("Ли 漢 Ә", SANS) == ("Ли ? Ә", SANS)
    text = _pdf([CertificatePrint(snapshot(holder="Әлібекова 漢 Гүлнәр"))], layout=layout).pages[0].extract_text()
    assert "Әлібекова ? Гүлнәр" in text


def test_progress_is_reported_and_cancel_leaves_no_file(tmp_path: Path, layout: CertificateLayout) -> None:
    items = [CertificatePrint(snapshot(number=f"KRG-MK-2026-{n:05}")) for n in range(1, 4)]
    calls: list[tuple[int, int, str]] = []
    path = write_certificates_pdf(tmp_path / "all.pdf", items, layout=layout,
                                  progress=lambda done, total, stage: calls.append((done, total, stage)))
    assert calls == [(0, 3, ""), (1, 3, ""), (2, 3, ""), (3, 3, "")]
    assert len(PdfReader(path).pages) == 3

    def cancel(done: int, total: int, stage: str) -> None:
        if done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        write_certificates_pdf(tmp_path / "cancelled.pdf", items, layout=layout, progress=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.pdf"]  # no file, no leftover partial file


def test_nothing_to_print_and_a_folder_are_refused(tmp_path: Path, layout: CertificateLayout) -> None:
    with pytest.raises(ValidationError):
        write_certificates_pdf(tmp_path / "none.pdf", [], layout=layout)
    with pytest.raises(ValidationError) as refused:
        write_certificates_pdf(tmp_path, [CertificatePrint(snapshot())], layout=layout)
    assert str(tmp_path) in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def _broken(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    raw = json.loads((resources_dir() / "forms" / "certificate.json").read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "certificate.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def _set(name: str, key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(raw: dict[str, Any]) -> None:
        next(element for element in raw["elements"] if element["name"] == name)[key] = value
    return change


@pytest.mark.parametrize(("change", "message"), [
    (_set("holder", "text", "{holdr}"), "element 'holder': text names an unknown field {holdr}"),
    (_set("programme_kk", "colour", "navy"), "element 'programme_kk': colour must be a colour written #RRGGBB"),
    (_set("number", "fnt", "serif"), "element 'number': unknown key 'fnt'"),
    (_set("holder", "min_size", 40), "element 'holder': min_size must not be larger than size"),
    (_set("title", "size", -3), "element 'title': size must be a number > 0"),
    (_set("code", "align", "middle"), "element 'code': align must be one of left, center, right"),
    (_set("qr", "size_mm", "25"), "element 'qr': size_mm must be a number > 0"),
    (_set("number", "name", "holder"), "element 'holder': the name is used twice"),
    (lambda raw: raw["elements"][3].pop("x2_mm"), "element 'title_rule': x2_mm is missing"),
    (lambda raw: raw["page"].update(orientation="sideways"), "page: size must be one of"),
    (_set("title", "text", "{number}"), "element 'title': text names {number}, but a static element"),
    (_set("qr", "static", True), "element 'qr': static cannot be true"),
    (_set("code", "height_mm", 1), "element 'code': height_mm is too small for one line at min_size 8"),
])
def test_a_broken_layout_names_the_element_and_key(tmp_path: Path, change: Callable[[dict[str, Any]], None],
                                                   message: str) -> None:
    with pytest.raises(LayoutError) as error:
        load_certificate_layout(_broken(tmp_path, change))
    assert message in str(error.value)


def test_a_missing_or_unreadable_layout_says_so(tmp_path: Path) -> None:
    with pytest.raises(LayoutError, match="missing"):
        load_certificate_layout(tmp_path / "none.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(LayoutError, match="bad.json"):
        load_certificate_layout(tmp_path / "bad.json")


def test_calibration_page_has_rulers_crosses_boxes_and_the_instruction(layout: CertificateLayout) -> None:
    buffer = io.BytesIO()
    render_calibration_page(buffer, layout=layout)
    page = PdfReader(buffer).pages[0]
    text = page.extract_text()
    words = set(text.split())
    assert {"10", "20", "100", "200", "290"} <= words  # the top ruler runs to 297 mm ...
    assert "190" in words and "300" not in words  # ... the left one to 210 mm
    for label in ("X 20 · Y 20 мм", "X 50 · Y 50 мм", "X 277 · Y 190 мм"):
        assert label in text
    for name in ("holder", "programme_kk", "qr", "duplicate", "frame"):
        assert name in words
    flat = _flat(text)
    assert "Принтерді баптау беті" in flat and "сызғышпен өлшеп" in flat
    assert "Страница настройки принтера" in flat and "Линейкой измерьте" in flat
    moved = io.BytesIO()
    render_calibration_page(moved, layout=layout, offset_mm=(2.0, 1.0))
    before = {text: (x, y) for text, x, y, _size in _runs(page)}
    after = {text: (x, y) for text, x, y, _size in _runs(PdfReader(moved).pages[0])}
    label = "X 20 · Y 20 мм"
    assert after[label][0] - before[label][0] == pytest.approx(2 * mm, abs=0.01)
    assert after[label][1] - before[label][1] == pytest.approx(-1 * mm, abs=0.01)
