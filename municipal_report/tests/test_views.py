"""The coordinator's page: the period form queues the report for the task worker
(run at once by the tests' immediate backend), the job's progress and the
download; every role; the period's checks."""

from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
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


def _stall(job, seconds):
    """Make the job's last sign of life `seconds` old."""
    ReportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - timedelta(seconds=seconds)
    )


@override_settings(MUNICIPAL_REPORT_STALLED_AFTER=600)
def test_a_job_whose_worker_was_killed_is_shown_failed_and_can_be_redone(
    client, coordinator, municipality, django_capture_on_commit_callbacks
):
    job = _job_of(coordinator, municipality, ReportJob.Status.RUNNING, sheets_done=4)
    quiet = _job_of(coordinator, municipality, ReportJob.Status.RUNNING)
    _stall(job, 601)
    _stall(quiet, 500)  # slow, not lost
    client.force_login(coordinator)
    html = client.get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED and job.finished_at
    assert "обработчик фоновых задач перестал отвечать" in html
    assert 'hx-trigger="every 1s"' not in html
    assert "Сформировать заново" in html
    quiet.refresh_from_db()
    assert quiet.status == ReportJob.Status.RUNNING
    # The button asks for the same period again.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PAGE,
            {"municipality": municipality.pk, **YEAR},
        )
    again = ReportJob.objects.latest("pk")
    assert response["Location"] == again.get_absolute_url()
    assert again.status == ReportJob.Status.DONE


@override_settings(MUNICIPAL_REPORT_STALLED_AFTER=600)
def test_the_list_shows_a_lost_job_failed(client, coordinator, municipality):
    job = _job_of(coordinator, municipality, ReportJob.Status.RUNNING)
    _stall(job, 601)
    client.force_login(coordinator)
    html = client.get(PAGE).content.decode()
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert '<span class="badge bad">не сформирован</span>' in html


@override_settings(MUNICIPAL_REPORT_STALLED_AFTER=600)
def test_a_worker_that_outlives_the_mark_drops_its_workbook(
    coordinator, municipality, monkeypatch
):
    job = _job_of(coordinator, municipality)
    real = services.build_report

    def killed_meanwhile(municipality, period, today, progress):
        content = real(municipality, period, today, progress)
        _stall(job, 601)
        assert services.fail_stalled_jobs(user=coordinator) == 1
        return content

    monkeypatch.setattr(services, "build_report", killed_meanwhile)
    assert services.run_job(job.pk) == ReportJob.Status.FAILED
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED and job.content is None


@override_settings(MUNICIPAL_REPORT_KEEP_JOBS=3)
def test_a_new_job_forgets_the_old_workbooks_beyond_the_last_few(
    client, coordinator, head, municipality
):
    done = [
        _job_of(coordinator, municipality, ReportJob.Status.DONE, content=b"x")
        for _ in range(3)
    ]
    running = _job_of(coordinator, municipality, ReportJob.Status.RUNNING)
    ReportJob.objects.filter(pk=running.pk).update(created_at=done[0].created_at)
    others = _job_of(head, municipality, ReportJob.Status.DONE, content=b"x")
    client.force_login(coordinator)
    client.post(PAGE, YEAR)
    kept = set(ReportJob.objects.filter(user=coordinator).values_list("pk", flat=True))
    newest = ReportJob.objects.filter(user=coordinator).latest("pk")
    # The new one and the two newest done stay, the oldest done goes; the
    # running one stays for its worker; another user's are not touched.
    assert kept == {newest.pk, done[2].pk, done[1].pk, running.pk}
    assert ReportJob.objects.filter(pk=others.pk).exists()


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
