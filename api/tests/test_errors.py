"""Every error is `{"detail", "errors"}` JSON in Russian, never a stack trace."""

import pytest
from django.db import IntegrityError
from django.test import Client

from accounts.services import issue_token
from api.tests.conftest import API, ru
from organizations import services as organization_services

NOT_FOUND = {"detail": "Объект не найден.", "errors": {}}
NO_ADDRESS = {"detail": "Такого адреса в API нет.", "errors": {}}
INVALID = "Запрос содержит некорректные данные."


@pytest.mark.parametrize(
    "path", ["/", "/nothing-here", "/organizations/", "/organizations/abc"]
)
def test_unknown_url_is_404_json(api_client, coordinator, path):
    response = api_client(coordinator).get(f"{API}{path}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == NO_ADDRESS


def test_unknown_url_is_404_json_for_a_post_without_csrf_token(db):
    response = Client(enforce_csrf_checks=True).post(f"{API}/nothing-here")

    assert response.status_code == 404
    assert response.json() == NO_ADDRESS


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/people", "organization_id"),
        ("/reserve-entries", "target_position_id"),
        ("/mentor-orders", "organization_id"),
        ("/mentorships", "reserve_entry_id"),
    ],
)
def test_a_filter_id_beyond_the_database_range_is_422(
    api_client, coordinator, path, parameter
):
    response = api_client(coordinator).get(f"{API}{path}", {parameter: 2**63})

    assert response.status_code == 422
    assert response.json() == {
        "detail": INVALID,
        "errors": {parameter: ["Значение должно быть не больше 9223372036854775807."]},
    }


def test_missing_object_is_404(api_client, coordinator):
    response = api_client(coordinator).get(f"{API}/organizations/999999")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_unsupported_method_is_405_json(api_client, coordinator):
    response = api_client(coordinator).put(f"{API}/organizations")

    assert response.status_code == 405
    assert response.json() == {
        "detail": "Метод PUT для этого адреса не поддерживается.",
        "errors": {},
    }
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}


def test_malformed_json_is_400(api_client, coordinator):
    response = api_client(coordinator).post(
        f"{API}/organizations", "{'kind': 'school'", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Тело запроса не является корректным JSON.",
        "errors": {},
    }


def test_body_errors_are_422_with_russian_messages_by_field(
    api_client, coordinator, school
):
    response = api_client(coordinator).post(
        f"{API}/people",
        {
            "last_name": "Ф" * 101,
            "first_name": "",
            "organization_id": "первая",
            "position_since": "2024-02-30",
            "management_experience": "1.25",
            "teaching_experience": 71,
            "email": "not-an-address",
            "nickname": "x",
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": INVALID,
        "errors": {
            "last_name": ["Убедитесь, что значение содержит не более 100 символов."],
            "first_name": ["Поле не может быть пустым."],
            "organization_id": ["Неверный тип значения: ожидается целое число."],
            "position_id": ["Обязательное поле."],
            "position_since": ["Введите правильную дату в формате ГГГГ-ММ-ДД."],
            "management_experience": ["Убедитесь, что после запятой не более 1 знака."],
            "teaching_experience": ["Значение должно быть не больше 70."],
            "email": ["Введите правильный адрес электронной почты."],
            "nickname": ["Неизвестное поле."],
        },
    }


def test_type_and_choice_errors_are_422(api_client, coordinator, municipality):
    response = api_client(coordinator).post(
        f"{API}/positions",
        {"name": 7, "is_administrative": "maybe"},
        content_type="application/json",
    )
    assert response.json()["errors"] == {
        "name": ["Неверный тип значения: ожидается строка."],
        "is_administrative": ["Неверный тип значения: ожидается true или false."],
    }

    response = api_client(coordinator).post(
        f"{API}/organizations",
        {"kind": "university", "full_name": "Университет", "short_name": "У"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "kind": [
            "Выберите одно из допустимых значений: "
            "school, kindergarten, supplementary, other."
        ]
    }


def test_missing_body_is_422(api_client, coordinator, municipality):
    response = api_client(coordinator).post(
        f"{API}/positions", content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"name": ["Обязательное поле."]}


def test_query_errors_are_422_by_parameter(api_client, coordinator):
    response = api_client(coordinator).get(
        f"{API}/organizations", {"page": 0, "page_size": "all", "kind": "zoo"}
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "page": ["Значение должно быть не меньше 1."],
        "page_size": ["Неверный тип значения: ожидается целое число."],
        "kind": [
            "Выберите одно из допустимых значений: "
            "school, kindergarten, supplementary, other."
        ],
    }


def test_integrity_error_is_409(api_client, coordinator, municipality, monkeypatch):
    def collide(**fields):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(organization_services, "create_organization", collide)

    response = api_client(coordinator).post(
        f"{API}/organizations",
        {"kind": "school", "full_name": "Школа № 2", "short_name": "Школа 2"},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Запись противоречит данным, сохранённым за это время. "
        "Обновите данные и повторите попытку.",
        "errors": {},
    }


def test_unexpected_error_is_500_json_without_a_trace(
    coordinator, school, monkeypatch, settings
):
    settings.DEBUG = True  # even then, no traceback reaches the client

    def fail(**fields):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(organization_services, "delete_organization", fail)
    client = Client(
        raise_request_exception=False,
        headers={"Authorization": f"Bearer {issue_token(user=coordinator)}"},
    )

    response = client.delete(f"{API}/organizations/{school.pk}")

    assert response.status_code == 500
    assert response.json() == {
        "detail": "Внутренняя ошибка сервера. Повторите попытку позже.",
        "errors": {},
    }
    assert b"secret" not in response.content


def test_a_stale_version_is_409_with_the_services_message(
    api_client, coordinator, monkeypatch
):
    from api.routers import plan_forms
    from core.conflicts import StaleVersionError

    def stale(**fields):
        raise StaleVersionError

    monkeypatch.setattr(plan_forms.services, "create_plan_form", stale)

    response = api_client(coordinator).post(
        f"{API}/plan-forms", {"name": "Форма"}, content_type="application/json"
    )

    assert response.status_code == 409
    assert response.json() == {
        "detail": ru(
            "Somebody else has changed this since you opened it. Reload the page: "
            "your changes were not saved."
        ),
        "errors": {},
    }
