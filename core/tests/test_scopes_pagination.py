"""any_of (scopes PostgreSQL serves by index) and paging that annotates only
the page's rows."""

import pytest
from django.db.models import Count, Q

from core.pagination import paginate
from core.scopes import any_of
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from people.tests.factories import PersonFactory


def test_any_of_without_a_condition_is_nothing(school):
    assert not any_of(Organization.objects.all(), None, Q()).exists()


def test_any_of_one_condition_is_a_plain_filter(school, other_school):
    found = any_of(Organization.objects.all(), None, Q(pk=school.pk))

    assert "UNION" not in str(found.query)
    assert list(found) == [school]


def test_any_of_several_conditions_is_a_union_of_keys(school, other_school, far_school):
    found = any_of(
        Organization.objects.all(), Q(pk=school.pk), Q(people__last_name="Z")
    )
    PersonFactory(organization=far_school, last_name="Z")

    assert "UNION" in str(found.query)
    assert set(found) == {school, far_school}
    assert other_school not in found


def _with_people(rows):
    return rows.annotate(n=Count("people"))


@pytest.mark.parametrize("n", [3, 30])
def test_paginate_annotates_only_the_page_in_constant_queries(
    municipality, n, django_assert_num_queries
):
    for _ in range(n):
        PersonFactory(organization=OrganizationFactory(municipality=municipality))
    plain = Organization.objects.order_by("short_name", "pk")

    # count, the page's keys, the page's rows annotated
    with django_assert_num_queries(3):
        page = paginate(plain, "1", page_size=10, annotate=_with_people)

    assert [o.pk for o in page.object_list] == [o.pk for o in plain[:10]]
    assert {o.n for o in page.object_list} == {1}
    assert page.paginator.count == n


def test_paginate_annotates_the_last_page_and_an_empty_list(municipality):
    OrganizationFactory.create_batch(3, municipality=municipality)
    plain = Organization.objects.order_by("short_name", "pk")

    assert len(paginate(plain, "9", page_size=2, annotate=_with_people)) == 1
    empty = paginate(plain.none(), "1", annotate=_with_people)
    assert list(empty.object_list) == []
