"""Reads of internships that span other apps' models."""

from django.db.models import QuerySet

from internships.models import Internship
from plans.models import IndividualPlan, PlanItem

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
