"""Printing 1,000 certificates into one PDF, against a plain reportlab loop drawing the same text.

    .venv/bin/python benchmarks/bench_certificates.py [--teachers 100000] [--count 1000] [--repeat 5]

The certificates are the first ``--count`` issued ones of the demo database of ``--teachers`` teachers
(benchmarks/common.py; ``--teachers 0``: made-up certificates with long Kazakh names and programmes).
Goal: pedesk's render_certificates (layout, shrink-to-fit, glyph coverage, QR code, the static frame)
within 1.3x of the floor measured in the same run: a bare reportlab canvas loop that draws every
string of the same certificates (the same texts, fonts and sizes, at each element's corner, one page
each, no fitting, no QR code, no frame). Both with reportlab's C accelerator (rl-accel, a dependency).
Each figure is the median of several runs, written to memory; pedesk's QR cache is emptied before each
run, so that every run draws every QR code afresh.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from pedesk.services.certificates import (  # noqa: E402
    CertificateLayout,
    CertificatePrint,
    certificate_values,
    load_certificate_layout,
    render_certificates,
)
from pedesk.services.certificates.qr import qr_path  # noqa: E402
from pedesk.services.common import SANS, register_fonts  # noqa: E402
from pedesk.services.rules import certificate_snapshot, new_verification_code  # noqa: E402

GOAL = 1.3
SURNAMES = ("Әлібекова", "Ғабитов", "Қасымова", "Ңұрланов", "Өмірзақова", "Ұлықпанов", "Үсенова", "Һадиев",
            "Іскакова", "Бекмұхамбетов", "Сейітқожаева-Ғабдулхақова", "Тоқтарова")
NAMES = ("Айгүл", "Ерлан", "Гүлнәр", "Нұрлан", "Әйгерім", "Серік", "Жанар", "Дәулет", "Шынар", "Асқар")
PATRONYMICS = ("Қайратқызы", "Серікұлы", "Болатқызы", "Маратұлы", "Ержанқызы", "Асқарұлы")
PROGRAMMES = (
    ("Қазақ әдебиетін оқытудағы үздік тәжірибе: өлең және ұлттық құндылықтар",
     "Лучшая практика преподавания казахской литературы: поэзия и национальные ценности", 72),
    ("Функционалдық сауаттылықты дамыту", "Развитие функциональной грамотности", 36),
    ("Инклюзивті білім беру жағдайында бастауыш сынып мұғалімдерінің әдістемелік құзыреттілігін дамыту",
     "Развитие методической компетентности учителей начальных классов в условиях инклюзивного образования", 108),
)


def demo_items(teachers: int, count: int) -> list[CertificatePrint]:
    """The first ``count`` live certificates of the demo database of ``teachers`` teachers."""
    from common import demo_database
    from sqlalchemy import text

    database = demo_database(teachers)
    with database.engine.connect() as conn:
        snapshots = conn.execute(text(
            "SELECT snapshot FROM certificate WHERE status = 'issued' AND external = 0 ORDER BY id LIMIT :count"),
            {"count": count}).scalars().all()
    database.dispose()
    return [CertificatePrint(json.loads(snapshot)) for snapshot in snapshots]


def items(count: int) -> list[CertificatePrint]:
    result = []
    for index in range(count):
        kk, ru, hours = PROGRAMMES[index % len(PROGRAMMES)]
        start = date(2026, 1, 12) + timedelta(days=7 * (index % 40))
        holder = (f"{SURNAMES[index % len(SURNAMES)]} {NAMES[index * 7 % len(NAMES)]} "
                  f"{PATRONYMICS[index * 5 % len(PATRONYMICS)]}")
        result.append(CertificatePrint(certificate_snapshot(
            number=f"KRG-MK-2026-{index + 1:05}", code=new_verification_code(), holder=holder,
            iin=f"{850101400000 + index:012}", office_name_kk="Қарағанды облысының әдістемелік кабинеті",
            office_name_ru="Методический кабинет Карагандинской области",
            provider_name_kk="«Өрлеу» біліктілікті арттыру ұлттық орталығы» АҚ филиалы",
            provider_name_ru="Филиал АО «Национальный центр повышения квалификации «Өрлеу»",
            programme_kk=kk, programme_ru=ru, hours=hours, course_start=start,
            course_end=start + timedelta(days=11), city_kk="Қарағанды", city_ru="Караганда",
            issued=start + timedelta(days=14), valid_until=start + timedelta(days=14 + 5 * 365),
            signer_name="Сейітова Гүлнар Қайратқызы", signer_position_kk="Директор",
            signer_position_ru="Директор", signer_capacity="head")))
    return result


Page = list[tuple[str, float, float, float, str]]


def baseline_pages(certificates: list[CertificatePrint], layout: CertificateLayout) -> list[Page]:
    """Every text element's filled string with its font, size and box corner (made before the clock runs)."""
    height = layout.page_size[1]
    texts = [element for element in layout.elements if element.kind == "text" and element.when is None]
    pages = []
    for item in certificates:
        values = certificate_values(item.snapshot, layout)
        page = []
        for element in texts:
            suffix = f"_{element.lang}"
            fields = {**values, **{key[:-3]: value for key, value in values.items() if key.endswith(suffix)}}
            page.append((element.font, element.size, element.box[0], height - element.box[1] - element.size,
                         element.template.format_map(fields)))
        pages.append(page)
    return pages


def baseline(pages: list[Page], layout: CertificateLayout) -> None:
    """A bare reportlab loop: drawString for each string, one page per certificate."""
    canvas = Canvas(io.BytesIO(), pagesize=layout.page_size, pageCompression=1, initialFontName=SANS)
    for page in pages:
        for font, size, x, y, text in page:
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()


def medians_s(actions: list[Callable[[], object]], repeat: int) -> list[float]:
    """The median time of each action, the actions taking turns (so that the machine's other work
    weighs on each alike); pedesk's QR cache is emptied before every run."""
    timings: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for action, spent in zip(actions, timings, strict=True):
            qr_path.cache_clear()
            started = time.perf_counter()
            action()
            spent.append(time.perf_counter() - started)
    return [statistics.median(spent) for spent in timings]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=5000, help="the demo to take certificates from; 0: made up")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    register_fonts()
    layout = load_certificate_layout()
    certificates = demo_items(args.teachers, args.count) if args.teachers else items(args.count)
    render_certificates(certificates[:10], io.BytesIO(), layout=layout)  # warm the fonts' caches once
    pages = baseline_pages(certificates, layout)
    pedesk, plain = medians_s([lambda: render_certificates(certificates, io.BytesIO(), layout=layout),
                               lambda: baseline(pages, layout)], args.repeat)
    source = f"the {args.teachers}-teacher demo" if args.teachers else "made-up certificates"
    print(f"{len(certificates)} certificates from {source}, median of {args.repeat} runs")
    print(f"{'pedesk render_certificates':<28} {pedesk:>8.2f} s  ({pedesk / len(certificates) * 1000:.2f} ms a page)")
    print(f"{'plain reportlab loop':<28} {plain:>8.2f} s  ({plain / len(certificates) * 1000:.2f} ms a page)")
    print(f"{'ratio pedesk / floor':<28} {pedesk / plain:>8.2f}    (goal {GOAL})")
    print(f"{'peak memory (RSS)':<28} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>8.0f} MB")


if __name__ == "__main__":
    main()
