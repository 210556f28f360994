"""The permission table, written once as data: the roles, the actions that change data, and the roles that may
do each. Services check it (:mod:`pedesk.services.access.guard`), the UI reads it to hide what a user may not
do, and README shows it (``pedesk users roles-table`` prints it)."""

from __future__ import annotations

from enum import StrEnum

from pedesk.i18n import N_, _


class Role(StrEnum):
    ADMIN = "admin"
    HEAD = "head"
    METHODOLOGIST = "methodologist"
    REGISTRAR = "registrar"
    VIEWER = "viewer"


class Action(StrEnum):
    """What changes data. Reading needs no action: every signed-in user may read."""

    USERS = "users"
    SETTINGS = "settings"
    PRINTER = "printer"
    REFERENCE = "reference"
    PROGRAMMES = "programmes"
    SCHEDULE = "schedule"
    ASSESSMENTS = "assessments"
    PLANNING = "planning"
    SUPPORT = "support"
    TEACHERS = "teachers"
    ENROLMENT = "enrolment"
    LATE_LIST_CHANGE = "late_list_change"
    ISSUE = "issue"
    ANNUL = "annul"
    REISSUE = "reissue"
    DUPLICATE = "duplicate"
    PRINT = "print"
    PACKAGES = "packages"
    DEMO = "demo"


#: the head does all a methodologist and a registrar may do, and what the Rules give the head alone
INCLUDES: dict[Role, frozenset[Role]] = {Role.HEAD: frozenset({Role.METHODOLOGIST, Role.REGISTRAR})}

#: each action and the roles that may do it (a role of INCLUDES brings the roles it includes)
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.USERS: frozenset({Role.ADMIN}),
    Action.SETTINGS: frozenset({Role.ADMIN}),
    Action.DEMO: frozenset({Role.ADMIN}),
    Action.PRINTER: frozenset({Role.ADMIN, Role.REGISTRAR}),
    Action.REFERENCE: frozenset({Role.METHODOLOGIST}),
    Action.PROGRAMMES: frozenset({Role.METHODOLOGIST}),
    Action.SCHEDULE: frozenset({Role.METHODOLOGIST}),
    Action.ASSESSMENTS: frozenset({Role.METHODOLOGIST}),
    Action.PLANNING: frozenset({Role.METHODOLOGIST}),
    Action.SUPPORT: frozenset({Role.METHODOLOGIST}),
    Action.TEACHERS: frozenset({Role.REGISTRAR}),
    Action.ENROLMENT: frozenset({Role.REGISTRAR}),
    Action.PRINT: frozenset({Role.REGISTRAR}),
    Action.PACKAGES: frozenset({Role.REGISTRAR}),
    Action.LATE_LIST_CHANGE: frozenset({Role.HEAD}),
    Action.ISSUE: frozenset({Role.HEAD}),
    Action.ANNUL: frozenset({Role.HEAD}),
    Action.REISSUE: frozenset({Role.HEAD}),
    Action.DUPLICATE: frozenset({Role.HEAD}),
}

ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: N_("administrator"),
    Role.HEAD: N_("head of the office"),
    Role.METHODOLOGIST: N_("methodologist"),
    Role.REGISTRAR: N_("registrar"),
    Role.VIEWER: N_("viewer"),
}

ROLE_DUTIES: dict[Role, str] = {
    Role.ADMIN: N_("manages users and settings"),
    Role.HEAD: N_("all a methodologist and a registrar do, and signs, annuls, reissues, gives duplicates, "
                  "approves late list changes"),
    Role.METHODOLOGIST: N_("reference data, programmes, cohorts, the schedule (Кесте), assessments, planning, post-course "
                           "support"),
    Role.REGISTRAR: N_("teachers, applications, documents, lists, printing issued certificates, data packages"),
    Role.VIEWER: N_("reads everything, changes nothing"),
}

ACTION_LABELS: dict[Action, str] = {
    Action.USERS: N_("managing users"),
    Action.SETTINGS: N_("changing the office's settings"),
    Action.DEMO: N_("filling the database with demo data"),
    Action.PRINTER: N_("setting up a printer"),
    Action.REFERENCE: N_("changing reference data (districts, schools, providers, trainers)"),
    Action.PROGRAMMES: N_("changing programmes"),
    Action.SCHEDULE: N_("changing cohorts and the schedule (Кесте)"),
    Action.ASSESSMENTS: N_("recording assessments and retakes"),
    Action.PLANNING: N_("changing the annual plan"),
    Action.SUPPORT: N_("recording post-course support and monitoring"),
    Action.TEACHERS: N_("changing the teachers' registry"),
    Action.ENROLMENT: N_("changing applications, documents and lists"),
    Action.PRINT: N_("printing certificates"),
    Action.PACKAGES: N_("sending and receiving data packages"),
    Action.LATE_LIST_CHANGE: N_("approving a late change of a list"),
    Action.ISSUE: N_("issuing (signing) certificates"),
    Action.ANNUL: N_("annulling a certificate"),
    Action.REISSUE: N_("reissuing a certificate"),
    Action.DUPLICATE: N_("giving a duplicate of a certificate"),
}


def expand(roles: frozenset[Role] | set[Role]) -> frozenset[Role]:
    """``roles`` with the roles they include (a head is also a methodologist and a registrar)."""
    found = set(roles)
    for role in roles:
        found |= INCLUDES.get(role, frozenset())
    return frozenset(found)


def allowed(roles: frozenset[Role] | set[Role], action: Action) -> bool:
    return bool(expand(roles) & PERMISSIONS[action])


def roles_for(action: Action) -> tuple[Role, ...]:
    """Every role that may do ``action``, directly or through a role that includes it, in the table's order."""
    return tuple(role for role in Role if allowed({role}, action))


def role_label(role: Role | str) -> str:
    return _(ROLE_LABELS[Role(role)])


def action_label(action: Action | str) -> str:
    return _(ACTION_LABELS[Action(action)])


def parse_roles(text: str) -> frozenset[Role]:
    """The roles stored in a user record (names separated by spaces; an unknown name is ignored)."""
    known = {role.value for role in Role}
    return frozenset(Role(name) for name in text.split() if name in known)


def store_roles(roles: frozenset[Role] | set[Role]) -> str:
    return " ".join(role.value for role in Role if role in roles)


def table_markdown() -> str:
    """The permission table as Markdown, one row an action and a column a role (README shows it)."""
    header = "| " + _("action") + " | " + " | ".join(f"`{role.value}`" for role in Role) + " |"
    rows = [header, "| --- |" + " :---: |" * len(Role)]
    for action in Action:
        marks = " | ".join("✓" if allowed({role}, action) else "" for role in Role)
        rows.append(f"| {action_label(action)} (`{action.value}`) | {marks} |")
    return "\n".join(rows)
