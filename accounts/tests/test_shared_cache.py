"""The login limits, the API's throttle and the cached roles in a shared Redis
cache (CACHE_URL): what one worker counts, every worker sees.

These run against the Redis at 127.0.0.1:6379 (REDIS_TEST_URL), which runs before
every session and in CI, in a database of its own and under a key prefix of their
own; they delete only their own keys (cache.clear() would empty the database)."""

import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.models import User
from accounts.permissions import Principal, principal
from accounts.tests.factories import UserFactory

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/9")
# CI (and `.ci/run`) must run these: there a missing Redis fails them, it never
# skips them. A developer's machine without Redis skips them.
REQUIRE_REDIS = any(
    os.environ.get(name, "").lower() == "true"
    for name in ("CI", "REQUIRE_BROWSER", "REQUIRE_REDIS")
)
LOGIN = reverse("accounts:login")
TOO_MANY = "Слишком много неудачных попыток входа. Повторите через 15 минут."


@pytest.fixture
def redis_prefix():
    """The default cache on Redis under a fresh prefix; its keys go afterwards.

    override_settings, not the `settings` fixture: it ends before the other
    fixtures' cache.clear() runs, so that never reaches Redis."""
    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.ConnectionError as e:
        if REQUIRE_REDIS:
            pytest.fail(f"Redis is required at {REDIS_TEST_URL}: {e}")
        pytest.skip(f"Redis not running at {REDIS_TEST_URL}")
    prefix = f"nastavnik-test-{uuid.uuid4().hex}"
    config = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_TEST_URL,
        "KEY_PREFIX": prefix,
    }
    with override_settings(CACHES={**_caches_setting(), "default": config}):
        yield prefix
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def _caches_setting() -> dict:
    return dict(caches.settings)


def test_the_default_cache_is_redis(redis_prefix):
    assert isinstance(caches["default"], RedisCache)


def test_login_failures_are_counted_in_redis_for_every_worker(db, redis_prefix):
    UserFactory(username="ivanova")
    for _ in range(10):
        Client().post(LOGIN, {"username": "ivanova", "password": "wrong"})

    client = redis.Redis.from_url(REDIS_TEST_URL)
    here = [
        client.get(key)
        for key in client.scan_iter(f"{redis_prefix}:*:login:account-address:*")
    ]
    del caches["default"]  # a new connection, as another worker has
    response = Client().post(
        LOGIN, {"username": "ivanova", "password": "secret-pass-1"}
    )

    assert here == [b"10"]
    assertContains(response, TOO_MANY, status_code=429)


def test_the_token_throttle_counts_in_redis(db, redis_prefix):
    for _ in range(10):
        Client().post(
            "/api/v1/auth/token",
            {"username": "x", "password": "y"},
            content_type="application/json",
        )

    client = redis.Redis.from_url(REDIS_TEST_URL)
    assert any(b"auth-token" in key for key in client.scan_iter(f"{redis_prefix}:*"))


def test_a_principal_cached_in_redis_serves_a_fresh_account_object(
    head, redis_prefix, django_assert_num_queries
):
    first = principal(head)

    fresh = User.objects.get(pk=head.pk)
    with django_assert_num_queries(0):
        again = principal(fresh)

    assert isinstance(again, Principal)
    assert again == first
    assert again.is_head
