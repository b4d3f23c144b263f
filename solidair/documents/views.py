"""The letter page: fill in, preview, download. Nothing is stored: the letter is the resident's."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from solidair.core.handoff import prefilled_url
from solidair.core.ratelimit import client_ip, hit
from solidair.documents.forms import LetterForm
from solidair.documents.letter import (
    default_letter_language,
    letter_content,
    letter_docx,
    letter_filename,
    letter_pdf,
    membership_lapsed,
)
from solidair.documents.letter_formats import content_for_html
from solidair.places.models import Municipality, MunicipalityStatus

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOWNLOADS = {"pdf": (letter_pdf, PDF, "pdf"), "docx": (letter_docx, DOCX, "docx")}
DOWNLOAD_LIMIT = {"limit": 30, "period": 600}


def file_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # personal data: never kept by a cache
    return response


def volunteer_prefill_url(request, cleaned: dict, municipality) -> str:
    """The volunteers' form, filled in with the letter's sender."""
    data = {key: cleaned.get(key, "") for key in ("name", "email", "phone", "postal_code")}
    return prefilled_url(request, "volunteers:offer", data, nis=municipality.nis)


def letter(request, nis):
    municipality = get_object_or_404(Municipality, nis=nis)
    if municipality.status == MunicipalityStatus.MEMBER and not membership_lapsed(municipality):
        # Nothing to ask a member to join: say so, and how to help it keep its commitments. A
        # lapsed member (its new council did not reconfirm it) is asked to reconfirm.
        return render(request, "places/already_member.html", {"municipality": municipality},
                      status=409 if request.method == "POST" else 200)
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
    volunteer_url = (volunteer_prefill_url(request, form.cleaned_data, municipality)
                     if form.cleaned_data["volunteer"] else "")
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
    # Named in the page's language: letter-liege.pdf on /fr/, letter-luik.pdf on /.
    return file_response(render_letter(**arguments), content_type,
                         letter_filename(municipality, extension, language=get_language()))


def _page(request, municipality, form, content, *, status=200, **extra):
    return render(request, "documents/letter.html", {
        "municipality": municipality,
        "form": form,
        "letter": content_for_html(content),
        **extra,
    }, status=status)
