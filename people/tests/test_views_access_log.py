"""The coordinator's personal-data access log: scope, roles, filters, pages, Excel."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core.tests.utils import xlsx_rows
from people.models import PersonViewLog
from people.services import record_people_access
from people.tests.factories import PersonFactory

LOG = reverse("people:access_log")
EXPORT = reverse("people:access_log_export")


def _log(people, user, channel=PersonViewLog.Channel.LIST, source="/people/"):
    record_people_access(
        people_ids=[p.pk for p in people], user=user, channel=channel, source=source
    )


def test_coordinator_sees_who_viewed_whose_data_in_scope_only(
    client, coordinator, school, far_school, head
):
    mine = PersonFactory(organization=school, last_name="Смирнов")
    far = PersonFactory(organization=far_school, last_name="Дальний")
    _log([mine, far], head, PersonViewLog.Channel.PAGE, "/people/1/")
    client.force_login(coordinator)

    response = client.get(LOG)

    assert response.status_code == 200
    assertContains(response, "<h1>Журнал доступа</h1>", html=True)
    assertContains(response, "Смирнов")
    assertContains(response, "карточка")
    assertContains(response, "/people/1/")
    assertNotContains(response, "Дальний")
    assert response.context["page"].paginator.count == 1


@pytest.mark.parametrize("who", ["head", "mentor", "reservist", "commission"])
def test_other_roles_get_403(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(LOG).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_a_stranger_coordinator_sees_none_of_town(client, stranger, school, head):
    _log([PersonFactory(organization=school, last_name="Смирнов")], head)
    client.force_login(stranger)
    response = client.get(LOG)
    assert response.status_code == 200
    assertNotContains(response, "Смирнов")


def test_filters_by_person_viewer_kind_and_period(
    client, coordinator, school, head, mentor
):
    smirnov = PersonFactory(organization=school, last_name="Смирнов")
    petrov = PersonFactory(organization=school, last_name="Петров")
    _log([smirnov], head, PersonViewLog.Channel.PAGE)
    _log([petrov], mentor, PersonViewLog.Channel.API)
    client.force_login(coordinator)

    def names(**params) -> set[str]:
        page = client.get(LOG, params).context["page"]
        return {log.person.last_name for log in page.object_list}

    assert names(person="смирн") == {"Смирнов"}
    assert names(person_id=petrov.pk) == {"Петров"}
    assert names(viewer="mentor") == {"Петров"}
    assert names(kind="api") == {"Петров"}
    assert names(since="2000-01-01", until="2100-01-01") == {"Смирнов", "Петров"}
    assert names(since="2100-01-01") == set()


def test_a_bad_date_is_a_russian_error_and_the_filters_are_ignored(client, coordinator):
    client.force_login(coordinator)
    response = client.get(LOG, {"since": "вчера"})
    assert response.status_code == 200
    assertContains(response, "Введите правильную дату")


@pytest.mark.parametrize("n", [3, 30])
def test_pages_of_25_cost_the_same(
    client, coordinator, school, head, django_assert_max_num_queries, n
):
    _log(PersonFactory.create_batch(n, organization=school), head)
    client.force_login(coordinator)
    # session, user, roles, person, count, the page's rows
    with django_assert_max_num_queries(6):
        response = client.get(LOG)
    assert len(response.context["page"].object_list) == min(n, 25)


def test_export_writes_the_filtered_rows(client, coordinator, school, head):
    _log([PersonFactory(organization=school, last_name="Смирнов")], head)
    _log([PersonFactory(organization=school, last_name="Петров")], coordinator)
    client.force_login(coordinator)

    rows = xlsx_rows(client.get(EXPORT, {"viewer": "head"}))

    assert rows[0] == ["Когда", "Кто смотрел", "Чьи данные", "Вид", "Страница"]
    assert len(rows) == 2
    assert "head" in rows[1][1]
    assert rows[1][2].startswith("Смирнов")
    assert rows[1][3:] == ["список", "/people/"]


def test_menu_links_the_log_for_the_coordinator_only(client, coordinator, head):
    client.force_login(coordinator)
    assertContains(client.get(reverse("home:index")), LOG)
    client.force_login(head)
    assertNotContains(client.get(reverse("home:index")), LOG)
