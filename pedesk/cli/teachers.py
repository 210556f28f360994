"""`pedesk teachers find`: the teachers' registry searched by a fragment of the name or an IIN prefix."""

from __future__ import annotations

import argparse

from pedesk.cli import plumbing
from pedesk.i18n import _, current_language, format_number
from pedesk.services.teachers import TeacherRow, count_teachers, page_teachers

DEFAULT_LIMIT = 50


def teachers(args: argparse.Namespace) -> int:
    """`pedesk teachers ACTION`: argparse has already refused an unknown action."""
    return {"find": teachers_find}[args.teachers_command](args)


def _as_json(row: TeacherRow) -> dict[str, object]:
    return {
        "id": row.id,
        "iin": row.iin,
        "surname": row.surname,
        "name": row.name,
        "patronymic": row.patronymic,
        "birth_date": row.birth_date.isoformat(),
        "position": row.position,
        "workplace": row.workplace,
        "category": row.category,
        "phone": row.phone,
        "email": row.email,
    }


def teachers_find(args: argparse.Namespace) -> int:
    text = " ".join(args.text).strip()
    limit = args.limit or DEFAULT_LIMIT
    database = plumbing.open_from_args(args)
    try:
        with database.reading() as session:
            rows = page_teachers(session, text, 0, limit, lang=current_language())
            total = count_teachers(session, text) if len(rows) == limit else len(rows)
    finally:
        database.dispose()
    if args.json:
        plumbing.print_json([_as_json(row) for row in rows])
        return plumbing.EXIT_OK
    if not rows:
        print(_('No teacher matches "{text}". Search by a part of the name or by the first digits of the '
                "IIN.").format(text=text))
        return plumbing.EXIT_OK
    for row in rows:
        parts = [row.iin, row.full_name, row.birth_date.isoformat(), row.position, row.workplace]
        print("  ".join(part for part in parts if part))
    if total > len(rows):
        print(_("Shown {shown} of {total} teachers; narrow the search or use --limit to see more.").format(
            shown=format_number(len(rows)), total=format_number(total)))
    return plumbing.EXIT_OK
