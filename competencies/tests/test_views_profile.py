"""The profile page with its growth chart, the chart's fragment for the reserve
card and the profile as a document: every role, the mentor's hidden assessment,
constant query counts."""

import pytest
from django.urls import reverse

from competencies.tests.conftest import submit
from mentorships.tests.factories import MentorshipFactory
from people.models import PersonViewLog
from reserve.tests.factories import ReserveEntryFactory

ROLES = [
    ("coordinator", 200),
    ("head", 200),
    ("mentor", 200),
    ("reservist", 200),
    ("superuser", 200),
    ("stranger", 404),  # a coordinator of another municipality
    ("commission", 404),
]


def _both(mentorship, point="start"):
    submit(mentorship, "self", point, 5, 2)
    submit(mentorship, "mentor", point, 2, 3)


def _url(name, mentorship, *args):
    return reverse(f"competencies:{name}", args=[mentorship.reserve_entry_id, *args])


def test_profile_shows_the_chart_and_its_table(client, coordinator, mentorship):
    _both(mentorship)
    client.force_login(coordinator)
    page = client.get(_url("profile", mentorship)).text
    assert 'id="growth"' in page
    assert page.count('role="img"') == 8  # the average and seven competencies
    assert '<title id="growth-chart-1-title">' in page
    assert 'id="growth-values"' in page
    assert "<details" in page
    assert 'href="{}"'.format(_url("profile_document", mentorship, "pdf")) in page
    assert 'href="{}"'.format(_url("profile_document", mentorship, "docx")) in page


def test_profile_without_assessments_has_no_chart(client, coordinator, mentorship):
    client.force_login(coordinator)
    page = client.get(_url("profile", mentorship)).text
    assert 'id="growth"' not in page
    assert 'id="profile-documents"' not in page


@pytest.mark.parametrize(("role", "status"), ROLES)
def test_chart_fragment_by_role(client, request, mentorship, role, status):
    _both(mentorship)
    client.force_login(request.getfixturevalue(role))
    response = client.get(_url("profile_chart", mentorship), HTTP_HX_REQUEST="true")
    assert response.status_code == status
    if status == 200:
        assert "<html" not in response.text
        assert 'id="growth-chart-0"' in response.text
        assert 'href="{}"'.format(_url("profile", mentorship)) in response.text


def test_chart_fragment_is_empty_before_the_first_assessment(
    client, coordinator, mentorship
):
    client.force_login(coordinator)
    response = client.get(_url("profile_chart", mentorship))
    assert response.status_code == 204
    assert response.content == b""


def test_chart_fragment_hides_the_mentors_from_the_reservist(
    client, reservist, mentorship
):
    submit(mentorship, "mentor", "start", 1, 1)
    client.force_login(reservist)
    assert client.get(_url("profile_chart", mentorship)).status_code == 204
    submit(mentorship, "self", "start", 4, 4)
    submit(mentorship, "mentor", "middle", 2, 2)
    fragment = client.get(_url("profile_chart", mentorship)).text
    assert "начало — 1" in fragment  # the start's mentor, now shown
    assert "середина — 2" not in fragment  # the middle's, still hidden


def test_chart_fragment_needs_a_login(client, mentorship):
    response = client.get(_url("profile_chart", mentorship))
    assert response.status_code == 302


def test_card_loads_the_fragment(client, coordinator, mentorship):
    client.force_login(coordinator)
    card = client.get(reverse("reserve:card", args=[mentorship.reserve_entry_id]))
    url = _url("profile_chart", mentorship)
    assert f'hx-get="{url}" hx-trigger="load"' in card.text


@pytest.mark.parametrize(("role", "status"), ROLES)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_document_by_role(client, request, mentorship, role, status, fmt):
    _both(mentorship)
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(_url("profile_document", mentorship, fmt))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].startswith(
            {"docx": "application/vnd.openxml", "pdf": "application/pdf"}[fmt]
        )
        assert f'.{fmt}"' in response["Content-Disposition"]
        assert PersonViewLog.objects.filter(
            user=user, channel=PersonViewLog.Channel.DOCUMENT
        ).exists()


def test_document_before_any_assessment_or_of_unknown_format(
    client, coordinator, mentorship
):
    client.force_login(coordinator)
    assert client.get(_url("profile_document", mentorship, "pdf")).status_code == 404
    _both(mentorship)
    assert client.get(_url("profile_document", mentorship, "odt")).status_code == 404
    assert client.get(_url("profile_document", mentorship, "pdf")).status_code == 200


@pytest.mark.parametrize("points", [["start"], ["start", "middle", "end"]])
def test_profile_query_count(
    client, coordinator, mentorship, points, django_assert_num_queries
):
    for point in points:
        _both(mentorship, point)
    client.force_login(coordinator)
    # session, user, roles, the user's person, the entry, the view log,
    # assessments, ratings, competencies
    with django_assert_num_queries(9):
        assert client.get(_url("profile", mentorship)).status_code == 200


@pytest.mark.parametrize("points", [["start"], ["start", "middle", "end"]])
def test_chart_fragment_query_count(
    client, coordinator, mentorship, points, django_assert_num_queries
):
    for point in points:
        _both(mentorship, point)
    client.force_login(coordinator)
    # session, user, roles, the user's person, the entry, assessments, ratings,
    # competencies
    with django_assert_num_queries(8):
        assert client.get(_url("profile_chart", mentorship)).status_code == 200


@pytest.mark.parametrize("n", [2, 8])
def test_mine_query_count(client, mentor, n, django_assert_num_queries):
    for _i in range(n):
        m = MentorshipFactory(mentor=mentor.person, reserve_entry=ReserveEntryFactory())
        submit(m, "mentor", "start")
    client.force_login(mentor)
    # session, user, roles, the user's person, the mentorships with their people,
    # the assessments done
    with django_assert_num_queries(6):
        page = client.get(reverse("competencies:mine"))
    assert page.status_code == 200
    assert page.text.count("отправлена") == n
