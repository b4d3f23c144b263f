import io

import pytest
from docx import Document
from pypdf import PdfReader

from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

URL = "/api/v1/letters/"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY = {"nis": "44021", "name": "Anneleen Vermeulen", "email": "anneleen@example.org",
        "phone": "0470 12 34 56", "language": "nl", "message": "Mijn eigen woorden."}


@pytest.fixture(autouse=True)
def gent():
    return make_municipality(is_city=True)


def post(client, body, accept="application/pdf"):
    headers = {"HTTP_ACCEPT": accept} if accept is not None else {}
    return client.post(URL, body, content_type="application/json", **headers)


def test_pdf(client):
    response = post(client, BODY)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Stad Gent" in text and "Anneleen Vermeulen" in text


def test_a_member_gets_no_letter_asking_it_to_join(client, gent):
    from solidair.places.models import MunicipalityStatus

    gent.status = MunicipalityStatus.MEMBER
    gent.save(update_fields=["status"])
    response = post(client, BODY)
    assert response.status_code == 409
    assert "already a member" in response.json()["message"]


def test_docx(client):
    response = post(client, BODY, accept=DOCX)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert "Anneleen Vermeulen" in [p.text for p in
                                    Document(io.BytesIO(response.content)).paragraphs]


def test_pdf_by_default_and_406_for_other_types(client):
    assert post(client, BODY, accept=None)["Content-Type"] == "application/pdf"
    assert post(client, BODY, accept="*/*")["Content-Type"] == "application/pdf"
    response = post(client, BODY, accept="text/html")
    assert response.status_code == 406 and "message" in response.json()


@pytest.mark.parametrize(("change", "field"), [
    ({"nis": "99999"}, "nis"),
    ({"name": ""}, "name"),
    ({"email": "nope"}, "email"),
    ({"message": "x" * 2001}, "message"),
    ({"name": "x" * 101}, "name"),
    ({"language": "fr"}, "language"),
    ({"language": "de"}, "language"),
    ({"phone": "call me"}, "phone"),
])
def test_bad_input_is_400_with_a_message(client, change, field):
    response = post(client, {**BODY, **change})
    assert response.status_code == 400
    assert field in response.json()["errors"] and response.json()["message"]


def test_malformed_json_is_400(client):
    response = client.post(URL, "{", content_type="application/json",
                           HTTP_ACCEPT="application/pdf")
    assert response.status_code == 400


def test_rate_limited(client, monkeypatch):
    monkeypatch.setattr("solidair.documents.api.API_LIMIT", {"limit": 1, "period": 60})
    assert post(client, BODY).status_code == 200
    response = post(client, BODY)
    assert response.status_code == 429 and response.json()["message"]
    assert response["Retry-After"] == "60"


def test_documented_in_openapi(client):
    schema = client.get("/api/v1/openapi.json").json()
    responses = schema["paths"][URL]["post"]["responses"]
    assert set(responses["200"]["content"]) == {"application/pdf", DOCX}
    assert {"400", "406", "429"} <= set(responses)
