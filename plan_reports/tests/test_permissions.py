"""Who sees the report and who does what with it: every role, in and out of
scope."""

import pytest
from django.http import Http404

from mentorships.models import Mentorship
from plan_reports import permissions
from plan_reports.models import PlanReport
from plan_reports.tests.conftest import agree_both, make_plan
from reserve.models import ReserveEntry

SEEING = ["coordinator", "head", "mentor", "reservist", "superuser"]
BLIND = ["other_mentor", "other_head", "stranger", "commission", "anonymous"]


@pytest.mark.parametrize("user", SEEING, indirect=True)
def test_those_in_scope_see_the_report(user, report):
    assert list(permissions.visible_reports(user)) == [report]
    assert permissions.get_report(user, report.pk) == report


@pytest.mark.parametrize("user", BLIND, indirect=True)
def test_others_get_404(user, report):
    assert not permissions.visible_reports(user).exists()
    with pytest.raises(Http404):
        permissions.get_report(user, report.pk)


def test_a_missing_report_is_404(coordinator):
    with pytest.raises(Http404):
        permissions.get_report(coordinator, 10**6)


@pytest.mark.parametrize(
    ("user", "side"),
    [
        ("reservist", "reservist"),
        ("mentor", "mentor"),
        ("coordinator", None),
        ("head", None),
        ("superuser", None),
    ],
    indirect=["user"],
)
def test_the_side_one_writes(user, side, report):
    assert permissions.side_of(user, report) == side
    assert permissions.may_write(user, report) is (side is not None)


def test_a_mentor_whose_mentorship_ended_only_reads(mentor, report):
    Mentorship.objects.filter(mentor=mentor.person).update(
        status=Mentorship.Status.ENDED
    )
    report = permissions.get_report(mentor, report.pk)
    assert permissions.side_of(mentor, report) is None


def test_nobody_writes_once_the_reservist_left(reservist, mentor, report):
    ReserveEntry.objects.filter(pk=report.plan.reserve_entry_id).update(
        status=ReserveEntry.Status.EXCLUDED
    )
    for user in (reservist, mentor):
        found = permissions.get_report(user, report.pk)
        assert permissions.side_of(user, found) is None


@pytest.mark.parametrize(
    ("user", "allowed"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("stranger", False),
    ],
    indirect=["user"],
)
def test_only_the_coordinator_reviews(user, allowed, report):
    assert permissions.may_review(user, report) is allowed


def test_actions_follow_the_state(report, reservist, mentor, coordinator):
    actions = permissions.report_actions(reservist, report)
    assert actions.may_write and actions.may_agree and not actions.may_submit
    assert not actions.may_review
    agree_both(report)
    actions = permissions.report_actions(mentor, report)
    assert not actions.may_agree and actions.may_submit
    report.status = PlanReport.Status.SUBMITTED
    assert permissions.report_actions(coordinator, report).may_review
    assert not permissions.report_actions(mentor, report).may_write


@pytest.mark.parametrize(
    ("user", "allowed"),
    [
        ("reservist", True),
        ("mentor", True),
        ("coordinator", False),
        ("head", False),
        ("other_mentor", False),
    ],
    indirect=["user"],
)
def test_who_drafts_the_report(user, allowed, plan):
    assert permissions.may_draft_report(user, plan) is allowed


@pytest.mark.parametrize(
    ("user", "allowed"),
    [
        ("coordinator", True),
        ("head", True),
        ("mentor", True),
        ("reservist", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_who_has_the_list(user, allowed):
    assert permissions.may_view_reports(user) is allowed


def test_mentor_sees_the_reports_awaiting_their_agreement(report, mentor):
    assert list(permissions.reports_to_agree(mentor)) == [report]
    agree_both(report)
    assert not permissions.reports_to_agree(mentor).exists()


def test_reservist_sees_the_plans_to_report(reservist, plan):
    assert permissions.own_plans_to_report(reservist) == [plan]


def test_a_draft_plan_is_not_to_report(reservist, school):
    make_plan(reservist.person, status="draft")
    assert permissions.own_plans_to_report(reservist) == []
