"""The caller's roles and scope are computed once and kept in Django's cache; every
change that alters them is seen at the very next request, and no account ever
reads another's."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, RoleAssignment, User
from accounts.permissions import principal
from accounts.services import assign_role, issue_token
from accounts.tests.factories import UserFactory
from people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def person_page(client: Client, person) -> int:
    return client.get(reverse("people:detail", args=[person.pk])).status_code


def organization_page(client: Client, organization) -> int:
    return client.get(
        reverse("organizations:detail", args=[organization.pk])
    ).status_code


def municipality_api(client: Client, municipality) -> int:
    return client.get(f"/api/v1/municipalities/{municipality.pk}").status_code


def principal_queries(queries: CaptureQueriesContext) -> list[str]:
    """The two queries `principal` makes when it computes the roles."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if "accounts_roleassignment" in q["sql"]
        or 'INNER JOIN "people_person"' in q["sql"]
    ]


@pytest.fixture
def town_person(school):
    return PersonFactory(organization=school, last_name="Townsman")


@pytest.fixture
def far_person(far_school):
    return PersonFactory(organization=far_school, last_name="Farman")


# The cache is read -----------------------------------------------------------------


def test_second_request_of_a_session_computes_no_roles(coordinator, town_person):
    client = signed_in(coordinator)
    with CaptureQueriesContext(connection) as first:
        assert person_page(client, town_person) == 200
    with CaptureQueriesContext(connection) as second:
        assert person_page(client, town_person) == 200

    assert len(principal_queries(first)) == 2
    assert principal_queries(second) == []
    assert len(second) == len(first) - 2


def test_second_request_with_a_token_computes_no_roles(coordinator, municipality):
    client = Client(
        headers={"Authorization": f"Bearer {issue_token(user=coordinator)}"}
    )
    assert municipality_api(client, municipality) == 200
    with CaptureQueriesContext(connection) as second:
        assert municipality_api(client, municipality) == 200

    assert principal_queries(second) == []


def test_a_fresh_account_object_reads_the_cached_roles(head, django_assert_num_queries):
    computed = principal(head)

    fresh = User.objects.get(pk=head.pk)
    with django_assert_num_queries(0):
        assert principal(fresh) == computed


# Every change that alters roles or scope is seen at the next request --------------


def test_an_assigned_role_is_seen_at_once(municipality, town_person):
    user = UserFactory()
    client = signed_in(user)
    assert person_page(client, town_person) == 404

    assign_role(
        user=User.objects.get(pk=user.pk),
        role=Role.COORDINATOR,
        municipality=municipality,
    )

    assert person_page(client, town_person) == 200


def test_a_removed_role_is_seen_at_once(coordinator, town_person):
    client = signed_in(coordinator)
    assert person_page(client, town_person) == 200

    RoleAssignment.objects.get(user=coordinator).delete()

    assert person_page(client, town_person) == 404


def test_a_role_moved_to_another_municipality_is_seen_at_once(
    coordinator, town_person, far_person, far_school
):
    client = signed_in(coordinator)
    assert (person_page(client, town_person), person_page(client, far_person)) == (
        200,
        404,
    )

    assignment = RoleAssignment.objects.get(user=coordinator)
    assignment.municipality = far_school.municipality
    assignment.save()

    assert (person_page(client, town_person), person_page(client, far_person)) == (
        404,
        200,
    )


def test_a_head_moved_to_another_organisation_is_seen_at_once(
    head, town_person, other_school
):
    client = signed_in(head)
    assert person_page(client, town_person) == 200

    assignment = RoleAssignment.objects.get(user=head)
    assignment.organization = other_school
    assignment.save()

    assert person_page(client, town_person) == 404


def test_a_linked_person_is_seen_at_once(school, town_person):
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=Role.MENTOR)
    client = signed_in(user)
    assert organization_page(client, school) == 404

    town_person.user = user
    town_person.save()

    assert organization_page(client, school) == 200
    assert person_page(client, town_person) == 200


