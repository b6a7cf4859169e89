"""The error pages of the layout and what every page carries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains

from core import views

HOME = reverse("home:index")


CONFLICT_SWAPS = '{"code": "409", "swap": true}'


@pytest.mark.parametrize(
    ("url", "status"),
    [(HOME, 200), (reverse("accounts:login"), 200), ("/no-such-page/", 404)],
)
def test_every_page_lets_htmx_swap_a_conflict(client, coordinator, url, status):
    """A 409 carries the fresh state and why nothing was saved: htmx shows it on
    every page, configured once in the layout's head before htmx loads."""
    if url != reverse("accounts:login"):
        client.force_login(coordinator)

    response = client.get(url)

    assert response.status_code == status
    head = response.content.decode().split("</head>")[0]
    assert head.count('<meta name="htmx-config"') == 1
    config = head.split('<meta name="htmx-config"')[1].split(">")[0]
    assert CONFLICT_SWAPS in config
    assert head.index('name="htmx-config"') < head.index("<script")


def test_unknown_url_shows_russian_404_page(client, db):
    response = client.get("/no-such-page/")

    assertContains(response, "<h1>Страница не найдена</h1>", status_code=404, html=True)
    assertContains(
        response, "Такой страницы нет или она вам недоступна.", status_code=404
    )


def test_unknown_url_shows_404_page_with_menu_to_signed_in_user(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/organizations/no-such-page/")

    assertContains(response, "Страница не найдена", status_code=404)
    assertContains(response, "Выйти", status_code=404)


def test_denied_action_shows_russian_403_page(client, head):
    client.force_login(head)

    response = client.get(reverse("organizations:create"))

    assertContains(response, "<h1>Доступ запрещён</h1>", status_code=403, html=True)


def test_bad_request_page_is_russian(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    response = views.bad_request(request, Exception())

    assert response.status_code == 400
    assert "Некорректный запрос" in response.content.decode()


def test_server_error_page_is_russian_and_needs_no_database():
    request = RequestFactory().get("/")

    response = views.server_error(request)  # no db fixture: a query would fail

    assert response.status_code == 500
    assert "<h1>Ошибка сервера</h1>" in response.content.decode()
