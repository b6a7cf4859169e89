"""Demo data of events (see events/__init__.py): an event of each default kind,
involvements of each degree, one declined, one attended with a talk's theses
whose plan row became done through the plan's services."""

from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Role, RoleAssignment
from events import services
from events.models import Event, EventKind, Involvement
from events.services import EventData
from mentorships.models import Mentorship
from organizations.models import Municipality
from plans import services as plan_services
from plans.models import IndividualPlan, PlanItem

TALK = "Доклад «Формирующее оценивание на уроках математики»"
THESES = (
    "1. Формирующее оценивание показывает ученику путь к цели, а не итоговую "
    "отметку.\n2. Приёмы: листы самооценки, «светофор», критериальные "
    "рубрики.\n3. Опыт 7-х классов: доля невыполненных домашних заданий "
    "снизилась с 18 до 9 %."
)
# A one-page PDF standing in for the presentation (checked like evidence).
SLIDES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _at(day: date, hour: int, minutes: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minutes)))


def _kind(municipality: Municipality, name: str) -> EventKind:
    services.add_default_kinds(municipality=municipality)
    return EventKind.objects.get(municipality=municipality, name=name)


def load_events(municipality: Municipality) -> None:
    """Idempotent: running it again changes nothing."""
    if Event.objects.filter(municipality=municipality).exists():
        return
    active = {
        m.reserve_entry.person.last_name: m
        for m in Mentorship.objects.filter(
            status=Mentorship.Status.ACTIVE,
            reserve_entry__person__organization__municipality=municipality,
        ).select_related(
            "mentor__user", "reserve_entry__person__organization__municipality"
        )
    }
    if not all(name in active for name in ("Петров", "Смирнова", "Григорьева")):
        return
    petrov = active["Петров"]
    mentor = petrov.mentor.user
    school = petrov.reserve_entry.person.organization
    coordinator = (
        RoleAssignment.objects.filter(role=Role.COORDINATOR, municipality=municipality)
        .select_related("user")
        .first()
    )
    by = coordinator.user if coordinator else None
    today = timezone.localdate()

    def event(name: str, title: str, offset: int, *, own: bool = True, **kw) -> Event:
        day = today + timedelta(days=offset)
        return services.create_event(
            data=EventData(
                kind=_kind(municipality, name),
                title=title,
                starts_at=_at(day, 15),
                ends_at=_at(day, 16, 30),
                **kw,
            ),
            organization=school if own else None,
            municipality=municipality,
            by=mentor if own else by,
        )

    meeting = event(
        "Служебное совещание",
        "Итоги первой четверти",
        -20,
        place="Кабинет директора",
        description="Успеваемость, посещаемость, подготовка к олимпиадам.",
    )
    seminar = event(
        "Семинар",
        "Формирующее оценивание: опыт школы",
        -7,
        place="Актовый зал",
    )
    council = event(
        "Педагогический совет",
        "Функциональная грамотность обучающихся",
        10,
        place="Актовый зал",
    )
    association = event(
        "Методическое объединение",
        "Заседание МО учителей математики",
        5,
        place="Кабинет 21",
    )
    conference = event(
        "Конференция",
        "Муниципальная конференция «Управление качеством образования»",
        20,
        own=False,
        place="Дом культуры «Нефтяник», ул. Строителей, 1",
        description="Пленарное заседание и секции для руководителей и резерва.",
    )
    webinar = event(
        "Вебинар",
        "Новые требования к рабочим программам",
        -3,
        own=False,
        link="https://example.org/webinar",
    )

    def involve(on: Event, degree: str, **kw) -> Involvement:
        return services.involve(
            event=on, mentorship=petrov, degree=degree, by=mentor, **kw
        )

    # Listener at a meeting, attended.
    listened = involve(meeting, Involvement.Degree.LISTENER)
    services.respond(involvement=listened, accept=True)
    services.mark_attendance(involvement=listened, attended=True, by=mentor)
    # Speaker at the seminar, the talk linked to a plan row done through the
    # plan's services when the mentor marks the attendance.
    talk = involve(
        seminar,
        Involvement.Degree.SPEAKER,
        task=TALK,
        prepare_by=seminar.starts_at.date() - timedelta(days=2),
        plan_item=_talk_row(petrov, seminar, mentor),
    )
    services.respond(involvement=talk, accept=True)
    services.record_outcome(
        involvement=talk,
        text=THESES,
        file=SimpleUploadedFile("prezentatsiya-doklada.pdf", SLIDES),
    )
    services.mark_attendance(
        involvement=talk,
        attended=True,
        by=mentor,
        feedback="Доклад содержательный, примеры убедительные; следите за регламентом.",
        confirm=True,
    )
    # The webinar: invited as a listener, did not attend.
    missed = involve(webinar, Involvement.Degree.LISTENER)
    services.respond(involvement=missed, accept=True)
    services.mark_attendance(
        involvement=missed,
        attended=False,
        by=mentor,
        feedback="Запись вебинара посмотреть самостоятельно.",
    )
    # Host of the methodical association, accepted; organiser-to-be of the
    # council: still invited.
    host = involve(
        association,
        Involvement.Degree.ORGANIZER,
        task="Провести заседание, подготовить повестку",
        prepare_by=association.starts_at.date() - timedelta(days=1),
    )
    services.respond(involvement=host, accept=True)
    involve(
        council,
        Involvement.Degree.PARTICIPANT,
        task="Выступить в обсуждении по итогам диагностики",
    )
    # The coordinator invites several reservists to the conference at once;
    # one declines.
    smirnova = active["Смирнова"].reserve_entry
    grigorieva = active["Григорьева"].reserve_entry
    made = services.invite_many(
        event=conference,
        entries=[petrov.reserve_entry, smirnova, grigorieva],
        degree=Involvement.Degree.PARTICIPANT,
        by=by,
    )
    services.respond(
        involvement=made[2],
        accept=False,
        reason="В этот день — курсы повышения квалификации в Томске.",
    )


def _talk_row(
    mentorship: Mentorship, seminar: Event, mentor: object
) -> PlanItem | None:
    """A row of the reservist's approved plan for the talk, added through the
    plan's services (a change to re-approve, like any row added after approval)."""
    plan = (
        IndividualPlan.objects.filter(
            reserve_entry=mentorship.reserve_entry,
            status=IndividualPlan.Status.APPROVED,
        )
        .order_by("-period_start")
        .first()
    )
    if plan is None:
        return None
    section = plan.form_version.sections.order_by("position").first()
    deadline = timezone.localdate(seminar.starts_at)
    if section is None or not plan.period_start <= deadline <= plan.period_end:
        return None
    return plan_services.add_item(
        plan=plan,
        by=mentor,
        data=plan_services.ItemData(
            section=section,
            activity=f"Выступление на семинаре «{seminar.title}»",
            form_of_work="Выступление",
            deadline=deadline,
            responsible="Петров Д. А.",
            expected_result="Тезисы доклада, презентация",
        ),
    )
