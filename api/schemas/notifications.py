"""Shapes of notifications and of the caller's channels per kind."""

import datetime

from ninja import Schema
from pydantic import Field

from api.schemas.common import InSchema


class NotificationOut(Schema):
    id: int
    kind: str = Field(
        description="One of the kinds of `GET /notifications/preferences`."
    )
    title: str
    url: str = Field(description="The page of the thing; empty when there is none.")
    due_on: datetime.date | None
    created_at: datetime.datetime
    read_at: datetime.datetime | None = Field(description="Empty while unread.")


class NotificationFilter(Schema):
    unread: bool | None = Field(None, description="`true`: only the unread ones.")


class ReadAllOut(Schema):
    marked: int = Field(description="How many were unread and are read now.")


class PreferenceOut(Schema):
    kind: str
    label: str
    in_app: bool
    email: bool


class PreferenceIn(InSchema):
    kind: str
    in_app: bool
    email: bool


class PreferencesIn(InSchema):
    preferences: list[PreferenceIn] = Field(
        description="The kinds to change; the others stay as they are."
    )
