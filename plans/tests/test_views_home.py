"""Plans on the shared pages: the menu by role, the home page figures and the link
from the reservist's card."""

from datetime import date

import pytest
from django.urls import reverse

from home.tests.test_views import MENTOR_HOME_QUERIES
from home.tests.test_views_studies import RESERVIST_HOME_QUERIES
from plans import services
from plans.tests.view_helpers import add, approve, fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

HOME = reverse("home:index")


def _menu(client) -> list[str]:
    return [str(i.label) for i in client.get(HOME).context["nav_items"]]


@pytest.mark.parametrize(
    ("who", "present", "absent"),
    [
        ("coordinator", ["Формы планов", "Планы"], ["Контроль сроков", "Мой план"]),
        ("head", ["Планы"], ["Формы планов", "Контроль сроков"]),
        ("mentor", ["Планы", "Контроль сроков"], ["Формы планов", "Мой план"]),
        ("reservist", ["Мой план"], ["Формы планов", "Контроль сроков", "Планы"]),
    ],
)
def test_menu_offers_plans_by_role(client, who, present, absent, request):
    client.force_login(request.getfixturevalue(who))
    menu = _menu(client)
    assert all(label in menu for label in present), menu
    assert not any(label in menu for label in absent), menu


def test_home_counts_plans_awaiting_the_coordinator(client, coordinator, plan, mentor):
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.submit_plan(plan=plan)
    client.force_login(coordinator)
    response = client.get(HOME)
    assert response.context["plans"].awaiting_approval == 1
    content = response.content.decode()
    assert "Планы на утверждении" in content
    assert f'href="{reverse("plans:list")}?status=submitted">1</a>' in content


def test_home_counts_overdue_items_for_the_mentor(client, plan, mentor, coordinator):
    add(plan, mentor, "Просрочено", date(2026, 10, 1))
    add(plan, mentor, "Впереди", date(2027, 5, 1))
    approve(plan, mentor, coordinator)
    client.force_login(mentor)
    content = client.get(HOME).content.decode()
    assert "Просроченные мероприятия резервистов" in content
    assert f'href="{reverse("plans:control")}?overdue=on">1</a>' in content


def test_home_shows_the_reservists_own_progress(
    client, plan, mentor, reservist, coordinator
):
    done = add(plan, mentor, "Сделано", date(2026, 10, 1))
    add(plan, mentor, "Впереди", date(2027, 5, 1))
    approve(plan, mentor, coordinator)
    services.mark_item(
        item=fresh(done), status="done", done_on=date(2026, 9, 20), evidence_text="Да"
    )
    client.force_login(reservist)
    content = client.get(HOME).content.decode()
    assert "Ваш план индивидуальной подготовки:" in content
    assert plan.get_absolute_url() in content
    assert "выполнено 1 из 2" in content


def test_home_of_a_reservist_without_a_plan(client, reservist):
    client.force_login(reservist)
    content = client.get(HOME).content.decode()
    assert "У вас пока нет плана индивидуальной подготовки." in content


def test_reservists_card_links_to_the_plans(client, plan, mentor):
    client.force_login(mentor)
    content = client.get(plan.reserve_entry.get_absolute_url()).content.decode()
    assert f"{reverse('plans:list')}?entry={plan.reserve_entry_id}" in content
    assert "Планы индивидуальной подготовки" in content


@pytest.mark.parametrize("n", [3, 12])
def test_home_query_count_for_mentor_and_reservist(
    client, plan, mentor, reservist, coordinator, n, django_assert_max_num_queries
):
    for i in range(n):
        add(plan, mentor, f"Мероприятие {i}", date(2026, 10, 1))
    approve(plan, mentor, coordinator)
    for user in (mentor, reservist):
        client.force_login(user)
        # The budgets of each role's home, listed in home/tests.
        budget = MENTOR_HOME_QUERIES if user == mentor else RESERVIST_HOME_QUERIES
        with django_assert_max_num_queries(budget):
            assert client.get(HOME).status_code == 200
