"""A person's account page: creation with an invitation, its state, a new
invitation, deactivation and reactivation, for every role."""

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.models import ApiToken, Role, RoleAssignment, User
from accounts.services import issue_token
from accounts.tests.factories import UserFactory
from people.models import Person
from people.tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://nastavnik.example.ru"


@pytest.fixture
def teacher(school):
    return PersonFactory(
        organization=school,
        last_name="Иванова",
        first_name="Елена",
        middle_name="Викторовна",
        email="ivanova@example.ru",
    )


@pytest.fixture
def colleague(other_school):
    return PersonFactory(organization=other_school, email="c@example.ru")


def _page(person):
    return reverse("people:account", args=[person.pk])


def _action(name, person):
    return reverse(f"people:account_{name}", args=[person.pk])


def _create(client, person, **changes):
    data = {
        "username": "ivanova.ev",
        "email": "ivanova@example.ru",
        "roles": ["mentor"],
    }
    return client.post(_page(person), {**data, **changes})


def _invited(person, *roles):
    user = UserFactory(username="ivanova.ev", password=None)
    user.set_unusable_password()
    user.save()
    for role in roles:
        RoleAssignment.objects.create(user=user, role=role)
    person.user = user
    person.save()
    return user


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("head", 200),
        ("mentor", 404),
        ("reservist", 404),
        ("commission", 404),
        ("stranger", 404),
        ("superuser", 200),
    ],
)
def test_account_page_is_for_the_coordinator_and_head(
    client, request, teacher, role, status
):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_page(teacher)).status_code == status


def test_account_page_sends_the_anonymous_to_sign_in(client, teacher):
    response = client.get(_page(teacher))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_account_page_refuses_one_who_sees_the_card_but_may_not_invite(client, mentor):
    client.force_login(mentor)
    assert client.get(_page(mentor.person)).status_code == 403


def test_head_sees_no_account_page_of_another_organisation(client, head, colleague):
    client.force_login(head)
    assert client.get(_page(colleague)).status_code == 404
    assert _create(client, colleague).status_code == 404
    assert not User.objects.filter(username="ivanova.ev").exists()


def test_the_form_suggests_the_login_and_the_persons_e_mail(
    client, coordinator, teacher
):
    client.force_login(coordinator)

    form = client.get(_page(teacher)).context["form"]

    assert form["username"].value() == "ivanova.ev"
    assert form["email"].value() == "ivanova@example.ru"
    assert [code for code, _label in form.fields["roles"].choices] == Role.values


def test_the_head_is_offered_only_mentor_and_reservist(client, head, teacher):
    client.force_login(head)
    form = client.get(_page(teacher)).context["form"]
    assert [code for code, _label in form.fields["roles"].choices] == [
        "mentor",
        "reservist",
    ]


def test_coordinator_creates_an_account_and_the_invitation_is_sent(
    client, coordinator, teacher, school, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = _create(client, teacher, roles=["mentor", "head"])

    assertRedirects(response, _page(teacher), fetch_redirect_response=False)
    teacher.refresh_from_db()
    account = teacher.user
    assert account.username == "ivanova.ev"
    assert not account.has_usable_password()
    assert set(account.roles.values_list("role", "organization")) == {
        ("mentor", None),
        ("head", school.pk),
    }
    [letter] = mail.outbox
    assert letter.to == ["ivanova@example.ru"]
    assert "https://nastavnik.example.ru/accounts/invitation/" in letter.body
    page = client.get(_page(teacher))
    assertContains(page, "Учётная запись создана, приглашение отправлено.")
    assertContains(page, "приглашение не принято")
    assertContains(page, "ещё не входил(а)")
    assertContains(page, "Руководитель образовательной организации (School)")


def test_a_coordinators_role_covers_the_persons_municipality(
    client, coordinator, teacher, municipality
):
    client.force_login(coordinator)
    _create(client, teacher, roles=["coordinator"])
    assignment = RoleAssignment.objects.get(user__username="ivanova.ev")
    assert assignment.municipality == municipality


def test_head_creates_a_mentor_account_in_own_organisation(client, head, teacher):
    client.force_login(head)
    assertRedirects(_create(client, teacher), _page(teacher))
    assert Person.objects.get(pk=teacher.pk).user.username == "ivanova.ev"


def test_head_may_not_grant_the_coordinator_role(client, head, teacher):
    client.force_login(head)

    response = _create(client, teacher, roles=["coordinator"])

    assert response.status_code == 422
    assertContains(response, "Выберите корректный вариант", status_code=422)
    assert not RoleAssignment.objects.filter(role="coordinator", user__person=teacher)
    assert Person.objects.get(pk=teacher.pk).user is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"username": "Иванова"}, "Логин состоит из строчных латинских букв"),
        ({"username": "ivanova ev"}, "Логин состоит из строчных латинских букв"),
        ({"username": "ab"}, "не менее 3 символов"),
        ({"username": "coordinator"}, "Этот логин уже занят."),
        ({"email": ""}, "Обязательное поле."),
        ({"email": "nope"}, "Введите правильный адрес электронной почты."),
        ({"roles": []}, "Обязательное поле."),
    ],
)
def test_bad_input_gets_a_russian_message_and_422(
    client, coordinator, teacher, changes, message
):
    client.force_login(coordinator)

    response = _create(client, teacher, **changes)

    assertContains(response, message, status_code=422)
    assert Person.objects.get(pk=teacher.pk).user is None
    assert mail.outbox == []


