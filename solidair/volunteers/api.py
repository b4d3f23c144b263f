"""Partner sites send volunteer offers here: `POST /api/v1/municipalities/{nis}/volunteers/`.

Answers 202 whether or not the address already offered (never revealed), 400 for bad input,
404 for an unknown municipality, 429 when rate-limited. The person confirms by e-mail.
"""

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status

from solidair.core.api import Message, errors_for, invalid
from solidair.core.apidocs import example_response
from solidair.core.ratelimit import client_ip
from solidair.places.models import Municipality
from solidair.volunteers import services
from solidair.volunteers.forms import OfferForm
from solidair.volunteers.limits import OFFER_EMAIL_RATE, OFFER_RATE, offer_rate_ok

router = Router(tags=["volunteers"])


class VolunteerOfferIn(Schema):
    name: str = Field(..., max_length=120)
    email: str = Field(..., max_length=254)
    phone: str = ""
    postal_code: str
    roles: list[str] = Field(..., description="welcome, language_buddy, housing, leisure, "
                             "school, transport, interpreting, foster_family, guardian, other")
    interpreting_languages: list[str] = []
    availability: list[str] = Field([], description="weekdays, evenings, weekends")
    languages: list[str] = Field([], description="ISO 639-1 codes, or 'other'")
    message: str = ""
    share_contact: bool = False
    consent: bool = Field(..., description="the person agreed to the consent text (must be true)")
    language: str = Field("nl", description="language of the e-mails: nl, fr, en or de")


@router.post("/municipalities/{nis}/volunteers/", response={202: Message,
                                                            **errors_for(400, 404, 429)},
             summary="Offer to volunteer (confirmed by e-mail)",
             description="For partner sites: a resident offers to help a municipality "
             "(roles, availability, languages). The offer counts once confirmed through the "
             "link mailed to them; only the municipality's officers see the person's details, "
             "and only if `share_contact`. Answers 202 whether or not the address offered "
             "before; 20 an hour per client address and 5 an hour per e-mail address.",
             openapi_extra=example_response(
                 {"message": "Check your mailbox to confirm the offer."}, status=202))
def offer_volunteer(request, nis: str, payload: VolunteerOfferIn, response: HttpResponse):
    municipality = Municipality.objects.filter(nis=nis).first()
    if municipality is None:
        return Status(404, {"message": "Unknown municipality."})
    data = payload.dict()
    data["municipality"] = municipality.nis
    form = OfferForm(data, nis=municipality.nis)
    if not form.is_valid():
        return Status(400, invalid(form.errors))
    if not offer_rate_ok(ip=client_ip(request), email=form.cleaned_data["email"]):
        response["Retry-After"] = str(max(OFFER_RATE["period"], OFFER_EMAIL_RATE["period"]))
        return Status(429, {"message": "Too many attempts. Try again later."})
    services.offer_submit(language=payload.language, **form.submission())
    return Status(202, {"message": "Check your mailbox to confirm the offer."})
