"""The demo consultations: every area, a private note, steps done and open, a
pending request; loaded once however often the command runs."""

from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from consultations.models import Consultation, ConsultationRequest, NextStep

pytestmark = pytest.mark.django_db


def _load() -> None:
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize(
    "day", [date(2026, 12, 1), date(2027, 3, 31), date(2028, 2, 29)], ids=str
)
def test_demo_has_every_kind_of_consultation(day):
    with time_machine.travel(datetime(*day.timetuple()[:3], 12), tick=False):
        _load()
    found = Consultation.objects.filter(
        mentorship__reserve_entry__person__user__username="reservist",
        mentorship__mentor__user__username="mentor",
    )
    assert set(found.values_list("area", flat=True)) == set(Consultation.Area.values)
    assert found.filter(visibility=Consultation.Visibility.PRIVATE).count() == 1
    assert found.filter(status=Consultation.Status.PLANNED).count() == 1
    steps = NextStep.objects.filter(consultation__in=found)
    assert steps.filter(done_on__isnull=True).exists()
    assert steps.filter(done_on__isnull=False).exists()
    statuses = set(ConsultationRequest.objects.values_list("status", flat=True))
    assert statuses == {"pending", "scheduled"}


def test_load_demo_twice_adds_no_consultations():
    _load()
    counts = (Consultation.objects.count(), NextStep.objects.count())
    _load()
    assert (Consultation.objects.count(), NextStep.objects.count()) == counts
    assert ConsultationRequest.objects.count() == 2
