"""Who may read the overview."""

import pytest
from django.contrib.auth.models import AnonymousUser

from overview.permissions import may_view_overview


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("coordinator", True),
        ("head", True),
        ("superuser", True),
        ("stranger", True),  # a coordinator of another municipality: its own figures
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
    ],
)
def test_may_view_overview(request, role, allowed):
    assert may_view_overview(request.getfixturevalue(role)) is allowed


def test_an_anonymous_visitor_may_not_view_the_overview():
    assert may_view_overview(AnonymousUser()) is False
