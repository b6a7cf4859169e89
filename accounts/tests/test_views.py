"""Sign in and out, change and reset the password: Django's views, our Russian pages."""

import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.tests.factories import UserFactory

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
PASSWORD_CHANGE = reverse("accounts:password_change")
PASSWORD_RESET = reverse("accounts:password_reset")
NEW_PASSWORD = "Kedr-Strezhevoy-2026"


@pytest.fixture
def user(db):
    return UserFactory(username="ivanova", email="ivanova@example.ru")


def test_login_page_is_russian(client, db):
    response = client.get(LOGIN)

    assertContains(response, "<h1>Вход</h1>", html=True)
    assertContains(response, "Забыли пароль?")
    assertContains(response, 'name="username"')


def test_login_with_right_credentials_leads_home(client, user):
    response = client.post(
        LOGIN, {"username": "ivanova", "password": "secret-pass-1"}, follow=True
    )

    assertRedirects(response, reverse("home:index"))
    assert response.context["user"] == user


def test_login_follows_next_within_the_site(client, user):
    response = client.post(
        LOGIN,
        {"username": "ivanova", "password": "secret-pass-1", "next": "/people/"},
    )

    assertRedirects(response, "/people/", fetch_redirect_response=False)


def test_login_ignores_next_to_another_site(client, user):
    response = client.post(
        LOGIN,
        {
            "username": "ivanova",
            "password": "secret-pass-1",
            "next": "https://evil.ru/",
        },
    )

    assertRedirects(response, reverse("home:index"), fetch_redirect_response=False)


def test_login_with_wrong_password_shows_russian_error(client, user):
    response = client.post(LOGIN, {"username": "ivanova", "password": "wrong"})

    assert response.status_code == 422
    assertContains(
        response,
        "Пожалуйста, введите правильные имя пользователя и пароль. "
        "Оба поля могут быть чувствительны к регистру.",
        status_code=422,
    )
    assert "_auth_user_id" not in client.session


def test_login_of_inactive_account_is_refused(client, user):
    user.is_active = False
    user.save()

    response = client.post(LOGIN, {"username": "ivanova", "password": "secret-pass-1"})

    assertContains(
        response,
        "Пожалуйста, введите правильные имя пользователя и пароль.",
        status_code=422,
    )


TOO_MANY = "Слишком много неудачных попыток входа. Повторите через 15 минут."


def _fail_logins(client, n: int, username: str = "ivanova") -> None:
    for _ in range(n):
        client.post(LOGIN, {"username": username, "password": "wrong"})


def test_login_is_refused_after_ten_failures_even_with_the_right_password(client, user):
    _fail_logins(client, 10)

    response = client.post(LOGIN, {"username": "ivanova", "password": "secret-pass-1"})

    assert response.status_code == 429
    assertContains(response, TOO_MANY, status_code=429)
    assert "_auth_user_id" not in client.session


