import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentorships.tests.factories import MentorshipFactory
from reserve import permissions
from reserve.tests.factories import ReserveEntryFactory


@pytest.fixture
def entries(school, other_school, far_school, reservist):
    """The reservist's own entry, a colleague's in School, one in Other school
    and one in Far school."""
    return {
        "own": ReserveEntryFactory(person=reservist.person),
        "school": ReserveEntryFactory(person__organization=school),
        "other": ReserveEntryFactory(person__organization=other_school),
        "far": ReserveEntryFactory(person__organization=far_school),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", {"own", "school", "other"}),
        ("head", {"own", "school"}),
        ("mentor", set()),
        ("reservist", {"own"}),
        ("commission", set()),
        ("stranger", {"far"}),
        ("superuser", {"own", "school", "other", "far"}),
    ],
)
def test_visible_reserve_entries_are_the_scope_of_each_role(
    request, entries, role, expected
):
    user = request.getfixturevalue(role)

    visible = set(permissions.visible_reserve_entries(user))

    assert visible == {entries[name] for name in expected}


def test_visible_reserve_entries_are_none_for_anonymous(entries):
    assert not permissions.visible_reserve_entries(AnonymousUser()).exists()


def test_mentor_sees_the_entry_of_an_active_mentee_read_only(mentor, entries):
    MentorshipFactory(mentor=mentor.person, reserve_entry=entries["school"])

    assert set(permissions.visible_reserve_entries(mentor)) == {entries["school"]}
    assert permissions.get_reserve_entry(mentor, entries["school"].pk)
    with pytest.raises(PermissionDenied):
        permissions.get_reserve_entry(mentor, entries["school"].pk, write=True)


@pytest.mark.parametrize("status", ["pending", "ended"])
def test_mentor_does_not_see_the_entry_of_an_inactive_mentorship(
    mentor, entries, status
):
    """Named in a draft order (not yet registered) or no longer mentoring: no card."""
    MentorshipFactory(
        mentor=mentor.person, reserve_entry=entries["school"], status=status
    )

    assert not permissions.visible_reserve_entries(mentor).exists()
    with pytest.raises(Http404):
        permissions.get_reserve_entry(mentor, entries["school"].pk)


def test_reservist_keeps_their_own_entry_after_it_ended(reservist, entries):
    entries["own"].status = "excluded"
    entries["own"].save()

    assert permissions.get_reserve_entry(reservist, entries["own"].pk)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", {"own", "school", "other"}),
        ("head", set()),
        ("mentor", set()),
        ("reservist", set()),
        ("commission", set()),
        ("stranger", {"far"}),
        ("superuser", {"own", "school", "other", "far"}),
    ],
)
def test_only_the_coordinator_manages_and_sees_the_history_of_entries(
    request, entries, role, expected
):
    user = request.getfixturevalue(role)

    managed = {k for k, e in entries.items() if permissions.may_manage_entry(user, e)}
    history = {
        k for k, e in entries.items() if permissions.may_view_entry_history(user, e)
    }

    assert managed == expected
    assert history == expected


def test_an_ended_entry_is_managed_by_nobody_but_keeps_its_history(
    coordinator, entries
):
    entry = entries["school"]
    entry.status = entry.Status.EXCLUDED

    assert not permissions.may_manage_entry(coordinator, entry)
    assert permissions.may_view_entry_history(coordinator, entry)
