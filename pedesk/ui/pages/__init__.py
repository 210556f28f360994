"""The sections' pages, by section key (see pedesk.ui.main_window.SECTIONS)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from pedesk.ui.context import AppContext
from pedesk.ui.pages.assessments import AssessmentsPage
from pedesk.ui.pages.certificates import CertificatesPage
from pedesk.ui.pages.dashboard import DashboardPage
from pedesk.ui.pages.listeners import ListenersPage
from pedesk.ui.pages.packages import PackagesPage
from pedesk.ui.pages.planning import PlanningPage
from pedesk.ui.pages.post_course import PostCoursePage
from pedesk.ui.pages.reference import ReferencePage
from pedesk.ui.pages.schedule import SchedulePage
from pedesk.ui.pages.settings import SettingsPage

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
}
