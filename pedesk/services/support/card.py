"""The monitoring card of a certified listener (мониторинг картасы / карта мониторинга, п.35-37): an A4 PDF in
Kazakh or Russian, whatever the interface's language, handed to the school with the teacher's post-course works,
the three yearly monitoring visits, the final analysis and a line for the methodologist's signature.

Long texts wrap inside the tables; the Noto fonts are embedded, so the Kazakh letters print. Refused (nothing
written) for a certificate without support: annulled or replaced, after a course abroad, or another
organisation's. Written under a temporary name and renamed into place. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.enums import TA_CENTER  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import (  # type: ignore[import-untyped, unused-ignore]
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _, format_date, gettext_in
from pedesk.models import Certificate
from pedesk.models.enums import SupportKind
from pedesk.models.support import MonitoringRecord, PostCourseWork
from pedesk.services.common import (
    SANS,
    SANS_BOLD,
    ValidationError,
    build_pdf,
    check_target,
    legible,
    register_fonts,
    write_atomically,
)
from pedesk.services.rules import FINAL_ANALYSIS_YEAR, WORKS_REQUIRED
from pedesk.services.support.queries import works_of
from pedesk.services.support.records import (
    SupportStatus,
    monitoring_records,
    support_status,
    supported_certificate,
)
from pedesk.services.support.shared import KIND_LABELS, check_language, result_label

__all__ = ["write_monitoring_card"]

_MARGIN = 14 * mm
_WIDTH = A4[0] - 2 * _MARGIN  # 510 pt
_RED = "#B00020"
_GRID = colors.HexColor("#808080")
_SHADE = colors.HexColor("#E8E8E8")
_LATE = colors.HexColor("#FBE9E7")
# points; the longest heading, kind and result word of kk and ru fits without a break (None: the rest)
_WORKS_WIDTHS = (20, 64, 82, None, 104, 84)
_MONITORING_WIDTHS = (28, 56, 56, 70, 75, None, 78)


def _safe(text: str) -> str:
    """Text the font can draw (unknown spaces made ordinary, other missing letters "?"), XML-escaped."""
    return escape(legible(SANS, text)).replace("\n", "<br/>")


def _day(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value is not None else ""


def _styles() -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle("cell", fontName=SANS, fontSize=8.5, leading=10.5, embeddedHyphenation=1)  # "мектеп-"
    return {
        "cell": cell,
        "label": ParagraphStyle("label", parent=cell, textColor=colors.HexColor("#404040")),
        "head": ParagraphStyle("head", parent=cell, fontName=SANS_BOLD, fontSize=7.5, leading=9, alignment=TA_CENTER),
        "office": ParagraphStyle("office", fontName=SANS, fontSize=10, leading=13, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=SANS_BOLD, fontSize=14, leading=18, alignment=TA_CENTER,
                                spaceBefore=2, spaceAfter=2),
        "section": ParagraphStyle("section", fontName=SANS_BOLD, fontSize=10.5, leading=13, spaceBefore=9,
                                  spaceAfter=4, keepWithNext=1),  # never a heading alone at a page's foot
        "text": ParagraphStyle("text", fontName=SANS, fontSize=9.5, leading=12.5),
    }


class _Card:
    """The card's language and styles, and its paragraphs and tables."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.styles = _styles()

    def p(self, text: str, style: str = "cell") -> Any:
        return Paragraph(_safe(text), self.styles[style])

    def grid(self, rows: list[list[Any]], widths: Sequence[float | None], extra: Sequence[tuple[Any, ...]] = (),
             header: bool = True) -> Any:
        """A table of the page's width: ``widths`` in points, one None taking what the others leave."""
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.4, _GRID), ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), _SHADE), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
        rest = _WIDTH - sum(width for width in widths if width is not None)
        return Table(rows, colWidths=[rest if width is None else width for width in widths],
                     repeatRows=1 if header else 0,
                     style=TableStyle([*commands, *extra]), hAlign="LEFT")

    def marked(self, text: str, mark: str) -> Any:
        """``text`` with a red note under it (late, overdue)."""
        note = f'<font color="{_RED}" size="7.5">{_safe(mark)}</font>'
        return Paragraph("<br/>".join(part for part in (_safe(text), note) if part), self.styles["cell"])


def _alert(text: str) -> str:
    """A red bold word (overdue) to append to a paragraph's markup."""
    return f' <font color="{_RED}"><b>{_safe(text)}</b></font>'


