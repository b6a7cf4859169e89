"""The individual training plan on the approved form (regulation, clause 8.1):
the form in versions (`forms`), plans and their rows (`plans`), and what they
gather (`records`)."""

from plans.models.forms import (
    COLUMN_KEYS,
    DEFAULT_COLUMN_TITLES,
    DEFAULT_SECTIONS,
    PlanForm,
    PlanFormSection,
    PlanFormVersion,
    PlanFormVersionQuerySet,
    SuggestedItem,
)
from plans.models.plans import (
    IndividualPlan,
    IndividualPlanQuerySet,
    PlanItem,
    PlanItemQuerySet,
    active_mentorship,
    done_late_filter,
    overdue_filter,
)
from plans.models.records import Comment, Evidence, Revision, evidence_upload_to

__all__ = [
    "COLUMN_KEYS",
    "DEFAULT_COLUMN_TITLES",
    "DEFAULT_SECTIONS",
    "Comment",
    "Evidence",
    "IndividualPlan",
    "IndividualPlanQuerySet",
    "PlanForm",
    "PlanFormSection",
    "PlanFormVersion",
    "PlanFormVersionQuerySet",
    "PlanItem",
    "PlanItemQuerySet",
    "Revision",
    "SuggestedItem",
    "active_mentorship",
    "done_late_filter",
    "evidence_upload_to",
    "overdue_filter",
]
