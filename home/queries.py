"""The home page's figures: what each role card counts, in the user's scope.

Which cards and figures a user gets is asked of the permission predicates; the
counts themselves are real queries over the scoped querysets of each domain."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import User
from accounts.permissions import (
    acts_as_commission_member,
    acts_as_coordinator,
    acts_as_head,
    acts_as_mentor,
    acts_as_reservist,
    coordinated_municipality_ids,
    own_person_id,
    role_labels,
)
from attestation.permissions import (
    invitations,
    own_attestations,
    sessions_sitting_on,
)
from attestation.queries import (
    HomeAttestation,
    decisions_to_confirm,
    home_attestation,
)
from competencies.queries import DueAssessment, assessments_due
from consultations.queries import open_steps, requests_to_answer
from events.queries import attendance_to_mark, invitations_to_answer
from internships.permissions import may_view_supervised
from internships.queries import conclusions_to_write
from mentorships.models import MentorOrder, Mentorship
from mentorships.permissions import (
    may_view_mentors,
    may_view_own_mentees,
    may_view_own_mentor,
    visible_mentorships,
    visible_orders,
)
from mentorships.queries import my_reservists
from organizations.permissions import visible_organizations
from people.models import Person
from people.permissions import visible_people, visible_positions
from plan_reports.models import PlanReport
from plan_reports.permissions import (
    may_view_own_report,
    own_plans_to_report,
    own_reports,
    reports_to_agree,
)
from plan_reports.queries import reports_to_accept
from plans.models import IndividualPlan, PlanItem
from plans.permissions import may_view_own_plans, plans_mentored_now, visible_plans
from plans.queries import (
    Progress,
    awaiting_approval,
    comments_to_answer,
    current_plan_of,
    current_plans,
    items_due_between,
    items_to_confirm,
    next_items_of,
    overdue_items_of_mentees,
    segments,
)
from reserve.models import ReserveEntry
from reserve.permissions import visible_reserve_entries


@dataclass
class HomeCounts:
    """The registries' figures."""

    organizations: int
    people: int
    administrative_people: int
    positions: int


def home_counts(user: User | AnonymousUser) -> HomeCounts:
    """Real counts of what the user's scope holds (three queries)."""
    people = visible_people(user).aggregate(
        total=Count("pk"),
        administrative=Count("pk", filter=Q(position__is_administrative=True)),
    )
    return HomeCounts(
        organizations=visible_organizations(user).count(),
        people=people["total"],
        administrative_people=people["administrative"],
        positions=visible_positions(user).count() if acts_as_coordinator(user) else 0,
    )


@dataclass
class WorkSummary:
    """The figures of the reserve and mentorships."""

    reservists: int = 0
    without_mentor: int = 0
    mentors: int = 0
    draft_orders: int = 0
    my_mentorship: Mentorship | None = None


def work_summary(user: User | AnonymousUser) -> WorkSummary:
    """Real figures of the reserve and mentorships in scope (at most four
    queries); the mentor's reservists are listed by mentor_todo."""
    summary = WorkSummary()
    person_id = own_person_id(user)
    if may_view_mentors(user):
        has_mentor = Mentorship.objects.filter(
            reserve_entry=OuterRef("pk"), status=Mentorship.Status.ACTIVE
        )
        entries = (
            visible_reserve_entries(user)
            .active()
            .aggregate(
                total=Count("pk"), without=Count("pk", filter=~Exists(has_mentor))
            )
        )
        summary.reservists = entries["total"]
        summary.without_mentor = entries["without"]
        summary.mentors = (
            visible_mentorships(user).current().values("mentor_id").distinct().count()
        )
        summary.draft_orders = (
            visible_orders(user).filter(status=MentorOrder.Status.DRAFT).count()
        )
    # may_view_own_mentor() implies a linked person; mypy learns it from the check.
    if may_view_own_mentor(user) and person_id is not None:
        summary.my_mentorship = (
            Mentorship.objects.filter(reserve_entry__person_id=person_id)
            .current()
            .select_related("mentor")
            .order_by("status", "-pk")  # "active" before "pending"
            .first()
        )
    return summary