def _teacher(card: _Card, certificate: Certificate) -> Any:
    lang = card.lang
    teacher, enrolment = certificate.teacher, certificate.enrolment
    assert enrolment is not None  # support_refusal refuses certificates without our course
    cohort, programme = enrolment.cohort, enrolment.cohort.programme
    school = teacher.school.name(lang) if teacher.school is not None else ""
    title = programme.title_kk if lang == "kk" else programme.title_ru
    dates = f"{_day(cohort.start_date)} – {_day(cohort.end_date)}"
    rows = [
        [gettext_in(lang, "Full name"), teacher.full_name, gettext_in(lang, "IIN"), teacher.iin],
        [gettext_in(lang, "Place of work"), teacher.workplace or school, gettext_in(lang, "Position"),
         teacher.position],
        [gettext_in(lang, "Certificate"), certificate.number, gettext_in(lang, "Issued"),
         _day(certificate.issue_date)],
        [gettext_in(lang, "Academic hours"), str(certificate.academic_hours), gettext_in(lang, "Valid until"),
         _day(certificate.valid_until)],
        [gettext_in(lang, "Programme"), f"{programme.code} — {title}", "", ""],
        [gettext_in(lang, "Cohort"), cohort.code, gettext_in(lang, "Course dates"), dates],
    ]
    cells = [[card.p(text, "label" if column % 2 == 0 else "cell") for column, text in enumerate(row)]
             for row in rows]
    shade = [("BACKGROUND", (0, 0), (0, -1), _SHADE), ("BACKGROUND", (2, 0), (2, 3), _SHADE),
             ("BACKGROUND", (2, 5), (2, 5), _SHADE)]  # not under the programme's title, which spans
    return card.grid(cells, (88, None, 88, 138), [*shade, ("SPAN", (1, 4), (3, 4))], header=False)


def _works(card: _Card, works: list[PostCourseWork], status: SupportStatus) -> list[Any]:
    """The works table; an independent work held after the 12 months is shaded and marked: not counted."""
    lang = card.lang
    heads = (N_("No."), N_("Held on"), N_("Kind"), N_("Title"), N_("Where held"), N_("Evidence"))
    rows: list[list[Any]] = [[card.p(gettext_in(lang, head), "head") for head in heads]]
    extra: list[tuple[Any, ...]] = []
    late_mark = gettext_in(lang, "after the deadline: not counted")
    for index, work in enumerate(works, start=1):
        late = work.kind == SupportKind.INDEPENDENT_WORK and work.held_on > status.works_due
        day = _safe(_day(work.held_on))
        if work.remote:  # remote support counts (п.35): said under the date rather than in a column of its own
            day += f'<br/><font size="7.5"><i>{_safe(gettext_in(lang, "Distance"))}</i></font>'
        held = Paragraph(day, card.styles["cell"])
        if late:
            held = Paragraph(f'{day}<br/><font color="{_RED}" size="7.5">{_safe(late_mark)}</font>',
                             card.styles["cell"])
        rows.append([card.p(str(index)), held, card.p(gettext_in(lang, KIND_LABELS[work.kind])),
                     card.p(work.title), card.p(work.place), card.p(work.evidence)])
        if late:
            extra.append(("BACKGROUND", (0, index), (-1, index), _LATE))
    if not works:
        rows.append([card.p(gettext_in(lang, "No works recorded yet."))] + [""] * 5)
        extra.append(("SPAN", (0, 1), (-1, 1)))
    count = gettext_in(lang, "Independent works: {done} of {required}, due by {due}.").format(
        done=status.works_done, required=WORKS_REQUIRED, due=format_date(status.works_due, "long", lang))
    overdue = _alert(gettext_in(lang, "overdue")) if status.works_overdue else ""
    heading = gettext_in(lang, "Works and other support (at least {n} independent works)").format(
        n=WORKS_REQUIRED)
    return [card.p(heading, "section"), card.grid(rows, _WORKS_WIDTHS, extra),
            Spacer(0, 2 * mm), Paragraph(_safe(count) + overdue, card.styles["text"])]


