"""`POST /auth/token`: exchange a username and password for a bearer token."""

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from accounts.models import ApiToken
from accounts.services import issue_token
from api.errors import error_body
from api.schemas.auth import TokenIn, TokenOut
from api.schemas.common import ErrorOut

router = Router(tags=["auth"])


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
)
def obtain_token(request: HttpRequest, payload: TokenIn) -> Status[dict]:
    """A new token for an active account; 401 for wrong credentials."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:  # also for an inactive account (ModelBackend refuses it)
        return Status(401, error_body(_("Wrong username or password.")))
    raw = issue_token(user=user)
    token = ApiToken.objects.only("expires_at").get(digest=ApiToken.make_digest(raw))
    return Status(200, {"token": raw, "expires_at": token.expires_at})
