"""The rules of the joint report: drafted from an approved plan, one per plan,
each side its own part, agreement reset by the other's change, submission only
with both agreements, acceptance and return by the coordinator, versions."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.conflicts import StaleVersionError
from plan_reports import services
from plan_reports.models import PlanReport
from plan_reports.queries import report_for_entry
from plan_reports.tests.conftest import agree_both, make_plan, write_both
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import IndividualPlanFactory
from reserve.models import ReserveEntry


def test_report_is_drafted_from_the_plan(report, consultations):
    data = report.data
    items = data["items"]
    assert [r["activity"] for r in items["on_time"]] == ["Изучить устав"]
    assert [r["activity"] for r in items["late"]] == ["Провести совещание"]
    assert items["not_done"][0]["reason"] == "Конференция отменена"
    assert [r["activity"] for r in items["open"]] == ["Стажировка"]
    assert items["counts"] == {
        "total": 4,
        "on_time": 1,
        "late": 1,
        "not_done": 1,
        "overdue": 0,
        "open": 1,
        "percent_done": 50,
    }
    assert items["on_time"][0]["number"] == "1.1"
    assert report.status == PlanReport.Status.DRAFT


def test_refresh_takes_new_data_and_never_a_private_note(report, consultations):
    services.refresh_report(report=report, side="mentor")
    # Only the shared consultation: one, 1.5 hours, in management.
    assert [(c["count"], c["hours"]) for c in report.data["consultations"]] == [
        (1, 1.5)
    ]
    assert "Личная" not in str(report.data)


def test_report_on_a_plan_never_approved_is_refused(mentor, reservist):
    plan = make_plan(reservist.person, status=IndividualPlan.Status.SUBMITTED)
    with pytest.raises(ValidationError, match="утверждённому"):
        services.create_report(plan=plan, by=mentor)
    assert not PlanReport.objects.exists()


def test_report_on_a_completed_plan_is_drafted(mentor, reservist):
    plan = make_plan(reservist.person, status=IndividualPlan.Status.COMPLETED)
    assert services.create_report(plan=plan, by=mentor).pk


def test_second_report_on_the_same_plan_is_refused(report, plan, mentor):
    with pytest.raises(ValidationError, match="уже"):
        services.create_report(plan=plan, by=mentor)
    assert PlanReport.objects.count() == 1


def test_report_of_a_reservist_who_left_is_refused(plan, mentor):
    ReserveEntry.objects.filter(pk=plan.reserve_entry_id).update(
        status=ReserveEntry.Status.EXCLUDED
    )
    plan.reserve_entry.refresh_from_db()
    with pytest.raises(ValidationError, match="резерв"):
        services.create_report(plan=plan, by=mentor)


def test_each_side_writes_only_its_own_part(report):
    with pytest.raises(ValidationError, match="наставник"):
        services.update_part(report=report, side="reservist", conclusion="Чужое")
    with pytest.raises(ValidationError, match="резервист"):
        services.update_part(report=report, side="mentor", self_analysis="Чужое")
    with pytest.raises(ValidationError):
        services.update_part(report=report, side=None, self_analysis="Никто")
    report.refresh_from_db()
    assert report.conclusion == report.self_analysis == ""
    assert report.version == 1


def test_agreement_needs_both_parts(report):
    services.update_part(report=report, side="reservist", self_analysis="Текст")
    with pytest.raises(ValidationError, match="наставника"):
        services.agree_report(report=report, side="reservist")
    report.refresh_from_db()
    assert report.reservist_agreed_at is None


def test_a_change_resets_the_other_sides_agreement(report):
    agree_both(report)
    services.update_part(report=report, side="reservist", self_analysis="Новый текст")
    report.refresh_from_db()
    assert report.mentor_agreed_at is None
    assert report.reservist_agreed_at is not None
    # The history shows the agreement given and then reset.
    mentor_agreed = [h.mentor_agreed_at for h in report.history.order_by("pk")]
    assert mentor_agreed[-2] is not None
    assert mentor_agreed[-1] is None


def test_mentor_change_resets_the_reservists_agreement(report):
    agree_both(report)
    services.update_part(report=report, side="mentor", conclusion="Иначе")
    report.refresh_from_db()
    assert report.reservist_agreed_at is None
    assert report.mentor_agreed_at is not None


def test_an_unchanged_part_keeps_the_agreements(report):
    agree_both(report)
    services.update_part(
        report=report, side="reservist", self_analysis=report.self_analysis
    )
    report.refresh_from_db()
    assert report.is_agreed_by_both


def test_agreeing_twice_is_refused(report):
    write_both(report)
    services.agree_report(report=report, side="mentor")
    with pytest.raises(ValidationError, match="уже"):
        services.agree_report(report=report, side="mentor")


def test_submission_without_both_agreements_is_refused(report, mentor):
    write_both(report)
    services.agree_report(report=report, side="mentor")
    with pytest.raises(ValidationError, match="и резервист, и наставник"):
        services.submit_report(report=report, by=mentor)
    report.refresh_from_db()
    assert report.status == PlanReport.Status.DRAFT


def test_submitted_report_is_read_only(submitted):
    with pytest.raises(ValidationError, match="возвращён"):
        services.update_part(report=submitted, side="mentor", conclusion="Поздно")
    with pytest.raises(ValidationError):
        services.refresh_report(report=submitted, side="mentor")


def test_coordinator_accepts(submitted, coordinator):
    services.accept_report(report=submitted, by=coordinator)
    submitted.refresh_from_db()
    assert submitted.status == PlanReport.Status.ACCEPTED
    assert submitted.reviewed_by == coordinator
    with pytest.raises(ValidationError):
        services.accept_report(report=submitted, by=coordinator)


def test_accepting_a_draft_is_refused(report, coordinator):
    with pytest.raises(ValidationError, match="отправленный"):
        services.accept_report(report=report, by=coordinator)


def test_return_with_remarks_resets_the_agreements(submitted, coordinator):
    services.return_report(report=submitted, by=coordinator, remarks="Дополнить")
    submitted.refresh_from_db()
    assert submitted.status == PlanReport.Status.DRAFT
    assert submitted.remarks == "Дополнить"
    assert submitted.reservist_agreed_at is None
    assert submitted.mentor_agreed_at is None


def test_return_without_remarks_is_refused(submitted, coordinator):
    with pytest.raises(ValidationError):
        services.return_report(report=submitted, by=coordinator, remarks="  ")
    submitted.refresh_from_db()
    assert submitted.status == PlanReport.Status.SUBMITTED


def test_a_stale_version_is_refused(report):
    services.update_part(report=report, side="reservist", self_analysis="Первый")
    with pytest.raises(StaleVersionError):
        services.update_part(
            report=report, side="mentor", version=1, conclusion="Поздний"
        )
    report.refresh_from_db()
    assert report.conclusion == ""
    assert report.version == 2


def test_refresh_with_changed_data_resets_the_agreements(report, plan):
    agree_both(report)
    item = plan.items.get(activity="Стажировка")
    PlanItem.objects.filter(pk=item.pk).update(
        status=PlanItem.Status.DONE, done_on=date(2027, 6, 1)
    )
    services.refresh_report(report=report, side="reservist")
    report.refresh_from_db()
    assert report.data["items"]["counts"]["on_time"] == 2
    assert not report.reservist_agreed_at and not report.mentor_agreed_at


def test_refresh_without_changes_keeps_the_agreements(report):
    agree_both(report)
    services.refresh_report(report=report, side="reservist")
    report.refresh_from_db()
    assert report.is_agreed_by_both


def test_report_for_entry_is_the_report_on_the_latest_plan(report, plan, mentor):
    assert report_for_entry(plan.reserve_entry) == report
    later = IndividualPlanFactory.create(
        reserve_entry=plan.reserve_entry,
        period_start=date(2027, 9, 1),
        period_end=date(2028, 8, 31),
        status=IndividualPlan.Status.APPROVED,
    )
    assert report_for_entry(plan.reserve_entry) == report
    newer = services.create_report(plan=later, by=mentor)
    assert report_for_entry(plan.reserve_entry) == newer


def test_report_for_entry_is_none_without_a_report(plan):
    assert report_for_entry(plan.reserve_entry) is None
