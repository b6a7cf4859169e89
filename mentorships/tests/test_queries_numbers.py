"""queries.next_order_number: the number the new-order form suggests."""

from datetime import date

import pytest

from mentorships.queries import next_order_number
from mentorships.tests.factories import MentorOrderFactory
from organizations.tests.factories import OrganizationFactory

DAY = date(2026, 12, 3)


@pytest.fixture
def school(db):
    return OrganizationFactory()


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([], ""),
        (["3"], "4"),
        (["9", "10"], "11"),  # by value, not as text
        (["15-к", "14-к"], "16-к"),  # the suffix is kept
        (["№ 7/н"], "№ 8/н"),
        (["б/н"], ""),  # no digits: nothing to count from
        (["12", "б/н"], "13"),
    ],
)
def test_next_number_follows_the_highest_of_the_year(school, numbers, expected):
    for number in numbers:
        MentorOrderFactory(organization=school, number=number, date=DAY)

    assert next_order_number(school, DAY) == expected


def test_next_number_restarts_in_a_new_year_keeping_the_suffix(school):
    MentorOrderFactory(organization=school, number="41-к", date=date(2025, 12, 20))

    assert next_order_number(school, DAY) == "1-к"


def test_next_number_ignores_later_years_and_other_organisations(school):
    MentorOrderFactory(organization=school, number="5", date=DAY)
    MentorOrderFactory(organization=school, number="90", date=date(2027, 1, 10))
    MentorOrderFactory(number="70", date=DAY)

    assert next_order_number(school, DAY) == "6"


def test_next_number_is_one_query(school, django_assert_num_queries):
    for n in range(5):
        MentorOrderFactory(organization=school, number=str(n + 1), date=DAY)

    with django_assert_num_queries(1):
        assert next_order_number(school, DAY) == "6"
