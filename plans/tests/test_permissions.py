"""Who sees and changes plans: every role, in and out of scope."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from mentorships.models import Mentorship
from organizations.models import Municipality
from people.tests.factories import PersonFactory
from plans import permissions
from plans.models import IndividualPlan
from plans.tests.factories import IndividualPlanFactory, make_eligible
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "head", "mentor", "reservist", "commission", "stranger"]


def _head_approves(plan):
    municipality = plan.reserve_entry.person.organization.municipality
    Municipality.objects.filter(pk=municipality.pk).update(
        plan_approver=Municipality.PlanApprover.HEAD
    )


def _reloaded(user, plan):
    """The plan as a view gets it, with a fresh principal."""
    if hasattr(user, "_principal"):
        del user._principal
    return permissions.get_plan(user, plan.pk)


# visible_plans / get_plan ----------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", {"plan", "other_plan"}),
        ("head", {"plan"}),
        ("mentor", {"plan"}),
        ("reservist", {"plan"}),
        ("commission", set()),
        ("stranger", {"far_plan"}),
        ("superuser", {"plan", "other_plan", "far_plan"}),
        ("anonymous", set()),
    ],
    indirect=["user"],
)
def test_visible_plans_are_scoped_by_role(user, expected, plans):
    visible = set(permissions.visible_plans(user))

    assert visible == {plans[name] for name in expected}


def test_a_mentor_sees_the_plans_of_each_mentee_only(mentor, plan, school):
    second = IndividualPlanFactory(organization=school, mentor_person=mentor.person)
    IndividualPlanFactory(organization=school)

    assert set(permissions.visible_plans(mentor)) == {plan, second}


def test_a_head_sees_plans_of_the_own_organisation_only(head, plan, other_plan):
    assert list(permissions.visible_plans(head)) == [plan]


def test_visible_plans_lists_each_plan_once(coordinator, plan, mentor):
    """A coordinator who also mentors must not see the plan twice."""
    PersonFactory(user=coordinator, organization=plan.reserve_entry.person.organization)
    plan.mentor = coordinator.person
    plan.save()

    assert list(permissions.visible_plans(coordinator)) == [plan]


@pytest.mark.parametrize(
    ("user", "name"),
    [
        ("coordinator", "far_plan"),
        ("head", "other_plan"),
        ("mentor", "other_plan"),
        ("reservist", "other_plan"),
        ("commission", "plan"),
        ("stranger", "plan"),
        ("anonymous", "plan"),
    ],
    indirect=["user"],
)
def test_get_plan_is_404_out_of_scope(user, name, plans):
    with pytest.raises(Http404):
        permissions.get_plan(user, plans[name].pk)
    with pytest.raises(Http404):
        permissions.get_plan_row(user, plans[name].pk)


def test_get_plan_row_is_the_plan_alone_in_one_query(
    mentor, plan, django_assert_num_queries
):
    permissions.visible_plans(mentor)  # the principal, loaded once per request
    with django_assert_num_queries(1):
        loaded = permissions.get_plan_row(mentor, plan.pk)

    assert loaded == plan
    assert not loaded._state.fields_cache  # no related row was joined


@pytest.mark.parametrize(
    "user",
    [
        "coordinator",
        "head",
        "mentor",
        "reservist",
        "commission",
        "stranger",
        "superuser",
        "anonymous",
    ],
    indirect=True,
)
def test_get_plan_sees_exactly_the_visible_plans(user, plans):
    """get_plan checks the scope on the loaded plan: the same rule as visible_plans."""
    visible = set(permissions.visible_plans(user))
    for plan in plans.values():
        try:
            seen = permissions.get_plan(user, plan.pk) == plan
        except Http404:
            seen = False
        assert seen == (plan in visible), plan


@pytest.mark.parametrize("pk", [999_999, "abc"])
def test_get_plan_is_404_for_a_missing_or_bad_id(coordinator, pk):
    with pytest.raises(Http404):
        permissions.get_plan(coordinator, pk)


def test_get_plan_loads_what_permission_checks_need_in_one_query(
    coordinator, plan, django_assert_num_queries
):
    permissions.visible_plans(coordinator)  # the principal, loaded once per request
    with django_assert_num_queries(1):
        loaded = permissions.get_plan(coordinator, plan.pk)
        permissions.may_edit(coordinator, loaded)
        permissions.may_approve(coordinator, loaded)
        permissions.may_comment(coordinator, loaded)
        str(loaded)


# may_edit / may_submit / may_confirm -----------------------------------------------


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", False),
        ("head", False),
        ("mentor", True),
        ("reservist", True),
        ("commission", False),
        ("stranger", False),
        ("superuser", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_may_edit_is_for_the_mentor_and_the_reservist(user, expected, plan):
    assert permissions.may_edit(user, plan) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [("mentor", True), ("reservist", False), ("coordinator", False), ("head", False)],
    indirect=["user"],
)
def test_may_submit_and_may_confirm_are_for_the_mentor(user, expected, plan):
    assert permissions.may_submit(user, plan) is expected
    assert permissions.may_confirm(user, plan) is expected


def test_another_mentor_may_not_edit(plan, school):
    other = UserFactory()
    make_eligible(PersonFactory(user=other, organization=school))
    RoleAssignment.objects.create(user=other, role=Role.MENTOR)

    assert not permissions.may_edit(other, plan)
    assert not permissions.may_submit(other, plan)
    with pytest.raises(Http404):
        permissions.get_plan(other, plan.pk)


# may_approve / may_comment ---------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
        ("stranger", False),
        ("superuser", True),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_may_approve_is_for_the_coordinator_by_default(user, expected, plan):
    assert permissions.may_approve(user, plan) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", False),
        ("head", True),
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
        ("stranger", False),
        ("superuser", True),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_may_approve_is_for_the_head_when_the_municipality_says_so(
    user, expected, plan
):
    _head_approves(plan)

    assert permissions.may_approve(user, _reloaded(user_or_root(user), plan)) is (
        expected
    )


def user_or_root(user):
    """get_plan needs somebody who sees the plan; a superuser does."""
    if permissions.visible_plans(user).exists():
        return user
    return UserFactory(is_superuser=True)


def test_the_head_of_another_organisation_may_not_approve(other_school, plan):
    _head_approves(plan)
    other_head = UserFactory()
    RoleAssignment.objects.create(
        user=other_head, role=Role.HEAD, organization=other_school
    )

    assert not permissions.may_approve(other_head, plan)
    with pytest.raises(Http404):
        permissions.get_plan(other_head, plan.pk)


def test_a_coordinator_of_another_municipality_may_not_approve(stranger, plan):
    assert not permissions.may_approve(stranger, plan)


# plans_to_approve ------------------------------------------------------------------

EVERY_PLAN = {"plan", "other_plan", "far_plan"}


@pytest.mark.parametrize(
    ("user", "by_coordinator", "by_head"),
    [
        ("coordinator", {"plan", "other_plan"}, set()),
        ("head", set(), {"plan"}),
        ("mentor", set(), set()),
        ("reservist", set(), set()),
        ("commission", set(), set()),
        ("stranger", {"far_plan"}, {"far_plan"}),  # «Elsewhere» keeps its setting
        ("superuser", EVERY_PLAN, EVERY_PLAN),
        ("anonymous", set(), set()),
    ],
    indirect=["user"],
)
def test_plans_to_approve_follow_the_municipalitys_approver(
    user, by_coordinator, by_head, plans
):
    def approved_by_user() -> set[str]:
        found = set(permissions.plans_to_approve(user))
        return {name for name, plan in plans.items() if plan in found}

    assert approved_by_user() == by_coordinator
    _head_approves(plans["plan"])  # in «Town», where plan and other_plan are
    assert approved_by_user() == by_head


@pytest.mark.parametrize("head_approves", [False, True])
@pytest.mark.parametrize("user", [*ROLES, "superuser", "anonymous"], indirect=True)
def test_plans_to_approve_is_may_approve_as_a_query(user, head_approves, plans):
    if head_approves:
        _head_approves(plans["plan"])
    found = set(permissions.plans_to_approve(user))

    for plan in plans.values():
        plan = IndividualPlan.objects.get(pk=plan.pk)
        assert permissions.may_approve(user, plan) is (plan in found)


def test_plans_to_approve_is_one_query(coordinator, plans, django_assert_num_queries):
    permissions.plans_to_approve(coordinator)  # the principal, once per request
    with django_assert_num_queries(1):
        assert len(permissions.plans_to_approve(coordinator)) == 2


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", True),
        ("head", False),
        ("mentor", True),
        ("reservist", True),
        ("commission", False),
        ("stranger", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_may_comment_is_for_mentor_reservist_and_approver(user, expected, plan):
    assert permissions.may_comment(user, plan) is expected


def test_may_comment_follows_the_approver_setting(head, coordinator, plan):
    _head_approves(plan)
    plan = _reloaded(head, plan)

    assert permissions.may_comment(head, plan)
    assert not permissions.may_comment(coordinator, plan)


def test_require_raises_permission_denied_unless_allowed():
    permissions.require(True)
    with pytest.raises(PermissionDenied):
        permissions.require(False)


# may_create_plan -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("mentor", True),
        ("reservist", True),
        ("coordinator", False),
        ("head", False),
        ("commission", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_may_create_plan_is_for_the_reservist_and_the_active_mentor(
    user, expected, plan
):
    assert permissions.may_create_plan(user, plan.reserve_entry) is expected


def test_a_former_mentor_may_not_create_a_plan(mentor, plan):
    Mentorship.objects.update(status=Mentorship.Status.ENDED)

    assert not permissions.may_create_plan(mentor, plan.reserve_entry)


def test_nobody_but_the_person_may_create_a_plan_without_a_mentor(reservist, mentor):
    entry = ReserveEntryFactory(person=reservist.person)

    assert permissions.may_create_plan(reservist, entry)
    assert not permissions.may_create_plan(mentor, entry)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Mentorship.Status.ACTIVE, True),
        (Mentorship.Status.PENDING, False),
        (Mentorship.Status.ENDED, False),
    ],
)
def test_may_create_plan_as_mentor_is_may_create_plan_without_a_query(
    mentor, plan, status, expected, django_assert_num_queries
):
    entry = plan.reserve_entry
    entry.mentorships.update(status=status)
    mentorship = entry.mentorships.get()
    permissions.visible_plans(mentor)  # the principal, loaded once per request

    with django_assert_num_queries(0):
        assert permissions.may_create_plan_as_mentor(mentor, mentorship) is expected
    assert permissions.may_create_plan(mentor, entry) is expected


@pytest.mark.parametrize(
    "user",
    ["reservist", "coordinator", "head", "commission", "superuser", "anonymous"],
    indirect=True,
)
def test_only_the_mentor_creates_a_plan_as_mentor(user, plan):
    mentorship = plan.reserve_entry.mentorships.get()

    assert not permissions.may_create_plan_as_mentor(user, mentorship)
