import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from solidair.campaigns import services
from solidair.campaigns.models import Signature, SignatureStatus
from solidair.campaigns.tests.factories import make_gent, make_signature
from solidair.places.models import MunicipalityStatus, StatusChange

pytestmark = pytest.mark.django_db

FORM = {"name": "Anna De Smet", "email": "Anna@Example.org ", "postal_code": "9000",
        "phone": "0470 12 34 56", "message": "Gent kan dit.", "wants_to_volunteer": "on",
        "show_name_publicly": "on", "consent": "on", "website": ""}


def link_in(message, name):
    """The first link in a mail body that points at the URL pattern `name`."""
    marker = {"confirm": "/signatures/confirm/", "manage": "/signatures/"}[name]
    return next(url for url in re.findall(r"https?://\S+", message.body) if marker in url)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_from_the_form_to_the_confirmation_link_to_the_counter(
        client, django_capture_on_commit_callbacks):
    gent = make_gent()
    page = client.get(reverse("campaigns:sign", args=["44021"]))
    assert page.status_code == 200 and b"Gent" in page.content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaigns:sign", args=["44021"]), FORM)
    assert response.status_code == 302
    assert response.url == reverse("campaigns:sent", args=["44021"])
    signature = Signature.objects.get()
    assert signature.status == SignatureStatus.PENDING
    assert signature.email_normalized == "anna@example.org"
    assert signature.wants_to_volunteer and signature.show_name_publicly
    assert not signature.share_email_with_council
    assert "Network of Solidarity" in signature.consent_text or "Netwerk" in signature.consent_text
    assert signature.consent_version == services.CONSENT_VERSION and signature.language == "nl"
    assert services.confirmed_count(gent) == 0

    [message] = mail.outbox
    assert message.to == ["Anna@Example.org"]
    confirm_path = path_of(link_in(message, "confirm"))
    token = confirm_path.rstrip("/").rsplit("/", 1)[1]
    assert signature.confirmation_token_hash != token  # only the hash is stored

    assert client.get(confirm_path).status_code == 200  # a button: scanners confirm nothing
    assert Signature.objects.get().status == SignatureStatus.PENDING
    response = client.post(confirm_path)
    assert response.status_code == 302
    thanks = client.get(response.url)
    assert thanks.status_code == 200
    assert b"/volunteer/?nis=44021&amp;prefill=" in thanks.content
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.CONFIRMED and signature.confirmed_at
    assert services.confirmed_count(gent) == 1
    assert thanks.context["count"] == 1

    gent.refresh_from_db()
    assert gent.status == MunicipalityStatus.RESIDENTS_ASKING
    assert StatusChange.objects.filter(to_status=MunicipalityStatus.RESIDENTS_ASKING).count() == 1

    # The link works once.
    assert client.post(confirm_path).status_code == 404
    assert client.get(confirm_path).status_code == 404


def test_volunteer_link_fills_the_form_but_carries_nothing_personal(client):
    from html import unescape

    gent = make_gent()
    signature = make_signature(gent, wants_to_volunteer=True, phone="0470 11 22 33")
    from solidair.campaigns.tokens import management_token

    page = client.get(reverse("campaigns:thanks", args=[management_token(signature)]))
    link = unescape(re.search(r'href="([^"]*prefill=[^"]*)"', page.content.decode()).group(1))
    reference = link.split("prefill=", 1)[1]
    assert len(reference) < 20 and "." not in reference and ":" not in reference
    form = client.get(link).content.decode()
    assert 'value="Anna De Smet"' in form and 'value="anna@example.org"' in form
    assert 'value="0470 11 22 33"' in form
    # The reference means nothing in another browser (no session with it).
    from django.test import Client

    assert 'value="Anna De Smet"' not in Client().get(link).content.decode()


def test_no_volunteer_link_without_the_wish(client):
    from solidair.campaigns.tokens import management_token

    signature = make_signature(make_gent())
    page = client.get(reverse("campaigns:thanks", args=[management_token(signature)]))
    assert b"prefill" not in page.content


def test_status_moves_only_from_not_engaged():
    gent = make_gent()
    gent.status = MunicipalityStatus.MEMBER
    gent.save()
    signature = make_signature(gent, status=SignatureStatus.PENDING)
    services.signature_confirm(token=signature.raw_token)
    gent.refresh_from_db()
    assert gent.status == MunicipalityStatus.MEMBER
    assert not StatusChange.objects.exists()


def test_postal_code_must_belong_to_the_municipality(client):
    make_gent()
    response = client.post(reverse("campaigns:sign", args=["44021"]),
                           {**FORM, "postal_code": "3000"})
    assert response.status_code == 400
    assert "postal_code" in response.context["form"].errors
    assert response.context["form"]["name"].value() == "Anna De Smet"  # nothing lost
    assert not Signature.objects.exists()


