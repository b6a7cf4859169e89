"""/positions: the catalogues of the caller's municipalities."""

import pytest

from api.tests.conftest import API, ru
from people.models import Position
from people.tests.factories import PersonFactory, PositionFactory

URL = f"{API}/positions"


def position_names(response) -> list[str]:
    return [p["name"] for p in response.json()["items"]]


@pytest.fixture
def catalogue(municipality, far_school):
    PositionFactory(municipality=municipality, name="Директор", is_administrative=True)
    PositionFactory(municipality=municipality, name="Учитель")
    PositionFactory(municipality=far_school.municipality, name="Завуч")


@pytest.mark.parametrize("role", ["coordinator", "head", "reservist"])
def test_list_shows_the_callers_catalogue(request, api_client, role, catalogue):
    user = request.getfixturevalue(role)

    names = position_names(api_client(user).get(URL))

    assert "Директор" in names
    assert "Учитель" in names
    assert "Завуч" not in names


def test_list_hides_the_town_from_a_stranger(api_client, stranger, catalogue):
    assert position_names(api_client(stranger).get(URL)) == ["Завуч"]


def test_list_filters_administrative_positions(api_client, coordinator, catalogue):
    client = api_client(coordinator)

    assert position_names(client.get(URL, {"is_administrative": "true"})) == [
        "Директор"
    ]
    assert position_names(client.get(URL, {"is_administrative": "false"})) == [
        "Учитель"
    ]


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, coordinator, municipality, django_assert_max_num_queries, n_rows
):
    PositionFactory.create_batch(n_rows, municipality=municipality)
    client = api_client(coordinator)

    # token, roles, person, count, page
    with django_assert_max_num_queries(5):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


def test_get_returns_a_position(api_client, reservist):
    position = reservist.person.position

    response = api_client(reservist).get(f"{URL}/{position.pk}")

    assert response.status_code == 200
    assert response.json() == {
        "id": position.pk,
        "municipality_id": position.municipality_id,
        "name": position.name,
        "is_administrative": False,
    }


def test_get_is_404_for_a_stranger(api_client, stranger, reservist):
    response = api_client(stranger).get(f"{URL}/{reservist.person.position_id}")

    assert response.status_code == 404


def test_create_adds_to_the_catalogue(api_client, coordinator, municipality):
    response = api_client(coordinator).post(
        URL,
        {"name": "Заместитель директора", "is_administrative": True},
        content_type="application/json",
    )

    assert response.status_code == 201
    position = Position.objects.get(pk=response.json()["id"])
    assert (position.municipality, position.is_administrative) == (municipality, True)


def test_create_refuses_a_duplicate_name(api_client, coordinator, catalogue):
    response = api_client(coordinator).post(
        URL, {"name": "Учитель"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru("A position with this name already exists.")


def test_create_refuses_a_foreign_municipality(api_client, coordinator, far_school):
    response = api_client(coordinator).post(
        URL,
        {"name": "Учитель", "municipality_id": far_school.municipality_id},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["municipality_id"]


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_create_is_403_for_non_coordinators(request, api_client, role):
    user = request.getfixturevalue(role)

    response = api_client(user).post(
        URL, {"name": "Учитель"}, content_type="application/json"
    )

    assert response.status_code == 403


def test_patch_renames(api_client, coordinator, reservist):
    position = reservist.person.position

    response = api_client(coordinator).patch(
        f"{URL}/{position.pk}", {"name": "Педагог"}, content_type="application/json"
    )

    assert response.status_code == 200
    position.refresh_from_db()
    assert position.name == "Педагог"


def test_patch_is_403_for_a_head_and_404_for_a_stranger(
    api_client, head, stranger, reservist
):
    url = f"{URL}/{reservist.person.position_id}"
    body = {"name": "Педагог"}

    assert api_client(head).patch(url, body, "application/json").status_code == 403
    assert api_client(stranger).patch(url, body, "application/json").status_code == 404


def test_delete_removes_an_unused_position(api_client, coordinator, municipality):
    position = PositionFactory(municipality=municipality)

    response = api_client(coordinator).delete(f"{URL}/{position.pk}")

    assert response.status_code == 204
    assert not Position.objects.filter(pk=position.pk).exists()


def test_delete_refuses_a_held_position(api_client, coordinator, school):
    person = PersonFactory(organization=school)

    response = api_client(coordinator).delete(f"{URL}/{person.position_id}")

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "It cannot be deleted: other records refer to it (%(count)s)."
    ) % {"count": 1}
