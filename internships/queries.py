"""Reads of internships that span other apps' models."""

from datetime import date, timedelta

from django.db.models import QuerySet

from internships.models import Internship, InternshipQuerySet
from internships.permissions import AnyUser, supervised_internships
from plans.models import IndividualPlan, PlanItem
from reserve.models import ReserveEntry

# An internship in progress asks its supervisor for the conclusion from this many
# days before its end (and after it, until written).
CONCLUSION_DUE_BEFORE = timedelta(days=7)

# Plans whose items an internship may be linked to (not completed).
OPEN_PLANS = (
    IndividualPlan.Status.DRAFT,
    IndividualPlan.Status.SUBMITTED,
    IndividualPlan.Status.APPROVED,
)


def plan_items_to_link(entry_ids: QuerySet | list[int]) -> QuerySet[PlanItem]:
    """Open items (not done, not cancelled) of the reservists' open plans."""
    return (
        PlanItem.objects.filter(
            plan__reserve_entry_id__in=entry_ids, plan__status__in=OPEN_PLANS
        )
        .exclude(status__in=[PlanItem.Status.CANCELLED, PlanItem.Status.DONE])
        .select_related("plan__reserve_entry__person")
        .order_by("plan__period_start", "position", "pk")
    )


def internship_people_ids(internship: Internship) -> list[int]:
    """The people an internship's card or document shows (for the access log)."""
    return [
        internship.reserve_entry.person_id,
        internship.mentor_id,
        internship.supervisor_id,
    ]


def conclusions_to_write(user: AnyUser, today: date) -> InternshipQuerySet:
    """The internships the user supervises that wait for their conclusion: in
    progress, ending within CONCLUSION_DUE_BEFORE or ended already, without a
    conclusion, the reservist still in the reserve (the supervisor may write it
    then only; a completed internship has its conclusion), by end date. Read
    through the supervisor's index; the reservist's name comes along."""
    return (
        supervised_internships(user)
        .filter(
            status=Internship.Status.IN_PROGRESS,
            concluded_on__isnull=True,
            ends_on__lte=today + CONCLUSION_DUE_BEFORE,
            reserve_entry__status=ReserveEntry.Status.ACTIVE,
        )
        .select_related("reserve_entry__person", "form")
        .order_by("ends_on", "pk")
    )
