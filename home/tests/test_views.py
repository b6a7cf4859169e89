"""The home page of every role and the menu."""

from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.tests.factories import UserFactory
from home.queries import REPORTS_ON_HOME
from people.tests.factories import PersonFactory, PositionFactory
from plan_reports.models import PlanReport
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory, make_eligible

HOME = reverse("home:index")


@pytest.fixture
def town(municipality, school, other_school, far_school):
    """Three people in School (one administrative), two in Other school, two
    positions in Town's catalogue, and one person far away."""
    director = PositionFactory(
        municipality=municipality, name="Директор", is_administrative=True
    )
    teacher = PositionFactory(municipality=municipality, name="Учитель")
    PersonFactory(organization=school, position=director)
    PersonFactory.create_batch(2, organization=school, position=teacher)
    PersonFactory.create_batch(2, organization=other_school, position=teacher)
    PersonFactory(organization=far_school)


def _stat(label, value, url=None):
    shown = f'<a href="{url}">{value}</a>' if url else str(value)
    return f"<div><dt>{label}</dt><dd>{shown}</dd></div>"


def test_home_redirects_anonymous_to_login(client, db):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/"


def test_home_greets_the_user_by_name_and_lists_roles(client, coordinator):
    coordinator.first_name, coordinator.last_name = "Марина", "Соколова"
    coordinator.save()
    client.force_login(coordinator)

    response = client.get(HOME)

    assertContains(response, "<h1>Здравствуйте, Марина Соколова</h1>", html=True)
    assertContains(response, "Ваши роли: координатор")


def test_home_shows_coordinator_real_counts_of_the_municipality(
    client, coordinator, town
):
    client.force_login(coordinator)

    response = client.get(HOME)

    assertContains(response, '<h2 id="h-coordinator">Координатор</h2>', html=True)
    assertContains(response, _stat("Организации", 2, "/organizations/"), html=True)
    assertContains(response, _stat("Люди", 5, "/people/"), html=True)
    assertContains(
        response,
        _stat("На административных должностях", 1, "/people/?administrative=yes"),
        html=True,
    )
    assertContains(
        response, _stat("Должностей в справочнике", 2, "/people/positions/"), html=True
    )
    assertNotContains(response, 'id="h-head"')


def test_home_shows_head_the_counts_of_own_organization(client, head, town):
    client.force_login(head)

    response = client.get(HOME)

    assertContains(response, '<h2 id="h-head">Руководитель организации</h2>', html=True)
    # three staff and the head themselves
    assertContains(
        response, _stat("Работников в вашей организации", 4, "/people/"), html=True
    )
    assertContains(response, _stat("На административных должностях", 1), html=True)
    assertNotContains(response, 'id="h-coordinator"')


def test_home_shows_mentor_the_mentor_card(client, mentor):
    client.force_login(mentor)

    response = client.get(HOME)

    assertContains(response, '<h2 id="h-mentor">Наставник</h2>', html=True)
    assertContains(response, "<dt>Ваши резервисты</dt>", html=True)
    assertNotContains(response, 'id="h-coordinator"')
    assertNotContains(response, 'id="h-head"')


def test_home_shows_reservist_the_reservist_card_with_own_card_link(client, reservist):
    client.force_login(reservist)

    response = client.get(HOME)

    assertContains(response, '<h2 id="h-reservist">Резервист</h2>', html=True)
    assertContains(
        response,
        f'<a href="{reservist.person.get_absolute_url()}">Моя карточка</a>',
        html=True,
    )


def test_home_shows_the_commission_members_card(client, commission):
    client.force_login(commission)

    response = client.get(HOME)

    assertContains(response, "Ваши роли:")
    assertContains(response, 'id="h-commission"')
    assertContains(response, "Предстоящих заседаний комиссии нет.")


@pytest.mark.parametrize("role", ["mentor", "reservist", "commission"])
def test_home_has_no_placeholder_texts(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assertNotContains(client.get(HOME), "Здесь будут")


def test_home_shows_every_card_of_a_user_with_several_roles(client, head):
    from accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=head, role=Role.MENTOR)
    client.force_login(head)

    response = client.get(HOME)

    assertContains(response, 'id="h-head"')
    assertContains(response, 'id="h-mentor"')


def test_home_tells_an_account_without_roles_to_ask_the_coordinator(client, db):
    client.force_login(UserFactory())

    response = client.get(HOME)

    assertContains(response, "Вашей учётной записи пока не назначена роль.")
    assertNotContains(response, 'class="stats"')


def test_home_shows_superuser_the_counts_of_every_municipality(client, superuser, town):
    client.force_login(superuser)

    response = client.get(HOME)

    assertContains(response, _stat("Организации", 3, "/organizations/"), html=True)
    assertContains(response, _stat("Люди", 6, "/people/"), html=True)
    assertContains(
        response, _stat("Должностей в справочнике", 3, "/people/positions/"), html=True
    )


REGISTRIES = {"Организации", "Моя организация", "Люди", "Сотрудники", "Должности"}


def _nav(response):
    return [str(item.label) for item in response.context["nav_items"]]


def test_navigation_of_coordinator_leads_to_the_registries(client, coordinator):
    client.force_login(coordinator)

    response = client.get(HOME)

    nav = _nav(response)
    assert nav[:5] == ["Главная", "Обзор", "Организации", "Люди", "Должности"]
    assert "Импорт" in nav
    assertContains(response, '<a href="/" aria-current="page">Главная</a>', html=True)


