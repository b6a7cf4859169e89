"""Factories of plan forms and individual plans.

A plan's mentorship is made the way the application makes it: a head's order
through `create_order`, then `register_order`."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from mentorships.models import MentorReadiness, Mentorship
from mentorships.services import OrderLine, create_order, register_order
from mentorships.tests.factories import EligibleMentorFactory
from organizations.models import Organization
from organizations.tests.factories import MunicipalityFactory, OrganizationFactory
from people.models import Person
from people.tests.factories import PersonFactory, PositionFactory
from plans.models import (
    DEFAULT_COLUMN_TITLES,
    DEFAULT_SECTIONS,
    Comment,
    IndividualPlan,
    PlanForm,
    PlanFormSection,
    PlanFormVersion,
    PlanItem,
    SuggestedItem,
)
from plans.services import current_form_version
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

PERIOD_START = date(2026, 9, 1)
PERIOD_END = date(2027, 8, 31)


class PlanFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanForm

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Plan form {n}")


class PlanFormVersionFactory(factory.django.DjangoModelFactory):
    """An approved version with the five default sections, each suggesting two
    activities: one a month from the start, one (section position + 1) months.

    `sections=["A", "B"]` names other sections, `sections__suggestions=False`
    leaves them empty, `status=PlanFormVersion.Status.DRAFT` makes a draft."""

    class Meta:
        model = PlanFormVersion
        skip_postgeneration_save = True

    form = factory.SubFactory(PlanFormFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = PlanFormVersion.Status.APPROVED
    column_titles = factory.LazyFunction(
        lambda: {k: str(v) for k, v in DEFAULT_COLUMN_TITLES.items()}
    )
    approval_document = factory.Maybe(
        "is_approved", "приказ Управления образования", ""
    )
    approval_number = factory.Maybe(
        "is_approved", factory.Sequence(lambda n: f"{n + 1}-о"), ""
    )
    approval_date = factory.Maybe("is_approved", date(2026, 8, 20), None)
    approved_at = factory.Maybe("is_approved", factory.LazyFunction(timezone.now), None)

    class Params:
        is_approved = factory.LazyAttribute(
            lambda o: o.status == PlanFormVersion.Status.APPROVED
        )

    @factory.post_generation
    def sections(
        obj: PlanFormVersion, create: bool, extracted: list[str] | None, **kwargs: Any
    ) -> None:
        if not create:
            return
        titles = extracted if extracted is not None else map(str, DEFAULT_SECTIONS)
        for position, title in enumerate(titles, start=1):
            section = PlanFormSection.objects.create(
                version=obj, position=position, title=title
            )
            if kwargs.get("suggestions", True):
                SuggestedItemFactory(section=section, position=1, months_from_start=1)
                SuggestedItemFactory(
                    section=section, position=2, months_from_start=position + 1
                )


class PlanFormSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanFormSection

    version = factory.SubFactory(PlanFormVersionFactory, sections=[])
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Section {n}")


class SuggestedItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuggestedItem

    section = factory.SubFactory(PlanFormSectionFactory)
    position = factory.Sequence(lambda n: n + 1)
    activity = factory.Sequence(lambda n: f"Suggested activity {n}")
    form_of_work = "Self-study"
    expected_result = "Notes"
    months_from_start = 1


def make_eligible(person: Person) -> Person:
    """Make a cast member (e.g. the `mentor` fixture's person) meet clause 6."""
    person.position = PositionFactory.create(
        municipality=person.organization.municipality,
        name="Заместитель директора",
        is_administrative=True,
    )
    person.management_experience = Decimal("10")
    person.save()
    MentorReadiness.objects.get_or_create(
        person=person, defaults={"confirmed_on": date(2026, 9, 1)}
    )
    return person


_order_numbers = iter(range(1, 1_000_000))


def make_mentorship(
    *,
    organization: Organization | None = None,
    mentor: Person | None = None,
    reservist: Person | None = None,
    entry: ReserveEntry | None = None,
    starts_on: date = date(2026, 9, 1),
) -> Mentorship:
    """An active mentorship made by a registered head's order."""
    if entry is None:
        organization = organization or (
            reservist.organization if reservist else OrganizationFactory.create()
        )
        entry = ReserveEntryFactory.create(
            person=reservist or PersonFactory.create(organization=organization)
        )
    organization = entry.person.organization
    mentor = mentor or EligibleMentorFactory.create(organization=organization)
    order = create_order(
        organization=organization,
        number=f"{next(_order_numbers)}-н",
        date=starts_on,
        signatory_name="Кузнецов Андрей Петрович",
        signatory_position="Директор",
        lines=[OrderLine(mentor, entry, starts_on, date(2029, 8, 31))],
    )
    register_order(order=order)
    return order.mentorships.get()


def _form_version_of(entry: ReserveEntry) -> PlanFormVersion:
    municipality = entry.person.organization.municipality
    return current_form_version(municipality.pk) or PlanFormVersionFactory.create(
        form__municipality=municipality
    )


class IndividualPlanFactory(factory.django.DjangoModelFactory):
    """A draft plan of a reservist with an active mentor, on the municipality's
    current approved form (made when there is none).

    `reservist=` / `mentor_person=` pick the people, `organization=` their
    workplace; `reserve_entry=` reuses a reservist who already has a mentor."""

    class Meta:
        model = IndividualPlan

    class Params:
        organization = None
        reservist = None
        mentor_person = None
        mentorship = factory.LazyAttribute(
            lambda o: make_mentorship(
                organization=o.organization,
                reservist=o.reservist,
                mentor=o.mentor_person,
            )
        )

    reserve_entry = factory.LazyAttribute(lambda o: o.mentorship.reserve_entry)
    mentor = factory.LazyAttribute(
        lambda o: (
            o.reserve_entry.mentorships.get(status=Mentorship.Status.ACTIVE).mentor
        )
    )
    form_version = factory.LazyAttribute(lambda o: _form_version_of(o.reserve_entry))
    period_start = PERIOD_START
    period_end = PERIOD_END
    status = IndividualPlan.Status.DRAFT


class PlanItemFactory(factory.django.DjangoModelFactory):
    """A planned row in the plan's first section, a month after the plan starts."""

    class Meta:
        model = PlanItem

    plan = factory.SubFactory(IndividualPlanFactory)
    section = factory.LazyAttribute(lambda o: o.plan.form_version.sections.first())
    position = factory.Sequence(lambda n: n + 1)
    activity = factory.Sequence(lambda n: f"Activity {n}")
    form_of_work = "Seminar"
    deadline = factory.LazyAttribute(lambda o: o.plan.period_start + timedelta(30))
    responsible = "Mentor"
    expected_result = "Report"
    status = PlanItem.Status.PLANNED


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    plan = factory.SubFactory(IndividualPlanFactory)
    text = factory.Sequence(lambda n: f"Comment {n}")
