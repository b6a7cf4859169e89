"""The report's pages end to end: drafting, each side's part, agreement,
submission, review, the lists at a constant number of queries, documents."""

import pytest
from django.urls import reverse

from plan_reports import services
from plan_reports.models import PlanReport
from plan_reports.tests.conftest import agree_both, make_plan, write_both
from plans.models import IndividualPlan
from plans.tests.factories import PlanItemFactory


def _post(client, user, name, report, **data):
    client.force_login(user)
    return client.post(
        reverse(f"plan_reports:{name}", args=[report.pk]),
        {"version": report.version, **data},
    )


def test_plan_offers_the_report_to_draft(client, mentor, plan):
    client.force_login(mentor)
    url = reverse("plan_reports:plan", args=[plan.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Составить отчёт" in response.text
    response = client.post(url)
    report = PlanReport.objects.get()
    assert response.url == report.get_absolute_url()
    assert client.get(url).url == report.get_absolute_url()


def test_drafting_on_a_plan_never_approved_is_refused(client, reservist, mentor):
    plan = make_plan(reservist.person, status=IndividualPlan.Status.SUBMITTED)
    client.force_login(reservist)
    response = client.post(reverse("plan_reports:plan", args=[plan.pk]))
    assert response.status_code == 400
    assert "утверждённому" in response.text
    assert not PlanReport.objects.exists()


def test_a_head_does_not_draft(client, head, plan):
    client.force_login(head)
    url = reverse("plan_reports:plan", args=[plan.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 403
    assert not PlanReport.objects.exists()


@pytest.mark.parametrize("user", ["other_mentor", "stranger"], indirect=True)
def test_others_get_404(client, user, report):
    client.force_login(user)
    assert client.get(report.get_absolute_url()).status_code == 404
    url = reverse("plan_reports:plan", args=[report.plan_id])
    assert client.get(url).status_code == 404
    url = reverse("plan_reports:document", args=[report.pk, "pdf"])
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, report):
    response = client.get(report.get_absolute_url())
    assert response.status_code == 302
    assert "login" in response.url


def test_report_page_shows_the_data_and_the_parts(client, reservist, report):
    client.force_login(reservist)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "Выполнено с нарушением срока" in text
    assert "Конференция отменена" in text
    assert 'name="self_analysis"' in text
    assert 'name="conclusion"' not in text


def test_the_reservist_writes_their_part(client, reservist, report):
    response = _post(client, reservist, "part", report, self_analysis="Вырос.")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.self_analysis == "Вырос."


def test_the_mentor_writes_theirs(client, mentor, report):
    response = _post(
        client,
        mentor,
        "part",
        report,
        conclusion="Готов.",
        recommendation="appoint",
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.conclusion, report.recommendation) == ("Готов.", "appoint")


def test_a_head_writes_nothing(client, head, report):
    response = _post(client, head, "part", report, self_analysis="Чужое")
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.self_analysis == ""


def test_a_stale_part_is_409(client, mentor, report):
    write_both(report)
    response = _post(
        client,
        mentor,
        "part",
        report,
        version=1,
        conclusion="Старое",
        recommendation="",
    )
    assert response.status_code == 409
    assert "Reload" in response.text or "Обновите" in response.text
    report.refresh_from_db()
    assert report.conclusion == "План выполнен в основном."


def test_agree_submit_and_accept(client, reservist, mentor, coordinator, report):
    write_both(report)
    report.refresh_from_db()
    assert _post(client, reservist, "agree", report).status_code == 302
    report.refresh_from_db()
    response = _post(client, mentor, "submit", report)
    assert response.status_code == 400
    assert "и резервист, и наставник" in response.text
    assert _post(client, mentor, "agree", report).status_code == 302
    report.refresh_from_db()
    assert _post(client, mentor, "submit", report).status_code == 302
    report.refresh_from_db()
    assert _post(client, mentor, "accept", report).status_code == 403
    assert _post(client, coordinator, "accept", report).status_code == 302
    report.refresh_from_db()
    assert report.status == PlanReport.Status.ACCEPTED


def test_coordinator_returns_with_remarks(client, coordinator, submitted):
    response = _post(client, coordinator, "return", submitted, remarks="")
    assert response.status_code == 422
    submitted.refresh_from_db()
    response = _post(client, coordinator, "return", submitted, remarks="Дополнить")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == PlanReport.Status.DRAFT
    assert submitted.mentor_agreed_at is None


def test_head_reads_but_does_not_review(client, head, submitted):
    client.force_login(head)
    assert client.get(submitted.get_absolute_url()).status_code == 200
    assert _post(client, head, "accept", submitted).status_code == 403


def test_refresh(client, reservist, report):
    agree_both(report)
    report.refresh_from_db()
    assert _post(client, reservist, "refresh", report).status_code == 302


def _reports(n, school):
    for _ in range(n):
        plan = make_plan(organization=school)
        PlanReport.objects.create(plan=plan, data={}, data_refreshed_at=plan.created_at)


@pytest.mark.parametrize("n", [3, 6])
def test_list_query_count(client, coordinator, school, n, django_assert_num_queries):
    _reports(n, school)
    client.force_login(coordinator)
    # session, user, roles, count, page keys, rows, organisations, access log
    with django_assert_num_queries(9):
        response = client.get(reverse("plan_reports:list"))
    assert response.status_code == 200
    assert response.text.count("<tr>") == n + 1


def test_list_filters_by_status_and_organization(
    client, coordinator, school, other_school, report
):
    _reports(2, other_school)
    client.force_login(coordinator)
    url = reverse("plan_reports:list")
    response = client.get(url, {"organization": school.pk})
    assert response.text.count("<tr>") == 2
    response = client.get(url, {"status": "accepted"})
    assert response.text.count("<tr>") == 0


def test_head_lists_own_organisation_only(client, head, school, other_school, report):
    _reports(2, other_school)
    client.force_login(head)
    response = client.get(reverse("plan_reports:list"))
    assert response.text.count("<tr>") == 2


def test_a_reservist_has_no_list_but_their_report(client, reservist, report):
    client.force_login(reservist)
    assert client.get(reverse("plan_reports:list")).status_code == 403
    response = client.get(reverse("plan_reports:mine"))
    assert response.url == report.get_absolute_url()


def test_my_report_offers_the_plan_to_report(client, reservist, plan):
    client.force_login(reservist)
    response = client.get(reverse("plan_reports:mine"))
    assert response.status_code == 200
    assert reverse("plan_reports:plan", args=[plan.pk]) in response.text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_documents_download(client, head, report, fmt):
    client.force_login(head)
    response = client.get(reverse("plan_reports:document", args=[report.pk, fmt]))
    assert response.status_code == 200
    assert f'.{fmt}"' in response["Content-Disposition"]


def test_an_unknown_format_is_404(client, head, report):
    client.force_login(head)
    url = reverse("plan_reports:document", args=[report.pk, "odt"])
    assert client.get(url).status_code == 404


def test_the_card_link_opens_the_report_or_the_plan(client, head, plan):
    client.force_login(head)
    url = reverse("plan_reports:entry", args=[plan.reserve_entry_id])
    assert client.get(url).url == reverse("plan_reports:plan", args=[plan.pk])
    report = services.create_report(plan=plan, by=plan.mentor.user)
    assert client.get(url).url == report.get_absolute_url()


def test_the_plan_page_links_to_its_report(client, mentor, plan):
    client.force_login(mentor)
    response = client.get(plan.get_absolute_url())
    assert reverse("plan_reports:plan", args=[plan.pk]) in response.text


def test_the_list_answers_htmx_with_its_rows(client, coordinator, report):
    client.force_login(coordinator)
    response = client.get(reverse("plan_reports:list"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<h1>" not in response.text
    assert report.get_absolute_url() in response.text


@pytest.mark.parametrize("extra", [0, 5])
def test_report_page_query_count(
    client, mentor, plan, extra, django_assert_num_queries
):
    for _ in range(extra):
        PlanItemFactory(plan=plan)
    report = services.create_report(plan=plan, by=mentor)
    agree_both(report)
    client.force_login(mentor)
    # session, user, the report (with the mentorship's state), roles, person,
    # the access log, the history, its plan (plan, entry, person) and accounts
    with django_assert_num_queries(11):
        assert client.get(report.get_absolute_url()).status_code == 200


def test_the_other_sides_part_is_refused(client, reservist, report):
    services.update_part(report=report, side="reservist", self_analysis="Моё")
    report.refresh_from_db()
    response = _post(
        client, reservist, "part", report, self_analysis="", conclusion="Чужое"
    )
    assert response.status_code == 422
    assert "наставник" in response.text
    report.refresh_from_db()
    assert (report.self_analysis, report.conclusion) == ("Моё", "")
