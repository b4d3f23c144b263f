"""Checks on uploaded council decisions: a real PDF, not too big, whatever the browser claims."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DECISION_BYTES = 10 * 1024 * 1024
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def check_council_decision_pdf(upload) -> None:
    """Raise ValidationError unless `upload` is a PDF of at most 10 MB.

    Type is decided by content, not by name or content type: the file must start with the PDF
    header, hold at least one object and end with the end-of-file marker (a truncated upload or a
    renamed Word file fails). Parsing stays out of the web process on purpose.
    """
    if upload.size > MAX_DECISION_BYTES:
        raise ValidationError(_("The file is too large: at most 10 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(upload.size - 2048, 0))
    tail = upload.read()
    upload.seek(0)
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise ValidationError(_("This is not a PDF file. Upload the council decision as PDF."),
                              code="not_pdf")
    upload.seek(0)
    found_object = any(_PDF_OBJECT.search(chunk) for chunk in upload.chunks())
    upload.seek(0)
    if not found_object:
        raise ValidationError(_("This PDF file seems damaged. Export it again and retry."),
                              code="damaged_pdf")
