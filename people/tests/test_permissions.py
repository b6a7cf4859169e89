import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from people import permissions
from people.models import PersonViewLog
from people.services import record_people_access
from people.tests.factories import PersonFactory, PositionFactory

ROLES = ["coordinator", "head", "mentor", "reservist", "commission", "stranger"]
TOWN = {"Head", "Mentor", "Reservist", "Commission", "Teacher", "Colleague"}


@pytest.fixture
def cast(request, school, other_school, far_school):
    """Every role of the cast, and a person in each organisation without an account:
    «Teacher» in School, «Colleague» in Other school, «Faraway» in Far school."""
    users = {name: request.getfixturevalue(name) for name in ROLES}
    users["anonymous"] = AnonymousUser()
    users["superuser"] = request.getfixturevalue("superuser")
    PersonFactory(organization=school, last_name="Teacher")
    PersonFactory(organization=other_school, last_name="Colleague")
    PersonFactory(organization=far_school, last_name="Faraway")
    return users


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", TOWN),
        ("head", {"Head", "Mentor", "Reservist", "Teacher"}),
        ("mentor", {"Mentor"}),
        ("reservist", {"Reservist"}),
        ("commission", {"Commission"}),
        ("stranger", {"Faraway"}),
        ("anonymous", set()),
        ("superuser", TOWN | {"Faraway"}),
    ],
)
def test_visible_people_are_the_scope_of_each_role(cast, role, expected):
    visible = permissions.visible_people(cast[role])

    assert {p.last_name for p in visible} == expected


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
        ("anonymous", False),
    ],
)
def test_can_create_person_only_as_coordinator(cast, role, allowed):
    assert permissions.may_create_person(cast[role]) is allowed


@pytest.mark.parametrize(
    ("role", "person"),
    [
        ("coordinator", "Colleague"),
        ("head", "Teacher"),
        ("mentor", "Mentor"),
        ("reservist", "Reservist"),
        ("commission", "Commission"),
        ("superuser", "Faraway"),
    ],
)
def test_get_person_returns_a_person_in_scope(cast, role, person):
    found = permissions.get_person(cast[role], _pk(person))

    assert found.last_name == person


@pytest.mark.parametrize(
    ("role", "person"),
    [
        ("coordinator", "Faraway"),
        ("head", "Colleague"),
        ("mentor", "Teacher"),
        ("mentor", "Reservist"),
        ("reservist", "Mentor"),
        ("commission", "Teacher"),
        ("stranger", "Teacher"),
        ("anonymous", "Teacher"),
    ],
)
def test_get_person_raises_404_out_of_scope(cast, role, person):
    with pytest.raises(Http404):
        permissions.get_person(cast[role], _pk(person))


def test_get_person_raises_404_for_missing_or_malformed_pk(coordinator):
    with pytest.raises(Http404):
        permissions.get_person(coordinator, 999_999)
    with pytest.raises(Http404):
        permissions.get_person(coordinator, "abc")


@pytest.mark.parametrize("role", ["coordinator", "superuser"])
def test_get_person_for_write_is_allowed_to_coordinator(cast, role):
    found = permissions.get_person(cast[role], _pk("Teacher"), write=True)

    assert found.last_name == "Teacher"


@pytest.mark.parametrize(
    ("role", "person"),
    [
        ("head", "Teacher"),
        ("mentor", "Mentor"),
        ("reservist", "Reservist"),
        ("commission", "Commission"),
    ],
)
def test_get_person_for_write_raises_permission_denied_to_read_only_roles(
    cast, role, person
):
    with pytest.raises(PermissionDenied):
        permissions.get_person(cast[role], _pk(person), write=True)


def test_get_person_preloads_what_the_card_shows(
    cast, coordinator, django_assert_num_queries
):
    pk = _pk("Teacher")
    permissions.visible_people(coordinator)  # warm the principal cache

    with django_assert_num_queries(1):
        person = permissions.get_person(coordinator, pk)
        assert person.organization.municipality.name == "Town"
        assert person.position.name
        assert person.user is None


@pytest.fixture
def positions(municipality, far_school):
    return {
        "town": PositionFactory(municipality=municipality, name="Teacher"),
        "far": PositionFactory(municipality=far_school.municipality, name="Teacher"),
    }


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
def test_visible_positions_are_the_catalogues_of_own_municipalities(
    cast, positions, role, expected
):
    visible = permissions.visible_positions(cast[role]).filter(name="Teacher")

    assert {p.municipality.name for p in visible} == expected


