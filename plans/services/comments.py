"""The discussion of a plan and of its rows."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import create_validated
from plans.models import Comment, IndividualPlan, PlanItem

COMMENT_MAX_LENGTH = 5000


@transaction.atomic
def add_comment(
    *, plan: IndividualPlan, author: Any, text: str, item: PlanItem | None = None
) -> Comment:
    """Add a remark to the plan's or an item's discussion; raises ValidationError."""
    if item is not None and item.plan_id != plan.pk:
        raise ValidationError({"item": _("The item belongs to another plan.")})
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("The comment is empty.")})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("A comment is at most %(n)s characters.")
                % {"n": COMMENT_MAX_LENGTH}
            }
        )
    return create_validated(Comment, plan=plan, item=item, author=author, text=text)
