"""One error shape for the whole API, declared in the OpenAPI document where it can happen."""

import json

import pytest

from solidair.opendata.api import field_name
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def assert_invalid_shape(body: dict) -> None:
    assert set(body) == {"message", "errors"} and isinstance(body["message"], str)
    assert body["errors"] and all(
        isinstance(field, str) and texts and all(isinstance(text, str) for text in texts)
        for field, texts in body["errors"].items())


@pytest.mark.parametrize(("loc", "field"), [
    (["body", "payload", "nis"], "nis"), (["query", "limit"], "limit"),
    (["body", "payload", "roles", 0], "roles.0"), (["body", "payload"], "payload"),
    (["body"], "__all__"), (["path", "nis"], "nis"),
])
def test_a_validation_error_location_becomes_a_field_name(loc, field):
    assert field_name(loc) == field


def test_ninja_validation_errors_are_fields_with_messages_in_the_request_language(client):
    response = client.post("/api/v1/letters/", {"language": "fr"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert_invalid_shape(response.json())
    assert response.json()["errors"] == {"nis": ["Ce champ est obligatoire."]}


def test_a_query_parameter_of_the_wrong_type_is_named(client):
    response = client.get("/api/v1/good-practices/", {"limit": "many"})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["limit"]


@pytest.mark.parametrize("body", ["\x00", "{not json", '{"nis": "44021", "name": "a\\u0000"}'])
def test_a_body_that_is_not_usable_json_is_a_400_in_the_same_shape(client, body):
    make_municipality("44021", "Gent")
    for path in ("/api/v1/letters/", "/api/v1/municipalities/44021/signatures/",
                 "/api/v1/municipalities/44021/volunteers/"):
        response = client.post(path, body, content_type="application/json")
        assert response.status_code == 400, path
        assert_invalid_shape(response.json())


@pytest.mark.parametrize("path", ["/api/v1/good-practices/?q=a%00b",
                                  "/api/v1/municipalities/4%00021/signatures/"])
def test_a_nul_character_in_the_address_is_a_400_not_a_database_error(client, path):
    response = client.get(path) if "?" in path else client.post(
        path, {}, content_type="application/json")
    assert response.status_code == 400
    assert_invalid_shape(response.json())


def test_each_apps_own_400s_share_the_shape(client):
    make_municipality("44021", "Gent")
    replies = [
        client.post("/api/v1/letters/", {"nis": "99999"}, content_type="application/json"),
        client.post("/api/v1/letters/", {"nis": "44021", "email": "x"},
                    content_type="application/json"),
        client.post("/api/v1/municipalities/44021/signatures/",
                    {"name": "A", "email": "nope", "postal_code": "x"},
                    content_type="application/json"),
        client.post("/api/v1/municipalities/44021/volunteers/",
                    {"name": "A", "email": "nope", "postal_code": "9000", "roles": ["x"],
                     "consent": False}, content_type="application/json"),
        client.get("/api/v1/municipalities/", {"status": "unknown"}),
        client.get("/api/v1/municipalities/123/"),
        client.get("/api/v1/postal-codes/12/"),
    ]
    for reply in replies:
        assert reply.status_code == 400, reply.content
        assert_invalid_shape(reply.json())


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v1/municipalities/44021/x/",
                                  "/api/v1/"])
def test_an_unknown_api_path_answers_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert set(response.json()) == {"message"}


def test_the_openapi_document_declares_every_error_where_it_can_happen(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    assert set(components["Invalid"]["required"]) == {"message", "errors"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            label = f"{method.upper()} {path}"
            assert "429" in responses, label
            if operation.get("parameters") or operation.get("requestBody"):
                assert "400" in responses, label
            if "{" in path:
                assert "404" in responses, label
            for status in ("400", "404", "406", "429"):
                if status in responses:
                    ref = json.dumps(responses[status])
                    expected = "Invalid" if status == "400" else "Message"
                    assert f'#/components/schemas/{expected}"' in ref, (label, status)


def test_an_unknown_api_path_answers_in_the_clients_language(client):
    response = client.get("/api/v1/nothing-here/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json() == {"message": "Introuvable."}
    assert client.get("/api/v1/nothing-here/").json() == {"message": "Niet gevonden."}
