"""/target-positions: the catalogue of the reserve's target positions."""

import pytest

from api.tests.conftest import API, ru
from reserve.models import TargetPosition
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory

URL = f"{API}/target-positions"


def names(response) -> list[str]:
    return [p["name"] for p in response.json()["items"]]


@pytest.fixture
def director(municipality):
    return TargetPositionFactory(municipality=municipality, name="Директор школы")


@pytest.fixture
def far_director(far_school):
    return TargetPositionFactory(municipality=far_school.municipality, name="Далёкий")


def test_list_shows_the_municipalitys_catalogue(
    api_client, coordinator, director, far_director
):
    head = TargetPositionFactory(municipality=director.municipality, name="Заведующий")

    response = api_client(coordinator).get(URL)

    assert response.status_code == 200
    assert response.json()["items"] == [
        {
            "id": director.pk,
            "municipality_id": director.municipality_id,
            "name": "Директор школы",
        },
        {
            "id": head.pk,
            "municipality_id": director.municipality_id,
            "name": "Заведующий",
        },
    ]


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_list_shows_everybody_of_the_town_its_catalogue(
    request, api_client, role, director, far_director
):
    user = request.getfixturevalue(role)

    assert names(api_client(user).get(URL)) == ["Директор школы"]


def test_list_hides_the_town_from_a_stranger(
    api_client, stranger, director, far_director
):
    assert names(api_client(stranger).get(URL)) == ["Далёкий"]


def test_list_is_401_for_an_anonymous_client(api_client, director):
    response = api_client().get(URL)

    assert response.status_code == 401
    assert response.json() == {"detail": "Требуется авторизация.", "errors": {}}


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, coordinator, municipality, django_assert_max_num_queries, n_rows
):
    for i in range(n_rows):
        TargetPositionFactory(municipality=municipality, name=f"Должность {i:02}")
    client = api_client(coordinator)

    # token, roles, person, count, page
    with django_assert_max_num_queries(5):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


def test_get_returns_a_position_in_scope_and_404_outside(
    api_client, reservist, stranger, director
):
    url = f"{URL}/{director.pk}"

    assert api_client(reservist).get(url).json()["name"] == "Директор школы"
    assert api_client(stranger).get(url).status_code == 404


def test_create_adds_to_the_coordinators_municipality(
    api_client, coordinator, municipality
):
    response = api_client(coordinator).post(
        URL, {"name": "  Заведующий  "}, content_type="application/json"
    )

    assert response.status_code == 201
    position = TargetPosition.objects.get(pk=response.json()["id"])
    assert (position.municipality, position.name) == (municipality, "Заведующий")


def test_create_refuses_a_foreign_municipality(api_client, coordinator, far_school):
    response = api_client(coordinator).post(
        URL,
        {"name": "X", "municipality_id": far_school.municipality_id},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "municipality_id": ["Такого объекта нет или он вам недоступен."]
    }
    assert not TargetPosition.objects.exists()


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_create_is_403_for_non_coordinators(request, api_client, role):
    user = request.getfixturevalue(role)

    response = api_client(user).post(URL, {"name": "X"}, "application/json")

    assert response.status_code == 403
    assert not TargetPosition.objects.exists()


def test_create_refuses_a_duplicate_name(api_client, coordinator, director):
    response = api_client(coordinator).post(
        URL, {"name": "Директор школы"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": ru("A target position with this name already exists."),
        "errors": {},
    }
    assert TargetPosition.objects.count() == 1


def test_create_requires_a_name(api_client, coordinator, municipality):
    response = api_client(coordinator).post(
        URL, {"name": " "}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"name": ["Поле не может быть пустым."]}


def test_patch_renames(api_client, coordinator, director):
    response = api_client(coordinator).patch(
        f"{URL}/{director.pk}", {"name": "Заведующий"}, "application/json"
    )

    assert response.status_code == 200
    director.refresh_from_db()
    assert director.name == "Заведующий"


def test_patch_is_403_for_a_head_and_404_for_a_stranger(
    api_client, head, stranger, director
):
    url = f"{URL}/{director.pk}"
    body = {"name": "Заведующий"}

    assert api_client(head).patch(url, body, "application/json").status_code == 403
    assert api_client(stranger).patch(url, body, "application/json").status_code == 404
    director.refresh_from_db()
    assert director.name == "Директор школы"


def test_delete_removes_an_unused_position(api_client, coordinator, director):
    response = api_client(coordinator).delete(f"{URL}/{director.pk}")

    assert response.status_code == 204
    assert not TargetPosition.objects.exists()


def test_delete_refuses_a_position_in_use(api_client, coordinator, school):
    entry = ReserveEntryFactory(person__organization=school)

    response = api_client(coordinator).delete(f"{URL}/{entry.target_position_id}")

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "It cannot be deleted: other records refer to it (%(count)s)."
    ) % {"count": 1}
    assert TargetPosition.objects.exists()


def test_delete_is_403_for_a_head(api_client, head, director):
    assert api_client(head).delete(f"{URL}/{director.pk}").status_code == 403
    assert TargetPosition.objects.exists()
