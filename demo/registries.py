"""The demo municipality's registries: positions, organisations, people and their
accounts (idempotent: what exists already is left alone)."""

from datetime import date
from decimal import Decimal

from accounts.models import Role, RoleAssignment, User
from organizations.models import Municipality, Organization
from people.models import Person, Position

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
    ("Начальник отдела общего образования", True),
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

# The coordinator works at the education authority: her person record gives the
# plan's approval stamp its position and «М. И. Соколова».
AUTHORITY = (
    Organization.Kind.OTHER,
    "Управление образования",
    "Управление образования Администрации городского округа Стрежевой",
    "ул. Мира, д. 24",
)
COORDINATOR = ("Соколова", "Марина", "Игоревна", "Начальник отдела общего образования")

ROLES = {
    "head": Role.HEAD,
    "mentor": Role.MENTOR,
    "reservist": Role.RESERVIST,
    "commission": Role.COMMISSION,
}


def upsert(model, defaults: dict, **lookup):
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


def account(username: str, first: str, last: str, email: str) -> User:
    """A demo account with the demo password (created once, password kept)."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": email},
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def load_registries() -> Municipality:
    """The municipality, its positions, organisations, people and accounts."""
    municipality, _ = upsert(
        Municipality,
        name="Городской округ Стрежевой",
        defaults={
            "authority_name": "Управление образования Администрации городского округа "
            "Стрежевой",
            "place": "г. Стрежевой",
            "regulation_act": "приказ Управления образования",
            "regulation_date": date(2026, 8, 14),
            "regulation_number": "44-о",
        },
    )
    positions = {
        name: upsert(
            Position,
            municipality=municipality,
            name=name,
            defaults={"is_administrative": adm},
        )[0]
        for name, adm in POSITIONS
    }
    organizations = [
        upsert(
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
    coordinator = account("coordinator", "Марина", "Соколова", "sokolova@example.ru")
    RoleAssignment.objects.get_or_create(
        user=coordinator,
        role=Role.COORDINATOR,
        defaults={"municipality": municipality},
    )
    kind, short, full, addr = AUTHORITY
    authority, _ = upsert(
        Organization,
        municipality=municipality,
        short_name=short,
        defaults={"kind": kind, "full_name": full, "address": f"г. Стрежевой, {addr}"},
    )
    last, first, middle, position = COORDINATOR
    upsert(
        Person,
        organization=authority,
        last_name=last,
        first_name=first,
        middle_name=middle,
        defaults={
            "position": positions[position],
            "management_experience": Decimal(6),
            "teaching_experience": Decimal(12),
            "email": coordinator.email,
            "user": coordinator,
        },
    )
    for org_i, last, first, middle, position, mgmt, teach, login in PEOPLE:
        organization = organizations[org_i]
        user = account(login, first, last, f"{login}@example.ru") if login else None
        person, _ = upsert(
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
        if position in ("Директор", "Заведующий") and organization.head_id != person.pk:
            organization.head = person
            organization.save(update_fields=["head"])
        if login:
            scope = {"organization": organization} if login == "head" else {}
            RoleAssignment.objects.get_or_create(
                user=user, role=ROLES[login], defaults=scope
            )
    return municipality
