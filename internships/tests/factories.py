"""Internships made the way the application makes them: through the services."""

from datetime import date

from internships import services
from internships.models import Internship, InternshipForm
from mentorships.models import Mentorship
from organizations.models import Organization
from people.models import Person
from people.tests.factories import PersonFactory
from plans.models import PlanItem
from plans.tests.factories import make_mentorship

START, END = date(2027, 1, 10), date(2027, 2, 10)


def first_form(organization: Organization) -> InternshipForm:
    """The first form of the organisation's municipality's default catalogue."""
    return organization.municipality.internship_forms.order_by("position")[0]


def make_internship(
    *,
    mentorship: Mentorship | None = None,
    organization: Organization | None = None,
    host: Organization | None = None,
    supervisor: Person | None = None,
    starts_on: date = START,
    ends_on: date = END,
    plan_item: PlanItem | None = None,
) -> Internship:
    """A planned internship; a new mentorship in `organization` unless given."""
    if mentorship is None:
        mentorship = make_mentorship(organization=organization)
    organization = mentorship.reserve_entry.person.organization
    host = host or organization
    return services.create_internship(
        mentorship=mentorship,
        form=first_form(organization),
        host_organization=host,
        supervisor=supervisor or PersonFactory.create(organization=host),
        starts_on=starts_on,
        ends_on=ends_on,
        plan_item=plan_item,
    )
