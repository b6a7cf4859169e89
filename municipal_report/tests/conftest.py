"""Known data for the report of 2026 in «Town», built in units: every unit adds
the same facts, so the figures of n units are n times those of one, and the
number of queries can be compared at two sizes.

One unit, for the period 01.01.2026–31.12.2026 (drawn up on 04.12.2026):
- the reserve: А (in since 2025, stays), Б (included 2026, stays), В (in since
  2025, appointed 20.05.2026), Г (included 2026, excluded 01.08.2026), Д (left
  in 2025: not in the report), Е (included in 2027: not in it);
- mentors: М1 guides А (since 2025) and Б (since 2026), М2 guided Г until the
  exclusion;
- the plan of А for 2026 (approved): items done on time, done late, not done,
  overdue, not due yet, excluded (left out) and one due in 2027 (left out); a
  plan of В for 2027 (left out);
- an event of April 2026: А listened, Б spoke, Г declined; one in 2027;
- an internship of А in June 2026 (completed, «хорошо»), one of Б in 2027;
- checks of legal acts: А's passed (due 15.06.2026), А's assigned (due
  01.11.2026), А's due in 2027;
- a session of October 2026: А recommended (3 for, 1 against), Б not decided."""

import datetime
from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from accounts.services import issue_token
from attestation.models import Attestation
from attestation.tests.factories import ROLE, make_commission, make_session
from events.models import Event, Involvement
from internships.models import Internship
from internships.tests.factories import first_form
from legal_acts.models import LegalAct
from mentorships.models import Mentorship
from mentorships.tests.factories import EligibleMentorFactory, MentorshipFactory
from municipal_report.period import Period
from people.tests.factories import PersonFactory
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory
from studies.models import StudyAssignment

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))
TODAY = date(2026, 12, 4)


@dataclass
class Unit:
    a: ReserveEntry
    b: ReserveEntry
    c: ReserveEntry
    d: ReserveEntry


def _entry(school, name, included_on, **fields) -> ReserveEntry:
    person = PersonFactory.create(
        organization=school, last_name=name, first_name="Иван"
    )
    return ReserveEntryFactory.create(
        person=person,
        included_on=included_on,
        basis_date=included_on,
        term_until=included_on.replace(year=included_on.year + 3),
        **fields,
    )


