"""The cast's mentorship (`mentor` guides `reservist` at «School») and helpers
to submit whole assessments."""

import pytest

from competencies import services
from competencies.models import Assessment
from competencies.services import RatingData
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from reserve.tests.factories import ReserveEntryFactory


@pytest.fixture
def mentorship(mentor, reservist) -> Mentorship:
    """The `mentor` guides the `reservist` (an active mentorship)."""
    return MentorshipFactory.create(
        mentor=mentor.person,
        reserve_entry=ReserveEntryFactory(person=reservist.person),
    )


def ratings(mentorship: Mentorship, *levels: int) -> list[RatingData]:
    """A rating of every competency of the current version: the given levels in
    order, 3 for the rest."""
    version = services.current_version(mentorship.municipality)
    competencies = list(version.competencies.all())
    given = list(levels) + [3] * (len(competencies) - len(levels))
    return [
        RatingData(c.pk, level, f"Комментарий {i}")
        for i, (c, level) in enumerate(zip(competencies, given, strict=True))
    ]


def submit(mentorship: Mentorship, role: str, point: str = "start", *levels: int):
    """Submit a whole assessment as the reservist (`self`) or the mentor."""
    person = (
        mentorship.reserve_entry.person
        if role == Assessment.Role.SELF
        else mentorship.mentor
    )
    assert person.user is not None
    return services.submit_assessment(
        mentorship=mentorship,
        point=point,
        role=role,
        by=person.user,
        ratings=ratings(mentorship, *levels),
    )
