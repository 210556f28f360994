"""Certificates (п.29, 32, Appendix 4): issuing with gap-free numbers, annulment, reissue and duplicates,
the layout and PDF, printer calibration and offsets, the issue book and verification. No Qt.
"""

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
    save_printer_settings,
)
from pedesk.services.certificates.queries import (
    AwaitingCohort,
    CertificateRow,
    PrintableCertificate,
    Validity,
    Verification,
    cohorts_awaiting_certificates,
    find_certificate,
    list_certificates,
    page_certificates,
    printable_certificates,
    validity_label,
    verify_certificate,
)

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
    "record_duplicate",
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
