"""The whole cycle of clause 8 in a real browser (Debian's Chromium), as new
users walk it: the head's order appoints the mentor (registered: the mentorship
is active), the mentor drafts the plan and submits it, the coordinator approves
it; once most items are done the reservist drafts the joint report, both sides
write and agree, the coordinator accepts it; the coordinator schedules a
session, the mentor answers the invitation, the secretary marks the mentor and
the members present, a member opens the materials pack and votes, the decision
is taken with quorum, the coordinator confirms it and the reserve entry changes.

Only the bulk is set up through the services: the people, the approved plan
form, the commission's order and the progress of the plan's items; every named
step goes through the pages, on a desktop and on a phone."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from attestation.models import Attestation
from mentorships import services as mentorships_services
from mentorships.models import Mentorship
from organizations import services as organizations_services
from people import services as people_services
from plan_reports.models import PlanReport
from plans import services as plans_services
from plans.models import IndividualPlan, PlanItem
from reserve import services as reserve_services
from reserve.models import ReserveEntry

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory
RESERVIST = "Петров Дмитрий Иванович"
NEW_TERM = date(2030, 9, 1)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(head, mentor, reservist, school, order):
    """Through the services: the head signs for «School»; the mentor, a deputy
    head with ten years of management, has confirmed readiness; the reservist is
    in the reserve; the plan form is approved; the commission is formed (chair,
    secretary, the cast's `commission` and two members without accounts)."""
    municipality = school.municipality
    today = timezone.localdate()
    director = people_services.create_position(
        municipality=municipality, name="Директор", is_administrative=True
    )
    deputy = people_services.create_position(
        municipality=municipality, name="Заместитель директора", is_administrative=True
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
        person=mentor.person, confirmed_on=today - timedelta(days=30), note="Заявление"
    )
    people_services.update_person(
        person=reservist.person,
        last_name="Петров",
        first_name="Дмитрий",
        middle_name="Иванович",
        position=teacher,
    )
    target = reserve_services.create_target_position(
        municipality=municipality, name="Директор школы"
    )
    entry = reserve_services.include_in_reserve(
        person=reservist.person,
        target_position=target,
        basis_number="12-р",
        basis_date=today - timedelta(days=60),
        included_on=today - timedelta(days=60),
    )
    plan_form = plans_services.create_plan_form(
        municipality=municipality, name="План индивидуальной подготовки резервиста"
    )
    version = plan_form.versions.get()
    first, second, third, *_rest = version.sections.all()
    for section, activity, months in (
        (first, "Изучение устава и локальных актов школы", 1),
        (second, "Выступление на педагогическом совете", 2),
        (third, "Стажировка у директора школы", 6),
    ):
        plans_services.add_suggested_item(
            section=section,
            activity=activity,
            form_of_work="Самостоятельная работа",
            expected_result="Отчёт",
            months_from_start=months,
        )
    plans_services.approve_form_version(
        version=version,
        approval_document="приказ Управления образования",
        approval_number="45-о",
        approval_date=today - timedelta(days=100),
    )
    return entry


def _shot(page: Page, name: str) -> None:
    """The page on a desktop and on a phone."""
    ARTIFACTS.mkdir(exist_ok=True)
    for device, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"cycle-{name}-{device}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _menu(page: Page, label: str) -> None:
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name=label, exact=True
    ).click()


def _choose(page: Page, field_id: str, text: str) -> None:
    """Type into a type-ahead field and pick the first match."""
    field = page.locator(f"#{field_id}")
    field.press_sequentially(text)
    option = page.locator(f"#{field_id}_options [role=option][data-value]").first
    expect(option).to_be_visible()
    label = option.inner_text()
    option.click()
    expect(field).to_have_value(label)


def _complete_most_items(plan: IndividualPlan) -> None:
    """The bulk, through the services: two items done, one not done."""
    today = timezone.localdate()
    first, second, third = plan.items.order_by("deadline", "pk")
    for item in (first, second):
        plans_services.mark_item(
            item=item,
            status=PlanItem.Status.DONE,
            done_on=today,
            evidence_text="Сделано, подтверждение у наставника.",
        )
    plans_services.mark_item(
        item=third,
        status=PlanItem.Status.NOT_DONE,
        not_done_reason="Стажировка перенесена управлением образования",
    )


