"""The attestation in a real browser: the coordinator schedules a session, the
mentor accepts the invitation, the secretary marks attendance, a member opens
the materials pack and votes, the secretary records the others' votes and the
decision with quorum, the coordinator confirms it and the reserve entry
changes; on a desktop and a phone (axe checks every page)."""

from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from attestation.models import Attestation

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_session_from_scheduling_to_the_confirmed_decision(
    live_server,
    page: Page,
    order,
    entry,
    coordinator,
    mentor,
    secretary,
    chair,
    commission,
    viewport,
):
    page.set_viewport_size(viewport)
    device = "phone" if viewport["width"] < 600 else "desktop"
    ARTIFACTS.mkdir(exist_ok=True)
    today = timezone.localdate()
    reservist = entry.person.full_name

    _sign_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/attestation/")
    page.get_by_role("link", name="Назначить заседание").click()
    page.get_by_label("Дата").fill(today.isoformat())
    page.get_by_label("Время").fill("10:00")
    page.get_by_label("Место проведения").fill("Управление образования, каб. 12")
    page.get_by_label(reservist, exact=False).check()
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_role("status")).to_contain_text("Заседание назначено")
    page.screenshot(
        path=ARTIFACTS / f"attestation-session-{device}.png", full_page=True
    )

    _sign_in(page, live_server.url, "mentor")
    page.locator("#stat-invitations").get_by_role("link").first.click()
    page.get_by_label("Буду присутствовать").check()
    page.locator("#respond-form").get_by_role("button", name="Отправить ответ").click()
    expect(page.get_by_role("status")).to_contain_text("Ваш ответ сохранён")
    expect(page.locator("#invitation")).to_contain_text("будет присутствовать")
    expect(page.locator("#pack-link")).to_have_count(0)  # not the mentor's to read

    _sign_in(page, live_server.url, "secretary")
    page.goto(f"{live_server.url}/attestation/")
    page.locator("table.list tbody a").first.click()
    boxes = page.locator("#attendance-form input[type=checkbox]")
    expect(boxes.first).to_be_visible()  # count() does not wait for the page
    for i in range(boxes.count()):
        boxes.nth(i).check()
    page.get_by_role("button", name="Отметить присутствующих").click()
    expect(page.get_by_role("status")).to_contain_text("Присутствие отмечено")
    expect(page.locator("#quorum")).to_contain_text("кворум есть")

    _sign_in(page, live_server.url, "commission")
    page.locator("#packs").get_by_role("link", name=reservist).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Материалы к аттестации"
    )
    expect(page.get_by_text("Совместный отчёт наставника и резервиста")).to_be_visible()
    page.screenshot(path=ARTIFACTS / f"attestation-pack-{device}.png", full_page=True)
    page.get_by_role("link", name="К аттестации").click()
    vote = page.locator("#vote-form")
    vote.get_by_label("продолжить подготовку").check()
    vote.get_by_role("button", name="Проголосовать").click()
    expect(page.get_by_role("status")).to_contain_text("Голос учтён")

    _sign_in(page, live_server.url, "secretary")
    page.goto(f"{live_server.url}{Attestation.objects.get().get_absolute_url()}")
    for name in ("Chair", "Secretary"):
        page.get_by_text("Внести голос присутствующего члена комиссии").click()
        proxy = page.locator("#proxy-vote-form")
        proxy.get_by_label("Член комиссии").select_option(
            label=f"{name} Name Patronymic"
        )
        proxy.get_by_label("продолжить подготовку").check()
        proxy.get_by_role("button", name="Внести голос").click()
        expect(page.get_by_role("status")).to_contain_text("Голос учтён")
    decision = page.locator("#decision-form")
    decision.get_by_label("Новый срок пребывания в резерве").fill("2030-09-01")
    decision.get_by_role("button", name="Внести решение").click()
    expect(page.get_by_role("status")).to_contain_text("ждёт утверждения")
    expect(page.locator("#decision")).to_contain_text("продолжить подготовку")

    _sign_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}{Attestation.objects.get().get_absolute_url()}")
    page.get_by_role("button", name="Утвердить решение").click()
    expect(page.get_by_role("status")).to_contain_text("Решение утверждено")
    page.screenshot(
        path=ARTIFACTS / f"attestation-decision-{device}.png", full_page=True
    )
    with page.expect_download() as download:
        page.locator("#h-extract ~ p").get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    entry.refresh_from_db()
    assert entry.term_until == date(2030, 9, 1)
