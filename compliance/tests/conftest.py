"""Compliance fixtures: a fixed «today» (15 January 2027) passed to the rules,
and helpers that read one obligation of one entry the two ways the table does
(the cell, and the filter by status), asserting they agree."""

from datetime import date

import pytest

from accounts.tests.factories import UserFactory
from compliance import queries, rules
from compliance.rules import RULES, RULES_BY_KEY, Cell
from reserve.models import ReserveEntry

TODAY = date(2027, 1, 15)


def cell(entry: ReserveEntry, key: str, today: date = TODAY, user=None) -> Cell:
    """The entry's cell of the obligation `key`, as the table shows it to `user`
    (a superuser by default); the status filter must find the entry under the
    same status and no other."""
    user = user or UserFactory.create(is_superuser=True)
    found = queries.cells_of(user, [entry.pk], today)[entry.pk]
    shown = found[[r.key for r in RULES].index(key)]
    rule = RULES_BY_KEY[key]
    for status in rules.Status.values:
        matched = (
            ReserveEntry.objects.filter(pk=entry.pk)
            .alias(**rules.aliases([rule], today))
            .filter(rules.with_status(rule, status))
            .exists()
        )
        assert matched == (status == shown.status), (key, status, shown.status)
    return shown


@pytest.fixture
def superuser_(db):
    return UserFactory(username="root", is_superuser=True)