def test_login_allows_nine_failures(client, user):
    _fail_logins(client, 9)

    response = client.post(LOGIN, {"username": "ivanova", "password": "secret-pass-1"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_lockout_is_per_username(client, user):
    UserFactory(username="petrov")
    _fail_logins(client, 10, username="petrov")

    response = client.post(LOGIN, {"username": "ivanova", "password": "secret-pass-1"})

    assert response.status_code == 302


def test_login_lockout_ends_after_15_minutes(client, user):
    with time_machine.travel("2026-11-24 09:00 +07:00", tick=False) as clock:
        _fail_logins(client, 10)
        clock.shift(15 * 60 + 1)

        response = client.post(
            LOGIN, {"username": "ivanova", "password": "secret-pass-1"}
        )

    assert response.status_code == 302


def test_login_page_sends_a_signed_in_user_home(client, user):
    client.force_login(user)

    assertRedirects(client.get(LOGIN), reverse("home:index"))


def test_logout_by_post_signs_out_and_shows_login(client, user):
    client.force_login(user)

    response = client.post(LOGOUT, follow=True)

    assertRedirects(response, LOGIN)
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_logout_by_get_is_not_allowed(client, user):
    client.force_login(user)

    assert client.get(LOGOUT).status_code == 405
    assert "_auth_user_id" in client.session


def test_password_change_requires_login(client, db):
    response = client.get(PASSWORD_CHANGE)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_password_change_sets_the_new_password_and_keeps_the_session(client, user):
    client.force_login(user)

    response = client.post(
        PASSWORD_CHANGE,
        {
            "old_password": "secret-pass-1",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )

    assertRedirects(response, reverse("accounts:password_change_done"))
    assertContains(response, "<h1>Пароль изменён</h1>", html=True)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/").status_code == 200


def test_password_change_with_wrong_old_password_shows_russian_error(client, user):
    client.force_login(user)

    response = client.post(
        PASSWORD_CHANGE,
        {
            "old_password": "wrong",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assertContains(response, "Ваш старый пароль введен неправильно.", status_code=422)
    user.refresh_from_db()
    assert user.check_password("secret-pass-1")


def test_password_change_rejects_a_weak_password_in_russian(client, user):
    client.force_login(user)

    response = client.post(
        PASSWORD_CHANGE,
        {
            "old_password": "secret-pass-1",
            "new_password1": "123",
            "new_password2": "123",
        },
    )

    assertContains(response, "Введённый пароль слишком короткий.", status_code=422)


def test_password_reset_page_is_ours_and_russian(client, db):
    response = client.get(PASSWORD_RESET)

    assertContains(response, "<h1>Восстановление пароля</h1>", html=True)
    assertContains(response, "Укажите адрес электронной почты вашей учётной записи")
    assertNotContains(response, "Администрирование Django")


def test_password_change_page_is_ours_and_russian(client, user):
    client.force_login(user)

    response = client.get(PASSWORD_CHANGE)

    assertContains(response, "<h1>Сменить пароль</h1>", html=True)
    assertNotContains(response, "Администрирование Django")


def test_password_reset_sends_a_russian_letter_with_a_working_link(client, user):
    response = client.post(PASSWORD_RESET, {"email": "ivanova@example.ru"}, follow=True)

    assertRedirects(response, reverse("accounts:password_reset_done"))
    assertContains(response, "<h1>Проверьте почту</h1>", html=True)
    (letter,) = mail.outbox
    assert letter.to == ["ivanova@example.ru"]
    assert letter.subject == "Восстановление пароля в системе «Наставник»"
    assert letter.body.startswith("Здравствуйте!")
    assert "учётной записи «ivanova» в системе «Наставник»" in letter.body
    assert "Если вы этого не запрашивали, просто проигнорируйте письмо." in letter.body

    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", letter.body)
    form_page = client.get(link.group(1), follow=True)
    assertContains(form_page, "<h1>Новый пароль</h1>", html=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assertRedirects(done, reverse("accounts:password_reset_complete"))
    assertContains(done, "<h1>Пароль установлен</h1>", html=True)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.login(username="ivanova", password=NEW_PASSWORD)


def test_password_reset_link_works_only_once(client, user):
    client.post(PASSWORD_RESET, {"email": "ivanova@example.ru"})
    link = re.search(r"http://testserver(/accounts/\S+/)", mail.outbox[0].body).group(1)
    set_password = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    response = client.get(link, follow=True)

    assertContains(response, "<h1>Ссылка недействительна</h1>", html=True)


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(
    client, user
):
    response = client.post(PASSWORD_RESET, {"email": "nobody@example.ru"}, follow=True)

    assertRedirects(response, reverse("accounts:password_reset_done"))
    assert mail.outbox == []


def test_login_records_no_change_in_the_account_history(client, coordinator):
    before = coordinator.history.count()
    response = client.post(
        reverse("accounts:login"),
        {"username": "coordinator", "password": "secret-pass-1"},
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.last_login is not None
    assert coordinator.history.count() == before
