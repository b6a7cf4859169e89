"""What the services read afresh under a lock (the plan's and the form version's
status), plans of reservists who left the reserve, and the plan period's range."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from plans import services
from plans.models import IndividualPlan, PlanFormVersion, PlanItem, Revision
from plans.services import ItemData
from plans.tests.factories import PlanFormVersionFactory, PlanItemFactory
from reserve.services import appoint_reservist, exclude_reservist

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"


def _data(plan, **kwargs):
    data = {
        "section": plan.form_version.sections.first(),
        "activity": "Изучение устава школы",
        "deadline": date(2026, 10, 15),
    }
    return ItemData(**{**data, **kwargs})


def _stale_draft(plan):
    """The plan as a page loaded it while it was a draft, approved since."""
    stale = IndividualPlan.objects.get(pk=plan.pk)
    stale.status = IndividualPlan.Status.DRAFT
    return stale


# Stale status ------------------------------------------------------------------------


def test_add_item_to_a_plan_approved_meanwhile_records_a_revision(approved, mentor):
    services.add_item(plan=_stale_draft(approved), by=mentor, data=_data(approved))

    assert Revision.objects.filter(plan=approved).count() == 1
    assert IndividualPlan.objects.get(pk=approved.pk).has_unapproved_changes


def test_update_item_of_a_plan_approved_meanwhile_records_a_revision(approved, mentor):
    item = approved.items.get()
    item.plan = _stale_draft(approved)

    services.update_item(
        item=item, by=mentor, expected_version=item.version, activity="Changed"
    )

    assert Revision.objects.filter(plan=approved).count() == 1


def test_remove_item_of_a_plan_approved_meanwhile_cancels_it(approved, mentor):
    item = approved.items.get()
    item.plan = _stale_draft(approved)

    services.remove_item(item=item, by=mentor, expected_version=item.version)

    assert PlanItem.objects.get(pk=item.pk).status == PlanItem.Status.CANCELLED
    assert Revision.objects.filter(plan=approved).count() == 1


def test_set_deadlines_of_a_plan_approved_meanwhile_records_a_revision(
    approved, mentor
):
    item = approved.items.get()

    services.set_deadlines(
        plan=_stale_draft(approved),
        by=mentor,
        item_ids=[item.pk],
        deadline=date(2026, 11, 1),
    )

    assert Revision.objects.filter(plan=approved).count() == 1


def test_reorder_items_of_a_plan_submitted_meanwhile_is_refused(plan, mentor):
    item = PlanItemFactory(plan=plan)
    services.submit_plan(plan=IndividualPlan.objects.get(pk=plan.pk))

    with pytest.raises(ValidationError, match="на утверждении"):
        services.reorder_items(plan=plan, by=mentor, item_ids=[item.pk])


def test_approve_form_version_approved_meanwhile_is_refused():
    version = PlanFormVersionFactory(status=PlanFormVersion.Status.DRAFT)
    PlanFormVersion.objects.filter(pk=version.pk).update(
        status=PlanFormVersion.Status.APPROVED
    )

    with pytest.raises(ValidationError, match="Утверждённую версию"):
        services.approve_form_version(
            version=version,
            approval_document="приказ",
            approval_number="1",
            approval_date=date(2027, 1, 10),
        )


def test_add_suggested_item_to_a_version_approved_meanwhile_is_refused():
    version = PlanFormVersionFactory(status=PlanFormVersion.Status.DRAFT)
    section = version.sections.first()
    PlanFormVersion.objects.filter(pk=version.pk).update(
        status=PlanFormVersion.Status.APPROVED
    )

    with pytest.raises(ValidationError, match="Утверждённую версию"):
        services.add_suggested_item(section=section, activity="Late")


# A reservist who left the reserve ----------------------------------------------------


def _appoint(plan) -> None:
    appoint_reservist(
        entry=plan.reserve_entry,
        position_name="Директор школы",
        appointed_on=date(2027, 1, 10),
    )


def _exclude(plan) -> None:
    exclude_reservist(
        entry=plan.reserve_entry, excluded_on=date(2027, 1, 10), reason="Уволился"
    )


LEFT = "выбыл из резерва"


@pytest.mark.parametrize("leave", [_appoint, _exclude])
def test_no_row_changes_on_the_plan_of_a_reservist_who_left(plan, mentor, leave):
    item = PlanItemFactory(plan=plan)
    leave(plan)

    with pytest.raises(ValidationError, match=LEFT):
        services.add_item(plan=plan, by=mentor, data=_data(plan))
    with pytest.raises(ValidationError, match=LEFT):
        services.update_item(
            item=item, by=mentor, expected_version=item.version, activity="X"
        )
    with pytest.raises(ValidationError, match=LEFT):
        services.remove_item(item=item, by=mentor, expected_version=item.version)
    with pytest.raises(ValidationError, match=LEFT):
        services.submit_plan(plan=plan)
    assert PlanItem.objects.filter(plan=plan).count() == 1


@pytest.mark.parametrize("leave", [_appoint, _exclude])
def test_no_progress_on_the_plan_of_a_reservist_who_left(approved, mentor, leave):
    item = approved.items.get()
    leave(approved)

    with pytest.raises(ValidationError, match=LEFT):
        services.mark_item(item=item, status=PlanItem.Status.IN_PROGRESS)
    with pytest.raises(ValidationError, match=LEFT):
        services.confirm_item(item=item, by=mentor)
    with pytest.raises(ValidationError, match=LEFT):
        services.add_evidence(
            item=item,
            file=SimpleUploadedFile("a.pdf", PDF, "application/pdf"),
            by=mentor,
        )
    assert PlanItem.objects.get(pk=item.pk).status == PlanItem.Status.PLANNED


# Dates -------------------------------------------------------------------------------


def test_add_months_past_the_calendar_raises_validation_error():
    with pytest.raises(ValidationError):
        services.add_months(date(9999, 6, 1), 12)


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (date(1999, 12, 31), date(2000, 6, 1), "period_start"),
        (date(2100, 6, 1), date(2101, 1, 1), "period_end"),
        (date(9999, 1, 1), date(9999, 12, 31), "period_start"),
        (date(2026, 9, 1), date(2031, 9, 2), "period_end"),
    ],
)
def test_create_plan_refuses_a_period_out_of_range(plan, start, end, field):
    with pytest.raises(ValidationError) as error:
        services.create_plan(
            entry=plan.reserve_entry,
            period_start=start,
            period_end=end,
            from_suggestions=True,
        )

    assert field in error.value.message_dict


def test_create_plan_accepts_five_years(plan):
    created = services.create_plan(
        entry=plan.reserve_entry,
        period_start=date(2027, 9, 1),
        period_end=date(2032, 9, 1),
        from_suggestions=True,
    )

    assert created.items.exists()
