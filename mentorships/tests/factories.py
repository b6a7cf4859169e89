from datetime import date
from decimal import Decimal

import factory

from mentorships.models import MentorOrder, MentorReadiness, Mentorship
from organizations.tests.factories import OrganizationFactory
from people.tests.factories import PersonFactory, PositionFactory
from reserve.tests.factories import ReserveEntryFactory


class EligibleMentorFactory(PersonFactory):
    """A person who meets clause 6: administrative, experienced, ready."""

    class Meta:
        skip_postgeneration_save = True

    position = factory.SubFactory(
        PositionFactory,
        municipality=factory.SelfAttribute("..organization.municipality"),
        name="Заместитель директора",
        is_administrative=True,
    )
    management_experience = Decimal("10")
    readiness = factory.RelatedFactory(
        "mentorships.tests.factories.MentorReadinessFactory",
        factory_related_name="person",
    )


class MentorReadinessFactory(factory.django.DjangoModelFactory[MentorReadiness]):
    class Meta:
        model = MentorReadiness

    person = factory.SubFactory(PersonFactory)
    confirmed_on = date(2026, 9, 1)


class MentorOrderFactory(factory.django.DjangoModelFactory[MentorOrder]):
    class Meta:
        model = MentorOrder

    organization = factory.SubFactory(OrganizationFactory)
    number = factory.Sequence(lambda n: f"{n + 1}-н")
    date = date(2026, 9, 10)
    signatory_name = "Кузнецов Андрей Петрович"
    signatory_position = "Директор"


class MentorshipFactory(factory.django.DjangoModelFactory[Mentorship]):
    """An active mentorship by a registered order (pass status for others)."""

    class Meta:
        model = Mentorship

    reserve_entry = factory.SubFactory(ReserveEntryFactory)
    mentor = factory.SubFactory(
        EligibleMentorFactory,
        organization=factory.SelfAttribute("..reserve_entry.person.organization"),
    )
    order = factory.SubFactory(
        MentorOrderFactory,
        organization=factory.SelfAttribute("..reserve_entry.person.organization"),
        status=MentorOrder.Status.REGISTERED,
    )
    starts_on = date(2026, 9, 10)
    planned_end_on = date(2027, 9, 10)
    status = Mentorship.Status.ACTIVE
