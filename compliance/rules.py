"""The regulation's obligations toward each reservist, and when each falls due.

One rule per obligation of «Положение об организации наставничества в системе
подготовки резерва управленческих кадров» (../shared/regulation.ru.md), in the
order of the regulation. Each rule says in SQL, for a reserve entry, whether the
obligation is **met** (`met`) and whether it is **overdue** (`overdue`: not met
and its term has run out); anything else is **not yet due**. The same
expressions filter the compliance table (compliance.queries) and fill its cells,
so the table and its filters never disagree. `due_on` says, from the facts the
rule fetched, the date the obligation fell or falls due; `target` names the
thing the cell links to (the page checks the viewer may open it).

Where the regulation names no term, the terms below are the product's,
documented here and in the README; they run from the reservist's inclusion in
the reserve or from the start of their current mentorship («current»: the
newest active or ended mentorship, i.e. one set by a registered order). Terms
the coordinator sets elsewhere are used as they are: the deadlines of the plan's
items and of study assignments, the dates of the attestation sessions, the
planned end of the mentorship.

Public API (used by the compliance table and open to other readers such as the
coordinator's overview): `RULES`, `RULES_BY_KEY`, `Rule`, `Status`, `aliases`,
`status_of`, `with_status`, `any_with_status`, `point_dates`, and each rule's `met`, `overdue`, `due_on`,
`target`, `fact_names`."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models
from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from attestation.models import Attestation
from competencies.models import Assessment
from competencies.queries import START_ASSESSMENT_AFTER
from competencies.queries import point_dates as competency_point_dates
from consultations.models import Consultation
from events.models import Involvement
from internships.models import Internship
from mentorships.models import Mentorship
from plan_reports.models import PlanReport
from plans.models import IndividualPlan, PlanFormVersion, PlanItem
from studies.models import StudyAssignment

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Terms of the product where the regulation names none (days).
MENTOR_APPOINTMENT_DAYS = 30  # cl. 5: an order within a month of inclusion
PLAN_APPROVAL_DAYS = 30  # 8.1: the plan approved within a month of the start
EVENT_DAYS = 180  # 8.2: the first event within half a year of the start
INTERNSHIP_DAYS = 90  # 8.3: form and dates set within three months
CONSULTATION_INTERVAL_DAYS = 90  # 8.4–8.7: a consultation at least each quarter
LEGAL_ACTS_DAYS = 60  # 8.8: the first act assigned within two months
# cl. 2–3: the starting point within a month (competencies.queries.point_dates)
START_ASSESSMENT_DAYS = START_ASSESSMENT_AFTER.days
INVITATION_DAYS_BEFORE = 7  # 8.9: the mentor invited a week before the session
ATTESTATION_DAYS_AFTER_END = 60  # the attestation within two months of the end


class Status(models.TextChoices):
    MET = "met", pgettext_lazy("compliance", "met")
    NOT_DUE = "not_due", pgettext_lazy("compliance", "not yet due")
    OVERDUE = "overdue", pgettext_lazy("compliance", "overdue")


# The mentorship statuses of one set by a registered order.
SET_BY_ORDER = (Mentorship.Status.ACTIVE, Mentorship.Status.ENDED)
PLAN_IN_FORCE = (IndividualPlan.Status.APPROVED, IndividualPlan.Status.COMPLETED)
OPEN_STUDY = (StudyAssignment.Status.ASSIGNED, StudyAssignment.Status.STUDIED)
CHECKED_STUDY = (StudyAssignment.Status.PASSED, StudyAssignment.Status.FAILED)
REPORT_GIVEN = (PlanReport.Status.SUBMITTED, PlanReport.Status.ACCEPTED)


def _of_entry(model: type[models.Model], path: str = "reserve_entry") -> QuerySet:
    """The model's rows of the outer reserve entry."""
    return model._default_manager.filter(**{path: OuterRef("pk")})


def _current_mentorships() -> QuerySet[Mentorship]:
    """The entry's mentorships set by a registered order, the newest first: the
    first is the entry's current mentorship."""
    return (
        _of_entry(Mentorship)
        .filter(status__in=SET_BY_ORDER)
        .order_by("-starts_on", "-pk")
    )


