"""Providers and schools are listed by their name in the chosen language, in the Kazakh alphabet (the Russian
one is the same order without the Kazakh letters), case aside."""

from __future__ import annotations

from pedesk.models import Region
from pedesk.models.database import Database
from pedesk.services.planning.plan import school_choices
from pedesk.services.reference import (
    ProviderData,
    SchoolData,
    page_providers,
    page_schools,
    save_provider,
    save_school,
)
from tests.builders import ref_id

#: (Kazakh name, Russian name), each column in its alphabet
NAMES = [("Абай атындағы университет", "Ёлочка"), ("Әл-Фараби университеті", "Ешимский колледж"),
         ("ғылым орталығы", "Жамбылский центр"), ("Ұлытау колледжі", "университет имени Абая"),
         ("Ілияс Есенберлин мектебі", "Школа Есенберлина")]


def _scrambled() -> list[tuple[str, str]]:
    return [NAMES[index] for index in (4, 1, 3, 0, 2)]


def test_providers_in_kazakh_and_in_russian(database: Database) -> None:
    with database.transaction() as session:
        for kk, ru in _scrambled():
            save_provider(session, ProviderData(kk, ru))
    with database.reading() as session:
        kk_names = [row.name_kk for row in page_providers(session, lang="kk")]
        ru_names = [row.name_ru for row in page_providers(session, lang="ru")]
    assert kk_names == [kk for kk, _ru in NAMES]
    assert ru_names == ["Ешимский колледж", "Ёлочка", "Жамбылский центр", "университет имени Абая",
                        "Школа Есенберлина"]  # Ё after Е, lower case among the capitals


def test_schools_and_the_plans_school_choices(database: Database) -> None:
    with database.transaction() as session:
        region = ref_id(session, Region, "KARAGANDA")
        for kk, ru in _scrambled():
            save_school(session, SchoolData(kk, ru, region_id=region))
    with database.reading() as session:
        listed = [row.name_kk for row in page_schools(session, lang="kk")]
        choices = [name for _id, name in school_choices(session, "kk")]
    assert listed == choices == [kk for kk, _ru in NAMES]
