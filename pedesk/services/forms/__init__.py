"""The printed, pre-filled forms (Appendices 1-3, the referral п.14, the letter п.16, the contract п.23,
the receipt and the listeners' list): layouts as data in resources/forms and their PDF. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
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
    from pedesk.services.forms.printing import (
        PRINTED_FORMS,
        PrintedForm,
        print_form,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "layout_path": "layout",
    "LayoutError": "layout",
    "PRINTED_FORMS": "printing",
    "PrintedForm": "printing",
    "print_form": "printing",
    "render_application": "documents",
    "render_listeners_list": "documents",
    "render_questionnaire": "documents",
    "render_receipt": "documents",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "LayoutError",
    "PRINTED_FORMS",
    "PrintedForm",
    "layout_path",
    "print_form",
    "render_application",
    "render_listeners_list",
    "render_questionnaire",
    "render_receipt",
]
