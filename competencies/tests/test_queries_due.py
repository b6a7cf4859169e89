"""When a competency assessment falls due (competencies.queries.assessment_points)."""

from datetime import date

from competencies.queries import assessment_points
from mentorships.models import Mentorship

# Two years of mentoring: 1 September 2026 to 31 August 2028.
TERM = Mentorship(starts_on=date(2026, 9, 1), planned_end_on=date(2028, 8, 31))


def test_the_start_assessment_is_due_thirty_days_after_the_start():
    assert assessment_points(TERM)["start"] == date(2026, 10, 1)


def test_the_middle_assessment_is_due_halfway_through_the_term():
    assert assessment_points(TERM)["middle"] == date(2027, 9, 1)


def test_the_end_assessment_is_due_on_the_planned_end():
    assert assessment_points(TERM)["end"] == date(2028, 8, 31)


def test_the_start_of_a_short_term_is_due_by_its_end():
    short = Mentorship(starts_on=date(2027, 1, 1), planned_end_on=date(2027, 1, 20))

    assert assessment_points(short)["start"] == date(2027, 1, 20)
