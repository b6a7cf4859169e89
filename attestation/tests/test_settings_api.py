"""`/attestation-settings`: the municipality's quorum share and decision mode,
kept by its coordinator only, validated in Russian, every change in the history."""

import pytest

from attestation import queries, services
from attestation.models import AttestationSettings

API = "/api/v1/attestation-settings"


def _url(municipality, tail=""):
    return f"{API}/{municipality.pk}{tail}"


def test_coordinator_reads_the_defaults_then_changes_them(
    api_client, coordinator, municipality
):
    client = api_client(coordinator)
    body = client.get(_url(municipality)).json()
    assert body == {
        "municipality_id": municipality.pk,
        "municipality_name": "Town",
        "quorum_percent": 50,
        "plain_decision": False,
        "updated_at": None,
    }
    assert client.get(API).json()["items"] == [body]
    assert client.get(_url(municipality, "/history")).json() == []

    response = client.put(
        _url(municipality),
        {"quorum_percent": 66, "plain_decision": True},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["quorum_percent"] == 66
    assert response.json()["plain_decision"] is True
    assert response.json()["updated_at"] is not None

    response = client.patch(
        _url(municipality), {"plain_decision": False}, content_type="application/json"
    )
    assert response.status_code == 200
    rules = queries.settings_of(municipality.pk)
    assert (rules.quorum_percent, rules.plain_decision) == (66, False)


def test_history_names_who_changed_what(api_client, coordinator, municipality):
    client = api_client(coordinator)
    client.put(
        _url(municipality),
        {"quorum_percent": 60, "plain_decision": False},
        content_type="application/json",
    )
    client.patch(
        _url(municipality), {"quorum_percent": 75}, content_type="application/json"
    )
    history = client.get(_url(municipality, "/history")).json()
    assert len(history) == 3  # created with the defaults, then the two changes
    newest = history[0]
    assert newest["who"] == "coordinator"
    assert newest["changes"] == [
        {
            "field": "кворум: присутствует более этой доли членов комиссии, %",
            "old": "60",
            "new": "75",
        }
    ]
    assert AttestationSettings.history.count() == 3


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"quorum_percent": 0}, "quorum_percent", "Значение должно быть не меньше 1."),
        (
            {"quorum_percent": 100},
            "quorum_percent",
            "Значение должно быть не больше 99.",
        ),
        (
            {"quorum_percent": "много"},
            "quorum_percent",
            "Неверный тип значения: ожидается целое число.",
        ),
        (
            {"quorum_percent": None},
            "quorum_percent",
            "Значение null для этого поля недопустимо.",
        ),
        (
            {"plain_decision": "может быть"},
            "plain_decision",
            "Неверный тип значения: ожидается true или false.",
        ),
        ({"quorum": 60}, "quorum", "Неизвестное поле."),
    ],
)
def test_bad_rules_are_refused_in_russian(
    api_client, coordinator, municipality, payload, field, message
):
    response = api_client(coordinator).patch(
        _url(municipality), payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {field: [message]}
    assert not AttestationSettings.objects.exists()


def test_put_needs_both_rules(api_client, coordinator, municipality):
    response = api_client(coordinator).put(
        _url(municipality), {"quorum_percent": 60}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "plain_decision" in response.json()["errors"]
    assert not AttestationSettings.objects.exists()


@pytest.mark.parametrize(
    "user", ["head", "mentor", "reservist", "commission"], indirect=True
)
def test_other_roles_are_forbidden(api_client, user, municipality):
    client = api_client(user)
    assert client.get(API).status_code == 403
    assert client.get(_url(municipality)).status_code == 403
    assert client.get(_url(municipality, "/history")).status_code == 403
    response = client.patch(
        _url(municipality), {"quorum_percent": 70}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not AttestationSettings.objects.exists()


def test_coordinator_of_another_municipality_gets_404(
    api_client, stranger, municipality
):
    client = api_client(stranger)
    assert [m["municipality_name"] for m in client.get(API).json()["items"]] == [
        "Elsewhere"
    ]
    assert client.get(_url(municipality)).status_code == 404
    response = client.put(
        _url(municipality),
        {"quorum_percent": 70, "plain_decision": True},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not AttestationSettings.objects.filter(municipality=municipality).exists()


def test_anonymous_gets_401(client, municipality):
    assert client.get(_url(municipality)).status_code == 401


def test_superuser_keeps_every_municipality(api_client, superuser, municipality):
    services.update_settings(
        municipality=municipality, quorum_percent=55, plain_decision=False
    )
    body = api_client(superuser).get(_url(municipality)).json()
    assert body["quorum_percent"] == 55