def test_bad_shape_keeps_what_was_typed(client):
    make_gent()
    response = client.post(reverse("campaigns:sign", args=["44021"]),
                           {**FORM, "email": "not-an-address", "consent": ""})
    assert response.status_code == 400
    form = response.context["form"]
    assert {"email", "consent"} <= set(form.errors)
    assert form["message"].value() == "Gent kan dit."


def test_length_limits(client):
    make_gent()
    response = client.post(reverse("campaigns:sign", args=["44021"]),
                           {**FORM, "message": "x" * 2001, "name": "n" * 101})
    assert response.status_code == 400
    assert {"message", "name"} <= set(response.context["form"].errors)
    with pytest.raises(services.SignatureInvalid) as error:
        services.signature_submit(municipality=make_gent(), name="A", email="a@example.org",
                                  postal_code="9000", message="x" * 2001, consent=True)
    assert "message" in error.value.errors


def test_honeypot_stores_nothing(client, django_capture_on_commit_callbacks):
    make_gent()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaigns:sign", args=["44021"]),
                               {**FORM, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Signature.objects.exists() and not mail.outbox


def test_csrf_is_required(client):
    from django.test import Client

    make_gent()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("campaigns:sign", args=["44021"]), FORM).status_code == 403


def test_form_is_rate_limited_per_email(client, settings):
    settings.CAMPAIGNS_SUBMIT_LIMIT_PER_EMAIL = (2, 3600)
    make_gent()
    url = reverse("campaigns:sign", args=["44021"])
    assert [client.post(url, FORM).status_code for _ in range(3)] == [302, 302, 429]


def test_form_is_rate_limited_per_ip(client, settings):
    settings.CAMPAIGNS_SUBMIT_LIMIT_PER_IP = (2, 3600)
    make_gent()
    url = reverse("campaigns:sign", args=["44021"])
    codes = [client.post(url, {**FORM, "email": f"p{i}@example.org"}).status_code
             for i in range(3)]
    assert codes == [302, 302, 429]


def test_second_submission_of_a_confirmed_address_mails_already_signed(
        django_capture_on_commit_callbacks):
    gent = make_gent()
    make_signature(gent, email="anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.signature_submit(municipality=gent, name="Anna", postal_code="9030",
                                           email=" ANNA@example.org", consent=True)
    assert result.outcome == "already_signed"
    assert Signature.objects.count() == 1
    assert Signature.objects.get().postal_code == "9000"  # nothing changed
    [message] = mail.outbox
    assert "/signatures/confirm/" not in message.body
    assert "/signatures/" in message.body


def test_second_submission_of_a_pending_address_sends_a_fresh_link(
        django_capture_on_commit_callbacks):
    gent = make_gent()
    old = make_signature(gent, status=SignatureStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.signature_submit(municipality=gent, name="Anna D.", postal_code="9030",
                                           email="anna@example.org", consent=True)
    assert result.outcome == "resent"
    signature = Signature.objects.get()
    assert signature.name == "Anna D." and signature.postal_code == "9030"
    assert services.signature_confirm(token=old.raw_token) is None  # replaced by the new link
    assert "/signatures/confirm/" in mail.outbox[0].body


def test_one_address_may_sign_for_two_municipalities():
    from solidair.places.testing import make_municipality

    gent = make_gent()
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    for municipality, code in ((gent, "9000"), (leuven, "3000")):
        services.signature_submit(municipality=municipality, name="Anna", postal_code=code,
                                  email="anna@example.org", consent=True)
    assert Signature.objects.count() == 2


def test_database_refuses_a_duplicate_even_past_the_service():
    from django.db import IntegrityError

    gent = make_gent()
    make_signature(gent, email="anna@example.org")
    with pytest.raises(IntegrityError):
        make_signature(gent, email="anna@example.org", status=SignatureStatus.PENDING)


def test_confirmation_link_expires_after_seven_days():
    from django.utils import timezone

    signature = make_signature(make_gent(), status=SignatureStatus.PENDING)
    Signature.objects.filter(pk=signature.pk).update(
        confirmation_expires_at=timezone.now() - timedelta(seconds=1))
    assert services.signature_confirm(token=signature.raw_token) is None
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_mail_is_in_the_signers_language(client, django_capture_on_commit_callbacks):
    make_gent()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr" + reverse("campaigns:sign", args=["44021"]), FORM)
    assert response.status_code == 302
    assert Signature.objects.get().language == "fr"
    [message] = mail.outbox
    assert "/fr/signatures/confirm/" in message.body
    assert "Confirmez" in message.subject


def test_thanks_page_links_to_the_letter(client):
    from solidair.campaigns.tokens import management_token

    signature = make_signature(make_gent())
    page = client.get(reverse("campaigns:thanks", args=[management_token(signature)]))
    assert reverse("documents:letter", args=["44021"]).encode() in page.content
