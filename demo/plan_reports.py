"""Demo joint reports on the plans (8.10), one in each state, made through the
services:

- Петров's completed introductory plan: the report submitted and accepted;
- Петров's current approved plan (login `reservist`): a draft the reservist has
  agreed to, awaiting his mentor Волкова (login `mentor`);
- Соколов and Андреева, mentored by Зайцев under the order «34» of СОШ № 1,
  each with an approved plan: Соколов's report submitted to the coordinator,
  Андреева's a fresh draft.

Idempotent: nothing is made once the demo has reports."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from mentorships import services as mentor_services
from mentorships.models import MentorOrder, Mentorship
from organizations.models import Municipality, Organization
from people.models import Person
from plan_reports import services
from plan_reports.models import PlanReport
from plans import services as plan_services
from plans.models import IndividualPlan, PlanItem
from reserve.models import ReserveEntry

ORDER_NUMBER, ORDER_DATE = "34", date(2026, 11, 16)
SCHOOL = "МОУ «СОШ № 1»"
NEW_MENTEES = ("Соколов", "Андреева")

PETROV_INTRO = (
    "За вводный период изучил устав школы, должностные обязанности заместителя "
    "директора и локальные акты об организации образовательного процесса; "
    "составил перечень вопросов к стажировке.\n"
    "Понял, что мне не хватает опыта планирования работы коллектива: это "
    "главная задача следующего плана."
)
PETROV_INTRO_MENTOR = (
    "Вводный план выполнен полностью и в срок. Дмитрий Александрович "
    "ответственно относится к заданиям, умеет работать с нормативными "
    "документами."
)
PETROV_SELF = (
    "В первом полугодии выполнил большую часть мероприятий плана: изучил ФГОС и "
    "закон об образовании, выступил на педсовете, начал стажировку.\n"
    "Не успел в срок подготовить проект приказа: недооценил объём согласований. "
    "Научился планировать работу по неделям и согласовывать документы заранее."
)
PETROV_MENTOR = (
    "Дмитрий Александрович выполняет план с небольшими нарушениями сроков, "
    "активно участвует в мероприятиях, стажировка проходит успешно. Рекомендую "
    "продолжить подготовку с акцентом на управление персоналом."
)
SOKOLOV_SELF = (
    "Изучил нормативную базу и приступил к мероприятиям плана; научился "
    "готовить аналитические справки."
)
SOKOLOV_MENTOR = (
    "Максим Игоревич добросовестно выполняет план, проявляет инициативу. "
    "Рекомендую к назначению на должность заместителя директора."
)


def _coordinator(municipality: Municipality) -> User | None:
    assignment = RoleAssignment.objects.filter(
        role=Role.COORDINATOR, municipality=municipality
    ).first()
    return assignment.user if assignment else None


def _agree_both(report: PlanReport) -> PlanReport:
    services.agree_report(report=report, side="reservist")
    return services.agree_report(report=report, side="mentor")


def _new_mentorships(municipality: Municipality) -> list[Mentorship]:
    """Зайцев mentors Соколов and Андреева by a registered order."""
    school = Organization.objects.get(municipality=municipality, short_name=SCHOOL)
    people = {
        p.last_name: p
        for p in Person.objects.filter(
            organization=school, last_name__in=("Зайцев", *NEW_MENTEES)
        )
    }
    entries = ReserveEntry.objects.filter(
        person__in=[people[name] for name in NEW_MENTEES],
        status=ReserveEntry.Status.ACTIVE,
    ).select_related("person")
    head = school.head
    order = mentor_services.create_order(
        organization=school,
        number=ORDER_NUMBER,
        date=ORDER_DATE,
        signatory_name=head.full_name if head else "",
        signatory_position=head.position.name if head else "Директор",
        lines=[
            mentor_services.OrderLine(
                people["Зайцев"], entry, ORDER_DATE, date(2029, 8, 31)
            )
            for entry in sorted(entries, key=lambda e: e.person.last_name)
        ],
    )
    mentor_services.register_order(order=order)
    return list(order.mentorships.select_related("reserve_entry__person", "mentor"))


def _approved_plan(mentorship: Mentorship, approver: User | None) -> IndividualPlan:
    """A plan from the form's suggestions, approved, with its first row done and
    its second not done."""
    start = mentorship.starts_on
    plan = plan_services.create_plan(
        entry=mentorship.reserve_entry,
        period_start=start,
        period_end=plan_services.add_months(start, 12) - timedelta(days=1),
        from_suggestions=True,
    )
    plan_services.submit_plan(plan=plan)
    plan_services.approve_plan(plan=plan, by=approver)
    today = timezone.localdate()
    first, second = list(plan.items.order_by("deadline", "pk"))[:2]
    plan_services.mark_item(
        item=first,
        status=PlanItem.Status.DONE,
        done_on=max(start, today),
        evidence_text="Выполнено, результат обсуждён с наставником.",
    )
    plan_services.mark_item(
        item=second,
        status=PlanItem.Status.NOT_DONE,
        not_done_reason="Мероприятие перенесено организатором на следующий год",
    )
    return plan


def load_plan_reports(municipality: Municipality) -> None:
    """The demo's reports in draft, agreed by one side, submitted and accepted
    (idempotent)."""
    if PlanReport.objects.filter(municipality=municipality).exists():
        return
    coordinator = _coordinator(municipality)
    petrov = ReserveEntry.objects.filter(
        person__organization__municipality=municipality,
        person__last_name="Петров",
        status=ReserveEntry.Status.ACTIVE,
    ).first()
    if petrov is None or coordinator is None:
        return
    plans = {p.status: p for p in petrov.plans.select_related("mentor__user")}
    intro = plans.get(IndividualPlan.Status.COMPLETED)
    current = plans.get(IndividualPlan.Status.APPROVED)
    if intro is None or current is None:
        return
    mentor = current.mentor.user
    report = services.create_report(plan=intro, by=mentor)
    services.update_part(report=report, side="reservist", self_analysis=PETROV_INTRO)
    services.update_part(
        report=report,
        side="mentor",
        conclusion=PETROV_INTRO_MENTOR,
        recommendation=PlanReport.Recommendation.CONTINUE,
    )
    _agree_both(report)
    services.submit_report(report=report, by=mentor)
    services.accept_report(report=report, by=coordinator)

    report = services.create_report(plan=current, by=petrov.person.user)
    services.update_part(report=report, side="reservist", self_analysis=PETROV_SELF)
    services.update_part(
        report=report,
        side="mentor",
        conclusion=PETROV_MENTOR,
        recommendation=PlanReport.Recommendation.CONTINUE,
    )
    services.agree_report(report=report, side="reservist")

    if MentorOrder.objects.filter(
        organization__municipality=municipality, number=ORDER_NUMBER
    ).exists():
        return
    mentees = {
        m.reserve_entry.person.last_name: m for m in _new_mentorships(municipality)
    }
    sokolov, andreeva = mentees["Соколов"], mentees["Андреева"]
    report = services.create_report(
        plan=_approved_plan(sokolov, coordinator), by=sokolov.mentor.user
    )
    services.update_part(report=report, side="reservist", self_analysis=SOKOLOV_SELF)
    services.update_part(
        report=report,
        side="mentor",
        conclusion=SOKOLOV_MENTOR,
        recommendation=PlanReport.Recommendation.APPOINT,
    )
    _agree_both(report)
    services.submit_report(report=report, by=sokolov.mentor.user)
    services.create_report(
        plan=_approved_plan(andreeva, coordinator), by=andreeva.mentor.user
    )
