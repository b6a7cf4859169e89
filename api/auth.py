"""Who is calling the API: a bearer token from `/auth/token`, or Django's session."""

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from accounts.models import User
from accounts.services import user_for_token


class BearerAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token issued by `/auth/token`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            # The change history and the logs then name the token's account.
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The browser's session; ninja checks CSRF for unsafe methods.

    CSRF is checked only once a session is logged in, so an anonymous request
    gets 401 «Требуется авторизация.», not a CSRF 403."""

    def __call__(self, request: HttpRequest) -> User | None:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


def bearer_token(request: HttpRequest) -> str:
    """The raw token of `Authorization: Bearer <token>`; empty without one."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def caller(request: HttpRequest) -> User:
    """The authenticated account of an API request."""
    return request.auth  # type: ignore[attr-defined]
