"""Helpers of the permission tests: every role in one order, and what a view
makes of a get_* call."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

# The root conftest's cast, the head of «Other school» and the user with no role
# (mentorships/tests/conftest.py), and an anonymous visitor.
ROLES = [
    "coordinator",
    "stranger",
    "head",
    "other_head",
    "mentor",
    "reservist",
    "commission",
    "nobody",
    "superuser",
    "anonymous",
]


def by_role(answers: dict[str, Any]) -> Any:
    """Parameters (user, expected) for every role, in the order of ROLES."""
    assert list(answers) == ROLES
    return pytest.mark.parametrize(
        ("user", "expected"), list(answers.items()), indirect=["user"], ids=ROLES
    )


def answer(get: Callable[..., Any], user, obj, **kwargs) -> int:
    """What a view makes of get_*(user, obj.pk): 200 (the object), 403 or 404."""
    try:
        found = get(user, obj.pk, **kwargs)
    except Http404:
        return 404
    except PermissionDenied:
        return 403
    assert found == obj
    return 200
