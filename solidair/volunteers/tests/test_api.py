import json

import pytest
from django.core import mail

from solidair.volunteers.extensions import MunicipalityApiFields, municipality_api_fields
from solidair.volunteers.models import VolunteerOffer
from solidair.volunteers.tests.factories import make_offer


def payload(**overrides):
    data = {"name": "Sara Mertens", "email": "sara@example.org", "phone": "0470000000",
            "postal_code": "9000", "roles": ["school", "interpreting"],
            "interpreting_languages": ["ar"], "availability": ["weekends"],
            "languages": ["nl", "ar"], "message": "Ik help graag", "consent": True,
            "language": "fr"}
    data.update(overrides)
    return data


def post(client, nis, data):
    return client.post(f"/api/v1/municipalities/{nis}/volunteers/", json.dumps(data),
                       content_type="application/json")


def test_api_offer_is_accepted_and_confirmed_by_mail(client, gent,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "44021", payload())
    assert response.status_code == 202
    assert set(response.json()) == {"message"}
    offer = VolunteerOffer.objects.get()
    assert offer.confirmed_at is None and offer.language == "fr"
    assert offer.interpreting_language_list == ["ar"]
    assert "/fr/volunteer/confirm/" in mail.outbox[0].body


def test_api_gives_the_same_answer_for_an_address_that_already_offered(
        client, gent, django_capture_on_commit_callbacks):
    make_offer(gent, email="sara@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "44021", payload())
    assert response.status_code == 202
    assert response.json() == {"message": "Check your mailbox to confirm the offer."}
    assert VolunteerOffer.objects.count() == 1


@pytest.mark.parametrize("change", [
    {"consent": False},
    {"roles": ["juggling"]},
    {"roles": []},
    {"email": "nope"},
    {"postal_code": "9820"},  # a postal code of another municipality
    {"roles": ["interpreting"], "interpreting_languages": []},
])
def test_api_refuses_bad_input_with_400(client, gent, melle, change):
    response = post(client, "44021", payload(**change))
    assert response.status_code == 400
    assert response.json()["message"]
    assert not VolunteerOffer.objects.exists()


def test_api_refuses_missing_fields_with_400(client, gent):
    response = post(client, "44021", {"name": "Only a name"})
    assert response.status_code == 400
    assert response.json()["message"]


def test_api_unknown_municipality_is_404(client, gent):
    response = post(client, "99999", payload())
    assert response.status_code == 404
    assert response.json() == {"message": "Unknown municipality."}


def test_api_is_rate_limited(client, gent):
    statuses = [post(client, "44021", payload()).status_code for _ in range(6)]
    assert statuses == [202] * 5 + [429]
    refused = post(client, "44021", payload())
    assert "message" in refused.json() and refused["Retry-After"] == "3600"


def test_api_route_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/municipalities/{nis}/volunteers/" in schema["paths"]


def test_public_api_fields_are_a_count_without_personal_data(gent, melle):
    make_offer(gent, name="Private Person", email="private@example.org", phone="0499999999")
    make_offer(gent, confirmed=False)
    make_offer(gent, paused_by_volunteer=True)
    make_offer(melle)
    fields = municipality_api_fields(gent)
    assert fields == {"volunteer_offers": 1}
    assert set(MunicipalityApiFields.model_json_schema()["properties"]) == {"volunteer_offers"}
    text = json.dumps(MunicipalityApiFields(**fields).model_dump())
    assert "Private" not in text and "private@" not in text and "0499" not in text
