"""Checks on uploaded scans of paper signature sheets: a real PDF, PNG or JPEG, decided by
content (as the charter checks council decisions), not by name or the browser's claim."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SCAN_BYTES = 20 * 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"

CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}


def scan_kind(upload) -> str:
    """'pdf', 'png' or 'jpg' by the file's content, or ValidationError."""
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError(_("The file is too large: at most 20 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(upload.size - 2048, 0))
    tail = upload.read()
    upload.seek(0)
    if head.startswith(b"%PDF-") and b"%%EOF" in tail:
        return "pdf"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(JPEG_MAGIC):
        return "jpg"
    raise ValidationError(_("Upload the scanned sheets as a PDF, PNG or JPEG file."),
                          code="not_scan")
