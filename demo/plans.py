"""Demo individual plans in every state, made through the services.

Idempotent: what exists already is left alone, so a second run changes nothing.
Deadlines are counted from today, so the overdue row stays overdue whenever the
demo is loaded."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from demo.plan_form import load_form
from mentorships.models import Mentorship
from organizations.models import Municipality
from people.models import Person
from plans import services
from plans.models import IndividualPlan, PlanItem
from reserve.models import ReserveEntry


@dataclass(frozen=True)
class Row:
    """A row of a demo plan; days are counted from today (negative: past)."""

    section: int
    activity: str
    form_of_work: str
    expected_result: str
    deadline_in: int
    status: str = PlanItem.Status.PLANNED
    done_in: int | None = None
    note: str = ""
    link: str = ""
    is_confirmed: bool = False


# Петров's current plan: every state of a row.
PETROV_ROWS = [
    Row(
        4,
        "Изучение Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании "
        "в Российской Федерации»",
        "Самостоятельное изучение, собеседование",
        "Собеседование с наставником",
        -40,
        PlanItem.Status.DONE,
        -45,
        "Конспект основных положений; собеседование с наставником проведено.",
        is_confirmed=True,
    ),
    Row(
        1,
        "Изучение ФГОС основного общего образования (приказ Минпросвещения "
        "России от 31.05.2021 № 287)",
        "Самостоятельное изучение",
        "Проверка знаний (тест)",
        -30,
        PlanItem.Status.DONE,
        -22,
        "Тест пройден: 18 верных ответов из 20.",
        "https://fgos.ru/fgos/fgos-ooo/",
    ),
    Row(
        3,
        "Участие в заседании педагогического совета с докладом «Формирующее "
        "оценивание на уроке»",
        "Выступление",
        "Текст доклада, выписка из протокола",
        -20,
        PlanItem.Status.NOT_DONE,
        note="Заседание педагогического совета перенесено на третью четверть.",
    ),
    Row(
        2,
        "Подготовка проекта приказа о проведении школьного этапа всероссийской "
        "олимпиады школьников",
        "Практическое задание",
        "Проект приказа, согласованный с наставником",
        -10,
    ),
    Row(
        2,
        "Стажировка в должности заместителя директора по учебно-воспитательной работе",
        "Стажировка на рабочем месте",
        "Отчёт о стажировке, отзыв наставника",
        75,
        PlanItem.Status.IN_PROGRESS,
    ),
    Row(
        1,
        "Курсы повышения квалификации «Менеджмент в образовании»",
        "Курсы повышения квалификации (72 ч)",
        "Удостоверение о повышении квалификации",
        150,
    ),
    Row(
        5,
        "Самообразование по управлению персоналом: изучение литературы по "
        "мотивации и оценке педагогов",
        "Самостоятельное изучение",
        "Список литературы, эссе",
        200,
    ),
]
# Петров's first, introductory plan, completed before the current one.
INTRODUCTORY_ROWS = [
    (
        4,
        "Изучение устава и локальных нормативных актов школы",
        "Самостоятельное изучение",
        "Собеседование с наставником",
        "Изучены устав, правила внутреннего трудового распорядка, положение о "
        "внутренней системе оценки качества образования.",
    ),
    (
        2,
        "Знакомство с должностными обязанностями заместителя директора по "
        "учебно-воспитательной работе",
        "Консультация наставника",
        "Перечень вопросов для стажировки",
        "Составлен перечень вопросов для стажировки, обсуждён с наставником.",
    ),
]


def _user(person: Person | None) -> User | None:
    return person.user if person else None


def _approver(plan: IndividualPlan, municipality: Municipality) -> User | None:
    """Who approves plans in the municipality: the coordinator or the head."""
    if municipality.plan_approver == Municipality.PlanApprover.HEAD:
        return _user(plan.reserve_entry.person.organization.head)
    assignment = RoleAssignment.objects.filter(
        role=Role.COORDINATOR, municipality=municipality
    ).first()
    return assignment.user if assignment else None


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def _load_petrov(
    entry: ReserveEntry, mentorship: Mentorship, municipality: Municipality
) -> IndividualPlan:
    """A completed introductory plan, then the current approved plan with a row in
    each state and a change awaiting re-approval."""
    today = timezone.localdate()
    mentor, reservist = _user(mentorship.mentor), _user(entry.person)
    intro_start = max(entry.included_on, mentorship.starts_on)
    start = max(
        intro_start + timedelta(days=14),
        services.add_months(_first_of_month(today), -1),
    )
    intro = services.create_plan(
        entry=entry, period_start=intro_start, period_end=start - timedelta(days=1)
    )
    sections = {s.position: s for s in intro.form_version.sections.all()}
    for section, activity, form_of_work, result, _note in INTRODUCTORY_ROWS:
        services.add_item(
            plan=intro,
            by=mentor,
            data=services.ItemData(
                section=sections[section],
                activity=activity,
                form_of_work=form_of_work,
                deadline=intro.period_end,
                responsible="Петров Д. А.",
                expected_result=result,
            ),
        )
    services.submit_plan(plan=intro)
    services.approve_plan(plan=intro, by=_approver(intro, municipality))
    for item, intro_row in zip(intro.items.all(), INTRODUCTORY_ROWS, strict=True):
        services.mark_item(
            item=item,
            status=PlanItem.Status.DONE,
            done_on=intro.period_end,
            evidence_text=intro_row[4],
        )
        services.confirm_item(item=item, by=mentor)
    services.complete_plan(plan=intro)

    plan = services.create_plan(
        entry=entry,
        period_start=start,
        period_end=services.add_months(start, 12) - timedelta(days=1),
    )

    def day(offset: int) -> date:
        return min(max(today + timedelta(days=offset), start), plan.period_end)

    items = [
        services.add_item(
            plan=plan,
            by=mentor,
            data=services.ItemData(
                section=sections[row.section],
                activity=row.activity,
                form_of_work=row.form_of_work,
                deadline=day(row.deadline_in),
                responsible="Петров Д. А.",
                expected_result=row.expected_result,
            ),
        )
        for row in PETROV_ROWS
    ]
    services.add_comment(
        plan=plan,
        author=reservist,
        text="Елена Сергеевна, предлагаю перенести стажировку на весну: в "
        "декабре у меня выпускные классы и пробные экзамены.",
    )
    services.add_comment(
        plan=plan,
        author=mentor,
        text="Согласна. Стажировку начнём сейчас, а отчёт сдадим весной. "
        "ФГОС и закон об образовании изучаем в первую очередь.",
    )
    services.submit_plan(plan=plan)
    services.approve_plan(plan=plan, by=_approver(plan, municipality))
    for item, row in zip(items, PETROV_ROWS, strict=True):
        if row.status == PlanItem.Status.PLANNED:
            continue
        services.mark_item(
            item=item,
            status=row.status,
            done_on=min(max(today + timedelta(days=row.done_in or 0), start), today),
            evidence_text=row.note if row.status == PlanItem.Status.DONE else "",
            evidence_link=row.link,
            not_done_reason=row.note if row.status == PlanItem.Status.NOT_DONE else "",
        )
        if row.is_confirmed:
            services.confirm_item(item=item, by=mentor)
    overdue = items[3]
    services.add_comment(
        plan=plan,
        item=overdue,
        author=mentor,
        text="Дмитрий Александрович, срок прошёл: жду проект приказа до пятницы.",
    )
    services.add_comment(
        plan=plan,
        item=overdue,
        author=reservist,
        text="Проект готов, согласую с заместителем директора и пришлю.",
    )
    internship = items[4]
    services.update_item(
        item=internship,
        by=mentor,
        expected_version=internship.version,
        deadline=day(105),
    )
    return plan


def _load_smirnova(
    entry: ReserveEntry, mentorship: Mentorship, source: IndividualPlan
) -> IndividualPlan:
    """Copied from Петров's plan (dates shifted) and submitted for approval."""
    start = source.period_start + timedelta(days=14)
    plan = services.create_plan(
        entry=entry,
        period_start=start,
        period_end=services.add_months(start, 12) - timedelta(days=1),
        copy_from=source,
    )
    for item in plan.items.all():
        services.update_item(
            item=item,
            by=_user(mentorship.mentor),
            expected_version=item.version,
            responsible="Смирнова А. В.",
        )
    services.add_comment(
        plan=plan,
        author=_user(mentorship.mentor),
        text="План составлен по образцу плана Петрова Д. А. и обсуждён с Анной "
        "Викторовной; направляю на утверждение.",
    )
    return services.submit_plan(plan=plan)


