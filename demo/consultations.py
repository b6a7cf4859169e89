"""Demo data of consultations (see consultations/__init__.py): the log of the
`mentor` account with the `reservist` account (Петров) — a consultation in every
area, a private note, next steps done and open, a request scheduled as a planned
consultation and a request awaiting the mentor."""

from datetime import date, timedelta

from django.utils import timezone

from consultations import services
from consultations.models import Consultation
from consultations.services import StepData
from mentorships.models import Mentorship
from organizations.models import Municipality

Area, Format = Consultation.Area, Consultation.Format

# (days ago, area, format, minutes, topic, summary, [(step, due in days, done?)])
LOG = [
    (
        40,
        Area.DUTIES,
        Format.IN_PERSON,
        90,
        "Организация работы с педагогическим коллективом",
        "Разобрали распределение нагрузки и график дежурств.",
        [("Составить проект графика дежурств", 7, True)],
    ),
    (
        30,
        Area.MANAGEMENT,
        Format.JOINT_WORK,
        240,
        "Подготовка и проведение педагогического совета",
        "Вместе подготовили повестку и проект решения педсовета.",
        [
            ("Разослать повестку педсовета", 3, True),
            ("Подготовить анализ итогов полугодия", 45, False),
        ],
    ),
    (
        20,
        Area.RELATIONS,
        Format.CASE_REVIEW,
        60,
        "Взаимодействие с управлением образования",
        "Разобрали подготовку ответа на запрос управления образования.",
        [("Подготовить проект ответа на запрос", 10, False)],
    ),
    (
        12,
        Area.QUALITIES,
        Format.ONLINE,
        45,
        "Тайм-менеджмент руководителя",
        "Обсудили планирование рабочего дня и делегирование.",
        [("Вести план рабочего дня две недели", 14, False)],
    ),
    (
        5,
        Area.LEGAL_ACTS,
        Format.PHONE,
        30,
        "Изменения в порядке аттестации педагогов",
        "Обсудили новый порядок аттестации и что изменить в локальных актах.",
        [],
    ),
]


def _day(today: date, days_ago: int, earliest: date) -> date:
    return max(today - timedelta(days=days_ago), earliest)


def _load_log(mentorship: Mentorship, today: date) -> None:
    mentor = mentorship.mentor.user
    reservist = mentorship.reserve_entry.person.user
    assert mentor is not None
    for days_ago, area, format_, minutes, topic, summary, steps in LOG:
        held_on = _day(today, days_ago, mentorship.starts_on)
        consultation = services.create_consultation(
            mentorship=mentorship,
            by=mentor,
            held_on=held_on,
            duration_minutes=minutes,
            format=format_,
            area=area,
            topic=topic,
            summary=summary,
            next_steps=[
                StepData(text, held_on + timedelta(days=due)) for text, due, _ in steps
            ],
        )
        done = {text for text, _, is_done in steps if is_done}
        for step in consultation.next_steps.all():
            if step.text in done:
                services.mark_step_done(
                    step=step, by=reservist or mentor, done_on=min(step.due_on, today)
                )
    services.create_consultation(
        mentorship=mentorship,
        by=mentor,
        held_on=_day(today, 3, mentorship.starts_on),
        duration_minutes=15,
        format=Format.IN_PERSON,
        area=Area.QUALITIES,
        topic="Заметка о подготовке к аттестации",
        summary="Неуверенно выступает перед коллективом: предложить роль ведущего "
        "на ближайшем совещании.",
        visibility=Consultation.Visibility.PRIVATE,
    )


def _load_requests(mentorship: Mentorship, today: date) -> None:
    mentor = mentorship.mentor.user
    assert mentor is not None
    scheduled = services.create_request(
        mentorship=mentorship,
        topic="Как провести собеседование с молодым специалистом",
        preferred_from=today,
        preferred_to=today + timedelta(days=7),
    )
    services.schedule_request(
        request=scheduled,
        by=mentor,
        held_on=today + timedelta(days=4),
        duration_minutes=60,
        format=Format.IN_PERSON,
        area=Area.DUTIES,
    )
    services.create_request(
        mentorship=mentorship,
        topic="Составление отчёта о самообследовании",
        preferred_from=today + timedelta(days=3),
        preferred_to=today + timedelta(days=14),
        note="Хотелось бы разобрать структуру отчёта на примере нашей школы.",
    )


def load_consultations(municipality: Municipality) -> None:
    """Idempotent: running it again changes nothing."""
    mentorship = (
        Mentorship.objects.filter(
            status=Mentorship.Status.ACTIVE,
            municipality=municipality,
            reserve_entry__person__user__username="reservist",
        )
        .select_related("mentor__user", "reserve_entry__person__user")
        .first()
    )
    if mentorship is None or mentorship.mentor.user is None:
        return
    if mentorship.consultations.exists():
        return
    today = timezone.localdate()
    _load_log(mentorship, today)
    _load_requests(mentorship, today)