def _first(rows: QuerySet, field: str) -> Subquery:
    return Subquery(rows.values(field)[:1])


# Facts several rules share: the current mentorship, its start and planned end.
SHARED: dict[str, Any] = {
    "c_mentorship": _first(_current_mentorships(), "pk"),
    "c_start": _first(_current_mentorships(), "starts_on"),
    "c_end": _first(_current_mentorships(), "planned_end_on"),
}


def _after(day: date | None, days: int) -> date | None:
    return None if day is None else day + timedelta(days=days)


class Rule:
    """One obligation: its key (the table's column and the filter's value), the
    clause, the column's title; `met`, `overdue` in SQL over the aliases the rule
    adds (`aliases`), `due_on` in Python over the facts it fetches."""

    key: ClassVar[str]
    clause: ClassVar[str]
    title: ClassVar["StrOrPromise"]
    # What a cell links to: "order", "person", "plan", "event", "internship",
    # "consultation", "study", "competencies", "attestation", "report".
    target_kind: ClassVar[str]

    def aliases(self, today: date) -> dict[str, Any]:
        """The rule's own expressions over a reserve entry, by alias."""
        raise NotImplementedError

    @property
    def fact_names(self) -> list[str]:
        """The aliases due_on reads (fetched for the page's cells)."""
        return []

    def met(self, today: date) -> Q:
        raise NotImplementedError

    def overdue(self, today: date) -> Q:
        raise NotImplementedError

    def due_on(self, facts: Mapping[str, Any], status: str) -> date | None:
        """The date the obligation fell due (met, overdue) or falls due (not yet
        due); None when nothing sets it yet."""
        raise NotImplementedError

    def target(self) -> Subquery:
        """The id of the thing the cell links to (of `target_kind`)."""
        raise NotImplementedError

    @property
    def target_alias(self) -> str:
        return f"{self.key}__target"


class TermRule(Rule):
    """An obligation to be met within `term_days` of a start (`start` alias):
    overdue once that day has passed unmet."""

    term_days: ClassVar[int]
    start: ClassVar[str]

    @property
    def fact_names(self) -> list[str]:
        return [self.start]

    def overdue(self, today: date) -> Q:
        cutoff = today - timedelta(days=self.term_days)
        return ~self.met(today) & Q(**{f"{self.start}__lt": cutoff})

    def due_on(self, facts: Mapping[str, Any], status: str) -> date | None:
        return _after(facts[self.start], self.term_days)


class MentorAppointed(TermRule):
    """Cl. 5: «Наставники утверждаются приказом руководителя образовательного
    учреждения.»

    Met while the reservist has a mentorship made active by a registered order
    (or one completed); due `MENTOR_APPOINTMENT_DAYS` after the inclusion in the
    reserve. A mentor pending a draft order, or replaced and not yet followed
    by a registered order, does not count. Links to the newest order."""

    key = "mentor_appointed"
    clause = "5"
    title = _("Mentor appointed by a registered order")
    target_kind = "order"
    term_days = MENTOR_APPOINTMENT_DAYS
    start = "included_on"

    def aliases(self, today: date) -> dict[str, Any]:
        appointed = _of_entry(Mentorship).filter(
            Q(status=Mentorship.Status.ACTIVE)
            | Q(
                status=Mentorship.Status.ENDED,
                end_reason=Mentorship.EndReason.COMPLETED,
            )
        )
        return {"mentor_appointed__met": Exists(appointed)}

    def met(self, today: date) -> Q:
        return Q(mentor_appointed__met=True)

    def target(self) -> Subquery:
        return _first(_of_entry(Mentorship).order_by("-starts_on", "-pk"), "order_id")


class MentorEligible(TermRule):
    """Cl. 6: «Наставники назначаются из числа администрации образовательных
    организаций, обладающих значительным профессиональным опытом, способностью и
    готовностью делиться своим опытом с потенциальными управленцами.»

    Met when the current mentor holds an administrative position, has the
    management experience the coordinator set for the municipality and has
    confirmed readiness; due from the first day of the mentorship (not due
    without one). Links to the mentor's card."""

    key = "mentor_eligible"
    clause = "6"
    title = _("Mentor eligible")
    target_kind = "person"
    term_days = 0
    start = "c_start"

    def aliases(self, today: date) -> dict[str, Any]:
        eligible = Mentorship.objects.filter(
            pk=OuterRef("c_mentorship"),
            mentor__position__is_administrative=True,
            mentor__management_experience__gte=F("municipality__mentor_min_experience"),
            mentor__mentor_readiness__isnull=False,
        )
        return {**SHARED, "mentor_eligible__met": Exists(eligible)}

    def met(self, today: date) -> Q:
        return Q(mentor_eligible__met=True)

    def target(self) -> Subquery:
        return _first(_current_mentorships(), "mentor_id")