def test_navigation_marks_the_current_section(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("people:positions"))

    assertContains(
        response,
        '<a href="/people/positions/" aria-current="page">Должности</a>',
        html=True,
    )
    assertContains(response, '<a href="/people/">Люди</a>', html=True)


def test_navigation_of_head_leads_to_own_organization_and_staff(client, head):
    client.force_login(head)

    nav = _nav(client.get(HOME))

    assert nav[:4] == ["Главная", "Обзор", "Моя организация", "Сотрудники"]
    assert "Должности" not in nav
    assert "Импорт" not in nav


@pytest.mark.parametrize("role", ["mentor", "reservist", "commission"])
def test_navigation_of_other_roles_leads_to_no_registry(client, request, role):
    client.force_login(request.getfixturevalue(role))

    nav = _nav(client.get(HOME))

    assert nav[0] == "Главная"
    assert not REGISTRIES & set(nav)
    assert "Импорт" not in nav
    assert "Обзор" not in nav


# Budget: session, user, roles, linked person; home_counts: people counts,
# organisation count, position count; work_summary: reserve figures,
# mentors, draft orders; plan_summary: plans awaiting approval; coordinator_todo:
# reports to accept, decisions of the commission to confirm.
HOME_QUERIES = 13


@pytest.mark.parametrize("n", [3, 50])
def test_home_query_count_does_not_grow_with_rows(
    client, coordinator, school, django_assert_max_num_queries, n
):
    PersonFactory.create_batch(n, organization=school)
    client.force_login(coordinator)

    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get(HOME)

    assert response.context["counts"].people == n


# Budget of the mentor's home: session, user, roles, linked person; their
# reservists and the current plans of these (with progress counts); the overdue
# rows of their plans; to-do: rows to confirm, discussions to answer,
# consultation requests, attendance to mark, rows due this week, assessments due
# (one query with the submitted ones); the study of legal acts: checks to
# re-check, assignments awaiting the mentor (test_views_studies.py grows them);
# the reports awaiting their agreement; the invitations to sessions of the
# attestation commission; the conclusions to write as an internship supervisor
# (any account with a person beyond a reservist's). The roles and the person
# come from the cache at the next request.
MENTOR_HOME_QUERIES = 18


@pytest.mark.parametrize("n", [5, 20])
def test_mentor_home_query_count_does_not_grow_with_reservists(
    client, mentor, school, municipality, django_assert_max_num_queries, n
):
    municipality.mentor_max_load = n
    municipality.save()
    mentor_person = make_eligible(mentor.person)
    for _ in range(n):
        plan = IndividualPlanFactory(organization=school, mentor_person=mentor_person)
        PlanItemFactory(plan=plan, deadline=date(2026, 9, 15))
        PlanReport.objects.create(plan=plan, data={}, data_refreshed_at=plan.created_at)
    client.force_login(mentor)

    with django_assert_max_num_queries(MENTOR_HOME_QUERIES):
        response = client.get(HOME)
    with django_assert_max_num_queries(MENTOR_HOME_QUERIES - 2):
        again = client.get(HOME)

    assert len(response.context["mentor"].reservists) == n
    assert len(again.context["mentor"].reservists) == n
    assert len(response.context["reports"].to_agree) == min(n, REPORTS_ON_HOME)


MENU_PAGES = {
    "coordinator": [
        "organizations:list",
        "people:list",
        "people:positions",
        "reserve:list",
        "mentorships:mentors",
        "mentorships:orders",
        "imports:index",
        "plans:forms",
        "people:access_log",
        "plans:list",
        "plan_reports:list",
        "municipal_report:page",
    ],
    "head": [
        "organizations:list",
        "people:list",
        "reserve:list",
        "plans:list",
        "plan_reports:list",
    ],
    "mentor": ["mentorships:my_reservists", "plans:control", "plan_reports:list"],
    "reservist": ["mentorships:my_mentor", "plans:mine", "plan_reports:mine"],
}


@pytest.mark.parametrize("role", MENU_PAGES)
def test_menu_labels_are_the_headings_of_their_pages(client, request, role):
    client.force_login(request.getfixturevalue(role))
    labels = {
        item.url: str(item.label) for item in client.get(HOME).context["nav_items"]
    }

    for name in MENU_PAGES[role]:
        url = reverse(name)
        content = client.get(url).content.decode()
        assert f"<h1>{labels[url]}</h1>" in content, url
        assert f"<title>{labels[url]}" in content, url


def test_reservist_home_offers_the_report_to_write(client, reservist, mentor):
    plan = IndividualPlanFactory(
        reservist=reservist.person,
        mentor_person=make_eligible(mentor.person),
        status="approved",
    )
    client.force_login(reservist)
    response = client.get(HOME)
    assertContains(response, reverse("plan_reports:plan", args=[plan.pk]))
    report = PlanReport.objects.create(
        plan=plan, data={}, data_refreshed_at=plan.created_at
    )
    response = client.get(HOME)
    assertContains(response, report.get_absolute_url())
    client.force_login(mentor)
    response = client.get(HOME)
    assertContains(response, "Отчёты, ожидающие вашего согласования")
    assertContains(response, report.get_absolute_url())
