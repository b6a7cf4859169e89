"""Import files built in memory, and batches stored from them."""

from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from accounts.tests.factories import UserFactory
from imports.models import ImportBatch
from organizations.tests.factories import MunicipalityFactory

# The header rows of the templates, as the user sees them.
ORGANIZATION_HEADER = [
    "Краткое наименование*",
    "Полное наименование*",
    "Тип*",
    "ИНН",
    "Адрес",
    "Телефон",
    "E-mail",
]
PEOPLE_HEADER = [
    "Фамилия*",
    "Имя*",
    "Отчество",
    "Организация*",
    "Должность*",
    "В должности с",
    "Управленческий стаж (лет)",
    "Педагогический стаж (лет)",
    "E-mail",
    "Телефон",
]

RESERVE_HEADER = [
    "Фамилия*",
    "Имя*",
    "Отчество",
    "Организация*",
    "Целевая должность*",
    "Номер документа-основания*",
    "Дата документа-основания*",
    "Дата включения в резерв*",
    "Срок нахождения в резерве до",
]

LEGAL_ACTS_HEADER = [
    "Уровень*",
    "Тип*",
    "Номер",
    "Дата*",
    "Наименование*",
    "Орган, принявший акт*",
    "Ссылка на официальный источник",
    "Дата редакции",
    "Что изменилось",
]


def xlsx(rows: Iterable[Sequence[Any]], *, header: Sequence[Any] | None) -> bytes:
    """A one-sheet workbook: the header row (if any), then the rows."""
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet()
    if header is not None:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "import.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def organizations_file(rows: Iterable[Sequence[Any]]) -> SimpleUploadedFile:
    return upload(xlsx(rows, header=ORGANIZATION_HEADER), "organizations.xlsx")


def people_file(rows: Iterable[Sequence[Any]]) -> SimpleUploadedFile:
    return upload(xlsx(rows, header=PEOPLE_HEADER), "people.xlsx")


def reserve_file(rows: Iterable[Sequence[Any]]) -> SimpleUploadedFile:
    return upload(xlsx(rows, header=RESERVE_HEADER), "reserve.xlsx")


def legal_acts_file(rows: Iterable[Sequence[Any]]) -> SimpleUploadedFile:
    return upload(xlsx(rows, header=LEGAL_ACTS_HEADER), "legal-acts.xlsx")


class ImportBatchFactory(factory.django.DjangoModelFactory[ImportBatch]):
    """A previewed batch of organisations; pass `rows` to set its file's content."""

    class Meta:
        model = ImportBatch

    class Params:
        rows = [["Школа № 1", "Средняя школа № 1", "school"]]

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    kind = ImportBatch.Kind.ORGANIZATIONS
    original_name = "organizations.xlsx"
    file = factory.LazyAttribute(
        lambda o: upload(xlsx(o.rows, header=ORGANIZATION_HEADER), o.original_name)
    )
    n_rows = factory.LazyAttribute(lambda o: len(o.rows))
