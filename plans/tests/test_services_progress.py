"""Progress of rows: marks, the mentor's confirmation, the counts."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.conflicts import StaleVersionError
from plans import queries, services
from plans.models import IndividualPlan, PlanItem
from plans.tests.service_helpers import PDF
from plans.tests.service_helpers import done as _done
from plans.tests.service_helpers import fresh as _fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


# mark_item -------------------------------------------------------------------------


def test_mark_item_in_progress(item):
    services.mark_item(item=item, status=PlanItem.Status.IN_PROGRESS)

    assert _fresh(item).status == PlanItem.Status.IN_PROGRESS
    assert _fresh(item).version == 2


def test_mark_item_done_keeps_the_date_and_evidence(item):
    _done(
        item,
        evidence_text="  Конспект  ",
        evidence_link=" https://example.ru/report ",
    )

    item = _fresh(item)
    assert item.status == PlanItem.Status.DONE
    assert item.done_on == date(2026, 11, 20)
    assert item.evidence_text == "Конспект"
    assert item.evidence_link == "https://example.ru/report"
    assert item.version == 2


def test_mark_item_done_with_a_link_only(item):
    _done(item, evidence_text="", evidence_link="https://example.ru/a")

    assert _fresh(item).status == PlanItem.Status.DONE


def test_mark_item_done_with_a_file_only(item, reservist):
    services.add_evidence(
        item=item, file=SimpleUploadedFile("a.pdf", PDF), by=reservist
    )

    _done(item, evidence_text="")

    assert _fresh(item).status == PlanItem.Status.DONE


def test_mark_item_done_today(item, today):
    _done(item, done_on=today)

    assert _fresh(item).done_on == today


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"done_on": None}, "done_on"),
        ({"done_on": date(2027, 1, 16)}, "done_on"),
        ({"evidence_text": "  ", "evidence_link": ""}, "evidence_text"),
        ({"evidence_link": "not a link"}, "evidence_link"),
    ],
)
def test_mark_item_done_refuses_bad_input_and_changes_nothing(item, kwargs, key):
    with pytest.raises(ValidationError) as e:
        _done(item, **kwargs)

    assert key in e.value.message_dict
    assert item.status == PlanItem.Status.PLANNED
    assert item.evidence_link == ""
    fresh = _fresh(item)
    assert fresh.status == PlanItem.Status.PLANNED
    assert fresh.done_on is None
    assert fresh.version == 1


def test_mark_item_not_done_needs_a_reason(item):
    with pytest.raises(ValidationError) as e:
        services.mark_item(item=item, status=PlanItem.Status.NOT_DONE)

    assert "not_done_reason" in e.value.message_dict
    assert _fresh(item).status == PlanItem.Status.PLANNED

    services.mark_item(
        item=item, status=PlanItem.Status.NOT_DONE, not_done_reason=" Болезнь "
    )

    assert _fresh(item).not_done_reason == "Болезнь"
    assert _fresh(item).status == PlanItem.Status.NOT_DONE


@pytest.mark.parametrize("status", ["cancelled", "overdue", ""])
def test_mark_item_refuses_other_statuses(item, status):
    with pytest.raises(ValidationError) as e:
        services.mark_item(item=item, status=status)

    assert "status" in e.value.message_dict
    assert _fresh(item).status == PlanItem.Status.PLANNED


def test_mark_item_back_to_planned_clears_the_result(item, mentor):
    _done(item)
    services.confirm_item(item=item, by=mentor)

    services.mark_item(item=item, status=PlanItem.Status.PLANNED)

    item = _fresh(item)
    assert item.status == PlanItem.Status.PLANNED
    assert item.done_on is None
    assert item.confirmed_by is None
    assert item.confirmed_at is None


def test_marking_again_drops_the_mentors_confirmation(item, mentor):
    _done(item)
    services.confirm_item(item=item, by=mentor)

    _done(item, evidence_text="Исправленный отчёт")

    assert _fresh(item).confirmed_by is None


@pytest.mark.parametrize("status", ["draft", "submitted", "completed"])
def test_mark_item_refuses_a_plan_that_is_not_approved(item, status):
    IndividualPlan.objects.filter(pk=item.plan_id).update(status=status)

    with pytest.raises(ValidationError):
        _done(_fresh(item))

    assert _fresh(item).status == PlanItem.Status.PLANNED


def test_mark_item_refuses_a_cancelled_row(item, mentor):
    services.remove_item(item=item, by=mentor)

    with pytest.raises(ValidationError):
        _done(_fresh(item))

    assert _fresh(item).status == PlanItem.Status.CANCELLED


def test_mark_item_refuses_a_stale_version(item):
    services.mark_item(item=_fresh(item), status=PlanItem.Status.IN_PROGRESS)

    with pytest.raises(StaleVersionError):
        _done(item, expected_version=1)

    assert _fresh(item).status == PlanItem.Status.IN_PROGRESS


def test_mark_item_loses_the_race_to_the_database(item):
    PlanItem.objects.filter(pk=item.pk).update(version=2)

    with pytest.raises(StaleVersionError):
        _done(item, expected_version=1)

    assert _fresh(item).status == PlanItem.Status.PLANNED


def test_marking_progress_is_not_a_revision(item, approved):
    _done(item)

    assert not approved.revisions.exists()
    assert not _fresh(approved).has_unapproved_changes


# confirm_item ----------------------------------------------------------------------


def test_confirm_item_records_who_confirmed_and_when(item, mentor, today):
    _done(item)

    services.confirm_item(item=item, by=mentor, expected_version=item.version)

    item = _fresh(item)
    assert item.confirmed_by == mentor
    assert item.confirmed_at.date() == today
    assert item.version == 3


@pytest.mark.parametrize("status", ["planned", "in_progress"])
def test_confirm_item_refuses_a_row_not_done(item, mentor, status):
    PlanItem.objects.filter(pk=item.pk).update(status=status)

    with pytest.raises(ValidationError):
        services.confirm_item(item=_fresh(item), by=mentor)

    assert _fresh(item).confirmed_by is None


def test_confirm_item_refuses_a_not_done_row(item, mentor):
    services.mark_item(item=item, status="not_done", not_done_reason="Отпуск")

    with pytest.raises(ValidationError):
        services.confirm_item(item=item, by=mentor)


def test_confirm_item_refuses_a_stale_version(item, mentor):
    _done(item)

    with pytest.raises(StaleVersionError):
        services.confirm_item(item=item, by=mentor, expected_version=1)

    assert _fresh(item).confirmed_by is None


def test_confirm_item_refuses_a_completed_plan(item, mentor):
    _done(item)
    services.complete_plan(plan=item.plan)

    with pytest.raises(ValidationError):
        services.confirm_item(item=_fresh(item), by=mentor)

    assert _fresh(item).confirmed_by is None


def test_an_overdue_row_stays_overdue_until_marked(item, today):
    assert queries.progress_of([item]).overdue == 1
    _done(item, done_on=today - timedelta(days=1))

    progress = queries.progress_of([_fresh(item)])

    assert (progress.overdue, progress.done_late) == (0, 1)
