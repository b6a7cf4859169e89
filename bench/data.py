"""The vocabulary and the bulk writers of the benchmark's region: Russian names,
positions, organisations and plan activities; the sizes a scale asks for; inserts
in bulk (COPY on PostgreSQL)."""

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from django.db import connection, models
from django.utils import timezone

from organizations.models import Organization

BATCH = 2000

SURNAMES = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
    "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев",
    "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов",
    "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов",
    "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
    "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов",
    "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов",
    "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев",
    "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков",
]  # fmt: skip
MALE_NAMES = [
    "Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём",
    "Илья", "Кирилл", "Михаил", "Никита", "Матвей", "Роман", "Егор", "Иван",
]  # fmt: skip
FEMALE_NAMES = [
    "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана",
    "Екатерина", "Юлия", "Марина", "Анастасия", "Людмила", "Галина", "Дарья",
]  # fmt: skip
FATHERS = [
    "Александров", "Дмитриев", "Сергеев", "Андреев", "Алексеев", "Михайлов",
    "Николаев", "Владимиров", "Викторов", "Петров", "Юрьев", "Иванов",
]  # fmt: skip
# (name, administrative); the first two are the director and the deputy.
POSITIONS = [
    ("Директор", True),
    ("Заместитель директора по учебно-воспитательной работе", True),
    ("Учитель", False),
    ("Воспитатель", False),
    ("Педагог дополнительного образования", False),
    ("Методист", False),
    ("Педагог-психолог", False),
    ("Социальный педагог", False),
    ("Старший воспитатель", True),
]
TARGET_POSITIONS = [
    "Директор общеобразовательной организации",
    "Заместитель директора общеобразовательной организации",
    "Заведующий дошкольной образовательной организацией",
    "Директор организации дополнительного образования",
]
KINDS = [
    (Organization.Kind.SCHOOL, "МОУ «СОШ № {n}»", "Средняя общеобразовательная школа"),
    (Organization.Kind.KINDERGARTEN, "МДОУ «ДС № {n}»", "Детский сад"),
    (Organization.Kind.SUPPLEMENTARY, "МУ ДО «ЦДТ № {n}»", "Центр детского творчества"),
]
ACTIVITIES = [
    ("Изучение Федерального закона № 273-ФЗ «Об образовании в РФ»", "Самостоятельное изучение", "Собеседование"),
    ("Курсы повышения квалификации «Менеджмент в образовании»", "Курсы (72 ч)", "Удостоверение"),
    ("Стажировка в должности заместителя директора", "Стажировка на рабочем месте", "Отчёт о стажировке"),
    ("Участие в заседании педагогического совета с докладом", "Выступление", "Текст доклада"),
    ("Подготовка проекта локального нормативного акта", "Практическое задание", "Проект акта"),
    ("Изучение опыта руководителей образовательных организаций", "Посещение ОО", "Аналитическая записка"),
]  # fmt: skip


@dataclass(frozen=True)
class Sizes:
    """How much of everything the scale asks for."""

    municipalities: int
    organizations: int
    people: int
    reservists: int

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        return cls(
            municipalities=max(2, round(2 * scale)),
            organizations=max(2, round(100 * scale)),
            people=round(5000 * scale),
            reservists=round(1000 * scale),
        )


def split(total: int, parts: int) -> list[int]:
    """`total` over `parts`: the first part a quarter, the rest evenly."""
    first = round(total / 4)
    rest, extra = divmod(total - first, parts - 1)
    return [first] + [rest + (1 if i < extra else 0) for i in range(parts - 1)]


def bulk(model: type[models.Model], rows: list[Any]) -> list[Any]:
    """Insert the rows in batches; the primary keys are set on them."""
    model._default_manager.bulk_create(rows, batch_size=BATCH)
    return rows


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows given as {attname: value} (the rest take the fields' defaults,
    timestamps now); no primary keys come back. On PostgreSQL through COPY, which
    is several times faster than bulk_create (the plan items are most of the
    data); elsewhere through bulk_create."""
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            [model(**row) for row in rows], batch_size=BATCH
        )
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in fields
    }
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            values = (row.get(f.attname, defaults[f.attname]) for f in fields)
            # psycopg writes an Enum by its name: write the choices' values.
            copy.write_row([v.value if isinstance(v, Enum) else v for v in values])


def person_name(n: int) -> tuple[str, str, str]:
    """A deterministic Russian full name for the n-th person."""
    surname = SURNAMES[n % len(SURNAMES)]
    father = FATHERS[(n // 7) % len(FATHERS)]
    if n % 3 == 0:
        return surname, MALE_NAMES[(n // 3) % len(MALE_NAMES)], f"{father}ич"
    female = surname[:-1] + "а" if surname.endswith("ий") else surname + "а"
    name = FEMALE_NAMES[(n // 3) % len(FEMALE_NAMES)]
    return female, name, f"{father}на"


def at_ten(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))
