"""/organizations: scope, writes through the services, filters, query count."""

import pytest

from api.tests.conftest import API, ru
from organizations.models import Organization
from organizations.tests.factories import MunicipalityFactory, OrganizationFactory
from people.tests.factories import PersonFactory

URL = f"{API}/organizations"
NEW = {"kind": "kindergarten", "full_name": "Детский сад № 1", "short_name": "ДС 1"}


def names(response) -> list[str]:
    return [o["short_name"] for o in response.json()["items"]]


def test_list_shows_the_coordinators_municipality(
    api_client, coordinator, school, other_school, far_school
):
    response = api_client(coordinator).get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert names(response) == ["Other school", "School"]


def test_list_item_has_the_documented_fields(api_client, coordinator, head, school):
    school.head = head.person
    school.save()

    item = api_client(coordinator).get(URL).json()["items"][0]

    assert item == {
        "id": school.pk,
        "municipality_id": school.municipality_id,
        "kind": "school",
        "kind_display": ru("general education school"),
        "full_name": "Full name of School",
        "short_name": "School",
        "inn": "",
        "address": "",
        "phone": "",
        "email": "",
        "head": {"id": head.person.pk, "full_name": head.person.full_name},
        "n_people": 1,
    }


@pytest.mark.parametrize("role", ["head", "mentor", "reservist"])
def test_list_shows_others_only_their_own_organisation(
    request, api_client, role, school, other_school
):
    user = request.getfixturevalue(role)

    assert names(api_client(user).get(URL)) == ["School"]


def test_list_shows_a_commission_member_their_own_organisation(
    api_client, commission, school, other_school
):
    assert names(api_client(commission).get(URL)) == ["Other school"]


def test_list_hides_the_town_from_a_stranger(api_client, stranger, school, far_school):
    assert names(api_client(stranger).get(URL)) == ["Far school"]


def test_list_filters_by_search_and_kind(api_client, coordinator, school):
    OrganizationFactory(
        municipality=school.municipality,
        short_name="Детский сад «Ёлочка»",
        kind=Organization.Kind.KINDERGARTEN,
    )
    client = api_client(coordinator)

    assert names(client.get(URL, {"q": "ЕЛОЧ"})) == ["Детский сад «Ёлочка»"]
    assert names(client.get(URL, {"kind": "school"})) == ["School"]
    assert names(client.get(URL, {"q": "школа", "kind": "kindergarten"})) == []


def test_list_is_paginated(api_client, coordinator, municipality):
    OrganizationFactory.create_batch(5, municipality=municipality)
    client = api_client(coordinator)

    first = client.get(URL, {"page_size": 2}).json()
    last = client.get(URL, {"page": 3, "page_size": 2}).json()

    assert first["count"] == 5
    assert len(first["items"]) == 2
    assert len(last["items"]) == 1


def test_list_pages_hold_50_by_default_and_200_at_most(
    api_client, coordinator, municipality
):
    OrganizationFactory.create_batch(201, municipality=municipality)
    client = api_client(coordinator)

    assert len(client.get(URL).json()["items"]) == 50
    assert len(client.get(URL, {"page_size": 1000}).json()["items"]) == 200


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, coordinator, municipality, django_assert_max_num_queries, n_rows
):
    for organization in OrganizationFactory.create_batch(
        n_rows, municipality=municipality
    ):
        organization.head = PersonFactory(organization=organization)
        organization.save()
    client = api_client(coordinator)

    # token, roles, person, count, the page's keys, the page annotated
    with django_assert_max_num_queries(6):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


def test_get_returns_an_organisation_in_scope(api_client, reservist, school):
    response = api_client(reservist).get(f"{URL}/{school.pk}")

    assert response.status_code == 200
    assert response.json()["short_name"] == "School"


@pytest.mark.parametrize("role", ["head", "reservist", "stranger"])
def test_get_is_404_outside_the_scope(request, api_client, role, other_school):
    user = request.getfixturevalue(role)

    response = api_client(user).get(f"{URL}/{other_school.pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Объект не найден.", "errors": {}}


def test_create_adds_to_the_coordinators_municipality(
    api_client, coordinator, municipality
):
    response = api_client(coordinator).post(
        URL, {**NEW, "inn": "7022000000"}, content_type="application/json"
    )

    assert response.status_code == 201
    organization = Organization.objects.get(pk=response.json()["id"])
    assert organization.municipality == municipality
    assert organization.inn == "7022000000"
    assert response.json()["kind_display"] == ru("preschool (kindergarten)")


