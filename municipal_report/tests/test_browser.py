"""The coordinator downloads the municipality's report in a real browser: the
menu item, a wrong period refused with its message, then the report drawn up
(by the tests' immediate task backend) and its workbook downloaded; on a
desktop and a phone (axe checks every page)."""

from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from municipal_report.models import ReportJob
from municipal_report.tests.conftest import build_unit

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_the_coordinator_downloads_the_report(
    live_server, page: Page, coordinator, school, viewport
):
    build_unit(school, 0)
    page.set_viewport_size(viewport)
    device = "phone" if viewport["width"] < 600 else "desktop"
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if device == "desktop":
        page.get_by_role("link", name="Отчёт муниципалитета").click()
    else:
        page.goto(f"{live_server.url}/municipal-report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Отчёт муниципалитета")

    page.locator("#id_date_from").fill("2026-12-31")
    page.locator("#id_date_to").fill("2026-01-01")
    page.get_by_role("button", name="Сформировать отчёт (Excel)").click()
    expect(page.get_by_text("Конец периода раньше его начала.")).to_be_visible()
    page.screenshot(
        path=ARTIFACTS / f"municipal-report-error-{device}.png", full_page=True
    )

    page.locator("#id_date_from").fill("2026-01-01")
    page.locator("#id_date_to").fill("2026-12-31")
    page.get_by_role("button", name="Сформировать отчёт (Excel)").click()
    expect(page.get_by_text("Отчёт готов.")).to_be_visible()
    page.screenshot(path=ARTIFACTS / f"municipal-report-{device}.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать отчёт (Excel)").click()
    assert (
        download.value.suggested_filename == "municipal-report-20260101-20261231.xlsx"
    )
    book = load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames[0] == "Сводка"
    assert book["Сводка"]["A3"].value == "Town, за период с 01.01.2026 по 31.12.2026"


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_a_report_whose_worker_was_killed_is_drawn_up_again(
    live_server, page: Page, coordinator, municipality, viewport
):
    job = ReportJob.objects.create(
        user=coordinator,
        municipality=municipality,
        date_from="2026-01-01",
        date_to="2026-12-31",
        status=ReportJob.Status.RUNNING,
        sheets_done=4,
    )
    ReportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - timedelta(hours=1)
    )
    page.set_viewport_size(viewport)
    device = "phone" if viewport["width"] < 600 else "desktop"
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(f"{live_server.url}{job.get_absolute_url()}")
    expect(page.get_by_role("alert")).to_contain_text(
        "обработчик фоновых задач перестал отвечать"
    )
    page.screenshot(
        path=ARTIFACTS / f"municipal-report-lost-{device}.png", full_page=True
    )
    page.get_by_role("button", name="Сформировать заново").click()
    expect(page.get_by_text("Отчёт готов.")).to_be_visible()
    assert ReportJob.objects.filter(status=ReportJob.Status.DONE).count() == 1
