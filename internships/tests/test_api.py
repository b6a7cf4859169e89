"""`/api/v1/internships` end to end: lists, details, writes, documents, errors."""

from datetime import date

import pytest

from internships import services
from internships.models import Internship, InternshipTask
from internships.tests.factories import first_form, make_internship
from plans import services as plan_services
from plans.models import PlanItem
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory

API = "/api/v1"


def _body(mentorship, host, supervisor, **changes) -> dict:
    return {
        "reserve_entry_id": mentorship.reserve_entry_id,
        "form_id": first_form(host).pk,
        "host_organization_id": host.pk,
        "supervisor_id": supervisor.pk,
        "starts_on": "2027-01-10",
        "ends_on": "2027-02-10",
        **changes,
    }


@pytest.mark.parametrize("n", [3, 8])
def test_list_query_count_is_constant(
    api_client, coordinator, school, n, django_assert_num_queries
):
    for _ in range(n):
        make_internship(organization=school)
    client = api_client(coordinator)
    # token, user, roles, the page's keys, the page annotated, count, the
    # access log's INSERT
    with django_assert_num_queries(7):
        response = client.get(f"{API}/internships")
    assert response.json()["count"] == n


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", {"internship", "other_internship"}),
        ("head", {"internship"}),
        ("mentor", {"internship"}),
        ("reservist", {"internship"}),
        ("supervisor", {"internship"}),
        ("commission", set()),
        ("stranger", {"far_internship"}),
    ],
    indirect=["user"],
)
def test_list_and_get_are_scoped(api_client, user, expected, internships):
    client = api_client(user)
    ids = {i["id"] for i in client.get(f"{API}/internships").json()["items"]}
    assert ids == {internships[n].pk for n in expected}
    for name, internship in internships.items():
        status = client.get(f"{API}/internships/{internship.pk}").status_code
        assert status == (200 if name in expected else 404)


def test_list_filters_by_status(api_client, coordinator, internship, other_internship):
    services.start_internship(internship=internship)
    client = api_client(coordinator)
    found = client.get(f"{API}/internships", {"status": "in_progress"}).json()
    assert [i["id"] for i in found["items"]] == [internship.pk]


def test_mentor_creates_an_internship(
    api_client, mentor, mentorship, other_school, supervisor
):
    body = _body(mentorship, other_school, supervisor.person, goal="Цель")
    response = api_client(mentor).post(
        f"{API}/internships", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["status"], data["supervisor"]["id"], data["conclusion"]) == (
        "planned",
        supervisor.person.pk,
        None,
    )


