"""The home page's figures: what each role card counts, in the user's scope.

Which cards and figures a user gets is asked of the permission predicates; the
counts themselves are real queries over the scoped querysets of each domain."""

from dataclasses import dataclass, field
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
from attestation.queries import HomeAttestation, home_attestation
from mentorships.models import MentorOrder, Mentorship
from mentorships.permissions import (
    may_view_mentors,
    may_view_own_mentees,
    may_view_own_mentor,
    visible_mentorships,
    visible_orders,
)
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
from plans.models import IndividualPlan, PlanItem
from plans.permissions import may_view_own_plans
from plans.queries import (
    awaiting_approval,
    current_plan_of,
    overdue_items_of_mentees,
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
    my_reservists: int = 0
    my_mentorship: Mentorship | None = None


def work_summary(user: User | AnonymousUser) -> WorkSummary:
    """Real figures of the reserve and mentorships in scope (at most five queries)."""
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
    if may_view_own_mentees(user):
        summary.my_reservists = (
            Mentorship.objects.filter(mentor_id=person_id)
            .current()
            .values("reserve_entry_id")
            .count()
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
