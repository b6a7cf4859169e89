"""`/reservists/{id}/timeline`: the reservist's facts in one chronological list.

`{id}` is the reserve entry's id, as in `/reserve-entries/{id}` and the card
`/reserve/<id>/`: a person included in the reserve again has a new entry and
its own timeline. Who sees the card sees the timeline (404 otherwise), and each
row only if its domain lets them see it (timeline/sources/)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from api.auth import caller
from api.pagination import ApiPagination
from api.schemas.common import READ_ERRORS, ErrorOut
from api.schemas.timeline import TimelineFilter, TimelineRowOut
from people.models import PersonViewLog
from people.services import record_person_view
from timeline.forms import PERIOD_REVERSED
from timeline.permissions import get_reservist
from timeline.queries import TimelineRow, load_rows, timeline_rows
from timeline.sources.base import Period

router = Router(tags=["timeline"])


def _out(row: TimelineRow) -> dict[str, Any]:
    detail = row.detail
    return {
        "moment": row.moment,
        "day": row.day,
        "has_time": row.has_time,
        "kind": row.kind.code,
        "event": row.event,
        "object_id": row.object_id,
        "title": detail.title,
        "subject": detail.subject,
        "text": detail.text,
        "author_name": detail.who,
        "status": detail.status,
        "url": detail.url,
    }


class TimelinePagination(ApiPagination):
    """ApiPagination over the timeline's UNION: the count and the page's keys
    on it, then the page's objects (timeline.queries.load_rows)."""

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        if queryset is None:
            return {self.items_attribute: [], "count": 0}
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        rows = load_rows(caller(request), queryset[offset : offset + page_size])
        return {
            self.items_attribute: [_out(row) for row in rows],
            "count": queryset.count(),
        }


@router.get(
    "/reservists/{int:pk}/timeline",
    response={200: list[TimelineRowOut], 400: ErrorOut, **READ_ERRORS},
)
@paginate(TimelinePagination)
def get_reservist_timeline(
    request: HttpRequest, pk: int, filters: Query[TimelineFilter]
) -> Any:
    """The reserve entry's facts the caller may see, newest first: the plan and
    its approval, its items and deadlines, the discussion; filtered by `kind`
    and the period. Opening it is logged (152-ФЗ); 400 for a period that ends
    before it starts."""
    user = caller(request)
    entry = get_reservist(user, pk)
    if filters.since and filters.until and filters.since > filters.until:
        raise ValidationError({"until": [PERIOD_REVERSED]})
    record_person_view(
        person=entry.person,
        user=user,
        channel=PersonViewLog.Channel.API,
        source=request.path,
    )
    period = Period(filters.since, filters.until)
    return timeline_rows(user, entry, filters.kinds(), period)
