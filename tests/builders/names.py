"""Names in the Kazakh alphabet: surnames that code-point order gets wrong (Ә, Ғ, Ы, І, Ш), and a cohort of
listeners with them, all passed, entered in a scrambled order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from tests.builders.courses import COURSE_END, cohort, orleu, programme, signing_office, teacher, trained

#: in the order of the Kazakh alphabet (А Ә Б ... Ғ ... Ш ... Ы І ...); code points put Әбдірахманов, Ғабит and
#: Іскақов after Я
ALPHABETICAL = ("Абаев", "Әбдірахманов", "Бекова", "Ғабит", "Шәріпов", "Ыбыраев", "Іскақов")
#: the same surnames as a careless list brings them
SCRAMBLED = ("Әбдірахманов", "Абаев", "Ғабит", "Бекова", "Іскақов", "Ыбыраев", "Шәріпов")


@dataclass(frozen=True)
class AlphabetCohort:
    office: int
    cohort: int
    code: str
    teachers: dict[str, int]  # surname -> teacher id


def alphabet_cohort(session: Session, code: str = "ALPHA", *, serial: int = 70) -> AlphabetCohort:
    """A cohort of the office (which signs certificates) whose listeners bear the ``SCRAMBLED`` surnames, each
    passed, entered in that order (so ids follow it, not the alphabet)."""
    office = signing_office(session)
    course = programme(session, office, f"P-{code}", "Оқытудағы жаңа тәсілдер", "Новые подходы в обучении")
    group = cohort(session, office, course, code, COURSE_END, host=orleu(session))
    session.flush()
    people = {}
    for offset, surname in enumerate(SCRAMBLED):
        person = teacher(session, serial + offset, surname, "Айгүл", birth=date(1978, 3, 1) + timedelta(days=41 * offset))
        trained(session, group, person)
        people[surname] = person.id
    return AlphabetCohort(office.id, group.id, code, people)
