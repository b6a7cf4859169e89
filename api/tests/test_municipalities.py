"""/municipalities: read in scope; the coordinator edits their own."""

import pytest

from api.tests.conftest import API
from organizations.tests.factories import MunicipalityFactory

URL = f"{API}/municipalities"


def test_list_shows_the_callers_municipality(api_client, reservist, far_school):
    response = api_client(reservist).get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": reservist.person.organization.municipality_id,
                "name": "Town",
                "authority_name": "Education authority of Town",
                "place": "г. Город",
                "regulation_act": "",
                "regulation_date": None,
                "regulation_number": "",
            }
        ],
    }


def test_list_hides_the_town_from_a_stranger(api_client, stranger, school):
    names = [m["name"] for m in api_client(stranger).get(URL).json()["items"]]

    assert names == ["Elsewhere"]


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, admin_user, django_assert_max_num_queries, n_rows
):
    MunicipalityFactory.create_batch(n_rows)
    client = api_client(admin_user)

    # token, roles, person, count, page
    with django_assert_max_num_queries(5):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


def test_get_is_404_for_a_stranger(api_client, stranger, municipality):
    response = api_client(stranger).get(f"{URL}/{municipality.pk}")

    assert response.status_code == 404


def test_patch_lets_the_coordinator_change_requisites(
    api_client, coordinator, municipality
):
    response = api_client(coordinator).patch(
        f"{URL}/{municipality.pk}",
        {"place": "г. Стрежевой"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["place"] == "г. Стрежевой"
    municipality.refresh_from_db()
    assert municipality.place == "г. Стрежевой"


def test_patch_refuses_a_blank_name(api_client, coordinator, municipality):
    response = api_client(coordinator).patch(
        f"{URL}/{municipality.pk}", {"name": "   "}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"name": ["Поле не может быть пустым."]}


def test_patch_is_403_for_a_head(api_client, head, municipality):
    response = api_client(head).patch(
        f"{URL}/{municipality.pk}", {"place": "x"}, content_type="application/json"
    )

    assert response.status_code == 403


def test_patch_is_404_for_a_stranger(api_client, stranger, municipality):
    response = api_client(stranger).patch(
        f"{URL}/{municipality.pk}", {"place": "x"}, content_type="application/json"
    )

    assert response.status_code == 404


def test_patch_sets_the_act_approving_the_regulation(
    api_client, coordinator, municipality
):
    response = api_client(coordinator).patch(
        f"{URL}/{municipality.pk}",
        {
            "regulation_act": "приказ Управления образования",
            "regulation_date": "2026-08-20",
            "regulation_number": "45-о",
        },
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["regulation_date"] == "2026-08-20"
    municipality.refresh_from_db()
    assert municipality.regulation_act == "приказ Управления образования"
    assert municipality.regulation_number == "45-о"


def test_patch_clears_the_regulation_date_and_refuses_a_bad_one(
    api_client, coordinator, municipality
):
    municipality.regulation_date = "2026-08-20"
    municipality.save()
    client = api_client(coordinator)

    bad = client.patch(
        f"{URL}/{municipality.pk}",
        {"regulation_date": "20.08"},
        content_type="application/json",
    )
    cleared = client.patch(
        f"{URL}/{municipality.pk}",
        {"regulation_date": None},
        content_type="application/json",
    )

    assert bad.status_code == 422
    assert cleared.status_code == 200
    municipality.refresh_from_db()
    assert municipality.regulation_date is None


def test_patch_of_the_regulation_is_403_for_a_head(api_client, head, municipality):
    response = api_client(head).patch(
        f"{URL}/{municipality.pk}",
        {"regulation_number": "1"},
        content_type="application/json",
    )

    assert response.status_code == 403
