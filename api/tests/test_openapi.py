"""The OpenAPI description and the interactive docs."""

import json

import pytest

from api.tests.conftest import API


@pytest.fixture(autouse=True)
def _public_docs(settings):
    """As in development (DEBUG); the tests of the closed docs turn it off."""
    settings.API_DOCS_PUBLIC = True


def test_openapi_describes_every_resource(client):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"] == {
        "title": "Наставник API",
        "version": "1",
        "description": "",
    }
    paths = schema["paths"]
    for resource in ("organizations", "people", "positions"):
        assert set(paths[f"{API}/{resource}"]) == {"get", "post"}
        assert set(paths[f"{API}/{resource}/{{pk}}"]) == {"get", "patch", "delete"}
    assert set(paths[f"{API}/municipalities"]) == {"get"}
    assert set(paths[f"{API}/municipalities/{{pk}}"]) == {"get", "patch"}
    assert set(paths[f"{API}/auth/token"]) == {"post", "delete"}


def test_openapi_describes_the_reserve_and_mentors(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    expected = {
        "target-positions": {"get", "post"},
        "target-positions/{pk}": {"get", "patch", "delete"},
        "reserve-entries": {"get", "post"},
        "reserve-entries/{pk}": {"get", "patch"},
        "reserve-entries/{pk}/appoint": {"post"},
        "reserve-entries/{pk}/exclude": {"post"},
        "mentor-orders": {"get", "post"},
        "mentor-orders/{pk}": {"get", "delete"},
        "mentor-orders/{pk}/register": {"post"},
        "mentor-orders/{pk}/document": {"get"},
        "mentor-orders/{pk}/scan": {"get", "post"},
        "mentorships": {"get"},
        "mentorships/{pk}": {"get"},
        "mentorships/{pk}/end": {"post"},
        "people/{pk}/eligibility": {"get"},
        "people/{pk}/readiness": {"put", "delete"},
    }
    for path, methods in expected.items():
        assert set(paths[f"{API}/{path}"]) == methods, path


def test_openapi_documents_the_files_and_the_document_format(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    document = paths[f"{API}/mentor-orders/{{pk}}/document"]["get"]
    assert set(document["responses"]["200"]["content"]) == {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/pdf",
    }
    (fmt,) = [p for p in document["parameters"] if p["name"] == "format"]
    assert fmt["schema"]["enum"] == ["docx", "pdf"]
    scan = paths[f"{API}/mentor-orders/{{pk}}/scan"]
    assert "multipart/form-data" in scan["post"]["requestBody"]["content"]
    assert "application/pdf" in scan["get"]["responses"]["200"]["content"]


def test_openapi_documents_auth_schemes_and_the_open_token_endpoint(client):
    schema = client.get(f"{API}/openapi.json").json()

    schemes = schema["components"]["securitySchemes"]
    assert schemes["BearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    assert "security" not in schema["paths"][f"{API}/auth/token"]["post"]
    assert schema["paths"][f"{API}/people"]["get"]["security"] == [
        {"BearerAuth": []},
        {"SessionAuth": []},
    ]


def test_openapi_documents_the_error_shape(client):
    schema = client.get(f"{API}/openapi.json").json()

    responses = schema["paths"][f"{API}/organizations/{{pk}}"]["patch"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "422"} <= set(responses)
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["properties"]) == {"detail", "errors"}


def test_docs_page_is_served(client):
    response = client.get(f"{API}/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_docs_page_says_it_is_in_russian(client):
    response = client.get(f"{API}/docs")

    assert b'<html lang="ru">' in response.content


def test_openapi_describes_plan_forms_and_plans(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    expected = {
        "plan-forms": {"get", "post"},
        "plan-forms/{pk}": {"get"},
        "plan-forms/{pk}/versions": {"post"},
        "plan-forms/{pk}/versions/{version_id}": {"get", "patch"},
        "plan-forms/{pk}/versions/{version_id}/approve": {"post"},
        "plans": {"get", "post"},
        "plans/{pk}": {"get"},
        "plans/{pk}/submit": {"post"},
        "plans/{pk}/approve": {"post"},
        "plans/{pk}/return": {"post"},
        "plans/{pk}/complete": {"post"},
        "plans/{pk}/document": {"get"},
        "plans/{pk}/comments": {"get", "post"},
        "plans/{pk}/items": {"get", "post"},
        "plans/{pk}/items/{item_id}": {"get", "patch", "delete"},
        "plans/{pk}/items/{item_id}/mark": {"post"},
        "plans/{pk}/items/{item_id}/confirm": {"post"},
        "plans/{pk}/items/{item_id}/evidence": {"post"},
        "plans/{pk}/items/reorder": {"post"},
        "plans/{pk}/items/deadlines": {"post"},
        "evidence/{pk}": {"get"},
    }
    for path, methods in expected.items():
        assert set(paths[f"{API}/{path}"]) == methods, path
    patch = paths[f"{API}/plans/{{pk}}/items/{{item_id}}"]["patch"]
    assert "409" in patch["responses"]
    document = paths[f"{API}/plans/{{pk}}/document"]["get"]
    assert "application/pdf" in document["responses"]["200"]["content"]
    evidence = paths[f"{API}/plans/{{pk}}/items/{{item_id}}/evidence"]["post"]
    assert "multipart/form-data" in evidence["requestBody"]["content"]


@pytest.mark.parametrize("url", ["docs", "openapi.json"])
def test_docs_and_schema_need_a_sign_in_in_production(client, settings, url):
    settings.API_DOCS_PUBLIC = False

    response = client.get(f"{API}/{url}")

    if url == "docs":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == 401
        assert response.json()["detail"] == "Войдите, чтобы прочитать описание API."


@pytest.mark.parametrize("url", ["docs", "openapi.json"])
def test_docs_and_schema_are_served_to_a_signed_in_user(client, settings, mentor, url):
    settings.API_DOCS_PUBLIC = False
    client.force_login(mentor)

    assert client.get(f"{API}/{url}").status_code == 200