def test_get_position_for_write_is_allowed_to_coordinator(coordinator, positions):
    found = permissions.get_position(coordinator, positions["town"].pk, write=True)

    assert found == positions["town"]


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_get_position_for_write_raises_permission_denied_to_read_only_roles(
    cast, positions, role
):
    assert permissions.get_position(cast[role], positions["town"].pk)
    with pytest.raises(PermissionDenied):
        permissions.get_position(cast[role], positions["town"].pk, write=True)


@pytest.mark.parametrize("role", ["stranger", "anonymous"])
def test_get_position_raises_404_out_of_scope(cast, positions, role):
    with pytest.raises(Http404):
        permissions.get_position(cast[role], positions["town"].pk)


def test_get_position_raises_404_for_malformed_pk(coordinator):
    with pytest.raises(Http404):
        permissions.get_position(coordinator, "abc")


def _pk(last_name: str) -> int:
    from people.models import Person

    return Person.objects.get(last_name=last_name).pk


@pytest.fixture
def mentorship(mentor, reservist):
    """The mentor guides the reservist (an active mentorship by a registered order)."""
    from mentorships.tests.factories import MentorshipFactory

    return MentorshipFactory(
        mentor=mentor.person, reserve_entry__person=reservist.person
    )


def test_visible_people_of_mentor_add_own_reservists(cast, mentorship):
    visible = permissions.visible_people(cast["mentor"])

    assert {p.last_name for p in visible} == {"Mentor", "Reservist"}


def test_visible_people_of_reservist_add_own_mentor(cast, mentorship):
    visible = permissions.visible_people(cast["reservist"])

    assert {p.last_name for p in visible} == {"Mentor", "Reservist"}


def test_get_person_of_own_reservist_is_read_only_for_mentor(cast, mentorship):
    pk = _pk("Reservist")

    assert permissions.get_person(cast["mentor"], pk).last_name == "Reservist"
    with pytest.raises(PermissionDenied):
        permissions.get_person(cast["mentor"], pk, write=True)


@pytest.mark.parametrize("status", ["pending", "ended"])
@pytest.mark.parametrize(
    ("role", "other"), [("mentor", "Reservist"), ("reservist", "Mentor")]
)
def test_visible_people_leave_out_the_other_side_of_an_inactive_mentorship(
    cast, mentor, reservist, status, role, other
):
    """A draft order's line gives no scope yet, and an ended mentorship none any
    more: only an active mentorship opens the other person's card."""
    from mentorships.tests.factories import MentorshipFactory

    MentorshipFactory(
        mentor=mentor.person, reserve_entry__person=reservist.person, status=status
    )

    visible = {p.last_name for p in permissions.visible_people(cast[role])}

    assert other not in visible
    with pytest.raises(Http404):
        permissions.get_person(cast[role], _pk(other))


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
        ("stranger", False),
        ("anonymous", False),
    ],
)
def test_only_the_coordinator_of_their_municipality_may_edit_a_person(
    cast, role, allowed
):
    person = cast["reservist"].person

    assert permissions.may_edit_person(cast[role], person) is allowed


def test_access_log_is_for_coordinators_in_their_municipality_only(
    coordinator, stranger, head, mentor, reservist, school, far_school
):
    mine = PersonFactory(organization=school)
    far = PersonFactory(organization=far_school)
    record_people_access(
        people_ids=[mine.pk, far.pk], user=head, channel=PersonViewLog.Channel.LIST
    )

    assert permissions.may_view_access_log(coordinator)
    assert {log.person for log in permissions.visible_view_logs(coordinator)} == {mine}
    assert {log.person for log in permissions.visible_view_logs(stranger)} == {far}
    for other in (head, mentor, reservist):
        assert not permissions.may_view_access_log(other)
        assert not permissions.visible_view_logs(other).exists()


def test_person_data_is_exported_by_the_coordinator_in_scope_only(
    coordinator, stranger, head, school
):
    person = PersonFactory(organization=school)
    assert permissions.may_export_person_data(coordinator, person)
    assert not permissions.may_export_person_data(stranger, person)
    assert not permissions.may_export_person_data(head, person)
