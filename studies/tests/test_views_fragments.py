"""The study of legal acts on the reservist's reserve card: a fragment loaded by
htmx, in the scope of the card and of studies.permissions."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from studies.tests.conftest import assign
from studies.tests.stories import live_studies

pytestmark = pytest.mark.django_db


def _url(entry) -> str:
    return reverse("studies:card_studies", args=[entry.pk])


@pytest.fixture
def story(mentorship):
    return live_studies(mentorship)


@pytest.fixture
def entry(mentorship):
    return mentorship.reserve_entry


@pytest.mark.parametrize("role", ["mentor", "reservist", "head", "coordinator"])
def test_the_card_shows_every_assignment_and_the_flagged_check(
    client, request, role, story, entry
):
    client.force_login(request.getfixturevalue(role))

    response = client.get(_url(entry))

    assert response.status_code == 200
    flagged = story.flagged
    card = reverse("studies:card", args=[flagged.pk])
    assertContains(
        response,
        f'<div class="message message-warning recheck" id="recheck-{flagged.pk}">'
        "<p><strong>Требуется повторная проверка</strong>: "
        f'<a href="{card}">Об образовании в Российской Федерации</a></p>'
        "<p>Новая редакция от 10 января 2027 г.: Новая статья 47.1</p></div>",
        html=True,
    )
    for a in (story.passed, story.failed, story.flagged, story.open):
        assertContains(response, f'id="study-{a.pk}"')
        assertContains(response, f'href="{reverse("studies:card", args=[a.pk])}"')
    assertContains(response, "100%")  # the passed test's best attempt
    assertContains(response, "0%")  # the failed one's
    assertContains(response, "отправлено, ждёт оценки")


def test_only_the_flagged_check_is_called_out(client, mentor, story, entry):
    client.force_login(mentor)

    content = client.get(_url(entry)).content.decode()

    assert content.count("Требуется повторная проверка</strong>") == 1
    assert content.index(f'id="study-{story.flagged.pk}"') < content.index(
        f'id="study-{story.passed.pk}"'
    )


def test_the_reserve_card_loads_the_fragment_by_htmx(client, coordinator, entry):
    client.force_login(coordinator)

    response = client.get(reverse("reserve:card", args=[entry.pk]))

    assertContains(
        response,
        f'<div id="card-studies" hx-get="{_url(entry)}" hx-trigger="load" '
        'hx-swap="outerHTML"></div>',
        html=True,
    )


def test_an_entry_without_assignments_says_so(client, coordinator, entry):
    client.force_login(coordinator)

    response = client.get(_url(entry))

    assertContains(response, "Заданий на изучение НПА нет")
    assertNotContains(response, "<table")


@pytest.mark.parametrize("role", ["stranger", "commission"])
def test_out_of_scope_is_404(client, request, role, story, entry):
    client.force_login(request.getfixturevalue(role))

    assert client.get(_url(entry)).status_code == 404


def test_unknown_entry_is_404(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/studies/reservists/999999/studies/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, story, entry):
    response = client.get(_url(entry))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("n", [3, 12])
def test_the_fragment_costs_the_same_at_more_assignments(
    client, coordinator, story, mentorship, act, entry, n, django_assert_num_queries
):
    for _ in range(n):
        assign(mentorship, act)
    client.force_login(coordinator)
    client.get(_url(entry))  # the roles and the person come from the cache after

    # session, user, the entry, the assignments with what their rows show
    with django_assert_num_queries(4):
        response = client.get(_url(entry))

    assert len(response.context["rows"]) == 4 + n
