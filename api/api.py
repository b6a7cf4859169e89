"""The JSON API under /api/v1/: OpenAPI at openapi.json, interactive docs at docs.

Every endpoint but `POST /auth/token` needs a bearer token or a logged-in session.
Every answer is JSON, errors included (api/errors.py)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger
from ninja.operation import Operation
from ninja.renderers import JSONRenderer

from api.auth import BearerAuth, SessionAuth
from api.errors import error_body, install_error_handlers
from api.routers import (
    agenda,
    attestation,
    auth,
    competencies,
    compliance,
    consultations,
    events,
    internships,
    legal_acts,
    me,
    mentorships,
    municipal_report,
    municipalities,
    notifications,
    organizations,
    overview,
    people,
    plan_forms,
    plan_items,
    plan_reports,
    plans,
    positions,
    reserve,
    studies,
    study_tests,
    timeline,
)


class Renderer(JSONRenderer):
    """UTF-8 JSON with Russian text as is, not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class Docs(Swagger):
    """ninja's Swagger UI page, made to pass WCAG 2.1 AA: in Russian by its
    <html lang> (3.1.1), without the deep-link anchors it nests inside each
    operation's button (4.1.2), with its low-contrast colours darkened by our own
    sheet (1.4.3, static/css/api-docs.css) and its unnamed selects named and its
    scrollable examples focusable by our own script (static/js/api-docs.js)."""

    def __init__(self) -> None:
        super().__init__(settings={"deepLinking": False})

    def render_page(
        self, request: HttpRequest, api: NinjaAPI, **kwargs: Any
    ) -> HttpResponse:
        response = super().render_page(request, api, **kwargs)
        sheet = (
            f'<link rel="stylesheet" href="{static("css/api-docs.css")}">'
            f'<script src="{static("js/api-docs.js")}" defer></script>'
        )
        content = response.content.replace(b"<html>", b'<html lang="ru">', 1)
        response.content = content.replace(b"</head>", sheet.encode() + b"\n</head>", 1)
        return response


def docs_access(view: Callable) -> Callable:
    """The docs and the schema: public when API_DOCS_PUBLIC, else for a signed-in
    user only (the docs page sends a visitor to sign in, the schema answers 401)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.API_DOCS_PUBLIC or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            body = error_body(_("Sign in to read the API's description."))
            return api.create_response(request, body, status=401)
        return redirect_to_login(request.get_full_path())

    return wrapper


class Api(NinjaAPI):
    """NinjaAPI that answers unknown URLs and methods in JSON too."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        # ninja ends with its root view, which raises an HTML 404; keep its name
        # (ninja reverses it for the OpenAPI paths) but answer in JSON.
        *urls, _root = super()._get_urls()
        for url in urls:
            if isinstance(url, URLPattern):
                url.callback = self._json_method_not_allowed(url.callback)
        unknown = csrf_exempt(self._unknown_url)
        return [
            *urls,
            path("", unknown, name="api-root"),
            re_path(r"^.+$", unknown, name="unknown"),
        ]

    def _unknown_url(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        body = error_body(_("There is no such address in the API."))
        return self.create_response(request, body, status=404)

    def _json_method_not_allowed(self, view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if response.status_code != 405:
                return response
            detail = _("The method %(method)s is not allowed here.") % {
                "method": request.method
            }
            json = self.create_response(request, error_body(detail), status=405)
            json["Allow"] = response["Allow"]
            return json

        wrapper.csrf_exempt = True  # type: ignore[attr-defined]
        return wrapper


api = Api(
    title="Наставник API",
    version="1",
    urls_namespace="api",
    auth=[BearerAuth(), SessionAuth()],
    renderer=Renderer(),
    docs=Docs(),
    docs_decorator=docs_access,
)
install_error_handlers(api)
for module in (
    auth,
    municipalities,
    organizations,
    people,
    positions,
    reserve,
    mentorships,
    plan_forms,
    plans,
    plan_items,
    events,
    internships,
    consultations,
    legal_acts,
    studies,
    study_tests,
    competencies,
    compliance,
    attestation,
    plan_reports,
    timeline,
    notifications,
    overview,
    municipal_report,
    me,
    agenda,
):
    api.add_router("", module.router)
