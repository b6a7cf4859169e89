"""The plan's facts (clause 8.1): the plan drafted, submitted, returned,
approved (with the approver's comment), changed and re-approved, completed; its
rows added, due, done, not done or excluded, confirmed; its discussion.

Every row comes from plans that plans.permissions.visible_plans lets the user
see, of this reserve entry; the steps of approval are those of
plans.queries.status_history, read from the same saved versions."""

from types import SimpleNamespace
from typing import Any

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.models import Comment, IndividualPlan, PlanItem, Revision
from plans.permissions import visible_plans
from plans.queries import status_step
from reserve.models import ReserveEntry
from timeline.sources.base import (
    AnyUser,
    Detail,
    Kind,
    Period,
    Source,
    as_rows,
    keyed,
    who,
)

PLAN = Kind("plan", gettext_lazy("Plan: drafting and approval"))
ITEMS = Kind("plan_items", gettext_lazy("Plan items"))
DEADLINES = Kind("deadlines", gettext_lazy("Deadlines of plan items"))
COMMENTS = Kind("comments", gettext_lazy("Comments on the plan"))
KINDS = (PLAN, ITEMS, DEADLINES, COMMENTS)

Status = IndividualPlan.Status
ItemStatus = PlanItem.Status
PlanHistory = IndividualPlan.history.model
ItemHistory = PlanItem.history.model


def _plan_ids(user: AnyUser, entry: ReserveEntry) -> QuerySet[IndividualPlan, Any]:
    """The entry's plans the user sees (plans.permissions), as a subquery."""
    return visible_plans(user).filter(reserve_entry=entry).order_by().values("pk")


def _plan_label(start: Any, end: Any) -> str:
    return _("Plan for %(start)s–%(end)s") % {
        "start": start.strftime("%d.%m.%Y"),
        "end": end.strftime("%d.%m.%Y"),
    }


def _plan_url(plan_id: int) -> str:
    return reverse("plans:plan", args=[plan_id])


def _previous(history: Any, field: str) -> Subquery:
    """The field of the record saved just before this one of the same object."""
    before = history.objects.filter(
        id=OuterRef("id"), history_id__lt=OuterRef("history_id")
    ).order_by("-history_id")
    return Subquery(before.values(field)[:1])


# The plan ---------------------------------------------------------------------------


def _created_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    plans = IndividualPlan.objects.filter(pk__in=_plan_ids(user, entry))
    return as_rows(
        plans.filter(period.on_moments("created_at")), "plan_created", "created_at"
    )


