"""Who may complete a plan, and what each role may do with a plan in each status
(plan_actions, the controls of the plan page)."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Role, RoleAssignment, User
from accounts.tests.factories import UserFactory
from mentorships.services import end_mentorship
from mentorships.tests.factories import EligibleMentorFactory
from organizations.models import Municipality
from plans import permissions
from plans.models import IndividualPlan
from plans.tests.factories import make_mentorship
from reserve.services import appoint_reservist, exclude_reservist

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

ON = date(2027, 1, 10)
Status = IndividualPlan.Status

# status of the plan: (status, has_unapproved_changes)
STATUSES = {
    "draft": (Status.DRAFT, False),
    "submitted": (Status.SUBMITTED, False),
    "approved": (Status.APPROVED, False),
    "changed": (Status.APPROVED, True),  # approved, with changes to re-approve
    "completed": (Status.COMPLETED, False),
}


def _head_approves(plan) -> None:
    municipality = plan.reserve_entry.person.organization.municipality
    Municipality.objects.filter(pk=municipality.pk).update(
        plan_approver=Municipality.PlanApprover.HEAD
    )


def _end(plan) -> None:
    end_mentorship(
        mentorship=plan.reserve_entry.mentorships.get(),
        ended_on=ON,
        reason="completed",
    )


def _replace(plan) -> None:
    """An order gives the reservist a new mentor, who takes over the plan."""
    new_user = UserFactory.create(username="new_mentor")
    new_person = EligibleMentorFactory.create(
        organization=plan.reserve_entry.person.organization, user=new_user
    )
    RoleAssignment.objects.create(user=new_user, role=Role.MENTOR)
    make_mentorship(entry=plan.reserve_entry, mentor=new_person, starts_on=ON)


def _appoint(plan) -> None:
    appoint_reservist(
        entry=plan.reserve_entry, position_name="Директор школы", appointed_on=ON
    )


def _exclude(plan) -> None:
    exclude_reservist(entry=plan.reserve_entry, excluded_on=ON, reason="Уволился")


def _as_status(plan, name: str) -> IndividualPlan:
    """The plan put in the named status, loaded as get_plan loads it (by «root»,
    the `superuser` fixture, who sees it whoever asks)."""
    status, changed = STATUSES[name]
    IndividualPlan.objects.filter(pk=plan.pk).update(
        status=status, has_unapproved_changes=changed
    )
    return permissions.get_plan(User.objects.get(username="root"), plan.pk)


def _who(request, role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "new_mentor":
        return User.objects.get(username="new_mentor")
    return request.getfixturevalue(role)


# Who takes part, after what happened: (role, event, what they are to the plan).
# «mentor» drafts, submits, confirms; «reservist» drafts; «approver» approves.
CASES = [
    ("coordinator", None, "approver"),
    ("coordinator", _head_approves, "nobody"),
    ("head", None, "nobody"),
    ("head", _head_approves, "approver"),
    ("mentor", None, "mentor"),
    ("mentor", _end, "nobody"),
    ("mentor", _replace, "nobody"),
    ("new_mentor", _replace, "mentor"),
    ("mentor", _appoint, "nobody"),
    ("mentor", _exclude, "nobody"),
    ("reservist", None, "reservist"),
    ("reservist", _end, "reservist"),
    ("reservist", _appoint, "nobody"),
    ("reservist", _exclude, "nobody"),
    ("commission", None, "nobody"),
    ("stranger", None, "nobody"),
    ("superuser", None, "approver"),
    ("superuser", _head_approves, "approver"),
    ("anonymous", None, "nobody"),
]


def _case_id(case) -> str:
    role, event, _part = case
    return f"{role}-{event.__name__.strip('_') if event else 'now'}"


@pytest.fixture(params=CASES, ids=_case_id)
def case(request, plan, superuser):
    """(user, their part, the plan) after the case's event."""
    role, event, part = request.param
    if event:
        event(plan)
    return _who(request, role), part, plan


# may_complete_plan -----------------------------------------------------------------

COMPLETES = {"mentor", "approver"}


def test_may_complete_plan_is_for_the_active_mentor_and_the_approver(case):
    user, part, plan = case

    for status in STATUSES:  # the status is complete_plan's rule, not the right's
        loaded = _as_status(plan, status)
        assert permissions.may_complete_plan(user, loaded) is (part in COMPLETES)


def test_may_complete_plan_of_a_plan_loaded_otherwise(mentor, coordinator, plan):
    plan = IndividualPlan.objects.get(pk=plan.pk)

    assert permissions.may_complete_plan(mentor, plan)
    assert permissions.may_complete_plan(coordinator, plan)


# plan_actions ----------------------------------------------------------------------

# What each part may do with the plan, by the plan's status.
ACTIONS = {
    "draft": {
        "mentor": {"edit", "restructure", "submit", "comment"},
        "reservist": {"edit", "restructure", "comment"},
        "approver": {"comment"},
    },
    "submitted": {
        "mentor": {"comment"},
        "reservist": {"comment"},
        "approver": {"approve", "return_", "comment"},
    },
    "approved": {
        "mentor": {"edit", "restructure", "complete", "mark", "confirm", "comment"},
        "reservist": {"edit", "mark", "comment"},
        "approver": {"complete", "comment"},
    },
    "changed": {
        "mentor": {"edit", "restructure", "mark", "confirm", "comment"},
        "reservist": {"edit", "mark", "comment"},
        "approver": {"approve", "comment"},
    },
    "completed": {
        "mentor": {"comment"},
        "reservist": {"comment"},
        "approver": {"comment"},
    },
}


def _allowed(actions: permissions.PlanActions) -> set[str]:
    return {name for name, allowed in vars(actions).items() if allowed}


def test_plan_actions_by_part_and_status(case):
    user, part, plan = case

    answers = {
        status: _allowed(permissions.plan_actions(user, _as_status(plan, status)))
        for status in STATUSES
    }

    assert answers == {status: ACTIONS[status].get(part, set()) for status in STATUSES}


@pytest.mark.usefixtures("superuser")
def test_plan_actions_values_are_every_answer(mentor, plan):
    actions = permissions.plan_actions(mentor, _as_status(plan, "draft"))

    assert actions.values() == (
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
        True,
    )
    assert any(actions.values())


def test_plan_actions_cost_no_query_after_get_plan(
    mentor, plan, django_assert_num_queries
):
    loaded = permissions.get_plan(mentor, plan.pk)
    with django_assert_num_queries(0):
        permissions.plan_actions(mentor, loaded)
