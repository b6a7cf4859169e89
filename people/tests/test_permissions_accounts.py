"""Who may create, see and manage a person's account (people.permissions)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from people import permissions
from people.tests.factories import PersonFactory

ALL_ROLES = set(Role.values)


@pytest.fixture
def teacher(school):
    return PersonFactory(organization=school, last_name="Teacher")


@pytest.fixture
def colleague(other_school):
    return PersonFactory(organization=other_school, last_name="Colleague")


@pytest.fixture
def faraway(far_school):
    return PersonFactory(organization=far_school, last_name="Faraway")


def _with_account(person, *roles, **scope):
    person.user = UserFactory(username=f"u{person.pk}")
    person.save()
    for role in roles:
        RoleAssignment.objects.create(user=person.user, role=role, **scope)
    return person


@pytest.mark.parametrize(
    ("role", "person", "expected"),
    [
        ("coordinator", "teacher", ALL_ROLES),
        ("coordinator", "colleague", ALL_ROLES),
        ("coordinator", "faraway", set()),
        ("head", "teacher", {"mentor", "reservist"}),
        ("head", "colleague", set()),
        ("mentor", "teacher", set()),
        ("reservist", "teacher", set()),
        ("commission", "teacher", set()),
        ("stranger", "teacher", set()),
        ("stranger", "faraway", ALL_ROLES),
        ("superuser", "faraway", ALL_ROLES),
    ],
)
def test_grantable_roles_follow_the_scope_of_each_role(request, role, person, expected):
    user = request.getfixturevalue(role)
    person = request.getfixturevalue(person)

    assert set(permissions.grantable_roles(user, person)) == expected
    assert permissions.may_create_account_for(user, person) is bool(expected)


def test_anonymous_may_do_nothing_with_accounts(teacher):
    anonymous = AnonymousUser()
    assert permissions.grantable_roles(anonymous, teacher) == []
    assert not permissions.may_create_account_for(anonymous, teacher)
    assert not permissions.may_view_account_of(anonymous, teacher)


def test_a_head_never_grants_coordinator_or_head(head, teacher):
    roles = permissions.grantable_roles(head, teacher)
    assert Role.COORDINATOR not in roles
    assert Role.HEAD not in roles
    assert Role.COMMISSION not in roles


def test_no_second_account_is_created(coordinator, teacher):
    _with_account(teacher, Role.MENTOR)
    assert not permissions.may_create_account_for(coordinator, teacher)
    assert permissions.may_view_account_of(coordinator, teacher)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", True),
        ("head", True),
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
        ("stranger", False),
        ("superuser", True),
    ],
)
def test_a_mentor_account_is_managed_by_its_coordinator_and_head(
    request, teacher, role, expected
):
    _with_account(teacher, Role.MENTOR)
    user = request.getfixturevalue(role)
    assert permissions.may_manage_account_of(user, teacher) is expected


def test_a_head_does_not_manage_an_account_with_a_role_they_may_not_grant(
    head, coordinator, teacher, school
):
    _with_account(teacher, Role.HEAD, organization=school)
    assert not permissions.may_manage_account_of(head, teacher)
    assert permissions.may_manage_account_of(coordinator, teacher)


def test_nobody_manages_their_own_account(head):
    person = head.person
    assert not permissions.may_manage_account_of(head, person)


def test_a_coordinator_does_not_manage_another_municipalitys_coordinator(
    coordinator, teacher, far_school
):
    _with_account(teacher, Role.COORDINATOR, municipality=far_school.municipality)
    assert not permissions.may_manage_account_of(coordinator, teacher)


def test_only_a_superuser_manages_a_superuser(coordinator, superuser, teacher):
    _with_account(teacher)
    teacher.user.is_superuser = True
    teacher.user.save()
    assert not permissions.may_manage_account_of(coordinator, teacher)
    assert permissions.may_manage_account_of(superuser, teacher)


def test_no_account_nothing_to_manage(coordinator, teacher):
    assert not permissions.may_manage_account_of(coordinator, teacher)


@pytest.mark.parametrize(
    ("role", "error"),
    [
        ("mentor", PermissionDenied),  # sees the card of oneself only
        ("stranger", Http404),
    ],
)
def test_get_person_for_account_hides_or_refuses(request, mentor, role, error):
    user = request.getfixturevalue(role)
    with pytest.raises(error):
        permissions.get_person_for_account(user, mentor.person.pk)


def test_get_person_for_account_gives_the_head_their_staff(head, teacher, colleague):
    assert permissions.get_person_for_account(head, teacher.pk) == teacher
    with pytest.raises(Http404):
        permissions.get_person_for_account(head, colleague.pk)