class PlanApproved(TermRule):
    """8.1: «принимает участие в разработке плана индивидуальной подготовки
    резервиста по утвержденной форме …»

    Met when a plan of the reservist on an approved version of the plan form is
    approved (or completed); due `PLAN_APPROVAL_DAYS` after the start of the
    current mentorship. Links to the newest plan."""

    key = "plan_approved"
    clause = "8.1"
    title = _("Plan on the approved form approved")
    target_kind = "plan"
    term_days = PLAN_APPROVAL_DAYS
    start = "c_start"

    def aliases(self, today: date) -> dict[str, Any]:
        approved = _of_entry(IndividualPlan).filter(
            status__in=PLAN_IN_FORCE,
            form_version__status=PlanFormVersion.Status.APPROVED,
        )
        return {**SHARED, "plan_approved__met": Exists(approved)}

    def met(self, today: date) -> Q:
        return Q(plan_approved__met=True)

    def target(self) -> Subquery:
        return _first(_of_entry(IndividualPlan).order_by("-period_start", "-pk"), "pk")


class PlanItemsOnTime(Rule):
    """8.1: «… контролирует своевременное его выполнение».

    The items of the reservist's plans in force (approved or completed), but
    the cancelled: overdue while an open item (planned, in progress) is past its
    deadline — the deadline the mentor and the reservist set —; met once some
    deadline has passed and none is overdue (items done late count as done);
    not yet due before the first deadline. The date: the earliest overdue
    deadline, else the first deadline. Links to the newest plan in force."""

    key = "plan_items"
    clause = "8.1"
    title = _("Plan items on time")
    target_kind = "plan"

    @staticmethod
    def _items() -> QuerySet[PlanItem]:
        return (
            _of_entry(PlanItem, "plan__reserve_entry")
            .filter(plan__status__in=PLAN_IN_FORCE)
            .exclude(status=PlanItem.Status.CANCELLED)
        )

    def aliases(self, today: date) -> dict[str, Any]:
        items = self._items()
        open_items = items.filter(status__in=PlanItem.OPEN)
        return {
            "plan_items__late": Exists(open_items.filter(deadline__lt=today)),
            "plan_items__came_due": Exists(items.filter(deadline__lt=today)),
            "plan_items__first": _first(items.order_by("deadline"), "deadline"),
            "plan_items__first_open": _first(
                open_items.order_by("deadline"), "deadline"
            ),
        }

    @property
    def fact_names(self) -> list[str]:
        return ["plan_items__first", "plan_items__first_open"]

    def met(self, today: date) -> Q:
        return Q(plan_items__came_due=True, plan_items__late=False)

    def overdue(self, today: date) -> Q:
        return Q(plan_items__late=True)

    def due_on(self, facts: Mapping[str, Any], status: str) -> date | None:
        if status == Status.OVERDUE:
            return facts["plan_items__first_open"]
        return facts["plan_items__first"]

    def target(self) -> Subquery:
        plans = _of_entry(IndividualPlan).filter(status__in=PLAN_IN_FORCE)
        return _first(plans.order_by("-period_start", "-pk"), "pk")


