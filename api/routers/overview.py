"""`/overview`: the coordinator's effectiveness figures (design.md §3) for a
period; the same figures and permissions as the page `/overview/`."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router

from api.auth import caller
from api.schemas.common import READ_ERRORS, ErrorOut
from api.schemas.overview import OverviewFilter, OverviewOut
from overview import permissions, queries
from overview.forms import PERIOD_REVERSED

router = Router(tags=["overview"])


def _breakdown(b: queries.Breakdown) -> dict[str, Any]:
    return {
        "title": str(b.title),
        "total": b.total,
        "groups": [
            {"key": str(g.key), "label": str(g.label), "count": g.count, "url": g.url}
            for g in b.groups
        ],
    }


@router.get(
    "/overview",
    response={200: OverviewOut, 400: ErrorOut, 403: ErrorOut, **READ_ERRORS},
)
def get_overview(
    request: HttpRequest, filters: Query[OverviewFilter]
) -> dict[str, Any]:
    """The figures of the period (the current year by default): the reserve, the
    mentors' load, the plans and their items on time, events, internships,
    checks, competency growth, attestation decisions and appointments. A
    coordinator's are the municipality's, a head's the organisation's; 403 for
    the other roles, 400 for a period that ends before it starts."""
    user = caller(request)
    permissions.require(permissions.may_view_overview(user))
    year = queries.default_period()
    period = queries.Period(
        filters.date_from or year.start, filters.date_to or year.end
    )
    if period.start > period.end:
        raise ValidationError({"date_to": [PERIOD_REVERSED]})
    f = queries.overview(user, period)
    items, appointed = f["items"], f["appointments"]
    return {
        "date_from": period.start,
        "date_to": period.end,
        "reservists_by_status": _breakdown(f["reservists_by_status"]),
        "reservists_by_position": _breakdown(f["reservists_by_position"]),
        "reservists_by_organization": _breakdown(f["reservists_by_organization"]),
        "mentors": f["mentors"]["n"],
        "mentors_by_load": _breakdown(f["mentors"]["by_load"]),
        "plans_by_status": _breakdown(f["plans_by_status"]),
        "items_by_outcome": _breakdown(items["breakdown"]),
        "items_due": items["due"],
        "items_on_time_percent": items["on_time_share"],
        "overdue_by_organization": _breakdown(f["overdue_by_organization"]),
        "events": f["events"]["n"],
        "internships_by_status": _breakdown(f["internships"]),
        "studies_by_status": _breakdown(f["studies"]),
        "competency_growth": [
            {
                "point": row["point"],
                "label": str(row["label"]),
                "self_level": row["self"]["level"],
                "self_count": row["self"]["n"],
                "mentor_level": row["mentor"]["level"],
                "mentor_count": row["mentor"]["n"],
            }
            for row in f["growth"]
        ],
        "attestation_decisions": _breakdown(f["attestations"]),
        "appointments": {
            "count": appointed["n"],
            "in_term": appointed["in_term"],
            "in_term_percent": appointed["share"],
            "average_days": appointed["average_days"],
        },
    }
