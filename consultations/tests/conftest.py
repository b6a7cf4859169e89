"""The cast's mentorship (`mentor` guides `reservist` at «School») and its
consultations: a shared one with a next step and a private note."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from consultations import services
from consultations.models import Consultation
from consultations.services import StepData
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from reserve.tests.factories import ReserveEntryFactory

TODAY = date(2027, 1, 15)


@pytest.fixture(autouse=True)
def today():
    """15 January 2027, noon in Tomsk: the mentorships began in September."""
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


@pytest.fixture
def mentorship(mentor, reservist) -> Mentorship:
    """The `mentor` guides the `reservist` (an active mentorship)."""
    return MentorshipFactory.create(
        mentor=mentor.person,
        reserve_entry=ReserveEntryFactory(person=reservist.person),
    )


def log(mentorship: Mentorship, by=None, **fields) -> Consultation:
    """A held consultation of the mentorship on 10 January 2027."""
    values = {
        "held_on": date(2027, 1, 10),
        "duration_minutes": 60,
        "format": Consultation.Format.IN_PERSON,
        "area": Consultation.Area.MANAGEMENT,
        "topic": "Планирование работы",
        "summary": "Обсудили план.",
        **fields,
    }
    by = by or mentorship.mentor.user
    assert by is not None
    return services.create_consultation(mentorship=mentorship, by=by, **values)


@pytest.fixture
def shared(mentorship) -> Consultation:
    """A shared consultation with one open next step."""
    return log(
        mentorship,
        topic="Общая консультация",
        next_steps=[StepData("Подготовить справку", date(2027, 2, 1))],
    )


@pytest.fixture
def private(mentorship) -> Consultation:
    """The mentor's private note."""
    return log(
        mentorship,
        topic="Личная заметка",
        summary="Тайный текст заметки",
        visibility=Consultation.Visibility.PRIVATE,
    )
