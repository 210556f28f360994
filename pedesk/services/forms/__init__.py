"""The printed, pre-filled forms (Appendices 1-3, the referral п.14, the letter п.16, the contract п.23,
the receipt and the listeners' list): layouts as data in resources/forms and their PDF. No Qt.
"""

from pedesk.services.forms.data import (
    name_order,
)
from pedesk.services.forms.documents import (
    render_application,
    render_listeners_list,
    render_questionnaire,
    render_receipt,
)
from pedesk.services.forms.layout import (
    LayoutError,
    layout_path,
)

__all__ = [
    "LayoutError",
    "layout_path",
    "name_order",
    "render_application",
    "render_listeners_list",
    "render_questionnaire",
    "render_receipt",
]