def test_create_for_someone_elses_reservist_is_422(
    api_client, mentor, mentorship, other_school, supervisor, other_internship
):
    body = _body(other_internship.mentorship, other_school, supervisor.person)
    response = api_client(mentor).post(
        f"{API}/internships", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert "reserve_entry_id" in response.json()["errors"]
    assert Internship.objects.count() == 1


def test_create_with_an_end_before_the_start_is_400_in_russian(
    api_client, mentor, mentorship, other_school, supervisor
):
    body = _body(mentorship, other_school, supervisor.person, ends_on="2027-01-01")
    response = api_client(mentor).post(
        f"{API}/internships", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["ends_on"] == [
        "Стажировка не может закончиться раньше, чем начнётся."
    ]
    assert not Internship.objects.exists()


def test_create_is_403_for_a_reservist(
    api_client, reservist, mentorship, school, supervisor
):
    body = _body(mentorship, school, supervisor.person)
    response = api_client(reservist).post(
        f"{API}/internships", body, content_type="application/json"
    )
    assert response.status_code == 403


def test_patch_changes_and_checks_the_dates(api_client, mentor, internship):
    client = api_client(mentor)
    url = f"{API}/internships/{internship.pk}"
    response = client.patch(url, {"ends_on": "2027-03-01"}, "application/json")
    assert response.status_code == 200
    assert response.json()["ends_on"] == "2027-03-01"
    response = client.patch(url, {"starts_on": "2026-08-01"}, "application/json")
    assert response.status_code == 400
    assert "раньше включения резервиста в резерв" in response.json()["detail"] + str(
        response.json()["errors"]
    )
    assert Internship.objects.get(pk=internship.pk).starts_on == date(2027, 1, 10)


def test_patch_is_403_for_the_supervisor_and_404_for_a_stranger(
    api_client, supervisor, stranger, internship
):
    url = f"{API}/internships/{internship.pk}"
    body = {"ends_on": "2027-03-01"}
    assert (
        api_client(supervisor).patch(url, body, "application/json").status_code == 403
    )
    assert api_client(stranger).patch(url, body, "application/json").status_code == 404


def test_tasks_within_and_outside_the_dates(api_client, mentor, internship):
    client = api_client(mentor)
    url = f"{API}/internships/{internship.pk}/tasks"
    good = {"title": "Совещание", "starts_on": "2027-01-11", "ends_on": "2027-01-12"}
    response = client.post(url, good, "application/json")
    assert response.status_code == 201
    bad = {**good, "ends_on": "2027-03-01"}
    response = client.post(url, bad, "application/json")
    assert response.status_code == 400
    assert "укладываться в сроки стажировки" in str(response.json())
    assert [t["title"] for t in client.get(url).json()] == ["Совещание"]
    task = InternshipTask.objects.get()
    response = client.put(
        f"{url}/{task.pk}", {**good, "title": "Отчёт"}, "application/json"
    )
    assert response.json()["title"] == "Отчёт"
    assert client.delete(f"{url}/{task.pk}").status_code == 204
    assert client.delete(f"{url}/{task.pk}").status_code == 404


def test_start_conclude_and_complete_with_the_plan_item(
    api_client, mentor, supervisor, reservist, mentorship, coordinator, other_school
):
    plan = IndividualPlanFactory(reserve_entry=mentorship.reserve_entry)
    item = PlanItemFactory(plan=plan, deadline=date(2027, 2, 1))
    plan_services.submit_plan(plan=plan)
    plan_services.approve_plan(plan=plan, by=coordinator)
    internship = make_internship(
        mentorship=mentorship,
        host=other_school,
        supervisor=supervisor.person,
        plan_item=PlanItem.objects.get(pk=item.pk),
    )
    base = f"{API}/internships/{internship.pk}"
    conclusion = {
        "work_done": "Провёл совещание",
        "assessment": "good",
        "recommendation": "Продолжить подготовку",
        "concluded_on": "2027-01-15",
    }
    as_mentor, as_supervisor = api_client(mentor), api_client(supervisor)
    response = as_supervisor.put(f"{base}/conclusion", conclusion, "application/json")
    assert response.status_code == 400
    assert "Стажировка ещё не началась" in response.json()["detail"]
    assert as_mentor.post(f"{base}/start").json()["status"] == "in_progress"
    early = {**conclusion, "concluded_on": "2027-01-05"}
    response = as_supervisor.put(f"{base}/conclusion", early, "application/json")
    assert response.status_code == 400
    assert (
        api_client(reservist)
        .put(f"{base}/conclusion", conclusion, "application/json")
        .status_code
        == 403
    )
    response = as_supervisor.put(f"{base}/conclusion", conclusion, "application/json")
    assert response.json()["conclusion"]["assessment_display"] == "хорошо"
    assert as_supervisor.post(f"{base}/complete").status_code == 403
    assert as_mentor.post(f"{base}/complete").json()["status"] == "completed"
    item.refresh_from_db()
    assert (item.status, item.confirmed_by) == ("done", mentor)


def test_documents_and_a_bad_format(api_client, reservist, internship):
    client = api_client(reservist)
    url = f"{API}/internships/{internship.pk}/document"
    assert client.get(url, {"format": "pdf"})["Content-Type"] == "application/pdf"
    assert client.get(url)["Content-Type"].startswith("application/vnd.openxml")
    response = client.get(url, {"format": "xls"})
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Неизвестный формат документа «xls»: выберите DOCX или PDF."
    )
    response = client.get(url, {"format": "pdf", "kind": "conclusion"})
    assert response.status_code == 400
    assert "Отзыв руководителя стажировки ещё не написан" in response.json()["detail"]


def test_internship_forms_list_the_municipalitys(api_client, mentor, far_school):
    names = [
        f["name"]
        for f in api_client(mentor).get(f"{API}/internship-forms").json()["items"]
    ]
    assert names[1] == "В другой образовательной организации"
    assert len(names) == 5