@dataclass
class PlanSummary:
    """The figures of individual plans."""

    awaiting_approval: int = 0
    overdue_items: int = 0
    my_plan: IndividualPlan | None = None


def plan_summary(user: User | AnonymousUser) -> PlanSummary:
    """Real figures of the user's plans, by role (at most three queries)."""
    summary = PlanSummary()
    if acts_as_coordinator(user) or acts_as_head(user):
        summary.awaiting_approval = awaiting_approval(user).count()
    if may_view_own_mentees(user):
        summary.overdue_items = overdue_items_of_mentees(user).count()
    if may_view_own_plans(user):
        summary.my_plan = current_plan_of(user)
    return summary


# The most reports awaiting the mentor's agreement the home page lists.
REPORTS_ON_HOME = 10


@dataclass
class ReportSummary:
    """The joint reports on the plans (8.10) that wait for the user."""

    to_agree: list[PlanReport] = field(default_factory=list)
    my_report: PlanReport | None = None
    plan_to_report: IndividualPlan | None = None


def report_summary(user: User | AnonymousUser) -> ReportSummary:
    """The reports awaiting the mentor's agreement (one query); the reservist's
    report to write: their draft, else an approved plan without a report (at
    most two queries)."""
    summary = ReportSummary()
    if may_view_own_mentees(user):
        summary.to_agree = list(
            reports_to_agree(user)
            .for_list()
            .order_by("-updated_at", "-pk")[:REPORTS_ON_HOME]
        )
    if may_view_own_report(user):
        summary.my_report = (
            own_reports(user)
            .filter(status=PlanReport.Status.DRAFT)
            .for_list()
            .order_by("-pk")
            .first()
        )
        if summary.my_report is None:
            plans = own_plans_to_report(user)
            summary.plan_to_report = plans[0] if plans else None
    return summary


def attestation_summary(user: User | AnonymousUser) -> HomeAttestation:
    """The commission member's upcoming sessions and packs to read, the mentor's
    invitations to sessions and the reservist's attestation date (at most four
    queries, none for a role not held)."""
    return home_attestation(
        sessions=sessions_sitting_on(user),
        invitations=invitations(user),
        own=own_attestations(user),
        today=timezone.localdate(),
        member=acts_as_commission_member(user),
        mentor=acts_as_mentor(user),
        reservist=acts_as_reservist(user),
    )


# The to-do lists ---------------------------------------------------------------------

# The most items of one kind a to-do list shows; one more is read to know that
# there are more (the list then links to the page with all of them).
TODO_ON_HOME = 8
# «Deadlines this week»: today and the six days after it.
WEEK = timedelta(days=6)


@dataclass
class Todo:
    """One kind of thing to do: the first items and whether there are more."""

    items: list[Any]
    more: bool = False

    def __bool__(self) -> bool:
        return bool(self.items)


def _todo(found: Any) -> Todo:
    """The first TODO_ON_HOME items of a queryset (one query)."""
    rows = list(found[: TODO_ON_HOME + 1])
    return Todo(rows[:TODO_ON_HOME], more=len(rows) > TODO_ON_HOME)


@dataclass
class ReservistRow:
    """A reservist on a home page with their current plan's progress."""

    name: str
    entry_id: int
    plan: IndividualPlan | None = None
    progress: Progress | None = None
    bar: list[Any] = field(default_factory=list)
    mentor_name: str = ""
    pending: bool = False


def _with_plans(
    user: User | AnonymousUser, rows: list[ReservistRow]
) -> list[ReservistRow]:
    """Give each row its current plan and progress (one query)."""
    plans = current_plans(user, [r.entry_id for r in rows])
    for row in rows:
        row.plan = plans.get(row.entry_id)
        if row.plan is not None:
            row.progress = Progress.of_plan(row.plan)
            row.bar = segments(row.progress)
    return rows


