"""The municipality copied onto reserve entries (the coordinator's scope and the
list's count by the entry's index) stays right, and the list keeps its order by
the reservist's name."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import issue_token
from api.tests.conftest import API
from organizations.tests.factories import OrganizationFactory
from people import services as people_services
from people.tests.factories import PersonFactory, PositionFactory
from reserve.models import ReserveEntry
from reserve.permissions import visible_reserve_entries
from reserve.services import include_in_reserve
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory

LIST = reverse("reserve:list")


@pytest.fixture
def entry(reservist) -> ReserveEntry:
    return ReserveEntryFactory.create(person=reservist.person)


@pytest.fixture
def api_client():
    def make(user) -> Client:
        return Client(headers={"Authorization": f"Bearer {issue_token(user=user)}"})

    return make


def test_an_entry_carries_the_persons_municipality(entry, school):
    assert ReserveEntry.objects.get(pk=entry.pk).municipality_id == (
        school.municipality_id
    )


def test_an_entry_included_by_the_service_carries_it(school):
    person = PersonFactory(organization=school)
    entry = include_in_reserve(
        person=person,
        target_position=TargetPositionFactory(municipality=school.municipality),
        basis_number="1",
        basis_date=date(2026, 1, 1),
        included_on=date(2026, 1, 1),
    )

    assert ReserveEntry.objects.get(pk=entry.pk).municipality_id == (
        school.municipality_id
    )


def test_the_copy_is_left_out_of_the_history_and_of_full_clean(entry):
    entry.full_clean()  # no query, no error for the copied field
    assert "municipality" not in {
        f.name for f in entry.history.model._meta.get_fields()
    }


def test_a_move_to_another_municipality_takes_the_entries_along(
    entry, far_school, coordinator, stranger
):
    ended = ReserveEntryFactory(
        person=entry.person, status=ReserveEntry.Status.EXCLUDED
    )
    people_services.update_person(
        person=entry.person,
        organization=far_school,
        position=PositionFactory(municipality=far_school.municipality),
    )

    for moved in (entry, ended):
        moved.refresh_from_db()
        assert moved.municipality_id == far_school.municipality_id
    # The former coordinator no longer lists them; the new municipality's does.
    assert not visible_reserve_entries(coordinator).filter(pk=entry.pk).exists()
    assert visible_reserve_entries(stranger).filter(pk=entry.pk).exists()


def test_a_moved_entry_leaves_the_former_coordinators_pages(
    client, api_client, entry, far_school, coordinator, stranger
):
    people_services.update_person(
        person=entry.person,
        organization=far_school,
        position=PositionFactory(municipality=far_school.municipality),
    )

    client.force_login(coordinator)
    assert list(client.get(LIST).context["page"].object_list) == []
    assert api_client(coordinator).get(f"{API}/reserve-entries").json()["count"] == 0
    other = Client()
    other.force_login(stranger)
    assert list(other.get(LIST).context["page"].object_list) == [entry]
    assert api_client(stranger).get(f"{API}/reserve-entries").json()["count"] == 1


def test_a_move_within_the_municipality_keeps_the_entry(entry, municipality):
    other = OrganizationFactory(municipality=municipality)
    people_services.update_person(person=entry.person, organization=other)

    entry.refresh_from_db()
    assert entry.municipality_id == municipality.pk


@pytest.mark.parametrize("n", [3, 12])
def test_the_pages_keep_the_order_by_name_and_count_the_scope(
    client, api_client, coordinator, school, far_school, n
):
    names = [f"Фамилия{i:02d}" for i in range(n)]
    for name in reversed(names):
        ReserveEntryFactory(person__organization=school, person__last_name=name)
    ReserveEntryFactory(person__organization=far_school, person__last_name="Аа")

    client.force_login(coordinator)
    page = client.get(LIST, {"page": 1}).context["page"]
    assert [e.person.last_name for e in page.object_list] == names
    assert page.paginator.count == n
    found = api_client(coordinator).get(f"{API}/reserve-entries?page_size=5").json()
    assert found["count"] == n
    assert [e["person"]["full_name"].split()[0] for e in found["items"]] == names[:5]


def test_page_keys_are_the_same_rows(entry, far_school):
    ReserveEntryFactory(person__organization=far_school)
    rows = ReserveEntry.objects.in_list_order()

    assert list(rows.page_keys()) == list(rows)
