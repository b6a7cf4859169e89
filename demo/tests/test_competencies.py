"""The demo competencies: the default framework approved, Петров assessed at the
start and the middle, the others at the start; loaded once however often."""

from io import StringIO

import pytest
from django.core.management import call_command

from competencies.models import Assessment, FrameworkVersion

pytestmark = pytest.mark.django_db


def test_demo_assessments_are_loaded_once():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert FrameworkVersion.objects.filter(status="approved").count() == 1
    petrov = Assessment.objects.filter(
        mentorship__reserve_entry__person__user__username="reservist"
    )
    assert set(petrov.values_list("point", "role")) == {
        ("start", "self"),
        ("start", "mentor"),
        ("middle", "self"),
        ("middle", "mentor"),
    }
    others = Assessment.objects.exclude(pk__in=petrov.values("pk"))
    assert set(others.values_list("point", flat=True)) <= {"start"}
