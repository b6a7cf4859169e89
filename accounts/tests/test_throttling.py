"""The login limits: per address, per account and address, and an account-wide
slowdown that never denies the owner's right password from a fresh address;
the login page and the API's token endpoint share them."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.models import ApiToken
from accounts.tests.factories import UserFactory
from accounts.throttling import FAILURES_PER_ACCOUNT

LOGIN = reverse("accounts:login")
TOKEN = "/api/v1/auth/token"
PASSWORD = "secret-pass-1"  # UserFactory's
TOO_MANY = "Слишком много неудачных попыток входа. Повторите через 15 минут."
PROXY = "127.0.0.1"


@pytest.fixture
def user(db):
    return UserFactory(username="ivanova")


@pytest.fixture
def behind_proxy(settings):
    settings.NUM_PROXIES = 1
    settings.NINJA_NUM_PROXIES = 1


def login(username: str, password: str, address: str = "10.0.0.1", **meta: Any):
    return Client(REMOTE_ADDR=address, **meta).post(
        LOGIN, {"username": username, "password": password}
    )


def login_via(client_ip: str, username: str, password: str):
    """A login through the proxy: REMOTE_ADDR is nginx, the client is appended."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip).post(
        LOGIN, {"username": username, "password": password}
    )


def is_signed_in(response) -> bool:
    return response.status_code == 302


def test_a_stranger_behind_the_proxy_cannot_lock_the_user_out(user, behind_proxy):
    for _ in range(10):
        login_via("203.0.113.5", "ivanova", "wrong")

    assert not is_signed_in(login_via("203.0.113.5", "ivanova", PASSWORD))
    assert is_signed_in(login_via("198.51.100.7", "ivanova", PASSWORD))


def test_a_forged_forwarded_for_does_not_give_a_fresh_address(user, behind_proxy):
    for i in range(10):
        login_via(f"10.9.9.{i}, 203.0.113.5", "ivanova", "wrong")

    response = login_via("10.9.9.99, 203.0.113.5", "ivanova", PASSWORD)

    assertContains(response, TOO_MANY, status_code=429)


def test_forwarded_for_is_ignored_without_a_proxy(user):
    for i in range(10):
        login("ivanova", "wrong", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")

    response = login("ivanova", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.99")

    assertContains(response, TOO_MANY, status_code=429)


def test_password_spraying_from_one_address_is_refused(user, settings):
    for i in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        assert not is_signed_in(login(f"victim{i}", "Summer2026"))

    response = login("ivanova", PASSWORD)

    assertContains(response, TOO_MANY, status_code=429)
    assert is_signed_in(login("ivanova", PASSWORD, address="10.0.0.2"))


def test_the_address_limit_is_a_setting(user, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    for i in range(3):
        login(f"victim{i}", "Summer2026")

    assertContains(login("ivanova", PASSWORD), TOO_MANY, status_code=429)


def test_a_success_ends_the_count_of_its_own_address(user):
    for _ in range(9):
        login("ivanova", "wrong")
    assert is_signed_in(login("ivanova", PASSWORD))

    for _ in range(9):
        login("ivanova", "wrong")

    assert is_signed_in(login("ivanova", PASSWORD))


def test_an_account_attacked_from_many_addresses_slows_each_to_one_attempt(user):
    for i in range(FAILURES_PER_ACCOUNT):
        login("ivanova", "wrong", address=f"10.1.{i // 200}.{i % 200}")

    # An address that has failed at this account is refused, even the right password…
    assertContains(
        login("ivanova", PASSWORD, address="10.1.0.0"), TOO_MANY, status_code=429
    )
    # …a fresh one gets one attempt: one failure, then refused…
    assert not is_signed_in(login("ivanova", "wrong", address="10.2.0.1"))
    assertContains(
        login("ivanova", PASSWORD, address="10.2.0.1"), TOO_MANY, status_code=429
    )
    # …and the owner's right password from a fresh address is never denied.
    assert is_signed_in(login("ivanova", PASSWORD, address="10.3.0.1"))


def test_failures_below_the_account_limit_do_not_slow_other_addresses(user):
    for i in range(FAILURES_PER_ACCOUNT - 1):
        login("ivanova", "wrong", address=f"10.1.{i // 200}.{i % 200}")

    assert is_signed_in(login("ivanova", PASSWORD, address="10.1.0.0"))


def test_an_unknown_username_is_refused_like_a_known_one(db):
    for _ in range(10):
        login("nobody", "wrong")

    assertContains(login("nobody", "wrong"), TOO_MANY, status_code=429)


# ------------------------------------------------------------------ token endpoint


def post_token(username: str, password: str, address: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(
        TOKEN,
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_a_locked_account_gets_no_api_token_with_the_right_password(user):
    for _ in range(10):
        login("ivanova", "wrong")

    response = post_token("ivanova", PASSWORD)

    assert response.status_code == 429
    assert response.json() == {"detail": TOO_MANY, "errors": {}}
    assert response["Retry-After"] == "900"
    assert not ApiToken.objects.exists()


def test_token_failures_lock_the_login_page_too(user, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 5
    for i in range(5):
        assert post_token(f"victim{i}", "Summer2026").status_code == 401

    assertContains(login("ivanova", PASSWORD), TOO_MANY, status_code=429)
    assert post_token("ivanova", PASSWORD).status_code == 429


def test_the_token_endpoint_reads_the_client_behind_the_proxy(user, behind_proxy):
    for _ in range(10):
        login_via("203.0.113.5", "ivanova", "wrong")

    response = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7").post(
        TOKEN,
        {"username": "ivanova", "password": PASSWORD},
        content_type="application/json",
    )

    assert response.status_code == 200
