"""The study of legal acts (8.8) on the timeline: assigned, each test attempt,
each interview, each application evaluated, in the scope of
studies.permissions.visible_assignments."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.permissions import principal
from mentorships.models import Mentorship
from studies.models import Interview, PracticeCase
from studies.tests.stories import live_studies
from timeline.queries import timeline_page
from timeline.sources import SOURCES, studies

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def studied(plan):
    mentorship = plan.reserve_entry.mentorships.get(status=Mentorship.Status.ACTIVE)
    return live_studies(mentorship)


def _rows(user, entry, **kwargs):
    return timeline_page(user, entry, page_size=200, **kwargs).object_list


def _said(rows):
    return sorted(
        (r.event, r.detail.title, r.detail.subject.split(" (")[0], r.detail.status)
        for r in rows
    )


LAW = "Об образовании в Российской Федерации"
DATA = "О персональных данных"
PROCUREMENT = "О контрактной системе"
LABOUR = "Трудовой кодекс Российской Федерации"


def test_every_fact_of_the_study(studied, coordinator, entry):
    rows = _rows(coordinator, entry, kinds=["studies"])

    assert _said(rows) == sorted([
        ("study_application", "Оценено применение на практике", LAW, str(PracticeCase.Evaluation.REMARKS.label)),
        ("study_assigned", "Дано задание изучить акт", DATA, "срок — 01.02.2027"),
        ("study_assigned", "Дано задание изучить акт", LAW, "срок — 01.02.2027"),
        ("study_assigned", "Дано задание изучить акт", PROCUREMENT, "срок — 20.01.2027"),
        ("study_assigned", "Дано задание изучить акт", LABOUR, "срок — 10.02.2027"),
        ("study_attempt", "Тест не пройден", DATA, "0%"),
        ("study_attempt", "Тест не пройден", PROCUREMENT, "0%"),
        ("study_attempt", "Тест пройден", DATA, "100%"),
        ("study_interview", "Собеседование по акту: зачтено", LAW, str(Interview.Mark.FIVE.label)),
    ])  # fmt: skip
    by_event = {r.event: r for r in rows}
    assert by_event["study_interview"].has_time is False
    assert by_event["study_interview"].day == date(2027, 1, 15)
    assert by_event["study_interview"].detail.who == "Mentor N. P."
    assert by_event["study_attempt"].has_time is True
    assert by_event["study_application"].detail.text == (
        "Не учтено мнение совета обучающихся"
    )
    assert by_event["study_application"].detail.url == reverse(
        "studies:card", args=[studied.flagged.pk]
    )


def test_an_attempt_tells_its_number_and_right_answers(studied, mentor, entry):
    rows = [r for r in _rows(mentor, entry) if r.event == "study_attempt"]

    assert sorted(r.detail.text for r in rows) == [
        "Попытка 1: верных ответов 0 из 2.",
        "Попытка 1: верных ответов 0 из 2.",
        "Попытка 2: верных ответов 2 из 2.",
    ]
    assert all(r.detail.subject.endswith("(ст. 28, 51)") for r in rows)


@pytest.mark.parametrize(
    "user", ["coordinator", "head", "mentor", "reservist", "superuser"], indirect=True
)
def test_whoever_sees_the_assignments_sees_their_facts(studied, user, entry):
    rows = _rows(user, entry, kinds=["studies"])

    assert len(rows) == 9


@pytest.mark.parametrize("user", ["commission", "stranger", "anonymous"], indirect=True)
def test_others_get_nothing(studied, user, entry):
    assert _rows(user, entry, kinds=["studies"]) == []


def test_the_period_filters_the_facts(studied, coordinator, entry):
    from timeline.sources.base import Period

    assert (
        _rows(
            coordinator,
            entry,
            kinds=["studies"],
            period=Period(until=date(2027, 1, 14)),
        )
        == []
    )
    assert len(_rows(coordinator, entry, kinds=["studies"], period=Period(since=date(2027, 1, 15)))) == 9  # fmt: skip


def test_the_page_loads_each_kind_of_object_once(studied, story, coordinator, entry):
    principal(coordinator)
    with CaptureQueriesContext(connection) as captured:
        page = timeline_page(coordinator, entry, page_size=200)
    shown = {r.event for r in page.object_list}

    assert {s.event for s in studies.SOURCES} <= shown
    loaders = {s.load for s in SOURCES if s.event in shown}
    assert len(captured) == 2 + len(loaders)
