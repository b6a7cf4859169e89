"""`/competencies`, `/assessments`, `/reservists/{id}/competency-profile` and its
document: scope, the hidden mentor's assessment, bad input and query counts."""

from io import BytesIO

import pytest
from docx import Document

from api.tests.conftest import API
from competencies import services
from competencies.models import Assessment
from competencies.tests.conftest import submit
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from reserve.tests.factories import ReserveEntryFactory


@pytest.fixture
def mentorship(mentor, reservist) -> Mentorship:
    return MentorshipFactory.create(
        mentor=mentor.person, reserve_entry=ReserveEntryFactory(person=reservist.person)
    )


def _payload(mentorship, role="self", point="start", *levels):
    version = services.current_version(mentorship.municipality)
    competencies = list(version.competencies.all())
    return {
        "mentorship_id": mentorship.pk,
        "point": point,
        "role": role,
        "ratings": [
            {"competency_id": c.pk, "level": levels[i] if i < len(levels) else 3}
            for i, c in enumerate(competencies)
        ],
    }


def test_competencies_of_the_current_version(api_client, reservist, municipality):
    response = api_client(reservist).get(f"{API}/competencies")
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 7
    assert items[2]["name"] == "Правовая компетентность"
    assert len(items[0]["levels"]) == 5


def test_reservist_and_mentor_submit(api_client, reservist, mentor, mentorship):
    created = api_client(reservist).post(
        f"{API}/assessments", _payload(mentorship), content_type="application/json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["role"] == "self"
    assert len(created.json()["ratings"]) == 7
    again = api_client(reservist).post(
        f"{API}/assessments", _payload(mentorship), content_type="application/json"
    )
    assert again.status_code == 400
    assert "уже отправлена" in again.json()["detail"]
    assert Assessment.objects.count() == 1


def test_reservist_may_not_assess_as_the_mentor(api_client, reservist, mentorship):
    response = api_client(reservist).post(
        f"{API}/assessments",
        _payload(mentorship, "mentor"),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Недостаточно прав для этого действия."
    assert not Assessment.objects.exists()


def test_someone_elses_reservist_is_refused(api_client, mentor, school):
    other = MentorshipFactory.create(reserve_entry__person__organization=school)
    response = api_client(mentor).post(
        f"{API}/assessments", _payload(other, "mentor"), content_type="application/json"
    )
    assert response.status_code == 422
    assert "mentorship_id" in response.json()["errors"]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("level", [0, 6])
def test_level_outside_the_scale(api_client, mentor, mentorship, level):
    response = api_client(mentor).post(
        f"{API}/assessments",
        _payload(mentorship, "mentor", "start", level),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not Assessment.objects.exists()


def test_mentors_assessment_is_hidden_from_the_reservist(
    api_client, reservist, mentor, mentorship
):
    mentors = submit(mentorship, "mentor", "start", 1)
    client = api_client(reservist)
    assert client.get(f"{API}/assessments").json()["count"] == 0
    assert client.get(f"{API}/assessments/{mentors.pk}").status_code == 404
    profile = client.get(
        f"{API}/reservists/{mentorship.reserve_entry_id}/competency-profile"
    ).json()
    assert profile["points"] == []
    submit(mentorship, "self", "start", 4)
    assert client.get(f"{API}/assessments").json()["count"] == 2
    assert client.get(f"{API}/assessments/{mentors.pk}").status_code == 200
    profile = client.get(
        f"{API}/reservists/{mentorship.reserve_entry_id}/competency-profile"
    ).json()
    start = profile["points"][0]
    assert start["point"] == "start"
    assert start["largest_gaps"][0]["gap"] == 3


@pytest.mark.parametrize(
    ("role", "count", "profile"),
    [
        ("coordinator", 2, 200),
        ("head", 2, 200),
        ("mentor", 2, 200),
        ("superuser", 2, 200),
        ("stranger", 0, 404),
        ("commission", 0, 404),
    ],
)
def test_scope_by_role(request, api_client, mentorship, role, count, profile):
    a = submit(mentorship, "self")
    submit(mentorship, "mentor")
    client = api_client(request.getfixturevalue(role))
    assert client.get(f"{API}/assessments").json()["count"] == count
    assert client.get(f"{API}/assessments/{a.pk}").status_code == (
        200 if count else 404
    )
    url = f"{API}/reservists/{mentorship.reserve_entry_id}/competency-profile"
    assert client.get(url).status_code == profile


def test_anonymous_is_401(api_client):
    assert api_client(None).get(f"{API}/assessments").status_code == 401


def _document(mentorship, fmt="docx"):
    entry = mentorship.reserve_entry_id
    return f"{API}/reservists/{entry}/competency-profile/document?format={fmt}"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("head", 200),
        ("mentor", 200),
        ("reservist", 200),
        ("superuser", 200),
        ("stranger", 404),
        ("commission", 404),
    ],
)
def test_profile_document_by_role(request, api_client, mentorship, role, status):
    submit(mentorship, "self", "start", 5)
    submit(mentorship, "mentor", "start", 2)
    response = api_client(request.getfixturevalue(role)).get(_document(mentorship))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].endswith("wordprocessingml.document")
        assert 'filename="competency-profile-' in response["Content-Disposition"]


def test_profile_document_formats(api_client, coordinator, mentorship):
    client = api_client(coordinator)
    no_assessment = client.get(_document(mentorship, "pdf"))
    assert no_assessment.status_code == 400
    assert no_assessment.json()["detail"] == "Оценок компетенций резервиста пока нет."
    submit(mentorship, "self", "start", 5)
    pdf = client.get(_document(mentorship, "pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get(_document(mentorship, "odt")).status_code == 422


def test_profile_document_hides_the_mentors_from_the_reservist(
    api_client, reservist, mentorship
):
    submit(mentorship, "mentor", "start", 1)
    client = api_client(reservist)
    assert client.get(_document(mentorship)).status_code == 400  # nothing to see
    submit(mentorship, "self", "start", 4)
    submit(mentorship, "mentor", "middle", 1)
    doc = Document(BytesIO(client.get(_document(mentorship)).content))
    first = doc.tables[0].rows[2].cells  # under the two header rows
    assert [c.text for c in first[2:]] == ["4", "1", "—", "—", "—", "—"]


def _assessments(n, mentor, school):
    for _ in range(n):
        m = MentorshipFactory.create(
            mentor=mentor.person, reserve_entry__person__organization=school
        )
        submit(m, "mentor")


@pytest.mark.parametrize("n", [2, 6])
def test_list_costs_the_same(
    api_client, coordinator, mentor, school, n, django_assert_num_queries
):
    _assessments(n, mentor, school)
    client = api_client(coordinator)
    client.get(f"{API}/assessments")  # warm the token and caches
    with django_assert_num_queries(QUERIES):
        response = client.get(f"{API}/assessments")
    assert response.json()["count"] == n


QUERIES = 7
