"""Compliance fixtures: a fixed «today» (15 January 2027) passed to the rules,
and helpers that read one obligation of one entry the two ways the table does
(the cell, and the filter by status), asserting they agree."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.tests.factories import UserFactory
from compliance import queries, rules
from compliance.rules import RULES, RULES_BY_KEY, Cell
from people.tests.factories import PersonFactory
from plans.tests.factories import make_eligible, make_mentorship
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

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
            .filter(rules.with_status(rule, status, today))
            .exists()
        )
        assert matched == (status == shown.status), (key, status, shown.status)
    return shown


@pytest.fixture(autouse=True)
def today(request):
    """15 January 2027, noon in Tomsk; the browser tests keep the real clock."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(
        datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk")), tick=False
    ):
        yield TODAY


@pytest.fixture
def world(school, other_school, far_school, mentor, reservist):
    """The cast's mentor guides the cast's reservist (School); Смирнова of the
    other school has a mentor of her own; Дальний is in another municipality;
    Бывшая left the reserve."""
    mine = make_mentorship(
        mentor=make_eligible(mentor.person), reservist=reservist.person
    )
    other = make_mentorship(
        reservist=PersonFactory(organization=other_school, last_name="Смирнова")
    )
    far = ReserveEntryFactory(
        person=PersonFactory(organization=far_school, last_name="Дальний")
    )
    gone = ReserveEntryFactory(
        person=PersonFactory(organization=school, last_name="Бывшая"),
        status="excluded",
        excluded_on=date(2026, 12, 1),
        exclusion_reason="По собственному желанию",
    )
    return {"mine": mine, "other": other, "far": far, "gone": gone}
