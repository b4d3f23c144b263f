"""The letter page: fill in, preview, download. Nothing is stored: the letter is the resident's."""

from urllib.parse import urlencode

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from solidair.core.ratelimit import client_ip, hit
from solidair.documents.forms import LetterForm
from solidair.documents.letter import (
    default_letter_language,
    letter_content,
    letter_docx,
    letter_filename,
    letter_pdf,
)
from solidair.documents.letter_formats import content_for_html
from solidair.places.models import Municipality

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOWNLOADS = {"pdf": (letter_pdf, PDF, "pdf"), "docx": (letter_docx, DOCX, "docx")}
DOWNLOAD_LIMIT = {"limit": 30, "period": 600}
VOLUNTEER_SALT = "volunteer-prefill"


def file_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # personal data: never kept by a cache
    return response


def volunteer_prefill_url(cleaned: dict) -> str:
    """The volunteers page, pre-filled through a signed (not encrypted, tamper-proof) token."""
    token = signing.dumps({key: cleaned.get(key, "") for key in
                           ("name", "email", "phone", "postal_code")}, salt=VOLUNTEER_SALT)
    language = get_language() or "nl"
    prefix = "" if language == "nl" else f"/{language}"
    return f"{prefix}/volunteer/?{urlencode({'prefill': token})}"


def letter(request, nis):
    municipality = get_object_or_404(Municipality, nis=nis)
    initial_language = default_letter_language(municipality, get_language())
    if request.method != "POST":
        form = LetterForm(municipality=municipality, initial={"language": initial_language})
        return _page(request, municipality, form, letter_content(
            municipality=municipality, language=initial_language))

    form = LetterForm(request.POST, municipality=municipality)
    if not form.is_valid():
        # Keep a preview beside the errors: the letter as it stands, without the sender.
        language = form.cleaned_data.get("language") or initial_language
        return _page(request, municipality, form, letter_content(
            municipality=municipality, language=language), status=400)

    arguments = form.letter_arguments()
    action = request.POST.get("action")
    volunteer_url = volunteer_prefill_url(form.cleaned_data) if form.cleaned_data[
        "volunteer"] else ""
    # A future volunteer's first download shows the page with the volunteer link (a file
    # download would leave the page unchanged); the buttons there then download at once.
    volunteer_link_seen = bool(request.POST.get("ready"))
    if action not in DOWNLOADS or (volunteer_url and not volunteer_link_seen):
        return _page(request, municipality, form, letter_content(**arguments),
                     volunteer_url=volunteer_url, ready=action in DOWNLOADS)

    if not hit("letter-download", client_ip(request), **DOWNLOAD_LIMIT):
        form.add_error(None, _("Too many letters from your connection. Please try again in a "
                               "few minutes."))
        return _page(request, municipality, form, letter_content(**arguments), status=429)
    render_letter, content_type, extension = DOWNLOADS[action]
    return file_response(render_letter(**arguments), content_type,
                         letter_filename(municipality, extension))


def _page(request, municipality, form, content, *, status=200, **extra):
    return render(request, "documents/letter.html", {
        "municipality": municipality,
        "form": form,
        "letter": content_for_html(content),
        **extra,
    }, status=status)
