"""«API-токены»: every account sees and revokes its own tokens, never anybody
else's, and never a token's secret."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.models import ApiToken
from accounts.services import issue_token

TOKENS = reverse("accounts:api_tokens")
ROLES = ["coordinator", "head", "mentor", "reservist", "commission", "superuser"]


def revoke_url(token: ApiToken) -> str:
    return reverse("accounts:revoke_api_token", args=[token.pk])


@pytest.fixture(params=ROLES)
def account(request):
    return request.getfixturevalue(request.param)


def test_every_role_sees_its_own_tokens_by_their_beginning_only(
    client, account, stranger
):
    raw = issue_token(user=account)
    strangers = issue_token(user=stranger)
    client.force_login(account)

    response = client.get(TOKENS)

    assert response.status_code == 200
    assertContains(response, "<h1>API-токены</h1>", html=True)
    assertContains(response, f"<code>{raw[:8]}…</code>", html=True)
    assertNotContains(response, raw)
    assertNotContains(response, ApiToken.make_digest(raw))
    assertNotContains(response, strangers[:8])
    assertContains(response, "Отозвать")


def test_every_role_revokes_its_own_token(client, account):
    issue_token(user=account)
    kept = issue_token(user=account)
    token = ApiToken.objects.filter(user=account).order_by("pk").first()
    client.force_login(account)

    response = client.post(revoke_url(token), follow=True)

    assertRedirects(response, TOKENS)
    assertContains(response, "Токен отозван.")
    assert list(ApiToken.objects.filter(user=account)) == [
        ApiToken.objects.get(digest=ApiToken.make_digest(kept))
    ]


def test_every_role_gets_404_for_somebody_elses_token(client, account, stranger):
    issue_token(user=stranger)
    token = ApiToken.objects.get(user=stranger)
    client.force_login(account)

    response = client.post(revoke_url(token))

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoking_a_missing_token_is_404(client, coordinator):
    client.force_login(coordinator)

    assert (
        client.post(reverse("accounts:revoke_api_token", args=[999])).status_code == 404
    )


def test_revoking_by_get_is_not_allowed(client, coordinator):
    issue_token(user=coordinator)
    client.force_login(coordinator)

    response = client.get(revoke_url(ApiToken.objects.get()))

    assert response.status_code == 405
    assert ApiToken.objects.exists()


def test_the_page_requires_login(client, db):
    response = client.get(TOKENS)

    assertRedirects(response, f"{reverse('accounts:login')}?next={TOKENS}")


def test_an_anonymous_revocation_changes_nothing(client, coordinator):
    issue_token(user=coordinator)

    response = client.post(revoke_url(ApiToken.objects.get()))

    assert response.status_code == 302
    assert ApiToken.objects.exists()


def test_expired_tokens_are_not_listed_and_cannot_be_revoked_here(client, coordinator):
    with time_machine.travel("2026-01-01 09:00 +07:00", tick=False):
        old = issue_token(user=coordinator)
    client.force_login(coordinator)

    response = client.get(TOKENS)

    assertNotContains(response, old[:8])
    assertContains(response, "Действующих API-токенов у вас нет.")


def test_the_page_shows_issue_last_use_and_expiry_in_russian(client, coordinator):
    with time_machine.travel("2026-11-24 09:00 +07:00", tick=False) as clock:
        issue_token(user=coordinator)
        ApiToken.objects.update(last_used_at=ApiToken.objects.get().created_at)
        clock.shift(timedelta(hours=2))
        client.force_login(coordinator)

        response = client.get(TOKENS)

    assertContains(response, "24 ноября 2026 г., 09:00")
    assertContains(response, "24 декабря 2026 г., 09:00")  # 720 hours later


def test_a_token_issued_before_prefixes_were_kept_shows_a_dash(client, coordinator):
    issue_token(user=coordinator)
    ApiToken.objects.update(prefix="", last_used_at=None)
    client.force_login(coordinator)

    response = client.get(TOKENS)

    assertContains(response, "<code>—</code>", html=True)


def test_the_menu_and_the_password_page_link_to_the_tokens(client, reservist):
    client.force_login(reservist)

    response = client.get(reverse("accounts:password_change"))

    assertContains(response, f'<a href="{TOKENS}">API-токены</a>', count=2, html=True)


def test_tokens_page_query_count(client, coordinator, django_assert_num_queries):
    for _ in range(3):
        issue_token(user=coordinator)
    client.force_login(coordinator)
    client.get(TOKENS)  # the roles are cached from here on

    # session, account, tokens
    with django_assert_num_queries(3):
        response = client.get(TOKENS)

    assert response.content.count("Отозвать".encode()) == 3
