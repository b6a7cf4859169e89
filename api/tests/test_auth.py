"""Tokens from /auth/token, bearer and session authentication."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from api.tests.conftest import API

TOKEN_URL = f"{API}/auth/token"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory


def post_token(body, **kwargs):
    return Client().post(TOKEN_URL, body, content_type="application/json", **kwargs)


def test_token_is_issued_for_valid_credentials(coordinator):
    response = post_token({"username": "coordinator", "password": PASSWORD})

    assert response.status_code == 200
    body = response.json()
    token = ApiToken.objects.get(user=coordinator)
    assert token.digest == ApiToken.make_digest(body["token"])
    assert body["expires_at"].startswith(f"{token.expires_at:%Y-%m-%dT%H:%M}")
    assert token.expires_at > timezone.now() + timedelta(days=29)


def test_token_is_refused_for_a_wrong_password(coordinator):
    response = post_token({"username": "coordinator", "password": "wrong"})

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Неверное имя пользователя или пароль.",
        "errors": {},
    }
    assert not ApiToken.objects.exists()


def test_token_is_refused_for_an_unknown_user(db):
    response = post_token({"username": "nobody", "password": PASSWORD})

    assert response.status_code == 401
    assert response.json()["detail"] == "Неверное имя пользователя или пароль."


def test_token_is_refused_for_an_inactive_user(coordinator):
    coordinator.is_active = False
    coordinator.save()

    response = post_token({"username": "coordinator", "password": PASSWORD})

    assert response.status_code == 401
    assert response.json()["detail"] == "Неверное имя пользователя или пароль."
    assert not ApiToken.objects.exists()


def test_token_request_with_malformed_json_is_400(db):
    response = post_token('{"username": "coordinator",')

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Тело запроса не является корректным JSON.",
        "errors": {},
    }


def test_token_request_without_password_is_422(db):
    response = post_token({"username": "coordinator"})

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Запрос содержит некорректные данные.",
        "errors": {"password": ["Обязательное поле."]},
    }


def test_token_request_with_a_non_object_body_is_422(db):
    response = post_token(["coordinator", PASSWORD])

    assert response.status_code == 422
    assert response.json()["errors"] == {"__all__": ["Ожидается JSON-объект."]}


def test_bearer_token_authenticates(api_client, coordinator, school):
    response = api_client(coordinator).get(f"{API}/organizations")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_unknown_bearer_token_is_401(school):
    client = Client(headers={"Authorization": "Bearer not-a-token"})

    response = client.get(f"{API}/organizations")

    assert response.status_code == 401
    assert response.json() == {"detail": "Требуется авторизация.", "errors": {}}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_expired_token_is_401(api_client, coordinator):
    client = api_client(coordinator)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get(f"{API}/organizations").status_code == 401


def test_token_of_a_deactivated_user_is_401(api_client, coordinator):
    client = api_client(coordinator)
    coordinator.is_active = False
    coordinator.save()

    assert client.get(f"{API}/organizations").status_code == 401


def test_changes_through_a_token_are_recorded_under_its_account(
    api_client, coordinator, school
):
    response = api_client(coordinator).patch(
        f"{API}/organizations/{school.pk}",
        {"phone": "+7 (38259) 5-55-55"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert school.history.latest().history_user == coordinator


def test_session_authenticates(client, coordinator, school):
    client.force_login(coordinator)

    response = client.get(f"{API}/organizations")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_session_write_without_csrf_token_is_403(coordinator, municipality):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)

    response = client.post(
        f"{API}/positions", {"name": "Teacher"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Проверка CSRF не пройдена. Обновите страницу и повторите попытку.",
        "errors": {},
    }


def test_session_write_with_csrf_token_succeeds(coordinator, municipality):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    secret = "a" * 32
    client.cookies[settings.CSRF_COOKIE_NAME] = secret

    response = client.post(
        f"{API}/positions",
        {"name": "Teacher"},
        content_type="application/json",
        headers={"X-CSRFToken": secret},
    )

    assert response.status_code == 201


def test_bearer_write_needs_no_csrf_token(coordinator, municipality):
    token = Client().post(
        TOKEN_URL,
        {"username": "coordinator", "password": PASSWORD},
        content_type="application/json",
    )
    client = Client(
        enforce_csrf_checks=True,
        headers={"Authorization": f"Bearer {token.json()['token']}"},
    )

    response = client.post(
        f"{API}/positions", {"name": "Teacher"}, content_type="application/json"
    )

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/municipalities"),
        ("get", "/municipalities/1"),
        ("patch", "/municipalities/1"),
        ("get", "/organizations"),
        ("post", "/organizations"),
        ("get", "/organizations/1"),
        ("patch", "/organizations/1"),
        ("delete", "/organizations/1"),
        ("get", "/people"),
        ("post", "/people"),
        ("get", "/people/1"),
        ("patch", "/people/1"),
        ("delete", "/people/1"),
        ("get", "/positions"),
        ("post", "/positions"),
        ("get", "/positions/1"),
        ("patch", "/positions/1"),
        ("delete", "/positions/1"),
    ],
)
def test_anonymous_request_is_401(db, method, path):
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)(f"{API}{path}", content_type="application/json")

    assert response.status_code == 401
    assert response.json() == {"detail": "Требуется авторизация.", "errors": {}}


def test_acceptance_coordinator_token_lists_organisations(
    coordinator, school, other_school, far_school
):
    token = post_token({"username": "coordinator", "password": PASSWORD}).json()
    client = Client(headers={"Authorization": f"Bearer {token['token']}"})

    response = client.get(f"{API}/organizations")

    assert response.status_code == 200
    names = [o["short_name"] for o in response.json()["items"]]
    assert names == ["Other school", "School"]


def test_acceptance_reservist_token_lists_only_own_record(
    reservist, head, mentor, commission
):
    token = post_token({"username": "reservist", "password": PASSWORD}).json()
    client = Client(headers={"Authorization": f"Bearer {token['token']}"})

    response = client.get(f"{API}/people")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [p["id"] for p in body["items"]] == [reservist.person.pk]


# ------------------------------------------------------------------ throttling


def test_token_requests_are_throttled_per_address(coordinator, settings):
    for _ in range(10):
        assert (
            post_token({"username": "coordinator", "password": "wrong"}).status_code
            == 401
        )

    response = post_token({"username": "coordinator", "password": PASSWORD})

    assert response.status_code == 429
    assert response.json() == {
        "detail": "Слишком много запросов. Повторите попытку позже.",
        "errors": {},
    }
    assert int(response["Retry-After"]) > 0
    assert not ApiToken.objects.exists()


def test_token_throttle_counts_each_address_apart(coordinator):
    for _ in range(10):
        post_token({"username": "coordinator", "password": "wrong"})

    response = post_token(
        {"username": "coordinator", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )

    assert response.status_code == 200


def test_token_throttle_ignores_a_forged_forwarded_for(coordinator):
    for i in range(10):
        post_token(
            {"username": "coordinator", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"10.1.0.{i}",
        )

    response = post_token(
        {"username": "coordinator", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.1.1.1",
    )

    assert response.status_code == 429


# ------------------------------------------------------------------ revocation


def test_delete_token_revokes_the_bearer_token(coordinator):
    raw = post_token({"username": "coordinator", "password": PASSWORD}).json()["token"]
    other = post_token({"username": "coordinator", "password": PASSWORD}).json()
    client = Client(headers={"Authorization": f"Bearer {raw}"})

    response = client.delete(TOKEN_URL)

    assert response.status_code == 204
    assert client.get(f"{API}/people").status_code == 401
    assert ApiToken.objects.get().digest == ApiToken.make_digest(other["token"])


def test_delete_token_needs_a_valid_bearer_token(coordinator):
    response = Client(headers={"Authorization": "Bearer nonsense"}).delete(TOKEN_URL)

    assert response.status_code == 401
    assert response.json()["detail"] == "Требуется авторизация."


def test_delete_token_is_401_for_a_session(client, coordinator):
    client.force_login(coordinator)

    response = client.delete(TOKEN_URL)

    assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"username": "coordinator\x00", "password": PASSWORD},
        {"username": "coordinator", "password": "secret\x00"},
        {"username": "\u202ecoordinator", "password": PASSWORD},
    ],
)
def test_token_refuses_forbidden_characters_anonymously_with_422(db, body):
    response = post_token(body)

    assert response.status_code == 422
    (field,) = response.json()["errors"]
    assert "недопустимый символ" in response.json()["errors"][field][0]
    assert not ApiToken.objects.exists()
