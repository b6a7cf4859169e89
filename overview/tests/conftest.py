"""A municipality's worth of facts for the overview, on 20 November 2026 (the
default period is the year 2026): `build(organization, n)` adds n reservists,
each with a mentor, a plan of six items (one of each outcome and one due next
year), an internship in October, a study of an act and an attestation decided in
the period; plus reservists appointed within and after their term and an
excluded one."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from accounts.tests.factories import UserFactory
from attestation.models import Attestation
from attestation.tests.factories import make_commission, make_session
from competencies import services as competency_services
from competencies.services import RatingData
from events import services as event_services
from events.models import EventKind
from events.services import EventData
from internships.tests.factories import make_internship
from legal_acts.tests.conftest import make_act
from organizations.models import Organization
from plans.models import PlanItem
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_mentorship,
)
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory
from studies import services as study_services
from studies.models import StudyAssignment

TODAY = date(2026, 11, 20)

DONE, PLANNED, NOT_DONE = (
    PlanItem.Status.DONE,
    PlanItem.Status.PLANNED,
    PlanItem.Status.NOT_DONE,
)
# deadline, status, done on: on time, late, not done, overdue, not yet due,
# and one due after the period.
ITEMS = [
    (date(2026, 10, 1), DONE, date(2026, 9, 25)),
    (date(2026, 10, 1), DONE, date(2026, 10, 5)),
    (date(2026, 10, 10), NOT_DONE, None),
    (date(2026, 10, 15), PLANNED, None),
    (date(2026, 12, 15), PLANNED, None),
    (date(2027, 2, 1), PLANNED, None),
]


@pytest.fixture(autouse=True)
def today():
    noon = datetime(2026, 11, 20, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


def build(organization: Organization, n: int) -> list[ReserveEntry]:
    """n reservists of the organisation with everything the overview counts."""
    act = make_act(organization.municipality, number=f"{organization.pk}-ФЗ")
    entries = []
    for _i in range(n):
        mentorship = make_mentorship(organization=organization)
        entry = mentorship.reserve_entry
        entries.append(entry)
        plan = IndividualPlanFactory.create(reserve_entry=entry)
        for deadline, status, done_on in ITEMS:
            PlanItemFactory.create(
                plan=plan,
                deadline=deadline,
                status=status,
                done_on=done_on,
                not_done_reason="Болезнь" if status == NOT_DONE else "",
            )
        make_internship(
            mentorship=mentorship,
            starts_on=date(2026, 10, 1),
            ends_on=date(2026, 10, 20),
        )
        assignment = study_services.assign(
            mentorship=mentorship,
            act=act,
            by=None,
            aim="Знать права руководителя",
            due_on=date(2026, 12, 1),
            check_method=StudyAssignment.CheckMethod.INTERVIEW,
            articles="",
        )
        StudyAssignment.objects.filter(pk=assignment.pk).update(
            status=StudyAssignment.Status.PASSED
        )
    return entries


def decide(entries: list[ReserveEntry], decision: str, day: date) -> None:
    """The entries attested at a session in the period, with this decision."""
    municipality = entries[0].person.organization.municipality
    if not hasattr(municipality, "commission"):
        make_commission(municipality, [])
    session = make_session(municipality, entries, on=day)
    Attestation.objects.filter(session=session).update(
        status=Attestation.Status.HELD,
        decision=decision,
        decided_at=timezone.make_aware(datetime.combine(day, datetime.min.time())),
    )


def appoint(organization: Organization, *, in_term: bool) -> ReserveEntry:
    """A reservist appointed in October 2026, within the term or after it."""
    included = date(2026, 1, 10)
    term = date(2026, 12, 31) if in_term else date(2026, 9, 30)
    entry = ReserveEntryFactory.create(
        person__organization=organization, included_on=included, term_until=term
    )
    ReserveEntry.objects.filter(pk=entry.pk).update(
        status=ReserveEntry.Status.APPOINTED,
        appointed_on=date(2026, 10, 10),
        appointed_position="Директор",
    )
    return entry


def make_event(organization: Organization, day: date, title: str = "Семинар"):
    tz = ZoneInfo("Asia/Tomsk")
    municipality = organization.municipality
    data = EventData(
        kind=EventKind.objects.filter(municipality=municipality).earliest("pk"),
        title=title,
        starts_at=datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=10),
        ends_at=datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=12),
        place="Актовый зал",
    )
    return event_services.create_event(
        data=data, organization=None, municipality=municipality, by=None
    )


def assess(entry: ReserveEntry, point: str, role: str, level: int) -> None:
    """An assessment of every competency at `level`."""
    mentorship = entry.mentorships.get()
    version = competency_services.current_version(mentorship.municipality)
    competency_services.submit_assessment(
        mentorship=mentorship,
        point=point,
        role=role,
        by=UserFactory.create(),
        ratings=[RatingData(c.pk, level) for c in version.competencies.all()],
    )


@pytest.fixture
def town(school, other_school, far_school):
    """Two reservists at «School», one at «Other school», one far away; two
    appointed (one within the term), one excluded, two attestations decided."""
    at_school = build(school, 2)
    build(other_school, 1)
    build(far_school, 1)
    appoint(school, in_term=True)
    appoint(other_school, in_term=False)
    excluded = ReserveEntryFactory.create(person__organization=other_school)
    ReserveEntry.objects.filter(pk=excluded.pk).update(
        status=ReserveEntry.Status.EXCLUDED, excluded_on=date(2026, 11, 1)
    )
    decide(at_school, Attestation.Decision.RECOMMENDED, date(2026, 11, 5))
    make_event(school, date(2026, 11, 25))
    make_event(school, date(2025, 11, 25), title="Прошлогодний семинар")
    make_event(far_school, date(2026, 11, 25))
    assess(at_school[0], "start", "self", 2)
    assess(at_school[0], "start", "mentor", 2)
    assess(at_school[1], "start", "mentor", 3)
    assess(at_school[0], "middle", "mentor", 4)
    return at_school
