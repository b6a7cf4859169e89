"""The rules of consultations, next steps and requests: bad input is refused
with a Russian message and nothing is saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from consultations import services
from consultations.models import Consultation, ConsultationRequest, NextStep
from consultations.services import StepData
from consultations.tests.conftest import log
from mentorships.models import Mentorship


def _message(error: ValidationError) -> str:
    with translation.override("ru"):
        return " ".join(error.messages)


def _refused(call, **kwargs) -> str:
    with pytest.raises(ValidationError) as e:
        call(**kwargs)
    return _message(e.value)


def test_create_with_steps(mentorship):
    found = log(
        mentorship,
        next_steps=[
            StepData("Изучить приказ", date(2027, 1, 20)),
            StepData("Провести совещание", date(2027, 1, 10)),
        ],
    )
    assert found.created_by == mentorship.mentor.user
    assert found.municipality_id == mentorship.municipality_id
    assert [s.text for s in found.next_steps.all()] == [
        "Провести совещание",
        "Изучить приказ",
    ]


@pytest.mark.parametrize("duration", [0, 481, 10000])
def test_absurd_duration_is_refused(mentorship, duration):
    message = _refused(log, mentorship=mentorship, duration_minutes=duration)
    assert "от 1 до 480 минут" in message
    assert not Consultation.objects.exists()


def test_step_before_the_consultation_is_refused(mentorship):
    message = _refused(
        log,
        mentorship=mentorship,
        next_steps=[StepData("Шаг", date(2027, 1, 9))],
    )
    assert "раньше даты консультации" in message
    assert not Consultation.objects.exists()
    assert not NextStep.objects.exists()


def test_step_without_a_date_is_refused(mentorship):
    message = _refused(log, mentorship=mentorship, next_steps=[StepData("Шаг", None)])
    assert "срок" in message
    assert not Consultation.objects.exists()


def test_private_note_has_no_steps(mentorship):
    message = _refused(
        log,
        mentorship=mentorship,
        visibility=Consultation.Visibility.PRIVATE,
        next_steps=[StepData("Шаг", date(2027, 2, 1))],
    )
    assert "личной заметки" in message
    assert not Consultation.objects.exists()


def test_held_consultation_cannot_be_in_the_future(mentorship):
    message = _refused(log, mentorship=mentorship, held_on=date(2027, 2, 1))
    assert "запланированную" in message
    planned = log(
        mentorship, held_on=date(2027, 2, 1), status=Consultation.Status.PLANNED
    )
    assert planned.pk


def test_ended_mentorship_takes_no_consultation(mentorship):
    mentorship.status = Mentorship.Status.ENDED
    message = _refused(log, mentorship=mentorship)
    assert "завершено" in message


def test_update_refuses_a_date_after_a_step(shared):
    message = _refused(
        services.update_consultation,
        consultation=shared,
        held_on=date(2027, 2, 5),
        status=Consultation.Status.PLANNED,
    )
    assert "раньше даты консультации" in message
    shared.refresh_from_db()
    assert shared.held_on == date(2027, 1, 10)
    assert shared.next_steps.count() == 1


def test_update_adds_steps(shared):
    services.update_consultation(
        consultation=shared,
        topic="Новая тема",
        new_steps=[StepData("Ещё шаг", date(2027, 3, 1))],
    )
    shared.refresh_from_db()
    assert shared.topic == "Новая тема"
    assert shared.next_steps.count() == 2


def test_mark_step_done(shared, reservist, today):
    step = shared.next_steps.get()
    services.mark_step_done(step=step, by=reservist)
    step.refresh_from_db()
    assert (step.done_on, step.done_by) == (today, reservist)
    assert "уже" in _refused(services.mark_step_done, step=step, by=reservist)
    services.reopen_step(step=step)
    step.refresh_from_db()
    assert step.done_on is None


def test_step_cannot_be_done_in_the_future(shared, reservist):
    step = shared.next_steps.get()
    message = _refused(
        services.mark_step_done, step=step, by=reservist, done_on=date(2027, 2, 1)
    )
    assert "в будущем" in message
    step.refresh_from_db()
    assert step.done_on is None


# Requests ----------------------------------------------------------------------------


def _request(mentorship, **fields) -> ConsultationRequest:
    values = {"topic": "Педсовет", "preferred_from": date(2027, 1, 20), **fields}
    return services.create_request(mentorship=mentorship, **values)


def test_request_in_the_past_is_refused(mentorship):
    message = _refused(
        _request, mentorship=mentorship, preferred_from=date(2027, 1, 14)
    )
    assert "в прошлом" in message
    assert not ConsultationRequest.objects.exists()


def test_request_dates_in_reverse_are_refused(mentorship):
    message = _refused(
        _request,
        mentorship=mentorship,
        preferred_from=date(2027, 1, 25),
        preferred_to=date(2027, 1, 20),
    )
    assert "раньше их начала" in message


def test_request_needs_a_mentor(db):
    message = _refused(_request, mentorship=None)
    assert "наставника" in message


def test_schedule_creates_a_planned_consultation(mentorship, mentor):
    found = _request(mentorship)
    services.schedule_request(
        request=found,
        by=mentor,
        held_on=date(2027, 1, 21),
        duration_minutes=45,
        format=Consultation.Format.ONLINE,
        area=Consultation.Area.RELATIONS,
    )
    found.refresh_from_db()
    assert found.status == ConsultationRequest.Status.SCHEDULED
    assert found.consultation.status == Consultation.Status.PLANNED
    assert found.consultation.topic == "Педсовет"
    assert found.answered_by == mentor
    message = _refused(services.reply_to_request, request=found, by=mentor, answer="x")
    assert "уже" in message


def test_reply_in_writing(mentorship, mentor):
    found = _request(mentorship)
    assert "ответ" in _refused(
        services.reply_to_request, request=found, by=mentor, answer="  "
    )
    services.reply_to_request(request=found, by=mentor, answer="Прочтите приказ.")
    found.refresh_from_db()
    assert found.status == ConsultationRequest.Status.ANSWERED
    assert not Consultation.objects.exists()
