"""The attestation pages end to end: who sees and does what, the forms' errors,
and the constant number of queries of the lists."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from attestation import services
from attestation.models import Attestation, Session, Vote
from attestation.tests.conftest import TODAY
from attestation.tests.factories import make_session
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from people.tests.factories import PersonFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

D = Attestation.Decision


def _mark_all(session):
    ids = [m.person_id for m in session.commission.memberships.all()]
    services.record_attendance(session=session, present_ids=ids)


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("coordinator", 200),
        ("chair", 200),
        ("commission", 200),
        ("outsider", 404),
        ("mentor", 404),
        ("reservist", 404),
        ("head", 404),
        ("stranger", 404),
    ],
    indirect=["user"],
)
def test_pack_only_for_the_coordinator_and_the_members(
    client, user, status, attestation
):
    client.force_login(user)
    response = client.get(reverse("attestation:pack", args=[attestation.pk]))
    assert response.status_code == status
    if status == 200:
        assert "Индивидуальный план" in response.content.decode()


def test_pack_redirects_the_anonymous(client, attestation):
    response = client.get(reverse("attestation:pack", args=[attestation.pk]))
    assert response.status_code == 302


def test_member_of_another_session_date_does_not_see_the_pack(
    client, attestation, municipality, commission
):
    later = services.issue_order(
        municipality=municipality, number="5", date=date(2027, 3, 1), title="Об изм."
    )
    seat = later.commission.memberships.get(person=commission.person)
    services.remove_member(order=later, membership=seat)
    client.force_login(commission)
    assert (
        client.get(reverse("attestation:pack", args=[attestation.pk])).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("coordinator", 200),
        ("secretary", 200),
        ("mentor", 200),
        ("reservist", 200),
        ("outsider", 404),
        ("head", 404),
        ("stranger", 404),
    ],
    indirect=["user"],
)
def test_attestation_page(client, user, status, attestation):
    client.force_login(user)
    response = client.get(attestation.get_absolute_url())
    assert response.status_code == status


def test_reservist_sees_the_date_but_no_materials(client, reservist, attestation):
    client.force_login(reservist)
    body = client.get(attestation.get_absolute_url()).content.decode()
    assert "15 марта 2027" in body
    assert reverse("attestation:pack", args=[attestation.pk]) not in body


def test_schedule_a_session(client, coordinator, order, entry):
    client.force_login(coordinator)
    response = client.post(
        reverse("attestation:session_create"),
        {"date": "2027-04-01", "time": "10:00", "place": "Зал", "entries": [entry.pk]},
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert session.attestations.get().mentor_id is not None


def test_schedule_refuses_an_excluded_reservist(client, coordinator, order, school):
    left = ReserveEntryFactory(
        person=PersonFactory(organization=school), status=ReserveEntry.Status.EXCLUDED
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("attestation:session_create"),
        {"date": "2027-04-01", "time": "10:00", "place": "Зал", "entries": [left.pk]},
    )
    assert response.status_code == 422
    assert "в резерве" in response.content.decode()
    assert not Session.objects.exists()


def test_schedule_is_forbidden_to_a_member(client, commission, order):
    client.force_login(commission)
    assert client.get(reverse("attestation:session_create")).status_code == 403


def test_mentor_accepts(client, mentor, attestation):
    client.force_login(mentor)
    response = client.post(
        reverse("attestation:respond", args=[attestation.pk]), {"accept": "yes"}
    )
    assert response.status_code == 302
    attestation.refresh_from_db()
    assert attestation.invitation == "accepted"


def test_secretary_marks_attendance_and_a_member_votes(
    client, secretary, commission, chair, attestation
):
    client.force_login(secretary)
    people = [m.person_id for m in attestation.session.commission.memberships.all()]
    response = client.post(
        reverse("attestation:attendance", args=[attestation.session.pk]),
        {"present": people},
    )
    assert response.status_code == 302
    client.force_login(commission)
    response = client.post(
        reverse("attestation:vote", args=[attestation.pk]), {"choice": "recommended"}
    )
    assert response.status_code == 302
    assert Vote.objects.get().member == commission.person


def test_member_cannot_mark_attendance(client, commission, attestation):
    client.force_login(commission)
    response = client.post(
        reverse("attestation:attendance", args=[attestation.session.pk]),
        {"present": []},
    )
    assert response.status_code == 403


def test_absent_member_vote_is_refused(client, commission, chair, attestation):
    services.record_attendance(
        session=attestation.session, present_ids=[chair.person.pk]
    )
    client.force_login(commission)
    response = client.post(
        reverse("attestation:vote", args=[attestation.pk]), {"choice": "recommended"}
    )
    assert response.status_code == 422
    assert "не отмечен" in response.content.decode()
    assert not Vote.objects.exists()


def test_decision_without_quorum_is_refused(client, secretary, chair, attestation):
    services.record_attendance(
        session=attestation.session, present_ids=[chair.person.pk]
    )
    services.cast_vote(
        attestation=attestation, member=chair.person, choice="recommended"
    )
    client.force_login(secretary)
    response = client.post(reverse("attestation:decide", args=[attestation.pk]), {})
    assert response.status_code == 422
    assert "Нет кворума" in response.content.decode()


def test_confirmation_only_by_the_coordinator(
    client, secretary, coordinator, attestation
):
    _mark_all(attestation.session)
    for m in attestation.session.commission.memberships.all():
        services.cast_vote(
            attestation=attestation, member=m.person, choice="recommended"
        )
    services.decide(attestation=attestation)
    client.force_login(secretary)
    url = reverse("attestation:confirm", args=[attestation.pk])
    assert client.post(url).status_code == 403
    client.force_login(coordinator)
    assert client.post(url).status_code == 302
    attestation.refresh_from_db()
    assert attestation.is_confirmed


def test_commission_page_shows_the_composition_on_a_date(client, coordinator, order):
    client.force_login(coordinator)
    body = client.get(reverse("attestation:commission")).content.decode()
    assert "Chair" in body and "председатель комиссии" in body
    body = client.get(
        reverse("attestation:commission") + "?on=2026-09-01"
    ).content.decode()
    assert "Chair" not in body


def test_order_appoints_a_member(client, coordinator, order, school):
    person = PersonFactory(organization=school, last_name="Newcomer")
    client.force_login(coordinator)
    response = client.post(
        reverse("attestation:appoint", args=[order.pk]),
        {"person": person.pk, "role": "member"},
    )
    assert response.status_code == 302
    assert order.appointments.filter(person=person).exists()


def test_session_page_and_minutes(client, coordinator, attestation):
    client.force_login(coordinator)
    session = attestation.session
    assert client.get(session.get_absolute_url()).status_code == 200
    response = client.get(reverse("attestation:minutes", args=[session.pk, "docx"]))
    assert response.status_code == 200
    assert (
        client.get(reverse("attestation:minutes", args=[session.pk, "odt"])).status_code
        == 404
    )


def _sessions(municipality, school, n):
    for i in range(n):
        entry = ReserveEntryFactory(person=PersonFactory(organization=school))
        make_session(municipality, [entry], on=date(2027, 4, 1 + i))


@pytest.mark.parametrize("n", [3, 6])
def test_session_list_query_count(
    client, coordinator, order, municipality, school, n, django_assert_num_queries
):
    _sessions(municipality, school, n)
    client.force_login(coordinator)
    # session, user, roles, person (principal), count, page keys, page rows
    with django_assert_num_queries(7):
        assert client.get(reverse("attestation:sessions")).status_code == 200


@pytest.mark.parametrize("n", [1, 4])
def test_session_page_query_count(
    client, coordinator, order, municipality, school, n, django_assert_num_queries
):
    entries = [
        ReserveEntryFactory(person=PersonFactory(organization=school)) for _ in range(n)
    ]
    session = make_session(municipality, entries, on=TODAY)
    client.force_login(coordinator)
    client.get(session.get_absolute_url())  # warm the principal's cache
    # session, user, session row, agenda, members, attendance, settings,
    # membership check, the agenda form's entries, history
    with django_assert_num_queries(10):
        assert client.get(session.get_absolute_url()).status_code == 200


def test_settings_set_the_plain_mode(client, coordinator, order, municipality):
    client.force_login(coordinator)
    response = client.post(
        reverse("attestation:settings"),
        {"quorum_percent": "60", "plain_decision": "on"},
    )
    assert response.status_code == 302
    from attestation.queries import settings_of

    rules = settings_of(municipality.pk)
    assert (rules.quorum_percent, rules.plain_decision) == (60, True)


def test_settings_refuse_a_share_out_of_range(client, coordinator, order):
    client.force_login(coordinator)
    response = client.post(reverse("attestation:settings"), {"quorum_percent": "100"})
    assert response.status_code == 422


def test_settings_are_the_coordinators(client, commission, order):
    client.force_login(commission)
    assert client.get(reverse("attestation:settings")).status_code == 403


def test_plain_decision_by_the_secretary(client, secretary, municipality, attestation):
    services.update_settings(
        municipality=municipality, quorum_percent=50, plain_decision=True
    )
    _mark_all(attestation.session)
    client.force_login(secretary)
    response = client.post(
        reverse("attestation:decide", args=[attestation.pk]),
        {"decision": "exclude", "exclusion_reason": "Отказ от подготовки"},
    )
    assert response.status_code == 302
    attestation.refresh_from_db()
    assert attestation.decision == D.EXCLUDE


def test_session_and_commission_pages_link_back_to_all_the_sessions(
    client, coordinator, session
):
    """«Все заседания», not Django's «Сессии» (the sessions of the login)."""
    client.force_login(coordinator)
    for url in (
        reverse("attestation:session", args=[session.pk]),
        reverse("attestation:commission"),
    ):
        content = client.get(url).content.decode()
        assert "Все заседания" in content
        assert "Сессии" not in content


def test_pack_names_the_mentors_order_once(
    client, coordinator, attestation, mentorship
):
    """«по приказу № … от …» once; the start only when it differs from the
    order's date, and the end of an ended mentorship labelled."""
    order = mentorship.order
    assert mentorship.starts_on == order.date
    MentorshipFactory(
        reserve_entry=mentorship.reserve_entry,
        mentor=mentorship.mentor,
        order=order,
        starts_on=order.date + timedelta(days=5),
        status=Mentorship.Status.ENDED,
        ended_on=order.date + timedelta(days=20),
        end_reason=Mentorship.EndReason.REPLACED,
    )
    client.force_login(coordinator)
    html = client.get(reverse("attestation:pack", args=[attestation.pk])).content
    text = html.decode()
    day = order.date.strftime("%d.%m.%Y")
    assert f"по приказу № {order.number} от {day} (действует)" in text
    assert (
        f"по приказу № {order.number} от {day}, с {(order.date + timedelta(days=5)):%d.%m.%Y}; прекращено {(order.date + timedelta(days=20)):%d.%m.%Y}"
        in text
    )
    assert f"{day}, {day}" not in text