@dataclass
class MentorTodo:
    """What waits for the mentor: their actions, this week's deadlines and their
    reservists' progress."""

    to_confirm: Todo
    comments: Todo
    requests: Todo
    attendance: Todo
    this_week: Todo
    reservists: list[ReservistRow]
    week_end: date

    @property
    def has_actions(self) -> bool:
        return any((self.to_confirm, self.comments, self.requests, self.attendance))


def mentor_todo(user: User | AnonymousUser, today: date, now: datetime) -> MentorTodo:
    """The mentor's to-do (seven queries): rows to confirm, discussions to
    answer, consultation requests, attendance to mark, open rows due this week,
    and their reservists with their current plans."""
    mine = plans_mentored_now(user)
    mentorships = my_reservists(user)
    rows = [
        ReservistRow(
            name=m.reserve_entry.person.full_name,
            entry_id=m.reserve_entry_id,
            pending=m.status == Mentorship.Status.PENDING,
        )
        for m in mentorships
    ]
    return MentorTodo(
        to_confirm=_todo(items_to_confirm(user)),
        comments=_todo(comments_to_answer(user)),
        requests=_todo(requests_to_answer(user)),
        attendance=_todo(attendance_to_mark(user, own_person_id(user), now)),
        this_week=_todo(items_due_between(mine, today, today + WEEK)),
        reservists=_with_plans(user, rows),
        week_end=today + WEEK,
    )


@dataclass
class ReservistTodo:
    """The reservist's next steps and invitations."""

    next_items: Todo
    steps: Todo
    invitations: Todo


def reservist_todo(user: User | AnonymousUser, now: datetime) -> ReservistTodo:
    """The reservist's open plan rows by deadline, the next steps agreed at
    consultations, and the invitations to events to answer (three queries)."""
    return ReservistTodo(
        next_items=_todo(next_items_of(user)),
        steps=_todo(open_steps(user)),
        invitations=_todo(invitations_to_answer(user, now)),
    )


def split_assessments(
    user: User | AnonymousUser, today: date, *, mentor: bool, reservist: bool
) -> tuple[list[DueAssessment], list[DueAssessment]]:
    """The assessments the user owes as the mentor and as the reservist (one
    query; none for a user who is neither)."""
    if not (mentor or reservist):
        return [], []
    due = assessments_due(user, today)
    person_id = own_person_id(user)
    as_mentor = [d for d in due if d.mentorship.mentor_id == person_id]
    as_self = [d for d in due if d.mentorship.mentor_id != person_id]
    return (as_mentor if mentor else []), (as_self if reservist else [])


def supervisor_todo(user: User | AnonymousUser, today: date) -> Todo | None:
    """The internship supervisor's conclusions to write (one query; none, and
    None, for an account that may not supervise: without a person, or only a
    reservist)."""
    if not may_view_supervised(user):
        return None
    return _todo(conclusions_to_write(user, today))


@dataclass
class HeadTodo:
    """The head's organisation: orders to register, plans to approve, plans with
    overdue rows, and its reservists."""

    orders: Todo
    to_approve: Todo
    overdue_plans: int
    reservists: Todo


