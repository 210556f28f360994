"""The sections' pages by section key (see pedesk.ui.main_window.SECTIONS): the window assembles them;
no section imports the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from pedesk.ui.access.audit import AuditPage
from pedesk.ui.access.users import UsersPage
from pedesk.ui.assessments.page import AssessmentsPage
from pedesk.ui.certificates.page import CertificatesPage
from pedesk.ui.context import AppContext
from pedesk.ui.dashboard.page import DashboardPage
from pedesk.ui.listeners.page import ListenersPage
from pedesk.ui.packages.page import PackagesPage
from pedesk.ui.planning.page import PlanningPage
from pedesk.ui.post_course.page import PostCoursePage
from pedesk.ui.reference.page import ReferencePage
from pedesk.ui.schedule.page import SchedulePage
from pedesk.ui.settings.page import SettingsPage

FACTORIES: dict[str, Callable[[AppContext], QWidget]] = {
    "dashboard": DashboardPage,
    "schedule": SchedulePage,
    "listeners": ListenersPage,
    "assessments": AssessmentsPage,
    "certificates": CertificatesPage,
    "post_course": PostCoursePage,
    "planning": PlanningPage,
    "packages": PackagesPage,
    "reference": ReferencePage,
    "settings": SettingsPage,
    "users": UsersPage,
    "audit": AuditPage,
}
