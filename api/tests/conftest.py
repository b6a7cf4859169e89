"""API test helpers: clients that authenticate with a bearer token."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import translation

from accounts.models import User
from accounts.services import issue_token

API = "/api/v1"


@pytest.fixture
def api_client() -> Callable[[User | None], Client]:
    """`api_client(user)`: a client with the user's bearer token; None: anonymous."""

    def make(user: User | None = None) -> Client:
        if user is None:
            return Client()
        token = issue_token(user=user)
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


def ru(msgid: str) -> str:
    """A message of another app's catalog as the client gets it.

    For model and service messages whose Russian wording belongs to the root
    catalog; the API's own messages are asserted literally."""
    with translation.override("ru"):
        return translation.gettext(msgid)
