"""What the list of plans, «My plan» and the control of deadlines offer each
role: the organisation filter, the mentor's reservists to start plans for, the
reservist's own entries and plans, the plans the mentor guides now."""

import pytest

from mentorships.models import Mentorship
from mentorships.services import end_mentorship
from plans import permissions
from plans.tests.factories import IndividualPlanFactory
from reserve.models import ReserveEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", True),
        ("head", True),
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
        ("stranger", True),  # a coordinator elsewhere
        ("superuser", True),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_may_filter_plans_by_organization_is_for_managers(user, expected):
    assert permissions.may_filter_plans_by_organization(user) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", False),
        ("head", False),
        ("mentor", True),
        ("reservist", False),
        ("commission", False),
        ("stranger", False),
        ("superuser", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_mentorships_to_plan_are_the_mentors_active_ones(user, expected, plan):
    mentorship = plan.reserve_entry.mentorships.get()

    assert list(permissions.mentorships_to_plan(user)) == (
        [mentorship] if expected else []
    )


@pytest.mark.parametrize("status", [Mentorship.Status.PENDING, Mentorship.Status.ENDED])
def test_mentorships_to_plan_leave_out_those_not_active(mentor, plan, status):
    plan.reserve_entry.mentorships.update(status=status)

    assert not permissions.mentorships_to_plan(mentor).exists()


def test_mentorships_to_plan_need_the_mentor_role(mentor, plan):
    mentor.roles.all().delete()

    assert not permissions.mentorships_to_plan(mentor).exists()


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", False),
        ("head", False),
        ("mentor", False),
        ("reservist", True),
        ("commission", False),
        ("stranger", False),
        ("superuser", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_own_reserve_entries_are_the_users_own(user, expected, plan):
    entry = plan.reserve_entry

    assert list(permissions.own_reserve_entries(user)) == ([entry] if expected else [])


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", False),
        ("head", False),
        ("mentor", False),
        ("reservist", True),
        ("commission", False),
        ("stranger", False),
        ("superuser", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_own_plans_are_the_reservists_own(user, expected, plan):
    IndividualPlanFactory(organization=plan.reserve_entry.person.organization)

    assert list(permissions.own_plans(user)) == ([plan] if expected else [])


def test_own_plans_stay_after_the_reservist_left_the_reserve(reservist, plan):
    ReserveEntry.objects.update(status=ReserveEntry.Status.EXCLUDED)

    assert list(permissions.own_plans(reservist)) == [plan]


def test_own_reserve_entries_keep_those_that_ended(reservist, plan):
    ReserveEntry.objects.update(status=ReserveEntry.Status.EXCLUDED)

    assert list(permissions.own_reserve_entries(reservist)) == [plan.reserve_entry]
    assert not permissions.own_reserve_entries(reservist).active().exists()


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", False),
        ("head", False),
        ("mentor", True),
        ("reservist", False),
        ("commission", False),
        ("stranger", False),
        ("superuser", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_may_control_deadlines_is_for_a_mentor_with_a_person(user, expected):
    assert permissions.may_control_deadlines(user) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", False),
        ("head", False),
        ("mentor", True),
        ("reservist", False),
        ("commission", False),
        ("stranger", False),
        ("superuser", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_plans_mentored_now_are_the_active_mentors(user, expected, plan):
    IndividualPlanFactory(organization=plan.reserve_entry.person.organization)

    assert list(permissions.plans_mentored_now(user)) == ([plan] if expected else [])


def test_plans_mentored_now_leave_out_an_ended_mentorship(mentor, plan):
    end_mentorship(
        mentorship=plan.reserve_entry.mentorships.get(),
        ended_on=plan.period_start,
        reason="completed",
    )

    assert not permissions.plans_mentored_now(mentor).exists()
    assert list(permissions.visible_plans(mentor)) == [plan]  # still read
