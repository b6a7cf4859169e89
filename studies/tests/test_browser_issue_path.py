"""Issue 14 «done when», tried in a real browser (Debian's Chromium) as a new user
would, through the pages only: the mentor assigns two acts, one checked by a
test linked to a plan item and one by an interview; the reservist fails the
test once and passes (the page never shows the right options before
submission) and the plan item is done; the mentor records the interview and
evaluates an application; the coordinator adds a new edition and the passed
check is flagged on the reserve card and the mentor's home, and the mentor
re-opens it in one click; both sides assess competencies at the start and the
middle and the reserve card shows the growth chart. Services only set up the
cast."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page, expect

from competencies.models import Assessment
from competencies.services import framework_of
from legal_acts.tests.conftest import make_act
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from people.models import Person
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory
from reserve.tests.factories import ReserveEntryFactory
from studies.models import PracticeCase, StudyAssignment

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory
LAW = "Об образовании в Российской Федерации"
CODE = "Трудовой кодекс Российской Федерации"
ITEM = "Изучить закон об образовании: полномочия руководителя"
# The questions the mentor builds by hand: text, kind, options (text, right);
# the right options are not always first.
QUESTIONS = [
    (
        "Кто назначает руководителя муниципальной школы?",
        "один верный вариант",
        [("Педагогический совет", False), ("Учредитель", True), ("Родители", False)],
    ),
    (
        "Какие документы обязательны для образовательной организации?",
        "несколько верных вариантов",
        [("Бизнес-план", False), ("Устав", True), ("Лицензия", True)],
    ),
]
WRONG = ["Педагогический совет", "Бизнес-план"]
RIGHT = ["Учредитель", "Устав", "Лицензия"]
Status = StudyAssignment.Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def today() -> date:
    """The real day: the live server runs in its own thread, no time travel."""
    return timezone.localdate()


@pytest.fixture
def story(coordinator, mentor, reservist, municipality, today) -> Mentorship:
    """The cast: a mentorship started two months ago, the reservist's approved
    plan with an item, two acts in the catalogue and the competency framework."""
    Person.objects.filter(pk=mentor.person.pk).update(
        last_name="Волкова", first_name="Елена", middle_name="Сергеевна"
    )
    Person.objects.filter(pk=reservist.person.pk).update(
        last_name="Петров", first_name="Дмитрий", middle_name="Иванович"
    )
    make_act(municipality)
    make_act(municipality, level="federal", kind="code", number="197-ФЗ", title=CODE)
    framework_of(municipality)
    mentorship = MentorshipFactory.create(
        mentor=mentor.person,
        reserve_entry=ReserveEntryFactory(person=reservist.person),
        starts_on=today - timedelta(days=60),
        planned_end_on=today + timedelta(days=300),
    )
    plan = IndividualPlanFactory(
        reserve_entry=mentorship.reserve_entry,
        status=IndividualPlan.Status.APPROVED,
        period_start=today - timedelta(days=60),
        period_end=today + timedelta(days=300),
    )
    PlanItemFactory(plan=plan, activity=ITEM, deadline=today + timedelta(days=30))
    return mentorship


def _screenshots(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for suffix, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{suffix}.png", full_page=True)
        widest = page.evaluate("document.documentElement.scrollWidth")
        assert widest <= width, f"{name} is {widest}px wide at {width}px"
    page.set_viewport_size({"width": 1280, "height": 900})


def _console_errors(page: Page) -> list[str]:
    """Errors in the console (a style or script refused by the CSP among them),
    the browser's own request of /favicon.ico aside."""
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        where = message.location.get("url", "")
        if message.type == "error" or "Content Security" in message.text:
            if not where.endswith("/favicon.ico"):
                errors.append(f"{message.text} ({where})")

    page.on("console", console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


def _menu(page: Page, label: str) -> None:
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name=label, exact=True
    ).click()


def _open_assignment(page: Page, title: str) -> None:
    _menu(page, "Изучение НПА")
    expect(page.get_by_role("heading", level=1)).to_have_text("Изучение НПА")
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def _open_card(page: Page, base_url: str, story: Mentorship) -> None:
    """The reservist's reserve card, with its htmx fragments loaded."""
    page.goto(f"{base_url}/reserve/{story.reserve_entry_id}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Петров")
    expect(page.locator("#card-studies").get_by_role("heading", level=2)).to_have_text(
        "Изучение нормативных правовых актов"
    )