def test_an_unlinked_person_is_seen_at_once(mentor, school):
    client = signed_in(mentor)
    assert organization_page(client, school) == 200

    person = mentor.person.__class__.objects.get(user=mentor)
    person.user = None
    person.save()

    assert organization_page(client, school) == 404


def test_a_person_linked_to_another_account_leaves_the_former_at_once(mentor, school):
    client = signed_in(mentor)
    assert organization_page(client, school) == 200

    person = mentor.person.__class__.objects.get(user=mentor)
    person.user = UserFactory()
    person.save()

    assert organization_page(client, school) == 404


def test_a_deleted_person_is_seen_at_once(school):
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=Role.MENTOR)
    person = PersonFactory(organization=school, user=user)
    client = signed_in(user)
    assert organization_page(client, school) == 200

    person.delete()

    assert organization_page(client, school) == 404


def test_a_person_moved_to_another_organisation_is_seen_at_once(
    mentor, school, far_school
):
    client = signed_in(mentor)
    assert (
        organization_page(client, school),
        organization_page(client, far_school),
    ) == (
        200,
        404,
    )

    person = mentor.person.__class__.objects.get(user=mentor)
    person.organization = far_school
    person.save()

    assert (
        organization_page(client, school),
        organization_page(client, far_school),
    ) == (
        404,
        200,
    )


def test_an_organisation_moved_to_another_municipality_is_seen_at_once(
    mentor, head, school, municipality, far_school
):
    mentor_client, head_client = signed_in(mentor), signed_in(head)
    far = far_school.municipality
    for client in (mentor_client, head_client):
        assert (
            municipality_api(client, municipality),
            municipality_api(client, far),
        ) == (
            200,
            404,
        )

    school.municipality = far
    school.save()

    for client in (mentor_client, head_client):
        assert (
            municipality_api(client, municipality),
            municipality_api(client, far),
        ) == (
            404,
            200,
        )


def test_a_new_superuser_is_seen_at_once(far_person):
    user = UserFactory()
    client = signed_in(user)
    assert person_page(client, far_person) == 404

    user.is_superuser = True
    user.save()

    assert person_page(client, far_person) == 200


def test_a_former_superuser_is_seen_at_once(superuser, far_person):
    client = signed_in(superuser)
    assert person_page(client, far_person) == 200

    superuser.is_superuser = False
    superuser.save()

    assert person_page(client, far_person) == 404


def test_a_deactivated_account_is_refused_at_once(
    coordinator, town_person, municipality
):
    client = signed_in(coordinator)
    token_client = Client(
        headers={"Authorization": f"Bearer {issue_token(user=coordinator)}"}
    )
    assert person_page(client, town_person) == 200
    assert municipality_api(token_client, municipality) == 200

    coordinator.is_active = False
    coordinator.save()

    assert person_page(client, town_person) == 302  # to the sign-in page
    assert municipality_api(token_client, municipality) == 401


def test_an_unrelated_save_keeps_the_cache(mentor, school, town_person):
    client = signed_in(mentor)
    organization_page(client, school)

    town_person.phone = "+7 900 000-00-00"
    town_person.save()
    school.phone = "+7 3822 00-00-00"
    school.save()
    with CaptureQueriesContext(connection) as after:
        assert organization_page(client, school) == 200

    assert principal_queries(after) == []


# Never between accounts ------------------------------------------------------------


def test_accounts_never_read_each_others_roles(
    coordinator, stranger, town_person, far_person
):
    coordinator_client, stranger_client = signed_in(coordinator), signed_in(stranger)
    for _round in range(2):
        assert person_page(coordinator_client, town_person) == 200
        assert person_page(coordinator_client, far_person) == 404
        assert person_page(stranger_client, town_person) == 404
        assert person_page(stranger_client, far_person) == 200

    assert principal(coordinator) != principal(stranger)
