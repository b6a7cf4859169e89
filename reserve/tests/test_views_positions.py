"""The coordinator's catalogue of target positions."""

import pytest
from django.urls import reverse

from reserve.models import TargetPosition
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory

pytestmark = pytest.mark.django_db

POSITIONS = reverse("reserve:positions")


def test_coordinator_adds_a_target_position(client, coordinator, municipality):
    client.force_login(coordinator)
    assert client.get(POSITIONS).status_code == 200
    response = client.post(POSITIONS, {"name": "Заведующий детским садом"})
    assert response.status_code == 302
    assert TargetPosition.objects.get().municipality == municipality


def test_a_duplicate_name_is_refused(client, coordinator, municipality):
    TargetPositionFactory(municipality=municipality, name="Директор школы")
    client.force_login(coordinator)
    response = client.post(POSITIONS, {"name": "Директор школы"})
    assert response.status_code == 422
    assert response.context["form"].non_field_errors()
    assert TargetPosition.objects.count() == 1


def test_catalogue_lists_only_own_municipality(
    client, coordinator, municipality, far_school
):
    TargetPositionFactory(municipality=municipality, name="Директор школы")
    TargetPositionFactory(municipality=far_school.municipality, name="Чужая")
    client.force_login(coordinator)
    names = [p.name for p in client.get(POSITIONS).context["page"].object_list]
    assert names == ["Директор школы"]


@pytest.mark.parametrize("n", [3, 10])
def test_catalogue_query_count_is_constant(
    client, coordinator, municipality, n, django_assert_max_num_queries
):
    for i in range(n):
        TargetPositionFactory(municipality=municipality, name=f"Должность {i}")
    client.force_login(coordinator)
    # session, user, roles, person, municipality, count, page
    with django_assert_max_num_queries(7):
        assert client.get(POSITIONS).status_code == 200


def test_head_may_not_keep_the_catalogue(client, head):
    client.force_login(head)
    assert client.get(POSITIONS).status_code == 403


def test_coordinator_renames_and_sees_history(client, coordinator, municipality):
    position = TargetPositionFactory(municipality=municipality, name="Директор")
    url = reverse("reserve:position_edit", args=[position.pk])
    client.force_login(coordinator)
    assert 'id="h-history"' in client.get(url).content.decode()
    assert client.post(url, {"name": "Директор школы"}).status_code == 302
    position.refresh_from_db()
    assert position.name == "Директор школы"


def test_another_municipality_position_is_404(client, stranger, municipality):
    position = TargetPositionFactory(municipality=municipality)
    client.force_login(stranger)
    url = reverse("reserve:position_edit", args=[position.pk])
    assert client.get(url).status_code == 404


def test_head_may_see_but_not_rename_a_position(client, head, municipality):
    position = TargetPositionFactory(municipality=municipality)
    client.force_login(head)
    url = reverse("reserve:position_edit", args=[position.pk])
    assert client.get(url).status_code == 403


def test_delete_a_position_in_use_is_refused(client, coordinator, school):
    entry = ReserveEntryFactory(person__organization=school)
    url = reverse("reserve:position_delete", args=[entry.target_position.pk])
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert TargetPosition.objects.filter(pk=entry.target_position.pk).exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_delete_an_unused_position(client, coordinator, municipality):
    position = TargetPositionFactory(municipality=municipality)
    client.force_login(coordinator)
    response = client.post(reverse("reserve:position_delete", args=[position.pk]))
    assert response.status_code == 302
    assert not TargetPosition.objects.exists()
