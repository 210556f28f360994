"""One place that makes the objects the tests need: the office, a provider, programmes, trainers, teachers,
cohorts with listeners, passed assessments and issued certificates (`courses`), Karaganda's districts, schools'
BINs and seeded rows (`reference`), demo and template databases on the test's back-end and what a database
holds (`databases`), reading a PDF back or writing a workbook (`documents`), surnames in the Kazakh alphabet with a cohort of them (`names`), and a cohort to
import a list into with the bad values a careless list brings (`imports`), and real faults of the machine for pedesk
in a child process: a file-size limit, a read-only folder, a full disk, a locked database, a closed pipe
(`faults`), data packages exported and edited cell by cell (`packages`), and the people who sign in (`people`), so that every test builds and reads
the same way.

Everything is re-exported here: ``from tests.builders import cohort, pdf_text``.
"""

from tests.builders.courses import (
    ACTING_HEAD,
    COURSE_END,
    KARAGANDA_OFFICE,
    PROVIDER_SIGNER,
    SIGNING_OFFICE,
    TODAY,
    USER,
    ScheduleWorld,
    assessed,
    certified,
    cohort,
    course_format,
    education_level,
    first_provider,
    listener,
    office_provider,
    orleu,
    own_office,
    programme,
    provider,
    recorded_certificate,
    schedule_world,
    signing_office,
    teacher,
    trained,
    trainer,
)
from tests.builders.databases import Template, copy_of, demo_template, prepare, statements, stored
from tests.builders.documents import flat, pdf_fonts, pdf_text, workbook
from tests.builders.faults import (
    Finished,
    first_lines_then_close,
    held_open,
    locked,
    names_in,
    read_only,
    run_child,
    run_pedesk,
    small_disk,
)
from tests.builders.imports import (
    CONTROL,
    HUGE,
    MOJIBAKE_1251,
    MOJIBAKE_1252,
    ZERO_WIDTH,
    list_cohort,
    quotes,
    run_cli,
    run_main,
)
from tests.builders.names import ALPHABETICAL, SCRAMBLED, AlphabetCohort, alphabet_cohort
from tests.builders.packages import column_of, edited_package, exported_package, set_cell, sheet_rows
from tests.builders.people import PASSWORD, add_users, as_setup, closed_as, sign_in
from tests.builders.reference import karaganda_districts, make_bin, ref_id, ref_row

__all__ = [
    "ACTING_HEAD", "COURSE_END", "KARAGANDA_OFFICE", "PASSWORD", "PROVIDER_SIGNER", "SIGNING_OFFICE", "TODAY", "USER",
    "ScheduleWorld", "add_users", "as_setup", "closed_as", "sign_in",
    "assessed", "certified", "cohort", "course_format", "education_level", "first_provider", "listener",
    "office_provider", "orleu", "own_office", "programme", "provider", "recorded_certificate", "schedule_world",
    "signing_office", "teacher", "trained", "trainer", "Template", "copy_of", "demo_template", "prepare", "statements", "stored", "flat",
    "pdf_fonts", "pdf_text", "workbook", "karaganda_districts", "make_bin", "ref_id", "ref_row", "ALPHABETICAL",
    "SCRAMBLED", "AlphabetCohort", "alphabet_cohort", "Finished", "first_lines_then_close", "held_open", "locked",
    "names_in", "read_only", "run_child", "run_pedesk", "small_disk",
    "CONTROL", "HUGE", "MOJIBAKE_1251", "MOJIBAKE_1252", "ZERO_WIDTH", "list_cohort", "quotes", "run_cli", "run_main",
    "column_of", "edited_package", "exported_package", "set_cell", "sheet_rows",
]
