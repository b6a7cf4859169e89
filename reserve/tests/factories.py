from datetime import date

import factory

from people.tests.factories import PersonFactory
from reserve.models import ReserveEntry, TargetPosition


class TargetPositionFactory(factory.django.DjangoModelFactory[TargetPosition]):
    class Meta:
        model = TargetPosition
        django_get_or_create = ("municipality", "name")

    municipality = factory.SubFactory(
        "organizations.tests.factories.MunicipalityFactory"
    )
    name = "Директор школы"


class ReserveEntryFactory(factory.django.DjangoModelFactory[ReserveEntry]):
    class Meta:
        model = ReserveEntry

    person = factory.SubFactory(PersonFactory)
    target_position = factory.SubFactory(
        TargetPositionFactory,
        municipality=factory.SelfAttribute("..person.organization.municipality"),
    )
    basis_number = factory.Sequence(lambda n: f"{n}-р")
    basis_date = date(2026, 9, 1)
    included_on = date(2026, 9, 1)
    term_until = date(2029, 9, 1)
