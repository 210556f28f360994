"""What the final-assessment screen reads: the cohorts that have started, with how many results are entered,
and one cohort's sheet — its listeners with their latest result and what can be done for each (п.27-30).

Import from ``pedesk.services.assessments``. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ScalarSelect, func, or_, select
from sqlalchemy.orm import Session

from pedesk.i18n import _, current_language, format_date
from pedesk.models import Assessment, Cohort, Enrolment, Programme, Provider, Teacher
from pedesk.models.enums import AssessmentKind, CourseKind, EnrolmentStatus, RetakeMode
from pedesk.services.assessments.results import entry_refusal
from pedesk.services.assessments.shared import (
    AssessorInput,
    attempts_by_enrolment,
    certificates_by_enrolment,
    required_kind,
)
from pedesk.services.common import clean_spaces, kazakh_key, like_pattern, name_order
from pedesk.services.enrolment import cohort_or_refuse

__all__ = [
    "SHEET_STATUSES",
    "AssessmentCohortRow",
    "AssessmentSheet",
    "AttemptView",
    "RowAction",
    "SheetCohort",
    "SheetRow",
    "assessment_sheet",
    "assessor_choices",
    "page_assessment_cohorts",
]

S = EnrolmentStatus
TRAINED = (S.IN_TRAINING, S.COMPLETED, S.NOT_CERTIFIED, S.EXPELLED, S.TRANSFERRED)
"""The listeners who are or were in training."""
SHEET_STATUSES = (S.ENROLLED, *TRAINED)
"""The sheet's rows: those who are or were in training, and those still "enrolled" (to say what is missing)."""
MAX_PAGE = 1000


class RowAction(StrEnum):
    """What the sheet offers for a listener."""

    FIRST = "first"  # enter the first result
    WAIT = "wait"  # the course has not ended yet: results from its last day
    CORRECT = "correct"  # correct the first result (no certificate, no retake yet)
    RETAKE = "retake"  # failed: one of the ways of п.30
    NONE = "none"


@dataclass(frozen=True)
class AttemptView:
    attempt: int
    mode: RetakeMode
    score: Decimal | None
    max_score: Decimal | None
    passed: bool
    held_on: date

    @classmethod
    def of(cls, item: Assessment) -> AttemptView:
        return cls(item.attempt, RetakeMode(item.mode), item.score, item.max_score, item.passed, item.held_on)


@dataclass(frozen=True)
class SheetRow:
    """A listener of the sheet: ``first`` is the first result (what the grid edits), ``latest`` the last
    attempt; ``editable`` says the grid may enter or correct the first result, else ``note`` says why not."""

    enrolment_id: int
    full_name: str
    iin: str
    status: EnrolmentStatus
    first: AttemptView | None
    latest: AttemptView | None
    attempts: int
    has_certificate: bool
    editable: bool
    note: str
    wait_until: date | None = None

    @property
    def action(self) -> RowAction:
        """The main thing to do; a failed first result may also still be corrected (``editable``)."""
        if self.wait_until is not None:
            return RowAction.WAIT
        if self.editable and self.first is None:
            return RowAction.FIRST
        if self.status == S.NOT_CERTIFIED:
            return RowAction.RETAKE
        return RowAction.CORRECT if self.editable else RowAction.NONE

    @property
    def can_retake(self) -> bool:
        """One of the ways of п.30 may apply (:func:`retake_options` says which)."""
        return self.status in (S.IN_TRAINING, S.NOT_CERTIFIED)


@dataclass(frozen=True)
class SheetCohort:
    id: int
    code: str
    programme: str
    kind: CourseKind
    assessment_kind: AssessmentKind
    start: date
    end: date
    provider_id: int
    provider: str
    abroad: bool


@dataclass(frozen=True)
class AssessmentSheet:
    """A cohort's final assessment: its rows, and the date and assessor of the first results already
    entered (to fill the form in), if any."""

    cohort: SheetCohort
    rows: tuple[SheetRow, ...]
    held_on: date | None
    assessor: AssessorInput | None

    def row(self, enrolment_id: int) -> SheetRow | None:
        return next((row for row in self.rows if row.enrolment_id == enrolment_id), None)


def _sheet_cohort(cohort: Cohort, lang: str) -> SheetCohort:
    programme = cohort.programme
    return SheetCohort(cohort.id, cohort.code, programme.title(lang), CourseKind(programme.kind),
                       required_kind(programme.kind), cohort.start_date, cohort.end_date, cohort.provider_id,
                       cohort.provider.name(lang), programme.abroad)


