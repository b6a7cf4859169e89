"""Shapes of the token exchange."""

from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field

from api.schemas.common import TextCheckedSchema


class TokenIn(TextCheckedSchema):
    # No stripping: a password is taken exactly as typed.
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=4096)


class TokenOut(Schema):
    token: str = Field(description="Send as `Authorization: Bearer <token>`.")
    expires_at: datetime
