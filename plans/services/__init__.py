"""Every write to plan forms and individual training plans (clause 8.1).

Callers use the package (`from plans import services`); each seam has its
module: forms of the plan, a plan's lifecycle, its rows, their progress with
evidence files, and the discussion."""

from plans.services.comments import COMMENT_MAX_LENGTH, add_comment
from plans.services.forms import (
    add_suggested_item,
    approve_form_version,
    create_plan_form,
    current_form_version,
    delete_suggested_item,
    new_form_version,
    update_form_version,
)
from plans.services.items import (
    EDITABLE_FIELDS,
    DeadlinesResult,
    ItemData,
    add_item,
    remove_item,
    reorder_items,
    set_deadlines,
    update_item,
)
from plans.services.lifecycle import (
    PERIOD_EARLIEST,
    PERIOD_LATEST,
    PERIOD_MAX_MONTHS,
    add_months,
    approve_plan,
    check_period,
    complete_plan,
    create_plan,
    reassign_plans,
    return_plan,
    submit_plan,
    validate_period_date,
)
from plans.services.progress import (
    EVIDENCE_MAX_SIZE,
    EVIDENCE_TYPES,
    add_evidence,
    check_evidence_file,
    confirm_item,
    mark_item,
    mark_item_with_files,
    remove_evidence,
)

__all__ = [
    "COMMENT_MAX_LENGTH",
    "EDITABLE_FIELDS",
    "EVIDENCE_MAX_SIZE",
    "EVIDENCE_TYPES",
    "PERIOD_EARLIEST",
    "PERIOD_LATEST",
    "PERIOD_MAX_MONTHS",
    "DeadlinesResult",
    "ItemData",
    "add_comment",
    "add_evidence",
    "add_item",
    "add_months",
    "add_suggested_item",
    "approve_form_version",
    "approve_plan",
    "check_evidence_file",
    "check_period",
    "complete_plan",
    "confirm_item",
    "create_plan",
    "create_plan_form",
    "current_form_version",
    "delete_suggested_item",
    "mark_item",
    "mark_item_with_files",
    "new_form_version",
    "reassign_plans",
    "remove_evidence",
    "remove_item",
    "reorder_items",
    "return_plan",
    "set_deadlines",
    "submit_plan",
    "update_form_version",
    "update_item",
    "validate_period_date",
]
