"""Load the demo municipality; running it again changes nothing (idempotent)."""

from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Role, RoleAssignment, User
from organizations.models import Municipality, Organization
from people.models import Person, Position
from plans.demo import load_plans
from reserve.models import TargetPosition

DEMO_PASSWORD = "demo"

POSITIONS = [
    ("Директор", True),
    ("Заместитель директора по учебно-воспитательной работе", True),
    ("Заместитель директора по воспитательной работе", True),
    ("Заведующий", True),
    ("Заместитель заведующего", True),
    ("Старший воспитатель", True),
    ("Учитель", False),
    ("Воспитатель", False),
    ("Педагог-психолог", False),
    ("Педагог дополнительного образования", False),
    ("Методист", False),
]

S, K, D = (
    Organization.Kind.SCHOOL,
    Organization.Kind.KINDERGARTEN,
    Organization.Kind.SUPPLEMENTARY,
)
ORGANIZATIONS = [
    (
        S,
        "МОУ «СОШ № 1»",
        "Муниципальное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 1» городского округа Стрежевой",
        "ул. Строителей, д. 50",
    ),
    (
        S,
        "МОУ «СОШ № 2»",
        "Муниципальное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 2» городского округа Стрежевой",
        "3-й мкр., д. 320",
    ),
    (
        S,
        "МОУ «СОШ № 3»",
        "Муниципальное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 3» городского округа Стрежевой",
        "ул. Коммунальная, д. 9",
    ),
    (
        S,
        "МОУ «Гимназия № 4»",
        "Муниципальное общеобразовательное учреждение «Гимназия № 4» "
        "городского округа Стрежевой",
        "4-й мкр., д. 420",
    ),
    (
        K,
        "МДОУ «ДС № 3 «Солнышко»",
        "Муниципальное дошкольное образовательное учреждение "
        "«Детский сад № 3 «Солнышко» городского округа Стрежевой",
        "2-й мкр., д. 214",
    ),
    (
        K,
        "МДОУ «ДС № 5 «Рябинка»",
        "Муниципальное дошкольное образовательное учреждение "
        "«Детский сад № 5 «Рябинка» городского округа Стрежевой",
        "5-й мкр., д. 507",
    ),
    (
        K,
        "МДОУ «ДС № 7 «Журавушка»",
        "Муниципальное дошкольное образовательное учреждение "
        "«Детский сад № 7 «Журавушка» городского округа Стрежевой",
        "ул. Ермакова, д. 12",
    ),
    (
        D,
        "МОУДО «ДДТ»",
        "Муниципальное образовательное учреждение дополнительного "
        "образования «Дом детского творчества» городского округа Стрежевой",
        "ул. Молодёжная, д. 5",
    ),
]

# (org index, surname, name, patronymic, position, management, teaching, account)
PEOPLE = [
    (0, "Кузнецов", "Андрей", "Петрович", "Директор", "14", "22", "head"),
    (0, "Соколов", "Максим", "Игоревич", "Учитель", "0", "8", None),
    (0, "Андреева", "Ксения", "Павловна", "Педагог-психолог", "0", "6", None),
    (
        0,
        "Волкова",
        "Елена",
        "Сергеевна",
        "Заместитель директора по учебно-воспитательной работе",
        "12",
        "20",
        "mentor",
    ),
    (0, "Петров", "Дмитрий", "Александрович", "Учитель", "0", "9", "reservist"),
    (0, "Смирнова", "Анна", "Викторовна", "Учитель", "0", "7", None),
    (
        0,
        "Зайцев",
        "Игорь",
        "Николаевич",
        "Заместитель директора по воспитательной работе",
        "4",
        "15",
        None,
    ),
    (1, "Николаева", "Ольга", "Ивановна", "Директор", "18", "27", "commission"),
    (
        1,
        "Морозова",
        "Татьяна",
        "Геннадьевна",
        "Заместитель директора по учебно-воспитательной работе",
        "9",
        "19",
        None,
    ),
    (1, "Егоров", "Павел", "Андреевич", "Учитель", "0", "6", None),
    (2, "Фёдорова", "Наталья", "Юрьевна", "Директор", "11", "24", None),
    (2, "Белова", "Светлана", "Олеговна", "Педагог-психолог", "0", "8", None),
    (3, "Орлов", "Сергей", "Викторович", "Директор", "16", "25", None),
    (3, "Киселёва", "Мария", "Алексеевна", "Учитель", "0", "11", None),
    (4, "Лебедева", "Ирина", "Михайловна", "Заведующий", "10", "21", None),
    (4, "Соловьёва", "Юлия", "Сергеевна", "Старший воспитатель", "3", "12", None),
    (4, "Григорьева", "Оксана", "Петровна", "Воспитатель", "0", "8", None),
    (5, "Павлова", "Елена", "Викторовна", "Заведующий", "7", "18", None),
    (5, "Романова", "Алёна", "Игоревна", "Воспитатель", "0", "5", None),
    (6, "Козлова", "Людмила", "Николаевна", "Заведующий", "13", "26", None),
    (6, "Васильева", "Дарья", "Андреевна", "Заместитель заведующего", "2", "10", None),
    (7, "Новиков", "Алексей", "Владимирович", "Директор", "8", "17", None),
    (
        7,
        "Тихонова",
        "Виктория",
        "Олеговна",
        "Педагог дополнительного образования",
        "0",
        "6",
        None,
    ),
]

