"""The client address that every limit counts by."""

from typing import Any

from django.test import RequestFactory

from core.http import client_address


def _request(**meta: Any):
    return RequestFactory().get("/", **meta)


def test_client_address_is_remote_addr_without_a_proxy(settings):
    settings.NUM_PROXIES = 0

    request = _request(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")

    assert client_address(request) == "10.0.0.1"


def test_client_address_behind_a_proxy_is_the_entry_the_proxy_appended(settings):
    settings.NUM_PROXIES = 1

    request = _request(
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )

    assert client_address(request) == "203.0.113.5"


def test_client_address_behind_a_proxy_without_forwarded_for_is_remote_addr(
    settings,
):
    settings.NUM_PROXIES = 1

    assert client_address(_request(REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