def _monitoring(card: _Card, records: dict[int, MonitoringRecord], status: SupportStatus) -> list[Any]:
    """The three yearly visits (п.37); a visit after the due date is marked late, a missing one overdue."""
    lang = card.lang
    heads = (N_("Year"), N_("Due"), N_("Done on"), N_("Method"), N_("Done by"),
             N_("Changes in the teacher's practice"), N_("Result"))
    rows: list[list[Any]] = [[card.p(gettext_in(lang, head), "head") for head in heads]]
    for year in status.monitoring:
        record = records.get(year.year_no)
        if year.done_on is not None and year.done_on > year.due:
            done = card.marked(_day(year.done_on), gettext_in(lang, "done late"))
        elif year.overdue:
            done = card.marked("", gettext_in(lang, "overdue"))
        else:
            done = card.p(_day(year.done_on))
        rows.append([card.p(str(year.year_no)), card.p(_day(year.due)), done,
                     card.p(record.method if record else ""), card.p(record.done_by if record else ""),
                     card.p(record.findings if record else ""), card.p(result_label(lang, year.result))])
    return [card.p(gettext_in(lang, "Monitoring: once a year for three years"), "section"),
            card.grid(rows, _MONITORING_WIDTHS)]


def _final(card: _Card, records: dict[int, MonitoringRecord], status: SupportStatus) -> list[Any]:
    """The final analysis (п.35, ``year_no`` 0), or when it is due."""
    lang = card.lang
    heading = card.p(gettext_in(lang, "Final analysis of changes in the teacher's practice (п.35)"), "section")
    final, record = status.final, records.get(FINAL_ANALYSIS_YEAR)
    if final is None or final.done_on is None or record is None:
        due = final.due if final is not None else status.monitoring[-1].due
        text = gettext_in(lang, "Not yet recorded (due {date}).").format(date=format_date(due, "long", lang))
        overdue = _alert(gettext_in(lang, "overdue")) if final is not None and final.overdue else ""
        return [heading, Paragraph(_safe(text) + overdue, card.styles["text"])]
    rows = [(gettext_in(lang, "Date"), _day(final.done_on)), (gettext_in(lang, "Done by"), record.done_by),
            (gettext_in(lang, "Analysis"), record.findings),
            (gettext_in(lang, "Result"), result_label(lang, final.result))]
    cells = [[card.p(label, "label"), card.p(value)] for label, value in rows]
    return [heading, card.grid(cells, (88, None), [("BACKGROUND", (0, 0), (0, -1), _SHADE)], header=False)]


def _signature(card: _Card, today: date) -> list[Any]:
    lang = card.lang
    line = "_" * 26
    who, signature, name = (_safe(gettext_in(lang, "Methodologist")), _safe(gettext_in(lang, "(signature)")),
                            _safe(gettext_in(lang, "(full name)")))
    printed = gettext_in(lang, "Printed on {date}").format(date=format_date(today, "long", lang))
    return [Spacer(0, 8 * mm), Paragraph(f"{who}: {line} {signature}&nbsp;&nbsp;&nbsp; {line} {name}",
                                         card.styles["text"]), Spacer(0, 3 * mm), card.p(printed, "text")]


def write_monitoring_card(session: Session, certificate_id: int, path: Path, *, lang: str, today: date) -> Path:
    """Write the monitoring card of the certificate's holder to ``path`` (.pdf) in ``lang`` (kk or ru), as of
    ``today``; returns the path."""
    check_language(lang)
    certificate = supported_certificate(session, certificate_id)
    if Path(path).suffix.lower() != ".pdf":
        raise ValidationError.single("path", _("The monitoring card is written as .pdf; give a file name ending "
                                               "in .pdf."))
    target = check_target(path, _("{path} is a folder; give a file name for the monitoring card."))
    status = support_status(session, certificate.id, today)
    records = monitoring_records(session, certificate.id)
    register_fonts()
    card = _Card(lang)
    office = certificate.office.name_kk if lang == "kk" else certificate.office.name_ru
    title = gettext_in(lang, "Post-course support monitoring card")
    story = [card.p(office, "office"), card.p(title, "title"), Spacer(0, 3 * mm), _teacher(card, certificate),
             *_works(card, works_of(session, certificate.id), status), *_monitoring(card, records, status),
             KeepTogether([*_final(card, records, status), *_signature(card, today)])]  # the signature not alone
    running = f"{title}. {certificate.teacher.full_name}, {certificate.number}"

    def write(partial: Path) -> None:
        build_pdf(str(partial), story, pagesize=A4, margin=_MARGIN, title=f"{title}: {certificate.teacher.full_name}",
                  author=office, lang=lang, footer_size=7.5, running=running, page_label=str)

    return write_atomically(target, write)