def test_the_whole_cycle_from_the_order_to_the_confirmed_decision(
    live_server, page: Page, story, coordinator, mentor, reservist, secretary
):
    base = live_server.url
    today = timezone.localdate()
    page.set_viewport_size({"width": 1280, "height": 900})

    # 1. The head appoints the mentor by an order and registers it.
    _sign_in(page, base, "head")
    page.get_by_role("link", name="Подготовить приказ").click()
    page.get_by_label("Номер").fill("15-н")
    _choose(page, "id_lines-0-mentor", "Волк")
    _choose(page, "id_lines-0-reserve_entry", "Петр")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.locator("#order-status")).to_contain_text("черновик")
    page.get_by_role("link", name="Зарегистрировать (приказ подписан)").click()
    page.get_by_role("button", name="Зарегистрировать", exact=True).click()
    expect(page.locator("#order-status")).to_contain_text("зарегистрирован")
    _shot(page, "order")
    assert Mentorship.objects.get().status == Mentorship.Status.ACTIVE

    # 2. The mentor drafts the plan from the form's suggestions and submits it.
    _sign_in(page, base, "mentor")
    _menu(page, "Планы")
    page.locator("#mentees").get_by_role("link", name="Создать план").click()
    page.get_by_label("Начало периода").fill(today.isoformat())
    page.get_by_label("Окончание периода").fill(
        (today + timedelta(days=300)).isoformat()
    )
    page.get_by_label("мероприятиями, которые предлагает утверждённая форма").check()
    page.get_by_role("button", name="Создать черновик").click()
    expect(page.locator("#plan-status")).to_contain_text("черновик")
    expect(page.locator("tr.item-row")).to_have_count(3)
    page.get_by_role("button", name="Отправить на утверждение").click()
    expect(page.locator("#plan-status")).to_contain_text("на утверждении")

    # 3. The coordinator approves it.
    _sign_in(page, base, "coordinator")
    page.goto(f"{base}/plans/?status=submitted")
    page.get_by_role("link", name=RESERVIST).click()
    page.get_by_role("button", name="Утвердить", exact=True).click()
    expect(page.locator("#plan-status")).to_contain_text("утверждён")
    _shot(page, "plan-approved")

    # Most items are done (the bulk, not the point of this test).
    plan = IndividualPlan.objects.get()
    _complete_most_items(plan)

    # 4. The reservist drafts the joint report and writes the self-analysis.
    _sign_in(page, base, "reservist")
    page.get_by_role("link", name="Отчёт по плану").click()
    page.get_by_role("button", name="Составить отчёт").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Отчёт по плану: {RESERVIST}"
    )
    main = page.locator("main")
    expect(main).to_contain_text("Изучение устава и локальных актов школы")
    expect(main).to_contain_text("Стажировка перенесена управлением образования")
    page.get_by_role("textbox", name="Самоанализ резервиста").fill(
        "Изучил устав, выступил на педсовете; стажировку пройду в новом сроке."
    )
    page.get_by_role("button", name="Сохранить мою часть").click()
    expect(page.get_by_role("status")).to_contain_text("Ваша часть отчёта сохранена")

    # 5. The mentor writes the conclusion and the recommendation and agrees.
    _sign_in(page, base, "mentor")
    page.locator("#reports-to-agree").get_by_role("link", name=RESERVIST).click()
    page.get_by_role("textbox", name="Заключение наставника").fill(
        "План выполнен в основном; стажировку нужно пройти."
    )
    page.get_by_role(
        "combobox", name="Рекомендация аттестационной комиссии"
    ).select_option(label="продолжить подготовку")
    page.get_by_role("button", name="Сохранить мою часть").click()
    expect(page.get_by_role("status")).to_contain_text("Ваша часть отчёта сохранена")
    page.get_by_role("button", name="Согласовать отчёт").click()
    expect(page.locator("#agreement")).to_contain_text("наставник согласовал")

    # 6. The reservist agrees and submits it.
    _sign_in(page, base, "reservist")
    page.get_by_role("link", name="Мой отчёт", exact=True).click()
    page.get_by_role("button", name="Согласовать отчёт").click()
    expect(page.locator("#agreement")).to_contain_text("резервист согласовал")
    page.get_by_role("button", name="Отправить координатору").click()
    expect(page.locator("#report-status")).to_contain_text("отправлен координатору")

    # 7. The coordinator accepts it.
    _sign_in(page, base, "coordinator")
    _menu(page, "Отчёты по планам")
    page.get_by_role("link", name=RESERVIST).click()
    page.get_by_role("button", name="Принять отчёт").click()
    expect(page.locator("#report-status")).to_contain_text("принят")
    _shot(page, "report-accepted")
    assert PlanReport.objects.get().status == PlanReport.Status.ACCEPTED

    # 8. The coordinator schedules a session with the reservist on its agenda.
    page.goto(f"{base}/attestation/")
    page.get_by_role("link", name="Назначить заседание").click()
    page.get_by_label("Дата").fill(today.isoformat())
    page.get_by_label("Время").fill("10:00")
    page.get_by_label("Место проведения").fill("Управление образования, каб. 12")
    page.get_by_label(RESERVIST, exact=False).check()
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_role("status")).to_contain_text("Заседание назначено")
    _shot(page, "session")

    # 9. The mentor answers the invitation.
    _sign_in(page, base, "mentor")
    page.locator("#stat-invitations").get_by_role("link").first.click()
    page.get_by_label("Буду присутствовать").check()
    page.locator("#respond-form").get_by_role("button", name="Отправить ответ").click()
    expect(page.locator("#invitation")).to_contain_text("будет присутствовать")

    # 10. The secretary marks the members and the mentor present.
    _sign_in(page, base, "secretary")
    page.goto(f"{base}/attestation/")
    page.locator("table.list tbody a").first.click()
    boxes = page.locator("#attendance-form input[type=checkbox]")
    expect(boxes.first).to_be_visible()  # count() does not wait for the page
    assert boxes.count() == 6  # five members and the mentor
    for i in range(boxes.count()):
        boxes.nth(i).check()
    page.get_by_role("button", name="Отметить присутствующих").click()
    expect(page.get_by_role("status")).to_contain_text("Присутствие отмечено")
    expect(page.locator("#quorum")).to_contain_text("кворум есть")
    expect(page.locator("main")).to_contain_text("Волкова Елена Сергеевна")

    # 11. A member opens the materials pack from the home page and votes.
    _sign_in(page, base, "commission")
    page.locator("#packs").get_by_role("link", name=RESERVIST).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Материалы к аттестации"
    )
    report = page.get_by_role("region", name="Совместный отчёт о выполнении плана")
    expect(report).to_contain_text("Принят")
    expect(report).to_contain_text("Рекомендация наставника: продолжить подготовку")
    expect(report).to_contain_text("Изучил устав, выступил на педсовете")
    _shot(page, "pack")
    page.get_by_role("link", name="К аттестации").click()
    vote = page.locator("#vote-form")
    vote.get_by_label("продолжить подготовку").check()
    vote.get_by_role("button", name="Проголосовать").click()
    expect(page.get_by_role("status")).to_contain_text("Голос учтён")

    # 12. The secretary records the present members' votes and the decision.
    attestation = Attestation.objects.get()
    _sign_in(page, base, "secretary")
    page.goto(f"{base}{attestation.get_absolute_url()}")
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
    decision.get_by_label("Новый срок пребывания в резерве").fill(NEW_TERM.isoformat())
    decision.get_by_role("button", name="Внести решение").click()
    expect(page.get_by_role("status")).to_contain_text("ждёт утверждения")
    expect(page.locator("#decision")).to_contain_text("продолжить подготовку")
    assert ReserveEntry.objects.get(pk=story.pk).term_until != NEW_TERM

    # 13. The coordinator confirms it: the reserve entry changes.
    _sign_in(page, base, "coordinator")
    page.goto(f"{base}{attestation.get_absolute_url()}")
    page.get_by_role("button", name="Утвердить решение").click()
    expect(page.get_by_role("status")).to_contain_text("Решение утверждено")
    _shot(page, "decision")
    with page.expect_download() as download:
        page.locator("#h-extract ~ p").get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    entry = ReserveEntry.objects.get(pk=story.pk)
    assert entry.term_until == NEW_TERM
    assert entry.status == ReserveEntry.Status.ACTIVE
    assert Mentorship.objects.get().status == Mentorship.Status.ACTIVE
