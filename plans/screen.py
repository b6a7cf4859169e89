"""The rows of the mentor's screen in the API (`GET /me/reservists?include=items`):
plain dicts in the items API's naming, read in one query without model instances."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from people.models import Person
from plans.models import Evidence, PlanItem, done_late_filter, overdue_filter
from plans.queries import display_name

# The columns of a row that the mentor's screen shows, as they are stored.
_ROW_FIELDS = (
    "id",
    "plan_id",
    "position",
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
    "confirmed_at",
    "version",
)
_CONFIRMED_BY = (
    "confirmed_by_id",
    "confirmed_by__username",
    "confirmed_by__first_name",
    "confirmed_by__last_name",
    "confirmed_by__person__last_name",
    "confirmed_by__person__first_name",
    "confirmed_by__person__middle_name",
)


def _confirmed_by_name(row: dict) -> str:
    """display_name() of the confirming account, built from the row's columns."""
    if row["confirmed_by_id"] is None:
        return ""
    account = User(
        username=row["confirmed_by__username"],
        first_name=row["confirmed_by__first_name"],
        last_name=row["confirmed_by__last_name"],
    )
    if row["confirmed_by__person__last_name"] is not None:
        account.person = Person(
            last_name=row["confirmed_by__person__last_name"],
            first_name=row["confirmed_by__person__first_name"],
            middle_name=row["confirmed_by__person__middle_name"],
        )
    return display_name(account)


def plan_item_rows(
    plan_ids: Iterable[int], today: date | None = None
) -> dict[int, list[dict]]:
    """The rows of the plans as plain dicts in the items API's naming, by plan,
    in the document's order, each with its section, `is_overdue`, `is_done_late`
    (by overdue_filter and done_late_filter), the number of its files and the
    confirming account's name (one query, no model instances)."""
    today = today or timezone.localdate()
    files = (
        Evidence.objects.filter(item=OuterRef("pk"))
        .order_by()
        .values("item")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        PlanItem.objects.filter(plan_id__in=list(plan_ids))
        .annotate(
            # Not `is_overdue`: PlanItem has properties of these names.
            overdue=ExpressionWrapper(
                overdue_filter(today), output_field=BooleanField()
            ),
            done_late=ExpressionWrapper(
                done_late_filter(), output_field=BooleanField()
            ),
            n_files=Coalesce(Subquery(files), 0),
        )
        .order_by("plan_id", "section__position", "position", "pk")
        .values(
            *_ROW_FIELDS,
            *_CONFIRMED_BY,
            "section_id",
            "section__position",
            "section__title",
            "overdue",
            "done_late",
            "n_files",
        )
    )
    labels = {value: str(label) for value, label in PlanItem.Status.choices}
    result: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        item = {name: row[name] for name in _ROW_FIELDS}
        item["section"] = {
            "id": row["section_id"],
            "position": row["section__position"],
            "title": row["section__title"],
        }
        item["status_display"] = labels[row["status"]]
        item["is_overdue"] = bool(row["overdue"])
        item["is_done_late"] = bool(row["done_late"])
        item["n_files"] = row["n_files"]
        item["confirmed_by_name"] = _confirmed_by_name(row)
        result[row["plan_id"]].append(item)
    return result
