"""Who sees and ends mentorships, who views the mentors and one's own pages, who
confirms readiness: those functions of mentorships.permissions for every role, in
and out of scope (orders and templates: test_permissions_orders.py).

The cast (root conftest): in «Town», the coordinator, the head of «School» and the
mentor and reservist working there, and the commission member in «Other school»;
the stranger coordinates «Elsewhere». Added (conftest.py): the head of «Other
school» and a user with neither a role nor a person; and anonymous visitors."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from mentorships import permissions
from mentorships.models import MentorOrder, Mentorship
from mentorships.tests.factories import MentorshipFactory
from mentorships.tests.permission_helpers import answer, by_role
from people.tests.factories import PersonFactory
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db


# ------------------------------------------------------- visible_mentorships


@by_role(
    {
        "coordinator": {"own", "other"},
        "stranger": {"far"},
        "head": {"own"},
        "other_head": {"other"},
        "mentor": {"own"},
        "reservist": {"own"},
        "commission": set(),
        "nobody": set(),
        "superuser": {"own", "other", "far"},
        "anonymous": set(),
    }
)
def test_visible_mentorships_are_the_scope_of_each_role(user, expected, mentorships):
    visible = set(permissions.visible_mentorships(user))

    assert visible == {mentorships[name] for name in expected}


@by_role(
    {
        "coordinator": set(),
        "stranger": set(),
        "head": set(),
        "other_head": set(),
        "mentor": set(),
        "reservist": {"own"},
        "commission": set(),
        "nobody": set(),
        "superuser": set(),
        "anonymous": set(),
    }
)
def test_visible_mentorships_as_reservist_are_only_ones_own(
    user, expected, mentorships
):
    visible = set(permissions.visible_mentorships_as_reservist(user))

    assert visible == {mentorships[name] for name in expected}


@by_role(
    {
        "coordinator": set(),
        "stranger": set(),
        "head": set(),
        "other_head": set(),
        "mentor": {"own"},
        "reservist": set(),
        "commission": set(),
        "nobody": set(),
        "superuser": set(),
        "anonymous": set(),
    }
)
def test_visible_mentorships_as_mentor_are_only_ones_own(user, expected, mentorships):
    visible = set(permissions.visible_mentorships_as_mentor(user))

    assert visible == {mentorships[name] for name in expected}


# ------------------------------------------------------------ get_mentorship


@by_role(
    {  # reading own, other, far
        "coordinator": [200, 200, 404],
        "stranger": [404, 404, 200],
        "head": [200, 404, 404],
        "other_head": [404, 200, 404],
        "mentor": [200, 404, 404],
        "reservist": [200, 404, 404],
        "commission": [404, 404, 404],
        "nobody": [404, 404, 404],
        "superuser": [200, 200, 200],
        "anonymous": [404, 404, 404],
    }
)
def test_get_mentorship_reads_in_scope_and_404s_the_rest(user, expected, mentorships):
    answers = [
        answer(permissions.get_mentorship, user, m) for m in mentorships.values()
    ]

    assert answers == expected


@by_role(
    {  # writing (ending) own, other, far
        "coordinator": [403, 403, 404],
        "stranger": [404, 404, 403],
        "head": [200, 404, 404],
        "other_head": [404, 200, 404],
        "mentor": [403, 404, 404],
        "reservist": [403, 404, 404],
        "commission": [404, 404, 404],
        "nobody": [404, 404, 404],
        "superuser": [200, 200, 200],
        "anonymous": [404, 404, 404],
    }
)
def test_get_mentorship_to_write_is_the_heads(user, expected, mentorships):
    answers = [
        answer(permissions.get_mentorship, user, m, write=True)
        for m in mentorships.values()
    ]

    assert answers == expected


@pytest.mark.parametrize("pk", [10**6, "abc"])
def test_get_mentorship_404s_a_missing_or_malformed_pk(superuser, pk):
    with pytest.raises(Http404):
        permissions.get_mentorship(superuser, pk)


# -------------------------------------------------------- may_end_mentorship


@by_role(
    {  # own, other, far
        "coordinator": [False, False, False],
        "stranger": [False, False, False],
        "head": [True, False, False],
        "other_head": [False, True, False],
        "mentor": [False, False, False],
        "reservist": [False, False, False],
        "commission": [False, False, False],
        "nobody": [False, False, False],
        "superuser": [True, True, True],
        "anonymous": [False, False, False],
    }
)
def test_may_end_mentorship_is_the_head_of_the_orders_organisation(
    user, expected, mentorships
):
    answers = [permissions.may_end_mentorship(user, m) for m in mentorships.values()]

    assert answers == expected


# ---------------------------------------------------- the mentor's and the
# reservist's own mentorship in each state: active, pending the order, ended and
# replaced by another mentor


def _cast_mentorship(mentor, reservist, state: str) -> tuple[Mentorship, Any]:
    """The cast's mentor and reservist in the given state, and the mentorship that
    replaced it (None unless replaced)."""
    entry = ReserveEntryFactory(person=reservist.person)
    if state == "pending":
        mentorship = MentorshipFactory.create(
            mentor=mentor.person,
            reserve_entry=entry,
            status=Mentorship.Status.PENDING,
            order__status=MentorOrder.Status.DRAFT,
        )
        return mentorship, None
    if state == "active":
        return MentorshipFactory.create(mentor=mentor.person, reserve_entry=entry), None
    reason = {
        "ended": Mentorship.EndReason.COMPLETED,
        "replaced": Mentorship.EndReason.REPLACED,
    }[state]
    mentorship = MentorshipFactory.create(
        mentor=mentor.person,
        reserve_entry=entry,
        status=Mentorship.Status.ENDED,
        ended_on=date(2027, 1, 10),
        end_reason=reason,
    )
    if state == "ended":
        return mentorship, None
    return mentorship, MentorshipFactory.create(
        reserve_entry=entry, replaces=mentorship
    )


STATES = ["active", "pending", "ended", "replaced"]


@pytest.mark.parametrize("state", STATES)
def test_mentor_reads_their_mentorship_and_its_order_in_every_state(
    mentor, reservist, state
):
    mentorship, _successor = _cast_mentorship(mentor, reservist, state)

    assert set(permissions.visible_mentorships(mentor)) == {mentorship}
    assert set(permissions.visible_orders(mentor)) == {mentorship.order}
    assert permissions.get_mentorship(mentor, mentorship.pk) == mentorship
    assert permissions.get_order(mentor, mentorship.order.pk) == mentorship.order
    assert permissions.may_view_own_mentees(mentor)


@pytest.mark.parametrize("state", STATES)
def test_mentor_changes_neither_mentorship_nor_order_in_any_state(
    mentor, reservist, state
):
    mentorship, _successor = _cast_mentorship(mentor, reservist, state)

    assert not permissions.may_end_mentorship(mentor, mentorship)
    assert not permissions.may_change_order(mentor, mentorship.order)
    with pytest.raises(PermissionDenied):
        permissions.get_mentorship(mentor, mentorship.pk, write=True)
    with pytest.raises(PermissionDenied):
        permissions.get_order(mentor, mentorship.order.pk, write=True)


def test_replaced_mentor_does_not_see_the_successor_or_its_order(mentor, reservist):
    _mentorship, successor = _cast_mentorship(mentor, reservist, "replaced")

    with pytest.raises(Http404):
        permissions.get_mentorship(mentor, successor.pk)
    with pytest.raises(Http404):
        permissions.get_order(mentor, successor.order.pk)


@pytest.mark.parametrize("state", STATES)
def test_reservist_reads_every_mentorship_of_their_own(mentor, reservist, state):
    mentorship, successor = _cast_mentorship(mentor, reservist, state)
    own = {mentorship, successor} - {None}

    assert set(permissions.visible_mentorships_as_reservist(reservist)) == own
    assert set(permissions.visible_mentorships(reservist)) == own
    assert not permissions.may_end_mentorship(reservist, mentorship)
    assert permissions.may_view_own_mentor(reservist)


@pytest.mark.parametrize("state", STATES)
def test_head_may_end_a_mentorship_in_any_state(head, mentor, reservist, state):
    """The right is the head's; whether the state allows it is the service's rule."""
    mentorship, _successor = _cast_mentorship(mentor, reservist, state)

    assert permissions.may_end_mentorship(head, mentorship)
    assert permissions.get_mentorship(head, mentorship.pk, write=True) == mentorship


# ------------------------------------------------------------ own pages


@by_role(
    {
        "coordinator": False,
        "stranger": False,
        "head": False,
        "other_head": False,
        "mentor": True,
        "reservist": False,
        "commission": False,
        "nobody": False,
        "superuser": False,
        "anonymous": False,
    }
)
def test_may_view_own_mentees_is_the_mentors(user, expected):
    assert permissions.may_view_own_mentees(user) is expected


@by_role(
    {
        "coordinator": False,
        "stranger": False,
        "head": False,
        "other_head": False,
        "mentor": False,
        "reservist": True,
        "commission": False,
        "nobody": False,
        "superuser": False,
        "anonymous": False,
    }
)
def test_may_view_own_mentor_is_the_reservists(user, expected):
    assert permissions.may_view_own_mentor(user) is expected


@pytest.mark.parametrize("role", [Role.MENTOR, Role.RESERVIST])
def test_own_pages_need_a_linked_person(role):
    user = UserFactory(username="unlinked")
    RoleAssignment.objects.create(user=user, role=role)

    assert not permissions.may_view_own_mentees(user)
    assert not permissions.may_view_own_mentor(user)
    assert not permissions.visible_mentorships_as_reservist(user).exists()


# ----------------------------------------------------------------- mentors


@by_role(
    {
        "coordinator": True,
        "stranger": True,
        "head": True,
        "other_head": True,
        "mentor": False,
        "reservist": False,
        "commission": False,
        "nobody": False,
        "superuser": True,
        "anonymous": False,
    }
)
def test_may_view_mentors_is_the_coordinators_and_the_heads(user, expected):
    assert permissions.may_view_mentors(user) is expected


# ------------------------------------------------------- may_confirm_readiness


@pytest.fixture
def people(mentor, commission, far_school):
    """The mentor (School), the commission member (Other school), a far person."""
    return [mentor.person, commission.person, PersonFactory(organization=far_school)]


@by_role(
    {  # the mentor, the commission member, the far person
        "coordinator": [True, True, False],
        "stranger": [False, False, True],
        "head": [True, False, False],
        "other_head": [False, True, False],
        "mentor": [True, False, False],
        "reservist": [False, False, False],
        "commission": [False, True, False],
        "nobody": [False, False, False],
        "superuser": [True, True, True],
        "anonymous": [False, False, False],
    }
)
def test_may_confirm_readiness_is_self_head_or_coordinator(user, expected, people):
    answers = [permissions.may_confirm_readiness(user, p) for p in people]

    assert answers == expected
