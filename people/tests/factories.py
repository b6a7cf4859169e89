from decimal import Decimal

import factory

from organizations.tests.factories import OrganizationFactory
from people.models import Person, Position


class PositionFactory(factory.django.DjangoModelFactory[Position]):
    class Meta:
        model = Position
        django_get_or_create = ("municipality", "name")

    municipality = factory.SubFactory(
        "organizations.tests.factories.MunicipalityFactory"
    )
    name = factory.Sequence(lambda n: f"Position {n}")
    is_administrative = False


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    organization = factory.SubFactory(OrganizationFactory)
    position = factory.SubFactory(
        PositionFactory,
        municipality=factory.SelfAttribute("..organization.municipality"),
    )
    last_name = factory.Sequence(lambda n: f"Surname{n}")
    first_name = "Name"
    middle_name = "Patronymic"
    management_experience = Decimal("0")
    teaching_experience = Decimal("5")
