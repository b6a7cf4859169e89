"""A new password or a deactivation revokes the account's API tokens, whichever
path saves it: Django's views, admin, or code."""

import re

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken, User
from accounts.services import issue_token, user_for_token
from accounts.tests.factories import UserFactory

PASSWORD = "secret-pass-1"  # UserFactory's
NEW_PASSWORD = "Kedr-Strezhevoy-2026"


@pytest.fixture
def user(db):
    return UserFactory(username="ivanova", email="ivanova@example.ru")


@pytest.fixture
def tokens(user):
    """Two tokens of the user and one of somebody else."""
    other = issue_token(user=UserFactory(username="petrov"))
    return [issue_token(user=user), issue_token(user=user)], other


def fresh(user: User) -> User:
    """The account as the next request loads it."""
    return User.objects.get(pk=user.pk)


def test_set_password_and_save_revokes_the_tokens(user, tokens):
    mine, other = tokens
    account = fresh(user)

    account.set_password(NEW_PASSWORD)
    account.save()

    assert [user_for_token(raw) for raw in mine] == [None, None]
    assert user_for_token(other) is not None
    assert ApiToken.objects.count() == 1


def test_password_change_page_revokes_the_tokens(user, tokens):
    client = Client()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=user).exists()


def test_password_reset_revokes_the_tokens(user, tokens):
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "ivanova@example.ru"})
    (letter,) = mail.outbox
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", letter.body)
    form_page = client.get(link.group(1), follow=True)

    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert fresh(user).check_password(NEW_PASSWORD)
    assert not ApiToken.objects.filter(user=user).exists()


def test_a_password_set_in_admin_revokes_the_tokens(user, tokens, superuser):
    client = Client()
    client.force_login(superuser)

    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=user).exists()


def test_deactivation_revokes_the_tokens(user, tokens):
    account = fresh(user)

    account.is_active = False
    account.save(update_fields=["is_active"])

    assert not ApiToken.objects.filter(user=user).exists()
    assert ApiToken.objects.count() == 1


def test_an_unusable_password_revokes_the_tokens(user, tokens):
    account = fresh(user)

    account.set_unusable_password()
    account.save()

    assert not ApiToken.objects.filter(user=user).exists()


def test_other_changes_of_the_account_keep_the_tokens(user, tokens):
    account = fresh(user)

    account.first_name = "Анна"
    account.save()
    account.is_active = True
    account.save()

    assert ApiToken.objects.filter(user=user).count() == 2


def test_signing_in_keeps_the_tokens(user, tokens):
    Client().post(
        reverse("accounts:login"), {"username": "ivanova", "password": PASSWORD}
    )

    assert ApiToken.objects.filter(user=user).count() == 2


def test_a_rehash_of_the_same_password_at_login_keeps_the_tokens(
    user, tokens, settings
):
    # Stored under an older hasher, the password is rehashed by the first login.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    User.objects.filter(pk=user.pk).update(
        password=make_password(PASSWORD, hasher="md5")
    )

    response = Client().post(
        "/api/v1/auth/token",
        {"username": "ivanova", "password": PASSWORD},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert fresh(user).password.startswith("pbkdf2_sha256$")
    assert ApiToken.objects.filter(user=user).count() == 3