ROLES = {
    "head": Role.HEAD,
    "mentor": Role.MENTOR,
    "reservist": Role.RESERVIST,
    "commission": Role.COMMISSION,
}


def _upsert(model, defaults: dict, **lookup):
    """Like update_or_create, but saves only when something differs, so that a
    second run adds no history records."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [k for k, v in defaults.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, defaults[k])
    if changed:
        obj.save(update_fields=changed)
    return obj, False


class Command(BaseCommand):
    help = "Load the demo municipality «Городской округ Стрежевой» (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        municipality, _ = _upsert(
            Municipality,
            name="Городской округ Стрежевой",
            defaults={
                "authority_name": "Управление образования Администрации городского округа "
                "Стрежевой",
                "place": "г. Стрежевой",
            },
        )
        positions = {
            name: _upsert(
                Position,
                municipality=municipality,
                name=name,
                defaults={"is_administrative": adm},
            )[0]
            for name, adm in POSITIONS
        }
        organizations = [
            _upsert(
                Organization,
                municipality=municipality,
                short_name=short,
                defaults={
                    "kind": kind,
                    "full_name": full,
                    "address": f"г. Стрежевой, {addr}",
                },
            )[0]
            for kind, short, full, addr in ORGANIZATIONS
        ]
        coordinator = self._account(
            "coordinator", "Марина", "Соколова", "sokolova@example.ru"
        )
        RoleAssignment.objects.get_or_create(
            user=coordinator,
            role=Role.COORDINATOR,
            defaults={"municipality": municipality},
        )
        for org_i, last, first, middle, position, mgmt, teach, login in PEOPLE:
            organization = organizations[org_i]
            user = (
                self._account(login, first, last, f"{login}@example.ru")
                if login
                else None
            )
            person, _ = _upsert(
                Person,
                organization=organization,
                last_name=last,
                first_name=first,
                middle_name=middle,
                defaults={
                    "position": positions[position],
                    "management_experience": Decimal(mgmt),
                    "teaching_experience": Decimal(teach),
                    "email": f"{login or 'staff'}.{org_i}@example.ru".lower(),
                    "user": user,
                },
            )
            if (
                position in ("Директор", "Заведующий")
                and organization.head_id != person.pk
            ):
                organization.head = person
                organization.save(update_fields=["head"])
            if login:
                scope = {"organization": organization} if login == "head" else {}
                RoleAssignment.objects.get_or_create(
                    user=user, role=ROLES[login], defaults=scope
                )
        load_reserve(municipality)
        load_plans(municipality)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded: accounts coordinator, head, "
                "mentor, reservist, commission (password demo)."
            )
        )

    def _account(self, username: str, first: str, last: str, email: str) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": email},
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user


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
    from mentorships import services as mentor_services
    from mentorships.models import MentorOrder, MentorReadiness
    from reserve import services as reserve_services
    from reserve.models import ReserveEntry

    people = {
        p.last_name: p
        for p in Person.objects.filter(
            organization__municipality=municipality
        ).select_related("organization__municipality", "position")
    }
    targets = [
        _upsert(TargetPosition, {}, municipality=municipality, name=name)[0]
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
