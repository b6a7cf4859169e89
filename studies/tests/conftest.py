"""The cast's mentorship (`mentor` guides `reservist` at «School»), an act of
«Town» with one edition, and two assignments on it: one checked by a test of
two questions, one by an interview."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from legal_acts.models import LegalAct
from legal_acts.tests.conftest import make_act
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from reserve.tests.factories import ReserveEntryFactory
from studies import services
from studies.models import QuizQuestion, StudyAssignment
from studies.services import OptionData

TODAY = date(2027, 1, 15)


@pytest.fixture(autouse=True)
def today():
    """15 January 2027, noon in Tomsk."""
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


@pytest.fixture
def mentorship(mentor, reservist) -> Mentorship:
    return MentorshipFactory.create(
        mentor=mentor.person,
        reserve_entry=ReserveEntryFactory(person=reservist.person),
    )


@pytest.fixture
def act(municipality) -> LegalAct:
    return make_act(municipality)


@pytest.fixture
def far_act(far_school) -> LegalAct:
    return make_act(
        far_school.municipality, number="152-ФЗ", title="О персональных данных"
    )


def assign(mentorship, act, **fields) -> StudyAssignment:
    values = {
        "aim": "Знать права и обязанности руководителя",
        "due_on": date(2027, 2, 1),
        "check_method": StudyAssignment.CheckMethod.TEST,
        "articles": "ст. 28, 51",
        **fields,
    }
    return services.assign(
        mentorship=mentorship, act=act, by=mentorship.mentor.user, **values
    )


def add_questions(assignment: StudyAssignment) -> list[QuizQuestion]:
    """Two questions: a single choice (right: «Учредитель») and a multiple
    choice (right: «Устав», «Лицензия»)."""
    return [
        services.add_question(
            assignment=assignment,
            text="Кто назначает руководителя муниципальной школы?",
            kind=QuizQuestion.Kind.SINGLE,
            options=[
                OptionData("Учредитель", True),
                OptionData("Педагогический совет"),
                OptionData("Родительский комитет"),
            ],
        ),
        services.add_question(
            assignment=assignment,
            text="Какие документы обязательны для ОО?",
            kind=QuizQuestion.Kind.MULTIPLE,
            options=[
                OptionData("Устав", True),
                OptionData("Лицензия", True),
                OptionData("Бизнес-план"),
            ],
        ),
    ]


def right_answers(assignment: StudyAssignment) -> dict[str, list[int]]:
    return {
        str(q.pk): [o.pk for o in q.options.all() if o.is_correct]
        for q in assignment.questions.all()
    }


def wrong_answers(assignment: StudyAssignment) -> dict[str, list[int]]:
    return {
        str(q.pk): [o.pk for o in q.options.all() if not o.is_correct][:1]
        for q in assignment.questions.all()
    }


@pytest.fixture
def test_assignment(mentorship, act) -> StudyAssignment:
    assignment = assign(mentorship, act, max_attempts=2, pass_threshold=100)
    add_questions(assignment)
    return assignment


@pytest.fixture
def interview_assignment(mentorship, act) -> StudyAssignment:
    return assign(
        mentorship, act, check_method=StudyAssignment.CheckMethod.INTERVIEW, articles=""
    )
