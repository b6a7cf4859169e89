"""Readiness, the mentors' registry, ending a mentorship, the reservist's own page
and the home page figures (the mentor's page: test_views_my_reservists.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from core.tests.utils import xlsx_rows
from mentorships.models import MentorOrder, MentorReadiness, Mentorship
from mentorships.tests.factories import (
    EligibleMentorFactory,
    MentorOrderFactory,
    MentorReadinessFactory,
    MentorshipFactory,
)
from people.models import PersonViewLog
from people.tests.factories import PersonFactory
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db


def _readiness(person) -> str:
    return reverse("mentorships:readiness", args=[person.pk])


# ---------------------------------------------------------------- readiness


def test_readiness_page_shows_each_condition(client, coordinator, school):
    person = PersonFactory(
        organization=school, last_name="Учителев", management_experience=Decimal(1)
    )
    client.force_login(coordinator)
    response = client.get(_readiness(person))
    assert response.status_code == 200
    checks = response.context["checks"]
    assert len(checks) == 3
    assert all(c.failure for c in checks)
    content = response.content.decode()
    assert content.count('class="check fail"') == 3
    assert "Учителев" in content


def test_readiness_page_ticks_met_conditions(client, coordinator, school):
    mentor = EligibleMentorFactory(organization=school)
    client.force_login(coordinator)
    content = client.get(_readiness(mentor)).content.decode()
    assert content.count('class="check ok"') == 3


@pytest.mark.parametrize("who", ["coordinator", "head", "mentor"])
def test_readiness_is_confirmed_by_self_head_or_coordinator(
    client, who, request, mentor
):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        _readiness(mentor.person), {"confirmed_on": "2026-09-01", "note": "Заявление"}
    )
    assert response.status_code == 302
    readiness = MentorReadiness.objects.get(person=mentor.person)
    assert (readiness.confirmed_on, readiness.note) == (date(2026, 9, 1), "Заявление")


def test_readiness_in_the_future_is_refused(client, mentor):
    client.force_login(mentor)
    response = client.post(_readiness(mentor.person), {"confirmed_on": "2100-01-01"})
    assert response.status_code == 422
    assert response.context["form"].errors["confirmed_on"]
    assert not MentorReadiness.objects.exists()


def test_reservist_sees_but_may_not_confirm_for_a_colleague(
    client, reservist, school, mentor
):
    MentorshipFactory(
        reserve_entry=ReserveEntryFactory(person=reservist.person),
        mentor=mentor.person,
    )
    client.force_login(reservist)
    response = client.get(_readiness(mentor.person))
    assert response.status_code == 200
    assert 'id="readiness-form"' not in response.content.decode()
    post = client.post(_readiness(mentor.person), {"confirmed_on": "2026-09-01"})
    assert post.status_code == 403


def test_readiness_out_of_scope_is_404(client, stranger, mentor):
    client.force_login(stranger)
    assert client.get(_readiness(mentor.person)).status_code == 404


def test_withdraw_readiness(client, mentor):
    MentorReadinessFactory(person=mentor.person)
    client.force_login(mentor)
    url = reverse("mentorships:readiness_withdraw", args=[mentor.person.pk])
    assert client.post(url).status_code == 302
    assert not MentorReadiness.objects.exists()


def test_withdraw_while_mentoring_is_refused_with_a_message(client, school):
    mentorship = MentorshipFactory(reserve_entry__person__organization=school)
    person = mentorship.mentor
    client.force_login(_coordinator_of(school))
    url = reverse("mentorships:readiness_withdraw", args=[person.pk])
    response = client.post(url, follow=True)
    assert MentorReadiness.objects.filter(person=person).exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def _coordinator_of(organization):
    from accounts.tests.factories import UserFactory

    user = UserFactory(username="coordinator2")
    RoleAssignment.objects.create(
        user=user, role=Role.COORDINATOR, municipality=organization.municipality
    )
    return user


def test_person_page_links_to_eligibility(client, coordinator, school):
    person = PersonFactory(organization=school)
    client.force_login(coordinator)
    content = client.get(person.get_absolute_url()).content.decode()
    assert _readiness(person) in content
    assert f"{reverse('reserve:create')}?person={person.pk}" in content


# ---------------------------------------------------------------- mentors

MENTORS = reverse("mentorships:mentors")


def test_mentors_list_shows_load_and_reservists(client, coordinator, school):
    first = MentorshipFactory(
        reserve_entry__person__organization=school,
        reserve_entry__person__last_name="Резервистов",
        mentor__last_name="Наставников",
    )
    MentorshipFactory(reserve_entry__person__organization=school, mentor=first.mentor)
    EligibleMentorFactory(organization=school, last_name="Готовый")
    PersonFactory(organization=school, last_name="Посторонний")
    client.force_login(coordinator)
    response = client.get(MENTORS)
    assert response.status_code == 200
    mentors = list(response.context["page"].object_list)
    assert [m.last_name for m in mentors] == ["Готовый", "Наставников"]
    assert [m.n_current for m in mentors] == [0, 2]
    assert all(m.is_eligible for m in mentors)
    content = response.content.decode()
    assert "2 из 3" in content
    assert first.reserve_entry.get_absolute_url() in content


def test_mentors_list_filters_by_organisation(
    client, coordinator, school, other_school
):
    EligibleMentorFactory(organization=school, last_name="Школьный")
    EligibleMentorFactory(organization=other_school, last_name="Другой")
    client.force_login(coordinator)
    response = client.get(MENTORS, {"organization": other_school.pk})
    assert [m.last_name for m in response.context["page"].object_list] == ["Другой"]


def test_head_sees_own_mentors_and_mentor_may_not(
    client, head, mentor, school, other_school
):
    EligibleMentorFactory(organization=school, last_name="Школьный")
    EligibleMentorFactory(organization=other_school, last_name="Другой")
    client.force_login(head)
    names = [m.last_name for m in client.get(MENTORS).context["page"].object_list]
    assert names == ["Школьный"]
    client.force_login(mentor)
    assert client.get(MENTORS).status_code == 403


@pytest.mark.parametrize("n", [3, 12])
def test_mentors_query_count_is_constant(
    client, coordinator, school, n, django_assert_max_num_queries
):
    for _ in range(n):
        MentorshipFactory(reserve_entry__person__organization=school)
    client.force_login(coordinator)
    # session, user, roles, person, count, the page's keys, the page annotated,
    # mentorships, organisations
    with django_assert_max_num_queries(9):
        response = client.get(MENTORS)
    assert len(response.context["page"].object_list) == n


def test_mentors_export(client, coordinator, school):
    MentorshipFactory(
        reserve_entry__person__organization=school,
        reserve_entry__person__last_name="Резервистов",
        mentor__last_name="Наставников",
    )
    client.force_login(coordinator)
    rows = xlsx_rows(client.get(reverse("mentorships:mentors_export")))
    assert len(rows) == 2
    assert rows[1][0].startswith("Наставников")
    assert rows[1][6:8] == [1, 3]
    assert rows[1][8].startswith("Резервистов")


def test_mentors_export_logs_the_mentors_and_their_reservists(
    client, coordinator, school
):
    mentorship = MentorshipFactory(reserve_entry__person__organization=school)
    client.force_login(coordinator)

    client.get(reverse("mentorships:mentors_export"))

    logs = PersonViewLog.objects.all()
    assert {log.person for log in logs} == {
        mentorship.mentor,
        mentorship.reserve_entry.person,
    }
    assert len(logs) == 2
    assert {(log.user, log.channel) for log in logs} == {
        (coordinator, PersonViewLog.Channel.EXPORT)
    }


@pytest.mark.parametrize("n", [2, 30])
def test_mentors_export_query_count_does_not_grow_with_rows(
    client, coordinator, school, django_assert_num_queries, n
):
    for _ in range(n):
        MentorshipFactory(reserve_entry__person__organization=school)
    client.force_login(coordinator)

    # session, user, roles, person, rows (one iterator chunk), their current
    # mentorships, access log (one INSERT for the mentors and reservists)
    with django_assert_num_queries(7):
        response = client.get(reverse("mentorships:mentors_export"))

    assert len(xlsx_rows(response)) == n + 1
    assert PersonViewLog.objects.count() == 2 * n


# ---------------------------------------------------------------- ending


def test_head_ends_an_active_mentorship(client, head, school):
    mentorship = MentorshipFactory(reserve_entry__person__organization=school)
    url = reverse("mentorships:end", args=[mentorship.pk])
    client.force_login(head)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"ended_on": "2026-11-01", "reason": "completed", "note": "План выполнен"}
    )
    assert response.status_code == 302
    assert response["Location"] == mentorship.reserve_entry.get_absolute_url()
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ENDED
    assert mentorship.end_reason == Mentorship.EndReason.COMPLETED


def test_end_refuses_a_date_beyond_2100(client, head, school):
    mentorship = MentorshipFactory(reserve_entry__person__organization=school)
    client.force_login(head)
    response = client.post(
        reverse("mentorships:end", args=[mentorship.pk]),
        {"ended_on": "9999-12-31", "reason": "completed"},
    )
    assert response.context["form"].errors["ended_on"] == [
        "Введите дату в промежутке с 01.01.2000 по 31.12.2100."
    ]
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE


def test_end_before_the_start_is_refused(client, head, school):
    mentorship = MentorshipFactory(reserve_entry__person__organization=school)
    client.force_login(head)
    response = client.post(
        reverse("mentorships:end", args=[mentorship.pk]),
        {"ended_on": "2020-01-01", "reason": "completed"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["ended_on"]
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE


def test_coordinator_may_not_end_and_stranger_gets_404(
    client, coordinator, stranger, school
):
    mentorship = MentorshipFactory(reserve_entry__person__organization=school)
    url = reverse("mentorships:end", args=[mentorship.pk])
    client.force_login(coordinator)
    assert client.get(url).status_code == 403
    client.force_login(stranger)
    assert client.get(url).status_code == 404


# ------------------------------------------------------------- own pages


def test_my_mentor_shows_contacts_and_order(client, reservist, school):
    mentorship = MentorshipFactory(
        reserve_entry=ReserveEntryFactory(person=reservist.person),
        mentor__last_name="Наставников",
        mentor__email="mentor@example.ru",
        mentor__phone="+7 900 111-22-33",
    )
    client.force_login(reservist)
    content = client.get(reverse("mentorships:my_mentor")).content.decode()
    assert "Наставников" in content
    assert "mentor@example.ru" in content
    assert "+7 900 111-22-33" in content
    assert "Заместитель директора" in content
    assert mentorship.order.get_absolute_url() in content


@pytest.mark.parametrize("who", ["coordinator", "mentor"])
def test_my_mentor_is_the_reservists_page(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("mentorships:my_mentor")).status_code == 403


def test_my_pages_redirect_anonymous(client, db):
    for name in ["my_reservists", "my_mentor", "mentors", "orders"]:
        response = client.get(reverse(f"mentorships:{name}"))
        assert response.status_code == 302, name


# ---------------------------------------------------------------- home


def test_coordinator_home_shows_real_figures(client, coordinator, school):
    MentorshipFactory(reserve_entry__person__organization=school)
    ReserveEntryFactory(person__organization=school)
    MentorOrderFactory(organization=school)
    client.force_login(coordinator)
    work = client.get("/").context["work"]
    assert (work.reservists, work.without_mentor, work.mentors, work.draft_orders) == (
        2,
        1,
        1,
        1,
    )


def test_head_home_and_navigation(client, head, school):
    ReserveEntryFactory(person__organization=school)
    MentorOrderFactory(organization=school, status=MentorOrder.Status.REGISTERED)
    client.force_login(head)
    response = client.get("/")
    work = response.context["work"]
    assert (work.reservists, work.without_mentor, work.draft_orders) == (1, 1, 0)
    urls = [i.url for i in response.context["nav_items"]]
    assert reverse("reserve:list") in urls
    assert reverse("mentorships:orders") in urls
    assert reverse("mentorships:order_create") in response.content.decode()


def test_mentor_and_reservist_home(client, mentor, reservist, school):
    MentorshipFactory(
        mentor=mentor.person,
        reserve_entry=ReserveEntryFactory(person=reservist.person),
    )
    client.force_login(mentor)
    response = client.get("/")
    assert len(response.context["mentor"].reservists) == 1
    urls = [i.url for i in response.context["nav_items"]]
    assert reverse("mentorships:my_reservists") in urls
    client.force_login(reservist)
    response = client.get("/")
    assert response.context["work"].my_mentorship.mentor == mentor.person
    assert mentor.person.full_name in response.content.decode()
    urls = [i.url for i in response.context["nav_items"]]
    assert reverse("mentorships:my_mentor") in urls
