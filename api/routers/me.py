"""`/me/…`: the caller's own screens, one call each.

`/me/reservists` is the mentor's screen: the current mentees, each with the
reservist, the current plan and its rows. Whatever the number of reservists and
rows it costs, after the caller is known, four queries: the page of mentorships,
their current plans with the counts of progress, the plans' rows, and the access
log; plus the count when there is more than one page."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from api.auth import caller
from api.pagination import MAX_PAGE_SIZE, PAGE_SIZE
from api.schemas.common import ErrorOut
from api.schemas.me import MyReservistsPage, MyReservistsQuery
from mentorships.models import Mentorship
from mentorships.permissions import may_view_own_mentees, visible_mentorships_as_mentor
from people.models import PersonViewLog
from people.services import record_people_access
from plans.models import IndividualPlan
from plans.queries import Progress, current_plans, progress_of_rows
from plans.screen import plan_item_rows

router = Router(tags=["me"])


def _reservist(mentorship: Mentorship) -> dict:
    entry = mentorship.reserve_entry
    person = entry.person
    return {
        "id": mentorship.pk,
        "status": mentorship.status,
        "starts_on": mentorship.starts_on,
        "planned_end_on": mentorship.planned_end_on,
        "reserve_entry_id": entry.pk,
        "reserve_entry_status": entry.status,
        "reservist": {
            "id": person.pk,
            "full_name": person.full_name,
            "organization": {
                "id": person.organization.pk,
                "short_name": person.organization.short_name,
            },
            "position": {
                "id": person.position.pk,
                "name": person.position.name,
                "is_administrative": person.position.is_administrative,
            },
        },
        "target_position": {
            "id": entry.target_position.pk,
            "name": entry.target_position.name,
        },
    }


def _plan(plan: IndividualPlan, rows: list[dict] | None) -> dict:
    """The plan with its progress: counted from its rows when they are shown,
    else from the counts of plans.queries.current_plans."""
    progress = Progress.of_plan(plan) if rows is None else progress_of_rows(rows)
    found = {
        "id": plan.pk,
        "status": plan.status,
        "status_display": plan.get_status_display(),
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "version": plan.version,
        "has_unapproved_changes": plan.has_unapproved_changes,
        "progress": {
            "total": progress.total,
            "done": progress.done,
            "done_late": progress.done_late,
            "overdue": progress.overdue,
            "remaining": progress.remaining,
            "not_done": progress.not_done,
        },
    }
    if rows is not None:
        found["items"] = rows
    return found


@router.get(
    "/me/reservists",
    response={200: MyReservistsPage, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
)
def list_my_reservists(
    request: HttpRequest, query: Query[MyReservistsQuery]
) -> HttpResponse:
    """The caller's current reservists (pending and active mentorships) by name;
    `include=plan` adds each one's current plan with its progress, `include=items`
    its rows as well. 403 for a caller who is not a mentor. The reservists on the
    page are logged (152-ФЗ)."""
    user = caller(request)
    if not may_view_own_mentees(user):
        raise PermissionDenied
    mine = visible_mentorships_as_mentor(user).current()
    size = min(query.page_size or PAGE_SIZE, MAX_PAGE_SIZE)
    offset = (query.page - 1) * size
    page = list(mine.for_mentor_screen()[offset : offset + size])
    # A page that is not full, or an empty first page, ends the list: its count
    # is known without asking.
    ends = 0 < len(page) < size or (offset == 0 and not page)
    count = offset + len(page) if ends else mine.count()
    found = [_reservist(m) for m in page]
    with_items = query.includes("items")
    if with_items or query.includes("plan"):
        entry_ids = [m.reserve_entry_id for m in page]
        current = current_plans(user, entry_ids, counts=not with_items)
        rows = plan_item_rows(p.pk for p in current.values()) if with_items else {}
        for out, mentorship in zip(found, page, strict=True):
            plan = current.get(mentorship.reserve_entry_id)
            out["plan"] = (
                None
                if plan is None
                else _plan(plan, rows.get(plan.pk, []) if with_items else None)
            )
    record_people_access(
        people_ids=[m.reserve_entry.person_id for m in page],
        user=user,
        channel=PersonViewLog.Channel.API,
    )
    # Validated and written by pydantic (see api/schemas/me.py); a reservist
    # without `include` has no `plan` key at all.
    page_out = MyReservistsPage.model_validate({"count": count, "items": found})
    return HttpResponse(
        page_out.model_dump_json(exclude_unset=True),
        content_type="application/json; charset=utf-8",
    )
