from datetime import date
from decimal import Decimal

import factory

from mentorships.models import MentorReadiness
from people.tests.factories import PersonFactory, PositionFactory


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


class MentorReadinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorReadiness

    person = factory.SubFactory(PersonFactory)
    confirmed_on = date(2026, 9, 1)