class EventParticipation(TermRule):
    """8.2: «привлекает резервиста к участию в проводимых им служебных
    совещаниях, семинарах, конференциях и других мероприятиях, определяет сроки
    и степень участия резервиста в данных мероприятиях».

    Met by one event with a degree of participation that the reservist has not
    declined nor missed; due `EVENT_DAYS` after the start of the current
    mentorship. Links to the newest such event."""

    key = "event"
    clause = "8.2"
    title = _("Event with a degree of participation")
    target_kind = "event"
    term_days = EVENT_DAYS
    start = "c_start"

    @staticmethod
    def _involvements() -> QuerySet[Involvement]:
        return (
            _of_entry(Involvement)
            .exclude(status=Involvement.Status.DECLINED)
            .exclude(attendance=Involvement.Attendance.ABSENT)
        )

    def aliases(self, today: date) -> dict[str, Any]:
        return {**SHARED, "event__met": Exists(self._involvements())}

    def met(self, today: date) -> Q:
        return Q(event__met=True)

    def target(self) -> Subquery:
        newest = self._involvements().order_by("-event__starts_at", "-pk")
        return _first(newest, "event_id")


class InternshipSet(TermRule):
    """8.3: «участвует в определении формы и сроков стажировки резервиста».

    Met once an internship of the reservist has its form and dates (every
    internship has both); due `INTERNSHIP_DAYS` after the start of the current
    mentorship. Links to the newest internship."""

    key = "internship"
    clause = "8.3"
    title = _("Internship form and dates set")
    target_kind = "internship"
    term_days = INTERNSHIP_DAYS
    start = "c_start"

    def aliases(self, today: date) -> dict[str, Any]:
        return {**SHARED, "internship__met": Exists(_of_entry(Internship))}

    def met(self, today: date) -> Q:
        return Q(internship__met=True)

    def target(self) -> Subquery:
        return _first(_of_entry(Internship).order_by("-starts_on", "-pk"), "pk")


class ConsultationsHeld(TermRule):
    """8.4–8.7: «оказывает всестороннюю помощь и поддержку резервисту …,
    передает резервисту накопленный опыт …, помогает выстраивать деловые
    взаимоотношения …, способствует развитию … качеств».

    The mentor consults the reservist at least every
    `CONSULTATION_INTERVAL_DAYS` days: met while a consultation of the current
    mentorship was held within that many days; due that many days after the
    last one held (after the start of the mentorship before the first). Links
    to the last consultation held."""

    key = "consultations"
    clause = "8.4–8.7"
    title = _("Consultations held")
    target_kind = "consultation"
    term_days = CONSULTATION_INTERVAL_DAYS
    start = "consultations__since"

    @staticmethod
    def _held(today: date) -> QuerySet[Consultation]:
        return Consultation.objects.filter(
            mentorship_id=OuterRef("c_mentorship"),
            status=Consultation.Status.HELD,
            held_on__lte=today,
        )

    def aliases(self, today: date) -> dict[str, Any]:
        held = self._held(today)
        since = today - timedelta(days=self.term_days)
        last = _first(held.order_by("-held_on"), "held_on")
        return {
            **SHARED,
            "consultations__met": Exists(held.filter(held_on__gte=since)),
            "consultations__since": Coalesce(last, F("c_start")),
        }

    def met(self, today: date) -> Q:
        return Q(consultations__met=True)

    def target(self) -> Subquery:
        held = Consultation.objects.filter(
            mentorship_id=OuterRef("c_mentorship"), status=Consultation.Status.HELD
        )
        return _first(held.order_by("-held_on", "-pk"), "pk")


