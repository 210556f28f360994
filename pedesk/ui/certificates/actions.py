"""After issue (п.32): annul a certificate by the head's order, reissue it after a correction, or record a
duplicate of a lost one. Nothing is deleted; each refusal is shown under its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from pedesk.i18n import N_, _
from pedesk.services.certificates import (
    CertificateRow,
    annul_certificate,
    record_duplicate,
    reissue_certificate,
)
from pedesk.ui.context import AppContext
from pedesk.ui.widgets.choices import date_edit, from_qdate
from pedesk.ui.widgets.forms import TranslatedForm
from pedesk.ui.widgets.records import get_date, optional_date_edit


class CertificateDialog(TranslatedForm):
    """A form about one certificate: its number and holder at the top, then the fields."""

    save_text = N_("Save")
    explanation = ""

    def __init__(self, context: AppContext, title: str, row: CertificateRow, parent: QWidget | None = None) -> None:
        super().__init__(context, title, parent)
        self.row = row
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.form.addRow(self.about)
        self.new_id: int | None = None

    def finish(self) -> None:
        """Call at the end of a subclass's ``__init__``."""
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        about = _("Certificate {number}: {holder}, {programme}.").format(
            number=self.row.number, holder=self.row.holder, programme=self.row.programme)
        self.about.setText(f"<b>{about}</b><br>{_(self.explanation)}" if self.explanation else f"<b>{about}</b>")
        self.button_box.button(self.button_box.StandardButton.Save).setText(_(self.save_text))

    def order_fields(self) -> None:
        self.reason = self.field("reason", N_("Reason"), QLineEdit())
        self.order_no = self.field("order_no", N_("Order number"), QLineEdit())
        self.order_date = self.field("order_date", N_("Order date"), optional_date_edit())


class AnnulDialog(CertificateDialog):
    save_text = N_("Annul")
    explanation = N_("The certificate stays in the records marked annulled, with the reason and the head's "
                     "order; verification will answer that it is annulled.")

    def __init__(self, context: AppContext, row: CertificateRow, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Annul a certificate"), row, parent)
        self.order_fields()
        self.finish()

    def save(self) -> Any:
        with self.context.database.transaction(self.context.user) as session:
            annul_certificate(session, self.row.id, reason=self.reason.text(), order_no=self.order_no.text(),
                              order_date=get_date(self.order_date), today=self.context.today(),
                              by=self.context.user)
        self.context.changed("certificate")
        return self.row.id


class ReissueDialog(CertificateDialog):
    save_text = N_("Reissue")
    explanation = N_("After a correction (a name, a title): this certificate is replaced by a new one with a new "
                     "number and today's names; the validity stays that of the old one.")

    def __init__(self, context: AppContext, row: CertificateRow, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Reissue a certificate"), row, parent)
        self.order_fields()
        self.on = self.field("on", N_("Date of the new certificate"), date_edit(context.today()))
        self.new_number = ""
        self.finish()

    def save(self) -> Any:
        with self.context.database.transaction(self.context.user, immediate=True) as session:
            new = reissue_certificate(session, self.row.id, on=from_qdate(self.on.date()),
                                      reason=self.reason.text(), order_no=self.order_no.text(),
                                      order_date=get_date(self.order_date), today=self.context.today(),
                                      by=self.context.user)
            self.new_id, self.new_number = new.id, new.number
        self.context.changed("certificate")
        return self.new_id


class DuplicateDialog(CertificateDialog):
    save_text = N_("Record the duplicate")
    explanation = N_("A duplicate of a lost or damaged certificate has the same number and text and is marked "
                     "ТЕЛНҰСҚА / ДУБЛИКАТ; each one printed is recorded in the issue book.")

    def __init__(self, context: AppContext, row: CertificateRow, parent: QWidget | None = None) -> None:
        super().__init__(context, N_("Duplicate of a certificate"), row, parent)
        self.reason = self.field("reason", N_("Reason"), QLineEdit())
        self.application_no = self.field("application_no", N_("Holder's application number"), QLineEdit())
        self.finish()

    def retranslate(self, _lang: str = "") -> None:
        super().retranslate(_lang)
        if hasattr(self, "reason"):
            self.reason.setPlaceholderText(_("lost, damaged…"))

    def save(self) -> Any:
        with self.context.database.transaction(self.context.user) as session:
            record_duplicate(session, self.row.id, reason=self.reason.text(),
                             application_no=self.application_no.text(), by=self.context.user)
        self.context.changed("certificate")
        return self.row.id
