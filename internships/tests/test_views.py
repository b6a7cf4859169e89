"""The internship pages end to end: lists, card, forms, programme, status,
conclusion, documents, the forms catalogue; one denial each."""

from datetime import date

import pytest
from django.urls import reverse

from internships import services
from internships.models import Internship, InternshipTask
from internships.tests.factories import first_form, make_internship
from people.models import PersonViewLog

LIST = reverse("internships:list")


def _card(internship: Internship) -> str:
    return reverse("internships:card", args=[internship.pk])


def _fields(internship_or_host, supervisor, **changes) -> dict:
    host = internship_or_host
    return {
        "form": first_form(host).pk,
        "host_organization": host.pk,
        "supervisor": supervisor.pk,
        "starts_on": "2027-01-10",
        "ends_on": "2027-02-10",
        "goal": "Освоить планирование",
        **changes,
    }


@pytest.mark.parametrize("n", [3, 8])
def test_list_query_count_is_constant(
    client, coordinator, school, n, django_assert_num_queries
):
    for _ in range(n):
        make_internship(organization=school)
    client.force_login(coordinator)
    # session, user, roles, person, count, the page's keys, the page annotated,
    # the forms of the filter, the access log's INSERT
    with django_assert_num_queries(9):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == n


def test_list_shows_the_reservists_own_internship_only(
    client, reservist, internship, other_internship
):
    client.force_login(reservist)
    response = client.get(LIST)
    assert list(response.context["page"].object_list) == [internship]
    assert PersonViewLog.objects.filter(channel="list").count() == 1


def test_list_filters_by_status_and_answers_htmx_with_rows(
    client, coordinator, internship, other_internship
):
    services.start_internship(internship=internship)
    client.force_login(coordinator)
    response = client.get(
        LIST, {"status": "in_progress"}, headers={"HX-Request": "true"}
    )
    assert list(response.context["page"].object_list) == [internship]
    assert "<html" not in response.content.decode()


def test_supervised_list_holds_the_supervisors_interns(
    client, supervisor, internship, other_internship
):
    client.force_login(supervisor)
    response = client.get(reverse("internships:supervised"))
    assert list(response.context["page"].object_list) == [internship]
    assert "Мои стажёры" in response.content.decode()


@pytest.mark.parametrize("n", [3, 8])
def test_supervised_list_query_count_is_constant(
    client, supervisor, school, n, django_assert_num_queries
):
    for _ in range(n):
        make_internship(organization=school, supervisor=supervisor.person)
    client.force_login(supervisor)
    # session, user, roles, person, count, the page's keys, the page annotated,
    # the forms of the filter, the access log's INSERT
    with django_assert_num_queries(9):
        response = client.get(reverse("internships:supervised"))
    assert len(response.context["page"].object_list) == n


def test_supervised_list_is_forbidden_to_a_reservist(client, reservist):
    client.force_login(reservist)
    assert client.get(reverse("internships:supervised")).status_code == 403


def test_menu_offers_internships_to_the_mentor(client, mentor):
    client.force_login(mentor)
    content = client.get(reverse("home:index")).content.decode()
    assert f'href="{LIST}"' in content
    assert "Стажировки" in content


def test_card_shows_the_internship_and_logs_the_view(client, mentor, internship):
    client.force_login(mentor)
    response = client.get(_card(internship))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Начать стажировку" in content
    assert "Отзыв ещё не написан" in content
    assert PersonViewLog.objects.filter(
        person=internship.reserve_entry.person, channel="page"
    ).exists()


def test_card_is_not_found_for_another_organisations_head(
    client, commission, internship
):
    client.force_login(commission)
    assert client.get(_card(internship)).status_code == 404


def test_card_query_count(client, mentor, internship, django_assert_num_queries):
    services.add_task(
        internship=internship,
        title="Совещание",
        starts_on=date(2027, 1, 11),
        ends_on=date(2027, 1, 12),
    )
    client.force_login(mentor)
    # session, user, roles, person, the internship, its tasks, the view log
    with django_assert_num_queries(7):
        assert client.get(_card(internship)).status_code == 200


# Creating and editing ----------------------------------------------------------------