def _aware(day: date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def build_unit(school, k: int, commission_ready: bool = False) -> Unit:
    """One unit of known facts; `k` tells the units' names and dates apart."""
    s = f"{k}" if k else ""
    municipality = school.municipality
    a = _entry(school, f"Андреев{s}", date(2025, 6, 1))
    b = _entry(school, f"Борисов{s}", date(2026, 3, 1))
    c = _entry(
        school,
        f"Васильев{s}",
        date(2025, 1, 10),
        status=ReserveEntry.Status.APPOINTED,
        appointed_on=date(2026, 5, 20),
        appointed_position="Директор МОУ «СОШ № 9»",
    )
    d = _entry(
        school,
        f"Григорьев{s}",
        date(2026, 2, 1),
        status=ReserveEntry.Status.EXCLUDED,
        excluded_on=date(2026, 8, 1),
        exclusion_reason="По собственному желанию",
    )
    _entry(
        school,
        f"Дмитриев{s}",
        date(2024, 1, 1),
        status=ReserveEntry.Status.EXCLUDED,
        excluded_on=date(2025, 12, 1),
        exclusion_reason="Переезд",
    )
    _entry(school, f"Егоров{s}", date(2027, 1, 15))

    m1 = EligibleMentorFactory.create(organization=school, last_name=f"Миронова{s}")
    m2 = EligibleMentorFactory.create(organization=school, last_name=f"Назарова{s}")
    ma = MentorshipFactory.create(
        reserve_entry=a, mentor=m1, starts_on=date(2025, 7, 1)
    )
    MentorshipFactory.create(reserve_entry=b, mentor=m1, starts_on=date(2026, 3, 10))
    MentorshipFactory.create(
        reserve_entry=d,
        mentor=m2,
        starts_on=date(2026, 2, 10),
        status=Mentorship.Status.ENDED,
        ended_on=date(2026, 8, 1),
        end_reason=Mentorship.EndReason.EXCLUDED,
    )

    plan = IndividualPlanFactory.create(
        reserve_entry=a,
        mentor=m1,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        status=IndividualPlan.Status.APPROVED,
        approved_at=_aware(date(2026, 1, 20), 10),
    )
    done = PlanItem.Status.DONE
    for deadline, status, done_on in [
        (date(2026, 3, 1), done, date(2026, 2, 20)),  # on time
        (date(2026, 3, 1), done, date(2026, 3, 10)),  # late
        (date(2026, 4, 1), PlanItem.Status.NOT_DONE, None),
        (date(2026, 5, 1), PlanItem.Status.PLANNED, None),  # overdue
        (date(2026, 12, 20), PlanItem.Status.IN_PROGRESS, None),  # not due yet
        (date(2026, 6, 1), PlanItem.Status.CANCELLED, None),  # left out
        (date(2027, 2, 1), done, date(2027, 1, 20)),  # due after the period
    ]:
        PlanItemFactory.create(
            plan=plan,
            deadline=deadline,
            status=status,
            done_on=done_on,
            not_done_reason="Перенесено" if status == PlanItem.Status.NOT_DONE else "",
        )
    IndividualPlanFactory.create(
        reserve_entry=c,
        mentor=m1,
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
    )

    kind = municipality.event_kinds.order_by("position", "pk").first()
    event = Event.objects.create(
        municipality=municipality,
        organization=school,
        kind=kind,
        title=f"Семинар руководителей{s}",
        starts_at=_aware(date(2026, 4, 10 + k % 15), 15),
        ends_at=_aware(date(2026, 4, 10 + k % 15), 17),
    )
    I = Involvement  # noqa: E741
    for entry, degree, answer, attendance in [
        (a, I.Degree.LISTENER, I.Status.ACCEPTED, I.Attendance.ATTENDED),
        (b, I.Degree.SPEAKER, I.Status.ACCEPTED, I.Attendance.ATTENDED),
        (d, I.Degree.PARTICIPANT, I.Status.DECLINED, I.Attendance.UNKNOWN),
    ]:
        Involvement.objects.create(
            event=event,
            reserve_entry=entry,
            degree=degree,
            status=answer,
            attendance=attendance,
        )
    later = Event.objects.create(
        municipality=municipality,
        kind=kind,
        title="Конференция 2027",
        starts_at=_aware(date(2027, 2, 1), 10),
        ends_at=_aware(date(2027, 2, 1), 12),
    )
    Involvement.objects.create(event=later, reserve_entry=a)

    supervisor = PersonFactory.create(organization=school, last_name=f"Орлова{s}")
    Internship.objects.create(
        reserve_entry=a,
        mentorship=ma,
        mentor=m1,
        form=first_form(school),
        host_organization=school,
        supervisor=supervisor,
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 6, 30),
        status=Internship.Status.COMPLETED,
        completed_on=date(2026, 6, 30),
        assessment=Internship.Assessment.GOOD,
    )
    Internship.objects.create(
        reserve_entry=b,
        mentorship=b.mentorships.get(),
        mentor=m1,
        form=first_form(school),
        host_organization=school,
        supervisor=supervisor,
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 3, 31),
    )

    act = LegalAct.objects.create(
        municipality=municipality,
        level=LegalAct.Level.FEDERAL,
        kind=LegalAct.Kind.FEDERAL_LAW,
        number="273-ФЗ",
        adopted_on=date(2012, 12, 29),
        title="Об образовании в Российской Федерации",
        issued_by="Государственная Дума",
    )
    S = StudyAssignment.Status
    for due_on, check_status, checked in [
        (date(2026, 6, 15), S.PASSED, _aware(date(2026, 6, 10), 12)),
        (date(2026, 11, 1), S.ASSIGNED, None),
        (date(2027, 3, 1), S.ASSIGNED, None),
    ]:
        StudyAssignment.objects.create(
            mentorship=ma,
            act=act,
            articles="ст. 28",
            aim="Знать компетенцию ОО",
            due_on=due_on,
            check_method=StudyAssignment.CheckMethod.INTERVIEW,
            status=check_status,
            checked_at=checked,
        )

    if not commission_ready:
        chair = PersonFactory.create(organization=school, last_name="Председатель")
        make_commission(municipality, [(chair, ROLE.CHAIR)], on=date(2025, 1, 1))
    session = make_session(municipality, [a, b], on=date(2026, 10, 1 + k % 28))
    Attestation.objects.filter(session=session, reserve_entry=a).update(
        status=Attestation.Status.HELD,
        decision=Attestation.Decision.RECOMMENDED,
        votes_for=3,
        votes_against=1,
    )
    return Unit(a, b, c, d)


@pytest.fixture
def unit(school):
    return build_unit(school, 0)


@pytest.fixture
def api_client():
    """`api_client(user)`: a client with the user's bearer token."""

    def make(user) -> Client:
        return Client(headers={"Authorization": f"Bearer {issue_token(user=user)}"})

    return make