class LegalActsChecked(Rule):
    """8.8: «дает поручения по изучению необходимых нормативных правовых актов,
    проверяет знания и их применение в практической деятельности».

    Overdue while an assignment waits for a re-check (a new edition of its act),
    while an open assignment is past its deadline, or when no act was assigned
    `LEGAL_ACTS_DAYS` after the start of the current mentorship; met once a
    check is done (passed or failed) and nothing is overdue. The date: the
    earliest deadline of an open assignment, else the term of the first
    assignment. Links to the assignment to act on (re-check, open), else the
    newest."""

    key = "legal_acts"
    clause = "8.8"
    title = _("Legal acts checked, none awaiting a re-check")
    target_kind = "study"
    term_days = LEGAL_ACTS_DAYS

    @staticmethod
    def _assignments() -> QuerySet[StudyAssignment]:
        return _of_entry(StudyAssignment, "mentorship__reserve_entry")

    def aliases(self, today: date) -> dict[str, Any]:
        given = self._assignments()
        unfinished = given.filter(
            status__in=(*OPEN_STUDY, StudyAssignment.Status.RECHECK)
        )
        return {
            **SHARED,
            "legal_acts__any": Exists(given),
            "legal_acts__recheck": Exists(
                given.filter(status=StudyAssignment.Status.RECHECK)
            ),
            "legal_acts__late": Exists(
                given.filter(status__in=OPEN_STUDY, due_on__lt=today)
            ),
            "legal_acts__checked": Exists(given.filter(status__in=CHECKED_STUDY)),
            "legal_acts__first_open": _first(unfinished.order_by("due_on"), "due_on"),
        }

    @property
    def fact_names(self) -> list[str]:
        return ["legal_acts__first_open", "c_start"]

    def met(self, today: date) -> Q:
        return Q(
            legal_acts__checked=True,
            legal_acts__recheck=False,
            legal_acts__late=False,
        )

    def overdue(self, today: date) -> Q:
        cutoff = today - timedelta(days=self.term_days)
        return (
            Q(legal_acts__recheck=True)
            | Q(legal_acts__late=True)
            | Q(legal_acts__any=False, c_start__lt=cutoff)
        )

    def due_on(self, facts: Mapping[str, Any], status: str) -> date | None:
        return facts["legal_acts__first_open"] or _after(
            facts["c_start"], self.term_days
        )

    def target(self) -> Subquery:
        first = Case(
            When(status=StudyAssignment.Status.RECHECK, then=Value(0)),
            When(status__in=OPEN_STUDY, then=Value(1)),
            default=Value(2),
        )
        ordered = self._assignments().order_by(first, "-due_on", "-pk")
        return _first(ordered, "pk")


POINTS = (
    Assessment.Point.START,
    Assessment.Point.MIDDLE,
    Assessment.Point.END,
)


def point_dates(start: date | None, end: date | None) -> dict[str, date | None]:
    """When each point of assessment falls due for a mentorship from `start` to
    its planned `end`: the start `START_ASSESSMENT_DAYS` in, the middle half-way,
    the end on the planned end."""
    if start is None or end is None:
        return dict.fromkeys(POINTS)
    return dict(competency_point_dates(start, end))


class CompetencyAssessments(Rule):
    """Cl. 2–3: «формирования новых или развития имеющихся профессиональных и
    личностных качеств …», «содействие выработке ключевых компетенций
    руководителя образовательной организации».

    At the start, the middle and the end of the current mentorship the reservist
    assesses themselves and the mentor assesses the reservist (both count). The
    start is due `START_ASSESSMENT_DAYS` after the start, the middle half-way to
    the planned end, the end on the planned end (point_dates). Overdue while a
    point past its date lacks either assessment; met once the start is done and
    none is overdue. The date: the earliest point overdue, else the next point
    not done, else the end. Links to the reservist's competency profile."""

    key = "assessments"
    clause = "2–3"
    title = _("Competency assessments at the points due")
    target_kind = "competencies"

    @staticmethod
    def _count(point: str) -> Coalesce:
        done = Assessment.objects.filter(mentorship_id=OuterRef("pk"), point=point)
        counted = done.order_by().values("mentorship_id").annotate(n=Count("pk"))
        return Coalesce(Subquery(counted.values("n")[:1]), 0)

    def aliases(self, today: date) -> dict[str, Any]:
        mentorship = Mentorship.objects.filter(pk=OuterRef("c_mentorship")).annotate(
            n_start=self._count(Assessment.Point.START),
            n_middle=self._count(Assessment.Point.MIDDLE),
            n_end=self._count(Assessment.Point.END),
            to_end=ExpressionWrapper(
                F("planned_end_on") - Value(today), output_field=DurationField()
            ),
            from_start=ExpressionWrapper(
                Value(today) - F("starts_on"), output_field=DurationField()
            ),
        )
        start_cutoff = today - timedelta(days=START_ASSESSMENT_DAYS)
        late = mentorship.filter(
            Q(n_start__lt=2, starts_on__lt=start_cutoff)
            # Half-way is past when less of the term remains than has gone.
            | Q(n_middle__lt=2, to_end__lt=F("from_start"))
            | Q(n_end__lt=2, planned_end_on__lt=today)
        )
        return {
            **SHARED,
            "assessments__start_done": Exists(mentorship.filter(n_start__gte=2)),
            "assessments__late": Exists(late),
            "assessments__done": _first(
                mentorship.annotate(
                    done=F("n_start") * 100 + F("n_middle") * 10 + F("n_end")
                ),
                "done",
            ),
        }

    @property
    def fact_names(self) -> list[str]:
        return ["c_start", "c_end", "assessments__done"]

    def met(self, today: date) -> Q:
        return Q(assessments__start_done=True, assessments__late=False)

    def overdue(self, today: date) -> Q:
        return Q(assessments__late=True)

    def due_on(self, facts: Mapping[str, Any], status: str) -> date | None:
        dates = point_dates(facts["c_start"], facts["c_end"])
        code = facts["assessments__done"] or 0
        done = {
            Assessment.Point.START: code // 100 >= 2,
            Assessment.Point.MIDDLE: code // 10 % 10 >= 2,
            Assessment.Point.END: code % 10 >= 2,
        }
        undone = [d for p in POINTS if not done[p] and (d := dates[p]) is not None]
        if undone:
            return min(undone)
        return dates[Assessment.Point.END]

    def target(self) -> Subquery:
        # The profile lives at the entry's address; linked once a mentorship
        # set by an order exists.
        return _first(_current_mentorships(), "reserve_entry_id")