def test_a_second_account_is_refused_with_a_message(client, coordinator, teacher):
    _invited(teacher, Role.MENTOR)
    client.force_login(coordinator)

    response = _create(client, teacher, username="another.login")

    assertContains(
        response, "У этого работника уже есть учётная запись.", status_code=409
    )
    assert not User.objects.filter(username="another.login").exists()


def test_the_account_page_shows_the_login_roles_and_last_sign_in(
    client, coordinator, mentor
):
    client.force_login(coordinator)

    response = client.get(_page(mentor.person))

    assertContains(response, "<dd>mentor</dd>", html=True)
    assertContains(response, "Наставник")
    assertContains(response, "действует")
    assertNotContains(response, "Отправить приглашение ещё раз")
    assertContains(response, "Отключить")


def test_the_account_page_asks_a_fixed_number_of_queries(
    client, coordinator, mentor, django_assert_num_queries
):
    RoleAssignment.objects.create(user=mentor, role=Role.RESERVIST)
    client.force_login(coordinator)
    client.get(_page(mentor.person))  # the roles of both accounts are cached
    # The session, the account, the person with the account, its roles.
    with django_assert_num_queries(4):
        client.get(_page(mentor.person))


def test_the_card_links_the_coordinator_and_head_to_the_account_page(
    client, coordinator, head, mentor, teacher
):
    for user in (coordinator, head):
        client.force_login(user)
        assertContains(client.get(teacher.get_absolute_url()), _page(teacher))
    client.force_login(mentor)
    assertNotContains(client.get(mentor.person.get_absolute_url()), "/account/")


def test_coordinator_sends_the_invitation_again(
    client, coordinator, teacher, django_capture_on_commit_callbacks
):
    _invited(teacher, Role.MENTOR)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_action("invite", teacher))

    assertRedirects(response, _page(teacher))
    assert len(mail.outbox) == 1


def test_no_new_invitation_once_the_password_is_set(client, coordinator, mentor):
    client.force_login(coordinator)
    response = client.post(_action("invite", mentor.person))
    assertContains(
        response,
        "Приглашение можно отправить, только пока пароль не задан.",
        status_code=409,
    )
    assert mail.outbox == []


def test_coordinator_deactivates_and_reactivates_an_account(
    client, coordinator, mentor
):
    issue_token(user=mentor)
    client.force_login(coordinator)

    assertRedirects(
        client.post(_action("deactivate", mentor.person)), _page(mentor.person)
    )
    mentor.refresh_from_db()
    assert not mentor.is_active
    assert not ApiToken.objects.filter(user=mentor).exists()
    assertContains(client.get(_page(mentor.person)), "отключена")

    client.post(_action("reactivate", mentor.person))
    mentor.refresh_from_db()
    assert mentor.is_active


def test_a_deactivated_account_cannot_sign_in(client, coordinator, mentor):
    client.force_login(coordinator)
    client.post(_action("deactivate", mentor.person))
    client.logout()

    response = client.post(
        reverse("accounts:login"), {"username": "mentor", "password": "secret-pass-1"}
    )

    assert response.status_code == 422
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("action", ["invite", "deactivate", "reactivate"])
@pytest.mark.parametrize(
    ("role", "status"),
    [("mentor", 404), ("reservist", 404), ("stranger", 404), ("head", 302)],
)
def test_account_actions_for_every_role(client, request, teacher, action, role, status):
    _invited(teacher, Role.MENTOR)
    client.force_login(request.getfixturevalue(role))
    response = client.post(_action(action, teacher))
    assert response.status_code == status


def test_head_may_not_deactivate_a_coordinator(client, head, teacher, municipality):
    user = _invited(teacher)
    RoleAssignment.objects.create(
        user=user, role=Role.COORDINATOR, municipality=municipality
    )
    client.force_login(head)

    assert client.post(_action("deactivate", teacher)).status_code == 403
    assert User.objects.get(pk=user.pk).is_active


def test_nobody_deactivates_their_own_account(client, head):
    client.force_login(head)
    assert client.post(_action("deactivate", head.person)).status_code == 403


def test_account_actions_take_only_post(client, coordinator, mentor):
    client.force_login(coordinator)
    assert client.get(_action("deactivate", mentor.person)).status_code == 405
