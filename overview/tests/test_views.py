"""The overview page and the lists behind its figures: who may open them, the
period, and — for every figure — the list's count equal to the figure."""

import pytest
from django.urls import reverse

from overview import queries
from overview.tests.conftest import build

URL = reverse("overview:index")


def _count(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def _checked_links(figures):
    """Every (figure, link) pair of the page: the overview's own list and, where
    one fits, the domain's list."""
    for key in (
        "reservists_by_status",
        "reservists_by_position",
        "reservists_by_organization",
        "plans_by_status",
        "overdue_by_organization",
        "internships",
        "studies",
        "attestations",
    ):
        for g in figures[key].groups:
            yield f"{key}:{g.label}", g.count, g.url
            if g.list_url:
                yield f"{key}:{g.label} (register)", g.count, g.list_url
    for g in figures["mentors"]["by_load"].groups:
        yield f"load {g.key}", g.count, g.url
    for g in figures["items"]["breakdown"].groups:
        yield f"items:{g.key}", g.count, g.url
    mentors, events, appointed = (
        figures["mentors"],
        figures["events"],
        figures["appointments"],
    )
    yield "mentors", mentors["n"], mentors["url"]
    yield "mentors (register)", mentors["n"], mentors["list_url"]
    yield "events", events["n"], events["url"]
    yield "events (register)", events["n"], events["list_url"]
    yield "appointed", appointed["n"], appointed["url"]
    yield "appointed in term", appointed["in_term"], appointed["in_term_url"]
    for row in figures["growth"]:
        for role in ("self", "mentor"):
            yield f"growth {row['point']} {role}", row[role]["n"], row[role]["url"]


@pytest.mark.parametrize("role", ["coordinator", "head"])
def test_every_figure_equals_the_count_of_its_list(client, request, town, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    figures = client.get(URL).context["figures"]
    checked = list(_checked_links(figures))
    assert sum(n for _name, n, _url in checked) > 40  # the town is not empty
    mismatches = [
        (name, n, _count(client, url))
        for name, n, url in checked
        if _count(client, url) != n
    ]
    assert mismatches == []


def test_the_page_shows_the_figures_with_their_tables(client, coordinator, town):
    client.force_login(coordinator)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html
    assert "<table" in html
    assert "Резервисты по статусу" in html
    assert "25%" in html  # done on time
    assert "?date_from=2026-11-01&amp;date_to=2026-11-30" in html  # this month


@pytest.mark.parametrize("role", ["mentor", "reservist", "commission"])
def test_other_roles_are_refused(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("overview:rows", args=["reservists"])).status_code == 403


def test_a_stranger_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unknown_list_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("overview:rows", args=["nothing"])).status_code == 404


def test_a_period_ending_before_it_starts_is_refused_in_russian(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL, {"date_from": "2026-12-01", "date_to": "2026-01-01"})
    assert response.status_code == 422
    assert "Начало периода позже его окончания." in response.content.decode()
    assert response.context["figures"] is None
    rows = reverse("overview:rows", args=["items"])
    response = client.get(rows, {"date_from": "2026-12-01", "date_to": "2026-01-01"})
    assert response.status_code == 422
    assert "Начало периода позже его окончания." in response.content.decode()


def test_a_malformed_date_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL, {"date_from": "31.02.2026"})
    assert response.status_code == 422
    assert "Введите правильную дату." in response.content.decode()


def test_an_unknown_group_is_refused_in_russian(client, coordinator):
    client.force_login(coordinator)
    rows = reverse("overview:rows", args=["reservists"])
    response = client.get(rows, {"status": "asleep"})
    assert response.status_code == 422
    assert "Неизвестное значение фильтра «status»." in response.content.decode()
    assert client.get(rows, {"organization": "abc"}).status_code == 422


def _queries_of_page(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(URL)  # the account's roles are cached by the first request
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_costs_the_same_queries_for_more_reservists(
    client, coordinator, school, other_school, django_assert_max_num_queries
):
    client.force_login(coordinator)
    build(school, 1)
    small = _queries_of_page(client, django_assert_max_num_queries)
    build(other_school, 3)
    assert _queries_of_page(client, django_assert_max_num_queries) == small
    assert small <= 30


def test_a_list_costs_the_same_queries_for_more_rows(client, coordinator, school):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    build(school, 1)
    client.get(URL)  # the account's roles are cached by the first request
    counts = []
    for name in queries.SETS:
        url = reverse("overview:rows", args=[name])
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts.append(len(ctx.captured_queries))
    build(school, 2)
    again = []
    for name in queries.SETS:
        url = reverse("overview:rows", args=[name])
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        again.append(len(ctx.captured_queries))
    assert again == counts


def test_a_list_logs_the_people_it_shows(client, coordinator, town):
    from people.models import PersonViewLog

    client.force_login(coordinator)
    client.get(reverse("overview:rows", args=["reservists"]), {"status": "active"})
    logged = PersonViewLog.objects.filter(user=coordinator)
    assert logged.count() == 3
    assert {log.channel for log in logged} == {PersonViewLog.Channel.LIST}
