"""`GET /api/v1/municipal-report`: the workbook, the same permissions as the page,
Russian errors (422) for a wrong period."""

from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from core.excel import XLSX_CONTENT_TYPE
from municipal_report.models import ReportJob
from people.models import PersonViewLog

URL = "/api/v1/municipal-report"


def test_the_coordinator_gets_the_workbook(api_client, coordinator, unit):
    response = api_client(coordinator).get(
        URL, {"date_from": "2026-01-01", "date_to": "2026-12-31"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    book = load_workbook(BytesIO(response.content))
    figures = {
        row[0]: row[1]
        for row in book["Сводка"].iter_rows(min_row=6, max_col=2, values_only=True)
    }
    assert figures["Включено в резерв за период"] == 2
    assert PersonViewLog.objects.filter(
        user=coordinator, channel=PersonViewLog.Channel.EXPORT, person=unit.a.person
    ).exists()


@time_machine.travel("2026-12-04 10:00 +07:00", tick=False)
def test_the_period_defaults_to_the_current_year(api_client, coordinator):
    response = api_client(coordinator).get(URL)
    assert response.status_code == 200
    assert "municipal-report-20260101-20261231.xlsx" in response["Content-Disposition"]


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_other_roles_get_403(api_client, request, role):
    response = api_client(request.getfixturevalue(role)).get(URL)
    assert response.status_code == 403
    assert response.json()["detail"] == "Недостаточно прав для этого действия."


def test_another_municipality_is_404(api_client, stranger, municipality):
    response = api_client(stranger).get(URL, {"municipality_id": municipality.pk})
    assert response.status_code == 404
    assert api_client(stranger).get(URL).status_code == 200


def test_anonymous_gets_401(client):
    assert client.get(URL).status_code == 401


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"date_from": "2026-12-31", "date_to": "2026-01-01"},
            "date_to",
            "Конец периода раньше его начала.",
        ),
        (
            {"date_from": "2020-01-01", "date_to": "2026-01-01"},
            "date_to",
            "Отчёт охватывает не более 5 лет.",
        ),
    ],
)
def test_a_wrong_period_is_422_in_russian(
    api_client, coordinator, params, field, message
):
    response = api_client(coordinator).get(URL, params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Период отчёта указан неверно."
    assert body["errors"] == {field: [message]}
    assert not PersonViewLog.objects.exists()


def test_a_malformed_date_is_422_in_russian(api_client, coordinator):
    response = api_client(coordinator).get(URL, {"date_from": "31.12.2026"})
    assert response.status_code == 422
    body = response.json()
    assert "date_from" in body["errors"]
    assert any("а" <= ch <= "я" for ch in body["detail"].lower())


def test_the_coordinator_queues_the_report_and_fetches_it(
    api_client, coordinator, municipality, unit, django_capture_on_commit_callbacks
):
    client = api_client(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/municipal-reports",
            {"date_from": "2026-01-01", "date_to": "2026-12-31"},
            content_type="application/json",
        )
    assert response.status_code == 202
    job = response.json()
    assert (job["status"], job["sheets_done"], job["sheet_count"]) == ("queued", 0, 9)
    assert job["file_url"] is None
    status = client.get(f"/api/v1/municipal-reports/{job['id']}").json()
    assert (status["status"], status["sheets_done"]) == ("done", 9)
    assert status["municipality_id"] == municipality.pk
    response = client.get(status["file_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    book = load_workbook(BytesIO(response.content))
    assert book["Сводка"]["A3"].value == "Town, за период с 01.01.2026 по 31.12.2026"


def test_a_queued_report_has_no_file_yet(api_client, coordinator, municipality):
    job = ReportJob.objects.create(
        user=coordinator,
        municipality=municipality,
        date_from="2026-01-01",
        date_to="2026-12-31",
    )
    client = api_client(coordinator)
    assert (
        client.get(f"/api/v1/municipal-reports/{job.pk}").json()["status"] == "queued"
    )
    assert client.get(f"/api/v1/municipal-reports/{job.pk}/file").status_code == 404


@override_settings(MUNICIPAL_REPORT_STALLED_AFTER=600)
def test_a_job_whose_worker_was_killed_is_failed(api_client, coordinator, municipality):
    job = ReportJob.objects.create(
        user=coordinator,
        municipality=municipality,
        date_from="2026-01-01",
        date_to="2026-12-31",
        status=ReportJob.Status.RUNNING,
    )
    url = f"/api/v1/municipal-reports/{job.pk}"
    client = api_client(coordinator)
    assert client.get(url).json()["status"] == "running"
    ReportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - timedelta(seconds=601)
    )
    assert client.get(url).json()["status"] == "failed"


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_other_roles_may_not_queue_or_read_jobs(
    api_client, request, role, coordinator, municipality
):
    job = ReportJob.objects.create(
        user=coordinator,
        municipality=municipality,
        date_from="2026-01-01",
        date_to="2026-12-31",
    )
    client = api_client(request.getfixturevalue(role))
    response = client.post(
        "/api/v1/municipal-reports",
        {"date_from": "2026-01-01", "date_to": "2026-12-31"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.get(f"/api/v1/municipal-reports/{job.pk}").status_code == 403
    assert ReportJob.objects.count() == 1


def test_another_coordinators_job_is_404(
    api_client, stranger, coordinator, municipality
):
    job = ReportJob.objects.create(
        user=coordinator,
        municipality=municipality,
        date_from="2026-01-01",
        date_to="2026-12-31",
        status=ReportJob.Status.DONE,
        content=b"PK",
    )
    client = api_client(stranger)
    assert client.get(f"/api/v1/municipal-reports/{job.pk}").status_code == 404
    assert client.get(f"/api/v1/municipal-reports/{job.pk}/file").status_code == 404


def test_a_wrong_period_queues_nothing(api_client, coordinator):
    response = api_client(coordinator).post(
        "/api/v1/municipal-reports",
        {"date_from": "2026-12-31", "date_to": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "date_to": ["Конец периода раньше его начала."]
    }
    assert not ReportJob.objects.exists()