def head_todo(user: User | AnonymousUser) -> HeadTodo:
    """The head's to-do (five queries); plans to approve only where the
    municipality lets heads approve them (plans_to_approve)."""
    entries = _todo(
        visible_reserve_entries(user)
        .active()
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    entries.items = _with_plans(
        user,
        [ReservistRow(name=e.person.full_name, entry_id=e.pk) for e in entries.items],
    )
    return HeadTodo(
        orders=_todo(
            visible_orders(user)
            .filter(status=MentorOrder.Status.DRAFT)
            .select_related("organization")
            .order_by("date", "pk")
        ),
        to_approve=_todo(
            awaiting_approval(user)
            .select_related("reserve_entry__person")
            .order_by("updated_at", "pk")
        ),
        overdue_plans=visible_plans(user).with_overdue_items().count(),
        reservists=entries,
    )


@dataclass
class CoordinatorTodo:
    """What waits for the coordinator besides the registries' figures."""

    reports_to_accept: int
    decisions_to_confirm: Todo


def coordinator_todo(user: User | AnonymousUser) -> CoordinatorTodo:
    """Reports to accept (a count) and decisions to confirm (two queries)."""
    municipalities = coordinated_municipality_ids(user)
    return CoordinatorTodo(
        reports_to_accept=reports_to_accept(municipalities).count(),
        decisions_to_confirm=_todo(decisions_to_confirm(municipalities)),
    )


@dataclass
class Cards:
    """Which role cards the home page shows."""

    coordinator: bool
    head: bool
    mentor: bool
    reservist: bool
    commission: bool
    role_labels: list[str] = field(default_factory=list)
    municipality_ids: list[int] = field(default_factory=list)
    person_id: int | None = None


def cards(user: User | AnonymousUser) -> Cards:
    """The role cards of the user (no query once the principal is known)."""
    return Cards(
        coordinator=acts_as_coordinator(user),
        head=acts_as_head(user),
        mentor=acts_as_mentor(user),
        reservist=acts_as_reservist(user),
        commission=acts_as_commission_member(user),
        role_labels=role_labels(user),
        municipality_ids=coordinated_municipality_ids(user),
        person_id=own_person_id(user),
    )


def person_data(person: Person) -> dict[str, Any]:
    """Everything the system holds about a person, for a subject's request
    (152-ФЗ art. 14): the card, reserve entries, mentorships (as reservist and as
    mentor), individual plans with their rows, and the access log about them.
    Seven queries; the values are JSON-ready through DjangoJSONEncoder."""
    entries = ReserveEntry.objects.filter(person=person)
    mentorships = Mentorship.objects.filter(
        Q(reserve_entry__person=person) | Q(mentor=person)
    )
    plans = IndividualPlan.objects.filter(
        Q(reserve_entry__person=person) | Q(mentor=person)
    )
    return {
        "person": {
            "id": person.pk,
            "last_name": person.last_name,
            "first_name": person.first_name,
            "middle_name": person.middle_name,
            "organization": person.organization.full_name,
            "position": person.position.name,
            "position_since": person.position_since,
            "management_experience": person.management_experience,
            "teaching_experience": person.teaching_experience,
            "email": person.email,
            "phone": person.phone,
            "account": person.user.username if person.user else None,
            "created_at": person.created_at,
            "anonymised_at": person.anonymised_at,
        },
        "reserve_entries": list(
            entries.values(
                "id",
                "target_position__name",
                "basis_number",
                "basis_date",
                "included_on",
                "term_until",
                "status",
                "appointed_position",
                "appointed_on",
                "excluded_on",
                "exclusion_reason",
            )
        ),
        "mentorships": list(
            mentorships.values(
                "id",
                "order__number",
                "order__date",
                "mentor_id",
                "reserve_entry__person_id",
                "starts_on",
                "planned_end_on",
                "status",
                "end_reason",
                "end_note",
            )
        ),
        "plans": list(
            plans.values(
                "id",
                "reserve_entry__person_id",
                "mentor_id",
                "period_start",
                "period_end",
                "status",
                "approved_at",
                "remarks",
            )
        ),
        "plan_items": list(
            PlanItem.objects.filter(plan__in=plans).values(
                "id",
                "plan_id",
                "activity",
                "form_of_work",
                "deadline",
                "responsible",
                "expected_result",
                "status",
                "done_on",
                "not_done_reason",
                "evidence_text",
                "evidence_link",
            )
        ),
        "access_log": [
            {
                "viewed_at": log.viewed_at,
                "viewer": log.user.username if log.user else None,
                "kind": log.channel,
                "page": log.source,
            }
            for log in person.view_logs.select_related("user")
        ],
    }
