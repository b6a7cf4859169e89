"""The reservist's card and the coordinator's forms on it."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from people.models import PersonViewLog
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db


def _card(entry) -> str:
    return reverse("reserve:card", args=[entry.pk])


@pytest.fixture
def entry(school):
    return ReserveEntryFactory(
        person__organization=school,
        person__last_name="Резервистов",
        person__email="rez@example.ru",
    )


def test_card_redirects_anonymous_to_login(client, entry):
    response = client.get(_card(entry))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_coordinator_sees_the_card_with_history_and_forms(client, coordinator, entry):
    client.force_login(coordinator)
    response = client.get(_card(entry))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Резервистов" in content
    assert "rez@example.ru" in content
    assert 'id="h-history"' in content
    assert reverse("reserve:appoint", args=[entry.pk]) in content
    assert reverse("reserve:exclude", args=[entry.pk]) in content
    assert reverse("reserve:edit", args=[entry.pk]) in content


def test_opening_the_card_is_logged(client, coordinator, entry):
    client.force_login(coordinator)
    client.get(_card(entry))
    log = PersonViewLog.objects.get()
    assert (log.person, log.user, log.channel) == (
        entry.person,
        coordinator,
        PersonViewLog.Channel.PAGE,
    )


def test_head_sees_own_reservist_without_history_or_forms(client, head, entry):
    client.force_login(head)
    response = client.get(_card(entry))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="h-history"' not in content
    assert reverse("reserve:appoint", args=[entry.pk]) not in content


@pytest.mark.parametrize("who", ["stranger", "commission", "mentor"])
def test_card_is_404_out_of_scope(client, entry, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_card(entry)).status_code == 404
    assert not PersonViewLog.objects.exists()


def test_reservist_sees_own_card(client, reservist, school):
    entry = ReserveEntryFactory(person=reservist.person)
    client.force_login(reservist)
    assert client.get(_card(entry)).status_code == 200


def test_card_shows_the_mentor_with_contacts_order_and_past_mentors(
    client, coordinator, entry
):
    old = MentorshipFactory(
        reserve_entry=entry,
        mentor__last_name="Прежний",
        status=Mentorship.Status.ENDED,
        ended_on=date(2026, 10, 1),
        end_reason=Mentorship.EndReason.REPLACED,
    )
    current = MentorshipFactory(
        reserve_entry=entry,
        mentor__last_name="Нынешний",
        mentor__email="mentor@example.ru",
        mentor__phone="+7 900 000-00-00",
    )
    client.force_login(coordinator)
    response = client.get(_card(entry))
    assert [m.pk for m in response.context["current"]] == [current.pk]
    assert [m.pk for m in response.context["past"]] == [old.pk]
    content = response.content.decode()
    assert "mentor@example.ru" in content
    assert "+7 900 000-00-00" in content
    assert current.order.get_absolute_url() in content
    assert old.order.get_absolute_url() in content
    assert "Прежний" in content


def test_reservist_sees_past_mentors_without_links_to_their_cards(client, reservist):
    entry = ReserveEntryFactory(person=reservist.person)
    old = MentorshipFactory(
        reserve_entry=entry,
        mentor__last_name="Прежний",
        status=Mentorship.Status.ENDED,
        ended_on=date(2026, 10, 1),
        end_reason=Mentorship.EndReason.REPLACED,
    )
    current = MentorshipFactory(reserve_entry=entry, mentor__last_name="Нынешний")
    client.force_login(reservist)
    content = client.get(_card(entry)).content.decode()
    assert "Прежний" in content
    assert old.mentor.get_absolute_url() not in content
    assert current.mentor.get_absolute_url() in content
    assert client.get(current.mentor.get_absolute_url()).status_code == 200


def test_mentor_sees_the_card_of_own_reservist(client, mentor, entry):
    MentorshipFactory(reserve_entry=entry, mentor=mentor.person)
    client.force_login(mentor)
    assert client.get(_card(entry)).status_code == 200


def test_head_sees_the_end_button_and_coordinator_does_not(
    client, head, coordinator, entry
):
    mentorship = MentorshipFactory(reserve_entry=entry)
    end = reverse("mentorships:end", args=[mentorship.pk])
    client.force_login(head)
    assert end in client.get(_card(entry)).content.decode()
    client.force_login(coordinator)
    assert end not in client.get(_card(entry)).content.decode()


@pytest.mark.parametrize("n", [1, 6])
def test_card_query_count_is_constant(
    client, coordinator, entry, n, django_assert_max_num_queries
):
    for _ in range(n):
        MentorshipFactory(reserve_entry=entry, status=Mentorship.Status.ENDED)
    client.force_login(coordinator)
    # session, user, roles, person, entry, view log, mentorships,
    # history: records, users, target positions, people
    with django_assert_max_num_queries(12):
        assert client.get(_card(entry)).status_code == 200


# ---------------------------------------------------------------- appoint


def test_coordinator_marks_appointed_and_the_mentorship_ends(
    client, coordinator, entry
):
    mentorship = MentorshipFactory(reserve_entry=entry)
    client.force_login(coordinator)
    response = client.post(
        reverse("reserve:appoint", args=[entry.pk]),
        {"appointed_position": "Директор", "appointed_on": "2026-11-01"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    mentorship.refresh_from_db()
    assert entry.status == ReserveEntry.Status.APPOINTED
    assert entry.appointed_on == date(2026, 11, 1)
    assert mentorship.status == Mentorship.Status.ENDED


def test_appoint_shows_errors_on_the_card(client, coordinator, entry):
    client.force_login(coordinator)
    response = client.post(
        reverse("reserve:appoint", args=[entry.pk]),
        {"appointed_position": "", "appointed_on": "2026-11-01"},
    )
    assert response.status_code == 422
    assert response.context["appoint_form"].errors["appointed_position"]
    assert "Обязательное поле." in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == ReserveEntry.Status.ACTIVE


def test_appoint_is_post_only_and_the_head_may_not(client, head, coordinator, entry):
    url = reverse("reserve:appoint", args=[entry.pk])
    client.force_login(coordinator)
    assert client.get(url).status_code == 405
    client.force_login(head)
    data = {"appointed_position": "Директор", "appointed_on": "2026-11-01"}
    assert client.post(url, data).status_code == 403


def test_appoint_out_of_scope_is_404(client, stranger, entry):
    client.force_login(stranger)
    data = {"appointed_position": "Директор", "appointed_on": "2026-11-01"}
    response = client.post(reverse("reserve:appoint", args=[entry.pk]), data)
    assert response.status_code == 404


# ---------------------------------------------------------------- exclude


def test_coordinator_excludes_with_a_reason(client, coordinator, entry):
    client.force_login(coordinator)
    response = client.post(
        reverse("reserve:exclude", args=[entry.pk]),
        {"exclusion_reason": "По собственному желанию", "excluded_on": "2026-11-01"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == ReserveEntry.Status.EXCLUDED
    assert entry.exclusion_reason == "По собственному желанию"
    content = client.get(_card(entry)).content.decode()
    assert "По собственному желанию" in content
    assert reverse("reserve:exclude", args=[entry.pk]) not in content


def test_exclusion_before_the_inclusion_is_refused(client, coordinator, entry):
    client.force_login(coordinator)
    response = client.post(
        reverse("reserve:exclude", args=[entry.pk]),
        {"exclusion_reason": "Ошибка", "excluded_on": "2020-01-01"},
    )
    assert response.status_code == 422
    assert response.context["exclude_form"].non_field_errors()
    entry.refresh_from_db()
    assert entry.status == ReserveEntry.Status.ACTIVE


def test_head_who_is_also_coordinator_elsewhere_may_not_exclude(
    client, head, entry, far_school
):
    RoleAssignment.objects.create(
        user=head, role=Role.COORDINATOR, municipality=far_school.municipality
    )
    client.force_login(head)
    response = client.post(
        reverse("reserve:exclude", args=[entry.pk]),
        {"exclusion_reason": "Ошибка", "excluded_on": "2026-11-01"},
    )
    assert response.status_code == 403
