"""The approval cycle of a plan, and revisions after approval."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.conflicts import StaleVersionError
from plans import services
from plans.models import IndividualPlan, PlanItem, Revision
from plans.services import ItemData
from plans.tests.factories import PlanItemFactory
from plans.tests.service_helpers import approved as _approved
from plans.tests.service_helpers import fresh as _fresh
from plans.tests.service_helpers import submitted as _submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


# submit / approve / return / complete ----------------------------------------------


def test_submit_plan_sends_a_draft_with_rows_for_approval(plan, today):
    PlanItemFactory(plan=plan)

    services.submit_plan(plan=plan, expected_version=1)

    plan = _fresh(plan)
    assert plan.status == IndividualPlan.Status.SUBMITTED
    assert plan.submitted_at.date() == today
    assert plan.version == 2


def test_submit_plan_refuses_an_empty_plan(plan):
    with pytest.raises(ValidationError):
        services.submit_plan(plan=plan, expected_version=1)

    assert _fresh(plan).status == IndividualPlan.Status.DRAFT
    assert _fresh(plan).version == 1


def test_submit_plan_refuses_a_plan_that_is_not_a_draft(plan):
    _submitted(plan)

    with pytest.raises(ValidationError):
        services.submit_plan(plan=plan, expected_version=plan.version)

    assert _fresh(plan).version == 2


def test_submit_plan_refuses_a_stale_version(plan):
    PlanItemFactory(plan=plan)
    IndividualPlan.objects.filter(pk=plan.pk).update(version=2)

    with pytest.raises(StaleVersionError) as e:
        services.submit_plan(plan=_fresh(plan), expected_version=1)

    assert e.value.code == "stale"
    assert _fresh(plan).status == IndividualPlan.Status.DRAFT


def test_a_stale_submit_of_an_already_submitted_plan_is_a_conflict(plan):
    stale_copy = _fresh(plan)
    _submitted(plan)

    with pytest.raises(StaleVersionError):
        services.submit_plan(plan=_fresh(plan), expected_version=stale_copy.version)


def test_submit_plan_without_an_expected_version_checks_nothing(plan):
    """Services called by tasks or the demo pass no version and win."""
    PlanItemFactory(plan=plan)
    stale = _fresh(plan)
    IndividualPlan.objects.filter(pk=plan.pk).update(version=5)

    services.submit_plan(plan=stale)

    assert _fresh(plan).version == 6


def test_approve_plan_approves_a_submitted_plan(plan, coordinator, today):
    _submitted(plan)
    services.return_plan(plan=plan, remarks="Добавьте стажировку")
    _submitted(plan)

    services.approve_plan(plan=plan, by=coordinator, expected_version=plan.version)

    plan = _fresh(plan)
    assert plan.status == IndividualPlan.Status.APPROVED
    assert plan.approved_by == coordinator
    assert plan.approved_at.date() == today
    assert plan.remarks == ""
    assert not plan.has_unapproved_changes


@pytest.mark.parametrize("status", ["draft", "completed"])
def test_approve_plan_refuses_a_plan_that_is_not_submitted(plan, coordinator, status):
    IndividualPlan.objects.filter(pk=plan.pk).update(status=status)

    with pytest.raises(ValidationError):
        services.approve_plan(plan=_fresh(plan), by=coordinator, expected_version=1)

    assert _fresh(plan).status == status
    assert _fresh(plan).approved_by is None


def test_approve_plan_refuses_an_approved_plan_without_changes(plan, coordinator):
    _approved(plan, coordinator)

    with pytest.raises(ValidationError):
        services.approve_plan(plan=plan, by=coordinator, expected_version=plan.version)


def test_approve_plan_refuses_a_stale_version(plan, coordinator):
    _submitted(plan)

    with pytest.raises(StaleVersionError):
        services.approve_plan(plan=plan, by=coordinator, expected_version=1)

    assert _fresh(plan).status == IndividualPlan.Status.SUBMITTED


def test_two_approvers_at_once_the_second_gets_a_conflict(plan, coordinator):
    """Both loaded the submitted plan; the row changed before the second wrote."""
    _submitted(plan)
    first, second = _fresh(plan), _fresh(plan)
    services.return_plan(plan=first, remarks="Доработать", expected_version=2)

    with pytest.raises(StaleVersionError):
        services.approve_plan(plan=second, by=coordinator, expected_version=2)

    plan = _fresh(plan)
    assert plan.status == IndividualPlan.Status.DRAFT
    assert plan.approved_by is None


def test_return_plan_sends_it_back_to_the_draft_with_remarks(plan):
    _submitted(plan)

    services.return_plan(
        plan=plan, remarks="  Уточните сроки  ", expected_version=plan.version
    )

    plan = _fresh(plan)
    assert plan.status == IndividualPlan.Status.DRAFT
    assert plan.remarks == "Уточните сроки"
    assert plan.version == 3


def test_return_plan_refuses_empty_remarks(plan):
    _submitted(plan)

    with pytest.raises(ValidationError) as e:
        services.return_plan(plan=plan, remarks="  ", expected_version=plan.version)

    assert "remarks" in e.value.message_dict
    assert _fresh(plan).status == IndividualPlan.Status.SUBMITTED


def test_return_plan_refuses_a_draft(plan):
    with pytest.raises(ValidationError):
        services.return_plan(plan=plan, remarks="Нет", expected_version=1)

    assert _fresh(plan).remarks == ""


def test_return_plan_refuses_a_stale_version(plan):
    _submitted(plan)

    with pytest.raises(StaleVersionError):
        services.return_plan(plan=plan, remarks="Нет", expected_version=1)

    assert _fresh(plan).status == IndividualPlan.Status.SUBMITTED


def test_a_returned_plan_can_be_edited_and_submitted_again(plan, mentor):
    _submitted(plan)
    services.return_plan(plan=plan, remarks="Добавьте пункт")

    services.add_item(
        plan=plan,
        by=mentor,
        data=ItemData(
            section=plan.form_version.sections.first(),
            activity="Новый пункт",
            deadline=date(2027, 3, 1),
        ),
    )
    services.submit_plan(plan=plan, expected_version=plan.version)

    assert _fresh(plan).status == IndividualPlan.Status.SUBMITTED
    assert not Revision.objects.exists()


def test_complete_plan_closes_an_approved_plan_with_closed_rows(plan, coordinator):
    PlanItemFactory(plan=plan)
    _approved(plan, coordinator)
    for item in plan.items.all():
        services.mark_item(
            item=item,
            status=PlanItem.Status.DONE,
            done_on=date(2026, 12, 1),
            evidence_text="Сделано",
        )
    PlanItemFactory(plan=plan, status=PlanItem.Status.CANCELLED)

    services.complete_plan(plan=plan, expected_version=plan.version)

    assert _fresh(plan).status == IndividualPlan.Status.COMPLETED


def test_complete_plan_refuses_open_rows(plan, coordinator):
    _approved(plan, coordinator)

    with pytest.raises(ValidationError):
        services.complete_plan(plan=plan, expected_version=plan.version)

    assert _fresh(plan).status == IndividualPlan.Status.APPROVED


def test_complete_plan_refuses_pending_changes(plan, coordinator):
    _approved(plan, coordinator)
    item = plan.items.get()
    services.mark_item(item=item, status=PlanItem.Status.NOT_DONE, not_done_reason="Н")
    IndividualPlan.objects.filter(pk=plan.pk).update(has_unapproved_changes=True)

    with pytest.raises(ValidationError):
        services.complete_plan(plan=_fresh(plan), expected_version=plan.version)

    assert _fresh(plan).status == IndividualPlan.Status.APPROVED


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_complete_plan_refuses_a_plan_not_approved(plan, status):
    IndividualPlan.objects.filter(pk=plan.pk).update(status=status)

    with pytest.raises(ValidationError):
        services.complete_plan(plan=_fresh(plan))

    assert _fresh(plan).status == status


def test_complete_plan_refuses_a_stale_version(plan, coordinator):
    _approved(plan, coordinator)
    item = plan.items.get()
    services.mark_item(item=item, status=PlanItem.Status.NOT_DONE, not_done_reason="Н")

    with pytest.raises(StaleVersionError):
        services.complete_plan(plan=plan, expected_version=1)

    assert _fresh(plan).status == IndividualPlan.Status.APPROVED


# Revisions after approval ----------------------------------------------------------


def _add(plan, by, **kwargs):
    data = {
        "section": plan.form_version.sections.first(),
        "activity": "Участие в педсовете",
        "deadline": date(2027, 3, 31),
    }
    return services.add_item(plan=plan, by=by, data=ItemData(**{**data, **kwargs}))


def test_adding_an_item_to_an_approved_plan_is_a_flagged_revision(
    plan, coordinator, mentor, today
):
    _approved(plan, coordinator)
    version = plan.version

    _add(plan, mentor)

    plan = _fresh(plan)
    assert plan.has_unapproved_changes
    assert plan.status == IndividualPlan.Status.APPROVED
    assert plan.version == version + 1
    revision = plan.revisions.get()
    assert revision.author == mentor
    assert revision.created_at.date() == today
    assert revision.approved_at is None
    assert "Участие в педсовете" in revision.description
    assert "31.03.2027" in revision.description


def test_each_change_after_approval_is_its_own_revision(plan, coordinator, mentor):
    _approved(plan, coordinator)
    item = plan.items.get()

    _add(plan, mentor)
    services.update_item(
        item=item,
        by=mentor,
        expected_version=item.version,
        deadline=date(2027, 4, 1),
        activity="Changed",
    )

    revisions = list(_fresh(plan).revisions.order_by("pk"))
    assert len(revisions) == 2
    assert "01.04.2027" in revisions[1].description
    assert "Changed" in revisions[1].description


def test_re_approval_clears_the_flag_and_approves_the_revisions(
    plan, coordinator, mentor, today
):
    _approved(plan, coordinator)
    _add(plan, mentor)
    _add(plan, mentor, activity="Второй")
    plan = _fresh(plan)

    services.approve_plan(plan=plan, by=coordinator, expected_version=plan.version)

    plan = _fresh(plan)
    assert not plan.has_unapproved_changes
    assert plan.status == IndividualPlan.Status.APPROVED
    assert plan.approved_by == coordinator
    assert all(r.approved_at.date() == today for r in plan.revisions.all())


def test_re_approval_by_someone_who_has_not_seen_the_last_change_is_stale(
    plan, coordinator, mentor
):
    _approved(plan, coordinator)
    _add(plan, mentor)
    seen = _fresh(plan).version
    _add(plan, mentor, activity="Unseen")

    with pytest.raises(StaleVersionError):
        services.approve_plan(plan=_fresh(plan), by=coordinator, expected_version=seen)

    plan = _fresh(plan)
    assert plan.has_unapproved_changes
    assert not plan.revisions.filter(approved_at__isnull=False).exists()


def test_revisions_after_re_approval_start_a_new_round(plan, coordinator, mentor):
    _approved(plan, coordinator)
    _add(plan, mentor)
    services.approve_plan(plan=_fresh(plan), by=coordinator)

    _add(plan, mentor, activity="Later")

    plan = _fresh(plan)
    assert plan.has_unapproved_changes
    assert plan.revisions.filter(approved_at__isnull=True).count() == 1
    assert plan.revisions.filter(approved_at__isnull=False).count() == 1
