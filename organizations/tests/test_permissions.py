import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from organizations import permissions
from organizations.tests.factories import OrganizationFactory

ROLES = ["coordinator", "head", "mentor", "reservist", "commission", "stranger"]


@pytest.fixture
def cast(request, school, other_school, far_school):
    """Every role of the cast, by fixture name, with an anonymous visitor."""
    users = {name: request.getfixturevalue(name) for name in ROLES}
    users["anonymous"] = AnonymousUser()
    users["superuser"] = request.getfixturevalue("superuser")
    return users


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", {"School", "Other school"}),
        ("head", {"School"}),
        ("mentor", {"School"}),
        ("reservist", {"School"}),
        ("commission", {"Other school"}),
        ("stranger", {"Far school"}),
        ("anonymous", set()),
        ("superuser", {"School", "Other school", "Far school"}),
    ],
)
def test_visible_organizations_are_the_scope_of_each_role(cast, role, expected):
    visible = permissions.visible_organizations(cast[role])

    assert {o.short_name for o in visible} == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", {"Town"}),
        ("head", {"Town"}),
        ("mentor", {"Town"}),
        ("commission", {"Town"}),
        ("stranger", {"Elsewhere"}),
        ("anonymous", set()),
        ("superuser", {"Town", "Elsewhere"}),
    ],
)
def test_visible_municipalities_are_those_the_user_works_in(cast, role, expected):
    visible = permissions.visible_municipalities(cast[role])

    assert {m.name for m in visible} == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", {"Town"}),
        ("head", set()),
        ("mentor", set()),
        ("reservist", set()),
        ("commission", set()),
        ("stranger", {"Elsewhere"}),
        ("anonymous", set()),
        ("superuser", {"Town", "Elsewhere"}),
    ],
)
def test_managed_municipalities_belong_to_coordinators_only(cast, role, expected):
    managed = permissions.managed_municipalities(cast[role])

    assert {m.name for m in managed} == expected


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("stranger", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
        ("anonymous", False),
    ],
)
def test_can_create_organization_only_as_coordinator(cast, role, allowed):
    assert permissions.may_create_organization(cast[role]) is allowed


@pytest.mark.parametrize(
    "role", ["coordinator", "head", "mentor", "reservist", "superuser"]
)
def test_get_organization_returns_own_school_to_everybody_in_scope(cast, school, role):
    assert permissions.get_organization(cast[role], school.pk) == school


@pytest.mark.parametrize(
    ("role", "organization"),
    [
        ("head", "other_school"),
        ("mentor", "other_school"),
        ("reservist", "other_school"),
        ("commission", "school"),
        ("stranger", "school"),
        ("anonymous", "school"),
    ],
)
def test_get_organization_raises_404_out_of_scope(request, cast, role, organization):
    out_of_scope = request.getfixturevalue(organization)

    with pytest.raises(Http404):
        permissions.get_organization(cast[role], out_of_scope.pk)


def test_get_organization_raises_404_for_coordinator_outside_municipality(
    coordinator, far_school
):
    with pytest.raises(Http404):
        permissions.get_organization(coordinator, far_school.pk)


def test_get_organization_raises_404_for_missing_or_malformed_pk(coordinator):
    with pytest.raises(Http404):
        permissions.get_organization(coordinator, 999_999)
    with pytest.raises(Http404):
        permissions.get_organization(coordinator, "abc")


@pytest.mark.parametrize("role", ["coordinator", "superuser"])
def test_get_organization_for_write_is_allowed_to_coordinator(cast, school, role):
    assert permissions.get_organization(cast[role], school.pk, write=True) == school


@pytest.mark.parametrize("role", ["head", "mentor", "reservist"])
def test_get_organization_for_write_raises_permission_denied_to_read_only_roles(
    cast, school, role
):
    with pytest.raises(PermissionDenied):
        permissions.get_organization(cast[role], school.pk, write=True)


def test_get_organization_for_write_raises_404_not_403_for_stranger(stranger, school):
    with pytest.raises(Http404):
        permissions.get_organization(stranger, school.pk, write=True)


def test_get_organization_preloads_municipality_and_head(
    coordinator, django_assert_num_queries
):
    organization = OrganizationFactory(
        municipality=coordinator.roles.get().municipality
    )
    permissions.visible_organizations(coordinator)  # warm the principal cache

    with django_assert_num_queries(1):
        found = permissions.get_organization(coordinator, organization.pk)
        assert found.municipality.name == "Town"
        assert found.head is None


def test_get_municipality_returns_it_to_a_head_for_reading(head, municipality):
    assert permissions.get_municipality(head, municipality.pk) == municipality


def test_get_municipality_for_write_raises_permission_denied_to_head(
    head, municipality
):
    with pytest.raises(PermissionDenied):
        permissions.get_municipality(head, municipality.pk, write=True)


def test_get_municipality_for_write_is_allowed_to_coordinator(
    coordinator, municipality
):
    found = permissions.get_municipality(coordinator, municipality.pk, write=True)

    assert found == municipality


def test_get_municipality_raises_404_for_stranger(stranger, municipality):
    with pytest.raises(Http404):
        permissions.get_municipality(stranger, municipality.pk)


def test_get_municipality_raises_404_for_anonymous(municipality):
    with pytest.raises(Http404):
        permissions.get_municipality(AnonymousUser(), municipality.pk)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("head", False),
        ("mentor", False),
        ("stranger", False),
        ("anonymous", False),
    ],
)
def test_can_view_history_only_as_coordinator_of_the_municipality(
    cast, municipality, role, allowed
):
    assert permissions.may_view_history(cast[role], municipality.pk) is allowed


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("stranger", False),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
        ("anonymous", False),
    ],
)
def test_only_the_coordinator_of_its_municipality_may_edit_an_organization(
    cast, school, role, allowed
):
    assert permissions.may_edit_organization(cast[role], school) is allowed
