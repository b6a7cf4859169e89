"""Events (8.2) on the timeline, in the scope of events.permissions."""

from datetime import date

import pytest

from events import services
from events.models import Involvement
from events.tests.conftest import make_event
from mentorships.models import Mentorship
from timeline.queries import timeline_page

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def involvement(plan, school, mentor):
    """The cast's reservist, a speaker at «School»'s seminar on 14 January 2027:
    invited, accepted, outcome recorded, attendance marked."""
    mentorship = plan.reserve_entry.mentorships.get(status=Mentorship.Status.ACTIVE)
    event = make_event(organization=school, title="Педсовет", day=14)
    involvement = services.involve(
        event=event,
        mentorship=mentorship,
        degree=Involvement.Degree.SPEAKER,
        by=mentor,
        task="Доклад о наставничестве",
    )
    services.respond(involvement=involvement, accept=True)
    services.record_outcome(involvement=involvement, text="Тезисы доклада")
    services.mark_attendance(involvement=involvement, attended=True, by=mentor)
    return involvement


def _rows(user, entry, **kwargs):
    return timeline_page(user, entry, page_size=200, **kwargs).object_list


def test_event_steps(involvement, coordinator):
    rows = _rows(coordinator, involvement.reserve_entry, kinds=["events"])

    assert sorted((r.event, r.detail.title, r.detail.text) for r in rows) == [
        ("event_answered", "Приглашение принято", ""),
        ("event_attendance", "Присутствовал на мероприятии", ""),
        ("event_held", "Мероприятие", "Доклад о наставничестве"),
        ("event_invited", "Приглашение на мероприятие", ""),
        ("event_outcome", "Записан результат участия", "Тезисы доклада"),
    ]
    held = next(r for r in rows if r.event == "event_held")
    assert held.day == date(2027, 1, 14)
    assert held.has_time is True
    assert held.detail.subject == "Семинар: Педсовет"
    assert held.detail.status == "докладчик, выступающий"
    assert held.detail.url == f"/events/{involvement.event_id}/"


def test_a_declined_invitation_says_why(plan, school, mentor, coordinator):
    mentorship = plan.reserve_entry.mentorships.get(status=Mentorship.Status.ACTIVE)
    involvement = services.involve(
        event=make_event(organization=school, day=20),
        mentorship=mentorship,
        degree=Involvement.Degree.LISTENER,
        by=mentor,
    )
    services.respond(involvement=involvement, accept=False, reason="Отпуск")

    rows = _rows(coordinator, plan.reserve_entry, kinds=["events"])

    answered = next(r for r in rows if r.event == "event_answered")
    assert (answered.detail.title, answered.detail.text) == (
        "Приглашение отклонено",
        "Отпуск",
    )


@pytest.mark.parametrize(
    "user", ["coordinator", "head", "mentor", "reservist", "superuser"], indirect=True
)
def test_everyone_who_sees_the_card_sees_it(involvement, user):
    assert len(_rows(user, involvement.reserve_entry, kinds=["events"])) == 5


@pytest.mark.parametrize("user", ["commission", "stranger", "anonymous"], indirect=True)
def test_others_get_nothing(involvement, user):
    assert _rows(user, involvement.reserve_entry) == []