def test_create_accepts_one_of_the_callers_municipalities(
    api_client, admin_user, municipality
):
    MunicipalityFactory(name="Another")

    response = api_client(admin_user).post(
        URL,
        {**NEW, "municipality_id": municipality.pk},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert response.json()["municipality_id"] == municipality.pk


def test_create_refuses_a_foreign_municipality(api_client, coordinator, far_school):
    response = api_client(coordinator).post(
        URL,
        {**NEW, "municipality_id": far_school.municipality_id},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "municipality_id": ["Такого объекта нет или он вам недоступен."]
    }


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_create_is_403_for_non_coordinators(request, api_client, role):
    user = request.getfixturevalue(role)

    response = api_client(user).post(URL, NEW, content_type="application/json")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Недостаточно прав для этого действия.",
        "errors": {},
    }


def test_create_refuses_a_duplicate_short_name(api_client, coordinator, school):
    response = api_client(coordinator).post(
        URL, {**NEW, "short_name": "School"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": ru("An organisation with this short name already exists."),
        "errors": {},
    }
    assert Organization.objects.count() == 1


def test_create_reports_model_validation_by_field(
    api_client, coordinator, municipality
):
    response = api_client(coordinator).post(
        URL, {**NEW, "inn": "12345"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "inn": [ru("The INN of an organisation is 10 digits.")]
    }


def test_patch_changes_only_the_given_fields(api_client, coordinator, school):
    response = api_client(coordinator).patch(
        f"{URL}/{school.pk}",
        {"address": "ул. Ленина, 1", "email": "school@example.ru"},
        content_type="application/json",
    )

    assert response.status_code == 200
    school.refresh_from_db()
    assert (school.address, school.email) == ("ул. Ленина, 1", "school@example.ru")
    assert school.short_name == "School"


def test_patch_sets_and_clears_the_head(api_client, coordinator, head, school):
    client = api_client(coordinator)
    url = f"{URL}/{school.pk}"

    response = client.patch(
        url, {"head_id": head.person.pk}, content_type="application/json"
    )
    assert response.json()["head"]["id"] == head.person.pk

    response = client.patch(url, {"head_id": None}, content_type="application/json")
    assert response.json()["head"] is None
    school.refresh_from_db()
    assert school.head is None


def test_patch_refuses_a_head_from_another_organisation(
    api_client, coordinator, commission, school
):
    response = api_client(coordinator).patch(
        f"{URL}/{school.pk}",
        {"head_id": commission.person.pk},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "head_id": ["Такого объекта нет или он вам недоступен."]
    }


def test_patch_refuses_null_for_a_required_field(api_client, coordinator, school):
    response = api_client(coordinator).patch(
        f"{URL}/{school.pk}", {"short_name": None}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "short_name": ["Значение null для этого поля недопустимо."]
    }


def test_patch_is_403_for_a_head(api_client, head, school):
    response = api_client(head).patch(
        f"{URL}/{school.pk}", {"phone": "1"}, content_type="application/json"
    )

    assert response.status_code == 403


def test_patch_is_404_for_a_stranger(api_client, stranger, school):
    response = api_client(stranger).patch(
        f"{URL}/{school.pk}", {"phone": "1"}, content_type="application/json"
    )

    assert response.status_code == 404


def test_delete_removes_an_empty_organisation(api_client, coordinator, school):
    response = api_client(coordinator).delete(f"{URL}/{school.pk}")

    assert response.status_code == 204
    assert response.content == b""
    assert not Organization.objects.exists()


def test_delete_refuses_an_organisation_with_people(
    api_client, coordinator, mentor, school
):
    response = api_client(coordinator).delete(f"{URL}/{school.pk}")

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "It cannot be deleted: other records refer to it (%(count)s)."
    ) % {"count": 1}
    assert Organization.objects.filter(pk=school.pk).exists()


def test_delete_is_403_for_a_head_and_404_for_a_stranger(
    api_client, head, stranger, school
):
    assert api_client(head).delete(f"{URL}/{school.pk}").status_code == 403
    assert api_client(stranger).delete(f"{URL}/{school.pk}").status_code == 404
    assert Organization.objects.filter(pk=school.pk).exists()
