"""/people: personal data in scope only, the access log, writes, query count."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.tests.conftest import API, ru
from people.models import Person, PersonViewLog
from people.tests.factories import PersonFactory, PositionFactory

URL = f"{API}/people"


def surnames(response) -> list[str]:
    return [p["last_name"] for p in response.json()["items"]]


@pytest.fixture
def teacher(municipality):
    return PositionFactory(municipality=municipality, name="Учитель")


@pytest.fixture
def new_person(school, teacher) -> dict:
    return {
        "last_name": "Иванова",
        "first_name": "Мария",
        "middle_name": "Петровна",
        "organization_id": school.pk,
        "position_id": teacher.pk,
        "position_since": "2020-09-01",
        "management_experience": "2.5",
        "teaching_experience": 12,
        "email": "ivanova@example.ru",
    }


def test_list_shows_the_coordinator_the_municipality(
    api_client, coordinator, head, commission, stranger
):
    response = api_client(coordinator).get(URL)

    assert response.status_code == 200
    assert surnames(response) == ["Commission", "Head"]


def test_list_shows_a_head_their_organisation(api_client, head, mentor, commission):
    assert surnames(api_client(head).get(URL)) == ["Head", "Mentor"]


@pytest.mark.parametrize("role", ["mentor", "reservist", "commission"])
def test_list_shows_others_only_themselves(
    request, api_client, role, head, mentor, reservist, commission
):
    user = request.getfixturevalue(role)

    assert surnames(api_client(user).get(URL)) == [role.capitalize()]


def test_list_hides_the_town_from_a_stranger(api_client, stranger, head, far_school):
    PersonFactory(organization=far_school, last_name="Far")

    assert surnames(api_client(stranger).get(URL)) == ["Far"]


def test_list_item_has_the_documented_fields(api_client, reservist):
    person = reservist.person

    item = api_client(reservist).get(URL).json()["items"][0]

    assert item == {
        "id": person.pk,
        "last_name": "Reservist",
        "first_name": "Name",
        "middle_name": "Patronymic",
        "full_name": "Reservist Name Patronymic",
        "organization": {"id": person.organization_id, "short_name": "School"},
        "position": {
            "id": person.position_id,
            "name": person.position.name,
            "is_administrative": False,
        },
        "position_since": None,
        "management_experience": 0.0,
        "teaching_experience": 5.0,
        "email": "",
        "phone": "",
    }


def test_list_filters(api_client, coordinator, head, mentor, commission, other_school):
    director = PositionFactory(
        municipality=other_school.municipality, name="Директор", is_administrative=True
    )
    PersonFactory(organization=other_school, position=director, last_name="Петров")
    client = api_client(coordinator)

    assert surnames(client.get(URL, {"q": "петр"})) == ["Петров"]
    assert surnames(
        client.get(URL, {"organization_id": head.person.organization_id})
    ) == [
        "Head",
        "Mentor",
    ]
    assert surnames(client.get(URL, {"position_id": director.pk})) == ["Петров"]
    assert surnames(client.get(URL, {"is_administrative": "true"})) == ["Петров"]
    assert "Петров" not in surnames(client.get(URL, {"is_administrative": "false"}))


def test_list_is_paginated(api_client, coordinator, school):
    PersonFactory.create_batch(5, organization=school)

    body = api_client(coordinator).get(URL, {"page": 2, "page_size": 3}).json()

    assert body["count"] == 5
    assert len(body["items"]) == 2


def test_list_logs_the_people_of_the_page_only(api_client, coordinator, school):
    PersonFactory.create_batch(5, organization=school)
    PersonViewLog.objects.all().delete()

    body = api_client(coordinator).get(URL, {"page": 2, "page_size": 3}).json()

    logs = PersonViewLog.objects.all()
    assert sorted(log.person_id for log in logs) == sorted(
        p["id"] for p in body["items"]
    )
    assert len(logs) == 2
    assert {(log.user, log.channel) for log in logs} == {
        (coordinator, PersonViewLog.Channel.API)
    }


def test_list_refuses_a_page_number_beyond_any_list(api_client, coordinator):
    response = api_client(coordinator).get(URL, {"page": "99999999999999999999"})

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "page": ["Значение должно быть не больше 1000000000."]
    }
    assert not PersonViewLog.objects.exists()


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, coordinator, school, other_school, django_assert_max_num_queries, n_rows
):
    for i in range(n_rows):
        PersonFactory(organization=school if i % 2 else other_school)
    client = api_client(coordinator)

    # token, roles, person, count, page, access log (one INSERT)
    with django_assert_max_num_queries(6):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


def test_get_logs_the_access(api_client, coordinator, reservist):
    person = reservist.person

    response = api_client(coordinator).get(f"{URL}/{person.pk}")

    assert response.status_code == 200
    assert response.json()["full_name"] == "Reservist Name Patronymic"
    log = PersonViewLog.objects.get()
    assert (log.person, log.user, log.channel) == (
        person,
        coordinator,
        PersonViewLog.Channel.API,
    )


def test_get_lets_a_reservist_read_themselves(api_client, reservist):
    response = api_client(reservist).get(f"{URL}/{reservist.person.pk}")

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["reservist", "commission", "stranger"])
def test_get_is_404_outside_the_scope_and_not_logged(request, api_client, role, head):
    user = request.getfixturevalue(role)

    response = api_client(user).get(f"{URL}/{head.person.pk}")

    assert response.status_code == 404
    assert not PersonViewLog.objects.exists()


def test_create_adds_a_person(api_client, coordinator, new_person):
    response = api_client(coordinator).post(
        URL, new_person, content_type="application/json"
    )

    assert response.status_code == 201
    person = Person.objects.get(pk=response.json()["id"])
    assert person.full_name == "Иванова Мария Петровна"
    assert str(person.position_since) == "2020-09-01"
    assert response.json()["management_experience"] == 2.5


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_create_is_403_for_non_coordinators(request, api_client, role, new_person):
    user = request.getfixturevalue(role)

    response = api_client(user).post(URL, new_person, content_type="application/json")

    assert response.status_code == 403
    assert not Person.objects.filter(last_name="Иванова").exists()


def test_create_refuses_a_foreign_organisation_and_position(
    api_client, coordinator, far_school, new_person
):
    far_position = PositionFactory(municipality=far_school.municipality)

    response = api_client(coordinator).post(
        URL,
        {**new_person, "organization_id": far_school.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "organization_id": ["Такого объекта нет или он вам недоступен."]
    }

    response = api_client(coordinator).post(
        URL,
        {**new_person, "position_id": far_position.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["position_id"]


def test_create_reports_a_service_rule_under_the_api_field(
    api_client, admin_user, far_school, new_person
):
    """The service names the model field `position`; the client sees `position_id`."""
    response = api_client(admin_user).post(
        URL,
        {**new_person, "organization_id": far_school.pk},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Данные не прошли проверку.",
        "errors": {
            "position_id": [
                ru("The position belongs to another municipality's catalogue.")
            ]
        },
    }


def test_patch_changes_a_person(api_client, coordinator, reservist, other_school):
    person = reservist.person

    response = api_client(coordinator).patch(
        f"{URL}/{person.pk}",
        {"organization_id": other_school.pk, "position_since": "2023-01-15"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["organization"]["short_name"] == "Other school"
    person.refresh_from_db()
    assert person.organization == other_school
    assert str(person.position_since) == "2023-01-15"


def test_patch_clears_a_nullable_date(api_client, coordinator, reservist):
    person = reservist.person
    person.position_since = "2020-01-01"
    person.save()

    response = api_client(coordinator).patch(
        f"{URL}/{person.pk}", {"position_since": None}, content_type="application/json"
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert person.position_since is None


def test_patch_is_403_for_oneself_and_404_for_a_stranger(
    api_client, reservist, stranger
):
    url = f"{URL}/{reservist.person.pk}"
    body = {"phone": "1"}

    assert api_client(reservist).patch(url, body, "application/json").status_code == 403
    assert api_client(stranger).patch(url, body, "application/json").status_code == 404


def test_delete_removes_a_person(api_client, coordinator, reservist):
    response = api_client(coordinator).delete(f"{URL}/{reservist.person.pk}")

    assert response.status_code == 204
    assert not Person.objects.filter(user=reservist).exists()


def test_delete_is_403_for_a_head(api_client, head, mentor):
    response = api_client(head).delete(f"{URL}/{mentor.person.pk}")

    assert response.status_code == 403
    assert Person.objects.filter(user=mentor).exists()


@pytest.mark.parametrize("char", ["\x07", "\x0b", "\x00", "\u200b", "\u202e", "\n"])
def test_create_refuses_a_forbidden_character_in_a_name(
    api_client, coordinator, new_person, char
):
    new_person["last_name"] = f"Ива{char}нова"

    response = api_client(coordinator).post(
        URL, new_person, content_type="application/json"
    )

    assert response.status_code == 422
    (message,) = response.json()["errors"]["last_name"]
    assert message.startswith(("Текст содержит недопустимый символ", "Здесь нельзя"))
    assert not Person.objects.filter(first_name=new_person["first_name"]).exists()


def test_update_refuses_a_nul_in_a_name(api_client, coordinator, head):
    response = api_client(coordinator).patch(
        f"{URL}/{head.person.pk}",
        {"first_name": "Ив\x00ан"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "U+0000" in response.json()["errors"]["first_name"][0]


def test_patch_refuses_a_future_position_since(
    api_client, coordinator, school, teacher
):
    person = PersonFactory(organization=school, position=teacher)

    response = api_client(coordinator).patch(
        f"{API}/people/{person.pk}",
        {"position_since": (timezone.localdate() + timedelta(days=1)).isoformat()},
        content_type="application/json",
    )

    assert response.status_code == 400  # a model rule: see api/errors.py
    assert response.json()["errors"] == {
        "position_since": ["Дата начала работы в должности не может быть в будущем."]
    }
    person.refresh_from_db()
    assert person.position_since != (timezone.localdate() + timedelta(days=1))