class MentorInvited(Rule):
    """8.9: «может присутствовать на заседании аттестационной комиссии при
    проведении аттестации резервиста».

    Every attestation of the reservist on a session of the commission has the
    mentor invited: overdue when one is not invited `INVITATION_DAYS_BEFORE`
    days before its session; met once every one is invited (not due while none
    is scheduled). Links to the attestation."""

    key = "mentor_invited"
    clause = "8.9"
    title = _("Mentor invited to the attestation")
    target_kind = "attestation"

    @staticmethod
    def _uninvited() -> QuerySet[Attestation]:
        return _of_entry(Attestation).filter(invitation=Attestation.Invitation.NONE)

    def aliases(self, today: date) -> dict[str, Any]:
        uninvited = self._uninvited()
        cutoff = today + timedelta(days=INVITATION_DAYS_BEFORE)
        return {
            "mentor_invited__any": Exists(_of_entry(Attestation)),
            "mentor_invited__missing": Exists(uninvited),
            "mentor_invited__late": Exists(uninvited.filter(session__date__lt=cutoff)),
            "mentor_invited__session": Coalesce(
                _first(uninvited.order_by("session__date"), "session__date"),
                _first(
                    _of_entry(Attestation).order_by("-session__date"), "session__date"
                ),
            ),
        }

    @property
    def fact_names(self) -> list[str]:
        return ["mentor_invited__session"]

    def met(self, today: date) -> Q:
        return Q(mentor_invited__any=True, mentor_invited__missing=False)

    def overdue(self, today: date) -> Q:
        return Q(mentor_invited__late=True)

    def due_on(self, facts: Mapping[str, Any], status: str) -> date | None:
        return _after(facts["mentor_invited__session"], -INVITATION_DAYS_BEFORE)

    def target(self) -> Subquery:
        ordered = _of_entry(Attestation).order_by("-session__date", "-pk")
        return _first(ordered, "pk")


class ReportSubmitted(TermRule):
    """8.10: «совместно готовят отчёт по выполнению индивидуального плана
    резервиста».

    Met once a joint report on a plan of the reservist is submitted (or
    accepted); due on the last day of the newest plan's period. Links to the
    newest report."""

    key = "report"
    clause = "8.10"
    title = _("Joint report submitted")
    target_kind = "report"
    term_days = 0
    start = "report__plan_end"

    def aliases(self, today: date) -> dict[str, Any]:
        reports = _of_entry(PlanReport, "plan__reserve_entry")
        plans = _of_entry(IndividualPlan).order_by("-period_start", "-pk")
        return {
            "report__met": Exists(reports.filter(status__in=REPORT_GIVEN)),
            "report__plan_end": _first(plans, "period_end"),
        }

    def met(self, today: date) -> Q:
        return Q(report__met=True)

    def target(self) -> Subquery:
        reports = _of_entry(PlanReport, "plan__reserve_entry")
        return _first(reports.order_by("-plan__period_start", "-pk"), "pk")