# ------------------------------------------------------------------ the steps


def _mentor_assigns(page: Page, today: date) -> None:
    due = (today + timedelta(days=21)).isoformat()
    item_label = f"{ITEM} — {today + timedelta(days=30):%d.%m.%Y}"
    # The law, checked by a test of two questions, completes the plan item.
    _menu(page, "Изучение НПА")
    page.get_by_role("link", name="Поручить изучить акт").click()
    page.get_by_label("Резервист").select_option(label="Петров Дмитрий Иванович")
    page.locator("#id_act").select_option(label=f"{LAW} (федеральный закон № 273-ФЗ)")
    page.get_by_label("Цель").fill("Знать полномочия руководителя и учредителя")
    page.get_by_label("Срок").fill(due)
    expect(page.get_by_role("group", name="Настройки теста")).to_be_visible()
    page.locator("#id_pass_threshold").fill("100")
    page.locator("#id_max_attempts").fill("3")
    page.locator("#id_plan_item").select_option(label=item_label)
    page.get_by_role("button", name="Поручить").click()
    expect(page.get_by_text("Поручение изучить акт дано.")).to_be_visible()
    expect(page.get_by_role("link", name=ITEM)).to_be_visible()
    page.get_by_role("link", name="Вопросы теста").click()
    for text, kind, options in QUESTIONS:
        page.get_by_role("link", name="Добавить вопрос").click()
        page.locator("#id_text").fill(text)
        page.get_by_label(kind).check()
        for n, (option, right) in enumerate(options, start=1):
            page.locator(f"#id_option_{n}").fill(option)
            if right:
                page.locator(f"#id_correct_{n}").check()
        page.get_by_role("button", name="Сохранить").click()
        expect(page.get_by_text("Вопрос сохранён.")).to_be_visible()
    expect(page.locator(".quiz-questions > li")).to_have_count(2)
    # The key the mentor sees: three right options, marked.
    expect(page.get_by_text("✓ верный")).to_have_count(3)

    # The Labour Code, checked by an interview.
    _menu(page, "Изучение НПА")
    page.get_by_role("link", name="Поручить изучить акт").click()
    page.get_by_label("Резервист").select_option(label="Петров Дмитрий Иванович")
    page.locator("#id_act").select_option(label=f"{CODE} (кодекс № 197-ФЗ)")
    page.get_by_label("Статьи").fill("ст. 21, 22")
    page.get_by_label("Цель").fill("Знать права и обязанности работодателя")
    page.get_by_label("Срок").fill(due)
    page.get_by_label("собеседование").check()
    expect(page.get_by_role("group", name="Настройки теста")).to_be_hidden()
    page.get_by_role("button", name="Поручить").click()
    expect(page.get_by_text("Поручение изучить акт дано.")).to_be_visible()
    _menu(page, "Изучение НПА")
    expect(page.locator("tbody tr")).to_have_count(2)


def _no_key_in(page: Page) -> None:
    """The attempt's page shows the options alike: no mark of the key the
    mentor sees, and the right options' inputs differ from the others in
    nothing but their value and id."""
    html = page.content()
    for marker in ("✓", "верный", "badge ok", "correct", "is_correct"):
        assert marker not in html, f"the attempt's page shows «{marker}»"
    inputs = page.locator("form input[name^=answer-]")
    expect(inputs).to_have_count(6)
    shapes = inputs.evaluate_all(
        """els => els.map(e => [e.type, Array.from(e.attributes, a => a.name)
            .filter(n => n !== "value" && n !== "id").sort().join(",")])"""
    )
    assert {tuple(s) for s in shapes} == {
        ("radio", "name,type"),
        ("checkbox", "name,type"),
    }, shapes


def _api_test(page: Page, base_url: str, pk: int) -> dict:
    """The test as the API gives it to the signed-in user (the session)."""
    response = page.request.get(f"{base_url}/api/v1/study-assignments/{pk}/test")
    assert response.ok, response.status
    return response.json()


