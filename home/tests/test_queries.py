from django.contrib.auth.models import AnonymousUser

from home.queries import HomeCounts, home_counts
from people.tests.factories import PersonFactory, PositionFactory


def _town(municipality, school, other_school, far_school):
    director = PositionFactory(
        municipality=municipality, name="Директор", is_administrative=True
    )
    PersonFactory(organization=school, position=director)
    PersonFactory(organization=other_school)
    PersonFactory(organization=far_school)


def test_home_counts_of_coordinator_cover_the_municipality(
    coordinator, municipality, school, other_school, far_school
):
    _town(municipality, school, other_school, far_school)

    # positions: «Директор» and the one the factory made for Other school
    assert home_counts(coordinator) == HomeCounts(
        organizations=2, people=2, administrative_people=1, positions=2
    )


def test_home_counts_of_head_cover_own_organization_without_positions(
    head, municipality, school, other_school, far_school
):
    _town(municipality, school, other_school, far_school)

    assert home_counts(head) == HomeCounts(
        organizations=1, people=2, administrative_people=1, positions=0
    )


def test_home_counts_of_anonymous_are_zero(db):
    assert home_counts(AnonymousUser()) == HomeCounts(0, 0, 0, 0)


def test_home_counts_take_three_queries_after_the_principal(
    coordinator, school, django_assert_num_queries
):
    PersonFactory.create_batch(3, organization=school)
    home_counts(coordinator)  # the principal is cached on the user now

    with django_assert_num_queries(3):
        home_counts(coordinator)
