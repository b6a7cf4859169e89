"""Demo data of internships (see internships/__init__.py): Петров's internship in
progress at СОШ № 2 under Николаева (login `commission`), linked to the
internship row of his plan; Смирнова's completed internship at the ДДТ with the
supervisor's conclusion. Dates are counted from today.

Idempotent: running it again changes nothing."""

from datetime import date, timedelta

from django.utils import timezone

from internships import services
from internships.models import Internship, InternshipForm
from mentorships.models import Mentorship
from organizations.models import Municipality, Organization
from people.models import Person
from plans.models import PlanItem

PETROV_TASKS = [
    (
        0,
        4,
        "Знакомство с системой управления школой, локальными актами и "
        "распределением обязанностей администрации",
    ),
    (
        5,
        14,
        "Участие в подготовке и проведении совещания при директоре, "
        "подготовка проекта протокола",
    ),
    (
        15,
        25,
        "Анализ организации внутришкольного контроля, подготовка справки "
        "по итогам тематической проверки",
    ),
    (
        26,
        30,
        "Подготовка отчёта о стажировке, собеседование с руководителем стажировки",
    ),
]
SMIRNOVA_TASKS = [
    (
        0,
        6,
        "Изучение программы развития и организации дополнительного образования в ДДТ",
    ),
    (7, 14, "Участие в планировании и проведении массового мероприятия"),
]


def _form(municipality: Municipality, position: int) -> InternshipForm:
    services.add_default_forms(municipality=municipality)
    return municipality.internship_forms.order_by("position", "pk")[position - 1]


def _active(municipality: Municipality, surname: str) -> Mentorship | None:
    return (
        Mentorship.objects.filter(
            status=Mentorship.Status.ACTIVE,
            reserve_entry__person__last_name=surname,
            reserve_entry__person__organization__municipality=municipality,
        )
        .select_related("reserve_entry", "mentor__user")
        .first()
    )


def _tasks(internship: Internship, rows: list) -> None:
    for start, end, title in rows:
        services.add_task(
            internship=internship,
            title=title,
            starts_on=internship.starts_on + timedelta(days=start),
            ends_on=min(internship.starts_on + timedelta(days=end), internship.ends_on),
        )


def _petrov(municipality: Municipality, today: date) -> None:
    mentorship = _active(municipality, "Петров")
    host = Organization.objects.filter(
        municipality=municipality, short_name="МОУ «СОШ № 2»"
    ).first()
    supervisor = Person.objects.filter(organization=host, last_name="Николаева").first()
    if mentorship is None or host is None or supervisor is None:
        return
    entry = mentorship.reserve_entry
    starts_on = max(today - timedelta(days=10), entry.included_on)
    item = (
        PlanItem.objects.filter(
            plan__reserve_entry=entry,
            plan__status="approved",
            activity__startswith="Стажировка",
        )
        .exclude(status__in=[PlanItem.Status.DONE, PlanItem.Status.CANCELLED])
        .first()
    )
    internship = services.create_internship(
        mentorship=mentorship,
        form=_form(municipality, 2),
        host_organization=host,
        supervisor=supervisor,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=30),
        goal="Освоение функций заместителя директора по учебно-воспитательной "
        "работе: планирование, контроль, работа с педагогическим коллективом.",
        plan_item=item,
    )
    _tasks(internship, PETROV_TASKS)
    services.start_internship(internship=internship)


def _smirnova(municipality: Municipality, today: date) -> None:
    mentorship = _active(municipality, "Смирнова")
    host = Organization.objects.filter(
        municipality=municipality, short_name="МОУДО «ДДТ»"
    ).first()
    if mentorship is None or host is None or host.head is None:
        return
    author = mentorship.mentor.user  # the supervisor has no account: the mentor
    if author is None:
        return
    entry = mentorship.reserve_entry
    starts_on = max(today - timedelta(days=40), entry.included_on)
    internship = services.create_internship(
        mentorship=mentorship,
        form=_form(municipality, 4),
        host_organization=host,
        supervisor=host.head,
        starts_on=starts_on,
        ends_on=min(starts_on + timedelta(days=14), today),
        goal="Знакомство с управлением организацией дополнительного образования.",
    )
    _tasks(internship, SMIRNOVA_TASKS)
    services.start_internship(internship=internship)
    services.write_conclusion(
        internship=internship,
        by=author,
        work_done="Изучены программа развития и система дополнительного "
        "образования ДДТ; резервист участвовал в планировании и проведении "
        "городского фестиваля детского творчества, подготовил проект плана "
        "мероприятия и анализ его проведения.",
        assessment=Internship.Assessment.GOOD,
        recommendation="Рекомендуется продолжить подготовку: углубить знания в "
        "области финансово-хозяйственной деятельности образовательной "
        "организации.",
        concluded_on=internship.ends_on,
    )
    services.complete_internship(internship=internship, by=author)


def load_internships(municipality: Municipality) -> None:
    """Idempotent: running it again changes nothing."""
    services.add_default_forms(municipality=municipality)
    today = timezone.localdate()
    if not Internship.objects.filter(
        municipality=municipality, reserve_entry__person__last_name="Петров"
    ).exists():
        _petrov(municipality, today)
    if not Internship.objects.filter(
        municipality=municipality, reserve_entry__person__last_name="Смирнова"
    ).exists():
        _smirnova(municipality, today)