def test_mentor_sets_an_internship_in_another_school(
    client, mentor, mentorship, other_school, supervisor
):
    client.force_login(mentor)
    data = _fields(other_school, supervisor.person, mentorship=mentorship.pk)
    response = client.post(reverse("internships:create"), data)
    internship = Internship.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _card(internship)
    assert (internship.host_organization, internship.supervisor) == (
        other_school,
        supervisor.person,
    )


def test_create_refuses_someone_elses_reservist(
    client, mentor, mentorship, other_school, supervisor
):
    other = make_internship(organization=other_school).mentorship
    Internship.objects.all().delete()
    client.force_login(mentor)
    data = _fields(other_school, supervisor.person, mentorship=other.pk)
    response = client.post(reverse("internships:create"), data)
    assert response.status_code == 422
    assert "Выберите одного из своих резервистов" in response.content.decode()
    assert not Internship.objects.exists()


def test_create_refuses_an_end_before_the_start(
    client, mentor, mentorship, other_school, supervisor
):
    client.force_login(mentor)
    data = _fields(
        other_school, supervisor.person, mentorship=mentorship.pk, ends_on="2027-01-01"
    )
    response = client.post(reverse("internships:create"), data)
    assert response.status_code == 422
    assert "не может закончиться раньше" in response.content.decode()
    assert not Internship.objects.exists()


def test_create_refuses_dates_beyond_the_reserve_term(
    client, mentor, mentorship, other_school, supervisor
):
    client.force_login(mentor)
    data = _fields(
        other_school,
        supervisor.person,
        mentorship=mentorship.pk,
        starts_on="2029-08-20",
        ends_on="2029-09-20",
    )
    response = client.post(reverse("internships:create"), data)
    assert response.status_code == 422
    assert "позже срока нахождения резервиста в резерве (01.09.2029)" in (
        response.content.decode()
    )
    assert not Internship.objects.exists()


def test_create_is_forbidden_to_the_reservist(client, reservist):
    client.force_login(reservist)
    assert client.get(reverse("internships:create")).status_code == 403


def test_edit_changes_the_end(client, mentor, internship, other_school, supervisor):
    client.force_login(mentor)
    data = _fields(other_school, supervisor.person, ends_on="2027-03-01")
    response = client.post(reverse("internships:edit", args=[internship.pk]), data)
    assert response.status_code == 302
    assert Internship.objects.get(pk=internship.pk).ends_on == date(2027, 3, 1)


def test_edit_is_forbidden_to_the_supervisor(client, supervisor, internship):
    client.force_login(supervisor)
    url = reverse("internships:edit", args=[internship.pk])
    assert client.get(url).status_code == 403


def test_supervisor_search_offers_people_of_the_municipality(
    client, mentor, supervisor, far_school
):
    client.force_login(mentor)
    response = client.get(
        reverse("people:search"), {"for": "internship-supervisor", "q": "Superv"}
    )
    assert "Supervisor" in response.content.decode()


# Programme, status, conclusion -------------------------------------------------------


def test_a_task_outside_the_dates_is_refused(client, mentor, internship):
    client.force_login(mentor)
    url = reverse("internships:task_add", args=[internship.pk])
    response = client.post(
        url, {"title": "Отчёт", "starts_on": "2027-02-09", "ends_on": "2027-02-20"}
    )
    assert response.status_code == 422
    assert "должно укладываться в сроки стажировки" in response.content.decode()
    assert not InternshipTask.objects.exists()


def test_a_task_is_added_and_removed(client, mentor, internship):
    client.force_login(mentor)
    url = reverse("internships:task_add", args=[internship.pk])
    data = {"title": "Отчёт", "starts_on": "2027-02-01", "ends_on": "2027-02-10"}
    assert client.post(url, data).status_code == 302
    task = InternshipTask.objects.get()
    delete = reverse("internships:task_delete", args=[internship.pk, task.pk])
    assert client.post(delete).status_code == 302
    assert not InternshipTask.objects.exists()


