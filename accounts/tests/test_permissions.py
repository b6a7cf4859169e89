import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Role
from accounts.permissions import (
    ANONYMOUS,
    acts_as_commission_member,
    acts_as_coordinator,
    acts_as_head,
    acts_as_mentor,
    acts_as_reservist,
    principal,
)
from accounts.tests.factories import UserFactory


def test_principal_of_anonymous_has_no_roles_and_no_scope():
    p = principal(AnonymousUser())

    assert p == ANONYMOUS
    assert not p.is_authenticated
    assert not p.roles
    assert not p.municipality_ids
    assert not p.coordinates(None)


def test_principal_of_coordinator_covers_the_municipality(coordinator, municipality):
    p = principal(coordinator)

    assert p.is_authenticated
    assert p.is_coordinator
    assert not p.is_head
    assert p.coordinator_municipality_ids == {municipality.pk}
    assert p.municipality_ids == {municipality.pk}
    assert p.coordinates(municipality.pk)
    assert p.person_id is None


def test_principal_of_coordinator_does_not_cover_another_municipality(
    coordinator, far_school
):
    assert not principal(coordinator).coordinates(far_school.municipality_id)


def test_principal_of_head_covers_own_organization(head, school, municipality):
    p = principal(head)

    assert p.is_head
    assert not p.is_coordinator
    assert p.head_organization_ids == {school.pk}
    assert p.heads(school.pk)
    assert p.person_id == head.person.pk
    assert p.person_organization_id == school.pk
    assert p.municipality_ids == {municipality.pk}
    assert not p.coordinates(municipality.pk)


def test_principal_of_head_does_not_cover_other_school(head, other_school):
    assert not principal(head).heads(other_school.pk)


@pytest.mark.parametrize(
    ("role_user", "role", "organization"),
    [
        ("mentor", Role.MENTOR, "school"),
        ("reservist", Role.RESERVIST, "school"),
        ("commission", Role.COMMISSION, "other_school"),
    ],
)
def test_principal_of_person_role_is_scoped_by_own_person(
    request, role_user, role, organization
):
    user = request.getfixturevalue(role_user)
    organization = request.getfixturevalue(organization)

    p = principal(user)

    assert p.roles == {role}
    assert p.person_id == user.person.pk
    assert p.person_organization_id == organization.pk
    assert p.municipality_ids == {organization.municipality_id}
    assert not p.is_coordinator
    assert not p.is_head
    assert not p.coordinates(organization.municipality_id)


def test_principal_of_mentor_has_mentor_flag_only(mentor):
    p = principal(mentor)

    assert p.holds_mentor_role
    assert not p.holds_reservist_role
    assert not p.holds_commission_role


def test_principal_of_stranger_covers_only_elsewhere(
    stranger, far_school, municipality
):
    p = principal(stranger)

    assert p.coordinates(far_school.municipality_id)
    assert not p.coordinates(municipality.pk)
    assert municipality.pk not in p.municipality_ids


def test_principal_of_superuser_covers_every_municipality(superuser, far_school):
    p = principal(superuser)

    assert p.is_superuser
    assert p.coordinates(far_school.municipality_id)
    assert p.coordinates(None)


def test_principal_of_account_without_roles_is_authenticated_but_empty(db):
    p = principal(UserFactory())

    assert p.is_authenticated
    assert not p.roles
    assert not p.municipality_ids


def test_principal_holds_several_roles_of_one_account(head, school):
    from accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=head, role=Role.MENTOR)
    head.refresh_from_db()

    p = principal(head)

    assert p.roles == {Role.HEAD, Role.MENTOR}
    assert p.is_head
    assert p.holds_mentor_role


def test_principal_takes_two_queries_and_is_cached_on_the_user(
    head, django_assert_num_queries
):
    with django_assert_num_queries(2):  # role assignments, linked person
        first = principal(head)
    with django_assert_num_queries(0):
        assert principal(head) is first


@pytest.mark.parametrize(
    ("role_user", "cards"),
    [
        ("coordinator", {"coordinator"}),
        ("superuser", {"coordinator"}),
        ("head", {"head"}),
        ("mentor", {"mentor"}),
        ("reservist", {"reservist"}),
        ("commission", {"commission"}),
        ("stranger", {"coordinator"}),
        ("anonymous", set()),
    ],
)
def test_acts_as_answers_the_role_cards_of_each_user(request, role_user, cards, db):
    user = (
        AnonymousUser()
        if role_user == "anonymous"
        else request.getfixturevalue(role_user)
    )
    predicates = {
        "coordinator": acts_as_coordinator,
        "head": acts_as_head,
        "mentor": acts_as_mentor,
        "reservist": acts_as_reservist,
        "commission": acts_as_commission_member,
    }

    assert {card for card, acts in predicates.items() if acts(user)} == cards
