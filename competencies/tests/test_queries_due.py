"""When a competency assessment falls due (competencies.queries.due_from)."""

from datetime import date

from competencies.queries import due_from
from mentorships.models import Mentorship

# Two years of mentoring: 1 September 2026 to 31 August 2028.
TERM = Mentorship(starts_on=date(2026, 9, 1), planned_end_on=date(2028, 8, 31))


def test_the_start_assessment_is_due_on_the_first_day():
    assert due_from(TERM, "start") == date(2026, 9, 1)


def test_the_middle_assessment_is_due_halfway_through_the_term():
    assert due_from(TERM, "middle") == date(2027, 9, 1)


def test_the_end_assessment_is_due_thirty_days_before_the_planned_end():
    assert due_from(TERM, "end") == date(2028, 8, 1)


def test_the_end_of_a_short_term_is_never_due_before_its_middle():
    short = Mentorship(starts_on=date(2027, 1, 1), planned_end_on=date(2027, 1, 31))

    assert due_from(short, "end") == due_from(short, "middle") == date(2027, 1, 16)
