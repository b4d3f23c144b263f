import pytest
from django.core import mail

from solidair.campaigns.models import Signature
from solidair.campaigns.tests.factories import make_gent, make_signature

pytestmark = pytest.mark.django_db

URL = "/api/v1/municipalities/44021/signatures/"
BODY = {"name": "Anna De Smet", "email": "anna@example.org", "postal_code": "9000",
        "phone": "", "message": "Ik help graag.", "consent": True}


def post(client, body=BODY, url=URL):
    return client.post(url, body, content_type="application/json")


def test_202_and_a_confirmation_mail(client, django_capture_on_commit_callbacks):
    make_gent()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client)
    assert response.status_code == 202
    assert response.json()["message"]
    assert Signature.objects.get().message == "Ik help graag."
    assert "/signatures/confirm/" in mail.outbox[0].body


def test_never_reveals_whether_an_address_signed(client, django_capture_on_commit_callbacks):
    gent = make_gent()
    make_signature(gent, email="anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = post(client)
        unknown = post(client, {**BODY, "email": "bert@example.org"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert "/signatures/confirm/" not in mail.outbox[0].body  # "you already signed"
    assert "/signatures/confirm/" in mail.outbox[1].body


def test_400_with_messages(client):
    make_gent()
    response = post(client, {**BODY, "postal_code": "3000", "consent": False})
    assert response.status_code == 400
    body = response.json()
    assert body["message"] and {"postal_code", "consent"} <= set(body["errors"])
    assert post(client, {"name": "x"}).status_code == 400
    assert post(client, {**BODY, "message": "x" * 2001}).status_code == 400
    assert not Signature.objects.exists()


def test_404_for_an_unknown_municipality(client):
    response = post(client, url="/api/v1/municipalities/99999/signatures/")
    assert response.status_code == 404 and response.json()["message"]


def test_429_when_rate_limited(client, settings):
    settings.CAMPAIGNS_SUBMIT_LIMIT_PER_IP = (3, 3600)
    make_gent()
    codes = [post(client, {**BODY, "email": f"p{i}@example.org"}).status_code for i in range(4)]
    assert codes == [202, 202, 202, 429]
    refused = post(client)
    assert refused.json()["message"] and refused["Retry-After"] == "3600"


def test_documented_in_openapi(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/municipalities/{nis}/signatures/"]["post"]
    assert {"202", "400", "429"} <= set(operation["responses"])


def test_malformed_body_is_a_400_not_a_500(client):
    make_gent()
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert post(client, {**BODY, "email": "not-an-address"}).json()["errors"]["email"]
