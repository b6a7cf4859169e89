"""A study of legal acts lived through (15 January 2027, studies' conftest), for
the tests of the pages that show it: the reserve card, the home page, the
timeline."""

from dataclasses import dataclass
from datetime import date

from legal_acts.models import LegalAct, LegalActEdition
from legal_acts.services import add_edition
from legal_acts.tests.conftest import make_act
from mentorships.models import Mentorship
from studies import services
from studies.models import PracticeCase, StudyAssignment
from studies.tests.conftest import add_questions, assign, right_answers, wrong_answers

Method = StudyAssignment.CheckMethod


@dataclass
class Story:
    passed: StudyAssignment  # a test passed at the second attempt
    failed: StudyAssignment  # a test failed at both attempts
    flagged: StudyAssignment  # an interview passed, then a new edition came
    open: StudyAssignment  # studied, with a question and an application waiting
    edition: LegalActEdition


def _act(mentorship: Mentorship, number: str, title: str) -> LegalAct:
    return make_act(mentorship.municipality, number=number, title=title)


def live_studies(mentorship: Mentorship) -> Story:
    """Four assignments of the mentorship, on four acts, in every state."""
    mentor = mentorship.mentor.user
    reservist = mentorship.reserve_entry.person.user
    passed = assign(
        mentorship, _act(mentorship, "152-ФЗ", "О персональных данных"),
        max_attempts=2, pass_threshold=100,
    )  # fmt: skip
    add_questions(passed)
    for answers in (wrong_answers, right_answers):
        attempt = services.start_attempt(assignment=passed)
        services.submit_attempt(attempt=attempt, answers=answers(passed), by=reservist)
    failed = assign(
        mentorship, _act(mentorship, "44-ФЗ", "О контрактной системе"),
        max_attempts=1, pass_threshold=100, due_on=date(2027, 1, 20),
    )  # fmt: skip
    add_questions(failed)
    attempt = services.start_attempt(assignment=failed)
    services.submit_attempt(
        attempt=attempt, answers=wrong_answers(failed), by=reservist
    )
    law = _act(mentorship, "273-ФЗ", "Об образовании в Российской Федерации")
    flagged = assign(mentorship, law, check_method=Method.INTERVIEW)
    services.record_interview(
        assignment=flagged, held_on=date(2027, 1, 15), mark="5", comment="", by=mentor
    )
    case = services.submit_practice_case(
        assignment=flagged, description="Разработал положение о совете родителей"
    )
    services.evaluate_practice_case(
        case=case,
        evaluation=PracticeCase.Evaluation.REMARKS,
        comment="Не учтено мнение совета обучающихся",
        by=mentor,
    )
    # A new edition flags the passed check (studies.receivers).
    edition = add_edition(
        act=law, effective_on=date(2027, 1, 10), note="Новая статья 47.1"
    )
    flagged.refresh_from_db()
    open_ = assign(
        mentorship, _act(mentorship, "197-ФЗ", "Трудовой кодекс Российской Федерации"),
        check_method=Method.INTERVIEW, due_on=date(2027, 2, 10),
    )  # fmt: skip
    services.mark_studied(assignment=open_)
    services.ask(assignment=open_, text="Нужно ли согласие профсоюза?")
    services.submit_practice_case(
        assignment=open_, description="Оформил дисциплинарное взыскание"
    )
    for a in (passed, failed):
        a.refresh_from_db()
    return Story(passed, failed, flagged, open_, edition)