def assessment_sheet(session: Session, cohort_id: int, *, lang: str | None = None,
                     today: date | None = None) -> AssessmentSheet:
    """The cohort's final assessment sheet: one row per listener who is or was in training (and those still
    "enrolled"), by name, with the latest attempt and what can be done (texts in ``lang``). Given ``today``,
    a cohort that has not ended yet takes no results: its rows wait for its last day (п.27-28)."""
    cohort = cohort_or_refuse(session, cohort_id)
    query = (select(Enrolment).join(Teacher, Enrolment.teacher_id == Teacher.id)
             .where(Enrolment.cohort_id == cohort.id, Enrolment.status.in_(SHEET_STATUSES))
             .order_by(name_order(Teacher.surname), name_order(Teacher.name), name_order(Teacher.patronymic), Enrolment.id))
    enrolments = list(session.scalars(query))
    ids = [item.id for item in enrolments]
    attempts = attempts_by_enrolment(session, ids)
    certificates = certificates_by_enrolment(session, ids)
    waiting = today is not None and today < cohort.end_date
    rows = []
    for enrolment in enrolments:
        own = attempts[enrolment.id]
        refusal = entry_refusal(enrolment, own, certificates.get(enrolment.id))
        wait = waiting and refusal is None
        if wait:
            refusal = _("The course ends on {end}: the results of its final assessment are entered from that day "
                        "(п.27-28 of the Rules).").format(end=format_date(cohort.end_date))
        rows.append(SheetRow(
            enrolment.id, enrolment.teacher.full_name, enrolment.teacher.iin, EnrolmentStatus(enrolment.status),
            AttemptView.of(own[0]) if own else None, AttemptView.of(own[-1]) if own else None, len(own),
            enrolment.id in certificates, refusal is None, refusal or "", cohort.end_date if wait else None))
    firsts = [items[0] for items in attempts.values() if items and items[0].mode == RetakeMode.FIRST]
    latest = max(firsts, key=lambda item: (item.held_on, item.id), default=None)
    assessor = AssessorInput.of(latest) if latest is not None and latest.assessor_provider_id is not None else None
    return AssessmentSheet(_sheet_cohort(cohort, lang or current_language()), tuple(rows),
                           latest.held_on if latest is not None else None, assessor)


# --- The cohorts ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentCohortRow:
    """A cohort that has started: ``listeners`` who are or were in training, ``results`` entered for them."""

    id: int
    code: str
    programme: str
    kind: CourseKind
    start: date
    end: date
    listeners: int
    results: int


def _listeners() -> ScalarSelect[int]:
    return (select(func.count()).where(Enrolment.cohort_id == Cohort.id, Enrolment.status.in_(TRAINED))
            .correlate(Cohort).scalar_subquery())


def _results() -> ScalarSelect[int]:
    return (select(func.count(func.distinct(Assessment.enrolment_id)))
            .join(Enrolment, Assessment.enrolment_id == Enrolment.id)
            .where(Enrolment.cohort_id == Cohort.id).correlate(Cohort).scalar_subquery())


def page_assessment_cohorts(session: Session, text: str = "", offset: int = 0, limit: int = 200, *, today: date,
                            lang: str | None = None) -> list[AssessmentCohortRow]:
    """One page of the cohorts that have started by ``today``, the latest end first; ``text`` searches the
    code and the programme's titles (case-folded in any script)."""
    query = (select(Cohort, Programme, _listeners(), _results())
             .join(Programme, Cohort.programme_id == Programme.id).where(Cohort.start_date <= today))
    wanted = clean_spaces(text)
    if wanted:
        folded = like_pattern(wanted)
        query = query.where(or_(Programme.search_key.like(folded, escape="\\"),
                                func.lower(Cohort.code).like(folded, escape="\\"),
                                Cohort.code.like(folded.upper(), escape="\\")))
    query = (query.order_by(Cohort.end_date.desc(), Cohort.code, Cohort.id)
             .offset(max(0, offset)).limit(min(max(1, limit), MAX_PAGE)))
    code = lang or current_language()
    return [
        AssessmentCohortRow(cohort.id, cohort.code, programme.title(code), CourseKind(programme.kind),
                            cohort.start_date, cohort.end_date, int(listeners or 0), int(results or 0))
        for cohort, programme, listeners, results in session.execute(query)
    ]


def assessor_choices(session: Session, cohort_id: int, *, lang: str | None = None) -> list[tuple[int, str]]:
    """п.27: the organisations that may hold the cohort's external final assessment — those marked as
    holding external assessments, other than the cohort's own provider — as (id, name)."""
    cohort = cohort_or_refuse(session, cohort_id)
    code = lang or current_language()
    query = select(Provider).where(Provider.can_assess_externally.is_(True), Provider.id != cohort.provider_id)
    providers = sorted(session.scalars(query), key=lambda item: (kazakh_key(item.name(code)), item.id))
    return [(item.id, item.name(code)) for item in providers]
