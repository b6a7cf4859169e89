"""Consultations (8.4–8.7) and their next steps on the timeline, in the scope of
consultations.permissions: a mentor's private note is theirs alone."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.permissions import principal
from consultations.models import Consultation
from consultations.services import StepData, mark_step_done
from consultations.tests.conftest import log
from mentorships.models import Mentorship
from timeline.queries import timeline_page
from timeline.sources import SOURCES, consultations

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def logged(plan, mentor):
    """A shared consultation with a next step done, and a private note."""
    mentorship = plan.reserve_entry.mentorships.get(status=Mentorship.Status.ACTIVE)
    shared = log(
        mentorship,
        topic="Общая консультация",
        summary="Обсудили план.",
        next_steps=[StepData("Подготовить справку", date(2027, 1, 20))],
    )
    mark_step_done(step=shared.next_steps.get(), by=mentor, done_on=date(2027, 1, 14))
    log(
        mentorship,
        topic="Личная заметка",
        summary="Только для наставника",
        visibility=Consultation.Visibility.PRIVATE,
    )
    return plan.reserve_entry


def _rows(user, entry, **kwargs):
    return timeline_page(user, entry, page_size=200, **kwargs).object_list


def _said(rows):
    return [(r.day, r.kind.code, r.detail.title, r.detail.subject) for r in rows]


def test_consultation_and_its_step(logged, coordinator):
    rows = _rows(coordinator, logged, kinds=["consultations", "next_steps"])

    assert _said(rows) == [
        (date(2027, 1, 20), "next_steps", "Срок следующего шага", "Подготовить справку"),
        (date(2027, 1, 14), "next_steps", "Следующий шаг выполнен", "Подготовить справку"),
        (date(2027, 1, 10), "consultations", "Консультация", "Общая консультация"),
    ]  # fmt: skip
    assert rows[1].detail.status == "выполнен 14.01.2027"
    assert rows[1].detail.text == "Консультация: Общая консультация"
    assert rows[2].detail.text == "Обсудили план."
    assert rows[2].has_time is False


@pytest.mark.parametrize(
    "user", ["coordinator", "head", "reservist", "superuser"], indirect=True
)
def test_nobody_but_the_mentor_sees_the_private_note(logged, user):
    rows = _rows(user, logged)

    assert "Личная заметка" not in [r.detail.subject for r in rows]
    assert "Только для наставника" not in [r.detail.text for r in rows]
    assert [r.detail.subject for r in rows if r.kind.code == "consultations"] == [
        "Общая консультация"
    ]


def test_the_mentor_sees_their_private_note(logged, mentor):
    rows = _rows(mentor, logged, kinds=["consultations"])

    assert sorted((r.detail.title, r.detail.subject, r.detail.text) for r in rows) == [
        ("Консультация", "Общая консультация", "Обсудили план."),
        ("Личная заметка наставника", "Личная заметка", "Только для наставника"),
    ]


@pytest.mark.parametrize("user", ["commission", "stranger", "anonymous"], indirect=True)
def test_others_get_nothing(logged, user):
    assert _rows(user, logged) == []


def test_the_page_loads_each_kind_of_object_once(logged, story, coordinator):
    principal(coordinator)
    with CaptureQueriesContext(connection) as captured:
        page = timeline_page(coordinator, logged, page_size=200)
    shown = {r.event for r in page.object_list}

    assert {s.event for s in consultations.SOURCES} <= shown
    loaders = {s.load for s in SOURCES if s.event in shown}
    assert len(captured) == 2 + len(loaders)
