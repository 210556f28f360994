"""Printed, pre-filled forms as PDF, in Kazakh or Russian (п.8 and its appendices; п.16).

- :func:`render_application`: the application (өтініш / заявление), Appendix 1, or Appendix 2 when the
  programme is a course abroad (with the country of study and the course length in months);
- :func:`render_questionnaire`: the listener's questionnaire (сауалнама / анкета), Appendix 3, filled from
  a teacher or blank, to fill in by hand;
- :func:`render_receipt`: the receipt (қолхат / расписка) for the documents received for an enrolment;
- :func:`render_listeners_list`: a cohort's list of listeners (тыңдаушылар тізімі / список слушателей)
  with the provider's enrolment order (п.16).

The document's language is a parameter, independent of the interface's; the wording, spacing and font
sizes come from the layouts ``resources/forms/<name>.json`` (see :mod:`~pedesk.services.forms.layout`
and :mod:`~pedesk.services.forms.pdf`), so an office can adjust them without code. Only the messages for
the user go through ``_()``. The bundled Noto fonts are embedded. Everything is checked before a file is
touched, and the PDF is written under a temporary name and renamed into place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.platypus.doctemplate import (  # type: ignore[import-untyped, unused-ignore]
    LayoutError as TooBigError,
)
from sqlalchemy.orm import Session

from pedesk.i18n import _
from pedesk.models import Enrolment, Teacher
from pedesk.services.common import ValidationError, check_target, found_or_refuse, write_atomically
from pedesk.services.forms.data import application_data, listeners_data, questionnaire_data, receipt_data
from pedesk.services.forms.layout import FormData, LayoutError, layout_path, load_layout
from pedesk.services.forms.pdf import write_form_pdf
from pedesk.services.schedule import get_cohort

__all__ = [
    "DOCUMENT_LANGUAGES",
    "FORM_NAMES",
    "render_application",
    "render_listeners_list",
    "render_questionnaire",
    "render_receipt",
]

DOCUMENT_LANGUAGES = ("kk", "ru")
#: The layouts under resources/forms, one per form.
FORM_NAMES = ("application", "application_abroad", "questionnaire", "receipt", "listeners_list")


def _check_language(lang: str) -> None:
    if lang not in DOCUMENT_LANGUAGES:
        raise ValidationError.single("lang", _("Language of the document: choose Kazakh or Russian."))


def _check_target(path: Path) -> Path:
    return check_target(path, _("{path} is a folder; give a file name for the form."))


def _enrolment(session: Session, enrolment_id: int) -> Enrolment:
    return found_or_refuse(session, Enrolment, enrolment_id, "enrolment", _(
        "The enrolment was not found; another user may have deleted it. Refresh the list and try again."))


def _render(name: str, data: FormData, lang: str, path: Path) -> Path:
    target = _check_target(path)
    try:
        layout = load_layout(name)
        return write_atomically(target, lambda partial: write_form_pdf(layout, data, lang, partial))
    except LayoutError as error:
        raise ValidationError.single("layout", _(
            "The form layout {path} cannot be used: {reason}. Correct the file or restore the one installed "
            "with pedesk."
        ).format(path=layout_path(name), reason=error)) from error
    except TooBigError as error:
        raise ValidationError.single("layout", _(
            "A text on the form is too long to fit on one page. Shorten it and try again."
        )) from error


def render_application(session: Session, enrolment_id: int, path: Path, lang: str) -> Path:
    """The enrolment's application, Appendix 1 (Appendix 2 for a course abroad), as a PDF in ``lang``."""
    _check_language(lang)
    name, data = application_data(_enrolment(session, enrolment_id), lang)
    return _render(name, data, lang, path)


def render_questionnaire(session: Session, teacher_id: int | None, path: Path, lang: str, *,
                         on: date | None = None) -> Path:
    """Appendix 3 filled from the teacher, or blank when ``teacher_id`` is None.

    ``on`` (default today) picks the name the teacher's region has on that day.
    """
    _check_language(lang)
    teacher = None
    if teacher_id is not None:
        teacher = session.get(Teacher, teacher_id)
        if teacher is None:
            raise ValidationError.single("teacher", _(
                "The teacher was not found; another user may have deleted the record. Refresh the list and "
                "try again."
            ))
    return _render("questionnaire", questionnaire_data(teacher, lang, on or date.today()), lang, path)


def render_receipt(session: Session, enrolment_id: int, path: Path, lang: str, *,
                   on: date | None = None) -> Path:
    """The receipt for the documents received for the enrolment, dated ``on`` (default today)."""
    _check_language(lang)
    data = receipt_data(_enrolment(session, enrolment_id), lang, on or date.today())
    return _render("receipt", data, lang, path)


def render_listeners_list(session: Session, cohort_id: int, path: Path, lang: str, *,
                          on: date | None = None) -> Path:
    """The cohort's list of listeners with the enrolment order (п.16), dated ``on`` (default today)."""
    _check_language(lang)
    data = listeners_data(session, get_cohort(session, cohort_id), lang, on or date.today())
    return _render("listeners_list", data, lang, path)
