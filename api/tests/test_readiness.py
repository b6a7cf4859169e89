"""/people/{id}/eligibility and /people/{id}/readiness: clause 6."""

from datetime import date
from decimal import Decimal

import pytest

from api.tests.conftest import API, make_order, ru
from mentorships.models import MentorReadiness

JSON = "application/json"


def eligibility_url(person) -> str:
    return f"{API}/people/{person.pk}/eligibility"


def readiness_url(person) -> str:
    return f"{API}/people/{person.pk}/readiness"


def test_eligibility_of_an_eligible_mentor(api_client, coordinator, mentor_person):
    response = api_client(coordinator).get(eligibility_url(mentor_person))

    assert response.status_code == 200
    assert response.json() == {"eligible": True, "failures": []}


def test_eligibility_names_every_failed_condition(api_client, head, reservist):
    person = reservist.person
    person.management_experience = Decimal("1.5")
    person.save()

    response = api_client(head).get(eligibility_url(person))

    name = person.full_name
    assert response.json() == {
        "eligible": False,
        "failures": [
            ru("%(name)s does not hold an administrative position (%(position)s).")
            % {"name": name, "position": person.position.name},
            ru(
                "%(name)s has %(years)s years of management experience; "
                "at least %(min)s are required."
            )
            % {"name": name, "years": "1,5", "min": "3"},
            ru("%(name)s has not confirmed readiness to mentor.") % {"name": name},
        ],
    }


def test_eligibility_is_seen_by_whoever_sees_the_person(api_client, reservist):
    response = api_client(reservist).get(eligibility_url(reservist.person))

    assert response.status_code == 200
    assert response.json()["eligible"] is False


@pytest.mark.parametrize("role", ["commission", "stranger"])
def test_eligibility_is_404_outside_the_scope(request, api_client, role, mentor):
    user = request.getfixturevalue(role)

    response = api_client(user).get(eligibility_url(mentor.person))

    assert response.status_code == 404


def test_eligibility_is_401_for_an_anonymous_client(api_client, mentor):
    assert api_client().get(eligibility_url(mentor.person)).status_code == 401


@pytest.mark.parametrize("role", ["mentor", "head", "coordinator"])
def test_readiness_is_confirmed_by_the_person_the_head_or_the_coordinator(
    request, api_client, role, mentor
):
    user = request.getfixturevalue(role)
    person = mentor.person

    response = api_client(user).put(
        readiness_url(person),
        {"confirmed_on": "2026-11-01", "note": "Заявление от 01.11.2026"},
        content_type=JSON,
    )

    assert response.status_code == 200
    assert response.json() == {
        "person_id": person.pk,
        "confirmed_on": "2026-11-01",
        "note": "Заявление от 01.11.2026",
    }
    readiness = MentorReadiness.objects.get(person=person)
    assert readiness.confirmed_on == date(2026, 11, 1)


def test_readiness_put_corrects_the_date(api_client, mentor, mentor_person):
    response = api_client(mentor).put(
        readiness_url(mentor_person), {"confirmed_on": "2026-10-01"}, content_type=JSON
    )

    assert response.status_code == 200
    assert MentorReadiness.objects.get().confirmed_on == date(2026, 10, 1)


def test_readiness_refuses_a_future_date(api_client, mentor):
    response = api_client(mentor).put(
        readiness_url(mentor.person), {"confirmed_on": "2100-01-01"}, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Данные не прошли проверку.",
        "errors": {"confirmed_on": [ru("The date cannot be in the future.")]},
    }
    assert not MentorReadiness.objects.exists()


def test_readiness_requires_a_date(api_client, mentor):
    response = api_client(mentor).put(readiness_url(mentor.person), {}, JSON)

    assert response.status_code == 422
    assert response.json()["errors"] == {"confirmed_on": ["Обязательное поле."]}


def test_readiness_is_403_for_a_mentor_on_their_mentee(
    api_client, mentor, mentor_person, entry
):
    """The mentor sees the reservist but may not speak for them."""
    make_order(mentor_person, entry)

    response = api_client(mentor).put(
        readiness_url(entry.person), {"confirmed_on": "2026-11-01"}, content_type=JSON
    )

    assert response.status_code == 403
    assert not MentorReadiness.objects.filter(person=entry.person).exists()


@pytest.mark.parametrize("role", ["commission", "stranger"])
def test_readiness_is_404_outside_the_scope(request, api_client, role, mentor):
    user = request.getfixturevalue(role)

    response = api_client(user).put(
        readiness_url(mentor.person), {"confirmed_on": "2026-11-01"}, JSON
    )

    assert response.status_code == 404
    assert not MentorReadiness.objects.exists()


def test_readiness_is_withdrawn(api_client, head, mentor_person):
    response = api_client(head).delete(readiness_url(mentor_person))

    assert response.status_code == 204
    assert not MentorReadiness.objects.exists()


def test_readiness_is_not_withdrawn_while_mentoring(
    api_client, mentor, mentor_person, entry
):
    make_order(mentor_person, entry)

    response = api_client(mentor).delete(readiness_url(mentor_person))

    assert response.status_code == 400
    assert response.json() == {
        "detail": ru("The person mentors reservists now: end those mentorships first."),
        "errors": {},
    }
    assert MentorReadiness.objects.exists()


def test_readiness_withdrawal_is_403_for_a_reservist_on_their_mentor(
    api_client, reservist, mentor_person, entry
):
    make_order(mentor_person, entry)

    response = api_client(reservist).delete(readiness_url(mentor_person))

    assert response.status_code == 403
    assert MentorReadiness.objects.exists()
