"""`/notifications`: the caller's own notifications, marking them read, and the
caller's channels per kind. Nobody reads or marks another's notifications (404)
or changes another's channels (403)."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.errors import error_body
from api.pagination import ApiPagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut
from api.schemas.notifications import (
    NotificationFilter,
    NotificationOut,
    PreferenceOut,
    PreferencesIn,
    ReadAllOut,
)
from notifications import permissions, services
from notifications.kinds import Kind
from notifications.models import Notification

router = Router(tags=["notifications"])


def _preferences(choices: dict[str, tuple[bool, bool]]) -> list[dict[str, Any]]:
    labels = dict(Kind.choices)
    return [
        {"kind": kind, "label": str(labels[kind]), "in_app": in_app, "email": email}
        for kind, (in_app, email) in choices.items()
    ]


@router.get("/notifications", response=list[NotificationOut])
@paginate(ApiPagination)
def list_notifications(
    request: HttpRequest, filters: Query[NotificationFilter]
) -> QuerySet[Notification]:
    """The caller's notifications, the latest first; `unread=true`: only unread."""
    found = permissions.visible_notifications(caller(request)).in_list_order()
    if filters.unread:
        found = found.unread()
    elif filters.unread is False:
        found = found.filter(read_at__isnull=False)
    return found


@router.post("/notifications/read-all", response={200: ReadAllOut, **WRITE_ERRORS})
def read_all(request: HttpRequest) -> dict[str, int]:
    """Mark all the caller's notifications read."""
    return {"marked": services.mark_all_read(user=caller(request))}


@router.post(
    "/notifications/{int:pk}/read", response={200: NotificationOut, **WRITE_ERRORS}
)
def read_one(request: HttpRequest, pk: int) -> Notification:
    """Mark one of the caller's notifications read; 404 for another's."""
    notification = permissions.get_notification(caller(request), pk)
    return services.mark_read(notification=notification)


@router.get(
    "/notifications/preferences", response={200: list[PreferenceOut], **READ_ERRORS}
)
def get_preferences(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's channels for every kind (their choice or the default)."""
    return _preferences(services.preferences_of(caller(request)))


@router.put(
    "/notifications/preferences",
    response={200: list[PreferenceOut], **WRITE_ERRORS},
)
def put_preferences(
    request: HttpRequest, payload: PreferencesIn
) -> list[dict[str, Any]]:
    """Change the caller's channels for the kinds given; an unknown kind: 400,
    nothing saved."""
    choices = {p.kind: (p.in_app, p.email) for p in payload.preferences}
    return _preferences(services.set_preferences(user=caller(request), choices=choices))


def _not_yours() -> Status[dict]:
    return Status(
        403,
        error_body(_("You can change only your own notification settings.")),
    )


@router.get(
    "/users/{int:user_id}/notification-preferences",
    response={200: list[PreferenceOut], **READ_ERRORS, 403: ErrorOut},
)
def get_user_preferences(request: HttpRequest, user_id: int) -> Any:
    """The channels of an account by its id: the caller's own only (403)."""
    user = caller(request)
    if user.pk != user_id:
        return _not_yours()
    return _preferences(services.preferences_of(user))


@router.put(
    "/users/{int:user_id}/notification-preferences",
    response={200: list[PreferenceOut], **WRITE_ERRORS},
)
def put_user_preferences(
    request: HttpRequest, user_id: int, payload: PreferencesIn
) -> Any:
    """Change the channels of an account by its id: the caller's own only (403,
    nothing changed)."""
    user = caller(request)
    if user.pk != user_id:
        return _not_yours()
    choices = {p.kind: (p.in_app, p.email) for p in payload.preferences}
    return _preferences(services.set_preferences(user=user, choices=choices))
