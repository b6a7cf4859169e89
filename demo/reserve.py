"""The demo reserve, mentors' readiness and orders, made through the services."""

from datetime import date

from demo.registries import upsert
from mentorships import services as mentor_services
from mentorships.models import MentorOrder, MentorReadiness
from organizations.models import Municipality, Organization
from people.models import Person
from reserve import services as reserve_services
from reserve.models import ReserveEntry, TargetPosition

TARGET_POSITIONS = [
    "Директор общеобразовательной организации",
    "Заместитель директора общеобразовательной организации",
    "Заведующий дошкольной образовательной организацией",
    "Директор организации дополнительного образования",
]
READY_TO_MENTOR = ["Волкова", "Зайцев", "Морозова", "Соловьёва", "Орлов"]
# surname: (target position index, basis number)
RESERVE = {
    "Петров": (0, "112-р"),
    "Смирнова": (1, "112-р"),
    "Соколов": (1, "112-р"),
    "Андреева": (1, "112-р"),
    "Егоров": (1, "112-р"),
    "Белова": (1, "112-р"),
    "Киселёва": (1, "112-р"),
    "Григорьева": (2, "112-р"),
    "Романова": (2, "112-р"),
    "Тихонова": (3, "112-р"),
}
# (organisation short name, number, date, register?, [(mentor, reservist, start)])
ORDERS = [
    (
        "МОУ «СОШ № 1»",
        "15",
        date(2026, 9, 15),
        True,
        [("Волкова", "Петров"), ("Зайцев", "Смирнова")],
    ),
    (
        "МДОУ «ДС № 3 «Солнышко»",
        "30",
        date(2026, 9, 20),
        True,
        [("Соловьёва", "Григорьева")],
    ),
    ("МОУ «СОШ № 2»", "8", date(2026, 10, 1), False, [("Морозова", "Егоров")]),
    # Replaces Зайцев with Волкова for Смирнова.
    ("МОУ «СОШ № 1»", "21", date(2026, 11, 2), True, [("Волкова", "Смирнова")]),
]


def load_reserve(municipality: Municipality) -> None:
    """The reserve, mentors' readiness and orders, through the services (idempotent)."""
    people = {
        p.last_name: p
        for p in Person.objects.filter(
            organization__municipality=municipality
        ).select_related("organization__municipality", "position")
    }
    targets = [
        upsert(TargetPosition, {}, municipality=municipality, name=name)[0]
        for name in TARGET_POSITIONS
    ]
    for surname in READY_TO_MENTOR:
        if not MentorReadiness.objects.filter(person=people[surname]).exists():
            mentor_services.confirm_readiness(
                person=people[surname], confirmed_on=date(2026, 9, 1), note="Заявление"
            )
    for surname, (target, basis) in RESERVE.items():
        if not ReserveEntry.objects.filter(person=people[surname]).exists():
            reserve_services.include_in_reserve(
                person=people[surname],
                target_position=targets[target],
                basis_number=basis,
                basis_date=date(2026, 8, 28),
                included_on=date(2026, 9, 1),
            )
    entries = {
        e.person.last_name: e
        for e in ReserveEntry.objects.filter(person__in=people.values()).select_related(
            "person__organization"
        )
    }
    for short_name, number, day, register, lines in ORDERS:
        organization = Organization.objects.get(
            municipality=municipality, short_name=short_name
        )
        order = MentorOrder.objects.filter(
            organization=organization, number=number, year=day.year
        ).first()
        if order is None:
            head = organization.head
            order = mentor_services.create_order(
                organization=organization,
                number=number,
                date=day,
                signatory_name=head.full_name if head else "",
                signatory_position=head.position.name if head else "Директор",
                lines=[
                    mentor_services.OrderLine(
                        people[mentor], entries[reservist], day, date(2029, 8, 31)
                    )
                    for mentor, reservist in lines
                ],
            )
        if register and order.status == MentorOrder.Status.DRAFT:
            mentor_services.register_order(order=order)
    excluded = entries["Киселёва"]
    if excluded.status == ReserveEntry.Status.ACTIVE:
        reserve_services.exclude_reservist(
            entry=excluded,
            excluded_on=date(2026, 10, 20),
            reason="Переход на работу в другой муниципалитет",
        )
