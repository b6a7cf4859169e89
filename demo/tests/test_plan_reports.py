"""The demo reports on the plans: one in draft, one agreed by one side, one
submitted and one accepted; loaded once however often the command runs."""

from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from plan_reports.models import PlanReport

pytestmark = pytest.mark.django_db


def _load() -> None:
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize(
    "day", [date(2026, 12, 1), date(2027, 3, 31), date(2028, 2, 29)], ids=str
)
def test_demo_has_a_report_in_every_state(day):
    with time_machine.travel(datetime(*day.timetuple()[:3], 12), tick=False):
        _load()
    states = {
        r.plan.reserve_entry.person.last_name + (" " + r.plan.status): (
            r.status,
            r.reservist_agreed_at is not None,
            r.mentor_agreed_at is not None,
        )
        for r in PlanReport.objects.select_related("plan__reserve_entry__person")
    }
    assert states == {
        "Петров completed": ("accepted", True, True),
        "Петров approved": ("draft", True, False),
        "Соколов approved": ("submitted", True, True),
        "Андреева approved": ("draft", False, False),
    }
    petrov = PlanReport.objects.get(
        plan__status="approved", plan__reserve_entry__person__last_name="Петров"
    )
    assert petrov.plan.reserve_entry.person.user.username == "reservist"
    assert petrov.plan.mentor.user.username == "mentor"
    assert petrov.data["items"]["counts"]["late"] >= 1


def test_demo_reports_are_loaded_once():
    _load()
    count = PlanReport.objects.count()
    _load()
    assert PlanReport.objects.count() == count == 4
