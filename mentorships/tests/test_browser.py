"""The head's order in a real browser (Debian's Chromium): the head appoints one
mentor to two reservists, registers the order and downloads it; the mentor then
finds both reservists on «Мои резервисты»."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from mentorships import services as mentorships_services
from organizations import services as organizations_services
from people import services as people_services
from reserve import services as reserve_services

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


@pytest.fixture
def story(head, mentor, school):
    """Through the services: the head signs for «School», the mentor is a deputy
    head with ten years of management and has confirmed readiness; two teachers
    are in the reserve."""
    municipality = school.municipality
    deputy = people_services.create_position(
        municipality=municipality, name="Заместитель директора", is_administrative=True
    )
    director = people_services.create_position(
        municipality=municipality, name="Директор", is_administrative=True
    )
    teacher = people_services.create_position(
        municipality=municipality, name="Учитель математики"
    )
    people_services.update_person(
        person=head.person,
        last_name="Кузнецов",
        first_name="Андрей",
        middle_name="Петрович",
        position=director,
    )
    organizations_services.update_organization(organization=school, head=head.person)
    people_services.update_person(
        person=mentor.person,
        last_name="Волкова",
        first_name="Елена",
        middle_name="Сергеевна",
        position=deputy,
        management_experience=Decimal(10),
    )
    mentorships_services.confirm_readiness(
        person=mentor.person, confirmed_on=date(2026, 9, 1), note="Заявление"
    )
    target = reserve_services.create_target_position(
        municipality=municipality, name="Директор школы"
    )
    entries = []
    for last_name, first_name in [("Петров", "Дмитрий"), ("Смирнова", "Анна")]:
        person = people_services.create_person(
            organization=school,
            position=teacher,
            last_name=last_name,
            first_name=first_name,
            middle_name="Иванович" if last_name == "Петров" else "Олеговна",
        )
        entries.append(
            reserve_services.include_in_reserve(
                person=person,
                target_position=target,
                basis_number="12-р",
                basis_date=date(2026, 9, 1),
                included_on=date(2026, 9, 1),
            )
        )
    return {"mentor": mentor.person, "entries": entries}


def _choose(page: Page, field_id: str, text: str) -> str:
    """Type into an order line's type-ahead field, pick the first match and give
    back the text of the option chosen."""
    field = page.locator(f"#{field_id}")
    field.press_sequentially(text)
    option = page.locator(f"#{field_id}_options [role=option][data-value]").first
    expect(option).to_be_visible()
    label = option.inner_text()
    option.click()
    expect(field).to_have_value(label)
    return label


def test_head_registers_an_order_and_the_mentor_sees_both_reservists(
    live_server, page: Page, story, head, mentor
):
    first, second = story["entries"]
    _sign_in(page, live_server.url, "head")
    page.get_by_role("link", name="Подготовить приказ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Приказ о закреплении наставников: School"
    )
    expect(page.get_by_label("Подписывает (ФИО)")).to_have_value(
        "Кузнецов Андрей Петрович"
    )

    page.get_by_label("Номер").fill("15-н")
    mentor_name = story["mentor"].last_name
    chosen = _choose(page, "id_lines-0-mentor", mentor_name[:4])
    assert chosen.startswith(story["mentor"].full_name)
    assert "0 из 3" in chosen  # the load, offered with the name
    chosen = _choose(page, "id_lines-0-reserve_entry", first.person.last_name[:4])
    assert chosen.startswith(first.person.full_name)
    page.get_by_role("button", name="Добавить строку").click()
    expect(page.locator("#id_lines-1-mentor")).to_be_visible()
    expect(page.locator("#id_lines-TOTAL_FORMS")).to_have_value("2")
    _choose(page, "id_lines-1-mentor", mentor_name[:4])
    _choose(page, "id_lines-1-reserve_entry", second.person.last_name[:4])
    _screenshot(page, "order-form")
    page.get_by_role("button", name="Сохранить черновик").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Приказ № 15-н от " + date_format(date.today(), "DATE_FORMAT")
    )
    expect(page.locator("#order-lines tbody tr")).to_have_count(2)
    expect(page.locator("#order-status")).to_contain_text("черновик")
    _screenshot(page, "order-draft")

    page.get_by_role("link", name="Зарегистрировать (приказ подписан)").click()
    expect(page.locator("#register-lines tbody tr")).to_have_count(2)
    _screenshot(page, "order-register-confirm")
    page.get_by_role("button", name="Зарегистрировать", exact=True).click()
    expect(page.locator("#order-status")).to_contain_text("зарегистрирован")
    expect(page.locator("#order-lines .badge.ok")).to_have_count(2)
    with page.expect_download() as download_info:
        page.locator("#download-docx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    ARTIFACTS.mkdir(exist_ok=True)
    download.save_as(ARTIFACTS / "order.docx")
    assert (ARTIFACTS / "order.docx").read_bytes().startswith(b"PK")
    _screenshot(page, "order-registered")

    page.get_by_role("button", name="Выйти").click()
    _sign_in(page, live_server.url, "mentor")
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Мои резервисты"
    ).click()
    cards = page.locator(".reservist-card")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("Петров Дмитрий Иванович")
    expect(cards.last).to_contain_text("Смирнова Анна Олеговна")
    expect(cards.first).to_contain_text("Приказ № 15-н")
    expect(cards.first.get_by_role("link", name="Создать план")).to_be_visible()
    _screenshot(page, "my-reservists")
