"""Middleware of the project's own."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse

from core.conflicts import form_status
from core.forms import FORM_TYPES
from core.text import check_text


class QueryStringMiddleware:
    """Refuse a query string that holds a character no text input accepts
    (core.text): NUL, control, invisible and text-direction characters. The list
    filters, searches and API parameters then never meet them (NUL fails on
    PostgreSQL). The API answers 422 in its error shape, the pages 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, values in request.GET.lists():
            try:
                for text in (name, *values):
                    check_text(text, multiline=True)
            except ValidationError as e:
                return self._refuse(request, name, " ".join(e.messages))
        return self.get_response(request)

    def _refuse(self, request: HttpRequest, name: str, message: str) -> HttpResponse:
        if request.path.startswith(reverse("api:api-root")):
            body = {"detail": message, "errors": {name: [message]}}
            return JsonResponse(
                body, status=422, json_dumps_params={"ensure_ascii": False}
            )
        return render(request, "400.html", {"message": message}, status=400)


class RefusedFormStatusMiddleware:
    """422 for the class-based views (Django's sign-in and password pages) that
    show a form again with its errors; the function views use core.forms.render_form
    to the same end."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_template_response(
        self, request: HttpRequest, response: TemplateResponse
    ) -> TemplateResponse:
        context = response.context_data
        if response.status_code == 200 and isinstance(context, dict):
            forms = [v for v in context.values() if isinstance(v, FORM_TYPES)]
            response.status_code = form_status(*forms)
        return response