class AttestationHeld(Rule):
    """8.9: «… при проведении аттестации резервиста».

    The attestation commission hears the reservist: met once an attestation of
    theirs is held; overdue when a session they were put on has passed without
    it, or `ATTESTATION_DAYS_AFTER_END` days after the planned end of the
    current mentorship. Links to the newest attestation."""

    key = "attestation"
    clause = "8.9"
    title = _("Attestation held")
    target_kind = "attestation"

    def aliases(self, today: date) -> dict[str, Any]:
        scheduled = _of_entry(Attestation).filter(status=Attestation.Status.SCHEDULED)
        return {
            **SHARED,
            "attestation__met": Exists(
                _of_entry(Attestation).filter(status=Attestation.Status.HELD)
            ),
            "attestation__missed": Exists(scheduled.filter(session__date__lt=today)),
            "attestation__session": _first(
                scheduled.order_by("session__date"), "session__date"
            ),
        }

    @property
    def fact_names(self) -> list[str]:
        return ["attestation__session", "c_end"]

    def met(self, today: date) -> Q:
        return Q(attestation__met=True)

    def overdue(self, today: date) -> Q:
        cutoff = today - timedelta(days=ATTESTATION_DAYS_AFTER_END)
        return ~self.met(today) & (Q(attestation__missed=True) | Q(c_end__lt=cutoff))

    def due_on(self, facts: Mapping[str, Any], status: str) -> date | None:
        dates = [
            d
            for d in (
                facts["attestation__session"],
                _after(facts["c_end"], ATTESTATION_DAYS_AFTER_END),
            )
            if d is not None
        ]
        return min(dates) if dates else None

    def target(self) -> Subquery:
        ordered = _of_entry(Attestation).order_by("-session__date", "-pk")
        return _first(ordered, "pk")


RULES: tuple[Rule, ...] = (
    MentorAppointed(),
    MentorEligible(),
    PlanApproved(),
    PlanItemsOnTime(),
    EventParticipation(),
    InternshipSet(),
    ConsultationsHeld(),
    LegalActsChecked(),
    CompetencyAssessments(),
    MentorInvited(),
    ReportSubmitted(),
    AttestationHeld(),
)
RULES_BY_KEY = {rule.key: rule for rule in RULES}


def status_of(rule: Rule, today: date) -> Case:
    """The rule's Status of an entry, in SQL (over the rule's aliases): never
    NULL, so that «not yet due» is simply neither met nor overdue."""
    return Case(
        When(rule.met(today), then=Value(Status.MET.value)),
        When(rule.overdue(today), then=Value(Status.OVERDUE.value)),
        default=Value(Status.NOT_DUE.value),
        output_field=models.CharField(),
    )


def aliases(rules: Sequence[Rule], today: date) -> dict[str, Any]:
    """Every alias the rules need, once each, and `<key>__status` of each rule
    (pass to QuerySet.alias or annotate)."""
    found: dict[str, Any] = {}
    for rule in rules:
        found.update(rule.aliases(today))
    for rule in rules:
        found[status_alias(rule)] = status_of(rule, today)
    return found


def status_alias(rule: Rule) -> str:
    return f"{rule.key}__status"


def with_status(rule: Rule, status: str, today: date) -> Q:
    """The entries whose obligation under `rule` has `status` (over `aliases`):
    met and overdue by the rule's own conditions (which PostgreSQL evaluates
    much faster than the CASE), not yet due by the CASE of `status_of`."""
    if status == Status.MET:
        return rule.met(today)
    if status == Status.OVERDUE:
        return rule.overdue(today)
    return Q(**{status_alias(rule): status})


def any_with_status(status: str, today: date, rules: Sequence[Rule] = RULES) -> Q:
    """The entries with at least one of the obligations in `status`; for «met»,
    those whose every obligation is met (over `aliases`)."""
    found = Q()
    for rule in rules:
        if status == Status.MET:
            found &= with_status(rule, status, today)
        else:
            found |= with_status(rule, status, today)
    return found


@dataclass(frozen=True)
class Cell:
    """One obligation of one reservist: its status, the date it fell or falls
    due, and what it links to (None when the viewer may not open it)."""

    rule: Rule
    status: str
    due_on: date | None
    url: str | None

    @property
    def label(self) -> str:
        return str(Status(self.status).label)
