"""POST /api/v1/letters/: the filled-in letter as PDF or DOCX for partner sites.

Content negotiation: `Accept: application/pdf` gives the PDF,
`Accept: application/vnd.openxmlformats-officedocument.wordprocessingml.document` the DOCX.
Without an Accept header (or with */*) the PDF is returned; any other Accept value gets 406.
Bad input (unknown nis, missing name, bad e-mail, too long, a language the municipality's
council does not use) gets 400 with `{"message", "errors"}`; a municipality that is already a
member has nothing to be asked: 409; too many letters from one address 429. `language` is "nl",
"fr" or "en" (the English reading version); when empty, the council's language (Dutch in
Brussels). `phone` and `message` are optional. Nothing is stored.
"""

from django.http import HttpResponse
from ninja import Router, Schema, Status

from solidair.core.api import errors_for, invalid
from solidair.core.ratelimit import client_ip, hit
from solidair.documents.forms import LetterForm
from solidair.documents.letter import (
    default_letter_language,
    letter_filename,
    membership_lapsed,
)
from solidair.documents.views import DOCX, PDF, file_response
from solidair.documents.views import DOWNLOADS as RENDERERS
from solidair.places.models import Municipality, MunicipalityStatus

router = Router(tags=["letters"])
API_LIMIT = {"limit": 20, "period": 600}
_BINARY = {"schema": {"type": "string", "format": "binary"}}


class LetterIn(Schema):
    nis: str
    name: str = ""
    email: str = ""
    phone: str = ""
    language: str = ""
    message: str = ""


def _negotiate(accept: str) -> str | None:
    """'pdf', 'docx', or None when the client accepts neither."""
    accepted = [part.split(";")[0].strip().lower() for part in accept.split(",") if part.strip()]
    if not accepted:
        return "pdf"
    for media_type in accepted:
        if media_type == DOCX:
            return "docx"
        if media_type in (PDF, "*/*", "application/*"):
            return "pdf"
    return None


@router.post(
    "/letters/",
    response=errors_for(400, 406, 409, 429),
    summary="The letter to a municipality's council, filled in, as PDF or DOCX",
    description=__doc__,
    openapi_extra={"responses": {
        200: {"description": "The letter (nothing is stored).",
              "content": {PDF: _BINARY, DOCX: _BINARY}},
        400: {"content": {"application/json": {"example": {
            "message": "Unknown municipality code (nis).",
            "errors": {"nis": ["Unknown municipality code."]}}}}}}},
)
def create_letter(request, payload: LetterIn, response: HttpResponse):
    if not hit("api-letters", client_ip(request), **API_LIMIT):
        response["Retry-After"] = str(API_LIMIT["period"])
        return Status(429, {"message": "Too many letters from this address; try again later."})
    output = _negotiate(request.headers.get("Accept", ""))
    if output is None:
        return Status(406, {"message": f"Accept {PDF} or {DOCX}."})
    municipality = Municipality.objects.filter(nis=payload.nis.strip()).first()
    if municipality is None:
        return Status(400, invalid({"nis": ["Unknown municipality code."]},
                                   message="Unknown municipality code (nis)."))
    if municipality.status == MunicipalityStatus.MEMBER and not membership_lapsed(municipality):
        return Status(409, {"message": "This municipality is already a member of the network: "
                                       "there is no letter asking it to join."})
    data = payload.dict()
    data["language"] = data["language"] or default_letter_language(municipality)
    form = LetterForm(data, municipality=municipality)
    if not form.is_valid():
        summary = "; ".join(f"{field}: {' '.join(messages)}"
                            for field, messages in form.errors.items())
        return Status(400, invalid(form.errors, message=f"Invalid input. {summary}"))
    render_letter, content_type, extension = RENDERERS[output]
    return file_response(render_letter(**form.letter_arguments()), content_type,
                         letter_filename(municipality, extension,
                                         language=form.cleaned_data["language"]))
