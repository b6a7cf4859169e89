"""The internship supervisor's home: the conclusions they have to write, linked
to the conclusion's form, nobody else's, and a constant number of queries."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.tests.factories import UserFactory
from home.queries import TODO_ON_HOME
from internships.models import Internship
from internships.tests.factories import first_form
from people.tests.factories import PersonFactory
from plans.tests.factories import make_eligible, make_mentorship
from reserve.models import ReserveEntry

pytestmark = pytest.mark.django_db
HOME = reverse("home:index")
TODAY = date(2027, 1, 15)
CARD = "Руководитель стажировок"
IN_PROGRESS = Internship.Status.IN_PROGRESS

# A supervisor without a role: session, user, roles, linked person; the
# conclusions to write; the report summary and the rest read nothing.
SUPERVISOR_HOME_QUERIES = 6


@pytest.fixture(autouse=True)
def today():
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


@pytest.fixture
def supervisor(school):
    """A deputy head with an account and no role, who supervises internships."""
    user = UserFactory(username="deputy")
    PersonFactory(user=user, organization=school, last_name="Заместитель")
    return user


def _internship(supervisor_person, school, *, ends_in, status=IN_PROGRESS, **fields):
    mentorship = make_mentorship(organization=school)
    ends_on = TODAY + timedelta(days=ends_in)
    return Internship.objects.create(
        reserve_entry=mentorship.reserve_entry,
        mentorship=mentorship,
        mentor=mentorship.mentor,
        form=first_form(school),
        host_organization=school,
        supervisor=supervisor_person,
        starts_on=ends_on - timedelta(days=30),
        ends_on=ends_on,
        status=status,
        **fields,
    )


def test_the_supervisor_sees_the_conclusions_to_write(client, supervisor, school):
    person = supervisor.person
    soon = _internship(person, school, ends_in=3)
    ended = _internship(person, school, ends_in=-2)
    later = _internship(person, school, ends_in=20)
    written = _internship(
        person, school, ends_in=1, concluded_on=TODAY, work_done="Сделано"
    )
    planned = _internship(person, school, ends_in=2, status=Internship.Status.PLANNED)
    done = _internship(
        person,
        school,
        ends_in=-5,
        status=Internship.Status.COMPLETED,
        concluded_on=TODAY - timedelta(days=5),
    )
    left = _internship(person, school, ends_in=1)
    ReserveEntry.objects.filter(pk=left.reserve_entry_id).update(
        status=ReserveEntry.Status.EXCLUDED
    )
    someone_elses = _internship(PersonFactory(organization=school), school, ends_in=1)
    client.force_login(supervisor)

    response = client.get(HOME)

    assertContains(response, CARD)
    assertContains(response, "Отзывы о стажировках, которые нужно написать")
    for internship in (soon, ended):
        assertContains(
            response,
            f'<a href="{reverse("internships:conclusion", args=[internship.pk])}">'
            f"{internship.reserve_entry.person.full_name}</a>",
        )
    assertContains(response, "оканчивается 18 января 2027")
    assertContains(response, "окончилась 13 января 2027")
    for internship in (later, written, planned, done, left, someone_elses):
        assertNotContains(response, f'id="todo-conclusion-{internship.pk}"')
    # The ended one first: by end date.
    items = response.context["supervisor"].items
    assert [i.pk for i in items] == [ended.pk, soon.pk]
    # A supervisor without a role is not told to ask for one.
    assertNotContains(response, "Обратитесь к координатору")
    # The link opens the form the supervisor may fill.
    form = client.get(reverse("internships:conclusion", args=[soon.pk]))
    assert form.status_code == 200


def test_nothing_to_write_shows_no_card(client, supervisor, school):
    _internship(supervisor.person, school, ends_in=20)
    client.force_login(supervisor)
    response = client.get(HOME)
    assertNotContains(response, CARD)
    assertContains(response, "Обратитесь к координатору")


@pytest.mark.parametrize("role", ["coordinator", "head", "mentor", "reservist"])
def test_others_do_not_see_the_supervisors_conclusions(
    client, request, role, supervisor, school
):
    user = request.getfixturevalue(role)
    supervised = _internship(supervisor.person, school, ends_in=1)
    if role == "mentor":
        # The internship's own mentor writes it from the card, not from here.
        mentor = make_eligible(user.person)
        Internship.objects.filter(pk=supervised.pk).update(mentor=mentor)
    if role == "reservist":
        ReserveEntry.objects.filter(pk=supervised.reserve_entry_id).update(
            person=user.person
        )
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    assertNotContains(response, CARD)
    assertNotContains(response, f'id="todo-conclusion-{supervised.pk}"')


@pytest.mark.parametrize("n", [2, TODO_ON_HOME + 3])
def test_the_supervisors_home_costs_the_same_at_more_interns(
    client, supervisor, school, django_assert_max_num_queries, n
):
    for _ in range(n):
        _internship(supervisor.person, school, ends_in=2)
    client.force_login(supervisor)

    with django_assert_max_num_queries(SUPERVISOR_HOME_QUERIES):
        response = client.get(HOME)

    todo = response.context["supervisor"]
    assert len(todo.items) == min(n, TODO_ON_HOME)
    assert todo.more == (n > TODO_ON_HOME)
    if todo.more:
        assertContains(response, "Все мои стажёры")
    else:
        assertNotContains(response, "Все мои стажёры")
