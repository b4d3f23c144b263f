"""Builders for campaign tests: signatures in any state without going through the form."""

from datetime import timedelta

from django.utils import timezone

from solidair.campaigns.addresses import normalize_email
from solidair.campaigns.models import AddressSource, CampaignSettings, Signature, SignatureStatus
from solidair.campaigns.tokens import new_confirmation_token, new_management_key
from solidair.places.testing import make_municipality


def make_gent():
    return make_municipality("44021", "Gent", "Gand", postal_codes=("9000", "9030"),
                             is_city=True)


def make_signature(municipality, *, email="anna@example.org", name="Anna De Smet",
                   status=SignatureStatus.CONFIRMED, **fields) -> Signature:
    token, token_hash = new_confirmation_token()
    confirmed = status != SignatureStatus.PENDING
    signature = Signature.objects.create(
        municipality=municipality, name=name, email=email, email_normalized=normalize_email(email),
        postal_code=municipality.postal_codes.first().code, consent_text="I agree",
        consent_version="test", status=status, management_key=new_management_key(),
        confirmation_token_hash=None if confirmed else token_hash,
        confirmation_expires_at=timezone.now() + timedelta(days=7),
        confirmed_at=timezone.now() if confirmed else None, **fields)
    signature.raw_token = token
    return signature


def make_council_address(municipality, email="college@stad.gent", **fields) -> CampaignSettings:
    """A confirmed council address (as its officer or the link would leave it)."""
    return CampaignSettings.objects.create(
        municipality=municipality, council_email=email,
        council_email_confirmed_at=timezone.now(), council_email_source=AddressSource.OFFICER,
        **fields)
