"""Every API error as `{"detail": "…", "errors": {field: [messages]}}`, in Russian.

design.md §5: statuses 400/401/403/404/409/422 and never a stack trace."""

import logging
from typing import Any

from django.core import signals
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.log import log_response
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from api.validation import field_errors
from core.conflicts import StaleVersionError
from core.uploads import NOT_MULTIPART_MESSAGE

logger = logging.getLogger("django.request")

# The services name relations as the models do; the API calls them `…_id`.
FIELD_ALIASES = {
    "act": "act_id",
    "copy_from": "copy_from_id",
    "head": "head_id",
    "item": "item_id",
    "mentor": "mentor_id",
    "municipality": "municipality_id",
    "organization": "organization_id",
    "person": "person_id",
    "plan_item": "plan_item_id",
    "position": "position_id",
    "questions": "question_ids",
    "reserve_entry": "reserve_entry_id",
    "section": "section_id",
    "target_position": "target_position_id",
}


def error_body(detail: str, errors: dict[str, list[str]] | None = None) -> dict:
    """The one error shape of the API."""
    return {"detail": detail, "errors": errors or {}}


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every failure of an endpoint with the API's error shape."""

    def respond(
        request: HttpRequest,
        status: int,
        detail: str,
        errors: dict[str, list[str]] | None = None,
    ) -> HttpResponse:
        return api.create_response(request, error_body(detail, errors), status=status)

    def request_invalid(
        request: HttpRequest, exc: NinjaValidationError
    ) -> HttpResponse:
        detail = _("The request contains invalid data.")
        return respond(request, 422, detail, field_errors(exc.errors))

    def data_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        general: list[str] = []
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                if field == NON_FIELD_ERRORS:
                    general.extend(messages)
                else:
                    errors[FIELD_ALIASES.get(field, field)] = messages
        else:
            general = exc.messages
        detail = " ".join(general) or _("The data did not pass validation.")
        return respond(request, 400, detail, errors)

    def not_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        # Django parses the upload when ninja asks for the file: a body without a
        # boundary, or cut short, is the client's fault (Django's pages say 400).
        return respond(request, 400, str(NOT_MULTIPART_MESSAGE))

    def not_authenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        response = respond(request, 401, _("Authentication required."))
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 403, _("You do not have permission for this action."))

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, _("Object not found."))

    def conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        logger.warning("API integrity conflict at %s: %s", request.path, exc)
        return respond(
            request,
            409,
            _(
                "The record conflicts with data saved in the meantime. Reload and retry."
            ),
        )

    def stale(request: HttpRequest, exc: StaleVersionError) -> HttpResponse:
        # A ValidationError too: ninja picks the handler of the nearest class.
        return respond(request, 409, " ".join(exc.messages))

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, _http_error_detail(exc))

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # As Django does for an unhandled exception: tell the test client, log it
        # (the log mails the admins in production), and show no traceback.
        signals.got_request_exception.send(sender=None, request=request)
        response = respond(request, 500, _("Internal server error. Try again later."))
        log_response(
            "%s: %s",
            "Internal Server Error",
            request.path,
            response=response,
            request=request,
            exception=exc,
        )
        return response

    handlers: list[tuple[type[Exception], Any]] = [
        (Exception, server_error),
        (NinjaValidationError, request_invalid),
        (DjangoValidationError, data_invalid),
        (HttpError, http_error),
        (MultiPartParserError, not_multipart),
        (AuthenticationError, not_authenticated),
        (AuthorizationError, forbidden),
        (PermissionDenied, forbidden),
        (Http404, not_found),
        (IntegrityError, conflict),
        (StaleVersionError, stale),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)


def _http_error_detail(exc: HttpError) -> str:
    """ninja's own HttpErrors speak English; say the same in Russian."""
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        return _("The request body is not valid JSON.")
    if exc.status_code == 403 and message.startswith("CSRF"):
        return _("The CSRF check failed. Reload the page and retry.")
    if exc.status_code == 403:
        return _("You do not have permission for this action.")
    if exc.status_code == 429:
        return _("Too many requests. Try again later.")
    return _("The request cannot be processed.")
