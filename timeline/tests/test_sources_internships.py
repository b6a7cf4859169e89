"""Internships (8.3) on the timeline, in the scope of internships.permissions."""

from datetime import date

import pytest

from internships import services
from internships.models import Internship
from internships.tests.factories import make_internship
from mentorships.models import Mentorship
from timeline.queries import timeline_page

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def internship(plan, mentor):
    """An internship of the cast's reservist, 10 January – 10 February 2027,
    started, concluded and completed on 15 January."""
    mentorship = plan.reserve_entry.mentorships.get(status=Mentorship.Status.ACTIVE)
    internship = make_internship(mentorship=mentorship)
    services.start_internship(internship=internship)
    services.write_conclusion(
        internship=internship,
        by=mentor,
        work_done="Провёл совещание",
        assessment=Internship.Assessment.GOOD,
        recommendation="Готов к должности",
        concluded_on=date(2027, 1, 14),
    )
    services.complete_internship(internship=internship, by=mentor)
    return internship


def _rows(user, entry, **kwargs):
    return timeline_page(user, entry, page_size=200, **kwargs).object_list


def test_internship_steps(internship, coordinator):
    rows = _rows(coordinator, internship.reserve_entry, kinds=["internships"])

    said = [(r.event, r.day, r.has_time) for r in rows]
    assert said == [
        ("internship_set", date(2027, 1, 15), True),
        ("internship_completed", date(2027, 1, 15), False),
        ("internship_started", date(2027, 1, 15), False),
        ("internship_concluded", date(2027, 1, 14), False),
        ("internship_begins", date(2027, 1, 10), False),
    ]
    concluded = rows[3].detail
    assert concluded.title == "Отзыв руководителя стажировки: хорошо"
    assert concluded.text == "Готов к должности"
    assert concluded.url == f"/internships/{internship.pk}/"
    assert concluded.subject.endswith("10.01.2027–10.02.2027")


@pytest.mark.parametrize(
    "user", ["coordinator", "head", "mentor", "reservist", "superuser"], indirect=True
)
def test_everyone_who_sees_the_card_sees_it(internship, user):
    assert len(_rows(user, internship.reserve_entry, kinds=["internships"])) == 5


@pytest.mark.parametrize("user", ["commission", "stranger", "anonymous"], indirect=True)
def test_others_get_nothing(internship, user):
    assert _rows(user, internship.reserve_entry) == []
