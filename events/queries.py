"""Reads of events for the home pages: the reservist's invitations to answer and
the mentor's attendance to mark. The scope comes from events.permissions."""

from datetime import datetime

from django.db.models import QuerySet

from events.models import Involvement
from events.permissions import AnyUser, own_involvements, visible_involvements
from mentorships.models import Mentorship


def invitations_to_answer(user: AnyUser, now: datetime) -> QuerySet[Involvement]:
    """The user's own invitations as the reservist that they have not answered,
    to events that have not ended, the soonest first (may_respond as a query)."""
    return (
        own_involvements(user)
        .filter(
            status=Involvement.Status.INVITED,
            attendance=Involvement.Attendance.UNKNOWN,
            event__ends_at__gte=now,
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )


def attendance_to_mark(
    user: AnyUser, person_id: int | None, now: datetime
) -> QuerySet[Involvement]:
    """Involvements of the reservists `person_id` mentors now in events that have
    started, not declined, whose attendance nobody marked (may_mark_attendance
    as a query), the earliest event first."""
    if person_id is None:
        return Involvement.objects.none()
    return (
        visible_involvements(user)
        .filter(
            reserve_entry__mentorships__mentor_id=person_id,
            reserve_entry__mentorships__status=Mentorship.Status.ACTIVE,
            attendance=Involvement.Attendance.UNKNOWN,
            event__starts_at__lte=now,
        )
        .exclude(status=Involvement.Status.DECLINED)
        .select_related("event", "reserve_entry__person")
        .order_by("event__starts_at", "pk")
    )