def _load_plans(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    return keyed(IndividualPlan.objects.filter(pk__in=ids))


def _describe_created(plan: IndividualPlan) -> Detail:
    return Detail(
        title=_("Plan drafted"),
        subject=_plan_label(plan.period_start, plan.period_end),
        status=plan.get_status_display(),
        url=_plan_url(plan.pk),
    )


# The steps of plans.queries.status_step, as a filter of saved versions: each matches
# one of its cases (a test holds the timeline to status_history's answers).
_STEP = (
    Q(was=Status.DRAFT, status=Status.SUBMITTED)
    | Q(was=Status.SUBMITTED, status=Status.DRAFT)
    | Q(was=Status.SUBMITTED, status=Status.APPROVED)
    | Q(
        was=Status.APPROVED,
        status=Status.APPROVED,
        was_changed=True,
        has_unapproved_changes=False,
    )
    | (Q(status=Status.COMPLETED) & (Q(was__isnull=True) | ~Q(was=Status.COMPLETED)))
)


def _with_previous(records: QuerySet) -> QuerySet:
    return records.annotate(
        was=_previous(PlanHistory, "status"),
        was_changed=_previous(PlanHistory, "has_unapproved_changes"),
    )


def _step_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    records = PlanHistory.objects.filter(id__in=_plan_ids(user, entry))
    steps = _with_previous(records.filter(period.on_moments("history_date")))
    return as_rows(steps.filter(_STEP), "plan_status", "history_date")


def _load_steps(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    records = PlanHistory.objects.filter(history_id__in=ids)
    return keyed(_with_previous(records).select_related("history_user__person"))


def _describe_step(record: Any) -> Detail:
    before = SimpleNamespace(
        status=record.was, has_unapproved_changes=record.was_changed
    )
    what, text = status_step(before, record)
    return Detail(
        title=str(what),
        subject=_plan_label(record.period_start, record.period_end),
        text=text,
        who=who(record.history_user),
        url=_plan_url(record.id),
    )


def _revision_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    revisions = Revision.objects.filter(plan_id__in=_plan_ids(user, entry))
    return as_rows(
        revisions.filter(period.on_moments("created_at")), "plan_revision", "created_at"
    )


def _load_revisions(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    return keyed(
        Revision.objects.filter(pk__in=ids).select_related("author__person", "plan")
    )


def _describe_revision(revision: Revision) -> Detail:
    pending = revision.approved_at is None
    return Detail(
        title=_("Approved plan changed"),
        subject=_plan_label(revision.plan.period_start, revision.plan.period_end),
        text=revision.description,
        who=who(revision.author),
        status=_("awaits re-approval") if pending else _("re-approved"),
        url=_plan_url(revision.plan_id),
    )


# Its rows ---------------------------------------------------------------------------


def _items(user: AnyUser, entry: ReserveEntry) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(plan_id__in=_plan_ids(user, entry))


def _added_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    items = _items(user, entry).filter(period.on_moments("created_at"))
    return as_rows(items, "plan_item_added", "created_at")


def _deadline_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    items = _items(user, entry).exclude(status=ItemStatus.CANCELLED)
    return as_rows(
        items.filter(period.on_dates("deadline")),
        "plan_item_deadline",
        "deadline",
        dated=True,
    )


def _done_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    items = _items(user, entry).filter(status=ItemStatus.DONE)
    return as_rows(
        items.filter(period.on_dates("done_on")),
        "plan_item_done",
        "done_on",
        dated=True,
    )


def _confirmed_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    items = _items(user, entry).filter(confirmed_at__isnull=False)
    return as_rows(
        items.filter(period.on_moments("confirmed_at")),
        "plan_item_confirmed",
        "confirmed_at",
    )


def _load_items(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    return keyed(
        PlanItem.objects.filter(pk__in=ids).select_related("confirmed_by__person")
    )


def _item_status(item: PlanItem) -> str:
    if item.is_overdue:
        return _("overdue")
    if item.is_done_late:
        return _("done late")
    return item.get_status_display()


def _item_detail(item: PlanItem, title: str, **fields: str) -> Detail:
    return Detail(
        title=title,
        subject=item.activity,
        status=_item_status(item),
        url=_plan_url(item.plan_id),
        **fields,
    )


def _describe_added(item: PlanItem) -> Detail:
    return _item_detail(item, _("Item added to the plan"))


def _describe_deadline(item: PlanItem) -> Detail:
    return _item_detail(item, _("Deadline of a plan item"))


def _describe_done(item: PlanItem) -> Detail:
    return _item_detail(item, _("Plan item done"), text=item.evidence_text)


def _describe_confirmed(item: PlanItem) -> Detail:
    return _item_detail(
        item, _("Done item confirmed by the mentor"), who=who(item.confirmed_by)
    )


def _closed_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    """Saved versions where a row became not done or was excluded."""
    records = ItemHistory.objects.filter(
        plan_id__in=_plan_ids(user, entry),
        history_type="~",
        status__in=(ItemStatus.NOT_DONE, ItemStatus.CANCELLED),
    ).filter(period.on_moments("history_date"))
    changed = records.annotate(was=_previous(ItemHistory, "status")).filter(
        Q(was__isnull=True) | ~Q(was=F("status"))
    )
    return as_rows(changed, "plan_item_closed", "history_date")


def _load_closed(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    records = ItemHistory.objects.filter(history_id__in=ids)
    return keyed(records.select_related("history_user__person"))


def _describe_closed(record: Any) -> Detail:
    excluded = record.status == ItemStatus.CANCELLED
    return Detail(
        title=_("Item excluded from the plan") if excluded else _("Plan item not done"),
        subject=record.activity,
        text="" if excluded else record.not_done_reason,
        who=who(record.history_user),
        url=_plan_url(record.plan_id),
    )


# The discussion ---------------------------------------------------------------------


def _comment_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    comments = Comment.objects.filter(plan_id__in=_plan_ids(user, entry))
    return as_rows(
        comments.filter(period.on_moments("created_at")), "plan_comment", "created_at"
    )


def _load_comments(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    comments = Comment.objects.filter(pk__in=ids)
    return keyed(comments.select_related("author__person", "item", "plan"))


def _describe_comment(comment: Comment) -> Detail:
    on_item = comment.item is not None
    return Detail(
        title=_("Comment on a plan item") if on_item else _("Comment on the plan"),
        subject=comment.item.activity
        if comment.item is not None
        else _plan_label(comment.plan.period_start, comment.plan.period_end),
        text=comment.text,
        who=who(comment.author),
        url=_plan_url(comment.plan_id),
    )


SOURCES = (
    Source("plan_created", PLAN, _created_rows, _load_plans, _describe_created),
    Source("plan_status", PLAN, _step_rows, _load_steps, _describe_step),
    Source("plan_revision", PLAN, _revision_rows, _load_revisions, _describe_revision),
    Source("plan_item_added", ITEMS, _added_rows, _load_items, _describe_added),
    Source("plan_item_done", ITEMS, _done_rows, _load_items, _describe_done, True),
    Source("plan_item_closed", ITEMS, _closed_rows, _load_closed, _describe_closed),
    Source(
        "plan_item_confirmed", ITEMS, _confirmed_rows, _load_items, _describe_confirmed
    ),
    Source(
        "plan_item_deadline",
        DEADLINES,
        _deadline_rows,
        _load_items,
        _describe_deadline,
        True,
    ),
    Source("plan_comment", COMMENTS, _comment_rows, _load_comments, _describe_comment),
)
