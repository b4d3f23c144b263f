import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from solidair.volunteers import services
from solidair.volunteers.models import VolunteerOffer

OFFER_URL = reverse("volunteers:offer")


def offer_data(**overrides):
    data = {"name": "Els Peeters", "email": "Els@Example.org", "phone": "0470 12 34 56",
            "postal_code": "9000", "roles": ["welcome", "language_buddy"],
            "availability": ["evenings"], "languages": ["nl", "fr"], "message": "Graag!",
            "consent": "on"}
    data.update(overrides)
    return data


def link_in(body: str, name: str) -> str:
    return re.search(rf"http\S+/volunteer/{name}/\S+/", body).group(0)


def test_offer_is_stored_unconfirmed_and_confirmed_through_the_link(
        client, gent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(OFFER_URL, offer_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("volunteers:offer_sent")
    offer = VolunteerOffer.objects.get()
    assert offer.municipality == gent and offer.email == "els@example.org"
    assert offer.confirmed_at is None
    assert offer.role_list == ["language_buddy", "welcome"]
    assert offer.consent_version == services.CONSENT_VERSION and "24 maanden" in offer.consent_text
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Gent" in mail.outbox[0].subject
    confirm_url = link_in(body, "confirm")
    assert offer.confirm_token_hash not in body  # only the hash is stored, not the token
    assert link_in(body, "manage")  # the self-service link is in every e-mail

    path = confirm_url.split("8000", 1)[-1]
    assert client.get(path).status_code == 200  # a page with a button, no change on GET
    offer.refresh_from_db()
    assert offer.confirmed_at is None
    assert client.post(path).status_code == 200
    offer.refresh_from_db()
    assert offer.confirmed_at is not None
    assert client.post(path).status_code == 404  # used once
    assert client.get(path).status_code == 404


def test_confirmation_link_expires_after_seven_days(gent, django_capture_on_commit_callbacks):
    long_ago = timezone.now() - timedelta(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_submit(municipality=gent, email="late@example.org", name="Late",
                              postal_code="9000", roles=["welcome"], now=long_ago)
    token = link_in(mail.outbox[0].body, "confirm").rstrip("/").rsplit("/", 1)[-1]
    assert services.offer_confirm(token=token) is None
    assert services.offer_confirm(token=token, now=long_ago + timedelta(days=6)) is not None


def test_form_errors_keep_what_was_typed(client, gent):
    response = client.post(OFFER_URL, offer_data(email="not-an-address", consent=""))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Els Peeters" in content and "Graag!" in content
    assert 'aria-invalid="true"' in content
    assert not VolunteerOffer.objects.exists()


def test_unknown_postal_code_is_refused(client, gent):
    response = client.post(OFFER_URL, offer_data(postal_code="9999"))
    assert response.status_code == 200
    assert response.context["form"].errors["postal_code"]


def test_interpreting_needs_languages(client, gent):
    response = client.post(OFFER_URL, offer_data(roles=["interpreting"]))
    assert response.context["form"].errors["interpreting_languages"]


def test_postal_code_of_several_municipalities_lets_the_person_choose(client, shared_code):
    first, second = shared_code
    response = client.post(OFFER_URL, offer_data(postal_code="2630"))
    assert response.status_code == 200
    assert response.context["form"].errors["municipality"]
    assert 'value="11002"' in response.content.decode()

    response = client.post(OFFER_URL, offer_data(postal_code="2630", municipality="11002"))
    assert response.status_code == 302
    assert VolunteerOffer.objects.get().municipality == second


def test_nis_in_the_address_preselects_the_municipality(client, shared_code):
    response = client.post(f"{OFFER_URL}?nis=11001", offer_data(postal_code="2630"))
    assert response.status_code == 302
    assert VolunteerOffer.objects.get().municipality_id == "11001"


def _handed_over(client, data):
    """What the letter page does: keep `data` in this browser's session, return the link."""
    from django.test import RequestFactory

    from solidair.core.handoff import prefilled_url

    request = RequestFactory().get("/")
    request.session = client.session
    link = prefilled_url(request, "volunteers:offer", data)
    request.session.save()
    return link


def test_prefill_from_the_letter_fills_the_form_without_submitting(client, gent):
    link = _handed_over(client, {"name": "Jan Janssens", "email": "jan@example.org",
                                 "postal_code": "9000"})
    content = client.get(link).content.decode()
    assert 'value="Jan Janssens"' in content and 'value="jan@example.org"' in content
    assert not VolunteerOffer.objects.exists()


@pytest.mark.parametrize("reference", ["garbage", "²", "x" * 5000])
def test_unknown_prefill_is_ignored(client, gent, reference):
    response = client.get(OFFER_URL, {"prefill": reference})
    assert response.status_code == 200
    assert 'value="X"' not in response.content.decode()


def test_old_prefill_is_ignored(client, gent):
    link = _handed_over(client, {"name": "Old Name"})
    assert 'value="Old Name"' in client.get(link).content.decode()
    later = time.time() + 3 * 3600
    with mock.patch("solidair.core.handoff.time.time", return_value=later):
        assert 'value="Old Name"' not in client.get(link).content.decode()


def test_postal_code_in_the_address_is_prefilled(client, gent):
    response = client.get(OFFER_URL, {"postal_code": "9000"})
    assert 'value="9000"' in response.content.decode()


def test_nis_of_a_municipality_with_one_postal_code_fills_it_in(client, gent, shared_code):
    gent.postal_codes.filter(code="9030").delete()
    assert 'value="9000"' in client.get(OFFER_URL, {"nis": "44021"}).content.decode()
    response = client.get(OFFER_URL, {"nis": "11001"})
    assert response.status_code == 200 and 'value="2630"' in response.content.decode()


def test_honeypot_pretends_success_and_stores_nothing(client, gent):
    response = client.post(OFFER_URL, offer_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not VolunteerOffer.objects.exists()
    assert not mail.outbox


def test_offering_twice_does_not_reveal_and_sends_the_manage_link(
        client, gent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(OFFER_URL, offer_data())
    VolunteerOffer.objects.update(confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(OFFER_URL, offer_data(email="ELS@example.org", name="Other"))
    assert response.status_code == 302
    assert response["Location"] == reverse("volunteers:offer_sent")
    assert VolunteerOffer.objects.get().name == "Els Peeters"  # nothing overwritten
    assert link_in(mail.outbox[1].body, "manage")


def test_resubmitting_an_unconfirmed_offer_updates_it(client, gent,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(OFFER_URL, offer_data())
        client.post(OFFER_URL, offer_data(name="Els P."))
    assert VolunteerOffer.objects.get().name == "Els P."
    first, second = (link_in(m.body, "confirm") for m in mail.outbox)
    assert client.post(first.split("8000", 1)[-1]).status_code == 404  # replaced
    assert client.post(second.split("8000", 1)[-1]).status_code == 200


def test_database_allows_one_offer_per_address_and_municipality(gent, melle):
    from django.db import IntegrityError, transaction

    from solidair.volunteers.tests.factories import make_offer

    make_offer(gent, email="same@example.org")
    make_offer(melle, email="same@example.org")  # another municipality is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        make_offer(gent, email="SAME@example.org")


def test_rate_limit_answers_429(client, gent, monkeypatch):
    from solidair.volunteers import limits

    monkeypatch.setattr(limits, "OFFER_EMAIL_RATE", {"limit": 2, "period": 3600})
    statuses = [client.post(OFFER_URL, offer_data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_mails_are_in_the_volunteers_language(client, gent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr" + OFFER_URL, offer_data())
    assert response.status_code == 302
    offer = VolunteerOffer.objects.get()
    assert offer.language == "fr"
    assert "Gand" in mail.outbox[0].subject
    assert "/fr/volunteer/confirm/" in mail.outbox[0].body
    assert "Confirmez" in mail.outbox[0].subject


def test_confirmation_reaches_a_real_smtp_server(client, gent, smtp_server,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(OFFER_URL, offer_data())
    assert smtp_server.messages[0]["to"] == ["els@example.org"]
    message = smtp_server.messages[0]["message"]
    body = message.get_content()
    path = link_in(body, "confirm").split("8000", 1)[-1]
    assert client.post(path).status_code == 200
    assert VolunteerOffer.objects.get().confirmed_at is not None


def test_form_opened_from_a_municipality_names_it_and_sends_the_offer_there(client, melle):
    """Merelbeke-Melle has two postal codes, so neither is filled in: the page still says
    where the offer goes, from the heading to the confirmation."""
    url = f"{OFFER_URL}?nis=44088"
    html = client.get(url).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert "Merelbeke-Melle" in heading
    assert "Merelbeke-Melle" in re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "9090, 9820" in html  # the hint beside the postal code lists its codes
    response = client.post(url, offer_data(postal_code="", name=""))
    assert response.status_code == 200  # a mistake keeps the municipality named
    assert "Merelbeke-Melle" in re.search(r"<h1>(.*?)</h1>", response.content.decode(),
                                          re.S).group(1)
    assert client.post(url, offer_data(postal_code="9090")).status_code == 302
    assert VolunteerOffer.objects.get().municipality_id == "44088"
