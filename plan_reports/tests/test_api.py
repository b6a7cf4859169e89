"""`/plan-reports` end to end: the same rules and permissions as the pages."""

import json

import pytest

from plan_reports.models import PlanReport
from plan_reports.tests.conftest import make_plan, write_both
from plans.models import IndividualPlan

API = "/api/v1/plan-reports"


def _send(client, method, url, body=None):
    return getattr(client, method)(
        url, data=json.dumps(body or {}), content_type="application/json"
    )


def test_the_mentor_drafts_the_report(api_client, mentor, plan):
    response = _send(api_client(mentor), "post", API, {"plan_id": plan.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert body["data"]["items"]["counts"]["late"] == 1
    assert body["recommendation"] is None


def test_a_report_on_a_plan_never_approved_is_400(api_client, reservist, mentor):
    plan = make_plan(reservist.person, status=IndividualPlan.Status.DRAFT)
    response = _send(api_client(reservist), "post", API, {"plan_id": plan.pk})
    assert response.status_code == 400
    assert "утверждённому" in response.json()["detail"]
    assert not PlanReport.objects.exists()


def test_a_second_report_is_400(api_client, mentor, report):
    response = _send(api_client(mentor), "post", API, {"plan_id": report.plan_id})
    assert response.status_code == 400
    assert "уже" in response.json()["detail"]
    assert PlanReport.objects.count() == 1


def test_a_head_does_not_draft(api_client, head, plan):
    response = _send(api_client(head), "post", API, {"plan_id": plan.pk})
    assert response.status_code == 403


@pytest.mark.parametrize("user", ["other_mentor", "stranger"], indirect=True)
def test_others_get_404(api_client, user, report):
    client = api_client(user)
    assert client.get(f"{API}/{report.pk}").status_code == 404
    assert client.get(f"{API}/{report.pk}/document?format=pdf").status_code == 404
    assert _send(client, "patch", f"{API}/{report.pk}", {}).status_code == 404


def test_anonymous_gets_401(client, report):
    assert client.get(f"{API}/{report.pk}").status_code == 401


def test_each_side_patches_its_own_part(api_client, reservist, mentor, report):
    url = f"{API}/{report.pk}"
    response = _send(
        api_client(reservist), "patch", url, {"self_analysis": "Освоил.", "version": 1}
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    response = _send(api_client(reservist), "patch", url, {"conclusion": "Чужое"})
    assert response.status_code == 400
    assert "наставник" in response.json()["detail"]
    response = _send(
        api_client(mentor),
        "patch",
        url,
        {"conclusion": "Готов.", "recommendation": "continue"},
    )
    assert response.status_code == 200
    assert response.json()["recommendation"] == "continue"
    report.refresh_from_db()
    assert (report.self_analysis, report.conclusion) == ("Освоил.", "Готов.")


def test_a_stale_patch_is_409(api_client, mentor, report):
    write_both(report)
    response = _send(
        api_client(mentor),
        "patch",
        f"{API}/{report.pk}",
        {"conclusion": "X", "version": 1},
    )
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.conclusion != "X"


def test_a_head_patches_nothing(api_client, head, report):
    response = _send(
        api_client(head), "patch", f"{API}/{report.pk}", {"self_analysis": "X"}
    )
    assert response.status_code == 403


def test_the_whole_cycle(api_client, reservist, mentor, coordinator, report):
    write_both(report)
    url = f"{API}/{report.pk}"
    as_reservist, as_mentor = api_client(reservist), api_client(mentor)
    assert _send(as_reservist, "post", f"{url}/agree").status_code == 200
    response = _send(as_mentor, "post", f"{url}/submit")
    assert response.status_code == 400
    assert "и резервист, и наставник" in response.json()["detail"]
    assert _send(as_mentor, "post", f"{url}/agree").status_code == 200
    assert _send(as_reservist, "post", f"{url}/refresh").status_code == 200
    response = _send(as_mentor, "post", f"{url}/submit")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert _send(as_mentor, "post", f"{url}/accept").status_code == 403
    as_coordinator = api_client(coordinator)
    response = _send(as_coordinator, "post", f"{url}/return", {"remarks": ""})
    assert response.status_code == 422
    response = _send(as_coordinator, "post", f"{url}/return", {"remarks": "Дополнить"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "draft" and body["mentor_agreed_at"] is None
    response = _send(as_coordinator, "post", f"{url}/accept")
    assert response.status_code == 400


def test_accept(api_client, coordinator, submitted):
    response = _send(api_client(coordinator), "post", f"{API}/{submitted.pk}/accept")
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"


@pytest.mark.parametrize("user", ["head", "mentor", "reservist"], indirect=True)
def test_only_the_coordinator_reviews(api_client, user, submitted):
    client = api_client(user)
    assert _send(client, "post", f"{API}/{submitted.pk}/accept").status_code == 403
    body = {"remarks": "Нет"}
    assert (
        _send(client, "post", f"{API}/{submitted.pk}/return", body).status_code == 403
    )
    submitted.refresh_from_db()
    assert submitted.status == PlanReport.Status.SUBMITTED


@pytest.mark.parametrize(("fmt", "start"), [("docx", b"PK"), ("pdf", b"%PDF")])
def test_the_document(api_client, head, report, fmt, start):
    response = api_client(head).get(f"{API}/{report.pk}/document?format={fmt}")
    assert response.status_code == 200
    assert response.content.startswith(start)


def test_an_unknown_format_is_400(api_client, head, report):
    response = api_client(head).get(f"{API}/{report.pk}/document?format=odt")
    assert response.status_code == 400
    assert "DOCX" in response.json()["detail"]


def _reports(n, school):
    for _ in range(n):
        plan = make_plan(organization=school)
        PlanReport.objects.create(plan=plan, data={}, data_refreshed_at=plan.created_at)


@pytest.mark.parametrize("n", [3, 6])
def test_list_query_count(
    api_client, coordinator, school, n, django_assert_num_queries
):
    _reports(n, school)
    client = api_client(coordinator)
    # token and its user, roles, the page's keys, its rows, count, access log
    with django_assert_num_queries(7):
        response = client.get(API)
    assert response.status_code == 200
    assert response.json()["count"] == n


def test_list_filters(api_client, coordinator, head, school, other_school, report):
    _reports(2, other_school)
    client = api_client(coordinator)
    assert client.get(API, {"organization_id": school.pk}).json()["count"] == 1
    assert client.get(API, {"status": "accepted"}).json()["count"] == 0
    assert api_client(head).get(API).json()["count"] == 1
