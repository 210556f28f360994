"""One printed form chosen by what a person would say at the desk: "Appendix 1 for the teacher with this IIN
(on that cohort)", "a blank questionnaire", "the list of that cohort". The command line's ``pedesk forms print``
calls it; the window reaches the same documents from a selected row. Every refusal names the field
("form", "iin", "cohort") and changes nothing. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Cohort, Enrolment, Teacher
from pedesk.models.enums import ACTIVE_ENROLMENT_STATUSES
from pedesk.services.common import ValidationError
from pedesk.services.forms.data import application_data
from pedesk.services.forms.documents import (
    render_application,
    render_listeners_list,
    render_questionnaire,
    render_receipt,
)
from pedesk.services.rules import normalize_iin

__all__ = ["PRINTED_FORMS", "PrintedForm", "print_form"]

#: The forms by their short names: Appendices 1, 2 and 3 of the Rules, the receipt, the cohort's list.
PRINTED_FORMS = ("app1", "app2", "app3", "receipt", "list")
_APPLICATION_LAYOUTS = {"app1": "application", "app2": "application_abroad"}


@dataclass(frozen=True)
class PrintedForm:
    """The form written: its short name, the file, and whom it was filled for (empty on a blank form)."""

    form: str
    path: Path
    lang: str
    iin: str = ""
    holder: str = ""
    cohort: str = ""


def _teacher(session: Session, iin: str | None, form: str) -> Teacher:
    if not iin:
        raise ValidationError.single("iin", _("Give the teacher's IIN: the form {form} is filled in for a "
                                              "teacher.").format(form=form))
    value = normalize_iin(iin)
    teacher = session.scalars(select(Teacher).where(Teacher.iin == value)).first() if value else None
    if teacher is None:
        raise ValidationError.single("iin", _(
            "No teacher with the IIN {iin} is in the registry. Check the number, or find the teacher by name in "
            "the registry.").format(iin=iin))
    return teacher


def _enrolment(session: Session, teacher: Teacher, cohort_id: int | None) -> Enrolment:
    """The teacher's application: on ``cohort_id``, else the one cohort whose list the teacher is on."""
    query = select(Enrolment).join(Cohort, Cohort.id == Enrolment.cohort_id).where(
        Enrolment.teacher_id == teacher.id).order_by(Cohort.start_date, Cohort.code)
    if cohort_id is not None:
        found = session.scalars(query.where(Enrolment.cohort_id == cohort_id)).first()
        if found is None:
            code = session.get_one(Cohort, cohort_id).code
            raise ValidationError.single("cohort", _("{teacher} is not on the list of cohort {code}.").format(
                teacher=teacher.full_name, code=code))
        return found
    enrolments = list(session.scalars(query))
    current = [enrolment for enrolment in enrolments if enrolment.status in ACTIVE_ENROLMENT_STATUSES]
    chosen = current or enrolments
    if len(chosen) == 1:
        return chosen[0]
    if not chosen:
        raise ValidationError.single("iin", _("{teacher} is on no cohort's list yet: an application or a receipt "
                                              "belongs to a cohort.").format(teacher=teacher.full_name))
    raise ValidationError.single("cohort", _(
        "{teacher} is on the lists of several cohorts ({codes}); say which cohort the form is for.").format(
        teacher=teacher.full_name, codes=", ".join(enrolment.cohort.code for enrolment in chosen)))


def _check_appendix(form: str, enrolment: Enrolment, lang: str) -> None:
    """Appendix 1 is for a course in Kazakhstan, Appendix 2 for a course abroad (п.8): the cohort decides."""
    layout, _data = application_data(enrolment, lang)
    if layout == _APPLICATION_LAYOUTS[form]:
        return
    code = enrolment.cohort.code
    message = _("Cohort {code} is a course abroad: its application is Appendix 2 (app2).") if form == "app1" else _(
        "Cohort {code} is a course in Kazakhstan: its application is Appendix 1 (app1).")
    raise ValidationError.single("form", message.format(code=code))


def print_form(session: Session, form: str, path: Path, lang: str, *, iin: str | None = None,
               cohort_id: int | None = None, on: date | None = None) -> PrintedForm:
    """Write ``form`` (one of :data:`PRINTED_FORMS`) in ``lang`` to ``path``: ``app1``/``app2`` and ``receipt``
    for the teacher ``iin`` (on ``cohort_id``, needed when the teacher is on several lists), ``app3`` for the
    teacher or blank without ``iin``, ``list`` for ``cohort_id``. ``on`` dates the receipt and the list."""
    if form not in PRINTED_FORMS:
        raise ValidationError.single("form", _("Form: choose one of {forms}.").format(forms=", ".join(PRINTED_FORMS)))
    if form == "list":
        if cohort_id is None:
            raise ValidationError.single("cohort", _("Give the cohort whose list of listeners to print."))
        code = session.get_one(Cohort, cohort_id).code
        return PrintedForm(form, render_listeners_list(session, cohort_id, path, lang, on=on), lang, cohort=code)
    if form == "app3":
        teacher = _teacher(session, iin, form) if iin else None
        written = render_questionnaire(session, teacher.id if teacher else None, path, lang, on=on)
        return PrintedForm(form, written, lang, teacher.iin if teacher else "", teacher.full_name if teacher else "")
    teacher = _teacher(session, iin, form)
    enrolment = _enrolment(session, teacher, cohort_id)
    if form == "receipt":
        written = render_receipt(session, enrolment.id, path, lang, on=on)
    else:
        _check_appendix(form, enrolment, lang)
        written = render_application(session, enrolment.id, path, lang)
    return PrintedForm(form, written, lang, teacher.iin, teacher.full_name, enrolment.cohort.code)
