"""Certificates (п.29, 32, Appendix 4): issuing with gap-free numbers, annulment, reissue and duplicates,
the layout and PDF, printer calibration and offsets, the issue book and verification. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pedesk.services import lazy_exports

if TYPE_CHECKING:
    from pedesk.services.certificates.calibration import (
        render_calibration_page,
    )
    from pedesk.services.certificates.issue_book import (
        write_issue_book_pdf,
        write_issue_book_xlsx,
    )
    from pedesk.services.certificates.issuing import (
        annul_certificate,
        issue_for_cohort,
        record_duplicate,
        reissue_certificate,
    )
    from pedesk.services.certificates.layout import (
        CertificateLayout,
        load_certificate_layout,
    )
    from pedesk.services.certificates.pdf import (
        CertificatePrint,
        certificate_values,
        render_certificates,
        write_certificates_pdf,
    )
    from pedesk.services.certificates.printing import (
        MAX_OFFSET_MM,
        PrinterSettings,
        issue_book_rows,
        load_printer_settings,
        printed_by,
        record_printing,
        save_printer_settings,
    )
    from pedesk.services.certificates.queries import (
        AwaitingCohort,
        CertificateRow,
        PrintableCertificate,
        Validity,
        cohorts_awaiting_certificates,
        list_certificates,
        page_certificates,
        printable_certificates,
        validity_label,
    )
    from pedesk.services.certificates.verification import (
        Verification,
        find_certificate,
        verify_certificate,
    )

# each name and the module that holds it: a module is imported only when one of its names is first used,
# so that a command loads what it needs (the CLI starts without reportlab or openpyxl)
_HOME = {
    "annul_certificate": "issuing",
    "AwaitingCohort": "queries",
    "certificate_values": "pdf",
    "CertificateLayout": "layout",
    "CertificatePrint": "pdf",
    "CertificateRow": "queries",
    "cohorts_awaiting_certificates": "queries",
    "find_certificate": "verification",
    "issue_book_rows": "printing",
    "issue_for_cohort": "issuing",
    "list_certificates": "queries",
    "load_certificate_layout": "layout",
    "load_printer_settings": "printing",
    "MAX_OFFSET_MM": "printing",
    "page_certificates": "queries",
    "printable_certificates": "queries",
    "PrintableCertificate": "queries",
    "PrinterSettings": "printing",
    "record_duplicate": "issuing",
    "reissue_certificate": "issuing",
    "render_calibration_page": "calibration",
    "render_certificates": "pdf",
    "save_printer_settings": "printing",
    "printed_by": "printing",
    "record_printing": "printing",
    "Validity": "queries",
    "validity_label": "queries",
    "Verification": "verification",
    "verify_certificate": "verification",
    "write_certificates_pdf": "pdf",
    "write_issue_book_pdf": "issue_book",
    "write_issue_book_xlsx": "issue_book",
}


__getattr__ = lazy_exports(__name__, _HOME)


__all__ = [
    "AwaitingCohort",
    "CertificateLayout",
    "CertificatePrint",
    "CertificateRow",
    "MAX_OFFSET_MM",
    "PrintableCertificate",
    "PrinterSettings",
    "Validity",
    "Verification",
    "annul_certificate",
    "certificate_values",
    "cohorts_awaiting_certificates",
    "find_certificate",
    "issue_book_rows",
    "issue_for_cohort",
    "list_certificates",
    "load_certificate_layout",
    "load_printer_settings",
    "page_certificates",
    "printable_certificates",
    "printed_by",
    "record_duplicate",
    "record_printing",
    "reissue_certificate",
    "render_calibration_page",
    "render_certificates",
    "save_printer_settings",
    "validity_label",
    "verify_certificate",
    "write_certificates_pdf",
    "write_issue_book_pdf",
    "write_issue_book_xlsx",
]
