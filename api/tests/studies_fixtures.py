"""The study of legal acts for the API tests (a pytest plugin of the test
modules: `pytest_plugins = ["api.tests.studies_fixtures"]`): the cast's
mentorship (`mentor` guides `reservist` at «School»), 273-ФЗ of «Town» with a
question in its bank, an assignment checked by a test of two questions (2
attempts, 100% to pass) with a question on the act, and one checked by an
interview with an application."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from api.tests.studies_cast import PDF
from legal_acts.models import LegalAct
from legal_acts.tests.conftest import make_act
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from people.tests.factories import PersonFactory
from reserve.tests.factories import ReserveEntryFactory
from studies import services
from studies.models import QuizQuestion, StudyAssignment
from studies.services import OptionData
from studies.tests.conftest import add_questions, assign


@pytest.fixture
def other_mentor(school):
    """A mentor of the same school with reservists of their own: sees nothing of
    `mentor`'s."""
    user = UserFactory(username="other_mentor")
    PersonFactory(user=user, organization=school, last_name="Other")
    RoleAssignment.objects.create(user=user, role=Role.MENTOR)
    return user


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
def bank_question(act) -> QuizQuestion:
    return services.add_question(
        bank=services.bank_of(act),
        text="Кто утверждает устав школы?",
        kind=QuizQuestion.Kind.SINGLE,
        options=[OptionData("Учредитель", True), OptionData("Директор")],
    )


@pytest.fixture
def quiz(mentorship, act) -> StudyAssignment:
    """The test-checked assignment, with the reservist's question on the act."""
    assignment = assign(mentorship, act, max_attempts=2, pass_threshold=100)
    add_questions(assignment)
    services.ask(assignment=assignment, text="Что значит «ст. 28»?")
    return assignment


@pytest.fixture
def oral(mentorship, act) -> StudyAssignment:
    """The interview-checked assignment, with an application (and its file)."""
    assignment = assign(
        mentorship, act, check_method=StudyAssignment.CheckMethod.INTERVIEW
    )
    services.submit_practice_case(
        assignment=assignment,
        description="Разработал положение о приёме",
        file=SimpleUploadedFile("case.pdf", PDF, "application/pdf"),
    )
    return assignment


@pytest.fixture
def world(quiz, oral, bank_question) -> dict:
    return {
        "quiz": quiz,
        "oral": oral,
        "bank_question": bank_question,
        "study_question": quiz.study_questions.get(),
        "test_question": quiz.questions.first(),
    }
