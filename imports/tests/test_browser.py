"""An import of people in a real browser (Debian's Chromium): the coordinator uploads
a file, sees the stored preview, confirms, watches the progress bar the page polls
for, and sees the outcome and the people in the registry.

The test stands in for the worker: the task is queued on the dummy backend, the
progress is reported as the worker reports it, then the task is run here."""

from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Page, expect

from imports import progress, tasks
from imports.models import ImportBatch
from imports.tests.factories import PEOPLE_HEADER, xlsx
from people.models import Person
from people.tests.factories import PositionFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def test_coordinator_imports_people_and_watches_the_progress(
    page: Page, live_server, settings, coordinator, school
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    PositionFactory(municipality=school.municipality, name="Учитель")
    rows = [
        ["Иванова", "Мария", "Петровна", "School", "Учитель"],
        ["Петров", "Пётр", "", "School", "Учитель"],
        ["Сидорова", "Анна", "", "School", "Учитель"],
    ]
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()

    page.goto(f"{live_server.url}/imports/people/")
    file: FilePayload = {
        "name": "people.xlsx",
        "mimeType": XLSX,
        "buffer": xlsx(rows, header=PEOPLE_HEADER),
    }
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(files=[file])
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.get_by_role("cell", name="Петров Пётр, School")).to_be_visible()
    expect(page.get_by_text("будет создано")).to_have_count(3)

    page.get_by_role("button", name="Применить импорт").click()
    expect(
        page.get_by_text("В очереди: импорт начнётся, как только его возьмёт")
    ).to_be_visible()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.QUEUED

    # The worker has taken the batch and saved two rows.
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    progress.report(batch_id=batch.pk, done=2, stage=progress.WRITE)
    expect(page.get_by_text("Шаг 3 из 3, сохранение: 2 из 3 строк")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "8")
    _screenshot(page, "import-progress")

    # ...and finishes (the claim accepts a queued batch).
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
    assert tasks.apply_import.call(batch_id=batch.pk) == ImportBatch.Status.APPLIED
    expect(
        page.get_by_text("Добавлено: 3, изменено: 0, без изменений: 0.")
    ).to_be_visible()
    expect(page.locator("progress")).to_have_count(0)
    _screenshot(page, "import-done")

    page.get_by_role("link", name="Открыть реестр").click()
    expect(page.get_by_role("link", name="Сидорова Анна")).to_be_visible()
    assert Person.objects.filter(organization=school).count() == 3