def test_the_supervisor_concludes_and_the_mentor_completes(
    client, mentor, supervisor, internship
):
    client.force_login(mentor)
    client.post(reverse("internships:start", args=[internship.pk]))
    client.force_login(supervisor)
    url = reverse("internships:conclusion", args=[internship.pk])
    data = {
        "work_done": "Провёл совещание",
        "assessment": "excellent",
        "recommendation": "Рекомендуется к назначению",
        "concluded_on": "2027-01-15",
    }
    assert client.post(url, data).status_code == 302
    client.force_login(mentor)
    response = client.post(
        reverse("internships:complete", args=[internship.pk]), follow=True
    )
    assert "Стажировка завершена." in response.content.decode()
    internship.refresh_from_db()
    assert (internship.status, internship.concluded_by) == ("completed", supervisor)


def test_a_conclusion_on_a_not_started_internship_is_refused(
    client, supervisor, internship
):
    client.force_login(supervisor)
    url = reverse("internships:conclusion", args=[internship.pk])
    data = {
        "work_done": "Провёл совещание",
        "assessment": "good",
        "recommendation": "Продолжить",
        "concluded_on": "2027-01-15",
    }
    response = client.post(url, data)
    assert response.status_code == 422
    assert "Стажировка ещё не началась" in response.content.decode()
    assert not Internship.objects.get(pk=internship.pk).has_conclusion


def test_the_reservist_may_not_write_the_conclusion(client, reservist, internship):
    client.force_login(reservist)
    url = reverse("internships:conclusion", args=[internship.pk])
    assert client.get(url).status_code == 403


def test_start_is_refused_with_a_message_before_the_start_date(
    client, mentor, mentorship
):
    internship = make_internship(
        mentorship=mentorship, starts_on=date(2027, 1, 20), ends_on=date(2027, 2, 1)
    )
    client.force_login(mentor)
    response = client.post(
        reverse("internships:start", args=[internship.pk]), follow=True
    )
    assert "начать её раньше нельзя" in response.content.decode()


# Documents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("pdf", "application/pdf"),
    ],
)
def test_the_programme_downloads(client, reservist, internship, fmt, content_type):
    client.force_login(reservist)
    url = reverse("internships:document", args=[internship.pk, "programme", fmt])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert (
        f"internship-programme-reservist-2027-01-10.{fmt}"
        in (response["Content-Disposition"])
    )
    assert PersonViewLog.objects.filter(channel="document").count() == 3


def test_an_unknown_format_or_an_unwritten_conclusion_is_not_found(
    client, reservist, internship
):
    client.force_login(reservist)
    for kind, fmt in [("programme", "xls"), ("conclusion", "pdf"), ("order", "pdf")]:
        url = reverse("internships:document", args=[internship.pk, kind, fmt])
        assert client.get(url).status_code == 404


# The forms catalogue -----------------------------------------------------------------


def test_the_coordinator_adds_a_form(client, coordinator, municipality):
    client.force_login(coordinator)
    url = reverse("internships:forms")
    assert "Дистанционная" in client.get(url).content.decode()
    assert client.post(url, {"name": "Сетевая", "is_active": "on"}).status_code == 302
    assert municipality.internship_forms.filter(name="Сетевая").exists()


def test_a_repeated_form_name_is_refused(client, coordinator, municipality):
    client.force_login(coordinator)
    response = client.post(reverse("internships:forms"), {"name": "Выездная"})
    assert response.status_code == 422
    assert "с таким названием уже есть" in response.content.decode()
    assert municipality.internship_forms.count() == 5


def test_the_coordinator_withdraws_a_form(client, coordinator, municipality):
    form = municipality.internship_forms.get(name="Выездная")
    client.force_login(coordinator)
    url = reverse("internships:form_edit", args=[form.pk])
    assert client.post(url, {"name": "Выездная"}).status_code == 302
    form.refresh_from_db()
    assert not form.is_active


def test_the_forms_catalogue_is_forbidden_to_a_head(client, head, municipality):
    client.force_login(head)
    assert client.get(reverse("internships:forms")).status_code == 403
    form = municipality.internship_forms.first()
    url = reverse("internships:form_edit", args=[form.pk])
    assert client.post(url, {"name": "X"}).status_code == 403