def _load_grigorieva(
    entry: ReserveEntry, municipality: Municipality, start: date
) -> IndividualPlan:
    """Made from the form's suggestions, returned with remarks, being corrected."""
    plan = services.create_plan(
        entry=entry,
        period_start=start,
        period_end=services.add_months(start, 12) - timedelta(days=1),
        from_suggestions=True,
    )
    services.submit_plan(plan=plan)
    approver = _approver(plan, municipality)
    services.add_comment(
        plan=plan,
        author=approver,
        text="Для дошкольной организации нужен ФГОС дошкольного образования и "
        "ФОП ДО вместо ФГОС общего образования.",
    )
    services.return_plan(
        plan=plan,
        remarks="Замените ФГОС общего образования на ФГОС дошкольного образования "
        "и ФОП ДО; уточните сроки стажировки.",
    )
    fgos = plan.items.get(activity__startswith="Изучение ФГОС")
    services.update_item(
        item=fgos,
        by=None,
        expected_version=fgos.version,
        activity="Изучение ФГОС дошкольного образования и федеральной "
        "образовательной программы дошкольного образования",
    )
    return plan


def load_plans(municipality: Municipality) -> None:
    """The approved form with a draft next version, and the plans of the demo's
    reservists with active mentors: Петров (a completed plan and an approved one),
    Смирнова (submitted), Григорьева (returned, a draft again). Idempotent."""
    load_form(municipality)
    mentorships = {
        m.reserve_entry.person.last_name: m
        for m in Mentorship.objects.filter(
            status=Mentorship.Status.ACTIVE,
            reserve_entry__person__organization__municipality=municipality,
        ).select_related(
            "mentor__user",
            "reserve_entry__person__user",
            "reserve_entry__person__organization__head__user",
        )
    }
    if not all(name in mentorships for name in ("Петров", "Смирнова", "Григорьева")):
        return
    petrov = mentorships["Петров"].reserve_entry
    current = petrov.plans.order_by("-period_start").first()
    if current is None:
        current = _load_petrov(petrov, mentorships["Петров"], municipality)
    smirnova = mentorships["Смирнова"]
    if not smirnova.reserve_entry.plans.exists():
        _load_smirnova(smirnova.reserve_entry, smirnova, current)
    grigorieva = mentorships["Григорьева"].reserve_entry
    if not grigorieva.plans.exists():
        _load_grigorieva(grigorieva, municipality, current.period_start)
