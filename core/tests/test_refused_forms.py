"""A form shown again with errors answers 422 (design §7: bad input gets a 4xx),
for plain posts and htmx alike, and still shows the Russian errors."""

import pytest
from django import forms
from django.urls import reverse
from pytest_django.asserts import assertContains

from core.conflicts import add_conflict_error, form_status

REQUIRED = "Обязательное поле."


class NameForm(forms.Form):
    name = forms.CharField()


def test_form_status_tells_unbound_valid_refused_and_conflicting_forms_apart():
    refused = NameForm({})
    conflicting = NameForm({"name": "x"})
    conflicting.is_valid()
    add_conflict_error(conflicting)

    assert form_status(NameForm()) == 200
    assert form_status(NameForm({"name": "x"})) == 200
    assert form_status(None, refused) == 422
    assert form_status(refused, conflicting) == 409
    assert form_status(forms.formset_factory(NameForm)({})) == 422  # no management form


@pytest.mark.parametrize("htmx", [False, True])
def test_an_invalid_post_answers_422_with_the_form_and_its_errors(
    client, coordinator, htmx
):
    client.force_login(coordinator)
    headers = {"HX-Request": "true"} if htmx else {}

    response = client.post(reverse("people:positions"), {"name": ""}, headers=headers)

    assertContains(response, REQUIRED, status_code=422)


def test_a_valid_post_still_redirects(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("people:positions"), {"name": "Учитель"})

    assert response.status_code == 302


def test_the_page_of_a_form_answers_200(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("people:positions")).status_code == 200


def test_class_based_views_answer_422_too(client, coordinator):
    """Django's sign-in view (a TemplateResponse): RefusedFormStatusMiddleware."""
    response = client.post(
        reverse("accounts:login"), {"username": "coordinator", "password": "wrong"}
    )

    assertContains(
        response,
        "Пожалуйста, введите правильные имя пользователя и пароль.",
        status_code=422,
    )


def test_a_failed_password_change_answers_422(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("accounts:password_change"), {})

    assertContains(response, REQUIRED, status_code=422)


def test_htmx_swaps_422_answers(client, coordinator):
    """htmx 2 does not swap 4xx by default: the layout's config makes 422 swap."""
    client.force_login(coordinator)

    response = client.get(reverse("home:index"))

    assertContains(response, '{"code": "422", "swap": true}')
