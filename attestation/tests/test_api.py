"""The attestation API: same rules and permissions as the pages."""

from datetime import date

import pytest

from attestation import services
from attestation.models import Attestation, Session, Vote
from people.tests.factories import PersonFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

API = "/api/v1"


def _mark_all(session):
    ids = [m.person_id for m in session.commission.memberships.all()]
    services.record_attendance(session=session, present_ids=ids)


def test_commission_composition_on_a_date(api_client, coordinator, order):
    client = api_client(coordinator)
    body = client.get(f"{API}/attestation-commissions").json()
    assert body["count"] == 1
    pk = body["items"][0]["id"]
    members = client.get(f"{API}/attestation-commissions/{pk}").json()["members"]
    assert [m["role"] for m in members][:2] == ["chair", "secretary"]
    early = client.get(f"{API}/attestation-commissions/{pk}?on=2026-09-01").json()
    assert early["members"] == []


def test_stranger_sees_no_commission(api_client, stranger, order):
    client = api_client(stranger)
    assert client.get(f"{API}/attestation-commissions").json()["count"] == 0
    pk = order.commission_id
    assert client.get(f"{API}/attestation-commissions/{pk}").status_code == 404


def test_order_and_appointment(api_client, coordinator, municipality, school):
    client = api_client(coordinator)
    response = client.post(
        f"{API}/attestation-commissions/orders",
        {"number": "12-к", "date": "2027-01-10", "title": "О формировании"},
        content_type="application/json",
    )
    assert response.status_code == 201
    person = PersonFactory(organization=school)
    response = client.post(
        f"{API}/attestation-commissions/orders/{response.json()['id']}/members",
        {"person_id": person.pk, "role": "chair"},
        content_type="application/json",
    )
    assert response.status_code == 201


def test_member_cannot_issue_orders(api_client, commission, order):
    response = api_client(commission).post(
        f"{API}/attestation-commissions/orders",
        {"number": "1", "date": "2027-01-10", "title": "X"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_schedule_refuses_an_excluded_reservist(
    api_client, coordinator, order, entry, school
):
    left = ReserveEntryFactory(
        person=PersonFactory(organization=school), status=ReserveEntry.Status.EXCLUDED
    )
    response = api_client(coordinator).post(
        f"{API}/attestation-sessions",
        {
            "date": "2027-04-01",
            "time": "10:00",
            "place": "Зал",
            "reserve_entry_ids": [entry.pk, left.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "не состоит в резерве" in str(response.json()["errors"])
    assert not Session.objects.exists()


def test_whole_cycle(
    api_client, coordinator, secretary, commission, mentor, attestation, entry
):
    pk = attestation.pk
    response = api_client(mentor).post(
        f"{API}/attestations/{pk}/response",
        {"accept": True, "recommendation": "Рекомендую."},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["invitation"] == "accepted"
    session = attestation.session
    people = [m.person_id for m in session.commission.memberships.all()]
    response = api_client(secretary).put(
        f"{API}/attestation-sessions/{session.pk}/attendance",
        {"present_ids": [*people, mentor.person.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["has_quorum"]
    assert (
        api_client(commission)
        .post(
            f"{API}/attestations/{pk}/votes",
            {"choice": "continue"},
            content_type="application/json",
        )
        .status_code
        == 201
    )
    for m in session.commission.memberships.exclude(person=commission.person):
        assert (
            api_client(secretary)
            .post(
                f"{API}/attestations/{pk}/votes",
                {"choice": "continue", "member_id": m.person_id},
                content_type="application/json",
            )
            .status_code
            == 201
        )
    assert Vote.objects.count() == 5
    response = api_client(secretary).post(
        f"{API}/attestations/{pk}/decision",
        {"new_term_until": "2030-09-01"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["decision"] == "continue"
    second = api_client(secretary).post(
        f"{API}/attestations/{pk}/decision", {}, content_type="application/json"
    )
    assert second.status_code in (400, 403)
    assert (
        api_client(secretary).post(f"{API}/attestations/{pk}/confirmation").status_code
        == 403
    )
    response = api_client(coordinator).post(f"{API}/attestations/{pk}/confirmation")
    assert response.status_code == 200 and response.json()["is_confirmed"]
    entry.refresh_from_db()
    assert entry.term_until == date(2030, 9, 1)
    minutes = api_client(coordinator).get(
        f"{API}/attestation-sessions/{session.pk}/minutes?format=docx"
    )
    assert minutes.status_code == 200
    extract = api_client(coordinator).get(f"{API}/attestations/{pk}/extract?format=pdf")
    assert extract["Content-Type"] == "application/pdf"


def test_vote_by_an_absent_member(api_client, commission, chair, attestation):
    services.record_attendance(
        session=attestation.session, present_ids=[chair.person.pk]
    )
    response = api_client(commission).post(
        f"{API}/attestations/{attestation.pk}/votes",
        {"choice": "recommended"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "не отмечен" in response.json()["detail"]


def test_decision_without_quorum(api_client, secretary, chair, attestation):
    services.record_attendance(
        session=attestation.session, present_ids=[chair.person.pk]
    )
    services.cast_vote(
        attestation=attestation, member=chair.person, choice="recommended"
    )
    response = api_client(secretary).post(
        f"{API}/attestations/{attestation.pk}/decision",
        {},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "кворума" in response.json()["detail"]
    assert Attestation.objects.get().decision == ""


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("coordinator", 200),
        ("commission", 200),
        ("mentor", 404),
        ("reservist", 404),
        ("stranger", 404),
    ],
    indirect=["user"],
)
def test_votes_are_read_by_the_commission_only(api_client, user, status, attestation):
    response = api_client(user).get(f"{API}/attestations/{attestation.pk}/votes")
    assert response.status_code == status


def test_anonymous_gets_401(client, attestation):
    assert client.get(f"{API}/attestations/{attestation.pk}").status_code == 401


@pytest.mark.parametrize("n", [2, 5])
def test_attestation_list_query_count(
    api_client, coordinator, order, municipality, school, n, django_assert_num_queries
):
    from attestation.tests.factories import make_session

    entries = [
        ReserveEntryFactory(person=PersonFactory(organization=school)) for _ in range(n)
    ]
    make_session(municipality, entries, on=date(2027, 4, 1))
    client = api_client(coordinator)
    client.get(f"{API}/attestations")
    # token, count, page keys, page rows
    with django_assert_num_queries(4):
        assert client.get(f"{API}/attestations").json()["count"] == n


@pytest.mark.parametrize("n", [2, 5])
def test_session_list_query_count(
    api_client, coordinator, order, municipality, school, n, django_assert_num_queries
):
    from attestation.tests.factories import make_session

    for i in range(n):
        entry = ReserveEntryFactory(person=PersonFactory(organization=school))
        make_session(municipality, [entry], on=date(2027, 4, 1 + i))
    client = api_client(coordinator)
    client.get(f"{API}/attestation-sessions")
    # token, count, page keys, page rows
    with django_assert_num_queries(4):
        assert client.get(f"{API}/attestation-sessions").json()["count"] == n
