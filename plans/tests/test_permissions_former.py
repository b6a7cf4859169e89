"""Rights on a plan after its mentorship ended, the mentor was replaced or the
reservist left the reserve: the former participants only read."""

from datetime import date

import pytest
from django.http import Http404

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from mentorships.services import end_mentorship
from mentorships.tests.factories import EligibleMentorFactory
from plans import permissions
from plans.tests.factories import IndividualPlanFactory, make_mentorship
from reserve.services import appoint_reservist, exclude_reservist

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

ON = date(2027, 1, 10)


def _reloaded(user, plan):
    """The plan as a view gets it, with a fresh principal."""
    if hasattr(user, "_principal"):
        del user._principal
    return permissions.get_plan(user, plan.pk)


def _rights(user, plan) -> dict[str, bool]:
    return {
        "edit": permissions.may_edit(user, plan),
        "submit": permissions.may_submit(user, plan),
        "confirm": permissions.may_confirm(user, plan),
        "comment": permissions.may_comment(user, plan),
        "mentor": permissions.is_mentor_of(user, plan),
    }


NONE = dict.fromkeys(["edit", "submit", "confirm", "comment", "mentor"], False)


def _end(plan) -> None:
    end_mentorship(
        mentorship=plan.reserve_entry.mentorships.get(),
        ended_on=ON,
        reason="completed",
    )


def _appoint(plan) -> None:
    appoint_reservist(
        entry=plan.reserve_entry, position_name="Директор школы", appointed_on=ON
    )


def _exclude(plan) -> None:
    exclude_reservist(entry=plan.reserve_entry, excluded_on=ON, reason="Уволился")


def test_the_active_mentor_has_every_right(mentor, plan):
    rights = _rights(mentor, _reloaded(mentor, plan))

    assert rights == dict.fromkeys(NONE, True)


@pytest.mark.parametrize("leave", [_end, _appoint, _exclude])
def test_a_former_mentor_reads_the_plan_but_may_not_change_it(mentor, plan, leave):
    leave(plan)

    loaded = _reloaded(mentor, plan)  # still visible: a record of their work
    assert _rights(mentor, loaded) == NONE


@pytest.mark.parametrize("leave", [_appoint, _exclude])
def test_a_reservist_who_left_the_reserve_only_reads_their_plan(reservist, plan, leave):
    leave(plan)

    loaded = _reloaded(reservist, plan)
    assert not permissions.may_edit(reservist, loaded)
    assert not permissions.may_comment(reservist, loaded)
    assert not permissions.may_create_plan(reservist, loaded.reserve_entry)


def test_the_reservist_keeps_editing_after_the_mentorship_ended(reservist, plan):
    _end(plan)

    assert permissions.may_edit(reservist, _reloaded(reservist, plan))


def test_a_replaced_mentor_loses_the_plan_and_the_new_one_gets_it(mentor, plan, school):
    new_user = UserFactory(username="new_mentor")
    new_person = EligibleMentorFactory(organization=school, user=new_user)
    RoleAssignment.objects.create(user=new_user, role=Role.MENTOR)
    make_mentorship(entry=plan.reserve_entry, mentor=new_person, starts_on=ON)

    plan.refresh_from_db()
    assert plan.mentor_id == new_person.pk  # reassign_plans handed it over
    assert _rights(new_user, _reloaded(new_user, plan)) == dict.fromkeys(NONE, True)
    with pytest.raises(Http404):
        _reloaded(mentor, plan)
    assert _rights(mentor, plan) == NONE


def test_rights_on_a_plan_loaded_otherwise_cost_one_query(
    mentor, plan, django_assert_num_queries
):
    permissions.visible_plans(mentor)  # the principal, loaded once per request
    plan.reserve_entry  # noqa: B018 (loaded, as get_plan does)
    with django_assert_num_queries(1):
        assert permissions.is_mentor_of(mentor, plan)


def test_get_plan_answers_the_mentors_rights_without_queries(
    mentor, plan, django_assert_num_queries
):
    loaded = _reloaded(mentor, plan)
    with django_assert_num_queries(0):
        _rights(mentor, loaded)


def test_visible_plans_of_a_former_mentor_keep_their_own_plans_only(mentor, plan):
    _end(plan)
    other = IndividualPlanFactory(organization=plan.reserve_entry.person.organization)

    visible = set(permissions.visible_plans(mentor))
    assert visible == {plan}
    assert other not in visible


def test_may_view_own_plans_is_for_a_person_with_the_reservist_role(
    reservist, mentor, coordinator
):
    assert permissions.may_view_own_plans(reservist)
    assert not permissions.may_view_own_plans(mentor)
    assert not permissions.may_view_own_plans(coordinator)
