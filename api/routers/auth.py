"""`/auth/token`: exchange a username and password for a bearer token, or
revoke the token of the request."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.throttling import AnonRateThrottle

from accounts.models import ApiToken
from accounts.services import issue_token, revoke_token
from accounts.throttling import LOCKOUT_SECONDS, TooManyAttempts, authenticate_limited
from api.auth import BearerAuth, bearer_token
from api.errors import error_body
from api.schemas.auth import TokenIn, TokenOut
from api.schemas.common import ErrorOut
from core.http import client_address

router = Router(tags=["auth"])


class TokenRateThrottle(AnonRateThrottle):
    """Password guessing: so many token requests per client address (API_TOKEN_RATE).

    Its own scope, so other anonymous limits never share its counts."""

    scope = "auth-token"

    def get_ident(self, request: HttpRequest) -> str:
        return client_address(request)


@router.post(
    "/auth/token",
    auth=None,
    throttle=TokenRateThrottle(settings.API_TOKEN_RATE),
    response={
        200: TokenOut,
        400: ErrorOut,
        401: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
)
def obtain_token(
    request: HttpRequest, response: HttpResponse, payload: TokenIn
) -> Status[dict]:
    """A new token for an active account; 401 for wrong credentials, 429 after
    too many requests from one address or while the login limits refuse the
    address or the account (the same limits as the login page)."""
    try:
        user = authenticate_limited(
            request, username=payload.username, password=payload.password
        )
    except TooManyAttempts:
        # The window's end is not known here; its longest wait is.
        response["Retry-After"] = str(LOCKOUT_SECONDS)
        detail = _("Too many failed login attempts. Try again in 15 minutes.")
        return Status(429, error_body(detail))
    if user is None:  # also for an inactive account (ModelBackend refuses it)
        return Status(401, error_body(_("Wrong username or password.")))
    raw = issue_token(user=user)
    token = ApiToken.objects.only("expires_at").get(digest=ApiToken.make_digest(raw))
    return Status(200, {"token": raw, "expires_at": token.expires_at})


@router.delete("/auth/token", auth=BearerAuth(), response={204: None, 401: ErrorOut})
def delete_token(request: HttpRequest) -> Status[None]:
    """Revoke the bearer token the request came with (log out of the API)."""
    revoke_token(raw=bearer_token(request))
    return Status(204, None)