def _api_hides_the_key(page: Page, base_url: str, pk: int) -> None:
    found = _api_test(page, base_url, pk)
    assert found["key"] == "hidden"
    options = [o for q in found["questions"] for o in q["options"]]
    assert len(options) == 6
    assert not any("is_correct" in o for o in options), options


def _answer(page: Page, labels: list[str]) -> None:
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Отправить ответы").click()


def _reservist_takes_the_test(page: Page, base_url: str, pk: int) -> None:
    _open_assignment(page, LAW)
    page.get_by_role("link", name="Пройти тест").click()
    expect(page.get_by_text("3 всего, осталось 3")).to_be_visible()
    page.get_by_role("button", name="Начать попытку").click()
    expect(page.get_by_text("Попытка 1 из 3.")).to_be_visible()
    _no_key_in(page)
    _api_hides_the_key(page, base_url, pk)
    _answer(page, WRONG)
    expect(page.get_by_role("heading", level=1)).to_have_text("Результат попытки 1")
    expect(page.get_by_text("не пройден")).to_be_visible()
    page.get_by_role("link", name="На страницу теста").click()
    page.get_by_role("button", name="Начать попытку").click()
    expect(page.get_by_text("Попытка 2 из 3.")).to_be_visible()
    _no_key_in(page)
    _answer(page, RIGHT)
    expect(page.get_by_role("heading", level=1)).to_have_text("Результат попытки 2")
    expect(page.get_by_text("2 из 2")).to_be_visible()
    page.get_by_role("link", name="На страницу теста").click()
    expect(page.get_by_text("Тест пройден.")).to_be_visible()
    # The plan item the test completes is done on the plan's page.
    _open_assignment(page, LAW)
    expect(page.get_by_text("проверка пройдена")).to_be_visible()
    page.get_by_role("link", name=ITEM).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "План индивидуальной подготовки"
    )
    row = page.locator("tr[id^=item-]").filter(has_text=ITEM)
    expect(row.locator("td.mark .badge").first).to_have_text("выполнено")


def _mentor_records_the_interview(page: Page, today: date) -> None:
    _open_assignment(page, CODE)
    page.get_by_label("Дата собеседования").fill(today.isoformat())
    page.locator("#id_mark").select_option(label="зачтено")
    page.get_by_label("Комментарий").fill("Уверенно знает ст. 21 и 22 ТК РФ.")
    page.get_by_role("button", name="Записать собеседование").click()
    expect(page.get_by_text("Собеседование записано.")).to_be_visible()
    expect(page.get_by_text("проверка пройдена")).to_be_visible()


def _reservist_describes_an_application(page: Page) -> None:
    _open_assignment(page, CODE)
    page.get_by_label("Как вы применили акт").fill(
        "Подготовил проект правил внутреннего трудового распорядка школы и "
        "ознакомил с ним работников под подпись."
    )
    page.get_by_role("button", name="Отправить наставнику").click()
    expect(
        page.get_by_text("Описание применения отправлено наставнику.")
    ).to_be_visible()


def _mentor_evaluates(page: Page) -> None:
    _open_assignment(page, CODE)
    expect(page.get_by_text("ознакомил с ним работников")).to_be_visible()
    page.get_by_label("применено верно").check()
    page.locator("#id_evaluation_comment").fill("Всё по ст. 189, 190 ТК РФ.")
    page.get_by_role("button", name="Оценить").click()
    expect(page.get_by_text("Применение оценено.")).to_be_visible()


def _coordinator_adds_an_edition(page: Page, today: date) -> None:
    _menu(page, "Нормативные акты")
    page.get_by_role("link", name=CODE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE)
    page.get_by_label("Дата редакции").fill(today.isoformat())
    page.get_by_label("Что изменилось").fill("Новая редакция статьи 22")
    page.get_by_role("button", name="Добавить редакцию").click()
    expect(page.get_by_text("Новая редакция статьи 22")).to_be_visible()


