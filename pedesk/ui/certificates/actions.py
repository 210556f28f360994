"""After issue (п.32): annul a certificate by the head's order, reissue it after a correction, or record a
duplicate of a lost one. Nothing is deleted; each refusal is shown under its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from pedesk.i18n import N_, _
from pedesk.services.access import Action
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
    """A form about one certificate under ``TITLE``: its number and holder at the top, then the fields; Save
    (``SAVE_TEXT``) runs ``record`` in one transaction (``IMMEDIATE``: taking the write lock at once) and
    announces the change."""

    TITLE = ""
    SAVE_TEXT = N_("Save")
    EXPLANATION = ""
    IMMEDIATE = False

    def __init__(self, context: AppContext, row: CertificateRow, parent: QWidget | None = None) -> None:
        super().__init__(context, self.TITLE, parent)
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
        self.about.setText(f"<b>{about}</b><br>{_(self.EXPLANATION)}" if self.EXPLANATION else f"<b>{about}</b>")
        self.button_box.button(self.button_box.StandardButton.Save).setText(_(self.SAVE_TEXT))

    def order_fields(self) -> None:
        self.reason = self.field("reason", N_("Reason"), QLineEdit())
        self.order_no = self.field("order_no", N_("Order number"), QLineEdit())
        self.order_date = self.field("order_date", N_("Order date"), optional_date_edit())

    def save(self) -> Any:
        with self.context.database.transaction(self.context.user, immediate=self.IMMEDIATE) as session:
            saved = self.record(session)
        self.context.changed("certificate")
        return saved

    def record(self, session: Session) -> int | None:
        """Write the change; the id of the certificate it leaves (a refusal raises ValidationError)."""
        raise NotImplementedError


class AnnulDialog(CertificateDialog):
    TITLE = N_("Annul a certificate")
    SAVE_TEXT = N_("Annul")
    ACTION = Action.ANNUL
    EXPLANATION = N_("The certificate stays in the records marked annulled, with the reason and the head's "
                     "order; verification will answer that it is annulled.")

    def __init__(self, context: AppContext, row: CertificateRow, parent: QWidget | None = None) -> None:
        super().__init__(context, row, parent)
        self.order_fields()
        self.finish()

    def record(self, session: Session) -> int | None:
        annul_certificate(session, self.row.id, reason=self.reason.text(), order_no=self.order_no.text(),
                          order_date=get_date(self.order_date), today=self.context.today(), by=self.context.user)
        return self.row.id


class ReissueDialog(CertificateDialog):
    TITLE = N_("Reissue a certificate")
    SAVE_TEXT = N_("Reissue")
    ACTION = Action.REISSUE
    EXPLANATION = N_("After a correction (a name, a title): this certificate is replaced by a new one with a new "
                     "number and today's names; the validity stays that of the old one.")
    IMMEDIATE = True

    def __init__(self, context: AppContext, row: CertificateRow, parent: QWidget | None = None) -> None:
        super().__init__(context, row, parent)
        self.order_fields()
        self.on = self.field("on", N_("Date of the new certificate"), date_edit(context.today()))
        self.new_number = ""
        self.finish()

    def record(self, session: Session) -> int | None:
        new = reissue_certificate(session, self.row.id, on=from_qdate(self.on.date()), reason=self.reason.text(),
                                  order_no=self.order_no.text(), order_date=get_date(self.order_date),
                                  today=self.context.today(), by=self.context.user)
        self.new_id, self.new_number = new.id, new.number
        return self.new_id


class DuplicateDialog(CertificateDialog):
    TITLE = N_("Duplicate of a certificate")
    SAVE_TEXT = N_("Record the duplicate")
    ACTION = Action.DUPLICATE
    EXPLANATION = N_("A duplicate of a lost or damaged certificate has the same number and text and is marked "
                     "ТЕЛНҰСҚА / ДУБЛИКАТ; each one printed is recorded in the issue book.")

    def __init__(self, context: AppContext, row: CertificateRow, parent: QWidget | None = None) -> None:
        super().__init__(context, row, parent)
        self.reason = self.field("reason", N_("Reason"), QLineEdit(), N_("lost, damaged…"))
        self.application_no = self.field("application_no", N_("Holder's application number"), QLineEdit())
        self.finish()

    def record(self, session: Session) -> int | None:
        record_duplicate(session, self.row.id, reason=self.reason.text(), application_no=self.application_no.text(),
                         by=self.context.user)
        return self.row.id
