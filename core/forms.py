"""Form helpers shared by the apps' HTML views."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.conflicts import form_status
from core.text import multiline_text, single_line_text

FORM_TYPES = (forms.BaseForm, forms.BaseFormSet)


class TextCheckedForm(forms.BaseForm):
    """Every form of the pages mixes this in (a test checks it): its text fields
    refuse control, invisible and text-direction characters (core.text), and a
    text field that is not a <textarea> refuses tab and line breaks too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multiline = isinstance(field.widget, forms.Textarea)
                field.validators.append(
                    multiline_text if multiline else single_line_text
                )


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form
    has that field, above the form otherwise (never a 500 for a field the form
    does not show)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def render_form(
    request: HttpRequest,
    template_name: str,
    context: dict[str, Any],
    status: int = 200,
    nested: Iterable[forms.BaseForm | None] = (),
) -> HttpResponse:
    """`render()` for a page that shows a form again after a POST: 422 when a form
    of the context refused its input, 409 when one lost a race (form_status).
    htmx swaps both (the htmx-config in base.html), so the errors show either way.
    A status the caller sets other than 200 stands; `nested` adds the forms that the
    context holds deeper than its top level."""
    if status == 200:
        status = form_status(
            *(v for v in context.values() if isinstance(v, FORM_TYPES)), *nested
        )
    return render(request, template_name, context, status=status)