def _mentor_reopens(page: Page) -> None:
    todo = page.locator("#studies-todo")
    expect(todo).to_contain_text("Требуется повторная проверка")
    expect(todo).to_contain_text("Новая редакция статьи 22")
    todo.get_by_role("link", name=CODE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE)
    alert = page.get_by_role("alert").filter(has_text="Требуется повторная проверка")
    expect(alert).to_contain_text("Новая редакция статьи 22")
    alert.get_by_role("button", name="Открыть проверку заново").click()
    expect(page.get_by_text("Проверка открыта заново.")).to_be_visible()
    expect(page.get_by_text("круг 2")).to_be_visible()
    expect(page.get_by_role("heading", name="Записать собеседование")).to_be_visible()


def _assess(page: Page, point: str, levels: list[str]) -> None:
    _menu(page, "Мои компетенции")
    page.get_by_role("link", name=f"Оценить: {point}").click()
    fields = page.get_by_label("Уровень (1–5)")
    expect(fields).to_have_count(7)
    for i in range(7):
        fields.nth(i).fill(levels[i])
    page.get_by_role("button", name="Отправить оценку").click()
    expect(page.get_by_text("Оценка отправлена.")).to_be_visible()


# ------------------------------------------------------------------- the test


def test_issue_14_done_when(live_server, page: Page, story, today):
    errors = _console_errors(page)
    url = live_server.url

    # 1. The mentor assigns two acts.
    _sign_in(page, url, "mentor")
    _mentor_assigns(page, today)
    law = StudyAssignment.objects.get(act__title=LAW)
    code = StudyAssignment.objects.get(act__title=CODE)
    assert law.check_method == StudyAssignment.CheckMethod.TEST
    assert law.plan_item is not None and law.plan_item.activity == ITEM
    assert code.check_method == StudyAssignment.CheckMethod.INTERVIEW

    # 2. The reservist fails the test once, then passes: the item is done.
    # The mentor's API gives the key that the reservist's never does.
    key = _api_test(page, url, law.pk)
    assert key["key"] == "shown"
    assert sum(o["is_correct"] for q in key["questions"] for o in q["options"]) == 3
    _sign_in(page, url, "reservist")
    _reservist_takes_the_test(page, url, law.pk)
    law.refresh_from_db()
    assert law.status == Status.PASSED
    assert [a.passed for a in law.attempts.order_by("number")] == [False, True]
    assert PlanItem.objects.get(activity=ITEM).status == PlanItem.Status.DONE

    # 3. The interview and the application.
    _sign_in(page, url, "mentor")
    _mentor_records_the_interview(page, today)
    _sign_in(page, url, "reservist")
    _reservist_describes_an_application(page)
    _sign_in(page, url, "mentor")
    _mentor_evaluates(page)
    assert PracticeCase.objects.get(assignment=code).evaluation == "correct"

    # 4. A new edition flags the passed interview; the mentor re-opens it.
    _sign_in(page, url, "coordinator")
    _coordinator_adds_an_edition(page, today)
    code.refresh_from_db()
    assert code.status == Status.RECHECK
    _open_card(page, url, story)
    expect(page.locator("#card-studies .recheck")).to_contain_text(
        f"Требуется повторная проверка: {CODE}"
    )
    _sign_in(page, url, "mentor")
    _mentor_reopens(page)
    code.refresh_from_db()
    assert (code.status, code.check_round) == (Status.STUDIED, 2)

    # 5. Both sides assess at the start and the middle.
    _sign_in(page, url, "reservist")
    _assess(page, "начало наставничества", ["4", "4", "3", "3", "4", "5", "4"])
    _assess(page, "середина наставничества", ["4", "5", "4", "4", "4", "5", "4"])
    _sign_in(page, url, "mentor")
    _assess(page, "начало наставничества", ["3", "3", "2", "3", "3", "4", "3"])
    _assess(page, "середина наставничества", ["4", "4", "3", "3", "4", "4", "4"])
    assert Assessment.objects.filter(mentorship=story).count() == 4
    _sign_in(page, url, "coordinator")
    _open_card(page, url, story)
    growth = page.locator("#growth")  # the fragment #competency-growth became
    expect(growth.get_by_role("heading", name="Динамика компетенций")).to_be_visible()
    expect(growth.get_by_role("img")).to_have_count(8)  # the average and seven
    expect(page.locator("#competency-growth")).to_have_count(0)
    growth.scroll_into_view_if_needed()
    _screenshots(page, "issue14-card")
    assert errors == []
