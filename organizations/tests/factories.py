import factory

from organizations.models import Municipality, Organization


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Municipality {n}")
    authority_name = factory.LazyAttribute(lambda m: f"Education authority of {m.name}")
    place = "г. Город"


class OrganizationFactory(factory.django.DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Organization.Kind.SCHOOL
    short_name = factory.Sequence(lambda n: f"School {n}")
    full_name = factory.LazyAttribute(lambda o: f"Full name of {o.short_name}")
