"""The attestation on the home page: the member's sessions and packs, the
mentor's invitations, the reservist's date; a constant number of queries."""

from datetime import date

import pytest
from django.urls import reverse

from attestation.tests.factories import make_session
from people.tests.factories import PersonFactory
from reserve.tests.factories import ReserveEntryFactory

HOME = reverse("home:index")


def test_member_sees_upcoming_sessions_and_packs(client, commission, attestation):
    client.force_login(commission)
    body = client.get(HOME).content.decode()
    assert "15 марта 2027" in body
    assert reverse("attestation:pack", args=[attestation.pk]) in body


def test_mentor_sees_the_invitation(client, mentor, attestation):
    client.force_login(mentor)
    body = client.get(HOME).content.decode()
    assert 'id="stat-invitations"' in body
    assert attestation.get_absolute_url() in body


def test_reservist_sees_the_attestation_date(client, reservist, attestation):
    client.force_login(reservist)
    body = client.get(HOME).content.decode()
    assert 'id="stat-my-attestation"' in body and "15 марта 2027" in body


@pytest.mark.parametrize("n", [2, 5])
def test_member_home_query_count(
    client, commission, order, municipality, school, n, django_assert_max_num_queries
):
    for i in range(n):
        entries = [ReserveEntryFactory(person=PersonFactory(organization=school))]
        make_session(municipality, entries, on=date(2027, 4, 1 + i))
    client.force_login(commission)
    client.get(HOME)
    # session, user; the sessions, the packs on them; the conclusions to write
    # as an internship supervisor (a member may supervise one)
    with django_assert_max_num_queries(5):
        response = client.get(HOME)
    assert len(response.context["attestation"].sessions) == n
