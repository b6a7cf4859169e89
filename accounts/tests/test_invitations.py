"""Accounts created with an invitation: the suggested login, the account without
a password, the letter, its set-password link, deactivation."""

import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import queries, services
from accounts.models import ApiToken, Role, RoleAssignment, User
from accounts.tests.factories import UserFactory

LINK = re.compile(r"http://testserver(/accounts/invitation/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "http://testserver"


def _invite(username="ivanova.ev", email="ivanova@example.ru", **roles):
    return services.create_invited_account(
        username=username,
        email=email,
        first_name="Елена",
        last_name="Иванова",
        roles=roles or {Role.MENTOR: {}},
    )


def _link(message) -> str:
    found = LINK.search(message.body)
    assert found
    return found.group(1)


@pytest.mark.parametrize(
    ("name", "login"),
    [
        (("Иванова", "Елена", "Викторовна"), "ivanova.ev"),
        (("Щукина-Южная", "Юлия", ""), "shchukina-iuzhnaia.i"),
        (("Хрулёв", "Цезарь", "Яковлевич"), "khrulev.ti"),
        (("Smith", "John", ""), "smith.j"),
        (("Ъ", "", ""), "ie"),
        (("", "", ""), "user"),
    ],
)
def test_suggest_username_transliterates_the_name(db, name, login):
    last, first, middle = name
    suggested = queries.suggest_username(
        last_name=last, first_name=first, middle_name=middle
    )
    assert suggested == login


def test_suggest_username_skips_taken_logins_in_any_case(db):
    UserFactory(username="Ivanova.EV")
    UserFactory(username="ivanova.ev2")

    suggested = queries.suggest_username(
        last_name="Иванова", first_name="Елена", middle_name="Викторовна"
    )

    assert suggested == "ivanova.ev3"


def test_create_invited_account_has_no_password_and_its_roles(db, school):
    user = _invite(head={"organization_id": school.pk}, mentor={})

    assert not user.has_usable_password()
    assert services.invitation_is_pending(user)
    assert (user.first_name, user.last_name, user.email) == (
        "Елена",
        "Иванова",
        "ivanova@example.ru",
    )
    assert set(RoleAssignment.objects.values_list("role", "organization")) == {
        (Role.HEAD, school.pk),
        (Role.MENTOR, None),
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"username": "IVANOVA.EV"}, "username", "Этот логин уже занят."),
        ({"email": ""}, "email", "Для приглашения нужен адрес электронной почты."),
        ({"email": "not-an-address"}, "email", "Введите правильный адрес"),
    ],
)
def test_create_invited_account_refuses_bad_input(db, changes, field, message):
    UserFactory(username="ivanova.ev")

    with pytest.raises(ValidationError) as error:
        _invite(**{"username": "new.login", "email": "a@example.ru", **changes})

    assert message in " ".join(error.value.message_dict[field])
    assert User.objects.count() == 1


def test_create_invited_account_needs_a_role(db):
    with pytest.raises(ValidationError) as error:
        services.create_invited_account(
            username="x.y", email="a@example.ru", first_name="", last_name="", roles={}
        )
    assert error.value.message_dict == {"roles": ["Выберите хотя бы одну роль."]}


def test_a_coordinator_role_needs_its_municipality(db):
    with pytest.raises(ValidationError):
        _invite(coordinator={"municipality_id": None})
    assert not User.objects.exists()


def test_the_letter_says_who_invites_the_login_and_the_link(
    db, django_capture_on_commit_callbacks
):
    inviter = UserFactory(first_name="Марина", last_name="Соколова")
    user = _invite()

    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitation(user=user, invited_by=inviter)

    [letter] = mail.outbox
    assert letter.to == ["ivanova@example.ru"]
    assert letter.subject == "Приглашение в систему «Наставник»"
    assert "Здравствуйте, Елена Иванова!" in letter.body
    assert "Марина Соколова приглашает вас в систему «Наставник»" in letter.body
    assert "http://testserver" in letter.body
    assert "Ваш логин: ivanova.ev" in letter.body
    assert "она действует 3 дн." in letter.body
    assert LINK.search(letter.body)


def test_no_letter_unless_the_transaction_commits(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.send_invitation(user=_invite(), invited_by=UserFactory())
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_the_link_sets_the_password_once_and_the_owner_signs_in(
    db, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitation(user=_invite(), invited_by=UserFactory())
    link = _link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert "Задайте пароль" in form_page.content.decode()
    assert "Ваш логин: ivanova.ev" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Kedr-2026-tomsk", "new_password2": "Kedr-2026-tomsk"},
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:invitation_complete")
    user = User.objects.get(username="ivanova.ev")
    assert user.check_password("Kedr-2026-tomsk")
    assert not services.invitation_is_pending(user)
    assert (
        client.post(
            reverse("accounts:login"),
            {"username": "ivanova.ev", "password": "Kedr-2026-tomsk"},
        ).status_code
        == 302
    )
    # Used once: the link no longer opens the form.
    client.logout()
    again = client.get(link, follow=True).content.decode()
    assert "Ссылка недействительна" in again or "уже использована" in again


def test_the_link_expires_after_the_reset_timeout(
    db, client, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-11-24 09:00 +07:00", tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            services.send_invitation(user=_invite(), invited_by=UserFactory())
        clock.shift(60 * 60 * 24 * 4)
        page = client.get(_link(mail.outbox[0]), follow=True).content.decode()

    assert "уже использована или её срок истёк" in page


def test_a_new_invitation_ends_the_earlier_link(
    db, client, django_capture_on_commit_callbacks
):
    user = _invite()
    inviter = UserFactory()
    for _request in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.send_invitation(user=user, invited_by=inviter)
    first, second = (_link(m) for m in mail.outbox)

    assert "уже использована" in client.get(first, follow=True).content.decode()
    assert "Задайте пароль" in client.get(second, follow=True).content.decode()


def test_a_deactivated_accounts_link_does_not_open(
    db, client, django_capture_on_commit_callbacks
):
    user = _invite()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitation(user=user, invited_by=UserFactory())

    services.deactivate_account(user=user)

    page = client.get(_link(mail.outbox[0]), follow=True).content.decode()
    assert "уже использована или её срок истёк" in page
    assert "Задайте пароль" not in page


def test_no_invitation_without_an_e_mail(db):
    user = _invite()
    User.objects.filter(pk=user.pk).update(email="")
    user.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.send_invitation(user=user, invited_by=UserFactory())
    assert error.value.messages == ["Для приглашения нужен адрес электронной почты."]


def test_a_new_invitation_adds_no_empty_change_to_the_history(db):
    user = _invite()
    before = user.history.count()
    services.send_invitation(user=user, invited_by=UserFactory())
    assert user.history.count() == before


def test_no_invitation_once_the_password_is_set(db):
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.send_invitation(user=user, invited_by=UserFactory())


def test_deactivation_revokes_the_api_tokens_and_reactivation_restores_sign_in(db):
    user = UserFactory()
    services.issue_token(user=user)

    services.deactivate_account(user=user)

    assert not User.objects.get(pk=user.pk).is_active
    assert not ApiToken.objects.exists()
    services.reactivate_account(user=user)
    assert User.objects.get(pk=user.pk).is_active
