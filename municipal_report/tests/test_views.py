"""The coordinator's page: the period form queues the report for the task worker
(run at once by the tests' immediate backend), the job's progress and the
download; every role; the period's checks."""

from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from core.excel import XLSX_CONTENT_TYPE
from municipal_report import services
from municipal_report.models import ReportJob
from people.models import PersonViewLog

PAGE = reverse("municipal_report:page")
ROLES_DENIED = ["head", "mentor", "reservist", "commission"]
YEAR = {"date_from": "2026-01-01", "date_to": "2026-12-31"}


def _job_of(user, municipality, status=ReportJob.Status.QUEUED, **fields):
    return ReportJob.objects.create(
        user=user,
        municipality=municipality,
        date_from="2026-01-01",
        date_to="2026-12-31",
        status=status,
        **fields,
    )


@time_machine.travel("2026-12-04 10:00 +07:00", tick=False)
def test_the_page_offers_the_current_year(client, coordinator):
    client.force_login(coordinator)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Отчёт муниципалитета</h1>" in html
    assert 'value="2026-01-01"' in html and 'value="2026-12-31"' in html
    assert "Сформировать отчёт (Excel)" in html


def test_the_menu_offers_the_report_to_the_coordinator_only(client, coordinator, head):
    client.force_login(coordinator)
    assert f'href="{PAGE}"' in client.get(reverse("home:index")).content.decode()
    client.force_login(head)
    assert f'href="{PAGE}"' not in client.get(reverse("home:index")).content.decode()


def test_the_coordinator_draws_up_and_downloads_the_report(
    client, coordinator, municipality, unit, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, YEAR)
    job = ReportJob.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == job.get_absolute_url()
    )
    assert (job.user, job.municipality, job.status) == (
        coordinator,
        municipality,
        ReportJob.Status.DONE,
    )
    assert job.sheets_done == 9
    page = client.get(job.get_absolute_url()).content.decode()
    assert (
        "Отчёт готов." in page and "Town, за период с 01.01.2026 по 31.12.2026." in page
    )
    response = client.get(reverse("municipal_report:download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert (
        'filename="municipal-report-20260101-20261231.xlsx"'
        in response["Content-Disposition"]
    )
    book = load_workbook(BytesIO(response.content))
    assert book["Сводка"]["A3"].value == "Town, за период с 01.01.2026 по 31.12.2026"
    # The people it names are logged as exported (152-ФЗ).
    logged = PersonViewLog.objects.filter(
        user=coordinator, channel=PersonViewLog.Channel.EXPORT
    )
    assert unit.a.person_id in set(logged.values_list("person_id", flat=True))
    # The page lists the user's recent reports.
    assert job.get_absolute_url() in client.get(PAGE).content.decode()


def test_the_progress_is_polled_while_the_report_is_drawn_up(
    client, coordinator, municipality
):
    job = _job_of(coordinator, municipality, ReportJob.Status.RUNNING, sheets_done=3)
    client.force_login(coordinator)
    response = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>" not in html
    assert "Готово листов: 3 из 9." in html
    assert 'hx-trigger="every 1s"' in html
    download = reverse("municipal_report:download", args=[job.pk])
    assert download not in html
    assert client.get(download).status_code == 404


def test_a_failed_report_says_so(client, coordinator, municipality, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "build_report", broken)
    job = _job_of(coordinator, municipality)
    assert services.run_job(job.pk) == ReportJob.Status.FAILED
    client.force_login(coordinator)
    html = client.get(job.get_absolute_url()).content.decode()
    assert "Отчёт не удалось сформировать." in html
    assert 'hx-trigger="every 1s"' not in html  # it stops polling


def test_the_worker_reports_each_sheet(coordinator, municipality, monkeypatch):
    seen = []
    job = _job_of(coordinator, municipality)
    real = services.build_report

    def watching(municipality, period, today, progress):
        def note(done):
            progress(done)
            seen.append(ReportJob.objects.get(pk=job.pk).sheets_done)

        return real(municipality, period, today, note)

    monkeypatch.setattr(services, "build_report", watching)
    assert services.run_job(job.pk) == ReportJob.Status.DONE
    assert seen == list(range(1, 10))


@pytest.mark.parametrize("role", ROLES_DENIED)
def test_other_roles_are_refused(client, request, role, coordinator, municipality):
    job = _job_of(coordinator, municipality, ReportJob.Status.DONE, content=b"x")
    client.force_login(request.getfixturevalue(role))
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, YEAR).status_code == 403
    assert client.get(job.get_absolute_url()).status_code == 403
    download = reverse("municipal_report:download", args=[job.pk])
    assert client.get(download).status_code == 403
    assert ReportJob.objects.count() == 1


def test_a_coordinator_of_another_municipality_sees_only_their_own(
    client, stranger, coordinator, municipality
):
    job = _job_of(coordinator, municipality, ReportJob.Status.DONE, content=b"x")
    client.force_login(stranger)
    assert client.get(job.get_absolute_url()).status_code == 404
    download = reverse("municipal_report:download", args=[job.pk])
    assert client.get(download).status_code == 404
    assert (
        client.post(PAGE, {**YEAR, "municipality": municipality.pk}).status_code == 404
    )
    assert client.get(PAGE, {"municipality": municipality.pk}).status_code == 404
    client.post(PAGE, YEAR)
    assert ReportJob.objects.get(user=stranger).municipality.name == "Elsewhere"


def test_a_superuser_chooses_the_municipality(
    client, superuser, municipality, far_school
):
    client.force_login(superuser)
    html = client.get(PAGE).content.decode()
    assert 'name="municipality"' in html and "Elsewhere" in html and "Town" in html
    client.post(PAGE, {**YEAR, "municipality": municipality.pk})
    assert ReportJob.objects.get().municipality == municipality


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("date_from", "date_to", "message"),
    [
        ("2026-12-31", "2026-01-01", "Конец периода раньше его начала."),
        ("2020-01-01", "2026-01-01", "Отчёт охватывает не более 5 лет."),
        ("1900-01-01", "2026-01-01", "01.01.2000"),
        ("2026-13-01", "2026-12-31", "Введите правильную дату."),
        ("", "2026-12-31", "Обязательное поле."),
    ],
)
def test_a_wrong_period_is_refused_with_a_russian_message(
    client, coordinator, date_from, date_to, message
):
    client.force_login(coordinator)
    response = client.post(PAGE, {"date_from": date_from, "date_to": date_to})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not ReportJob.objects.exists()


def test_a_period_of_one_day_is_fine(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PAGE, {"date_from": "2026-05-20", "date_to": "2026-05-20"}
        )
    assert response.status_code == 302
    assert ReportJob.objects.get().status == ReportJob.Status.DONE
