"""Every page of the reserve and mentorships for every role: allowed (200),
denied (403), out of scope (404), anonymous (302 to the login)."""

import pytest
from django.urls import reverse

from mentorships.tests.factories import MentorshipFactory
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "head", "mentor", "reservist", "commission", "stranger"]

# page: (URL name, the object whose pk it takes, expected status by role)
PAGES = {
    "reserve list": ("reserve:list", None, [200, 200, 200, 200, 200, 200]),
    "inclusion": ("reserve:create", None, [200, 403, 403, 403, 403, 200]),
    "card": ("reserve:card", "entry", [200, 200, 200, 200, 404, 404]),
    "entry edit": ("reserve:edit", "entry", [200, 403, 403, 403, 404, 404]),
    "target positions": ("reserve:positions", None, [200, 403, 403, 403, 403, 200]),
    "readiness": ("mentorships:readiness", "mentor", [200, 200, 200, 200, 404, 404]),
    "mentors": ("mentorships:mentors", None, [200, 200, 403, 403, 403, 200]),
    "orders": ("mentorships:orders", None, [200, 200, 200, 200, 200, 200]),
    "order form": ("mentorships:order_create", None, [403, 200, 403, 403, 403, 403]),
    "order": ("mentorships:order", "order", [200, 200, 200, 200, 404, 404]),
    "end": ("mentorships:end", "mentorship", [403, 200, 403, 403, 404, 404]),
    "my reservists": (
        "mentorships:my_reservists",
        None,
        [403, 403, 200, 403, 403, 403],
    ),
    "my mentor": ("mentorships:my_mentor", None, [403, 403, 403, 200, 403, 403]),
    "templates": ("mentorships:templates", None, [200, 403, 403, 403, 403, 200]),
}


@pytest.fixture
def objects(school, mentor, reservist):
    mentorship = MentorshipFactory(
        mentor=mentor.person,
        reserve_entry=ReserveEntryFactory(person=reservist.person),
    )
    return {
        "entry": mentorship.reserve_entry,
        "mentor": mentor.person,
        "order": mentorship.order,
        "mentorship": mentorship,
    }


def _url(name: str, obj: str | None, objects: dict) -> str:
    return reverse(name, args=[objects[obj].pk] if obj else [])


@pytest.mark.parametrize("page", PAGES)
def test_page_answers_each_role(client, page, objects, request):
    name, obj, expected = PAGES[page]
    url = _url(name, obj, objects)
    answers = []
    for role in ROLES:
        client.force_login(request.getfixturevalue(role))
        answers.append(client.get(url).status_code)
    assert answers == expected


@pytest.mark.parametrize("page", PAGES)
def test_page_sends_anonymous_to_login(client, page, objects):
    name, obj, _expected = PAGES[page]
    response = client.get(_url(name, obj, objects))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
